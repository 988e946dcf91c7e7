// The CLI (dist/server/cli.js) on the Ruby fixtures (rack-cors, Rails, Sinatra, Rack): which rule fires on which
// line, nothing on the correct ones, and `--fix` on copies: the fixed text gives none of the fixed findings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { root } from '../helpers.mjs';

const cli = (args, cwd = root) => {
  const r = spawnSync(process.execPath, [join(root, 'dist/server/cli.js'), ...args], { cwd, encoding: 'utf8', timeout: 60000 });
  assert.ok(r.status === 0 || r.status === 1, r.stderr);
  return r;
};

function findings(dir) {
  const out = [];
  for (const f of JSON.parse(cli(['--format', 'json', dir]).stdout)) for (const m of f.messages) out.push(`${relative(dir, f.filePath)}:${m.line}:${m.column} ${m.ruleId}`);
  return out.sort();
}

test('cli: Ruby fixtures', () => {
  assert.deepEqual(findings(join(root, 'test/fixtures/ruby')), [
    // use Rack::Cors with `origins { |source, env| true }` and credentials
    'config.ru:6:13 reflected-origin-with-credentials',
    // half-typed: the complete block is read, the one being typed (`credentials:` without a value) says nothing
    'half_typed_option.rb:3:14 invalid-allowlist-entry',
    'initializer_allowlist.rb:4:41 invalid-allowlist-entry',
    'initializer_allowlist.rb:9:23 max-age-over-browser-cap',
    "initializer_wildcard_credentials.rb:3:14 wildcard-origin-with-credentials",
    // a Rack app's [status, headers, body] with * and credentials; the middleware beside it checks an allowlist
    'rack_app.rb:3:85 wildcard-origin-with-credentials',
    // the large application config: a partner entry with a slash, a long max-age, credentials on a public feed
    'rails_application_large.rb:31:7 invalid-allowlist-entry',
    'rails_application_large.rb:49:27 max-age-over-browser-cap',
    'rails_application_large.rb:66:18 wildcard-origin-with-credentials',
    'rails_controller_echo.rb:5:56 missing-vary-origin',
    'rails_controller_echo.rb:5:56 reflected-origin',
    'rails_controller_echo.rb:6:62 invalid-credentials-value',
    'rails_controller_echo.rb:7:69 method-case-mismatch',
    // only the entries that can never match: '*.example.com' (no scheme, literal *) and 'https://*.example.com'
    'schemeless_entries.rb:3:69 invalid-allowlist-entry',
    'schemeless_entries.rb:3:86 invalid-allowlist-entry',
    // the large Sinatra API: the dashboard helper (called by the `before '/api/*'` filter) checks an allowlist;
    // the preflight route it covers caches for a day; a legacy route sends * with credentials; the status
    // route (outside /api/*: no credentials from the filter) echoes the Origin (or *) without Vary
    'sinatra_api_large.rb:51:44 max-age-over-browser-cap',
    'sinatra_api_large.rb:71:49 wildcard-origin-with-credentials',
    'sinatra_api_large.rb:78:49 missing-vary-origin',
    'sinatra_api_large.rb:78:49 reflected-origin',
    'sinatra_reflect.rb:5:44 missing-vary-origin',
    'sinatra_reflect.rb:5:44 reflected-origin-with-credentials',
    // vary: 'Accept-Encoding' replaces rack-cors' Vary: Origin
    'vary_override.rb:3:5 missing-vary-origin',
  ]);
});

test('cli: --fix on the Ruby fixtures leaves none of the fixed findings', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'cors-lint-ruby-'));
  try {
    const files = ['initializer_allowlist.rb', 'rails_controller_echo.rb', 'rails_application_large.rb'];
    for (const f of files) copyFileSync(join(root, 'test/fixtures/ruby', f), join(tmp, f));
    cli(['--fix', '--format', 'json', tmp]);
    const after = findings(tmp);
    assert.deepEqual(after, [
      // no safe preferred fix: the public feed needs a choice (an allowlist, or no credentials)
      'rails_application_large.rb:66:18 wildcard-origin-with-credentials',
      'rails_controller_echo.rb:5:56 missing-vary-origin',
      'rails_controller_echo.rb:5:56 reflected-origin',
      // `True` → `true` would turn the reflection into one with credentials: fix-all keeps the text as it is
      'rails_controller_echo.rb:6:62 invalid-credentials-value',
    ]);
    const a = readFileSync(join(tmp, 'initializer_allowlist.rb'), 'utf8');
    assert.match(a, /origins 'https:\/\/app\.example\.com', 'https:\/\/admin\.example\.com'\n/);
    assert.match(a, /max_age: 7200\n/);
    const b = readFileSync(join(tmp, 'rails_controller_echo.rb'), 'utf8');
    assert.match(b, /'Access-Control-Allow-Credentials', 'True'/);
    assert.match(b, /'GET, POST, PATCH'/);
    const c = readFileSync(join(tmp, 'rails_application_large.rb'), 'utf8');
    assert.match(c, /^      https:\/\/shop\.partner-two\.de$/m);
    assert.match(c, /max_age: 7200\n/);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});
