// Hand-written CORS headers in Koa (ctx), Hono (c) and hapi (response.header) files: which calls write on
// which response, how the writes combine (koa 3.2.1, hono 4.13.19, @hapi/hapi 21.4.10), and the fixes.
// The fixtures' facts are snapshotted by extract-koa / extract-hono / extract-hapi (hw-*).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import koa from '../../dist/lib/extract/koa/index.js';
import hono from '../../dist/lib/extract/hono/index.js';
import hapi from '../../dist/lib/extract/hapi/index.js';
import { applyEdits, fixtureSet, str } from '../helpers.mjs';

const sets = { koa: fixtureSet(koa, 'koa'), hono: fixtureSet(hono, 'hono'), hapi: fixtureSet(hapi, 'hapi') };
const exts = { koa, hono, hapi };
const hw = (facts) => facts.policies.filter((p) => p.handWritten);

async function one(fw, file, text) {
  const r = await sets[fw].run(file, text);
  const ps = hw(r.facts);
  assert.equal(ps.length, 1, `${file}: ${ps.length} hand-written policies`);
  return { ...r, p: ps[0] };
}

test('hand-written: the request Origin echoed with credentials, in each framework', async () => {
  for (const [fw, file, via] of [
    ['koa', 'hw-reflect-credentials.js', "ctx.get('Origin')"],
    ['hono', 'hw-reflect-credentials.ts', "c.req.header('Origin')"],
    ['hapi', 'hw-reflect-credentials.js', 'request.headers.origin'],
  ]) {
    const { p } = await one(fw, file);
    assert.equal(p.origin.kind, 'reflect', file);
    assert.equal(p.origin.via, via, file);
    assert.equal(p.credentials, true, file);
    assert.equal(p.vary, 'absent', file);
  }
  // a presence test checks nothing
  for (const [fw, file] of [['koa', 'hw-presence-only.ts'], ['hono', 'hw-presence-only.ts'], ['hapi', 'hw-presence-only.js']]) {
    const { p } = await one(fw, file);
    assert.equal(p.origin.kind, 'reflect', file);
    assert.equal(p.vary, 'explicit', file);
  }
});

test('hand-written: an allowlist guard makes an exact list, not an echo', async () => {
  for (const [fw, file] of [['koa', 'hw-allowlist.js'], ['hono', 'hw-allowlist.ts'], ['hapi', 'hw-allowlist.js']]) {
    const { p } = await one(fw, file);
    assert.equal(p.origin.kind, 'list', file);
    assert.deepEqual(p.origin.entries.map((e) => e.value), ['https://app.example.com', 'https://admin.example.com'], file);
    assert.equal(p.credentials, true, file);
  }
  // an unanchored suffix test is a pattern (an exported Koa middleware, mounted in another file)
  const { p } = await one('koa', 'hw-exported-middleware.js');
  assert.equal(p.origin.kind, 'pattern');
  assert.equal(p.origin.check.kind, 'suffix');
  assert.equal(p.scope.label, 'function corsHeaders');
});

test('hand-written: only the framework context is a receiver', async () => {
  assert.equal((await sets.koa.run('hw-not-koa.js')).facts.headerWrites.length, 0);
  assert.equal((await sets.hono.run('hw-not-hono.ts')).facts.headerWrites.length, 0);
  // a ctx that is not the first parameter of a mounted function, in a Koa file
  const text = "const Koa = require('koa');\nconst ctx = makeCtx();\nctx.set('Access-Control-Allow-Origin', '*');\napp.use(async (c2, next) => { await next(); });\n";
  assert.equal((await sets.koa.run('x.js', text)).facts.headerWrites.length, 0);
  // the precheck: a framework import and a CORS header name
  assert.equal(koa.mayContain("import Koa from 'koa';\nctx.set('Access-Control-Allow-Origin', '*')"), true);
  assert.equal(koa.mayContain("import Koa from 'koa';\nctx.set('X-Frame-Options', 'DENY')"), false);
  assert.equal(hono.mayContain("import { Hono } from 'hono';\nc.header('Access-Control-Allow-Origin', '*')"), true);
  assert.equal(hapi.mayContain("server.route({ handler: (r, h) => h.response().header('Access-Control-Allow-Origin', '*') })"), true);
});

