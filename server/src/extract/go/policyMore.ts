/**
 * gorilla/handlers CORS and fiber v2's CORS middleware, from their source:
 * - github.com/gorilla/handlers v1.5.2 (github gorilla/handlers, cors.go; Debian 12 has 1.5.1, the same code): no AllowedOrigins and no
 *   AllowedOriginValidator = every origin, answered `*`; `"*"` in the list = `*` — also with
 *   AllowCredentials() (beside `Access-Control-Allow-Credentials: true`: browsers refuse it). Entries are
 *   compared byte for byte; an AllowedOriginValidator decides alone and the origin is echoed, with no Vary
 *   (Vary: Origin is sent only when the list has several entries). MaxAge is capped at 600 by the library.
 *   Preflights answered 200 unless IgnoreOptions(); Allow-Methods only for a non-simple requested method.
 * - github.com/gofiber/fiber/v2 middleware/cors at v2.52.15 (github gofiber/fiber): AllowOrigins is one
 *   comma-separated string (default "*"); "*" with AllowCredentials panics at start-up; every other entry is
 *   parsed and normalised (scheme and host lower-cased, a trailing "/" dropped) — an entry with a path, a
 *   query or no host panics at start-up; `https://*.example.com` is a subdomain wildcard. AllowOriginsFunc is
 *   asked when the list does not match; an accepted origin is echoed. Vary: Origin unless "*"; preflights
 *   answered 204; MaxAge sent when > 0 ("0" when negative).
 */
import type { CorsPolicy, EntryTolerance, OriginDecision, OriginEntry, Span } from '../../model/index.js';
import type { Val } from '../../code/index.js';
import type { Decl } from './decls.js';
import { alwaysTrue, base, credentialsOf, flag, intMaxAge, list, opt, strings, wildcardEntry, type Str } from './policy.js';

export const GORILLA_TOLERANCE: EntryTolerance = { trailingSlash: false, caseInsensitive: false, starMeansAny: true, wildcardSubdomains: false };
export const FIBER_TOLERANCE: EntryTolerance = {
  trailingSlash: true,
  caseInsensitive: true,
  starMeansAny: true,
  wildcardSubdomains: true,
  startupCheck: { codes: ['no-scheme', 'path', 'query', 'fragment', 'no-host'], by: 'fiber cors.New (it panics on an invalid origin)' },
};

export function gorillaPolicy(d: Decl, id: string, extractor: string): CorsPolicy {
  const p = base(d, id, extractor, 'gorilla-handlers');
  const at = d.call.span;
  const cred = credentialsOf(d);
  const v = opt(d, 'AllowedOriginValidator');
  const o = opt(d, 'AllowedOrigins');
  const items = o.k === 'given' ? strings(o.v) : o.k === 'default' ? [] : undefined;
  let origin: OriginDecision;
  let vary: CorsPolicy['vary'] = 'library';
  const star = items?.find((i) => i.value === '*');
  if (!items || v.k === 'unknown') origin = { kind: 'unknown' };
  else if (star) origin = { kind: 'any', span: star.span };
  else if (v.k === 'given' && v.v.k !== 'nil') {
    origin = alwaysTrue(v.v) ? { kind: 'reflect', span: v.f.keySpan, via: 'AllowedOriginValidator returning true' } : { kind: 'predicate', span: v.f.keySpan };
    if (items.length < 2) vary = 'absent';
  } else if (!items.length) origin = { kind: 'any', span: at };
  else origin = { kind: 'list', entries: items.map((i): OriginEntry => ({ ...i, match: 'exact' })), tolerance: GORILLA_TOLERANCE, span: o.k === 'given' ? o.f.value.span : undefined };
  const ignore = flag(opt(d, 'IgnoreOptions'));
  return {
    ...p,
    origin,
    ...cred,
    vary: origin.kind === 'any' ? 'absent' : vary,
    methods: list(opt(d, 'AllowedMethods'), ['GET', 'HEAD', 'POST'], 'keep', at, true),
    allowHeaders: list(opt(d, 'AllowedHeaders'), ['Accept', 'Accept-Language', 'Content-Language', 'Origin'], 'keep', at),
    exposeHeaders: list(opt(d, 'ExposedHeaders'), undefined, 'any', at),
    maxAge: intMaxAge(d, 600),
    answersPreflight: ignore === false ? true : 'unknown',
  };
}

