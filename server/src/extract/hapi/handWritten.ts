/**
 * Hand-written CORS headers in hapi (@hapi/hapi 21.4.10, lib/response.js, lib/cors.js, lib/transmit.js, read
 * from the npm package), on the response a route handler builds (`h.response(x).header(n, v)`) and on
 * `request.response` in a `server.ext('onPreResponse', …)` hook:
 *
 * - `response.header(name, v)` replaces; `{ append: true }` joins with ',' into one line (the browser reads
 *   it like two); `{ override: false }` writes only when the header is absent; an options object we cannot
 *   read makes no fact. `header('Vary', v)` is
 *   `response.vary(v)` (appended once). The builder methods (`code`, `type`, `header` …) return the response.
 * - Origin: `request.headers.origin` (Node lowercases incoming header names); `request.method` is lower
 *   case (lib/request.js), so `=== 'options'` is the OPTIONS test.
 * - onPreResponse runs after the handler, on its response (also on error responses, which are Boom objects
 *   without `.header`).
 * - A route `cors` setting (policy.ts) is applied later, in the marshal cycle (transmit.js → Cors.headers):
 *   when the request Origin matches its settings it overwrites Access-Control-Allow-Origin (and sets
 *   -Credentials when on) with `_header`, which replaces; when it does not match it writes nothing, so the
 *   hand-written headers are exactly what the other origins — an attacker's — receive. The hand-written
 *   policy is therefore reported as written, and never counted twice with the setting's.
 */
import { bindingOf, evaluate, type Env, type Expr, type Func, type WriteTable } from '../../code/index.js';
import type { Scope } from '../../model/index.js';
import { mentionsModule, positional } from '../jsCalls.js';
import { isContextParam, type Unit } from '../jsHandlers.js';
import { CORS_HEADER, jsWriteTable, type HandWrittenSpec } from '../jsWrites.js';
import { member, routeMaps } from './routes.js';

/** Response methods that return the response itself (lib/response.js). */
const CHAIN = new Set(['code', 'type', 'header', 'message', 'created', 'ttl', 'vary', 'etag', 'charset', 'encoding', 'location', 'state', 'unstate', 'bytes', 'compressed', 'spaces', 'suffix', 'passThrough', 'redirect', 'temporary', 'permanent', 'rewritable', 'takeover']);

/** `h.response(x)…`, `request.response`, or a constant holding one. */
function isResponse(e: Expr, env: Env, fns: ReadonlySet<Func>, depth = 0): boolean {
  if (depth > 12) return false;
  if (e.k === 'call' && e.callee.k === 'member') {
    if (e.callee.name === 'response') return isContextParam(e.callee.object, env, fns, 1);
    return CHAIN.has(e.callee.name) && isResponse(e.callee.object, env, fns, depth + 1);
  }
  if (e.k === 'member' && e.name === 'response') return isContextParam(e.object, env, fns, 0);
  if (e.k === 'name') {
    const f = bindingOf(e.name, env);
    return f?.b.k === 'value' && f.b.constant && f.b.prop === undefined && isResponse(f.b.value, f.env, fns, depth + 1);
  }
  return false;
}

function units(calls: Parameters<HandWrittenSpec['units']>[1]): Unit[] {
  const out: Unit[] = [];
  const app: Scope = { kind: 'app', label: 'server', path: ['server'] };
  for (const { call, env } of calls) {
    if (call.callee.k !== 'member') continue;
    const [first, second] = positional(call);
    if (call.callee.name === 'route' && first) {
      for (const r of routeMaps(evaluate(first, env))) {
        const h = member(r, 'handler') ?? member(member(r, 'options') ?? undefined, 'handler') ?? member(member(r, 'config') ?? undefined, 'handler');
        if (h?.k !== 'func') continue;
        const m = member(r, 'method');
        const p = member(r, 'path');
        const label = `${m?.k === 'str' ? m.value.toUpperCase() : '*'} ${p?.k === 'str' ? p.value : '?'}`;
        out.push({ fn: h.fn, kind: 'route', order: r.at.span.start, mount: m?.k === 'str' ? m.value.toLowerCase() : undefined, scope: { kind: 'route', label, path: ['server', label], span: r.at.span } });
      }
    } else if (call.callee.name === 'ext' && first) {
      const v = evaluate(first, env);
      const type = v.k === 'str' ? v : member(v, 'type');
      const fn = v.k === 'str' ? evaluate(second, env) : member(v, 'method');
      if (type?.k !== 'str' || fn?.k !== 'func') continue;
      const pre = type.value === 'onPreResponse';
      out.push({ fn: fn.fn, kind: pre ? 'app' : 'alone', after: pre, order: call.span.start, scope: pre ? { ...app, span: call.span } : { kind: 'block', label: type.value, path: ['server', type.value], span: call.span } });
    }
  }
  return out;
}

function table(fns: ReadonlySet<Func>): WriteTable {
  const recv = (e: Expr, env: Env) => isResponse(e, env, fns);
  return jsWriteTable('hapi', [{ method: 'header', recv, op: 'set', name: 0, value: 1, minArgs: 2, appendArg: 2 }]);
}

export const HAPI_WRITES: HandWrittenSpec = {
  id: 'hapi',
  uses: (text) => CORS_HEADER.test(text) && (mentionsModule(text, ['@hapi/hapi']) || (text.includes('.header(') && (text.includes('.route(') || text.includes('.ext(')))),
  units: (_code, calls) => units(calls),
  table,
  // response.header('Vary', v) is response.vary(v): appended once
  adder: (recv, _method, name, value) => `${recv}.header(${name}, ${value})`,
  origins: [],
  // hapi lowercases the method: `request.method === 'options'` is the OPTIONS test
  tableExtra: { lowerMethods: true },
};
