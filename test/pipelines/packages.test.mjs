// What users install: the .vsix as `npm run package` makes it (server/package.mjs, run as a command) and
// the npm package as `npm pack` makes it (the pre-commit hook and the CI recipe install that one).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from '../helpers.mjs';
import { zipEntries } from '../../server/package.mjs';

const tmp = mkdtempSync(join(tmpdir(), 'cors-lint-packages-'));
after(() => rmSync(tmp, { recursive: true, force: true }));
const pages = readdirSync(join(root, 'docs/rules')).map((f) => `docs/rules/${f}`);

test('the .vsix: the README for extension users as readme.md, its screenshot, the rule pages', () => {
  const out = join(tmp, 'cors-lint.vsix');
  const r = spawnSync(process.execPath, [join(root, 'server/package.mjs'), '--out', out], { cwd: root, encoding: 'utf8', timeout: 180_000 });
  assert.equal(r.status, 0, r.stdout + r.stderr); // package.mjs checks contents, size and the readme's links
  const entries = zipEntries(out);
  const readme = entries.get('extension/readme.md')().toString('utf8');
  assert.match(readme, /^# cors-lint\n/);
  assert.doesNotMatch(readme, /npm ci/, 'not the developer README');
  assert.match(readme, /!\[[^\]]+\]\(docs\/extension\/screenshot\.png\)/, 'the image link resolves from the package root');
  assert.deepEqual(entries.get('extension/docs/extension/screenshot.png')(), readFileSync(join(root, 'docs/extension/screenshot.png')));
  for (const p of pages) assert.ok(entries.has(`extension/${p}`), p);
  assert.ok(![...entries.keys()].some((e) => /^extension\/README\.md$/.test(e)), 'the developer README stays out');
  assert.doesNotMatch(entries.get('extension/package.json')().toString('utf8'), /"repository"/);
});

test('the npm package: CLI and server bundles, their .wasm files and the rule pages; no sources or maps', () => {
  const r = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.status, 0, r.stderr);
  const files = JSON.parse(r.stdout)[0].files.map((f) => f.path);
  const wasm = readdirSync(join(root, 'dist/server/wasm')).map((f) => `dist/server/wasm/${f}`);
  for (const want of ['dist/server/cli.js', 'dist/server/main.js', ...wasm, ...pages]) assert.ok(files.includes(want), `missing ${want}`);
  assert.ok(!files.some((f) => f.endsWith('.map') || /^(server|client|test|dist\/lib|node_modules)\//.test(f)), files.join('\n'));
});
