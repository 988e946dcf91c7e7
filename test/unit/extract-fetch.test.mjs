// Fetch-API responses (Deno, Bun, Workers, Supabase, Next.js route handlers and middleware): fixture
// snapshots, which writes reach which response, and fixes in the object-literal form.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import fetchEx from '../../dist/lib/extract/fetch/index.js';
import express from '../../dist/lib/extract/express/index.js';
import { applyEdits, extractWith, fixtureSet, matchSnapshot, renderFacts, str } from '../helpers.mjs';

const { dir, fixtures, run } = fixtureSet(fetchEx, 'fetch');
const policies = async (f, text) => {
  const r = await run(f, text);
  return { ...r, ps: r.facts.policies };
};

test('fetch: snapshots of every fixture', async () => {
  assert.ok(fixtures.length >= 10);
  for (const f of fixtures) {
    const { facts, text } = await run(f);
    matchSnapshot(join(dir, '__snapshots__', f + '.facts.txt'), renderFacts(facts, text));
  }
});

test('fetch: only files with a Fetch response form and a CORS header are read', () => {
  assert.equal(fetchEx.mayContain("new Response('x', { headers: { 'Access-Control-Allow-Origin': '*' } })"), true);
  assert.equal(fetchEx.mayContain("res.setHeader('Access-Control-Allow-Origin', '*')"), false);
  assert.equal(fetchEx.mayContain('new Response()'), false);
});

test('fetch: a constant spread into each response; OPTIONS branch answers the preflight', async () => {
  const { ps, facts, text } = await policies('supabase-star.ts');
  assert.equal(ps.length, 2);
  assert.deepEqual(ps.map((p) => p.answersPreflight), [true, false]);
  assert.ok(ps.every((p) => p.origin.kind === 'any' && p.allowHeaders.kind === 'list'));
  // both responses' writes point at the constant's entries
  const acao = facts.headerWrites.filter((w) => w.name === 'Access-Control-Allow-Origin');
  assert.equal(acao.length, 2);
  assert.ok(acao.every((w) => str(text, w.valueSpan) === '*' && text.slice(0, w.nameSpan.start).split('\n').length === 3));
});

test('fetch: the later key of a spread object wins', async () => {
  const { ps } = await policies('spread-override.ts');
  assert.equal(ps.length, 1);
  assert.equal(ps[0].origin.kind, 'static');
  assert.equal(ps[0].origin.value, 'https://app.example.com');
  assert.equal(ps[0].credentials, true);
});

test('fetch: Origin read from request.headers.get / next/headers, checks classified', async () => {
  const deno = (await policies('deno-reflect.ts')).ps[0];
  assert.equal(deno.origin.kind, 'reflect');
  assert.equal(deno.credentials, true);
  const weak = (await policies('next-headers-weak.ts')).ps[0];
  assert.equal(weak.origin.kind, 'pattern');
  assert.equal(weak.origin.check.kind, 'suffix');
  const list = (await policies('workers-allowlist.js')).ps[0];
  assert.equal(list.origin.kind, 'list');
  assert.deepEqual(list.origin.entries.map((e) => e.value), ['https://app.example.com', 'https://admin.example.com']);
  assert.equal(list.vary, 'explicit');
});

test('fetch: Next.js handlers and middleware', async () => {
  const route = (await policies('route.ts')).ps;
  assert.deepEqual(route.map((p) => [p.scope.label, p.answersPreflight]), [['function OPTIONS', true], ['function GET', false]]);
  const arrows = (await policies('route-arrow-exports.ts')).ps;
  assert.deepEqual(arrows.map((p) => [p.scope.label, p.answersPreflight]), [['function OPTIONS', true], ['function PUT', false]]);
  // `progress.headers` is a Map of something else, not a response's headers
  assert.ok(arrows.every((p) => p.origin.kind === 'static'));
  const mw = (await policies('middleware.ts')).ps;
  assert.equal(mw.length, 1);
  assert.equal(mw[0].origin.kind, 'reflect');
  assert.equal(mw[0].credentials, true);
});

test('fetch: an appended second ACAO reaches the same response', async () => {
  const { facts } = await run('bun-duplicate.ts');
  assert.equal(facts.responses.length, 1);
  assert.equal(facts.responses[0].writeIds.length, 2);
});

