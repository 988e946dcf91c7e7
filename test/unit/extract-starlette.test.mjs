import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import starlette from '../../dist/lib/extract/starlette/index.js';
import { renderGenericFix } from '../../dist/lib/extract/common.js';
import { renderFacts, matchSnapshot, fixtureSet, str, applyEdits } from '../helpers.mjs';

const { dir, fixtures, run } = fixtureSet(starlette, 'starlette');
const fix = (req, facts, file) => starlette.renderFix(req, facts, file) ?? renderGenericFix(req, facts, file);

test('starlette: snapshots of every fixture', async () => {
  assert.ok(fixtures.length >= 12);
  for (const f of fixtures) {
    const { facts, text } = await run(f);
    matchSnapshot(join(dir, '__snapshots__', f + '.facts.txt'), renderFacts(facts, text) + (facts.notes.length ? 'notes ' + JSON.stringify(facts.notes) + '\n' : ''));
  }
});

test('starlette: mayContain is a cheap keyword check', () => {
  assert.equal(starlette.mayContain('from fastapi.middleware.cors import CORSMiddleware\n'), true);
  assert.equal(starlette.mayContain('from fastapi import FastAPI\n'), false);
});

test('starlette: files without Starlette CORSMiddleware yield nothing', async () => {
  for (const f of ['no_cors.py', 'other_corsmiddleware.py']) {
    const { facts } = await run(f);
    assert.equal(facts.policies.length, 0, f);
  }
});

test("starlette: allow_origins=['*'] with credentials echoes (with a cookie); without credentials sends *", async () => {
  const a = await run('fastapi_wildcard_credentials.py');
  const p = a.facts.policies[0];
  assert.equal(p.library, 'starlette');
  assert.equal(p.origin.kind, 'reflect');
  assert.equal(p.origin.libraryAllowAll, true);
  assert.match(p.origin.via, /Cookie/);
  assert.equal(str(a.text, p.origin.span), '*');
  assert.equal(p.credentials, true);
  assert.equal(str(a.text, p.credentialsSpan), 'allow_credentials=True');
  // '*' in methods is expanded by Starlette; '*' in headers echoes the requested ones
  assert.deepEqual(p.methods.items.map((i) => i.value), ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT']);
  assert.equal(p.allowHeaders.kind, 'reflect-request');
  assert.equal(p.vary, 'library');
  assert.deepEqual(a.facts.optionMentions.map((m) => m.option), ['allow_origins', 'allow_credentials', 'allow_methods', 'allow_headers']);
  const b = await run('fastapi_public.py');
  assert.equal(b.facts.policies[0].origin.kind, 'any');
  assert.equal(b.facts.policies[0].vary, 'absent');
  assert.deepEqual(b.facts.policies[0].methods.items.map((i) => i.value), ['GET']);
  assert.deepEqual(b.facts.policies[0].allowHeaders.items.map((i) => i.value), ['Accept', 'Accept-Language', 'Content-Language', 'Content-Type']);
});

test('starlette: origins through a constant; exact comparison (no tolerance)', async () => {
  const { facts, text } = await run('fastapi_valid.py');
  const p = facts.policies[0];
  assert.equal(p.origin.kind, 'list');
  assert.deepEqual(p.origin.entries.map((e) => str(text, e.span)), ['https://app.example.com', 'https://admin.example.com', 'http://localhost:5173']);
  assert.deepEqual(p.origin.tolerance, { trailingSlash: false, caseInsensitive: false, starMeansAny: true, wildcardSubdomains: false });
  assert.equal(p.maxAge.value, '3600');
  assert.deepEqual(p.exposeHeaders.items.map((i) => i.value), ['X-Total-Count']);
});

test('starlette: Middleware(CORSMiddleware, ...) in a middleware list, and CORSMiddleware(app, ...)', async () => {
  const a = await run('starlette_middleware_list.py');
  assert.equal(a.facts.policies.length, 1);
  assert.equal(a.facts.policies[0].origin.entries.length, 2);
  const b = await run('asgi_wrap.py');
  assert.equal(b.facts.policies.length, 1);
  assert.equal(b.facts.policies[0].origin.kind, 'list');
  assert.equal(b.facts.policies[0].maxAge.value, '86400');
});

test('starlette: allow_origin_regex alone is a regex pattern (fullmatch)', async () => {
  const { facts } = await run('fastapi_regex.py');
  const o = facts.policies[0].origin;
  assert.equal(o.kind, 'pattern');
  assert.equal(o.check.kind, 'regex');
  assert.equal(o.check.entries[0].value, 'https://.*\\.preview\\.example\\.com');
});

test('starlette: values from the environment or **kwargs are unknown', async () => {
  assert.equal((await run('fastapi_factory_env.py')).facts.policies[0].origin.kind, 'unknown');
  const k = await run('fastapi_kwargs.py');
  assert.equal(k.facts.policies[0].origin.kind, 'unknown');
  assert.equal(k.facts.policies[0].credentials, 'unknown');
});

test('starlette: a string for allow_origins is a substring test', async () => {
  const o = (await run('fastapi_string_origins.py')).facts.policies[0].origin;
  assert.equal(o.kind, 'pattern');
  assert.equal(o.check.kind, 'substring');
});

test('starlette: unknown keywords are notes (Starlette raises TypeError), not misspellings', async () => {
  const { facts } = await run('fastapi_typo.py');
  assert.equal(facts.policies[0].unknownOptions, undefined);
  assert.ok(facts.notes.some((n) => /allow_credential: Starlette raises TypeError/.test(n)));
});

test('starlette: fixes — the trusted origins replace *; credentials off; entries edited in place', async () => {
  const a = await run('fastapi_wildcard_credentials.py');
  const out = applyEdits(a.text, fix({ kind: 'set-origins', policyId: 'p0', origins: ['https://app.example.com'] }, a.facts, a.file));
  assert.match(out, /allow_origins=\["https:\/\/app\.example\.com"\],/);
  const again = await run('fastapi_wildcard_credentials.py', out);
  assert.equal(again.facts.policies[0].origin.kind, 'list');
  const cred = applyEdits(a.text, fix({ kind: 'remove-credentials', policyId: 'p0' }, a.facts, a.file));
  assert.match(cred, /allow_credentials=False,/);
  const r = await run('fastapi_regex.py');
  const out2 = applyEdits(r.text, fix({ kind: 'set-origins', policyId: 'p0', origins: ['https://app.example.com'] }, r.facts, r.file));
  assert.match(out2, /allow_credentials=True, allow_origins=\["https:\/\/app\.example\.com"\],\n\)/);
  const m = await run('starlette_middleware_list.py');
  const out3 = applyEdits(m.text, fix({ kind: 'replace-origin-entry', policyId: 'p0', index: 0, value: 'https://app.example.com' }, m.facts, m.file));
  assert.match(out3, /allow_origins=\["https:\/\/app\.example\.com", /);
});

test('starlette: middleware added after CORSMiddleware runs before it: a note (checked with uvicorn: the preflight gets 401, no CORS headers)', async () => {
  const { facts } = await run('fastapi_auth_after_cors.py');
  assert.equal(facts.policies.length, 1);
  assert.ok(facts.notes.some((n) => /require_token added to app after CORSMiddleware runs before it/.test(n)), JSON.stringify(facts.notes));
  assert.ok(!facts.notes.some((n) => /GZipMiddleware/.test(n)), 'middleware added before CORSMiddleware runs inside it');
});
