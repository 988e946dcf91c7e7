import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import express from '../../dist/lib/extract/express/index.js';
import { renderGenericFix } from '../../dist/lib/extract/common.js';
import { extractWith, renderFacts, matchSnapshot, root, fixtureSet, str, applyEdits } from '../helpers.mjs';

const { dir, fixtures, run } = fixtureSet(express, 'express');
/** Render a fix the way the service does: the extractor first, the generic renderer when it declines. */
function fix(req, facts, file) {
  return express.renderFix(req, facts, file) ?? renderGenericFix(req, facts, file);
}
async function fixed(name, text, makeReq) {
  const { facts, file } = await run(name, text);
  const edits = fix(makeReq(facts), facts, file);
  assert.ok(edits.length > 0, 'fix produced edits');
  const out = applyEdits(text, edits);
  const again = await run(name, out);
  return { out, facts: again.facts, before: facts };
}
const writesNamed = (facts, name) => facts.headerWrites.filter((w) => w.name.toLowerCase() === name.toLowerCase());

test('express: snapshots of every fixture', async () => {
  assert.ok(fixtures.length >= 20);
  for (const f of fixtures) {
    const { facts, text } = await run(f);
    matchSnapshot(join(dir, '__snapshots__', f + '.facts.txt'), renderFacts(facts, text));
  }
});

test('express: metadata and grammar selection', () => {
  assert.equal(express.id, 'express');
  assert.equal(express.grammarFor({ path: 'src/server.ts' }), 'typescript');
  assert.equal(express.grammarFor({ path: 'src/server.mts' }), 'typescript');
  assert.equal(express.grammarFor({ path: 'src/server.cts' }), 'typescript');
  assert.equal(express.grammarFor({ path: 'src/App.tsx' }), 'tsx');
  assert.equal(express.grammarFor({ path: 'src/App.jsx' }), 'javascript');
  assert.equal(express.grammarFor({ path: 'index.cjs' }), 'javascript');
  assert.equal(express.grammarFor({ path: 'untitled', languageId: 'typescriptreact' }), 'tsx');
});

test('express: mayContain is a cheap keyword check', () => {
  assert.equal(express.mayContain("const cors = require('cors');\n"), true);
  assert.equal(express.mayContain("res.setHeader('Access-Control-Allow-Origin', '*')\n"), true);
  assert.equal(express.mayContain("import Cors from 'cors'"), true);
  assert.equal(express.mayContain("const app = express();\napp.get('/', (req, res) => res.send('hi'));\n"), false);
  assert.equal(express.mayContain('const accord = 1; // scorsese'), false);
});

test('express: files without CORS settings yield nothing', async () => {
  for (const f of ['no-cors-app.js', 'react-component.tsx', 'garbage.js', 'junk.js']) {
    const { facts } = await run(f);
    assert.equal(facts.policies.length, 0, f);
    assert.equal(facts.headerWrites.length, 0, f);
    assert.equal(facts.responses.length, 0, f);
  }
  // the Map in no-cors-app.js is not a response
  assert.equal((await run('no-cors-app.js')).facts.headerMentions.length, 1);
  assert.equal((await run('react-component.tsx')).facts.headerMentions.length, 0);
});

test('express: cors() defaults — literal *, default methods, request headers reflected, preflight answered', async () => {
  const { facts, text } = await run('app-default.js');
  assert.equal(facts.policies.length, 1);
  const p = facts.policies[0];
  assert.equal(p.library, 'cors');
  assert.equal(p.handWritten, false);
  assert.equal(str(text, p.span), 'cors()');
  assert.equal(p.origin.kind, 'any');
  assert.equal(p.credentials, false);
  assert.deepEqual(p.methods.items.map((i) => i.value), ['GET', 'HEAD', 'PUT', 'PATCH', 'POST', 'DELETE']);
  assert.equal(p.allowHeaders.kind, 'reflect-request');
  assert.equal(p.exposeHeaders, undefined);
  assert.equal(p.maxAge, undefined);
  assert.equal(p.vary, 'library');
  assert.equal(p.emits, 'always');
  assert.equal(p.answersPreflight, true);
  assert.equal(p.scope.kind, 'app');
  assert.equal(p.scope.label, 'app');
});

test('express: origin true reflects; credentials true; TypeScript ESM', async () => {
  const { facts, text } = await run('reflect-credentials.ts');
  const [p] = facts.policies;
  assert.equal(p.origin.kind, 'reflect');
  assert.equal(str(text, p.origin.span), 'true');
  assert.equal(p.credentials, true);
  assert.equal(str(text, p.credentialsSpan), 'credentials: true');
  assert.deepEqual(p.exposeHeaders.items.map((i) => str(text, i.span)), ['X-Request-Id']);
});

test("express: origin '*' with credentials true is sent literally", async () => {
  const { facts, text } = await run('wildcard-credentials.mjs');
  const [p] = facts.policies;
  assert.equal(p.origin.kind, 'any');
  assert.equal(str(text, p.origin.span), '*');
  assert.equal(p.credentials, true);
  assert.deepEqual(p.methods.items.map((i) => str(text, i.span)), ['GET', 'POST', 'PUT', 'DELETE']);
  assert.deepEqual(p.allowHeaders.items.map((i) => i.value), ['Content-Type', 'Authorization']);
});

