/**
 * What the Go CORS libraries send, from their options. Read from the libraries' own source:
 * - github.com/rs/cors 1.7.0 (Debian 12's golang-github-rs-cors-dev) and v1.11.1 (github rs/cors, 2026):
 *   AllowOriginVaryRequestFunc / AllowOriginRequestFunc / AllowOriginFunc decide first when set; else no
 *   AllowedOrigins (or one "*") = every origin, answered with ACAO `*` — also with AllowCredentials, which then
 *   sends `Access-Control-Allow-Credentials: true` beside `*` (no start-up error, the browser refuses it).
 *   Entries are lower-cased on both sides; one `*` inside an entry is a prefix/suffix wildcard. Vary: Origin is
 *   always added. Preflights: answered (204 in 1.11, 200 in 1.7) unless OptionsPassthrough; Allow-Methods is
 *   the requested method when allowed (default GET, POST, HEAD), Allow-Headers the requested ones when allowed
 *   (`*` = all; default Accept, Content-Type, X-Requested-With, 1.7 adds Origin); Max-Age only when > 0.
 *   github.com/go-chi/cors v1.2.1 (github go-chi/cors, 2024) is the same code as rs/cors 1.7 (a fork).
 * - github.com/gin-contrib/cors 1.4.0 (Debian 12) and v1.7.7 (github gin-contrib/cors, 2026): Validate()
 *   panics at start-up when AllowAllOrigins is set with AllowOrigins or an origin func, when no origin is
 *   allowed at all, and for an entry that has no `*` and no http:// / https:// scheme. `*` in AllowOrigins =
 *   AllowAllOrigins: ACAO `*` literally, also with AllowCredentials. Entries are trimmed and lower-cased;
 *   an entry with `*` is a wildcard only with AllowWildcard (else compared as written: never equal). An
 *   allowed origin is echoed with Vary: Origin; others get 403. Methods upper-cased, headers canonicalised,
 *   `*` sent literally; MaxAge is a time.Duration sent in seconds when > 0. Default(): AllowAllOrigins with
 *   DefaultConfig() (GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS; Origin, Content-Length, Content-Type; 12 h).
 */
import type { CorsPolicy, EntryTolerance, ListValue, OriginDecision, OriginEntry, Span, Valued } from '../../model/index.js';
import { evaluate, type Expr, type Val } from '../../code/index.js';
import type { Decl, Field } from './decls.js';

export const RS_TOLERANCE: EntryTolerance = { trailingSlash: false, caseInsensitive: true, starMeansAny: true, wildcardSubdomains: true };
export const GIN_TOLERANCE: EntryTolerance = { trailingSlash: false, caseInsensitive: true, starMeansAny: true, wildcardSubdomains: false };

const valueSpan = (v: Val): Span => (v.k === 'str' && v.lit?.verbatim ? v.lit.inner : v.at.span);

export type Opt = { k: 'given'; v: Val; f: Field } | { k: 'default' } | { k: 'unknown'; span?: Span };

export function opt(d: Decl, name: string): Opt {
  if (d.opaque || d.unknownFields.has(name)) return { k: 'unknown' };
  const f = d.fields.get(name);
  return f ? { k: 'given', v: evaluate(f.value, d.env), f } : { k: 'default' };
}

export type Str = { value: string; span: Span; elementSpan: Span };
export function strings(v: Val): Str[] | undefined {
  if (v.k === 'nil') return [];
  if (v.k !== 'list') return undefined;
  const out: Str[] = [];
  for (const i of v.items) {
    if (i.k !== 'str') return undefined;
    out.push({ value: i.value, span: valueSpan(i), elementSpan: i.at.span });
  }
  return out;
}

export function flag(o: Opt): boolean | 'unknown' {
  if (o.k === 'default') return false;
  if (o.k === 'unknown') return 'unknown';
  return o.v.k === 'bool' ? o.v.value : 'unknown';
}

/** A func value that only ever returns true (`func(string) bool { return true }`, echo's `return true, nil`):
 *  every origin passes. */