test('Koa: set replaces, an array or append adds lines, a router handler is its route', async () => {
  const { facts } = await sets.koa.run('hw-options-preflight.js');
  const [pre, other] = hw(facts);
  assert.equal(pre.answersPreflight, true);
  assert.equal(pre.origin.kind, 'static');
  assert.equal(other.origin.kind, 'unknown'); // ctx.append after next(): two lines
  const arr = "const Koa = require('koa');\napp.use(async (ctx, next) => {\n  ctx.set('Access-Control-Allow-Origin', ['https://a.example.com', 'https://b.example.com']);\n  await next();\n});\n";
  const r = await sets.koa.run('arr.js', arr);
  assert.deepEqual(r.facts.headerWrites.map((w) => w.op), ['set', 'add']);
  assert.equal((await one('koa', 'hw-wildcard-credentials.js')).p.scope.label, 'get router /api/data');
});

test('Hono: c.header append, c.json headers over the middleware, c.res.headers after next()', async () => {
  const { facts } = await sets.hono.run('hw-options-preflight.ts');
  const [pre, get] = hw(facts);
  assert.equal(pre.answersPreflight, true);
  assert.equal(pre.scope.label, 'options app /api/*');
  assert.deepEqual(facts.headerWrites.filter((w) => w.scope.label === 'get app /api/data').map((w) => w.op), ['set', 'add']);
  assert.equal(get.origin.kind, 'unknown');
  // `{ append: flag }` with a flag we cannot read: not a fact
  const t = "import { Hono } from 'hono';\napp.use(async (c, next) => {\n  c.header('Access-Control-Allow-Origin', '*', { append: flag });\n});\n";
  assert.equal((await sets.hono.run('x.ts', t)).facts.headerWrites.length, 0);
});

test('hapi: builder chains in order, append adds, a route cors setting adds Vary', async () => {
  const { facts, text } = await sets.hapi.run('hw-options-preflight.js');
  assert.deepEqual(facts.headerWrites.map((w) => `${str(text, w.nameSpan)} ${w.op}`), ['Access-Control-Allow-Origin set', 'Access-Control-Allow-Methods set', 'Access-Control-Max-Age set', 'Access-Control-Allow-Origin add']);
  assert.equal(hw(facts)[0].answersPreflight, true);
  const { p } = await one('hapi', 'hw-with-route-cors.js');
  assert.equal(p.origin.kind, 'reflect');
  assert.equal(p.vary, 'library');
});

async function fix(fw, file, req, text) {
  const { facts, file: f, text: t, p } = await one(fw, file, text);
  const edits = exts[fw].renderFix({ ...req, ...(req.writeId ? {} : { policyId: p.id }) }, facts, f);
  assert.ok(edits?.length > 0, `${file}: a fix`);
  const out = applyEdits(t, edits);
  return { out, again: hw((await sets[fw].run(file, out)).facts) };
}

test('hand-written fixes: one trusted origin replaces the echo', async () => {
  for (const [fw, file] of [['koa', 'hw-reflect-credentials.js'], ['hono', 'hw-reflect-credentials.ts'], ['hapi', 'hw-reflect-credentials.js']]) {
    const { out, again } = await fix(fw, file, { kind: 'set-origins', origins: ['https://app.example.com'] });
    assert.match(out, /'Access-Control-Allow-Origin', 'https:\/\/app\.example\.com'\)/, file);
    assert.equal(again[0].origin.kind, 'static', file);
  }
  // several origins need an allowlist check written by hand: not offered
  const { facts, file: f, p } = await one('koa', 'hw-reflect-credentials.js');
  assert.deepEqual(koa.renderFix({ kind: 'set-origins', policyId: p.id, origins: ['https://a.example.com', 'https://b.example.com'] }, facts, f), []);
});

