/**
 * From a settings module to the policy django-cors-headers' CorsMiddleware applies. Semantics read from the
 * library's own source, corsheaders/middleware.py, conf.py, defaults.py, checks.py, in 3.14.0 (Debian 12's
 * python3-django-cors-headers) and 4.9.0 (github adamchainz/django-cors-headers, main of 2025); the same in
 * both unless said:
 * - Every setting is `getattr(settings, NAME, default)`; the 3.x names CORS_ORIGIN_WHITELIST /
 *   CORS_ORIGIN_REGEX_WHITELIST / CORS_ORIGIN_ALLOW_ALL are still read (in 4.9 too) when the new name is
 *   not set.
 * - On every response of an enabled path (CORS_URLS_REGEX, default r'^.*$', tried with re.match on
 *   path_info): `Vary: Origin` is patched in first, whatever the origin. Then, for a request with an Origin:
 *   allowed when CORS_ALLOW_ALL_ORIGINS, or the origin is 'null' and 'null' is in CORS_ALLOWED_ORIGINS, or
 *   urlsplit(origin) has the scheme and netloc of some urlsplit(entry) (so a path or trailing slash in an
 *   entry is ignored, host letter case and an explicit default port are not), or re.match(regex, origin)
 *   for some CORS_ALLOWED_ORIGIN_REGEXES entry (anchored at the start only).
 * - ACAO: '*' when CORS_ALLOW_ALL_ORIGINS and not CORS_ALLOW_CREDENTIALS, else the request origin echoed.
 *   ACAC 'true' when CORS_ALLOW_CREDENTIALS (3.14: on every response with an Origin, allowed or not; 4.3+:
 *   only on allowed ones). Expose-Headers when CORS_EXPOSE_HEADERS is not empty.
 * - OPTIONS with Access-Control-Request-Method: an empty 200 answered by the middleware itself
 *   (process_request in 3.14, __call__ in 4.x), then Allow-Headers (CORS_ALLOW_HEADERS joined), Allow-Methods
 *   (CORS_ALLOW_METHODS joined, '*' sent as written), Max-Age (CORS_PREFLIGHT_MAX_AGE, default 86400, not
 *   sent when 0).
 * - System checks (manage.py check, migrate, runserver): E013 an allowed origin without scheme or netloc,
 *   E014 one with a path (a trailing slash is a path '/'), query or fragment; 'null' and 'file://' skipped.
 */
import type { CorsPolicy, EntryTolerance, ListValue, OriginDecision, OriginEntry, Scope, Span, Valued } from '../../model/index.js';
import type { Expr, Val } from '../../code/index.js';
import { evaluate } from '../../code/index.js';
import { bindingOf } from '../../code/values.js';
import { stateOf, stateOfAliased, stringItems, type SettingState, type SettingsModule } from './settings.js';

export const LIBRARY = 'django-cors-headers';

/** 4.x's defaults (3.14 also listed accept-encoding, dnt and origin: forbidden request headers, which no
 *  script can send, so the difference never shows in a browser). */
export const DEFAULT_HEADERS = ['accept', 'authorization', 'content-type', 'user-agent', 'x-csrftoken', 'x-requested-with'];
export const DEFAULT_METHODS = ['DELETE', 'GET', 'OPTIONS', 'PATCH', 'POST', 'PUT'];

export const TOLERANCE: EntryTolerance = {
  trailingSlash: true,
  ignoresPath: true,
  caseInsensitive: false,
  starMeansAny: false,
  wildcardSubdomains: false,
  startupCheck: { codes: ['trailing-slash', 'path', 'query', 'fragment'], by: "django-cors-headers' system check (corsheaders.E014: `manage.py check`, `migrate` and `runserver` stop)" },
};

const span = (e: { span: Span }): Span => e.span;
const valueSpan = (v: Val): Span => (v.k === 'str' && v.lit?.verbatim ? v.lit.inner : v.at.span);

/** True / False as written; anything else unknown (the system check wants a bool). */
function boolOf(s: SettingState): boolean | 'unknown' | 'default' {
  if (s.k === 'default') return 'default';
  if (s.k === 'unknown') return 'unknown';
  return s.value.k === 'bool' ? s.value.value : 'unknown';
}