/** The entries of a comma-separated string, each with its span inside the literal when written verbatim. */
function commaList(v: Val): Str[] | undefined {
  if (v.k !== 'str') return undefined;
  const exact = v.lit?.verbatim ? v.lit.inner : undefined;
  const out: Str[] = [];
  let pos = 0;
  for (const part of v.value.split(',')) {
    const lead = part.length - part.trimStart().length;
    const value = part.trim();
    const span: Span = exact ? { start: exact.start + pos + lead, end: exact.start + pos + lead + value.length } : v.at.span;
    if (value) out.push({ value, span, elementSpan: span });
    pos += part.length + 1;
  }
  return out;
}

export function fiberPolicy(d: Decl, id: string, extractor: string): CorsPolicy {
  const p = base(d, id, extractor, 'fiber-cors');
  const at = d.call.span;
  const methods = ['GET', 'POST', 'HEAD', 'PUT', 'DELETE', 'PATCH'];
  if (d.form === 'Default') return { ...p, origin: { kind: 'any', span: at }, credentials: false, vary: 'absent', methods: list({ k: 'default' }, methods, 'keep', at), allowHeaders: { kind: 'reflect-request', span: at } };
  const cred = credentialsOf(d);
  const o = opt(d, 'AllowOrigins');
  const fn = opt(d, 'AllowOriginsFunc');
  const hasFn = fn.k === 'given' && fn.v.k !== 'nil';
  const given = o.k === 'given' ? commaList(o.v) : o.k === 'default' ? (hasFn ? [] : [{ value: '*', span: at, elementSpan: at }]) : undefined;
  let origin: OriginDecision;
  if (!given || fn.k === 'unknown') origin = { kind: 'unknown' };
  else if (given.length === 1 && given[0].value === '*') origin = { kind: 'any', span: given[0].span };
  else if (hasFn) origin = alwaysTrue(fn.v) ? { kind: 'reflect', span: fn.f.keySpan, via: 'AllowOriginsFunc returning true' } : { kind: 'predicate', span: fn.f.keySpan };
  else origin = { kind: 'list', entries: given.map((i): OriginEntry => (i.value.includes('*') ? wildcardEntry(i) : { ...i, match: 'exact' })), tolerance: FIBER_TOLERANCE, span: o.k === 'given' ? o.f.value.span : undefined };
  const asList = (name: string) => {
    const x = opt(d, name);
    if (x.k !== 'given') return x.k === 'unknown' ? ({ kind: 'unknown' } as const) : undefined;
    const items = commaList(x.v);
    if (!items) return { kind: 'unknown', span: x.f.value.span } as const;
    return items.some((i) => i.value === '*') ? ({ kind: 'any', span: x.f.value.span } as const) : { kind: 'list' as const, items: items.map((i) => ({ value: i.value, span: i.span })), span: x.f.value.span };
  };
  return {
    ...p,
    origin,
    ...cred,
    ...(origin.kind === 'any' && cred.credentials === true
      ? { refusal: "fiber v2's CORS middleware panics for `AllowOrigins: \"*\"` with `AllowCredentials: true`: the app does not start" }
      : {}),
    vary: origin.kind === 'any' ? 'absent' : 'library',
    methods: asList('AllowMethods') ?? list({ k: 'default' }, methods, 'keep', at),
    allowHeaders: asList('AllowHeaders') ?? { kind: 'reflect-request', span: at },
    exposeHeaders: asList('ExposeHeaders'),
    maxAge: intMaxAge(d),
  };
}
