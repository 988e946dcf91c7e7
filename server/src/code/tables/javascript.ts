/** JavaScript / TypeScript: Node http, Express, Koa, Fastify, Hono, Next.js and Fetch-API handlers. */
import { CHECK_LIKE, patterns, type LanguageTable } from '../table.js';

export const JS_TABLE: LanguageTable = {
  language: 'javascript',
  originSources: patterns(
    // Node http / Express / Fastify request objects
    '@req.headers.origin',
    "@req.headers['origin']",
    "@req.get('origin')",
    "@req.header('origin')",
    // Koa: ctx.get('Origin'), ctx.request.get / ctx.headers.origin / ctx.request.header.origin
    "ctx.get('origin')",
    "ctx.request.get('origin')",
    'ctx.headers.origin',
    'ctx.header.origin',
    'ctx.request.headers.origin',
    'ctx.request.header.origin',
    // Hono: c.req.header('Origin')
    "c.req.header('origin')",
    "**.req.header('origin')",
    // Fetch API Request / Next.js / Deno / Workers: request.headers.get('Origin'), headers().get('origin')
    "**.headers.get('origin')",
    "headers().get('origin')",
  ),
  methodSources: patterns('@req.method', 'ctx.method', 'ctx.request.method', 'c.req.method', '**.request.method'),
  optionsTests: [],
  caseFolds: [{ method: 'toUpperCase' }, { method: 'toLowerCase' }],
  requestNames: new Set(['req', 'request']),
  // (req, res) / (req, res, next) handlers; (request, reply) in Fastify; Express error handlers
  // (err, req, res, next): Express tells them by their four parameters
  requestParam: (fn, index) => (index === 0 && fn.params.length >= 2) || (index === 1 && fn.params.length === 4 && /^_?(err|error|e)$/i.test(fn.params[0].name)),
  regexCalls: [{ fn: 'RegExp' }],
  listCalls: [{ fn: 'Set', from: 'first' }, { fn: 'Array.from', from: 'first' }, { fn: 'Array.of', from: 'all' }],
  joins: [{ method: 'join', sep: 0, list: 'recv' }],
  checkLike: CHECK_LIKE,
  tests: [
    { method: 'includes', origin: 0, other: 'recv', kind: 'member' },
    { method: 'includes', origin: 'recv', other: 0, kind: 'substring' },
    { method: 'has', origin: 0, other: 'recv', kind: 'member' },
    { method: 'indexOf', origin: 0, other: 'recv', kind: 'index' },
    { method: 'indexOf', origin: 'recv', other: 0, kind: 'index' },
    { method: 'endsWith', origin: 'recv', other: 0, kind: 'suffix' },
    { method: 'startsWith', origin: 'recv', other: 0, kind: 'prefix' },
    { method: 'match', origin: 'recv', other: 0, kind: 'regex' },
    { method: 'test', origin: 0, other: 'recv', kind: 'regex' },
    { method: 'search', origin: 'recv', other: 0, kind: 'regex' },
  ],
};
