/**
 * One Spring CORS configuration as the code builds it (a `CorsConfiguration`, a `CorsRegistration`, or the
 * `@CrossOrigin` annotations of a handler), and the policy Spring answers with. Semantics read from the
 * Spring Framework source, spring-web CorsConfiguration.java, DefaultCorsProcessor.java, spring-webmvc
 * CorsRegistration.java and RequestMappingHandlerMapping.java, branches 6.2.x and 5.3.x (the same unless said):
 * - checkOrigin: allowedOrigins containing "*" answers `*` (and throws IllegalArgumentException from
 *   validateAllowCredentials when allowCredentials is true: at start-up for handler mappings and
 *   @CrossOrigin, at request time for a CorsFilter / CorsWebFilter source); else an entry equal ignoring case
 *   to the request origin (trailing slash removed on both sides) echoes it; else allowedOriginPatterns
 *   (`*` = any, `https://*.a.com`, port lists `[*]`) echo it.
 * - applyPermitDefaultValues (CorsRegistration's start, @CrossOrigin's end): origins `*` when neither origins
 *   nor patterns were set, methods GET, HEAD, POST, headers `*`, max-age 1800. Adding an origin to the
 *   default keeps the `*`; setting a pattern drops it.
 * - Allowed methods / headers `*` answer the requested method / headers (never a literal `*`); exposed
 *   headers are sent as written (a `*` literally). Vary: Origin, Access-Control-Request-Method,
 *   Access-Control-Request-Headers is added by DefaultCorsProcessor on every CORS-processed response.
 * - 5.2.x and older: `*` with credentials echoed the request origin (modelled when the project's pom.xml says
 *   the version, springVersion.ts), and trailing slashes were compared as written (not modelled).
 */
import type { CorsPolicy, EntryTolerance, ListValue, OptionMention, OriginDecision, Scope, Span, Valued } from '../../model/index.js';
import { evaluate, type Env, type Expr } from '../../code/index.js';

export const LIBRARY = 'spring-cors';

export const TOLERANCE: EntryTolerance = { trailingSlash: true, caseInsensitive: true, starMeansAny: true, wildcardSubdomains: false };

/** A string as written: its value, where (inside quotes when literal), and the whole element. */
export interface Str {
  value: string;
  span: Span;
  elementSpan: Span;
}

/** Where an option is written: `holder` is what removing it deletes (a chain step, an annotation element,
 *  a statement), `value` the text a new value replaces (the argument list's inside, the element's value). */
export interface Src {
  holder: Span;
  value: Span;
  form: 'chain' | 'element' | 'stmt';
  /** The call itself from its name on (`allowedOrigins("*")`, `setAllowedOrigins(...)`): what a fix that
   *  changes the method rewrites. */
  step?: Span;
  /** The values are literals written right there (a fix may rewrite them in place). */
  inPlace: boolean;
}

export type Field<T> = { k: 'known'; value: T; src?: Src } | { k: 'unknown'; src?: Src };

export interface Conf {
  origins?: Field<Str[]>;
  patterns?: Field<Str[]>;
  methods?: Field<Str[]>;
  headers?: Field<Str[]>;
  exposed?: Field<Str[]>;
  credentials?: Field<boolean>;
  maxAge?: Field<{ raw: string; span: Span }>;
  /** The default `*` origin of applyPermitDefaultValues is in place (nothing set it since). */
  defaultAny?: Span;
}

/** The strings of some arguments (`"a", "b"`, `List.of(...)`, `{"a", "b"}`, a constant), or undefined. */
export function stringsOf(exprs: Expr[], env: Env): Str[] | undefined {
  const out: Str[] = [];
  for (const e of exprs) {
    const v = evaluate(e, env);
    const vs = v.k === 'list' ? v.items : [v];
    for (const i of vs) {
      if (i.k !== 'str') return undefined;
      out.push({ value: i.value, span: i.lit?.verbatim ? i.lit.inner : i.at.span, elementSpan: i.at.span });
    }
  }
  return out;
}

/** Are these expressions literals written where they stand (not constants)? */
export function literalsInPlace(exprs: Expr[]): boolean {
  const lit = (e: Expr): boolean => (e.k === 'str' && e.verbatim) || (e.k === 'list' && e.items.every(lit)) || (e.k === 'call' && /^(List|Set|Arrays|Stream)\.(of|asList)$/.test(callee(e)) && e.args.every((a) => lit(a.value)));
  return exprs.length > 0 && exprs.every(lit);
}

function callee(e: Expr & { k: 'call' }): string {
  const c = e.callee;
  return c.k === 'member' && c.object.k === 'name' ? `${c.object.name}.${c.name}` : '';
}

const DEFAULT_METHODS = ['GET', 'HEAD', 'POST'];

