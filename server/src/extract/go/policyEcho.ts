/**
 * Echo v4's CORS middleware (github.com/labstack/echo/v4/middleware), read from middleware/cors.go of v4.15.4
 * (github labstack/echo, tag v4.15.4):
 * - `CORS()` = DefaultCORSConfig: AllowOrigins ["*"], AllowMethods GET, HEAD, PUT, PATCH, POST, DELETE.
 * - AllowOriginFunc, when set, decides alone; an accepted origin is echoed.
 * - Else the entries are tried in order: `"*"` sends ACAO `*` — also with AllowCredentials (then beside
 *   `Access-Control-Allow-Credentials: true`, which browsers refuse), unless
 *   UnsafeWildcardOriginWithAllowCredentials, which echoes every origin instead. Before v4.10.2 (read at
 *   tag v4.2.1, Debian 12's version) `"*"` with AllowCredentials always echoed the origin: when the
 *   project's go.mod names such a version, that is what is modelled. Other entries are compared
 *   byte for byte, or as patterns where `*` is any text and `?` one character (anchored).
 * - `Vary: Origin` always; preflights answered 204 by the middleware, Allow-Methods / Allow-Headers joined as
 *   written (no upper-casing, `*` sent literally; no AllowHeaders = the requested headers echoed); Max-Age when
 *   MaxAge > 0 ("0" when negative).
 */
import type { CorsPolicy, EntryTolerance, OriginDecision, OriginEntry } from '../../model/index.js';
import type { Decl } from './decls.js';
import { alwaysTrue, base, credentialsOf, flag, intMaxAge, list, opt, strings, type Str } from './policy.js';

export const ECHO_TOLERANCE: EntryTolerance = { trailingSlash: false, caseInsensitive: false, starMeansAny: true, wildcardSubdomains: true };
const METHODS = ['GET', 'HEAD', 'PUT', 'PATCH', 'POST', 'DELETE'];

const escapeRe = (s: string) => s.replace(/[.+^${}()|[\]\\]/g, '\\$&');

function entry(s: Str): OriginEntry {
  if (!/[*?]/.test(s.value)) return { ...s, match: 'exact' };
  return { value: '^' + escapeRe(s.value).replace(/\*/g, '.*').replace(/\?/g, '.') + '$', span: s.span, elementSpan: s.elementSpan, match: 'regex' };
}

/** `legacyStar`: the go.mod names echo older than v4.10.2, where `"*"` with credentials echoes the origin. */
export function echoPolicy(d: Decl, id: string, extractor: string, legacyStar = false): CorsPolicy {
  const p = base(d, id, extractor, 'echo-cors');
  const at = d.call.span;
  if (d.form === 'Default') return { ...p, origin: { kind: 'any', span: at }, credentials: false, methods: list({ k: 'default' }, METHODS, 'keep', at), allowHeaders: { kind: 'reflect-request', span: at } };
  const cred = credentialsOf(d);
  const credentials = cred.credentials;
  const fn = opt(d, 'AllowOriginFunc');
  let origin: OriginDecision;
  if (fn.k === 'unknown') origin = { kind: 'unknown' };
  else if (fn.k === 'given' && fn.v.k !== 'nil') origin = alwaysTrue(fn.v) ? { kind: 'reflect', span: fn.f.keySpan, via: 'AllowOriginFunc returning true' } : { kind: 'predicate', span: fn.f.keySpan };
  else {
    const o = opt(d, 'AllowOrigins');
    const given = o.k === 'given' ? strings(o.v) : o.k === 'default' ? [] : undefined;
    const unsafe = flag(opt(d, 'UnsafeWildcardOriginWithAllowCredentials'));
    const items = given && !given.length ? [{ value: '*', span: o.k === 'given' ? o.f.keySpan : at, elementSpan: at }] : given;
    const star = items?.find((i) => i.value === '*');
    if (!items || (star && (credentials === 'unknown' || unsafe === 'unknown'))) origin = { kind: 'unknown' };
    else if (star && credentials && (unsafe || legacyStar)) {
      const why = legacyStar ? 'AllowCredentials (echo before v4.10.2, as go.mod requires)' : 'UnsafeWildcardOriginWithAllowCredentials';
      origin = { kind: 'reflect', span: star.span, libraryAllowAll: true, via: `echo AllowOrigins "*" with ${why}` };
    } else if (star) origin = { kind: 'any', span: star.span };
    else origin = { kind: 'list', entries: items.map(entry), tolerance: ECHO_TOLERANCE, span: o.k === 'given' ? o.f.value.span : undefined };
  }
  return {
    ...p,
    origin,
    ...cred,
    methods: list(opt(d, 'AllowMethods'), METHODS, 'keep', at),
    allowHeaders: list(opt(d, 'AllowHeaders'), undefined, 'any', at) ?? { kind: 'reflect-request', span: at },
    exposeHeaders: list(opt(d, 'ExposeHeaders'), undefined, 'any', at),
    maxAge: intMaxAge(d),
  };
}
