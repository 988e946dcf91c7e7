// Koa + @koa/cors 5.0.0: fixture snapshots, the library's semantics, and fixes in Koa's form.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import koa from '../../dist/lib/extract/koa/index.js';
import { applyEdits, fixtureSet, matchSnapshot, renderFacts, str } from '../helpers.mjs';

const { dir, fixtures, run } = fixtureSet(koa, 'koa');
const one = async (f) => {
  const r = await run(f);
  assert.equal(r.facts.policies.length, 1, f);
  return { ...r, p: r.facts.policies[0] };
};

test('koa: snapshots of every fixture', async () => {
  assert.ok(fixtures.length >= 10);
  for (const f of fixtures) {
    const { facts, text } = await run(f);
    matchSnapshot(join(dir, '__snapshots__', f + '.facts.txt'), renderFacts(facts, text));
  }
});

test('koa: files without @koa/cors yield nothing', async () => {
  for (const f of ['no-cors.js', 'other-cors-package.js']) assert.equal((await run(f)).facts.policies.length, 0, f);
  assert.equal(koa.mayContain("import cors from '@koa/cors'"), true);
  assert.equal(koa.mayContain("const cors = require('cors')"), false);
});

test('koa: cors() sends *, Vary always, default methods, request headers reflected, 204 preflight', async () => {
  const { p, text } = await one('default-cors.js');
  assert.equal(p.library, '@koa/cors');
  assert.equal(p.origin.kind, 'any');
  assert.equal(p.credentials, false);
  assert.equal(p.vary, 'library');
  assert.deepEqual(p.methods.items.map((i) => i.value), ['GET', 'HEAD', 'PUT', 'POST', 'DELETE', 'PATCH']);
  assert.equal(p.allowHeaders.kind, 'reflect-request');
  assert.equal(p.answersPreflight, true);
  assert.equal(p.emits, 'always');
  assert.equal(p.scope.label, 'app');
  assert.equal(str(text, p.span), 'cors()');
});

test("koa: credentials with origin '*' (or the default) echo the request Origin", async () => {
  for (const f of ['credentials-default-origin.js', 'star-credentials.ts']) {
    const { p } = await one(f);
    assert.equal(p.origin.kind, 'reflect', f);
    assert.equal(p.origin.libraryAllowAll, true, f);
    assert.equal(p.credentials, true, f);
  }
});

test('koa: a string origin is sent verbatim; an array becomes several header lines', async () => {
  assert.deepEqual((await one('single-origin.mjs')).p.origin.kind, 'static');
  const { p } = await one('origin-array.js');
  assert.equal(p.origin.kind, 'static');
  assert.equal(p.origin.value, 'https://app.example.com, https://admin.example.com');
  assert.equal((await one('options-by-name.js')).p.origin.kind, 'null');
});

test('koa: origin functions read with the engine', async () => {
  const list = (await one('origin-function-allowlist.ts')).p;
  assert.equal(list.origin.kind, 'list');
  assert.deepEqual(list.origin.entries.map((e) => e.value), ['https://app.example.com', 'https://admin.example.com']);
  assert.equal((await one('origin-function-reflect.js')).p.origin.kind, 'reflect');
  const weak = (await one('origin-function-suffix.js')).p;
  assert.equal(weak.origin.kind, 'pattern');
  assert.equal(weak.origin.check.kind, 'suffix');
});

test('koa: options passed by name, keepHeadersOnError false, unknown values', async () => {
  const { p, text } = await one('options-by-name.js');
  assert.equal(p.emits, 'success-only');
  assert.equal(str(text, p.maxAge.span), '86400');
  assert.deepEqual(p.allowHeaders.items.map((i) => i.value), ['Content-Type', 'Authorization']);
  assert.equal((await one('env-origin.ts')).p.origin.kind, 'unknown');
  const spread = (await one('spread-options.js')).p;
  assert.equal(spread.origin.kind, 'unknown');
  assert.equal(spread.credentials, 'unknown');
  const typo = (await one('misspelled-option.js')).p;
  assert.deepEqual(typo.unknownOptions.map((u) => u.name.value), ['allowedHeaders', 'credential']);
});

async function fix(file, req) {
  const { facts, file: f, text, p } = await one(file);
  const edits = koa.renderFix({ ...req, policyId: p.id }, facts, f);
  assert.ok(edits.length > 0, 'fix produced edits');
  const out = applyEdits(text, edits);
  return { out, again: (await run(file, out)).facts.policies[0] };
}

test('koa: fixes in @koa/cors form', async () => {
  let r = await fix('credentials-default-origin.js', { kind: 'set-origins', origins: ['https://app.example.com'] });
  assert.match(r.out, /cors\(\{ origin: 'https:\/\/app\.example\.com', credentials: true \}\)/);
  assert.equal(r.again.origin.kind, 'static');
  r = await fix('default-cors.js', { kind: 'set-origins', origins: ['https://a.example.com', 'https://b.example.com'] });
  assert.match(r.out, /cors\(\{ origin: \(ctx\) => \(\['https:\/\/a\.example\.com', 'https:\/\/b\.example\.com'\]\.includes\(ctx\.get\('Origin'\)\)/);
  assert.equal(r.again.origin.kind, 'list');
  r = await fix('star-credentials.ts', { kind: 'remove-credentials' });
  assert.doesNotMatch(r.out, /credentials/);
  assert.equal(r.again.origin.kind, 'any');
});

test('koa: options changed anywhere in the file are unknown; a comment or a read changes nothing', async () => {
  const origin = async (extra) =>
    (await run('x.js', `const cors = require('@koa/cors');\nconst o = { origin: 'https://a.com' };\n${extra}\napp.use(cors(o));\n`)).facts.policies[0].origin.kind;
  for (const change of ["o['origin'] = x;", 'function later() { o.origin = x; }', 'Object.assign(o, extra);', "Object.defineProperty(o, 'origin', { value: x });"]) {
    assert.equal(await origin(change), 'unknown', change);
  }
  for (const same of ['// o.origin = x;', "const s = 'o.origin = x';", 'if (o.origin == x) f();']) assert.equal(await origin(same), 'static', same);
});
