// Koa, Hono, hapi, next.config, vercel.json and Fetch-API handlers through the bundled server over stdio: the finding at the
// option, the quick fix in the framework's form (applied and re-checked), and the hover on an option naming what
// it makes the server send (on the header name, for hand-written headers).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { trackedClients, applyLspEdits, checkFixAndHover } from './client.mjs';

const client = trackedClients();

const CASES = [
  {
    uri: 'file:///tmp/ws/koa-server.js',
    text: "const Koa = require('koa');\nconst cors = require('@koa/cors');\nconst app = new Koa();\napp.use(cors({ origin: '*', credentials: true }));\n",
    rule: 'reflected-origin-with-credentials',
    at: { line: 3, character: 24 },
    hover: { position: { line: 3, character: 16 }, text: /@koa\/cors 5\.0\.0[\s\S]*the request Origin itself/ },
    fixed: /origin: 'https:\/\/app\.example\.com', credentials: true/,
  },
  {
    uri: 'file:///tmp/ws/hono-app.ts',
    text: "import { Hono } from 'hono';\nimport { cors } from 'hono/cors';\nconst app = new Hono();\napp.use('/api/*', cors({ origin: '*', credentials: true }));\n",
    rule: 'wildcard-origin-with-credentials',
    at: { line: 3, character: 34 },
    hover: { position: { line: 3, character: 40 }, text: /hono\/cors 4\.13\.19[\s\S]*Access-Control-Allow-Credentials: true/ },
    fixed: /origin: 'https:\/\/app\.example\.com', credentials: true/,
  },
  {
    uri: 'file:///tmp/ws/hapi-server.js',
    text: "const Hapi = require('@hapi/hapi');\nconst server = Hapi.server({ routes: { cors: { credentials: true } } });\n",
    rule: 'reflected-origin-with-credentials',
    at: { line: 1, character: 45 },
    hover: { position: { line: 1, character: 49 }, text: /hapi 21\.4\.10[\s\S]*Access-Control-Allow-Credentials: true/ },
    fixed: /cors: \{ origin: \['https:\/\/app\.example\.com'\], credentials: true \}/,
  },
  {
    uri: 'file:///tmp/ws/next.config.js',
    text: "module.exports = {\n  async headers() {\n    return [{ source: '/api/:path*', headers: [\n      { key: 'Access-Control-Allow-Origin', value: '*' },\n      { key: 'Access-Control-Allow-Credentials', value: 'true' },\n    ] }];\n  },\n};\n",
    rule: 'wildcard-origin-with-credentials',
    at: { line: 3, character: 52 },
    // the hover on `source` says every matching entry applies, whatever the method
    hover: { position: { line: 2, character: 18 }, text: /Next\.js headers\(\) 16\.0[\s\S]*whatever the method/ },
    fixed: /\{ key: 'Access-Control-Allow-Origin', value: 'https:\/\/app\.example\.com' \}/,
  },
  {
    // a static-hosting config (extract/hosting): JSON with a trailing comma, read by its file name
    uri: 'file:///tmp/ws/vercel.json',
    languageId: 'json',
    text: '{\n  "headers": [\n    { "source": "/api/(.*)", "headers": [\n      { "key": "Access-Control-Allow-Origin", "value": "*" },\n      { "key": "Access-Control-Allow-Credentials", "value": "true" },\n    ] }\n  ]\n}\n',
    rule: 'wildcard-origin-with-credentials',
    at: { line: 3, character: 56 },
    hover: { position: { line: 2, character: 8 }, text: /vercel\.json headers 2026\.12[\s\S]*whatever the method/ },
    fixed: /\{ "key": "Access-Control-Allow-Origin", "value": "https:\/\/app\.example\.com" \}/,
  },
  {
    uri: 'file:///tmp/ws/functions/hello/index.ts',
    text: "const corsHeaders = {\n  'Access-Control-Allow-Origin': '*',\n  'Access-Control-Allow-Credentials': 'true',\n};\nDeno.serve((req) => new Response('ok', { headers: { ...corsHeaders } }));\n",
    rule: 'wildcard-origin-with-credentials',
    at: { line: 1, character: 34 },
    // a header name in a Fetch-API record gets the header hover
    hover: { position: { line: 1, character: 10 }, text: /Access-Control-Allow-Origin/ },
    fixed: /'Access-Control-Allow-Origin': 'https:\/\/app\.example\.com',/,
  },
  // hand-written headers: the finding at the echoed value, the fix writes the trusted origin, the hover is
  // on the header name
  {
    uri: 'file:///tmp/ws/koa-headers.js',
    text: "const Koa = require('koa');\nconst app = new Koa();\napp.use(async (ctx, next) => {\n  ctx.set('Access-Control-Allow-Origin', ctx.get('Origin'));\n  ctx.set('Access-Control-Allow-Credentials', 'true');\n  await next();\n});\n",
    rule: 'reflected-origin-with-credentials',
    at: { line: 3, character: 41 },
    hover: { position: { line: 3, character: 20 }, text: /Access-Control-Allow-Origin/ },
    fixed: /ctx\.set\('Access-Control-Allow-Origin', 'https:\/\/app\.example\.com'\);/,
  },
  {
    uri: 'file:///tmp/ws/hono-headers.ts',
    text: "import { Hono } from 'hono';\nconst app = new Hono();\napp.use('*', async (c, next) => {\n  c.header('Access-Control-Allow-Origin', c.req.header('Origin'));\n  c.header('Access-Control-Allow-Credentials', 'true');\n  await next();\n});\n",
    rule: 'reflected-origin-with-credentials',
    at: { line: 3, character: 42 },
    hover: { position: { line: 4, character: 20 }, text: /Access-Control-Allow-Credentials/ },
    fixed: /c\.header\('Access-Control-Allow-Origin', 'https:\/\/app\.example\.com'\);/,
  },
  {
    uri: 'file:///tmp/ws/hapi-headers.js',
    text: "const Hapi = require('@hapi/hapi');\nconst server = Hapi.server();\nserver.route({ method: 'GET', path: '/x', handler: (request, h) => h.response('x').header('Access-Control-Allow-Origin', '*').header('Access-Control-Allow-Credentials', 'true') });\n",
    rule: 'wildcard-origin-with-credentials',
    at: { line: 2, character: 122 },
    hover: { position: { line: 2, character: 95 }, text: /Access-Control-Allow-Origin/ },
    fixed: /\.header\('Access-Control-Allow-Origin', 'https:\/\/app\.example\.com'\)\.header\('Access-Control-Allow-Credentials', 'true'\)/,
  },
];

