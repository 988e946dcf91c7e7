// The CLI (dist/server/cli.js --format json) on the Koa, Hono, hapi, Fetch-API, next.config and static-hosting
// (vercel.json, firebase.json, staticwebapp.config.json) fixtures: which rule fires on which
// line, and that the valid fixtures give nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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
    // hand-written headers on ctx (koa/handWritten.ts)
    'hw-half-typed.js:5 wildcard-origin-with-credentials',
    'hw-options-preflight.js:10 max-age-over-browser-cap',
    'hw-options-preflight.js:15 duplicate-allow-origin',
    'hw-options-preflight.js:8 method-case-mismatch',
    'hw-presence-only.ts:8 reflected-origin-with-credentials',
    'hw-reflect-credentials.js:5 missing-vary-origin',
    'hw-reflect-credentials.js:5 reflected-origin-with-credentials',
    'hw-wildcard-credentials.js:6 wildcard-origin-with-credentials',
    // beside @koa/cors: ctx.append adds a second Allow-Origin, ctx.set replaces its value
    'hw-with-koa-cors.js:12 duplicate-allow-origin',
    'hw-with-koa-cors.js:18 reflected-origin-with-credentials',
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
    // hand-written headers on c (hono/handWritten.ts)
    'hw-half-typed.ts:6 missing-vary-origin',
    'hw-half-typed.ts:6 reflected-origin-with-credentials',
    'hw-options-preflight.ts:10 missing-allow-headers',
    'hw-options-preflight.ts:19 duplicate-allow-origin',
    'hw-presence-only.ts:7 reflected-origin-with-credentials',
    'hw-reflect-credentials.ts:6 missing-vary-origin',
    'hw-reflect-credentials.ts:6 reflected-origin-with-credentials',
    'hw-wildcard-credentials.ts:7 wildcard-origin-with-credentials',
    // beside hono/cors (origin '*'): c.json's headers lose to its '*' but add credentials; append adds;
    // c.header replaces
    'hw-with-hono-cors.ts:13 duplicate-allow-origin',
    'hw-with-hono-cors.ts:19 missing-vary-origin',
    'hw-with-hono-cors.ts:19 reflected-origin-with-credentials',
    'hw-with-hono-cors.ts:6 wildcard-origin-with-credentials',
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
    // hand-written headers on responses (hapi/handWritten.ts)
    'hw-half-typed.js:8 wildcard-origin-with-credentials',
    'hw-options-preflight.js:13 missing-allow-headers',
    'hw-options-preflight.js:14 max-age-over-browser-cap',
    'hw-options-preflight.js:15 duplicate-allow-origin',
    'hw-presence-only.js:13 reflected-origin-with-credentials',
    'hw-reflect-credentials.js:8 missing-vary-origin',
    'hw-reflect-credentials.js:8 reflected-origin-with-credentials',
    'hw-wildcard-credentials.js:8 wildcard-origin-with-credentials',
    // the route cors setting adds Vary: origin; origins it does not list get the hand-written echo
    'hw-with-route-cors.js:11 reflected-origin-with-credentials',
    'misspelled-option.js:4 misspelled-cors-header',
    'misspelled-option.js:4 misspelled-cors-header',
    'options-by-name.js:4 null-origin-allowed',
    'options-by-name.js:5 max-age-over-browser-cap',
    'route-star-credentials.js:9 reflected-origin-with-credentials',
    'route-trailing-slash.js:7 invalid-allowlist-entry',
    'server-credentials-default-origin.js:7 reflected-origin-with-credentials',
  ]);
});

test('cli: Fetch-API fixtures', () => {
  assert.deepEqual(findings('fetch'), [
    // res.headers.append adds a second value to the one the Response started with
    'bun-duplicate.ts:6 duplicate-allow-origin',
    'deno-reflect.ts:6 missing-vary-origin',
    'deno-reflect.ts:6 reflected-origin-with-credentials',
    // only the Fetch handler's write: the Express route sends * without credentials, and neither write is read twice
    'express-and-fetch.js:13 wildcard-origin-with-credentials',
    // half-typed: the complete OPTIONS handler before the broken one is still read (and sets no Allow-Headers)
    'half-typed.ts:2 missing-allow-headers',
    'half-typed.ts:2 wildcard-origin-with-credentials',
    'middleware.ts:6 missing-vary-origin',
    'middleware.ts:6 reflected-origin-with-credentials',
    // the middleware of Next's documentation: the allowlisted Origin echoed without Vary (its preflight record,
    // built from a conditional spread, is not read: no finding there)
    'next-docs-middleware.ts:27 missing-vary-origin',
    // export const OPTIONS = () => …: the preflight answer without Allow-Headers
    'route-arrow-exports.ts:7 missing-allow-headers',
    'route.ts:17 invalid-allow-origin-value',
    'route.ts:8 invalid-allow-origin-value',
    // the constant's entry, once for the two responses it is spread into
    'supabase-credentials.ts:3 wildcard-origin-with-credentials',
  ]);
});