test('express: allowlist from a const options object, exact entries, regex entry, no tolerance', async () => {
  const { facts, text } = await run('allowlist-trailing-slash.js');
  const [p] = facts.policies;
  assert.equal(p.origin.kind, 'list');
  assert.deepEqual(
    p.origin.entries.map((e) => [e.value, e.match, str(text, e.span), str(text, e.elementSpan)]),
    [
      ['https://app.example.com/', 'exact', 'https://app.example.com/', "'https://app.example.com/'"],
      ['https://admin.example.com', 'exact', 'https://admin.example.com', "'https://admin.example.com'"],
      ['\\.preview\\.example\\.com$', 'regex', '\\.preview\\.example\\.com$', '/\\.preview\\.example\\.com$/'],
    ],
  );
  assert.deepEqual(p.origin.tolerance, {});
  assert.equal(p.credentials, true);
  assert.equal(p.unknownOptions, undefined);
});

test("express: 'null' in an origin array is a list entry", async () => {
  const { facts } = await run('null-origin.ts');
  const [p] = facts.policies;
  assert.equal(p.scope.label, 'router');
  assert.deepEqual(p.origin.entries.map((e) => e.value), ['https://a.com', 'null']);
  assert.equal(p.credentials, false);
});

test('express: origin callbacks — allowlist lookup, allow-all, suffix test', async () => {
  const { facts, text } = await run('origin-callback.js');
  assert.equal(facts.policies.length, 3);
  const [list, all, suffix] = facts.policies;
  assert.equal(list.origin.kind, 'list');
  assert.deepEqual(list.origin.entries.map((e) => e.value), ['https://shop.example.com', 'https://www.example.com']);
  assert.equal(str(text, list.origin.entries[0].elementSpan), "'https://shop.example.com'");
  assert.equal(list.scope.label, 'app.use /api');
  assert.equal(all.origin.kind, 'reflect');
  assert.equal(str(text, all.origin.span), 'cb(null, true)');
  assert.equal(all.credentials, true);
  assert.equal(all.scope.label, 'app.use /partner');
  assert.equal(suffix.origin.kind, 'pattern');
  assert.equal(suffix.origin.check.kind, 'suffix');
  assert.equal(suffix.origin.check.entries[0].value, 'example.com');
});

test('express: hand-written reflection with credentials, OPTIONS answered', async () => {
  const { facts, text } = await run('manual-reflect.js');
  assert.equal(facts.policies.length, 1);
  const p = facts.policies[0];
  assert.equal(p.handWritten, true);
  assert.equal(p.library, undefined);
  assert.equal(p.origin.kind, 'reflect');
  assert.equal(str(text, p.origin.span), "req.headers.origin || '*'");
  assert.equal(p.credentials, true);
  assert.equal(p.vary, 'absent');
  assert.equal(p.answersPreflight, true);
  const [acao] = writesNamed(facts, 'Access-Control-Allow-Origin');
  assert.deepEqual(acao.value, { kind: 'request-origin', checked: false, via: 'req.headers.origin' });
  assert.equal(acao.op, 'set');
  assert.equal(acao.always, 'n/a');
  assert.equal(acao.layer, 'app');
  assert.equal(str(text, acao.statementSpan), "res.header('Access-Control-Allow-Origin', req.headers.origin || '*');");
  assert.equal(facts.responses.length, 1);
  assert.equal(facts.responses[0].writeIds.length, 4);
});

test('express: hand-written allowlist with includes() and Vary is a checked exact list', async () => {
  const { facts, text } = await run('manual-allowlist.ts');
  const [p] = facts.policies;
  assert.equal(p.origin.kind, 'list');
  assert.deepEqual(p.origin.entries.map((e) => str(text, e.elementSpan)), ["'https://app.example.com'", "'https://admin.example.com'"]);
  assert.equal(p.vary, 'explicit');
  assert.equal(p.credentials, true);
  assert.equal(p.answersPreflight, true);
  assert.equal(p.scope.label, 'function corsMiddleware');
  const acao = writesNamed(facts, 'Access-Control-Allow-Origin')[0];
  assert.equal(acao.value.checked, true);
  assert.equal(acao.value.check.kind, 'exact');
  assert.equal(acao.condition, 'conditional');
  for (const n of ['Access-Control-Allow-Methods', 'Access-Control-Allow-Headers', 'Access-Control-Max-Age']) {
    assert.equal(writesNamed(facts, n)[0].condition, 'options-only', n);
  }
  assert.equal(p.maxAge.value, '600');
});

test("express: ACAC 'True' is kept as written", async () => {
  const { facts, text } = await run('manual-acac-true.js');
  const [acac] = writesNamed(facts, 'Access-Control-Allow-Credentials');
  assert.deepEqual(acac.value, { kind: 'literal', text: 'True' });
  assert.equal(str(text, acac.valueSpan), 'True');
  const [p] = facts.policies;
  assert.equal(p.origin.kind, 'static');
  assert.equal(p.credentials, false);
  assert.equal(p.scope.kind, 'route');
  assert.equal(p.scope.label, 'ALL /api/*');
});

test('express: maxAge as literal, through a constant, and hand-written', async () => {
  const { facts, text } = await run('max-age.js');
  const ages = facts.policies.map((p) => [p.maxAge.value, str(text, p.maxAge.span)]);
  assert.deepEqual(ages, [
    ['86400', '86400'],
    ['86400', 'ONE_DAY'],
    ['1728000', '1728000'],
  ]);
});

test('express: unknown cors options and misspelled header names', async () => {
  const { facts, text } = await run('misspelled.js');
  const lib = facts.policies.find((p) => p.library === 'cors');
  assert.deepEqual(lib.unknownOptions.map((u) => str(text, u.name.span)), ['origins', 'credential', 'allowHeaders']);
  assert.ok(lib.unknownOptions[0].known.includes('origin'));
  // `origins` is ignored by cors: the default origin '*' applies
  assert.equal(lib.origin.kind, 'any');
  assert.equal(lib.credentials, false);
  assert.deepEqual(facts.headerWrites.map((w) => w.name), ['Access-Control-Allow-Origins', 'Access-Control-Allow-Credential']);
});