for (const k of CASES) {
  test(`${k.uri.split('/').pop()}: ${k.rule}, its quick fix, and the option hover`, () =>
    checkFixAndHover(client, k, k.languageId ?? (k.uri.endsWith('.ts') ? 'typescript' : 'javascript')));
}

test('nest @Header(): wildcard-origin-with-credentials at the decorator, and its quick fix', async () => {
  const uri = 'file:///tmp/ws/cats.controller.ts';
  const text =
    "import { Controller, Get, Header } from '@nestjs/common';\n\n@Controller('cats')\nexport class CatsController {\n  @Get()\n  @Header('Access-Control-Allow-Origin', '*')\n  @Header('Access-Control-Allow-Credentials', 'true')\n  findAll() {\n    return [];\n  }\n}\n";
  const c = client({ settings: { trustedOrigins: ['https://app.example.com'] } });
  await c.initialize();
  const since = c.notifications.length;
  c.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'typescript', version: 1, text } });
  const diags = await c.diagnosticsFor(uri, since, 1);
  const d = diags.find((x) => x.code === 'wildcard-origin-with-credentials');
  assert.ok(d, JSON.stringify(diags));
  assert.deepEqual(d.range.start, { line: 5, character: 42 });
  const actions = await c.request('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d], only: ['quickfix'] } });
  const fix = actions.find((a) => a.edit && /Allow only/.test(a.title));
  assert.ok(fix, actions.map((a) => a.title).join(' | '));
  const out = applyLspEdits(text, fix.edit.changes[uri]);
  assert.match(out, /@Header\('Access-Control-Allow-Origin', 'https:\/\/app\.example\.com'\)/);
  const since2 = c.notifications.length;
  c.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: out }] });
  const after = await c.diagnosticsFor(uri, since2, 2);
  assert.deepEqual(after.filter((x) => x.code === 'wildcard-origin-with-credentials'), []);
  await c.stop();
});
