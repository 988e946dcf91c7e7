// The editor configs in editors/: the README shows them byte for byte, and each one names ids the server
// reads. (The Neovim 0.7 config is run in a real Neovim by test/editors/neovim.test.mjs.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { root } from '../helpers.mjs';
import { extractorsFor } from '../../dist/lib/service/analyze.js';

const TRUSTED = 'https://app.example.com';

function filesUnder(dir) {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? filesUnder(p) : [relative(root, p).split('\\').join('/')];
  });
}

/** README blocks announced by `<!-- file: PATH -->` on the line before the opening fence. */
function readmeBlocks() {
  const text = readFileSync(join(root, 'README.md'), 'utf8');
  const blocks = new Map();
  for (const m of text.matchAll(/^<!-- file: (\S+) -->\n```[a-z]*\n([\s\S]*?)^```$/gm)) {
    assert.ok(!blocks.has(m[1]), `${m[1]} is shown twice`);
    blocks.set(m[1], m[2]);
  }
  return { text, blocks };
}

test("the README's editor configs are the files in editors/, byte for byte", () => {
  const { text, blocks } = readmeBlocks();
  const files = filesUnder(join(root, 'editors')).sort();
  assert.ok(files.length >= 3, files.join(', '));
  assert.deepEqual([...blocks.keys()].sort(), files, 'every file in editors/ is shown once, and only those');
  for (const f of files) assert.equal(blocks.get(f), readFileSync(join(root, f), 'utf8'), `README block for ${f}`);
  assert.doesNotMatch(text, /installed with\s+the package/, 'the package is private: nothing installs the bin but the tarball');
});

/** The buffer is read as some format: by its id, or (generic ids) by the file name given. */
function readsId(languageId, path = '/p/file') {
  return extractorsFor(path, languageId).length > 0;
}

test('every filetype of the Neovim configs is read by the server', () => {
  for (const f of ['editors/neovim/cors_lint.lua', 'editors/neovim/cors_lint_0_11.lua']) {
    const lua = readFileSync(join(root, f), 'utf8');
    const list = /filetypes = \{([^}]*)\}/.exec(lua)[1].match(/'[^']+'/g).map((s) => s.slice(1, -1));
    assert.ok(list.includes('apache') && !list.includes('apacheconf'), `${f}: Neovim's filetype is apache`);
    for (const ft of list) {
      // Generic ones (xml, conf) are read by file name or content: a web.config, an nginx.conf.
      assert.ok(readsId(ft) || readsId(ft, '/p/web.config') || readsId(ft, '/etc/nginx/nginx.conf'), `${f}: ${ft}`);
    }
    assert.match(lua, new RegExp(`trustedOrigins = \\{ '${TRUSTED.replace(/\./g, '\\.')}' \\}`));
    assert.match(lua, /vim\.g\.cors_lint_cmd or \{ 'cors-language-server', '--stdio' \}/);
  }
});

test('editors/helix/languages.toml parses (Python tomllib) and names ids the server reads', (t) => {
  const python = '/usr/bin/python3';
  const r = spawnSync(python, ['-c', 'import json, sys, tomllib; print(json.dumps(tomllib.load(open(sys.argv[1], "rb"))))', join(root, 'editors/helix/languages.toml')], {
    encoding: 'utf8',
    timeout: 20_000,
  });
  if (r.error?.code === 'ENOENT') {
    if (process.env.CORS_LINT_ALLOW_MISSING_TOOLS === '1') return t.skip(`missing tool: ${python}`);
    assert.fail(`missing tool: ${python} (python3 >= 3.11, for tomllib) is not installed`);
  }
  assert.equal(r.status, 0, r.stderr);
  const toml = JSON.parse(r.stdout);
  const server = toml['language-server']['cors-lint'];
  assert.equal(server.command, 'cors-language-server');
  assert.deepEqual(server.args, ['--stdio']);
  assert.deepEqual(server.config, { corsLint: { trustedOrigins: [TRUSTED] } }, 'sent as initializationOptions');
  const byName = new Map(toml.language.map((l) => [l.name, l]));
  for (const name of ['javascript', 'jsx', 'typescript', 'tsx', 'python', 'php', 'nginx', 'apache', 'webconfig']) {
    const lang = byName.get(name);
    assert.ok(lang?.['language-servers'].includes('cors-lint'), name);
  }
  for (const lang of toml.language) {
    // Helix sends language-id, or else the name (its own jsx/tsx set javascriptreact/typescriptreact).
    const id = lang['language-id'] ?? lang.name;
    const sample = lang['file-types']?.[0]?.glob ?? 'file';
    assert.ok(readsId(id, `/p/${sample}`), `${lang.name} (${id}, ${sample})`);
  }
  assert.deepEqual(byName.get('apache')['file-types'].map((f) => f.glob), ['.htaccess', 'httpd.conf', 'apache2.conf']);
  assert.equal(byName.get('webconfig')['language-id'], 'xml');
});