test('cli: next.config fixtures', () => {
  assert.deepEqual(findings('nextjs'), [
    // the entries before the half-typed header object are read
    'half-typed/next.config.js:7 wildcard-origin-with-credentials',
    'same-source-override/next.config.cjs:18 invalid-allow-origin-value',
    'star-credentials/next.config.js:9 wildcard-origin-with-credentials',
    'typed-wrapped/next.config.ts:9 invalid-allow-origin-value',
  ]);
});

test('cli: static-hosting config fixtures (vercel.json, firebase.json, staticwebapp.config.json)', () => {
  assert.deepEqual(findings('hosting'), [
    'azure-global-credentials/staticwebapp.config.json:3 wildcard-origin-with-credentials',
    // the globalHeaders before the half-typed route are read; the cut-off route value stays unknown
    'azure-half-typed/staticwebapp.config.json:3 wildcard-origin-with-credentials',
    // the route's own origin replaces the global `*`, so its credentials are no finding; its Max-Age is
    'azure-route-override/staticwebapp.config.json:12 max-age-over-browser-cap',
    'firebase-sites/firebase.json:10 wildcard-origin-with-credentials',
    'firebase-trailing-slash/firebase.json:9 invalid-allow-origin-value',
    'vercel-list-maxage/vercel.json:6 invalid-allow-origin-value',
    'vercel-list-maxage/vercel.json:7 max-age-over-browser-cap',
    'vercel-list-maxage/vercel.json:8 misspelled-cors-header',
    'vercel-star-credentials/vercel.json:8 wildcard-origin-with-credentials',
  ]);
});

// Hand-written headers on Koa's ctx and Hono's c: every finding once, whichever extractors read the file
// (Express reads `res.set` on Express/Node responses, not these; the library extractors add their own).
test('cli: hand-written Koa and Hono headers are reported once across all extractors', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cors-lint-js-writes-'));
  try {
    writeFileSync(
      join(dir, 'koa-app.js'),
      "const Koa = require('koa');\nconst app = new Koa();\n" +
        'app.use(async (ctx, next) => {\n' +
        "  ctx.set('Access-Control-Allow-Origin', ctx.get('Origin'));\n" +
        "  ctx.set('Access-Control-Allow-Credentials', 'true');\n" +
        '  await next();\n});\n',
    );
    writeFileSync(
      join(dir, 'hono-app.ts'),
      "import { Hono } from 'hono';\nconst app = new Hono();\n" +
        "app.use('*', async (c, next) => {\n" +
        "  c.header('Access-Control-Allow-Origin', c.req.header('Origin'));\n" +
        "  c.header('Access-Control-Allow-Credentials', 'true');\n" +
        '  await next();\n});\n' +
        "app.get('/api/data', async (c, next) => {\n  await next();\n  c.res.headers.set('Access-Control-Allow-Origin', '*');\n});\n",
    );
    const r = spawnSync(process.execPath, [join(root, 'dist/server/cli.js'), '--format', 'json', dir], { cwd: root, encoding: 'utf8', timeout: 60000 });
    assert.equal(r.status, 1, r.stderr);
    const got = JSON.parse(r.stdout)
      .flatMap((f) => f.messages.map((m) => `${relative(dir, f.filePath)}:${m.line}:${m.column} ${m.ruleId}`))
      .sort();
    assert.deepEqual(got, [
      // the route's c.res.headers.set after next() replaces the echo with '*' (credentials still on)
      'hono-app.ts:10:53 wildcard-origin-with-credentials',
      'hono-app.ts:4:43 missing-vary-origin',
      'hono-app.ts:4:43 reflected-origin-with-credentials',
      'koa-app.js:4:42 missing-vary-origin',
      'koa-app.js:4:42 reflected-origin-with-credentials',
    ]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
