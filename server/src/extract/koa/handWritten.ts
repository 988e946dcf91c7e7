/**
 * Hand-written CORS headers in Koa (koa 3.2.1, lib/response.js and lib/context.js, read from the npm
 * package), on the first parameter of a mounted middleware or router handler (`ctx`):
 *
 * - `ctx.set(name, v)` / `ctx.response.set(name, v)`: Node's `res.setHeader` — replaces; an array value
 *   sends one header line per element. `ctx.set({ Name: v, ... })`: setHeader for each key.
 * - `ctx.append(name, v)`: the previous value(s) concatenated with v, then set — adds a line.
 * - `ctx.vary(field)`: appends field to Vary (the `vary` module; once). `ctx.remove(name)`: removeHeader.
 * - Origin: `ctx.get('Origin')` (request.get, case-insensitive), `ctx.request.get`, `ctx.headers.origin`,
 *   `ctx.header.origin`, `ctx.request.header(s).origin`, `ctx.request.headers['origin']`.
 * - An error thrown downstream makes Koa's ctx.onerror drop every header set so far (unless err.headers);
 *   @koa/cors keeps its own headers then (keepHeadersOnError), hand-written ones are lost.
 * - @koa/cors (5.0.0) writes with ctx.set too: a hand-written `ctx.set` after it replaces its value, a
 *   `ctx.append` adds a second line.
 */
import type { Env, Expr, Func, WriteForm, WriteTable } from '../../code/index.js';
import { isContextParam, mountedUnits } from '../jsHandlers.js';
import { mentionsModule } from '../jsCalls.js';
import { CORS_HEADER, jsWriteTable, type HandWrittenSpec } from '../jsWrites.js';

const MODULES = ['koa', '@koa/router', 'koa-router', '@koa/cors'];

function table(fns: ReadonlySet<Func>): WriteTable {
  // ctx, or ctx.response
  const recv = (e: Expr, env: Env) => isContextParam(e, env, fns) || (e.k === 'member' && e.name === 'response' && isContextParam(e.object, env, fns));
  const form = (method: string, op: WriteForm['op'], rest: Partial<WriteForm>): WriteForm => ({ method, recv, op, ...rest });
  return jsWriteTable('koa', [
    form('set', 'set', { name: 0, value: 1, minArgs: 2 }),
    form('set', 'set', { map: 0, maxArgs: 1 }),
    form('append', 'add', { name: 0, value: 1, minArgs: 2 }),
    form('vary', 'add', { header: 'Vary', value: 0, maxArgs: 1 }),
    form('remove', 'unset', { name: 0, maxArgs: 1 }),
  ]);
}

export const KOA_WRITES: HandWrittenSpec = {
  id: 'koa',
  uses: (text) => mentionsModule(text, MODULES) && CORS_HEADER.test(text),
  units: (code, calls) => mountedUnits(code, calls, { ctx: ['ctx', 'context'] }),
  table,
  // Vary through ctx.vary (appends once), other headers through ctx.set
  adder: (recv, _method, name, value) => (/^['"]vary['"]$/i.test(name) ? `${recv}.vary(${value})` : `${recv}.set(${name}, ${value})`),
  origins: ["@req.request.get('origin')", '@req.request.headers.origin', "@req.request.headers['origin']", '@req.request.header.origin', '@req.header.origin', "@req.header['origin']"],
};
