/**
 * What fruitcake/php-cors does with a Laravel CORS config. Read from php-cors v1.4.0 (src/CorsService.php;
 * the same in 1.2.0 and 1.3.0) behind laravel-cors v3.0.0 (src/HandleCors.php) and Laravel ≥ 9's
 * Illuminate\Http\Middleware\HandleCors, which use one CorsService and the same config/cors.php keys:
 * - `allowed_origins` containing '*': with `supports_credentials` the request Origin is echoed (any origin,
 *   credentialed: the classic misconfiguration); without, `Access-Control-Allow-Origin: *`.
 * - Exactly one origin and no patterns: that origin is sent as it is on every response (no Vary).
 * - Otherwise the Origin is echoed when it is `in_array` of the list (exact, case-sensitive) or matches a
 *   pattern (`preg_match`, so anchoring is the author's job), and `Vary: Origin` is added.
 * - An entry with `*` inside becomes `#^` + preg_quote(entry) with `\*` → `.*` + `\z#u`: anchored, dots
 *   escaped; `https://*.example.com` allows any subdomain (several levels deep).
 * - `allowed_methods` / `allowed_headers` with '*' copy the preflight's Access-Control-Request-Method /
 *   -Headers back (methods upper-cased); otherwise the list, methods upper-cased. Default: empty lists.
 * - `exposed_headers` is sent as written (`*` literally). `max_age` default 0 is sent as
 *   `Access-Control-Max-Age: 0` on preflights; `null` omits it.
 * - barryvdh/laravel-cors ≤ 1.x (camelCase keys) ran on asm89/stack-cors 1.x, which echoes the Origin for '*'
 *   even without credentials and sends Max-Age only when non-zero; laravel-cors 2.x (asm89/stack-cors 2.x) and
 *   3.x match php-cors above (2.x converts `*` entries to patterns in its service provider).
 * - Preflights (OPTIONS + Access-Control-Request-Method) on matching `paths` are answered 204 by the
 *   middleware; `paths` (default []) decides where CORS runs at all.
 */
import type { CorsPolicy, ListValue, OriginDecision, OriginEntry, Scope, Span, Valued } from '../../model/index.js';
import { OPTION_NAMES, option, stringList, type LaravelConfig, type Opt } from './options.js';

export const EXTRACTOR_ID = 'laravel';
const TOLERANCE = { starMeansAny: true, wildcardSubdomains: true, trailingSlash: false, caseInsensitive: false };

function bool(o: Opt | undefined, dflt: boolean): boolean | 'unknown' {
  if (!o) return dflt;
  if (o.val.k === 'bool') return o.val.value;
  if (o.val.k === 'nil') return dflt; // `??` falls through to the default
  return 'unknown';
}

function listValue(o: Opt | undefined, star: 'reflect-request' | 'any', upper: boolean): ListValue {
  if (!o) return { kind: 'list', items: [] };
  const span = o.val.at.span;
  if (o.val.k === 'bool' && !o.val.value) return { kind: 'list', items: [], span };
  const items = stringList(o.val);
  if (!items) return { kind: 'unknown', span };
  if (items.some((i) => i.value === '*')) return star === 'any' ? { kind: 'any', span } : { kind: 'reflect-request', span };
  const vals: Valued<string>[] = items.map((i) => ({ value: upper ? i.value.toUpperCase() : i.value, span: i.inner }));
  return { kind: 'list', items: vals, span };
}

function scopeOf(cfg: LaravelConfig): { scope: Scope; none?: string } {
  const paths = cfg.opts.get('paths');
  if (!paths) {
    if (cfg.style === 'camel') return { scope: { kind: 'app', label: 'routes using the CORS middleware', path: [] } };
    return { scope: { kind: 'app', label: 'no paths', path: [] }, none: "no 'paths' key: the CORS middleware runs for no route (paths default to [])" };
  }
  const items = stringList(paths.val);
  if (!items) return { scope: { kind: 'route', label: 'paths (not known)', path: ['paths'], span: paths.val.at.span } };
  if (items.length === 0) return { scope: { kind: 'app', label: 'no paths', path: [] }, none: "'paths' is empty: the CORS middleware runs for no route, so this config sends no CORS header" };
  const label = 'paths ' + items.map((i) => i.value).join(', ');
  return { scope: { kind: 'route', label, path: [label], span: paths.val.at.span } };
}

export interface Built {
  policy?: CorsPolicy;
  notes: string[];
}

