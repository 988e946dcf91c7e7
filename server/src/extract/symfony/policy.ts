/**
 * What NelmioCorsBundle sends for one set of effective options. Read from nelmio/cors-bundle 2.6.0
 * (EventListener/CorsListener.php, DependencyInjection/*, Options/ConfigProvider.php):
 * - The Origin is always echoed, never `*`: `allow_origin: ['*']` (or `'*'`) echoes every Origin — with
 *   `allow_credentials: true` any website reads credentialed responses.
 * - `origin_regex: true`: each entry is used as `preg_match('{' . entry . '}i', $origin)` — unanchored unless
 *   the entry says `^…$`, case-insensitive. Otherwise `in_array($origin, $allow_origin, true)` (exact).
 * - `forced_allow_origin_value` overrides Access-Control-Allow-Origin with that value on every response.
 * - Preflights (OPTIONS + Access-Control-Request-Method) are answered by the bundle with `Vary: Origin`;
 *   other cacheable responses get `Vary: Origin` from CacheableResponseVaryListener.
 * - `allow_methods` is sent upper-cased; a requested method not in it gets 405 (so `['*']` and the default
 *   `[]` fail every non-simple preflight). `allow_headers: '*'` copies the requested headers back.
 * - `expose_headers` is sent on actual responses (lower-cased); `max_age` only when non-zero.
 * - `paths`: regexes matched (unanchored, case-insensitive) against the path info; the first that matches
 *   wins; no match → `defaults` alone.
 */
import type { CorsPolicy, ListValue, OriginDecision, OriginEntry, Scope, Span, Valued } from '../../model/index.js';
import type { YamlNode } from '../../syntax/yaml.js';
import { effective, isPlaceholder, OPTIONS, type Level, type NelmioConfig, type OptionName, type Src } from './options.js';

export const EXTRACTOR_ID = 'symfony';

/** A YAML value as a list of strings (a scalar `'*'` counts as `['*']`, as the bundle normalises it). */
function strings(v: YamlNode | undefined): { value: string; span: Span; element: Span }[] | undefined {
  if (!v) return [];
  if (v.k === 'scalar') {
    if (v.value === null) return [];
    if (typeof v.value !== 'string' || isPlaceholder(v.value)) return undefined;
    return [{ value: v.value, span: v.inner, element: v.span }];
  }
  if (v.k !== 'seq') return undefined;
  const out = [];
  for (const i of v.items) {
    if (i.k !== 'scalar' || (typeof i.value !== 'string' && typeof i.value !== 'number') || isPlaceholder(String(i.value))) return undefined;
    out.push({ value: String(i.value), span: i.inner, element: i.span });
  }
  return out;
}

function boolOf(s: Src | undefined, dflt: boolean): boolean | 'unknown' {
  if (!s || !s.value) return dflt;
  const v = s.value;
  if (v.k === 'scalar' && typeof v.value === 'boolean') return v.value;
  if (v.k === 'scalar' && v.value === null) return dflt;
  return 'unknown';
}

function listOf(s: Src | undefined, star: 'reflect-request' | 'any', upper: boolean): ListValue {
  if (!s?.value) return { kind: 'list', items: [] };
  const span = s.value.span;
  const items = strings(s.value);
  if (!items) return { kind: 'unknown', span };
  if (items.some((i) => i.value === '*')) return star === 'any' ? { kind: 'any', span } : { kind: 'reflect-request', span };
  const vals: Valued<string>[] = items.map((i) => ({ value: upper ? i.value.toUpperCase() : i.value, span: i.span }));
  return { kind: 'list', items: vals, span };
}

export interface Built {
  policy?: CorsPolicy;
  note?: string;
  /** Where each option of this policy was read (for fixes). */
  srcs: Map<OptionName, Src>;
  cfg?: NelmioConfig;
}

export function buildPolicy(cfg: NelmioConfig, path: Level | undefined, scope: Scope, span: Span, id: string): Built {
  const srcs = new Map<OptionName, Src>();
  let unsure = false;
  for (const n of OPTIONS) {
    const e = effective(path, cfg.defaults, n);
    if (e.src) srcs.set(n, e.src);
    unsure ||= e.unsure && (n === 'allow_origin' || n === 'allow_credentials' || n === 'origin_regex');
  }
  const credSrc = srcs.get('allow_credentials');
  const credentials = unsure ? 'unknown' : boolOf(credSrc, false);
  const regex = boolOf(srcs.get('origin_regex'), false);
  const originSrc = srcs.get('allow_origin');
  const forced = srcs.get('forced_allow_origin_value');
  const originSpan = originSrc?.value?.span;

  let origin: OriginDecision;
  const fv = forced?.value;
  if (fv && !(fv.k === 'scalar' && (fv.value === null || fv.value === ''))) {
    if (fv.k !== 'scalar' || typeof fv.value !== 'string' || isPlaceholder(fv.value)) origin = { kind: 'unknown', span: fv.span };
    else if (fv.value === '*') origin = { kind: 'any', span: fv.inner };
    else if (fv.value === 'null') origin = { kind: 'null', span: fv.inner };
    else origin = { kind: 'static', value: fv.value, span: fv.inner };
  } else {
    const items = unsure ? undefined : strings(originSrc?.value);
    if (!items || regex === 'unknown') origin = { kind: 'unknown', span: originSpan };
    else if (items.length === 0) return { note: `${scope.label}: allow_origin is empty, no origin is allowed`, srcs };
    else if (items.some((i) => i.value === '*')) {
      const star = items.find((i) => i.value === '*')!;
      origin = { kind: 'reflect', libraryAllowAll: true, span: star.span, via: "nelmio_cors allow_origin ['*'], answered by NelmioCorsBundle with the request Origin" };
    } else {
      const entries: OriginEntry[] = items.map((i) => ({ value: i.value, span: i.span, elementSpan: i.element, match: regex ? 'regex' : 'exact' }));
      origin = {
        kind: 'list',
        entries,
        tolerance: regex ? { caseInsensitive: true } : { starMeansAny: true, trailingSlash: false, caseInsensitive: false, wildcardSubdomains: false },
        span: originSpan,
      };
    }
  }

  const ma = srcs.get('max_age')?.value;
  let maxAge: Valued<string> | undefined;
  if (ma?.k === 'scalar' && (typeof ma.value === 'number' || (typeof ma.value === 'string' && !isPlaceholder(ma.value))) && ma.value !== 0) {
    maxAge = { value: String(ma.value), span: ma.inner };
  }

  const policy: CorsPolicy = {
    id,
    extractor: EXTRACTOR_ID,
    library: 'nelmio-cors',
    layer: 'app',
    scope,
    span,
    origin,
    credentials,
    credentialsSpan: credSrc?.value?.span,
    methods: listOf(srcs.get('allow_methods'), 'any', true),
    allowHeaders: listOf(srcs.get('allow_headers'), 'reflect-request', false),
    exposeHeaders: listOf(srcs.get('expose_headers'), 'any', false),
    maxAge,
    vary: origin.kind === 'static' || origin.kind === 'any' || origin.kind === 'null' ? 'absent' : 'library',
    // The kernel.response listener also runs for error pages rendered from exceptions.
    emits: 'always',
    answersPreflight: true,
    handWritten: false,
    writeIds: [],
  };
  return { policy, srcs };
}
