/**
 * Hand-written CORS headers in ASP.NET code: `context.Response.Headers.Append/Add/TryAdd(n, v)`,
 * `Response.Headers[n] = v`, `Response.Headers.Set(n, v)` and System.Web's `Response.AppendHeader/AddHeader(n, v)`,
 * in middleware (`app.Use(async (context, next) => …)`), controllers and handlers. On the engine: the write
 * table below, the Origin read from `Request.Headers["Origin"]` (code/tables/csharp.ts), the guards of each
 * write. Each function's writes make one policy (policyFromWrites).
 */
import { chainOf, collectWrites, compatible, type Code, type Expr, type Func, type Val, type WriteSite, type WriteTable } from '../../code/index.js';
import { isCorsWriteName } from '../../knowledge/headerNames.js';
import type { CorsPolicy, HeaderWrite } from '../../model/index.js';
import { effectiveWrites, policyFromWrites } from '../common.js';
import { ID } from './meta.js';

const RESPONSE = /^(Response|response|resp|res|httpResponse|HttpResponse)$/;

/** `context.Response.Headers`, `Response.Headers`, `response.Headers` (HttpResponseMessage). */
function isResponseHeaders(e: Expr): boolean {
  if (e.k !== 'member' || e.name !== 'Headers') return false;
  return isResponse(e.object);
}

function isResponse(e: Expr): boolean {
  const last = chainOf(e).at(-1);
  return !!last && (last.k === 'root' || last.k === 'prop') && RESPONSE.test(last.name);
}

/** IHeaderDictionary's typed properties (ASP.NET Core 7+): `Headers.AccessControlAllowOrigin` … */
const TYPED: Record<string, string> = {
  AccessControlAllowOrigin: 'Access-Control-Allow-Origin',
  AccessControlAllowCredentials: 'Access-Control-Allow-Credentials',
  AccessControlAllowHeaders: 'Access-Control-Allow-Headers',
  AccessControlAllowMethods: 'Access-Control-Allow-Methods',
  AccessControlExposeHeaders: 'Access-Control-Expose-Headers',
  AccessControlMaxAge: 'Access-Control-Max-Age',
  Vary: 'Vary',
};
const typedHeader = (name: string): string | undefined => (Object.hasOwn(TYPED, name) ? TYPED[name] : undefined);

const headers = (method: string, op: HeaderWrite['op']) => ({ method, op, recv: isResponseHeaders, name: 0, value: 1, minArgs: 2, maxArgs: 2 });

function stringify(v: Val): string | undefined {
  if (v.k === 'num' && /^-?\d+$/.test(v.raw)) return String(v.value);
  return undefined;
}

export const ASPNET_WRITES: WriteTable = {
  extractor: ID,
  calls: [
    // IHeaderDictionary.Add throws when the header is there already: the header is never sent twice
    headers('Add', 'set'),
    headers('Append', 'add'),
    headers('TryAdd', 'setifempty'),
    headers('Set', 'set'),
    { method: 'AppendHeader', op: 'add', recv: isResponse, name: 0, value: 1, minArgs: 2, maxArgs: 2 },
    { method: 'AddHeader', op: 'add', recv: isResponse, name: 0, value: 1, minArgs: 2, maxArgs: 2 },
  ],
  assigns: [{ recv: isResponseHeaders, op: 'set', prop: typedHeader }],
  stringify,
  wanted: isCorsWriteName,
};

export function handWritten(code: Code, labelOf: (fn: Func | undefined) => string): { writes: HeaderWrite[]; policies: CorsPolicy[]; responses: { scope: CorsPolicy['scope']; writeIds: string[] }[] } {
  const sites = collectWrites(code, ASPNET_WRITES, 'w');
  const byFn = new Map<Func | undefined, WriteSite[]>();
  for (const s of sites) {
    const label = labelOf(s.fn);
    s.write.scope = { kind: s.fn ? 'route' : 'app', label, path: ['app', label] };
    const l = byFn.get(s.fn);
    if (l) l.push(s);
    else byFn.set(s.fn, [s]);
  }
  const policies: CorsPolicy[] = [];
  const responses: { scope: CorsPolicy['scope']; writeIds: string[] }[] = [];
  let n = 0;
  for (const own of byFn.values()) {
    // writes in exclusive arms (if / else) reach different responses: not followed, no facts (never a wrong one)
    if (own.some((a, i) => own.slice(i + 1).some((b) => !compatible(a, b)))) continue;
    const writes = own.map((s) => s.write);
    const scope = writes[0].scope;
    // what reaches the response: per header, the writes still in force (a later set replaces, TryAdd may not write)
    const names = [...new Set(writes.map((w) => w.name.toLowerCase()))];
    const live = new Set(names.flatMap((nm) => effectiveWrites(writes, nm)).map((w) => w.id));
    responses.push({ scope, writeIds: writes.filter((w) => live.has(w.id)).map((w) => w.id) });
    const preflight = writes.some((w) => w.condition === 'options-only');
    const acao = writes.find((w) => w.name.toLowerCase() === 'access-control-allow-origin');
    const p = policyFromWrites(writes, { id: `h${++n}`, extractor: ID, layer: 'app', scope, span: acao?.statementSpan ?? writes[0].statementSpan, answersPreflight: preflight ? true : 'unknown' });
    if (p) policies.push(p);
  }
  return { writes: sites.map((s) => s.write), policies, responses };
}
