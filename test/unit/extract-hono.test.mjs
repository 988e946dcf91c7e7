// Hono + hono/cors 4.13.19: fixture snapshots, the middleware's semantics, and fixes in Hono's form.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import hono from '../../dist/lib/extract/hono/index.js';
import { applyEdits, fixtureSet, matchSnapshot, renderFacts, str } from '../helpers.mjs';

const { dir, fixtures, run } = fixtureSet(hono, 'hono');
const policyOf = async (f, text) => {
  const r = await run(f, text);
  assert.equal(r.facts.policies.length, 1, f);
  return { ...r, p: r.facts.policies[0] };
};

test('hono: snapshots of every fixture', async () => {
  assert.ok(fixtures.length >= 10);
  for (const f of fixtures) {
    const { facts, text } = await run(f);
    matchSnapshot(join(dir, '__snapshots__', f + '.facts.txt'), renderFacts(facts, text));
  }
});

test('hono: no hono/cors, no facts', async () => {
  assert.equal((await run('no-cors.ts')).facts.policies.length, 0);
  assert.equal(hono.mayContain("import { cors } from 'hono/cors'"), true);
  assert.equal(hono.mayContain("import { Hono } from 'hono'"), false);
});

test("hono: cors() sends * without Vary, default methods incl. QUERY, request headers reflected", async () => {
  const { p, text } = await policyOf('default-cors.ts');
  assert.equal(p.origin.kind, 'any');
  assert.equal(p.credentials, false);
  assert.equal(p.vary, 'absent');
  assert.deepEqual(p.methods.items.map((i) => i.value), ['GET', 'HEAD', 'PUT', 'POST', 'DELETE', 'PATCH', 'QUERY']);
  assert.equal(p.allowHeaders.kind, 'reflect-request');
  assert.equal(p.scope.kind, 'route');
  assert.equal(p.scope.label, 'app /api/*');
  assert.equal(str(text, p.span), 'cors()');
});

test("hono: '*' with credentials is sent literally; strings and arrays are exact allowlists with Vary", async () => {
  const star = (await policyOf('star-credentials.ts')).p;
  assert.equal(star.origin.kind, 'any');
  assert.equal(star.credentials, true);
  const list = (await policyOf('allowlist.ts')).p;
  assert.equal(list.origin.kind, 'list');
  assert.equal(list.vary, 'library');
  assert.deepEqual(list.origin.entries.map((e) => e.value), ['https://app.example.com', 'https://admin.example.com']);
  assert.equal(list.maxAge.value, '600');
  const one = (await policyOf('single-origin-trailing-slash.js')).p;
  assert.deepEqual(one.origin.entries.map((e) => e.value), ['https://app.example.com/']);
  const lit = (await policyOf('star-in-list.js')).p;
  assert.equal(lit.origin.kind, 'list');
  assert.equal(lit.origin.tolerance.starMeansAny, undefined);
});

test('hono: origin functions: the first parameter is the request Origin', async () => {
  assert.equal((await policyOf('reflect-function.ts')).p.origin.kind, 'reflect');
  const set = (await policyOf('function-allowlist.ts')).p;
  assert.equal(set.origin.kind, 'list');
  assert.deepEqual(set.origin.entries.map((e) => e.value), ['https://app.example.com', 'https://admin.example.com']);
  assert.equal((await policyOf('function-endswith.ts')).p.origin.kind, 'predicate');
  assert.equal((await policyOf('env-origin.ts')).p.origin.kind, 'unknown');
});

test('hono: fixes write an allowlist and drop credentials', async () => {
  const fix = async (f, req) => {
    const { facts, file, text, p } = await policyOf(f);
    const edits = hono.renderFix({ ...req, policyId: p.id }, facts, file);
    assert.ok(edits.length > 0);
    const out = applyEdits(text, edits);
    return { out, p: (await policyOf(f, out)).p };
  };
  let r = await fix('star-credentials.ts', { kind: 'set-origins', origins: ['https://app.example.com', 'https://admin.example.com'] });
  assert.match(r.out, /origin: \['https:\/\/app\.example\.com', 'https:\/\/admin\.example\.com'\],/);
  assert.equal(r.p.origin.kind, 'list');
  r = await fix('reflect-function.ts', { kind: 'set-origins', origins: ['https://app.example.com'] });
  assert.match(r.out, /cors\(\{ origin: 'https:\/\/app\.example\.com', credentials: true \}\)/);
  r = await fix('default-cors.ts', { kind: 'set-origins', origins: ['https://app.example.com'] });
  assert.match(r.out, /cors\(\{ origin: 'https:\/\/app\.example\.com' \}\)/);
  r = await fix('star-credentials.ts', { kind: 'remove-credentials' });
  assert.doesNotMatch(r.out, /credentials/);
});