test('fetch: request headers, client fetches and broken code give no policy', async () => {
  assert.equal((await policies('client-headers.ts')).ps.length, 0);
  assert.equal((await policies('no-cors.ts')).ps.length, 0);
  const half = (await policies('half-typed.ts')).ps;
  assert.equal(half.length, 1);
  assert.equal(half[0].scope.label, 'function OPTIONS');
});

test('fetch and express: each reads only its own write forms', async () => {
  const f = 'express-and-fetch.js';
  const text = (await run(f)).text;
  const mine = (await run(f)).facts.headerWrites.map((w) => str(text, w.statementSpan));
  assert.ok(mine.length === 2 && mine.every((s) => s.startsWith('response.headers.set')));
  const theirs = (await extractWith(express, f, text)).facts.headerWrites.map((w) => str(text, w.statementSpan));
  assert.deepEqual(theirs, ["res.setHeader('Access-Control-Allow-Origin', '*');"]);
});

test('fetch: fixes edit the object entries and the echoed Origin', async () => {
  const fix = async (f, req, pick = 0) => {
    const { facts, file, text, ps } = await policies(f);
    const edits = fetchEx.renderFix({ ...req, policyId: ps[pick].id }, facts, file);
    assert.ok(edits.length > 0, f);
    const out = applyEdits(text, edits);
    return { out, ps: (await policies(f, out)).ps };
  };
  let r = await fix('supabase-credentials.ts', { kind: 'remove-credentials' });
  assert.doesNotMatch(r.out, /Credentials/);
  assert.ok(r.ps.every((p) => p.credentials === false));
  r = await fix('supabase-credentials.ts', { kind: 'set-origins', origins: ['https://app.example.com'] });
  assert.match(r.out, /'Access-Control-Allow-Origin': 'https:\/\/app\.example\.com',/);
  r = await fix('deno-reflect.ts', { kind: 'set-origins', origins: ['https://app.example.com'] });
  assert.match(r.out, /'Access-Control-Allow-Origin': 'https:\/\/app\.example\.com',/);
  assert.equal(r.ps[0].origin.kind, 'static');
  // several origins cannot be one literal: no fix
  const { facts, file, ps } = await policies('deno-reflect.ts');
  assert.deepEqual(fetchEx.renderFix({ kind: 'set-origins', policyId: ps[0].id, origins: ['https://a.example', 'https://b.example'] }, facts, file), []);
  // add-header writes an entry after the one it follows, with the comma
  const d = await run('deno-reflect.ts');
  const w = d.facts.headerWrites.find((x) => x.name === 'Access-Control-Allow-Origin');
  const out = applyEdits(d.text, fetchEx.renderFix({ kind: 'add-header', afterWriteId: w.id, name: 'Vary', value: 'Origin' }, d.facts, d.file));
  assert.match(out, /'Access-Control-Allow-Origin': origin \?\? '\*',\n      'Vary': 'Origin',\n/);
  assert.equal((await policies('deno-reflect.ts', out)).ps[0].vary, 'explicit');
  // after a `res.headers.set(...)` statement: one more call on the same headers; Vary is appended
  const m = await run('middleware.ts');
  const mw = m.facts.headerWrites.find((x) => x.name === 'Access-Control-Allow-Origin');
  const out2 = applyEdits(m.text, fetchEx.renderFix({ kind: 'add-header', afterWriteId: mw.id, name: 'Vary', value: 'Origin' }, m.facts, m.file));
  assert.match(out2, /\?\? ''\);\n  res\.headers\.append\('Vary', 'Origin'\);\n  res\.headers\.set\('Access-Control-Allow-Credentials'/);
  assert.equal((await policies('middleware.ts', out2)).ps[0].vary, 'explicit');
});

test('fetch: binary-looking and truncated input never throws and states nothing wrong', async () => {
  const junk = '\u0000\u0001Response\u0007 Access-Control-Allow-Origin \uFFFD new Headers({ "Access-Control-Allow-Origin": ' + '\u0000'.repeat(50);
  const { facts } = await run('junk.ts', junk);
  assert.equal(facts.policies.length, 0);
  const cut = (await run('supabase-credentials.ts')).text;
  for (let i = 0; i < cut.length; i += 37) {
    const r = await run('cut.ts', cut.slice(0, i));
    assert.ok(r.facts.policies.every((p) => p.origin.kind === 'any' || p.origin.kind === 'unknown'), `cut at ${i}`);
  }
});
