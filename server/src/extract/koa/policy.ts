/**
 * @koa/cors 5.0.0 (index.js, read from the npm package): from the options of `cors({...})` to the headers sent.
 *
 * - defaults: allowMethods 'GET,HEAD,PUT,POST,DELETE,PATCH', secureContext false, keepHeadersOnError true.
 * - origin: a function(ctx) → its (awaited) result; a falsy result skips CORS (next() without headers);
 *   otherwise `options.origin || '*'`. A string is sent verbatim (no comparison with the request Origin);
 *   an array is passed to ctx.set as is, which Koa sends as one header line per element (two or more
 *   elements: the browser sees a list and fails).
 * - credentials: a function(ctx) → its result; otherwise `!!credentials`. With credentials and origin
 *   `'*'` (also the default) the request Origin is echoed instead — `cors({ credentials: true })` reflects
 *   every origin with credentials. Before 5.0.0 the default origin was the request Origin itself.
 * - `Vary: Origin` on every response (ctx.vary('Origin') first thing).
 * - non-OPTIONS: ACAO, ACAC (`credentials === true`), Expose-Headers; kept on errors unless
 *   keepHeadersOnError is false (Koa's error handler drops the headers then).
 * - OPTIONS with Access-Control-Request-Method: ACAO, ACAC, Max-Age (when truthy), Allow-Methods,
 *   Allow-Headers (the option, else the request's Access-Control-Request-Headers), then status 204 without
 *   calling next(). Arrays of methods/headers are joined with ','.
 */
import type { CorsPolicy, OriginDecision, Scope, Span } from '../../model/index.js';
import type { Code } from '../../code/index.js';
import { listValue, maxAgeOf, opt, originEntries, truthy, valueSpan, type Options } from '../jsOptions.js';
import { originFunction } from '../jsOriginFunction.js';

export const LIBRARY = '@koa/cors';
/** The id of its option docs (knowledge/libraries/koa-cors.ts). */
export const DOCS_ID = 'koa-cors';
export const KNOWN = ['origin', 'allowMethods', 'exposeHeaders', 'allowHeaders', 'maxAge', 'credentials', 'keepHeadersOnError', 'secureContext', 'privateNetworkAccess'];
const DEFAULT_METHODS = ['GET', 'HEAD', 'PUT', 'POST', 'DELETE', 'PATCH'];

export function koaPolicy(id: string, scope: Scope, span: Span, calleeSpan: Span, o: Options, code: Code): CorsPolicy {
  // --- credentials
  const cp = opt(o, 'credentials');
  let credentials: CorsPolicy['credentials'] = 'unknown';
  if (cp === null) credentials = false;
  else if (cp) credentials = cp.value.k === 'func' ? 'unknown' : truthy(cp.value) ?? 'unknown';

  // --- origin
  const op = opt(o, 'origin');
  let origin: OriginDecision;
  if (op === undefined) origin = { kind: 'unknown' };
  else {
    const v = op?.value;
    const star = !v || (truthy(v) === false) || (v.k === 'str' && v.value === '*');
    const starSpan = v ? valueSpan(v) : calleeSpan;
    if (star && v && truthy(v) === undefined) origin = { kind: 'unknown', span: starSpan };
    else if (star) {
      // '*' (or no origin): with credentials the request Origin is echoed
      if (credentials === true) origin = { kind: 'reflect', span: starSpan, via: v ? "origin '*' with credentials" : 'the default origin with credentials', libraryAllowAll: true };
      else if (credentials === false) origin = { kind: 'any', span: starSpan };
      else origin = { kind: 'unknown', span: starSpan };
    } else if (v!.k === 'func') {
      origin = originFunction(v!.fn, code, undefined, 'origin function');
      // a function returning '*' meets the same replacement by the request Origin when credentials are on
      if (origin.kind === 'any' && credentials !== false) origin = credentials === true ? { kind: 'reflect', span: origin.span, via: "origin '*' with credentials", libraryAllowAll: true } : { kind: 'unknown', span: origin.span };
    }
    else if (v!.k === 'str') origin = v!.value === 'null' ? { kind: 'null', span: valueSpan(v!) } : { kind: 'static', value: v!.value, span: valueSpan(v!) };
    else if (v!.k === 'list') {
      // ctx.set(name, array): one header line per element; the browser reads them joined with ', '
      const entries = originEntries(v!);
      origin = entries ? { kind: 'static', value: entries.map((e) => e.value).join(', '), span: v!.at.span } : { kind: 'unknown', span: v!.at.span };
    } else origin = { kind: 'unknown', span: v!.at.span };
  }

  // --- lists
  const mp = opt(o, 'allowMethods');
  const methods = mp === null ? { kind: 'list' as const, items: DEFAULT_METHODS.map((m) => ({ value: m, span: calleeSpan })) } : mp ? listValue(mp.value) : { kind: 'unknown' as const };
  const hp = opt(o, 'allowHeaders');
  const allowHeaders = hp === undefined ? { kind: 'unknown' as const } : hp === null || truthy(hp.value) === false ? { kind: 'reflect-request' as const } : listValue(hp.value);
  const ep = opt(o, 'exposeHeaders');
  const exposeHeaders = ep === undefined ? { kind: 'unknown' as const } : ep && truthy(ep.value) !== false ? listValue(ep.value) : undefined;

  const ma = opt(o, 'maxAge');
  const maxAge = ma && truthy(ma.value) ? maxAgeOf(ma) : undefined;

  const ke = opt(o, 'keepHeadersOnError');
  const keep = ke === null ? true : ke ? (ke.value.k === 'nil' ? true : truthy(ke.value)) : undefined;

  return {
    id,
    extractor: 'koa',
    library: LIBRARY,
    layer: 'app',
    scope,
    span,
    origin,
    credentials,
    credentialsSpan: cp ? cp.span : undefined,
    methods,
    allowHeaders,
    exposeHeaders,
    maxAge,
    vary: 'library',
    emits: keep === undefined ? 'unknown' : keep ? 'always' : 'success-only',
    answersPreflight: true,
    handWritten: false,
    writeIds: [],
  };
}