/** A sequence of strings, following `corsheaders.defaults` names, `list(x)`, `(*x, 'y')` and `a + b`. */
function stringList(m: SettingsModule, e: Expr, depth = 0): Valued<string>[] | undefined {
  if (depth > 10) return undefined;
  const defaults = (name: string, at: Expr): Valued<string>[] | undefined => {
    const b = bindingOf(name, m.env);
    if (b?.b.k !== 'import' || b.b.module !== 'corsheaders.defaults') return undefined;
    const items = b.b.imported === 'default_headers' ? DEFAULT_HEADERS : b.b.imported === 'default_methods' ? DEFAULT_METHODS : undefined;
    return items?.map((value) => ({ value, span: span(at) }));
  };
  if (e.k === 'name') {
    const d = defaults(e.name, e);
    if (d) return d;
  }
  if (e.k === 'binary' && e.op === '+') {
    const l = stringList(m, e.left, depth + 1);
    const r = stringList(m, e.right, depth + 1);
    return l && r ? [...l, ...r] : undefined;
  }
  if (e.k === 'call' && e.callee.k === 'name' && (e.callee.name === 'list' || e.callee.name === 'tuple') && e.args.length === 1 && !e.args[0].name) {
    return stringList(m, e.args[0].value, depth + 1);
  }
  if (e.k === 'list') {
    const out: Valued<string>[] = [];
    for (const i of e.items) {
      const splat = i.k === 'unknown' ? /^\*\s*([A-Za-z_]\w*)$/.exec(m.code.text.slice(i.span.start, i.span.end)) : null;
      const d = splat ? defaults(splat[1], i) : undefined;
      if (d) {
        out.push(...d);
        continue;
      }
      const v = evaluate(i, m.env);
      if (v.k !== 'str') return undefined;
      out.push({ value: v.value, span: valueSpan(v) });
    }
    return out;
  }
  if (e.k === 'name') {
    const b = bindingOf(e.name, m.env);
    if (b?.b.k === 'value' && b.b.constant && !b.b.prop) return stringList(m, b.b.value, depth + 1);
  }
  const v = evaluate(e, m.env);
  const items = stringItems(v);
  return items?.map((i) => ({ value: i.value, span: i.lit?.verbatim ? i.lit.inner : i.at.span }));
}

function listSetting(m: SettingsModule, name: string, dflt: string[] | undefined, at: Span): ListValue | undefined {
  const s = stateOf(m, name);
  if (s.k === 'default') return dflt ? { kind: 'list', items: dflt.map((value) => ({ value, span: at })), span: at } : undefined;
  if (s.k === 'unknown' || !s.a) return { kind: 'unknown', span: s.a ? span(s.a.stmt.value) : undefined };
  const items = stringList(m, s.a.stmt.value);
  const vs = span(s.a.stmt.value);
  if (!items) return { kind: 'unknown', span: vs };
  return { kind: 'list', items, span: vs };
}

/** The entries of CORS_ALLOWED_ORIGINS (exact) and CORS_ALLOWED_ORIGIN_REGEXES (regex), or undefined when
 *  not known. */
function entriesOf(v: Val, match: 'exact' | 'regex'): OriginEntry[] | undefined {
  if (v.k !== 'list') return undefined;
  const out: OriginEntry[] = [];
  for (const i of v.items) {
    // 'file://' is a value the library accepts on purpose (Chrome on Android sends it for file pages).
    if (i.k === 'str' && match === 'exact' && i.value === 'file://') continue;
    if (i.k === 'str') out.push({ value: i.value, span: valueSpan(i), elementSpan: i.at.span, match });
    else if (match === 'regex' && i.k === 'regex') out.push({ value: i.pattern, span: i.patternSpan ?? i.at.span, elementSpan: i.at.span, match });
    else return undefined;
  }
  return out;
}

export interface Built {
  policy: CorsPolicy;
  /** What a fix edits. */
  allowAll?: SettingState & { name?: string };
  origins?: SettingState & { name?: string };
  credentials: SettingState;
}

