// The claims behind the hand-written header model, against the real libraries (exact-pinned devDependencies:
// koa 3.2.1 + @koa/cors 5.0.0, hono 4.13.19, @hapi/hapi 21.4.10), in process: each program is read by the
// extractor and run, and what an attacker's origin receives must be what the facts say.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import koa from '../../dist/lib/extract/koa/index.js';
import hono from '../../dist/lib/extract/hono/index.js';
import hapi from '../../dist/lib/extract/hapi/index.js';
import { extractWith, root } from '../helpers.mjs';

const requireHere = createRequire(join(root, 'package.json'));
const EVIL = 'https://evil.example.net';

/** Run a CommonJS program text and return what it leaves in `exports`. */
function load(code) {
  const module = { exports: {} };
  new Function('require', 'module', 'exports', code)(requireHere, module, module.exports);
  return module.exports;
}

/** The hand-written policy of a route (by scope label), and the writes of its responses. */
async function facts(ext, path, code, label) {
  const { facts: f } = await extractWith(ext, path, code);
  const policy = f.policies.find((p) => p.handWritten && p.scope.label === label);
  const responses = f.responses.filter((r) => r.scope.label === label);
  return { policy, responses, writes: f.headerWrites };
}

test('hono 4.13.19: c.json headers lose to what hono/cors put on c.res; c.header replaces or appends', async () => {
  const code =
    "const { Hono } = require('hono');\nconst { cors } = require('hono/cors');\nconst app = new Hono();\napp.use('*', cors());\n" +
    "app.get('/a', (c) => c.json({ a: 1 }, 200, { 'Access-Control-Allow-Origin': c.req.header('Origin'), 'Access-Control-Allow-Credentials': 'true' }));\n" +
    "app.get('/b', (c) => {\n  c.header('Access-Control-Allow-Origin', 'https://app.example.com', { append: true });\n  return c.json({ b: 1 });\n});\n" +
    "app.get('/c', (c) => {\n  c.header('Access-Control-Allow-Origin', c.req.header('Origin'));\n  c.header('Access-Control-Allow-Credentials', 'true');\n  return c.json({ c: 1 });\n});\n" +
    'module.exports = app;\n';
  const app = load(code);
  const get = async (p) => (await app.request(p, { headers: { Origin: EVIL } })).headers;
  // /a: '*' from hono/cors, credentials from c.json
  let h = await get('/a');
  assert.equal(h.get('access-control-allow-origin'), '*');
  assert.equal(h.get('access-control-allow-credentials'), 'true');
  const a = await facts(hono, 'app.js', code, 'get app /a');
  assert.equal(a.policy.origin.kind, 'any');
  assert.equal(a.policy.credentials, true);
  // /b: two values
  h = await get('/b');
  assert.equal(h.get('access-control-allow-origin'), '*, https://app.example.com');
  const b = await facts(hono, 'app.js', code, 'get app /b');
  assert.equal(b.policy, undefined);
  assert.deepEqual(b.responses[0].writeIds.map((id) => b.writes.find((w) => w.id === id).name), ['Access-Control-Allow-Origin', 'Access-Control-Allow-Origin']);
  // /c: the echo replaces '*'
  h = await get('/c');
  assert.equal(h.get('access-control-allow-origin'), EVIL);
  assert.equal(h.get('access-control-allow-credentials'), 'true');
  const c = await facts(hono, 'app.js', code, 'get app /c');
  assert.equal(c.policy.origin.kind, 'reflect');
  assert.equal(c.policy.credentials, true);
});

test('hono 4.13.19: without a c.res made before, the headers given to c.json win', async () => {
  const code =
    "const { Hono } = require('hono');\nconst app = new Hono();\n" +
    "app.use('*', async (c, next) => {\n  c.header('Access-Control-Allow-Origin', c.req.header('Origin'));\n  await next();\n});\n" +
    "app.get('/d', (c) => c.json({ d: 1 }, 200, { 'Access-Control-Allow-Origin': '*' }));\nmodule.exports = app;\n";
  const res = await load(code).request('/d', { headers: { Origin: EVIL } });
  assert.equal(res.headers.get('access-control-allow-origin'), '*');
  assert.equal((await facts(hono, 'app.js', code, 'get app /d')).policy.origin.kind, 'any');
});

test('koa 3.2.1 + @koa/cors 5.0.0: ctx.append adds a second Allow-Origin line, ctx.set replaces it', async () => {
  const code =
    "const Koa = require('koa');\nconst cors = require('@koa/cors');\nconst app = new Koa();\napp.use(cors({ origin: 'https://app.example.com' }));\n" +
    "app.use(async (ctx, next) => {\n  await next();\n  ctx.append('Access-Control-Allow-Origin', 'https://admin.example.com');\n});\n" +
    "app.use(async (ctx) => {\n  ctx.set('Access-Control-Allow-Credentials', 'true');\n  ctx.body = { ok: 1 };\n});\nmodule.exports = app;\n";
  const app = load(code);
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  try {
    const r = await fetch(`http://127.0.0.1:${server.address().port}/`, { headers: { Origin: EVIL } });
    assert.equal(r.headers.get('access-control-allow-origin'), 'https://app.example.com, https://admin.example.com');
    assert.equal(r.headers.get('vary'), 'Origin');
  } finally {
    server.close();
  }
  const { facts: f } = await extractWith(koa, 'app.js', code);
  const acao = (ids) => ids.filter((id) => f.headerWrites.find((w) => w.id === id).name === 'Access-Control-Allow-Origin');
  assert.ok(f.responses.some((r) => acao(r.writeIds).length === 2), JSON.stringify(f.responses));
  // the library's value is in force (with a second one): no hand-written policy claims an origin
  assert.deepEqual(f.policies.filter((p) => p.handWritten), []);
});

test('@hapi/hapi 21.4.10: a route cors list overwrites a hand-written echo only for the origins it lists', async () => {
  const code =
    "const Hapi = require('@hapi/hapi');\nconst server = Hapi.server({ routes: { cors: { origin: ['https://app.example.com'], credentials: true } } });\n" +
    "server.route({ method: 'GET', path: '/x', handler: (request, h) => h.response({ ok: 1 }).header('Access-Control-Allow-Origin', request.headers.origin).header('Access-Control-Allow-Credentials', 'true') });\n" +
    'module.exports = server;\n';
  const server = load(code);
  await server.initialize();
  const listed = await server.inject({ url: '/x', headers: { origin: 'https://app.example.com' } });
  assert.equal(listed.headers['access-control-allow-origin'], 'https://app.example.com');
  const other = await server.inject({ url: '/x', headers: { origin: EVIL } });
  assert.equal(other.headers['access-control-allow-origin'], EVIL);
  assert.equal(other.headers['access-control-allow-credentials'], 'true');
  assert.equal(other.headers.vary, 'origin');
  await server.stop();
  const { policy } = await facts(hapi, 'server.js', code, 'GET /x');
  assert.equal(policy.origin.kind, 'reflect');
  assert.equal(policy.credentials, true);
  assert.equal(policy.vary, 'library');
});