test('hand-written fixes: the credentials write is removed in its own form', async () => {
  // a call statement
  let r = await fix('koa', 'hw-reflect-credentials.js', { kind: 'remove-credentials' });
  assert.doesNotMatch(r.out, /Credentials/);
  assert.equal(r.again[0].credentials, false);
  // one entry of ctx.set({...})
  r = await fix('koa', 'hw-allowlist.js', { kind: 'remove-credentials' });
  assert.match(r.out, /ctx\.set\(\{ 'Access-Control-Allow-Origin': origin \}\);/);
  // one entry of c.json(data, status, {...})
  r = await fix('hono', 'hw-wildcard-credentials.ts', { kind: 'remove-credentials' });
  assert.doesNotMatch(r.out, /Credentials/);
  assert.equal(r.again[0].origin.kind, 'any');
  assert.equal(r.again[0].credentials, false);
  // one step of a hapi builder chain
  r = await fix('hapi', 'hw-wildcard-credentials.js', { kind: 'remove-credentials' });
  assert.match(r.out, /h\.response\(\{ ok: true \}\)\.code\(200\)\.header\('Access-Control-Allow-Origin', '\*'\),/);
  assert.equal(r.again[0].credentials, false);
});

test('hand-written fixes: a duplicate write removed, a literal value replaced', async () => {
  const { facts, file: f, text } = await sets.hono.run('hw-options-preflight.ts');
  const dup = facts.headerWrites.find((w) => w.op === 'add');
  const out = applyEdits(text, hono.renderFix({ kind: 'remove-write', writeId: dup.id }, facts, f));
  assert.doesNotMatch(out, /admin\.example\.com/);
  assert.equal(hw((await sets.hono.run('hw-options-preflight.ts', out)).facts)[1].origin.kind, 'static');
  const maxAge = facts.headerWrites.find((w) => w.name === 'Access-Control-Max-Age');
  assert.deepEqual(hono.renderFix({ kind: 'set-header-value', writeId: maxAge.id, value: '7200' }, facts, f), [{ span: maxAge.valueSpan, newText: '7200' }]);
  // a value that is not a literal written at the write is not edited
  const k = await sets.koa.run('hw-reflect-credentials.js');
  const acao = k.facts.headerWrites[0];
  assert.deepEqual(koa.renderFix({ kind: 'set-header-value', writeId: acao.id, value: 'https://app.example.com' }, k.facts, k.file), []);
});

test('beside the CORS middleware: a set replaces its Allow-Origin, an append adds one', async () => {
  const k = await sets.koa.run('hw-with-koa-cors.js');
  const lib = k.facts.headerWrites.filter((w) => w.id.startsWith('koa-lib-'));
  assert.deepEqual(lib.map((w) => `${w.name} ${str(k.text, w.nameSpan)}`), ['Access-Control-Allow-Origin https://app.example.com']);
  const a = k.facts.responses.find((r) => r.scope.label === 'get router /api/a');
  assert.deepEqual(a.writeIds, ['koa-lib-w1', 'koa-w1']);
  const b = hw(k.facts);
  assert.equal(b.length, 1); // /api/a: the library's value is in force (with a second one): no hand-written policy
  assert.equal(b[0].origin.kind, 'reflect');
  assert.equal(b[0].vary, 'library'); // @koa/cors calls ctx.vary('Origin') on every response

  // hono/cors made c.res: c.json's Allow-Origin loses to its '*', its Allow-Credentials is added
  const h = await sets.hono.run('hw-with-hono-cors.ts');
  const [json, header] = hw(h.facts);
  assert.equal(json.scope.label, 'get app /api/a');
  assert.equal(json.origin.kind, 'any');
  assert.equal(json.credentials, true);
  assert.equal(header.origin.kind, 'reflect');
  // the '*' is fixed in hono/cors' own options, not here; the credentials entry of c.json is removable
  assert.deepEqual(hono.renderFix({ kind: 'set-origins', policyId: json.id, origins: ['https://app.example.com'] }, h.facts, h.file), []);
  const out = applyEdits(h.text, hono.renderFix({ kind: 'remove-credentials', policyId: json.id }, h.facts, h.file));
  assert.match(out, /c\.json\(\{ a: 1 \}, 200, \{ 'Access-Control-Allow-Origin': c\.req\.header\('Origin'\) \?\? '' \}\)\);/);
});