test('express: half-typed cors({...: the options before the cursor are still found, the rest unknown', async () => {
  const { facts, text } = await run('half-typed.js');
  assert.equal(facts.policies.length, 1);
  const p = facts.policies[0];
  assert.equal(p.credentials, true);
  assert.deepEqual(p.methods.items.map((i) => i.value), ['GET', 'POST']);
  assert.equal(p.origin.kind, 'unknown');
  assert.equal(p.allowHeaders.kind, 'unknown');
  assert.equal(p.scope.label, 'app');
  assert.ok(str(text, p.span).startsWith('cors({ credentials: true'));
  // and the same prefix typed one step further
  const t2 = "const cors = require('cors');\napp.use(cors({ origin: '*', credentials: true, max";
  const r2 = await run('x.js', t2);
  assert.equal(r2.facts.policies[0].origin.kind, 'any');
  assert.equal(r2.facts.policies[0].credentials, true);
  const r3 = await run('x.js', "const cors = require('cors');\napp.use(cors({ origin: 'https://a.com', credentials: true }\n\napp.get('/', h);\n");
  assert.equal(r3.facts.policies[0].origin.kind, 'static');
  assert.equal(r3.facts.policies[0].allowHeaders.kind, 'reflect-request');
});

test('express: half-typed middleware keeps the complete writes', async () => {
  const { facts } = await run('half-typed-manual.ts');
  assert.deepEqual(facts.headerWrites.map((w) => w.name), ['Access-Control-Allow-Origin', 'Access-Control-Allow-Credentials']);
  assert.equal(facts.policies[0].origin.kind, 'any');
  assert.equal(facts.policies[0].credentials, true);
});

test('express: half-typed code keeps the guard of an if whose block is cut off', async () => {
  const t = "const app = require('express')();\nconst allowed = ['https://a.example.com'];\napp.use((req, res, next) => {\n  if (allowed.includes(req.headers.origin)) {\n    res.setHeader('Access-Control-Allow-Origin', req.headers.origin);\n    res.setHeader('Access-Control-Allow-Credentials', 'true');\n";
  const { facts } = await run('x.js', t);
  const [p] = facts.policies;
  // not an unchecked reflection: the writes run only for the allowed origin
  assert.equal(p.origin.kind, 'list');
  assert.deepEqual(p.origin.entries.map((e) => e.value), ['https://a.example.com']);
  // what follows an `else` being typed is not read at all (it runs under conditions we cannot see)
  const t2 = "const app = require('express')();\napp.use((req, res, next) => {\n  if (ok(req)) {\n    next();\n  } else {\n    res.setHeader('Access-Control-Allow-Origin', req.headers.origin);\n";
  const r2 = await run('x.js', t2);
  assert.ok(!r2.facts.policies.some((q) => q.origin.kind === 'reflect'));
});

test('express: route-level cors() answers preflight only with an OPTIONS route', async () => {
  const { facts } = await run('route-level.js');
  assert.equal(facts.policies.length, 2);
  const [shared, del] = facts.policies;
  assert.equal(shared.scope.label, 'OPTIONS /api/widgets/:id');
  assert.equal(shared.answersPreflight, true);
  assert.equal(del.scope.kind, 'route');
  assert.equal(del.scope.label, 'DELETE /api/sessions/:id');
  assert.equal(del.answersPreflight, 'unknown');
});

test('express: cors() then res.setHeader replaces; res.append adds a second value', async () => {
  const { facts, text } = await run('duplicate-append.js');
  const dups = facts.responses.filter(
    (r) => r.writeIds.filter((id) => facts.headerWrites.find((w) => w.id === id)?.name === 'Access-Control-Allow-Origin').length >= 2,
  );
  assert.equal(dups.length, 1);
  const ws = dups[0].writeIds.map((id) => facts.headerWrites.find((w) => w.id === id));
  assert.deepEqual(ws.map((w) => w.op), ['set', 'add']);
  assert.match(str(text, ws[0].statementSpan), /^res\.setHeader/);
  assert.match(str(text, ws[1].statementSpan), /^res\.append/);
  // without the setHeader middleware the library's own header and the append collide
  const t2 = text.replace(/\/\/ Replaces[\s\S]*?\n}\);\n/, '');
  const r2 = await run('duplicate-append.js', t2);
  const d2 = r2.facts.responses.find((r) => r.writeIds.length >= 2);
  assert.ok(d2);
  const lib = r2.facts.headerWrites.find((w) => w.id === d2.writeIds[0]);
  assert.equal(lib.value.kind, 'unknown');
  assert.equal(str(t2, lib.statementSpan), "app.use(cors({ origin: 'https://app.example.com' }));");
  // two cors() middlewares replace each other: no duplicate
  const r3 = await run('x.js', "const cors = require('cors');\napp.use(cors());\napp.use(cors({ origin: 'https://a.com' }));\n");
  assert.equal(r3.facts.responses.length, 0);
});

test('express: node http server with a Set allowlist and writeHead on OPTIONS', async () => {
  const { facts, text } = await run('options-preflight.mjs');
  const [p] = facts.policies;
  assert.equal(p.scope.label, 'http.createServer');
  assert.equal(p.origin.kind, 'list');
  assert.deepEqual(p.origin.entries.map((e) => e.value), ['https://app.example.com', 'https://staging.example.com']);
  assert.equal(p.answersPreflight, true);
  assert.deepEqual(p.methods.items.map((i) => str(text, i.span)), ['GET', 'POST', 'PATCH']);
  assert.equal(p.maxAge.value, '7200');
  assert.equal(p.vary, 'explicit');
  const m = writesNamed(facts, 'Access-Control-Allow-Methods')[0];
  assert.equal(str(text, m.statementSpan), "'Access-Control-Allow-Methods': 'GET, POST, PATCH'");
});