export function alwaysTrue(v: Val): boolean {
  if (v.k !== 'func') return false;
  const body = v.fn.body;
  const r = body.length === 1 && body[0].k === 'return' ? body[0].value : undefined;
  const first = r?.k === 'list' && r.kind === 'tuple' ? r.items[0] : r;
  return first?.k === 'bool' && first.value;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** An allowlist entry with one `*`, as the anchored regex it amounts to. */
export function wildcardEntry(s: Str): OriginEntry {
  const i = s.value.indexOf('*');
  return { value: `^${escapeRe(s.value.slice(0, i))}.*${escapeRe(s.value.slice(i + 1))}$`, span: s.span, elementSpan: s.elementSpan, match: 'regex' };
}

function funcOrigin(o: Opt, name: string): OriginDecision | undefined {
  if (o.k === 'default' || (o.k === 'given' && o.v.k === 'nil')) return undefined;
  if (o.k === 'given' && alwaysTrue(o.v)) return { kind: 'reflect', span: o.f.keySpan, via: `${name} returning true` };
  return o.k === 'given' ? { kind: 'predicate', span: o.f.keySpan } : { kind: 'unknown' };
}

export function list(o: Opt, dflt: string[] | undefined, star: 'reflect-request' | 'any' | 'keep', at: Span, upper = false): ListValue | undefined {
  if (o.k === 'unknown') return { kind: 'unknown' };
  if (o.k === 'default') return dflt ? { kind: 'list', items: dflt.map((value) => ({ value, span: at })), span: at } : undefined;
  const items = strings(o.v);
  if (!items) return { kind: 'unknown', span: o.f.value.span };
  if (!items.length) return dflt ? { kind: 'list', items: dflt.map((value) => ({ value, span: at })), span: at } : undefined;
  if (star !== 'keep' && items.some((i) => i.value.trim() === '*')) return { kind: star, span: o.f.value.span };
  return { kind: 'list', items: items.map((i): Valued<string> => ({ value: upper ? i.value.toUpperCase() : i.value, span: i.span })), span: o.f.value.span };
}

/** AllowCredentials: its value and where it is written. */
export function credentialsOf(d: Decl): Pick<CorsPolicy, 'credentials' | 'credentialsSpan'> {
  const c = opt(d, 'AllowCredentials');
  return { credentials: flag(c), credentialsSpan: c.k === 'given' ? c.f.span : undefined };
}

/** An integer MaxAge in seconds, sent when > 0 (`cap`: the library lowers it to that). */
export function intMaxAge(d: Decl, cap = Infinity): Valued<string> | undefined {
  const ma = opt(d, 'MaxAge');
  if (ma.k !== 'given' || ma.v.k !== 'num' || ma.v.value <= 0) return undefined;
  return { value: ma.v.value > cap ? String(cap) : ma.v.raw, span: ma.v.at.span };
}

export function base(d: Decl, id: string, extractor: string, library: string): Omit<CorsPolicy, 'origin' | 'credentials'> {
  return {
    id,
    extractor,
    library,
    layer: 'app',
    scope: { kind: 'app', label: 'app', path: ['app'] },
    span: d.call.span,
    vary: 'library',
    emits: 'always',
    answersPreflight: true,
    handWritten: false,
    writeIds: [],
  };
}

export function rsCorsPolicy(d: Decl, id: string, extractor: string, notes: string[]): CorsPolicy {
  // go-chi/cors 1.2.1 is rs/cors 1.7 under another name (its AllowOriginFunc takes the request too)
  const p = base(d, id, extractor, d.lib);
  const at = d.call.span;
  if (d.form === 'Default') return { ...p, origin: { kind: 'any', span: at }, credentials: false, methods: list({ k: 'default' }, ['GET', 'POST', 'HEAD'], 'keep', at) };
  if (d.form === 'AllowAll') {
    return { ...p, origin: { kind: 'any', span: at }, credentials: false, methods: list({ k: 'default' }, ['HEAD', 'GET', 'POST', 'PUT', 'PATCH', 'DELETE'], 'keep', at), allowHeaders: { kind: 'reflect-request', span: at } };
  }
  const cred = credentialsOf(d);
  let origin: OriginDecision | undefined;
  for (const f of ['AllowOriginVaryRequestFunc', 'AllowOriginRequestFunc', 'AllowOriginFunc']) origin ??= funcOrigin(opt(d, f), f);
  if (!origin) {
    const o = opt(d, 'AllowedOrigins');
    const items = o.k === 'given' ? strings(o.v) : o.k === 'default' ? [] : undefined;
    if (!items) origin = { kind: 'unknown', span: o.k === 'given' ? o.f.value.span : undefined };
    else if (!items.length) origin = { kind: 'any', span: o.k === 'given' ? o.f.keySpan : at };
    else {
      const star = items.find((i) => i.value === '*');
      if (star) origin = { kind: 'any', span: star.span };
      else {
        const entries = items.map((i): OriginEntry => (i.value.includes('*') ? wildcardEntry(i) : { ...i, match: 'exact' }));
        origin = { kind: 'list', entries, tolerance: RS_TOLERANCE, span: o.k === 'given' ? o.f.value.span : undefined };
      }
    }
  }
  const pass = flag(opt(d, 'OptionsPassthrough'));
  if (pass === true) notes.push('rs/cors OptionsPassthrough: preflights go on to the next handler, which must answer them 2xx');
  return {
    ...p,
    origin,
    ...cred,
    methods: list(opt(d, 'AllowedMethods'), ['GET', 'POST', 'HEAD'], 'keep', at, true),
    allowHeaders: list(opt(d, 'AllowedHeaders'), ['Accept', 'Content-Type', 'X-Requested-With'], 'reflect-request', at),
    exposeHeaders: list(opt(d, 'ExposedHeaders'), undefined, 'any', at),
    maxAge: intMaxAge(d),
    answersPreflight: pass === false ? true : 'unknown',
  };
}

const GIN_DEFAULT = {
  methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'],
  headers: ['Origin', 'Content-Length', 'Content-Type'],
};

/** A time.Duration written as `12 * time.Hour`, `time.Hour`, `300 * time.Second`: whole seconds. */
function seconds(e: Expr, v: Val): number | undefined {
  const unit = (x: Expr) => (x.k === 'member' && x.object.k === 'name' && x.object.name === 'time' ? { Second: 1, Minute: 60, Hour: 3600 }[x.name] : undefined);
  const u = unit(e);
  if (u !== undefined) return u;
  if (e.k === 'binary' && e.op === '*') {
    const [n, t] = e.left.k === 'num' ? [e.left, e.right] : [e.right, e.left];
    const k = unit(t);
    if (n.k === 'num' && k !== undefined) return n.value * k;
  }
  // a bare number is nanoseconds
  return v.k === 'num' ? Math.floor(v.value / 1e9) : undefined;
}

export function ginCorsPolicy(d: Decl, id: string, extractor: string, notes: string[]): CorsPolicy {
  const p = base(d, id, extractor, 'gin-contrib-cors');
  const at = d.call.span;
  const dflt = d.form === 'Default' || d.fromDefaultConfig;
  if (d.form === 'Default') {
    return { ...p, origin: { kind: 'any', span: at }, credentials: false, vary: 'absent', methods: list({ k: 'default' }, GIN_DEFAULT.methods, 'keep', at), allowHeaders: list({ k: 'default' }, GIN_DEFAULT.headers, 'keep', at) };
  }
  const cred = credentialsOf(d);
  const all = flag(opt(d, 'AllowAllOrigins'));
  const o = opt(d, 'AllowOrigins');
  const items = o.k === 'given' ? strings(o.v) : o.k === 'default' ? [] : undefined;
  const fns = ['AllowOriginFunc', 'AllowOriginWithContextFunc'].map((f) => ({ f, o: opt(d, f) }));
  const fnSet = fns.filter((x) => x.o.k === 'unknown' || (x.o.k === 'given' && x.o.v.k !== 'nil'));
  const wildcard = flag(opt(d, 'AllowWildcard'));
  let origin: OriginDecision;
  if (all === 'unknown' || !items || wildcard === 'unknown') origin = { kind: 'unknown' };
  else if (all && (items.length || fnSet.length)) {
    notes.push('gin-contrib/cors: AllowAllOrigins with AllowOrigins or an origin func panics at start-up (Config.Validate)');
    origin = { kind: 'unknown' };
  } else if (all) origin = { kind: 'any', span: d.fields.get('AllowAllOrigins')?.keySpan ?? at };
  else if (items.some((i) => i.value.trim() === '*')) origin = { kind: 'any', span: items.find((i) => i.value.trim() === '*')!.span };
  else if (!items.length && !fnSet.length) {
    notes.push('gin-contrib/cors: no origin allowed panics at start-up (Config.Validate: all origins disabled)');
    origin = { kind: 'unknown' };
  } else if (items.some((i) => /^\/.+\/[gimuy]?$/.test(i.value))) origin = { kind: 'unknown' };
  else if (fnSet.length) {
    // the list is tried first, then the func: what passes is up to the func
    const only = fnSet.length === 1 && fnSet[0].o.k === 'given' && alwaysTrue(fnSet[0].o.v);
    origin = only ? { kind: 'reflect', span: (fnSet[0].o as { f: Field }).f.keySpan, via: `${fnSet[0].f} returning true` } : { kind: 'predicate', span: o.k === 'given' ? o.f.keySpan : undefined };
  } else {
    const entries = items.map((i): OriginEntry => {
      const v = { ...i, value: i.value.trim() };
      return wildcard && v.value.includes('*') ? wildcardEntry(v) : { ...v, match: 'exact' };
    });
    origin = { kind: 'list', entries, tolerance: GIN_TOLERANCE, span: o.k === 'given' ? o.f.value.span : undefined };
  }
  const ma = opt(d, 'MaxAge');
  const secs = ma.k === 'given' ? seconds(ma.f.value, ma.v) : undefined;
  const maxAge = ma.k === 'given' && secs !== undefined && secs > 0 ? { value: String(secs), span: ma.f.value.span } : undefined;
  return {
    ...p,
    origin,
    ...cred,
    vary: origin.kind === 'any' ? 'absent' : 'library',
    methods: list(opt(d, 'AllowMethods'), dflt ? GIN_DEFAULT.methods : undefined, 'keep', at, true),
    allowHeaders: list(opt(d, 'AllowHeaders'), dflt ? GIN_DEFAULT.headers : undefined, 'any', at),
    exposeHeaders: list(opt(d, 'ExposeHeaders'), undefined, 'any', at),
    maxAge,
  };
}
