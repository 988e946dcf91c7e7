// The CLI (dist/server/cli.js --format json) on the edge and proxy config fixtures — Netlify / Cloudflare Pages
// header rules (netlify.toml, _headers) —: exactly which rule fires at which line, and nothing on correct files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join, relative } from 'node:path';
import { root } from '../helpers.mjs';

function findings(folder) {
  const dir = join(root, 'test/fixtures', folder);
  const r = spawnSync(process.execPath, [join(root, 'dist/server/cli.js'), '--format', 'json', dir], { cwd: root, encoding: 'utf8', timeout: 60000 });
  assert.ok(r.status === 0 || r.status === 1, r.stderr);
  return JSON.parse(r.stdout)
    .flatMap((f) => f.messages.map((m) => `${relative(dir, f.filePath).replace(/\\/g, '/')}:${m.line}:${m.column} ${m.ruleId}`))
    .sort();
}

test('cli: netlify.toml and _headers fixtures', () => {
  assert.deepEqual(findings('static-headers'), [
    // two Allow-Origin lines for one path: sent joined, `a, b`
    'headers-duplicate-origin/_headers:4:3 duplicate-allow-origin',
    // the rule read as far as it is written
    'headers-half-typed/_headers:2:32 wildcard-origin-with-credentials',
    'headers-pages-site/_headers:15:32 wildcard-origin-with-credentials',
    'headers-pages-site/_headers:22:37 invalid-credentials-value',
    'headers-pages-site/_headers:23:27 max-age-over-browser-cap',
    // a second block of the same path adds its Allow-Credentials to the first one's
    'headers-pages-site/_headers:36:3 duplicate-allow-origin',
    'netlify-inline-values/netlify.toml:3:45 wildcard-origin-with-credentials',
    'netlify-site/netlify.toml:60:31 max-age-over-browser-cap',
    'netlify-site/netlify.toml:66:38 invalid-allow-origin-value',
    'netlify-site/netlify.toml:67:5 misspelled-cors-header',
    'netlify-star-credentials/netlify.toml:11:48 method-case-mismatch',
    'netlify-star-credentials/netlify.toml:9:36 wildcard-origin-with-credentials',
  ]);
});
