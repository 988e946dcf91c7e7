/**
 * From CORSMiddleware's options to the policy it applies. Read from starlette/middleware/cors.py of 0.26.1
 * (Debian 12's python3-starlette, under FastAPI 0.92.0, whose fastapi.middleware.cors only re-exports it)
 * and 0.47.3 (github encode/starlette, 2025): the logic is the same in both.
 * - Defaults: allow_origins=(), allow_methods=('GET',), allow_headers=(), allow_credentials=False,
 *   allow_origin_regex=None, expose_headers=(), max_age=600.
 * - '*' in allow_origins = allow all. Otherwise an origin is allowed when allow_origin_regex fullmatches it
 *   (re.fullmatch since 0.13.1, January 2020: anchored at both ends) or `origin in allow_origins` (exact
 *   string comparison: a trailing slash or another letter case never matches; a plain string instead of a
 *   list is a substring test).
 * - Simple (non-preflight) responses: allow all without credentials → ACAO '*'; allow all with credentials
 *   → the Origin echoed only when the request has a Cookie header, else '*' (+ ACAC true, which the browser
 *   rejects for a credentialed request); otherwise an allowed origin is echoed with `Vary: Origin` added,
 *   a disallowed one gets no ACAO. ACAC 'true' and Expose-Headers are on every response with an Origin.
 * - Preflight (OPTIONS with Access-Control-Request-Method) is answered by the middleware: 200 'OK', or 400
 *   'Disallowed CORS origin/method/headers' (the CORS headers are still there, ACAO only for an allowed
 *   origin). Allow-Methods = allow_methods joined ('*' expanded to all seven methods, names compared
 *   byte-exact with the requested one); Allow-Headers = the safelisted Accept, Accept-Language,
 *   Content-Language, Content-Type plus allow_headers, or with '*' the requested headers echoed; Max-Age
 *   always sent; Vary: Origin unless allow all without credentials (then ACAO '*').
 * - Unhandled exceptions become a 500 in ServerErrorMiddleware, outside every user middleware: that answer
 *   has no CORS headers (HTTPException answers do).
 */
import type { CorsPolicy, EntryTolerance, ListValue, OriginDecision, OriginEntry, Scope, Span, Valued } from '../../model/index.js';
import { evaluate, type Expr, type Val } from '../../code/index.js';
import type { Decl } from './decls.js';

export const LIBRARY = 'starlette';
const SAFELISTED = ['Accept', 'Accept-Language', 'Content-Language', 'Content-Type'];
const ALL_METHODS = ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT'];
export const TOLERANCE: EntryTolerance = { trailingSlash: false, caseInsensitive: false, starMeansAny: true, wildcardSubdomains: false };

const valueSpan = (v: Val): Span => (v.k === 'str' && v.lit?.verbatim ? v.lit.inner : v.at.span);

/** An option's value: given (evaluated), default, or unknown (`**kwargs`). */
type Opt = { k: 'given'; v: Val; expr: Expr; argSpan: Span } | { k: 'default' } | { k: 'unknown' };
function opt(d: Decl, name: string): Opt {
  const o = d.options.get(name);
  if (o) return { k: 'given', v: evaluate(o.value, d.env), expr: o.value, argSpan: o.argSpan };
  return d.opaque ? { k: 'unknown' } : { k: 'default' };
}

/** Strings of a sequence (list, tuple, set) with their spans; undefined when not all known. */
function strings(v: Val): { value: string; span: Span; elementSpan: Span }[] | undefined {
  if (v.k !== 'list') return undefined;
  const out: { value: string; span: Span; elementSpan: Span }[] = [];
  for (const i of v.items) {
    if (i.k !== 'str') return undefined;
    out.push({ value: i.value, span: valueSpan(i), elementSpan: i.at.span });
  }
  return out;
}

function truthy(o: Opt): boolean | 'unknown' {
  if (o.k === 'default') return false;
  if (o.k === 'unknown') return 'unknown';
  const v = o.v;
  if (v.k === 'bool') return v.value;
  if (v.k === 'nil') return false;
  if (v.k === 'num') return v.value !== 0;
  if (v.k === 'str') return v.value !== '';
  return 'unknown';
}