test('hand-written: every prefix of the fixtures (half-typed code) reads without a failure', async () => {
  for (const [fw, set] of Object.entries(sets)) {
    for (const f of set.fixtures.filter((n) => n.startsWith('hw-'))) {
      const full = (await set.run(f)).text;
      for (let i = 0; i < full.length; i += 23) {
        const r = await set.run(f, full.slice(0, i));
        assert.deepEqual(r.facts.notes.filter((n) => /fail/.test(n)), [], `${fw}/${f} cut at ${i}`);
        const ids = new Set(r.facts.headerWrites.map((w) => w.id));
        for (const p of hw(r.facts)) for (const id of p.writeIds) assert.ok(ids.has(id), `${fw}/${f} cut at ${i}: ${id}`);
      }
    }
  }
});

test('the ways each framework reads the request Origin, and removal', async () => {
  const koaReads = ["ctx.get('Origin')", "ctx.request.get('origin')", 'ctx.headers.origin', 'ctx.header.origin', 'ctx.request.header.origin', "ctx.request.headers['origin']"];
  for (const read of koaReads) {
    const text = `import Router from '@koa/router';\nrouter.get('/x', async (ctx) => {\n  ctx.set('Access-Control-Allow-Origin', ${read});\n});\n`;
    const { facts } = await sets.koa.run('r.js', text);
    assert.equal(facts.headerWrites[0]?.value.kind, 'request-origin', read);
  }
  for (const read of ["c.req.header('ORIGIN')", "c.req.raw.headers.get('origin')"]) {
    const text = `import { Hono } from 'hono';\napp.post('/x', (c) => c.text('ok', 200, { 'Access-Control-Allow-Origin': ${read} }));\n`;
    const { facts } = await sets.hono.run('r.ts', text);
    assert.equal(facts.headerWrites[0]?.value.kind, 'request-origin', read);
  }
  // ctx.remove after the write: nothing is in force
  const text = "const Koa = require('koa');\napp.use(async (ctx, next) => {\n  ctx.set('Access-Control-Allow-Origin', '*');\n  ctx.remove('Access-Control-Allow-Origin');\n  await next();\n});\n";
  const { facts } = await sets.koa.run('rm.js', text);
  assert.deepEqual(facts.headerWrites.map((w) => w.op), ['set', 'unset']);
  assert.equal(hw(facts).length, 0);
});

test('a write inside a callback of a handler is not read (its guards would be lost)', async () => {
  const text =
    "const Koa = require('koa');\nconst allowed = ['https://app.example.com'];\napp.use(async (ctx, next) => {\n  const origin = ctx.get('Origin');\n" +
    "  if (allowed.includes(origin)) {\n    [origin].forEach((o) => ctx.set('Access-Control-Allow-Origin', o));\n  }\n  await next();\n});\n";
  const { facts } = await sets.koa.run('cb.js', text);
  assert.equal(facts.headerWrites.length, 0);
  assert.equal(facts.policies.length, 0);
});

