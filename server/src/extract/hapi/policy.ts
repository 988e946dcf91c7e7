/**
 * @hapi/hapi 21.4.10 (lib/cors.js, lib/config.js, lib/route.js, read from the npm package): from a `cors`
 * setting to the headers sent.
 *
 * - `cors: true` is `{}`; the defaults (config.js): origin ['*'], maxAge 86400, headers Accept, Authorization,
 *   Content-Type, If-None-Match (+ additionalHeaders), exposedHeaders WWW-Authenticate, Server-Authorization
 *   (+ additionalExposedHeaders), credentials false, preflightStatusCode 200. `origin: 'ignore'` forces
 *   credentials false.
 * - a route's settings are the server's `routes` settings with the route's own options applied over them
 *   (Hoek.applyToDefaults, arrays replaced, not merged): a route `cors: { credentials: true }` keeps the
 *   server's origin list, a route `origin` list replaces it.
 * - origin ['*'] (`_origin = true`): every Origin matches and ACAO is the request Origin itself — an
 *   "allow all" mode that echoes; with credentials any site reads credentialed responses. '*' together with
 *   other entries throws at start-up. 'ignore': ACAO `*`, no Vary.
 * - other entries: exact, case-sensitive comparison (`qualified.indexOf(origin)`), so a trailing slash never
 *   matches; entries with `*` (or `?`) become anchored wildcards (`https://*.a.com` → ^https://.*\.a\.com$).
 * - Vary: origin on every response unless origin is 'ignore'. Headers are added in the marshal cycle, so
 *   error responses carry them too.
 * - preflight (a special OPTIONS route): 404 without Access-Control-Request-Method or Origin; answered with
 *   the preflightStatusCode, ACAO, Allow-Methods = the requested method (when the route exists), Allow-Headers
 *   = the header list, Max-Age, ACAC, Expose-Headers — only if every requested header is in the list (else a
 *   200 without CORS headers).
 */
import type { Val } from '../../code/index.js';
import type { CorsPolicy, ListValue, OriginDecision, Scope, Span, Valued } from '../../model/index.js';
import { maxAgeOf, originEntries, truthy, valueSpan, type MapVal, type Opt } from '../jsOptions.js';

export const LIBRARY = '@hapi/hapi';
/** The id of its option docs (knowledge/libraries/hapi-cors.ts). */
export const DOCS_ID = 'hapi-cors';
export const KNOWN = ['origin', 'maxAge', 'headers', 'additionalHeaders', 'exposedHeaders', 'additionalExposedHeaders', 'credentials', 'preflightStatusCode'];
const DEFAULT_HEADERS = ['Accept', 'Authorization', 'Content-Type', 'If-None-Match'];
const DEFAULT_EXPOSED = ['WWW-Authenticate', 'Server-Authorization'];

/** The cors settings in force: the layers written in the file (server `routes.cors`, then the route's own),
 *  each a map or `true`; `defaults`: whether what no layer says takes Hapi's default (false when a layer we
 *  cannot see, such as a server created in another file, may set it). */
export interface CorsLayers {
  layers: (MapVal | undefined)[];
  defaults: boolean;
}

function entryOf(map: MapVal, name: string): Opt | null | undefined {
  const hit = map.entries.filter((e) => e.key === name).at(-1);
  if (hit) return { value: hit.value, expr: hit.entry.value, span: hit.entry.span, keySpan: hit.keySpan };
  return map.open ? undefined : null;
}

/** One option through the layers: the last layer that sets it; null = default; undefined = unknown. */
export function layered(l: CorsLayers, name: string): Opt | null | undefined {
  for (const m of [...l.layers].reverse()) {
    if (!m) continue;
    const o = entryOf(m, name);
    if (o !== null) return o;
  }
  return l.defaults ? null : undefined;
}

function strings(v: Val): Valued<string>[] | undefined {
  if (v.k !== 'list') return undefined;
  const out: Valued<string>[] = [];
  for (const i of v.items) {
    if (i.k !== 'str') return undefined;
    out.push({ value: i.value, span: valueSpan(i) });
  }
  return out;
}

/** `headers` (or its default) plus `additional…`. */
function headerList(l: CorsLayers, base: string, extra: string, dflt: string[], at: Span): ListValue {
  const b = layered(l, base);
  const x = layered(l, extra);
  if (b === undefined || x === undefined) return { kind: 'unknown' };
  const bs = b ? strings(b.value) : dflt.map((value) => ({ value, span: at }));
  const xs = x ? strings(x.value) : [];
  if (!bs || !xs) return { kind: 'unknown', span: (b ?? x)?.expr.span };
  return { kind: 'list', items: [...bs, ...xs], span: b?.expr.span };
}

export function originOf(l: CorsLayers, at: Span): OriginDecision {
  const op = layered(l, 'origin');
  if (op === undefined) return { kind: 'unknown' };
  if (op === null) return { kind: 'reflect', span: at, via: "Hapi's default origin ['*']", libraryAllowAll: true };
  const v = op.value;
  if (v.k === 'str' && v.value === 'ignore') return { kind: 'any', span: valueSpan(v) };
  if (v.k !== 'list') return { kind: 'unknown', span: op.expr.span };
  const entries = originEntries(v);
  if (!entries || entries.length === 0) return { kind: 'unknown', span: v.at.span };
  const star = entries.find((e) => e.value === '*');
  if (star) return entries.length === 1 ? { kind: 'reflect', span: star.span, via: "origin ['*']", libraryAllowAll: true } : { kind: 'unknown', span: v.at.span };
  return { kind: 'list', entries, tolerance: { wildcardSubdomains: true }, span: v.at.span };
}

export function hapiPolicy(id: string, scope: Scope, span: Span, at: Span, l: CorsLayers): CorsPolicy {
  const origin = originOf(l, at);
  const op = layered(l, 'origin');
  const ignore = !!op && op.value.k === 'str' && op.value.value === 'ignore';
  const cp = layered(l, 'credentials');
  const credentials: CorsPolicy['credentials'] = ignore || cp === null ? false : cp ? truthy(cp.value) ?? 'unknown' : 'unknown';
  const ma = layered(l, 'maxAge');
  return {
    id,
    extractor: 'hapi',
    library: LIBRARY,
    layer: 'app',
    scope,
    span,
    origin,
    credentials,
    credentialsSpan: cp ? cp.span : undefined,
    methods: { kind: 'reflect-request' },
    allowHeaders: headerList(l, 'headers', 'additionalHeaders', DEFAULT_HEADERS, at),
    exposeHeaders: headerList(l, 'exposedHeaders', 'additionalExposedHeaders', DEFAULT_EXPOSED, at),
    maxAge: ma ? maxAgeOf(ma) : undefined,
    vary: op === undefined ? 'unknown' : ignore ? 'absent' : 'library',
    emits: 'always',
    answersPreflight: true,
    handWritten: false,
    writeIds: [],
  };
}
