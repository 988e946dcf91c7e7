/**
 * hono 4.13.19 (dist/middleware/cors/index.js, from src/middleware/cors/index.ts): from `cors({...})` to the
 * headers sent.
 *
 * - defaults: origin '*', allowMethods GET,HEAD,PUT,POST,DELETE,PATCH,QUERY, allowHeaders [], exposeHeaders [].
 * - origin '*': ACAO `*` on every response — also with credentials (`*` is sent literally: the browser
 *   rejects credentialed requests). Any other string: the request Origin is echoed only when it equals the
 *   string exactly. An array: echoed when `includes` finds it (exact; `'*'` in an array is a literal).
 *   A function(origin, c): its (awaited) result is sent when truthy.
 * - credentials: ACAC `true` when truthy.
 * - Vary: Origin is appended whenever the origin option is not the string '*' (on preflights and, after
 *   next(), on other responses).
 * - OPTIONS: always answered 204 by the middleware: Max-Age when not null (0 too), Allow-Methods (joined;
 *   a function(origin, c) may compute them), Allow-Headers (the option, else the request's
 *   Access-Control-Request-Headers).
 * - Expose-Headers on every response when the list is not empty.
 */
import type { Code } from '../../code/index.js';
import type { CorsPolicy, ListValue, OriginDecision, Scope, Span } from '../../model/index.js';
import { listValue, maxAgeOf, opt, originEntries, truthy, valueSpan, type Options } from '../jsOptions.js';
import { originFunction } from '../jsOriginFunction.js';

export const LIBRARY = 'hono/cors';
/** The id of its option docs (knowledge/libraries/hono-cors.ts). */
export const DOCS_ID = 'hono-cors';
export const KNOWN = ['origin', 'allowMethods', 'allowHeaders', 'maxAge', 'credentials', 'exposeHeaders'];
const DEFAULT_METHODS = ['GET', 'HEAD', 'PUT', 'POST', 'DELETE', 'PATCH', 'QUERY'];

function originOf(o: Options, code: Code): OriginDecision {
  const op = opt(o, 'origin');
  if (op === undefined) return { kind: 'unknown' };
  if (op === null) return { kind: 'any' };
  const v = op.value;
  if (v.k === 'str') {
    if (v.value === '*') return { kind: 'any', span: valueSpan(v) };
    // a single string is compared with the request Origin: a one-entry allowlist
    const s = valueSpan(v);
    return { kind: 'list', entries: [{ value: v.value, span: s, elementSpan: v.at.span, match: 'exact' }], tolerance: {}, span: s };
  }
  if (v.k === 'list') {
    const entries = originEntries(v);
    return entries ? { kind: 'list', entries, tolerance: {}, span: v.at.span } : { kind: 'unknown', span: v.at.span };
  }
  if (v.k === 'func') return originFunction(v.fn, code, 0, 'origin function');
  return { kind: 'unknown', span: v.at.span };
}

function listOpt(o: Options, name: string, dflt: () => ListValue | undefined): ListValue | undefined {
  const p = opt(o, name);
  if (p === undefined) return { kind: 'unknown' };
  if (p === null) return dflt();
  if (p.value.k === 'list' && p.value.items.length === 0) return dflt();
  return p.value.k === 'func' ? { kind: 'unknown', span: p.expr.span } : listValue(p.value);
}

export function honoPolicy(id: string, scope: Scope, span: Span, calleeSpan: Span, o: Options, code: Code): CorsPolicy {
  const origin = originOf(o, code);
  const cp = opt(o, 'credentials');
  const credentials: CorsPolicy['credentials'] = cp === null ? false : cp ? truthy(cp.value) ?? 'unknown' : 'unknown';
  const ma = opt(o, 'maxAge');
  const op = opt(o, 'origin');
  const starOption = op === null || (op && op.value.k === 'str' && op.value.value === '*');
  return {
    id,
    extractor: 'hono',
    library: LIBRARY,
    layer: 'app',
    scope,
    span,
    origin,
    credentials,
    credentialsSpan: cp ? cp.span : undefined,
    methods: listOpt(o, 'allowMethods', () => ({ kind: 'list', items: DEFAULT_METHODS.map((m) => ({ value: m, span: calleeSpan })) })),
    allowHeaders: listOpt(o, 'allowHeaders', () => ({ kind: 'reflect-request' })),
    exposeHeaders: listOpt(o, 'exposeHeaders', () => undefined),
    maxAge: ma && ma.value.k !== 'nil' ? maxAgeOf(ma) : undefined,
    vary: op === undefined ? 'unknown' : starOption ? 'absent' : 'library',
    emits: 'always',
    answersPreflight: true,
    handWritten: false,
    writeIds: [],
  };
}