export function buildPolicy(cfg: LaravelConfig): Built {
  const notes: string[] = [];
  const { scope, none } = scopeOf(cfg);
  if (none) return { notes: [none] };

  const credOpt = option(cfg, 'credentials');
  const credentials = bool(credOpt, false);
  const originsOpt = option(cfg, 'origins');
  const patternsOpt = option(cfg, 'patterns');
  const origins = originsOpt ? stringList(originsOpt.val) : [];
  const patterns = patternsOpt ? stringList(patternsOpt.val) : [];
  const originsSpan = originsOpt?.val.at.span;

  let origin: OriginDecision;
  let vary: CorsPolicy['vary'] = 'library';
  if (!origins) origin = { kind: 'unknown', span: originsSpan };
  else if (origins.some((o) => o.value === '*')) {
    const star = origins.find((o) => o.value === '*')!;
    vary = credentials === true ? 'library' : 'absent';
    if (credentials === 'unknown') origin = { kind: 'unknown', span: star.inner };
    else if (credentials || cfg.style === 'camel') {
      // asm89/stack-cors 1.x (behind barryvdh/laravel-cors ≤ 1.x, camelCase keys) echoes the Origin even without
      // credentials, with Vary: Origin (checked in stack-cors 1.3.0).
      vary = 'library';
      origin = {
        kind: 'reflect',
        libraryAllowAll: true,
        span: star.inner,
        via: credentials
          ? "laravel-cors allowed_origins ['*'] with supports_credentials, answered by php-cors with the request Origin"
          : "barryvdh/laravel-cors allowedOrigins ['*'], answered by stack-cors 1.x with the request Origin",
      };
    } else origin = { kind: 'any', span: star.inner };
  } else if (!patterns) origin = { kind: 'unknown', span: patternsOpt?.val.at.span };
  else {
    const entries: OriginEntry[] = [
      // An entry with `*` inside is a pattern to php-cors (`*.example.com` matches https://a.example.com).
      ...origins.map((o) => ({ value: o.value, span: o.inner, elementSpan: o.span, match: o.value.includes('*') ? ('regex' as const) : ('exact' as const) })),
      ...patterns.map((p) => ({ value: p.value, span: p.inner, elementSpan: p.span, match: 'regex' as const })),
    ];
    if (entries.length === 0) return { notes: ['no allowed_origins and no allowed_origins_patterns: no origin is allowed, no CORS header is sent'] };
    // One origin and no pattern (and no `*` wildcard entry, which becomes a pattern): sent as it is.
    if (patterns.length === 0 && origins.length === 1 && !origins[0].value.includes('*')) vary = 'absent';
    origin = { kind: 'list', entries, tolerance: TOLERANCE, span: origins.length ? originsSpan : patternsOpt?.val.at.span };
  }

  const maxOpt = option(cfg, 'maxAge');
  let maxAge: Valued<string> | undefined;
  if (!maxOpt) maxAge = undefined; // default 0: Access-Control-Max-Age: 0 (no cache), nothing to judge
  else if (maxOpt.val.k === 'num') maxAge = { value: maxOpt.val.raw, span: maxOpt.val.at.span };
  else if (maxOpt.val.k === 'str' && maxOpt.val.lit) maxAge = { value: maxOpt.val.value, span: maxOpt.val.lit.inner };

  const policy: CorsPolicy = {
    id: 'p1',
    extractor: EXTRACTOR_ID,
    library: 'laravel-cors',
    layer: 'app',
    scope,
    span: cfg.span,
    origin,
    credentials,
    credentialsSpan: credOpt?.val.at.span,
    methods: listValue(option(cfg, 'methods'), 'reflect-request', true),
    allowHeaders: listValue(option(cfg, 'headers'), 'reflect-request', false),
    exposeHeaders: listValue(option(cfg, 'exposed'), 'any', false),
    maxAge,
    vary,
    // HandleCors is global middleware and adds the headers to whatever response comes back, error pages too.
    emits: 'always',
    answersPreflight: true,
    handWritten: false,
    writeIds: [],
  };
  if (cfg.unknownKeys.length) {
    const known = ['paths', ...Object.values(OPTION_NAMES).map((n) => (cfg.style === 'camel' ? n[1] : n[0]))];
    policy.unknownOptions = cfg.unknownKeys.map((name) => ({ name, known }));
  }
  if (cfg.open) notes.push('the config array has entries that are not written out (spread or computed keys)');
  return { policy, notes };
}
