// The CLI (dist/server/cli.js --format json) on the Koa, Hono and hapi fixtures: which rule fires on which
// line, and that the valid fixtures give nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join, relative } from 'node:path';
import { root } from '../helpers.mjs';

function findings(folder) {
  const dir = join(root, 'test/fixtures', folder);
  const r = spawnSync(process.execPath, [join(root, 'dist/server/cli.js'), '--format', 'json', dir], { cwd: root, encoding: 'utf8', timeout: 60000 });
  assert.ok(r.status === 0 || r.status === 1, r.stderr);
  const out = [];
  for (const f of JSON.parse(r.stdout)) for (const m of f.messages) out.push(`${relative(dir, f.filePath)}:${m.line} ${m.ruleId}`);
  return out.sort();
}

test('cli: Koa fixtures', () => {
  assert.deepEqual(findings('koa'), [
    'credentials-default-origin.js:6 reflected-origin-with-credentials',
    'misspelled-option.js:5 misspelled-cors-header',
    'misspelled-option.js:5 misspelled-cors-header',
    'options-by-name.js:6 null-origin-allowed',
    'options-by-name.js:8 max-age-over-browser-cap',
    'origin-array.js:6 invalid-allow-origin-value',
    'origin-function-reflect.js:5 reflected-origin-with-credentials',
    // the `cors` package of Express: the Express extractor's finding, not a second one from Koa
    'other-cors-package.js:6 reflected-origin-with-credentials',
    'star-credentials.ts:7 reflected-origin-with-credentials',
  ]);
});

test('cli: Hono fixtures', () => {
  assert.deepEqual(findings('hono'), [
    'options-by-name.ts:5 null-origin-allowed',
    'options-by-name.ts:6 method-case-mismatch',
    'options-by-name.ts:7 max-age-over-browser-cap',
    'reflect-function.ts:5 reflected-origin-with-credentials',
    'single-origin-trailing-slash.js:6 invalid-allowlist-entry',
    'star-credentials.ts:8 wildcard-origin-with-credentials',
    'star-in-list.js:6 invalid-allowlist-entry',
  ]);
});

test('cli: hapi fixtures', () => {
  assert.deepEqual(findings('hapi'), [
    'misspelled-option.js:4 misspelled-cors-header',
    'misspelled-option.js:4 misspelled-cors-header',
    'options-by-name.js:4 null-origin-allowed',
    'options-by-name.js:5 max-age-over-browser-cap',
    'route-star-credentials.js:9 reflected-origin-with-credentials',
    'route-trailing-slash.js:7 invalid-allowlist-entry',
    'server-credentials-default-origin.js:7 reflected-origin-with-credentials',
  ]);
});