function origins(d: Decl, credentials: boolean | 'unknown'): { origin: OriginDecision; perRequest: boolean } {
  const o = opt(d, 'allow_origins');
  const r = opt(d, 'allow_origin_regex');
  if (o.k === 'unknown' || r.k === 'unknown') return { origin: { kind: 'unknown' }, perRequest: true };
  let exact: OriginEntry[] = [];
  let substring: Valued<string> | undefined;
  const listSpan = o.k === 'given' ? o.expr.span : undefined;
  if (o.k === 'given') {
    if (o.v.k === 'str') {
      // A string is a sequence of characters: `'*' in s` and `origin in s` are substring tests.
      if (o.v.value.includes('*')) exact = [{ value: '*', span: valueSpan(o.v), elementSpan: o.v.at.span, match: 'any' }];
      else substring = { value: o.v.value, span: valueSpan(o.v) };
    } else {
      const items = strings(o.v);
      if (!items) return { origin: { kind: 'unknown', span: listSpan }, perRequest: true };
      exact = items.map((i) => ({ ...i, match: i.value === '*' ? ('any' as const) : ('exact' as const) }));
    }
  }
  const star = exact.find((e) => e.match === 'any');
  if (star) {
    if (credentials === false) return { origin: { kind: 'any', span: star.span }, perRequest: false };
    return {
      origin: {
        kind: 'reflect',
        span: star.span,
        libraryAllowAll: true,
        via:
          "Starlette allow_origins=['*'] with allow_credentials=True, for every request that carries a Cookie; without one it " +
          'sends `*`, which the browser rejects for a credentialed request',
      },
      perRequest: true,
    };
  }
  let regex: OriginEntry | undefined;
  if (r.k === 'given') {
    const v = r.v;
    if (v.k === 'str') regex = { value: v.value, span: valueSpan(v), elementSpan: v.at.span, match: 'regex' };
    else if (v.k === 'regex') regex = { value: v.pattern, span: v.patternSpan ?? v.at.span, elementSpan: v.at.span, match: 'regex' };
    else if (v.k !== 'nil') return { origin: { kind: 'unknown', span: r.expr.span }, perRequest: true };
  }
  if (substring) {
    const entries = [substring, ...(regex ? [{ value: regex.value, span: regex.span }] : [])];
    return { origin: { kind: 'pattern', check: { kind: 'substring', entries }, span: listSpan }, perRequest: true };
  }
  if (!exact.length && regex) return { origin: { kind: 'pattern', check: { kind: 'regex', entries: [{ value: regex.value, span: regex.span }] }, span: regex.elementSpan }, perRequest: true };
  return { origin: { kind: 'list', entries: [...exact, ...(regex ? [regex] : [])], tolerance: TOLERANCE, span: listSpan }, perRequest: true };
}

function listOpt(d: Decl, name: string, dflt: string[] | undefined, star: ListValue['kind'] | 'expand', at: Span): ListValue | undefined {
  const o = opt(d, name);
  if (o.k === 'unknown') return { kind: 'unknown' };
  if (o.k === 'default') return dflt ? { kind: 'list', items: dflt.map((value) => ({ value, span: at })), span: at } : undefined;
  const items = strings(o.v);
  if (!items) return { kind: 'unknown', span: o.expr.span };
  if (items.some((i) => i.value === '*')) {
    if (star === 'expand') return { kind: 'list', items: ALL_METHODS.map((value) => ({ value, span: o.expr.span })), span: o.expr.span };
    if (star === 'reflect-request') return { kind: 'reflect-request', span: o.expr.span };
  }
  return { kind: 'list', items: items.map((i) => ({ value: i.value, span: i.span })), span: o.expr.span };
}

export function buildPolicy(d: Decl, id: string, extractor: string): CorsPolicy {
  const span = d.call.span;
  const c = opt(d, 'allow_credentials');
  const credentials = truthy(c);
  const { origin, perRequest } = origins(d, credentials);
  let allowHeaders = listOpt(d, 'allow_headers', [], 'reflect-request', span);
  if (allowHeaders?.kind === 'list') {
    const given = allowHeaders.items.filter((i) => !SAFELISTED.some((s) => s.toLowerCase() === i.value.toLowerCase()));
    allowHeaders = { ...allowHeaders, items: [...SAFELISTED.map((value) => ({ value, span })), ...given] };
  }
  const ma = opt(d, 'max_age');
  let maxAge: Valued<string> | undefined;
  if (ma.k === 'given' && ma.v.k === 'num') maxAge = { value: ma.v.raw, span: ma.v.at.span };
  const scope: Scope = { kind: 'app', label: d.target ?? 'app', path: [d.target ?? 'app'] };
  return {
    id,
    extractor,
    library: LIBRARY,
    layer: 'app',
    scope,
    span,
    origin,
    credentials,
    credentialsSpan: c.k === 'given' ? c.argSpan : undefined,
    methods: listOpt(d, 'allow_methods', ['GET'], 'expand', span),
    allowHeaders,
    exposeHeaders: listOpt(d, 'expose_headers', undefined, 'any', span),
    maxAge,
    vary: perRequest ? 'library' : 'absent',
    emits: 'always',
    answersPreflight: true,
    handWritten: false,
    writeIds: [],
  };
}