/** The state CorsRegistration (and @CrossOrigin's permit defaults) start from. */
export function permitDefaults(at: Span): Conf {
  const d = (vs: string[]): Field<Str[]> => ({ k: 'known', value: vs.map((value) => ({ value, span: at, elementSpan: at })) });
  return { origins: d(['*']), methods: d(DEFAULT_METHODS), headers: d(['*']), maxAge: { k: 'known', value: { raw: '1800', span: at } }, defaultAny: at };
}

/** Fill what applyPermitDefaultValues fills (only the unset options). */
export function applyPermitDefaults(c: Conf, at: Span): Conf {
  const d = permitDefaults(at);
  return {
    ...c,
    origins: c.origins ?? (c.patterns ? undefined : d.origins),
    defaultAny: c.origins || c.patterns ? c.defaultAny : at,
    methods: c.methods ?? d.methods,
    headers: c.headers ?? d.headers,
    maxAge: c.maxAge ?? d.maxAge,
  };
}

function listValue(f: Field<Str[]> | undefined, star: 'reflect-request' | 'any', at: Span): ListValue | undefined {
  if (!f) return undefined;
  const span = f.src?.value ?? at;
  if (f.k === 'unknown') return { kind: 'unknown', span };
  if (f.value.some((s) => s.value === '*')) return star === 'any' ? { kind: 'any', span } : { kind: 'reflect-request', span };
  return { kind: 'list', items: f.value.map((s): Valued<string> => ({ value: s.value, span: s.span })), span };
}

function originOf(c: Conf, at: Span): OriginDecision {
  const o = c.origins;
  const p = c.patterns;
  if (o?.k === 'unknown' || p?.k === 'unknown') return { kind: 'unknown', span: (o ?? p)?.src?.value ?? at };
  const origins = o?.value ?? [];
  // "a, b" in one string is split by Spring 6 (not by every version): left unknown
  if ([...origins, ...(p?.value ?? [])].some((s) => s.value.includes(','))) return { kind: 'unknown', span: o?.src?.value ?? at };
  const star = origins.find((s) => s.value === '*');
  if (star) return { kind: 'any', span: star.span };
  if (origins.length) {
    // exact entries; patterns beside them widen the set in a way the entries do not say
    if (p?.value.length) return { kind: 'predicate', span: p.src?.value ?? at };
    return { kind: 'list', entries: origins.map((s) => ({ ...s, match: 'exact' as const })), tolerance: TOLERANCE, span: o?.src?.value ?? at };
  }
  if (p?.value.some((s) => s.value === '*')) {
    const s = p.value.find((x) => x.value === '*')!;
    return { kind: 'reflect', span: s.span, via: 'Spring allowedOriginPatterns("*")', libraryAllowAll: true };
  }
  if (p?.value.length) return { kind: 'predicate', span: p.src?.value ?? at };
  // nothing allowed: Spring sends no CORS headers
  return { kind: 'list', entries: [], tolerance: TOLERANCE, span: at };
}

const SPRING_REFUSAL =
  'Spring (5.3 and later) refuses `allowedOrigins("*")` with credentials: `validateAllowCredentials` throws IllegalArgumentException, at start-up for handler mappings and `@CrossOrigin`, on every CORS request for a CorsFilter / CorsWebFilter source';

/** `before53`: the project builds with Spring older than 5.3 (its pom.xml says so). */
export function policyOf(c: Conf, id: string, extractor: string, span: Span, scope: Scope, before53?: () => boolean | undefined): CorsPolicy {
  const credentials: CorsPolicy['credentials'] = !c.credentials ? false : c.credentials.k === 'unknown' ? 'unknown' : c.credentials.value;
  const ma = c.maxAge;
  let origin = originOf(c, span);
  const starWithCredentials = origin.kind === 'any' && credentials === true;
  if (starWithCredentials && before53?.() === true) {
    origin = { kind: 'reflect', span: origin.span, via: 'Spring before 5.3: allowedOrigins("*") with credentials', libraryAllowAll: true };
  }
  return {
    ...(starWithCredentials && origin.kind === 'any' ? { refusal: SPRING_REFUSAL } : {}),
    id,
    extractor,
    library: LIBRARY,
    layer: 'app',
    scope,
    span,
    origin,
    credentials,
    credentialsSpan: c.credentials?.src?.holder,
    methods: listValue(c.methods, 'reflect-request', span),
    allowHeaders: listValue(c.headers, 'reflect-request', span),
    exposeHeaders: listValue(c.exposed, 'any', span),
    maxAge: ma?.k === 'known' ? { value: ma.value.raw, span: ma.value.span } : undefined,
    vary: 'library',
    emits: 'always',
    answersPreflight: true,
    handWritten: false,
    writeIds: [],
  };
}

/** Option names per holder, for hovers and fixes: registry / annotation / CorsConfiguration. */
export function mention(out: OptionMention[], span: Span, option: string): void {
  out.push({ span, library: LIBRARY, option });
}