test('express: the engine reads switch guards, Set allowlists and constants through destructuring', async () => {
  const { facts, text } = await run('engine-guards.js');
  const [sw, set, pub] = facts.policies;
  // each switch arm reflects the origin of its own case: the handler answers exactly those origins
  assert.equal(sw.origin.kind, 'list');
  assert.deepEqual(sw.origin.entries.map((e) => e.value), ['https://app.example.com', 'null']);
  // an origin compared in place (a case label) is no array element: no fix removes it (that would leave `case :`)
  const nul = sw.origin.entries[1];
  assert.deepEqual(nul.elementSpan, nul.span);
  assert.deepEqual(fix({ kind: 'remove-origin-entry', policyId: sw.id, index: 1 }, facts, (await run('engine-guards.js')).file), []);
  assert.equal(sw.credentials, true);
  // new Set([...]).has(origin): the elements of the array, whole string literals for a fix
  assert.deepEqual(set.origin.entries.map((e) => str(text, e.elementSpan)), ["'https://app.example.com'", "'https://admin.example.com'"]);
  // const { publicOrigin, maxAge } = CONFIG
  assert.equal(pub.origin.kind, 'static');
  assert.equal(pub.origin.value, 'https://www.example.com');
  assert.equal(pub.maxAge.value, '86400');
  // a Fetch Headers object is not the response
  assert.ok(!facts.headerWrites.some((w) => str(text, w.statementSpan).startsWith('headers.set')));
});

test('express: Nest @Header() on a controller method is a header write of that route', async () => {
  const { facts, text } = await run('nest-header.ts');
  const [all, one, pre] = facts.policies;
  assert.deepEqual(facts.policies.map((p) => p.scope.label), ['GET /cats', 'GET /cats/:id', 'OPTIONS /cats/:id']);
  assert.equal(all.origin.kind, 'any');
  assert.equal(all.credentials, true);
  assert.equal(all.answersPreflight, 'unknown'); // a GET route is not called for OPTIONS
  assert.equal(one.origin.value, 'https://app.example.com/');
  // an @Options() route answers the preflight; the handler's own res.setHeader adds to the decorator's headers
  assert.equal(pre.answersPreflight, true);
  assert.equal(pre.maxAge.value, '600');
  // the write stands from its `@`: removing it leaves no stray `@`
  const acac = writesNamed(facts, 'Access-Control-Allow-Credentials')[0];
  assert.equal(str(text, acac.statementSpan), "@Header('Access-Control-Allow-Credentials', 'true')");
  const r = await fixed('nest-header.ts', text, (f) => ({ kind: 'remove-credentials', policyId: f.policies[0].id }));
  assert.ok(!r.out.includes("'Access-Control-Allow-Credentials'") && !/@\s*\n/.test(r.out));
  // a `Header` decorator that is not Nest's writes nothing
  const other = text.replace("import { Controller, Get, Header, Options, Res } from '@nestjs/common';", "import { Controller, Get, Options, Res } from '@nestjs/common';\nimport { Header } from './my-decorators';");
  const o = await run('nest-header.ts', other);
  assert.deepEqual(o.facts.headerWrites.map((w) => w.name), ['Access-Control-Max-Age']);
});

test('express: cors options through destructured constants, arithmetic, shorthand properties and new RegExp', async () => {
  const { facts, text } = await run('cors-constants.js');
  const [api, embed] = facts.policies;
  assert.equal(api.origin.kind, 'list');
  assert.deepEqual(api.origin.entries.map((e) => e.value), ['https://app.example.com/', 'https://admin.example.com']);
  assert.equal(api.maxAge.value, '86400');
  assert.equal(api.credentials, true);
  assert.equal(embed.origin.kind, 'pattern');
  assert.equal(embed.origin.check.kind, 'regex');
  assert.equal(embed.maxAge.value, '7200');
  // the max-age of a shorthand property is fixed as a property of its own (the constant stays)
  const r = await fixed('cors-constants.js', text, (f) => ({ kind: 'set-max-age', policyId: f.policies[0].id, value: 7200 }));
  assert.ok(r.out.includes('cors({ origin: origins, maxAge: 7200, credentials: true })'));
  assert.ok(r.out.includes('maxAge: 60 * 60 * 24 }'));
  // a Set is no array to the cors package: not read as a list
  const set = (await run('x.js', "const cors = require('cors');\nconst o = new Set(['https://a.com']);\napp.use(cors({ origin: o }));\n")).facts.policies[0];
  assert.notEqual(set.origin.kind, 'list');
});

test('express: weak checks and ternaries in hand-written middleware', async () => {
  const { facts } = await run('manual-weak-checks.js');
  const [suffix, regex, ternary] = facts.policies;
  assert.equal(suffix.origin.kind, 'pattern');
  assert.equal(suffix.origin.check.kind, 'suffix');
  assert.equal(suffix.vary, 'explicit'); // res.vary('Origin')
  assert.equal(regex.origin.kind, 'pattern');
  assert.equal(regex.origin.check.kind, 'regex');
  assert.equal(regex.origin.check.entries[0].value, 'example\\.com');
  assert.equal(regex.vary, 'absent');
  assert.equal(ternary.origin.kind, 'list');
  assert.deepEqual(ternary.origin.entries.map((e) => e.value), ['https://a.example.com']);
});

