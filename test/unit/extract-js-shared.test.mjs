// What the engine-based JavaScript extractors share (extract/js*.ts): where a callee comes from in every
// import style, half-typed code, and origin functions.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import koa from '../../dist/lib/extract/koa/index.js';
import hono from '../../dist/lib/extract/hono/index.js';
import hapi from '../../dist/lib/extract/hapi/index.js';
import { extractWith } from '../helpers.mjs';

const policies = async (ex, path, text) => (await extractWith(ex, path, text)).facts.policies ?? [];

test('callee modules: default, named, namespace imports, require, destructured and inline require', async () => {
  const star = "import * as Hapi from '@hapi/hapi';\nconst s = Hapi.server({ routes: { cors: { credentials: true } } });\n";
  const named = "import { server } from '@hapi/hapi';\nconst s = server({ routes: { cors: true } });\n";
  const ctor = "const { Server } = require('@hapi/hapi');\nconst s = new Server({ routes: { cors: true } });\n";
  for (const t of [star, named, ctor]) assert.equal((await policies(hapi, 'server.ts', t)).length, 1, t);
  const inline = "const app = new (require('koa'))();\napp.use(require('@koa/cors')({ credentials: true }));\n";
  assert.equal((await policies(koa, 'app.js', inline))[0].origin.kind, 'reflect');
  const honoReq = "const app = new (require('hono').Hono)();\napp.use('*', require('hono/cors').cors({ origin: '*', credentials: true }));\n";
  assert.equal((await policies(hono, 'app.js', honoReq))[0].origin.kind, 'any');
  // a local function named cors is not the library
  const local = "import '@koa/cors';\nfunction cors(o) { return o; }\napp.use(cors({ credentials: true }));\n";
  assert.equal((await policies(koa, 'app.js', local)).length, 0);
});

test('half-typed code: facts from what parsed, no exception', async () => {
  const text = "import cors from '@koa/cors';\nconst app = new Koa();\napp.use(cors({ origin: '*', credentials: true }));\napp.use(async (ctx, next) => {\n  ctx.body = { a: \n";
  const r = await extractWith(koa, 'app.ts', text);
  assert.equal(r.facts.policies.length, 1);
  assert.equal(r.facts.policies[0].origin.kind, 'reflect');
  for (const ex of [koa, hono, hapi]) await extractWith(ex, 'x.js', "import cors from '@koa/cors' 'hono/cors' '@hapi/hapi' ((({{{ cors({ origin: [");
});

test("origin functions: a Koa function returning '*' with credentials echoes; Hono options mutated later are unknown", async () => {
  const k = "import cors from '@koa/cors';\napp.use(cors({ origin: () => '*', credentials: true }));\n";
  assert.equal((await policies(koa, 'a.js', k))[0].origin.kind, 'reflect');
  const h = "import { cors } from 'hono/cors';\nconst opts = { origin: 'https://a.example.com' };\nopts.origin = process.env.O;\napp.use(cors(opts));\n";
  assert.equal((await policies(hono, 'a.js', h))[0].origin.kind, 'unknown');
});

test('a middleware mounted on one method of a route: the preflight may never reach it', async () => {
  const t = "import { Hono } from 'hono';\nimport { cors } from 'hono/cors';\nconst app = new Hono();\napp.get('/api/data', cors({ origin: 'https://app.example.com' }), (c) => c.json({}));\napp.use('/v2/*', cors());\n";
  const [route, all] = await policies(hono, 'a.ts', t);
  assert.equal(route.answersPreflight, 'unknown');
  assert.equal(route.scope.label, 'get app /api/data');
  assert.equal(all.answersPreflight, true);
  assert.equal(all.scope.label, 'app /v2/*');
});
