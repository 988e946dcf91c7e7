// The CLI (dist/server/cli.js --format json) on the Fetch-API and next.config fixtures: which rule fires on which
// line (and which extractor's fact it comes from), and that the valid fixtures give nothing.
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
  for (const f of JSON.parse(r.stdout)) for (const m of f.messages) out.push(`${relative(dir, f.filePath)}:${m.line}:${m.column} ${m.ruleId}`);
  return out.sort();
}

test('cli: Fetch-API fixtures', () => {
  assert.deepEqual(findings('fetch'), [
    // res.headers.append adds a second value to the one the Response started with
    'bun-duplicate.ts:6:25 duplicate-allow-origin',
    'deno-reflect.ts:6:38 missing-vary-origin',
    'deno-reflect.ts:6:38 reflected-origin-with-credentials',
    // only the Fetch handler's write: the Express route sends * without credentials, and neither write is read twice
    'express-and-fetch.js:13:56 wildcard-origin-with-credentials',
    // half-typed: the complete OPTIONS handler before the broken one is still read (and sets no Allow-Headers)
    'half-typed.ts:2:35 wildcard-origin-with-credentials',
    'half-typed.ts:2:4 missing-allow-headers',
    'middleware.ts:6:50 missing-vary-origin',
    'middleware.ts:6:50 reflected-origin-with-credentials',
    // export const OPTIONS = () => …: the preflight answer without Allow-Headers
    'route-arrow-exports.ts:7:56 missing-allow-headers',
    'route.ts:17:48 invalid-allow-origin-value',
    'route.ts:8:39 invalid-allow-origin-value',
    // the constant's entry, once for the two responses it is spread into
    'supabase-credentials.ts:3:35 wildcard-origin-with-credentials',
  ]);
});

test('cli: next.config fixtures', () => {
  assert.deepEqual(findings('nextjs'), [
    // the entries before the half-typed header object are read
    'half-typed/next.config.js:7:57 wildcard-origin-with-credentials',
    'same-source-override/next.config.cjs:18:65 invalid-allow-origin-value',
    'star-credentials/next.config.js:9:57 wildcard-origin-with-credentials',
    'typed-wrapped/next.config.ts:9:65 invalid-allow-origin-value',
  ]);
});