test('express: correct configurations state no problem', async () => {
  const { facts } = await run('correct-allowlist.cjs');
  const [cb, env] = facts.policies;
  assert.equal(cb.origin.kind, 'list');
  assert.equal(cb.maxAge.value, '600');
  assert.equal(env.origin.kind, 'unknown');
  assert.equal(env.credentials, true);
});

test('express: @fastify/cors — * inside the origin array means any, credentials truthy', async () => {
  const { facts, text } = await run('fastify-server.ts');
  const lib = facts.policies.find((p) => p.library === '@fastify/cors');
  assert.equal(lib.origin.kind, 'any');
  assert.equal(lib.credentials, true);
  assert.equal(lib.methods.kind, 'unknown'); // default changed in v11
  assert.equal(lib.answersPreflight, true);
  assert.equal(str(text, lib.maxAge.span), '86400');
  // reply.header in a fastify route is a hand-written write
  assert.equal(writesNamed(facts, 'Access-Control-Expose-Headers').length, 1);
});

test('express: semantics details of the cors package', async () => {
  const one = async (opts) => (await run('x.js', `const cors = require('cors');\napp.use(cors(${opts}));\n`)).facts.policies;
  assert.equal((await one('{ origin: false }')).length, 0, 'origin false disables CORS');
  assert.equal((await one("{ origin: '' }")).length, 0);
  assert.equal((await one("{ origin: 'null' }"))[0].origin.kind, 'null');
  assert.equal((await one("{ origin: 'https://a.com' }"))[0].origin.kind, 'static');
  assert.equal((await one('{ origin: /\\.a\\.com$/ }'))[0].origin.check.kind, 'regex');
  const star = (await one("{ origin: ['*'], credentials: true }"))[0];
  assert.equal(star.origin.kind, 'list');
  assert.equal(star.origin.tolerance.starMeansAny, undefined);
  assert.equal((await one("{ credentials: 'true' }"))[0].credentials, false, 'cors checks === true');
  assert.equal((await one('{ credentials: process.env.CREDS }'))[0].credentials, 'unknown');
  assert.equal((await one('{ ...base, credentials: true }'))[0].origin.kind, 'unknown', 'a spread may set origin');
  assert.equal((await one('{ origin: true, ...base }'))[0].origin.kind, 'unknown', 'a later spread may override');
  assert.equal((await one('opts'))[0].origin.kind, 'unknown');
  assert.equal((await one('(req, cb) => cb(null, { origin: true })'))[0].origin.kind, 'predicate');
  assert.equal((await one("{ headers: ['X-A'] }"))[0].allowHeaders.items[0].value, 'X-A');
  assert.equal((await one("{ maxAge: '600' }"))[0].maxAge.value, '600');
  assert.equal((await one('{ maxAge: 2 * 3600 }'))[0].maxAge.value, '7200');
  assert.equal((await one('{ preflightContinue: true }'))[0].answersPreflight, 'unknown');
  assert.equal((await one('{ origin: (o, cb) => cb(null, o) }'))[0].origin.kind, 'reflect');
  assert.equal((await one("{ origin: (o, cb) => { if (process.env.DEV) return cb(null, true); cb(new Error('no')) } }"))[0].origin.kind, 'predicate');
  // a membership test of a set the file does not define: the function decides, on values we cannot see
  assert.equal((await one('{ origin: (o, cb) => cb(null, allowed.has(o)) }'))[0].origin.kind, 'predicate');
  const defined = (await run('x.js', "const cors = require('cors');\nconst allowed = new Set(['https://a.com']);\napp.use(cors({ origin: (o, cb) => cb(null, allowed.has(o)) }));\n")).facts.policies[0];
  assert.equal(defined.origin.kind, 'list');
  assert.deepEqual(defined.origin.entries.map((e) => e.value), ['https://a.com']);
  // import styles
  for (const head of ["import cors from 'cors';", "import * as cors from 'cors';", "import cors = require('cors');", "const { default: cors } = require('cors');"]) {
    const r = await run('x.ts', `${head}\napp.use(cors({ origin: true }));\n`);
    assert.equal(r.facts.policies.length, 1, head);
  }
  assert.equal((await run('x.js', "app.use(require('cors')());\n")).facts.policies.length, 1);
  // a cors() from some other module is not the cors package
  assert.equal((await run('x.js', "const cors = require('./my-cors');\napp.use(cors({ origin: true }));\n")).facts.policies.length, 0);
});

test('express: headerMentions name CORS headers and Origin only in header contexts', async () => {
  const { facts, text } = await run('manual-weak-checks.js');
  const shown = facts.headerMentions.map((m) => `${m.value}=${str(text, m.span)}`);
  assert.ok(shown.includes('origin=origin'), shown.join(' ')); // req.get('origin')
  assert.ok(shown.includes('Access-Control-Allow-Origin=Access-Control-Allow-Origin'));
  assert.ok(shown.includes('Origin=Origin')); // res.vary('Origin')
  for (const m of facts.headerMentions) assert.equal(str(text, m.span), m.value);
});

// ------------------------------------------------------------------------------------------ fixes

