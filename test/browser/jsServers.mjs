// The Node servers of the browser tests beyond Express: Koa (+ @koa/cors), Hono on @hono/node-server, hapi,
// NestJS on its Express platform, Fastify (+ @fastify/cors), and a bare Fetch-API handler (what Deno.serve,
// Bun.serve, a Worker's fetch and a Supabase function take) served by @hono/node-server on Node's own Request /
// Response / Headers.
// Each builds a CommonJS program around an example: the framework's app or server is defined unless the
// example defines it, the example runs, then the JSON resource is added for every method and the server
// listens on 127.0.0.1:PORT. `require` resolves from the project's node_modules (exact-pinned devDependencies).

/** Which of these frameworks serves an example, by its file name (koa-*.js, hono-*.js, hapi-*.js, nest-*.js,
 *  fastify-*.js, fetch-*.js). */
export function jsFrameworkOf(name) {
  const m = /^(koa|hono|hapi|nest|fastify|fetch)[-.\w]*\.[cm]?js$/.exec(name);
  return m?.[1];
}

export const JS_FRAMEWORK_MODULES = { koa: ['koa', '@koa/cors'], hono: ['hono', '@hono/node-server'], hapi: ['@hapi/hapi'],
  nest: ['@nestjs/core', '@nestjs/common', '@nestjs/platform-express', 'reflect-metadata'],
  fastify: ['fastify', '@fastify/cors'],
  fetch: ['@hono/node-server'],
};

const defines = (code, name) => new RegExp(`\\b(const|let|var)\\s+${name}\\s*=`).test(code);
const requires = (code, name) => defines(code, name) || new RegExp(`\\b(const|let|var)\\s*\\{[^}]*\\b${name}\\b[^}]*\\}\\s*=`).test(code);

/** The program for `framework` around `code`, answering `resource` with `body` (JSON text). */
export function jsFrameworkProgram(framework, code, port, resource, body) {
  const res = JSON.stringify(resource);
  const json = JSON.stringify(body);
  if (framework === 'koa') {
    return `'use strict';
${requires(code, 'Koa') ? '' : "const Koa = require('koa');"}
${defines(code, 'app') ? '' : 'const app = new Koa();'}
// ---- example ----
${code}
// ---- harness ----
app.use((ctx) => { if (ctx.path === ${res}) { ctx.type = 'application/json'; ctx.body = ${json}; } });
app.listen(${port}, '127.0.0.1');
`;
  }
  if (framework === 'hono') {
    return `'use strict';
${requires(code, 'Hono') ? '' : "const { Hono } = require('hono');"}
${defines(code, 'app') ? '' : 'const app = new Hono();'}
// ---- example ----
${code}
// ---- harness ----
app.all(${res}, (c) => c.body(${json}, 200, { 'Content-Type': 'application/json' }));
require('@hono/node-server').serve({ fetch: app.fetch, port: ${port}, hostname: '127.0.0.1' });
`;
  }
  if (framework === 'hapi') {
    return `'use strict';
${requires(code, 'Hapi') ? '' : "const Hapi = require('@hapi/hapi');"}
${defines(code, 'server') ? '' : 'const server = Hapi.server();'}
// ---- example ----
${code}
// ---- harness ----
${code.includes(`path: ${JSON.stringify(resource).replace(/"/g, "'")}`) ? '' : `server.route({ method: '*', path: ${res}, handler: (request, h) => h.response(${json}).type('application/json') });`}
server.settings.port = ${port};
server.settings.address = '127.0.0.1';
server.start().catch((e) => { console.error(e); process.exit(1); });
`;
  }
  if (framework === 'nest') {
    // Nest 12 is ESM; Node 20's require() loads it. The example's body runs inside an async function (it may
    // `await NestFactory.create(AppModule)`); the resource goes on the Express instance before listen.
    return `'use strict';
require('reflect-metadata');
${requires(code, 'NestFactory') ? '' : "const { NestFactory } = require('@nestjs/core');"}
const { Module } = require('@nestjs/common');
class AppModule {}
Module({})(AppModule);
(async () => {
${defines(code, 'app') ? '' : 'const app = await NestFactory.create(AppModule, { logger: false });'}
// ---- example ----
${code}
// ---- harness ----
app.getHttpAdapter().getInstance().all(${res}, (req, r) => r.type('application/json').send(${json}));
await app.listen(${port}, '127.0.0.1');
})().catch((e) => { console.error(e); process.exit(1); });
`;
  }
  if (framework === 'fastify') {
    // The example's body runs inside an async function (it may `await fastify.register(...)`); the resource
    // answers every method but OPTIONS, which @fastify/cors (when registered) answers in its onRequest hook.
    return `'use strict';
${requires(code, 'Fastify') ? '' : "const Fastify = require('fastify');"}
${defines(code, 'fastify') ? '' : 'const fastify = Fastify();'}
(async () => {
// ---- example ----
${code}
// ---- harness ----
fastify.route({ method: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'], url: ${res}, handler: async (request, reply) => { reply.type('application/json'); return ${json}; } });
await fastify.listen({ port: ${port}, host: '127.0.0.1' });
})().catch((e) => { console.error(e); process.exit(1); });
`;
  }
  if (framework === 'fetch') {
    // The example defines `handler(request)` returning a Response (its body: the constant BODY).
    return `'use strict';
const BODY = ${json};
// ---- example ----
${code}
// ---- harness ----
const serveData = (request) => (new URL(request.url).pathname === ${res} ? handler(request) : new Response('not found', { status: 404 }));
require('@hono/node-server').serve({ fetch: serveData, port: ${port}, hostname: '127.0.0.1' });
`;
  }
  throw new Error(`no program for ${framework}`);
}