export function buildPolicy(m: SettingsModule, id: string, extractor: string, declSpan: Span): Built {
  const allowAll = stateOfAliased(m, 'CORS_ALLOW_ALL_ORIGINS', 'CORS_ORIGIN_ALLOW_ALL');
  const origins = stateOfAliased(m, 'CORS_ALLOWED_ORIGINS', 'CORS_ORIGIN_WHITELIST');
  const regexes = stateOfAliased(m, 'CORS_ALLOWED_ORIGIN_REGEXES', 'CORS_ORIGIN_REGEX_WHITELIST');
  const cred = stateOf(m, 'CORS_ALLOW_CREDENTIALS');
  const credB = boolOf(cred);
  const credentials: CorsPolicy['credentials'] = credB === 'default' ? false : credB;
  const all = boolOf(allowAll);

  let origin: OriginDecision;
  if (all === true) {
    const at = allowAll.k === 'stated' ? span(allowAll.a.stmt) : undefined;
    origin =
      credentials === false
        ? { kind: 'any', span: at }
        : { kind: 'reflect', span: at, libraryAllowAll: true, via: `django-cors-headers ${allowAll.name} = True with CORS_ALLOW_CREDENTIALS = True` };
  } else if (all === 'unknown') {
    origin = { kind: 'unknown', span: allowAll.k !== 'default' ? allowAll.a && span(allowAll.a.stmt) : undefined };
  } else {
    const exact = origins.k === 'stated' ? entriesOf(origins.value, 'exact') : origins.k === 'default' ? [] : undefined;
    const regex = regexes.k === 'stated' ? entriesOf(regexes.value, 'regex') : regexes.k === 'default' ? [] : undefined;
    const listSpan = origins.k === 'stated' ? span(origins.a.stmt.value) : regexes.k === 'stated' ? span(regexes.a.stmt.value) : undefined;
    if (!exact || !regex) origin = { kind: 'unknown', span: listSpan };
    else if (exact.length === 0 && regex.length === 0) origin = { kind: 'list', entries: [], tolerance: TOLERANCE, span: listSpan }; // no origin is allowed
    else if (exact.length === 0) origin = { kind: 'pattern', check: { kind: 'regex', entries: regex.map((e) => ({ value: e.value, span: e.span })) }, span: listSpan };
    else origin = { kind: 'list', entries: [...exact, ...regex], tolerance: TOLERANCE, span: listSpan };
  }

  const ma = stateOf(m, 'CORS_PREFLIGHT_MAX_AGE');
  let maxAge: Valued<string> | undefined;
  if (ma.k === 'stated') {
    const v = ma.value;
    if (v.k === 'num') maxAge = { value: v.raw, span: v.at.span };
  }
  // A module-level `CORS_URLS_REGEX = r'^/api/.*$'` limits the paths the middleware touches.
  const urls = stateOf(m, 'CORS_URLS_REGEX');
  let scope: Scope = { kind: 'app', label: 'settings', path: ['app'] };
  if (urls.k === 'stated' && (urls.value.k === 'str' || urls.value.k === 'regex')) {
    const re = urls.value.k === 'str' ? urls.value.value : urls.value.pattern;
    if (re !== '^.*$') scope = { kind: 'route', label: `CORS_URLS_REGEX ${re}`, path: ['app', re], span: span(urls.a.stmt) };
  }

  const policy: CorsPolicy = {
    id,
    extractor,
    library: LIBRARY,
    layer: 'app',
    scope,
    span: declSpan,
    origin,
    credentials,
    credentialsSpan: cred.k === 'stated' ? span(cred.a.stmt) : undefined,
    methods: listSetting(m, 'CORS_ALLOW_METHODS', DEFAULT_METHODS, declSpan),
    allowHeaders: listSetting(m, 'CORS_ALLOW_HEADERS', DEFAULT_HEADERS, declSpan),
    exposeHeaders: listSetting(m, 'CORS_EXPOSE_HEADERS', undefined, declSpan),
    maxAge,
    vary: 'library',
    // The middleware's response step runs on every response Django returns, error pages included.
    emits: 'always',
    answersPreflight: true,
    handWritten: false,
    writeIds: [],
  };
  return { policy, allowAll, origins, credentials: cred };
}