test('express fix: set-origins on cors options (replace value, add property, cors() without args)', async () => {
  let t = "const cors = require('cors');\napp.use(cors({ origin: true, credentials: true }));\n";
  let r = await fixed('a.js', t, (f) => ({ kind: 'set-origins', policyId: f.policies[0].id, origins: ['https://app.example.com', 'https://b.example.com'] }));
  assert.equal(r.out, "const cors = require('cors');\napp.use(cors({ origin: ['https://app.example.com', 'https://b.example.com'], credentials: true }));\n");
  assert.equal(r.facts.policies[0].origin.kind, 'list');

  t = 'import cors from "cors";\napp.use(\n  cors({\n    credentials: true,\n  })\n);\n';
  r = await fixed('a.ts', t, (f) => ({ kind: 'set-origins', policyId: f.policies[0].id, origins: ['https://app.example.com'] }));
  assert.equal(r.out, 'import cors from "cors";\napp.use(\n  cors({\n    origin: ["https://app.example.com"],\n    credentials: true,\n  })\n);\n');

  t = "const cors = require('cors');\napp.use(cors());\n";
  r = await fixed('a.js', t, (f) => ({ kind: 'set-origins', policyId: f.policies[0].id, origins: ['https://app.example.com'] }));
  assert.equal(r.out, "const cors = require('cors');\napp.use(cors({ origin: ['https://app.example.com'] }));\n");

  // options through a const: the const is edited
  const { facts, file } = await run('allowlist-trailing-slash.js');
  const edits = fix({ kind: 'set-origins', policyId: facts.policies[0].id, origins: ['https://app.example.com'] }, facts, file);
  assert.equal(edits.length, 1);
  assert.equal(edits[0].newText, "['https://app.example.com']");
  // unknown options: no fix
  const u = await run('x.js', "const cors = require('cors');\napp.use(cors(opts));\n");
  assert.deepEqual(fix({ kind: 'set-origins', policyId: u.facts.policies[0].id, origins: ['https://a.com'] }, u.facts, u.file), []);
  // values that cannot be quoted safely: no fix
  assert.deepEqual(fix({ kind: 'set-origins', policyId: u.facts.policies[0].id, origins: ['https://a.com\n'] }, u.facts, u.file), []);
});

test('express fix: remove-credentials removes the property and its comma', async () => {
  const text = readFileSync(join(dir, 'wildcard-credentials.mjs'), 'utf8');
  const r = await fixed('wildcard-credentials.mjs', text, (f) => ({ kind: 'remove-credentials', policyId: f.policies[0].id }));
  assert.ok(!r.out.includes('credentials'));
  assert.ok(r.out.includes("  origin: '*',\n  methods:"));
  assert.equal(r.facts.policies[0].credentials, false);
  const t2 = "const cors = require('cors');\napp.use(cors({ credentials: true, origin: '*' }));\n";
  const r2 = await fixed('a.js', t2, (f) => ({ kind: 'remove-credentials', policyId: f.policies[0].id }));
  assert.equal(r2.out, "const cors = require('cors');\napp.use(cors({ origin: '*' }));\n");
  const t3 = "const cors = require('cors');\napp.use(cors({ origin: '*', credentials: true }));\n";
  const r3 = await fixed('a.js', t3, (f) => ({ kind: 'remove-credentials', policyId: f.policies[0].id }));
  assert.equal(r3.out, "const cors = require('cors');\napp.use(cors({ origin: '*' }));\n");
});

test('express fix: origin entries (remove / replace), cors and hand-written lists', async () => {
  const text = readFileSync(join(dir, 'allowlist-trailing-slash.js'), 'utf8');
  let r = await fixed('allowlist-trailing-slash.js', text, (f) => ({ kind: 'replace-origin-entry', policyId: f.policies[0].id, index: 0, value: 'https://app.example.com' }));
  assert.equal(r.facts.policies[0].origin.entries[0].value, 'https://app.example.com');
  r = await fixed('allowlist-trailing-slash.js', text, (f) => ({ kind: 'remove-origin-entry', policyId: f.policies[0].id, index: 0 }));
  assert.ok(r.out.includes("  origin: [\n    'https://admin.example.com',\n"));
  r = await fixed('allowlist-trailing-slash.js', text, (f) => ({ kind: 'replace-origin-entry', policyId: f.policies[0].id, index: 2, value: 'https://preview.example.com' }));
  assert.ok(r.out.includes("    'https://preview.example.com',\n"));
  const nul = readFileSync(join(dir, 'null-origin.ts'), 'utf8');
  r = await fixed('null-origin.ts', nul, (f) => ({ kind: 'remove-origin-entry', policyId: f.policies[0].id, index: 1 }));
  assert.ok(r.out.includes("origin: ['https://a.com'],"));
  const man = readFileSync(join(dir, 'manual-allowlist.ts'), 'utf8');
  r = await fixed('manual-allowlist.ts', man, (f) => ({ kind: 'remove-origin-entry', policyId: f.policies[0].id, index: 1 }));
  assert.ok(r.out.includes("const ALLOWED_ORIGINS = ['https://app.example.com'];"));
});

test('express fix: set-max-age edits the option value, not a shared constant', async () => {
  const text = readFileSync(join(dir, 'max-age.js'), 'utf8');
  const r = await fixed('max-age.js', text, (f) => ({ kind: 'set-max-age', policyId: f.policies[1].id, value: 7200 }));
  assert.ok(r.out.includes("maxAge: 7200 }"));
  assert.ok(r.out.includes('const ONE_DAY = 60 * 60 * 24;'));
  const r2 = await fixed('max-age.js', text, (f) => ({ kind: 'set-max-age', policyId: f.policies[2].id, value: 7200 }));
  assert.ok(r2.out.includes("'Access-Control-Max-Age': '7200',"));
});

