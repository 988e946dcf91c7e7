/**
 * Hand-written CORS headers in Hono (hono 4.13.19, dist/context.js, read from the npm package), on the first
 * parameter (`c`) of a mounted middleware or handler (`app.use('*', fn)`, `app.get('/x', fn)`,
 * `createMiddleware(fn)` from hono/factory):
 *
 * - `c.header(name, v)`: Headers.set on the response being prepared (or the finished one) — replaces;
 *   `c.header(name, v, { append: true })`: Headers.append — the values are joined with ', ' into one line,
 *   which the browser reads like two lines; `c.header(name, undefined)` deletes.
 * - `c.res.headers.set / append / delete(...)`: the Response's own Headers, after `await next()` the
 *   handler's response (read only on a Hono context's `c.res.headers`, not on other Headers objects).
 * - `c.json(data, status, headers)`, `c.text`, `c.body`, `c.html`, `c.newResponse`: the headers object is
 *   set over what c.header prepared (a string replaces; an array deletes, then appends each); the second
 *   argument may be `{ status, headers }` instead.
 * - Origin: `c.req.header('Origin')` (Headers.get: case-insensitive), `c.req.raw.headers.get('origin')`.
 * - hono/cors writes with `c.res.headers.set` (ACAO, ACAC) and appends Vary: a hand-written `c.header`
 *   after it replaces its value, `{ append: true }` adds a second one.
 */
import type { Env, Expr, Func, WriteForm, WriteTable } from '../../code/index.js';
import { mentionsModule } from '../jsCalls.js';
import { isContextParam, mountedUnits } from '../jsHandlers.js';
import { CORS_HEADER, jsWriteTable, type HandWrittenSpec } from '../jsWrites.js';

const MODULES = ['hono', 'hono/factory', 'hono/cors', 'hono/tiny', 'hono/quick'];
const RESPONDERS = ['json', 'text', 'body', 'html', 'newResponse'];

function table(fns: ReadonlySet<Func>): WriteTable {
  const ctx = (e: Expr, env: Env) => isContextParam(e, env, fns);
  // c.res.headers
  const resHeaders = (e: Expr, env: Env) => e.k === 'member' && e.name === 'headers' && e.object.k === 'member' && e.object.name === 'res' && ctx(e.object.object, env);
  const on = (recv: WriteForm['recv'], method: string, op: WriteForm['op'], rest: Partial<WriteForm>): WriteForm => ({ method, recv, op, ...rest });
  return jsWriteTable('hono', [
    on(ctx, 'header', 'set', { name: 0, value: 1, minArgs: 2, appendArg: 2 }),
    on(resHeaders, 'set', 'set', { name: 0, value: 1, minArgs: 2 }),
    on(resHeaders, 'append', 'add', { name: 0, value: 1, minArgs: 2 }),
    on(resHeaders, 'delete', 'unset', { name: 0, maxArgs: 1 }),
    ...RESPONDERS.flatMap((m) => [on(ctx, m, 'set', { map: 2 }), on(ctx, m, 'set', { map: { arg: 1, key: 'headers' } })]),
  ]);
}

export const HONO_WRITES: HandWrittenSpec = {
  id: 'hono',
  uses: (text) => mentionsModule(text, MODULES) && CORS_HEADER.test(text),
  units: (code, calls) => mountedUnits(code, calls, { ctx: ['c', 'ctx', 'context'], factories: ['createMiddleware', 'factory.createMiddleware'] }),
  table,
  // c.header(..., { append: true }), or append on c.res.headers; not into a c.json headers object
  adder: (recv, method, name, value) => (method === 'header' ? `${recv}.header(${name}, ${value}, { append: true })` : method === 'set' || method === 'append' ? `${recv}.append(${name}, ${value})` : undefined),
  origins: ["@req.req.header('origin')", "@req.req.raw.headers.get('origin')"],
  // once hono/cors has made c.res, the headers it holds are copied over the handler's returned response
  // (the c.res setter), so a headers object passed to c.json & co. loses to them
  yields: (site) => site.node.k === 'call' && site.node.callee.k === 'member' && RESPONDERS.includes(site.node.callee.name),
};