test('hapi: header options decide the op; options we cannot read make no fact', async () => {
  const at = (opts) =>
    "const Hapi = require('@hapi/hapi');\nserver.route({ method: 'GET', path: '/x', handler: (request, h) => h.response('x')" +
    `.header('Access-Control-Allow-Origin', 'https://app.example.com').header('Access-Control-Allow-Origin', '*'${opts}) });\n`;
  const ops = async (opts) => (await sets.hapi.run('o.js', at(opts))).facts.headerWrites.map((w) => w.op);
  assert.deepEqual(await ops(''), ['set', 'set']);
  assert.deepEqual(await ops(', { append: true }'), ['set', 'add']);
  assert.deepEqual(await ops(', { override: false }'), ['set', 'setifempty']);
  assert.deepEqual(await ops(', { append: false, separator: ";" }'), ['set', 'set']);
  assert.deepEqual(await ops(', opts'), ['set']);
  // override: false keeps the first value
  const { facts } = await sets.hapi.run('o.js', at(', { override: false }'));
  assert.equal(hw(facts)[0].origin.kind, 'static');
});

test('hand-written fixes: Vary: Origin added beside the Allow-Origin write, in the framework form', async () => {
  for (const [fw, file, added] of [
    ['koa', 'hw-reflect-credentials.js', "\n  ctx.vary('Origin');"],
    ['hono', 'hw-reflect-credentials.ts', "\n  c.header('Vary', 'Origin', { append: true });"],
    ['hapi', 'hw-reflect-credentials.js', "\n  response.header('Vary', 'Origin');"],
    ['hapi', 'hw-with-route-cors.js', ".header('Vary', 'Origin')"],
  ]) {
    const { facts, file: f, text, p } = await one(fw, file);
    const acao = facts.headerWrites.find((w) => p.writeIds.includes(w.id) && w.name === 'Access-Control-Allow-Origin');
    const edits = exts[fw].renderFix({ kind: 'add-header', afterWriteId: acao.id, name: 'Vary', value: 'Origin' }, facts, f);
    assert.equal(edits.length, 1, file);
    assert.equal(edits[0].newText, added, file);
    const again = hw((await sets[fw].run(file, applyEdits(text, edits))).facts)[0];
    assert.equal(again.vary, 'explicit', file);
  }
  // not into a c.json headers object
  const h = await sets.hono.run('hw-wildcard-credentials.ts');
  assert.deepEqual(hono.renderFix({ kind: 'add-header', afterWriteId: h.facts.headerWrites[0].id, name: 'Vary', value: 'Origin' }, h.facts, h.file), []);
});

test("hapi: request.method is lower case, so === 'options' is the OPTIONS test (and 'OPTIONS' never is)", async () => {
  const at = (m) =>
    "const Hapi = require('@hapi/hapi');\nserver.ext('onPreResponse', (request, h) => {\n  const response = request.response;\n" +
    `  if (request.method === '${m}') {\n    response.header('Access-Control-Allow-Origin', 'https://app.example.com');\n  }\n  return h.continue;\n});\n`;
  const cond = async (m) => (await sets.hapi.run('m.js', at(m))).facts.headerWrites[0].condition;
  assert.equal(await cond('options'), 'options-only');
  assert.equal(await cond('OPTIONS'), 'conditional');
});

test('a (ctx, next) helper this file calls itself is not read alone (its caller may check the origin)', async () => {
  const text =
    "const Koa = require('koa');\nconst allowed = ['https://app.example.com'];\n" +
    "function corsHeaders(ctx, next) {\n  ctx.set('Access-Control-Allow-Origin', ctx.get('Origin'));\n  ctx.set('Access-Control-Allow-Credentials', 'true');\n}\n" +
    "const app = new Koa();\napp.use(async (ctx, next) => {\n  if (allowed.includes(ctx.get('Origin'))) corsHeaders(ctx, next);\n  await next();\n});\n";
  assert.equal((await sets.koa.run('helper.js', text)).facts.headerWrites.length, 0);
  // exported and not called here: mounted elsewhere, read on its own
  const exported = text.replace("  if (allowed.includes(ctx.get('Origin'))) corsHeaders(ctx, next);\n", '') + 'module.exports = { corsHeaders };\n';
  assert.equal(hw((await sets.koa.run('helper.js', exported)).facts)[0].origin.kind, 'reflect');
});