test('express fix: hand-written writes — value, add-header, remove-write', async () => {
  const acac = readFileSync(join(dir, 'manual-acac-true.js'), 'utf8');
  let r = await fixed('manual-acac-true.js', acac, (f) => ({ kind: 'set-header-value', writeId: writesNamed(f, 'Access-Control-Allow-Credentials')[0].id, value: 'true' }));
  assert.ok(r.out.includes("res.header('Access-Control-Allow-Credentials', 'true');"));
  assert.equal(r.facts.policies[0].credentials, true);

  const refl = readFileSync(join(dir, 'manual-reflect.js'), 'utf8');
  r = await fixed('manual-reflect.js', refl, (f) => ({ kind: 'add-header', afterWriteId: writesNamed(f, 'Access-Control-Allow-Origin')[0].id, name: 'Vary', value: 'Origin' }));
  assert.ok(r.out.includes("  res.header('Access-Control-Allow-Origin', req.headers.origin || '*');\n  res.header('Vary', 'Origin');\n"));
  assert.equal(r.facts.policies[0].vary, 'explicit');
  r = await fixed('manual-reflect.js', refl, (f) => ({ kind: 'remove-write', writeId: writesNamed(f, 'Access-Control-Allow-Credentials')[0].id }));
  assert.ok(!r.out.includes('Allow-Credentials'));
  assert.ok(r.out.includes("'*');\n  res.header('Access-Control-Allow-Methods'"));
  // set-header-value on a computed value writes a quoted literal
  r = await fixed('manual-reflect.js', refl, (f) => ({ kind: 'set-header-value', writeId: writesNamed(f, 'Access-Control-Allow-Origin')[0].id, value: 'https://app.example.com' }));
  assert.ok(r.out.includes("res.header('Access-Control-Allow-Origin', 'https://app.example.com');"));

  // object form: add a sibling property; remove a property
  const http = readFileSync(join(dir, 'options-preflight.mjs'), 'utf8');
  r = await fixed('options-preflight.mjs', http, (f) => ({ kind: 'add-header', afterWriteId: writesNamed(f, 'Access-Control-Allow-Headers')[0].id, name: 'Access-Control-Allow-Credentials', value: 'true' }));
  assert.ok(r.out.includes("      'Access-Control-Allow-Headers': 'Content-Type',\n      'Access-Control-Allow-Credentials': 'true',\n      'Access-Control-Max-Age'"));
  r = await fixed('options-preflight.mjs', http, (f) => ({ kind: 'remove-write', writeId: writesNamed(f, 'Access-Control-Max-Age')[0].id }));
  assert.ok(r.out.includes("      'Access-Control-Allow-Headers': 'Content-Type',\n    });"));

  // adding a header next to a write in a statement that ends the response goes before it
  const t = "app.get('/x', (req, res) => {\n  return res.set('Access-Control-Allow-Origin', '*').json({});\n});\n";
  r = await fixed('a.js', t, (f) => ({ kind: 'add-header', afterWriteId: f.headerWrites[0].id, name: 'Vary', value: 'Origin' }));
  assert.equal(r.out, "app.get('/x', (req, res) => {\n  res.set('Vary', 'Origin');\n  return res.set('Access-Control-Allow-Origin', '*').json({});\n});\n");
  // removing a write in a chain keeps the rest of the chain
  r = await fixed('a.js', t, (f) => ({ kind: 'remove-write', writeId: f.headerWrites[0].id }));
  assert.equal(r.out, "app.get('/x', (req, res) => {\n  return res.json({});\n});\n");
  // double quotes are kept
  const dq = 'app.use((req, res, next) => {\n  res.setHeader("Access-Control-Allow-Credentials", "yes");\n  next();\n});\n';
  r = await fixed('a.js', dq, (f) => ({ kind: 'set-header-value', writeId: f.headerWrites[0].id, value: 'true' }));
  assert.ok(r.out.includes('res.setHeader("Access-Control-Allow-Credentials", "true");'));
  assert.deepEqual(fix({ kind: 'set-always', writeId: r.facts.headerWrites[0].id }, r.facts, (await run('a.js', r.out)).file), []);
});

test('express fix: duplicate with the cors library — remove the cors() middleware', async () => {
  const text = readFileSync(join(dir, 'duplicate-append.js'), 'utf8').replace(/\/\/ Replaces[\s\S]*?\n}\);\n/, '');
  const r = await fixed('duplicate-append.js', text, (f) => ({ kind: 'remove-write', writeId: f.responses.find((x) => x.writeIds.length >= 2).writeIds[0] }));
  assert.ok(!r.out.includes('app.use(cors('));
  assert.equal(r.facts.policies.filter((p) => p.library).length, 0);
});

test('express: big file extraction stays fast', async () => {
  const chunk = readFileSync(join(dir, 'manual-weak-checks.js'), 'utf8').replace(/module\.exports.*\n/, '');
  let big = '';
  while (big.split('\n').length < 5000) big += chunk;
  const t0 = performance.now();
  const { facts } = await run('big.js', big);
  const ms = performance.now() - t0;
  assert.ok(facts.policies.length > 100);
  assert.ok(ms < 3000, `took ${ms} ms`);
});

test('express fix: set-origins on a hand-written reflection writes an allowlist check', async () => {
  const refl = readFileSync(join(dir, 'manual-reflect.js'), 'utf8');
  let r = await fixed('manual-reflect.js', refl, (f) => ({ kind: 'set-origins', policyId: f.policies[0].id, origins: ['https://app.example.com', 'https://admin.example.com'] }));
  assert.ok(
    r.out.includes(
      "res.header('Access-Control-Allow-Origin', ['https://app.example.com', 'https://admin.example.com'].includes(req.headers.origin) ? req.headers.origin : 'https://app.example.com');",
    ),
  );
  assert.equal(r.facts.policies[0].origin.kind, 'list');
  assert.deepEqual(r.facts.policies[0].origin.entries.map((e) => e.value), ['https://app.example.com', 'https://admin.example.com']);
  r = await fixed('manual-reflect.js', refl, (f) => ({ kind: 'set-origins', policyId: f.policies[0].id, origins: ['https://app.example.com'] }));
  assert.ok(r.out.includes("res.header('Access-Control-Allow-Origin', 'https://app.example.com');"));
  assert.equal(r.facts.policies[0].origin.kind, 'static');
});

test('express: NestJS enableCors / NestFactory.create({ cors }) use the cors package', async () => {
  const { facts, text } = await run('nest-main.ts');
  assert.equal(facts.policies.length, 1);
  const [p] = facts.policies;
  assert.equal(p.library, 'cors');
  assert.equal(p.origin.kind, 'reflect');
  assert.equal(str(text, p.origin.span), 'callback(null, true)');
  assert.equal(p.credentials, true);
  const r = await run('main.ts', "import { NestFactory } from '@nestjs/core';\nconst app = await NestFactory.create(AppModule, { cors: { origin: '*', credentials: true } });\n");
  assert.equal(r.facts.policies[0].origin.kind, 'any');
  assert.equal(r.facts.policies[0].credentials, true);
  const r2 = await run('main.ts', "import { NestFactory } from '@nestjs/core';\nconst app = await NestFactory.create(AppModule, { cors: true });\n");
  assert.equal(r2.facts.policies[0].origin.kind, 'any');
  const r3 = await run('main.ts', "import { FastifyAdapter } from '@nestjs/platform-fastify';\napp.enableCors({ origin: ['*', 'https://a.com'], credentials: true });\n");
  assert.equal(r3.facts.policies[0].library, '@fastify/cors');
  assert.equal(r3.facts.policies[0].origin.kind, 'any');
});

test('express: options changed after their declaration are unknown', async () => {
  const { facts } = await run('mutated-options.js');
  assert.equal(facts.policies.length, 1);
  assert.equal(facts.policies[0].origin.kind, 'unknown');
  assert.equal(facts.policies[0].credentials, 'unknown');
});

test('express: library calls, options and mounts read on the engine', async () => {
  const policies = async (t, path = 'x.js') => (await run(path, t)).facts.policies;
  // a dynamic import of @fastify/cors
  let p = await policies("const fc = (await import('@fastify/cors')).default;\nfastify.register(fc, { origin: 'https://a.com' });\n", 'x.mjs');
  assert.equal(p.length, 1);
  assert.equal(p[0].library, '@fastify/cors');
  assert.equal(p[0].origin.value, 'https://a.com');
  // mutation before or after the call, through any of the forms, makes the options unknown
  for (const change of ["Object.defineProperty(o, 'origin', { value: true });", "o['origin'] = true;", 'o.origin += 1;', 'Object.assign(o, extra);']) {
    p = await policies(`const cors = require('cors');\nconst o = { origin: 'https://a.com' };\n${change}\napp.use(cors(o));\n`);
    assert.equal(p[0].origin.kind, 'unknown', change);
  }
  // a read of a property is no change
  p = await policies("const cors = require('cors');\nconst o = { origin: 'https://a.com' };\nif (o.origin == x) f();\napp.use(cors(o));\n");
  assert.equal(p[0].origin.kind, 'static');
  // mounts: inside an array, on app.route(...), through a constant, on a router
  const t = [
    "const cors = require('cors');",
    "app.use([cors({ origin: 'https://a.com' })]);",
    "app.route('/x').get(cors({ origin: 'https://b.com' }), h);",
    "const c = cors({ origin: 'https://c.com' });",
    "router.get('/y', c, h);",
    "app.get(cors({ origin: 'https://d.com' }));", // no path first: not a route
  ].join('\n');
  p = await policies(t);
  assert.deepEqual(p.map((x) => x.scope.label), ['app', 'GET /x', 'GET /y', 'x.js']);
  // a complete cors() call inside code the parser could not close is still read
  p = await policies("const cors = require('cors');\nfunction f() {\n  router.use(cors({ origin: 'https://x.com', credentials: true }))\n  app.get('/x', (req, res) => {\n");
  assert.equal(p.length, 1);
  assert.equal(p[0].credentials, true);
  assert.equal(p[0].origin.value, 'https://x.com');
});

test('express: appends in exclusive branches never reach one response', async () => {
  const t = [
    'app.use((req, res, next) => {',
    "  if (req.path.startsWith('/a')) {",
    "    res.append('Access-Control-Allow-Origin', 'https://a.example.com');",
    '    return next();',
    '  }',
    "  res.append('Access-Control-Allow-Origin', 'https://b.example.com');",
    '  next();',
    '});',
    'app.use((req, res, next) => {',
    "  if (req.secure) res.append('Access-Control-Allow-Origin', 'https://a.example.com');",
    "  else res.append('Access-Control-Allow-Origin', 'https://b.example.com');",
    '  next();',
    '});',
    '',
  ].join('\n');
  const { facts } = await run('x.js', t);
  assert.equal(facts.headerWrites.length, 4);
  for (const r of facts.responses) assert.ok(r.writeIds.length <= 1 || new Set(r.writeIds).size === r.writeIds.length);
  const same = facts.responses.filter((r) => r.writeIds.length >= 2);
  // only the two middlewares chained at app level can stack: one append of each
  for (const r of same) {
    const ws = r.writeIds.map((id) => facts.headerWrites.find((w) => w.id === id));
    assert.notEqual(ws[0].scope.span.start, ws[1].scope.span.start, 'never two writes of one middleware');
  }
});
