/**
 * From the effective flask-cors options to the policy flask-cors applies: the origin decision (exact,
 * regex, '*' echoed or sent), credentials, Vary: Origin, methods, allow / expose headers, max_age and the
 * automatic OPTIONS answer. The flask-cors semantics and the versions they were checked against are
 * listed at the top of library.ts.
 */
import type { CorsPolicy, ListValue, OriginDecision, OriginEntry, Scope, Span, Valued } from '../../model/index.js';
import { splitList } from '../common.js';
import { EXTRACTOR_ID, type Ctx, type LibMeta, type OptSrc } from './ctx.js';
import type { Expr, Val } from '../../code/index.js';
import { effective, type Eff, type OptLayer } from './corsOptions.js';
import type { Decl } from './corsDecls.js';

const ALL_METHODS = ['GET', 'HEAD', 'POST', 'OPTIONS', 'PUT', 'PATCH', 'DELETE'];
const REGEX_CHARS = ['*', '\\', ']', '?', '$', '^', '[', '(', ')'];
export const probablyRegex = (s: string): boolean => REGEX_CHARS.some((c) => s.includes(c));

interface Entry {
  value: string;
  span: Span;
  elementSpan: Span;
  match: OriginEntry['match'];
}

/** Where a string is written: inside its quotes when the literal is exactly the value, else the expression. */
function valueSpan(v: Val, ref: Expr): Span {
  return v.k === 'str' && v.lit?.verbatim ? v.lit.inner : ref.span;
}

function originEntries(v: Val): Entry[] | undefined {
  const one = (x: Val): Entry | undefined => {
    if (x.k === 'str') {
      const match: OriginEntry['match'] = x.value === '*' || x.value === '.*' ? 'any' : probablyRegex(x.value) ? 'regex' : 'exact';
      return { value: x.value, span: valueSpan(x, x.at), elementSpan: x.at.span, match };
    }
    if (x.k === 'regex') {
      // re.compile(p): the pattern's inside when written verbatim, else the pattern argument
      const arg = x.at.k === 'call' ? x.at.args[0]?.value : undefined;
      return { value: x.pattern, span: x.patternSpan ?? arg?.span ?? x.at.span, elementSpan: x.at.span, match: 'regex' };
    }
    return undefined;
  };
  if (v.k === 'list') {
    const out: Entry[] = [];
    for (const i of v.items) {
      const e = one(i);
      if (!e) return undefined;
      out.push(e);
    }
    return out;
  }
  const e = one(v);
  return e ? [e] : undefined;
}

/** Python truthiness of a value, or undefined when not known. */
function truthy(v: Val): boolean | undefined {
  switch (v.k) {
    case 'bool':
      return v.value;
    case 'nil':
      return false;
    case 'num':
      return v.value !== 0;
    case 'str':
      return v.value.length > 0;
    case 'list':
      return v.items.length > 0;
    case 'map':
      return v.open ? undefined : v.entries.length > 0;
    default:
      return undefined;
  }
}

function boolOpt(e: Eff, dflt: boolean): boolean | undefined {
  if (e.kind === 'default') return dflt;
  if (e.kind === 'unknown') return undefined;
  return truthy(e.value);
}

function listOpt(e: Eff, upper: boolean, starMeans: 'reflect-request' | 'any'): ListValue | undefined {
  if (e.kind === 'unknown') return { kind: 'unknown' };
  if (e.kind === 'default') return undefined;
  const v = e.value;
  const span = e.ref.span;
  if (v.k === 'nil') return undefined;
  if (v.k === 'str') {
    if (starMeans === 'reflect-request') {
      // flask-cors keeps a string as ONE pattern (it does not split on commas).
      if (v.value === '*' || v.value === '.*') return { kind: 'reflect-request', span };
      return { kind: 'list', items: [{ value: upper ? v.value.toUpperCase() : v.value, span: valueSpan(v, e.ref) }], span };
    }
    if (v.value.trim() === '*') return { kind: 'any', span };
    const exact = v.lit?.verbatim ? v.lit.inner : undefined;
    const items = splitList(v.value, exact?.start).map((i) => ({
      value: upper ? i.value.toUpperCase() : i.value,
      span: exact ? i.span : v.at.span,
    }));
    return { kind: 'list', items, span };
  }
  if (v.k === 'list') {
    const items: Valued<string>[] = [];
    for (const i of v.items) {
      if (i.k !== 'str') return { kind: 'unknown', span };
      if (starMeans === 'reflect-request' && (i.value === '*' || i.value === '.*')) return { kind: 'reflect-request', span };
      items.push({ value: upper ? i.value.toUpperCase() : i.value, span: valueSpan(i, i.at) });
    }
    return { kind: 'list', items, span };
  }
  return { kind: 'unknown', span };
}

export function emitPolicy(
  ctx: Ctx,
  layers: OptLayer[],
  scope: Scope,
  span: Span,
  kind: Decl['kind'],
  unknownOptions: { name: Valued<string>; known: string[] }[],
  insertInto: LibMeta['insertInto'],
): void {
  const id = `p${ctx.nextPolicy++}`;
  const eff = (n: string) => effective(layers, n);

  // Origins and the origin decision.
  const o = eff('origins');
  const c = eff('supports_credentials');
  const credentials = boolOpt(c, false);
  let sendWildcard = boolOpt(eff('send_wildcard'), false);
  // flask-cors raises ValueError for '.*' in origins + supports_credentials + send_wildcard (serialize_options,
  // at init_app for the extension, per request for the decorator): with credentials certainly on, a
  // send_wildcard we cannot see (config loaded from elsewhere) can only be False in a server that answers.
  if (sendWildcard === undefined && credentials === true) sendWildcard = false;
  let entries: Entry[] | undefined;
  let originSpan: Span | undefined;
  if (o.kind === 'default') entries = [{ value: '*', span, elementSpan: span, match: 'any' }];
  else if (o.kind === 'src') {
    entries = originEntries(o.value);
    originSpan = o.ref.span;
  }
  let origin: OriginDecision;
  let perRequest = false;
  let wildcard = false;
  if (!entries) origin = { kind: 'unknown', span: originSpan };
  else if (entries.some((e) => e.match === 'any')) {
    wildcard = true;
    const star = entries.find((e) => e.match === 'any')!;
    const starSpan = o.kind === 'src' ? star.span : undefined;
    if (sendWildcard === true) origin = { kind: 'any', span: starSpan };
    else if (sendWildcard === undefined) origin = { kind: 'unknown', span: starSpan };
    else {
      perRequest = true;
      origin = {
        kind: 'reflect',
        // flask-cors's "allow all" echoes instead of sending '*' (and adds Vary: Origin).
        libraryAllowAll: true,
        span: starSpan ?? span,
        via:
          o.kind === 'default'
            ? "flask-cors default origins '*' (echoes the request Origin; send_wildcard is False)"
            : "flask-cors origins '*' (echoes the request Origin; send_wildcard is False)",
      };
    }
  } else {
    perRequest = true;
    origin = {
      kind: 'list',
      entries: entries.map((e) => ({ value: e.value, span: e.span, elementSpan: e.elementSpan, match: e.match })),
      tolerance: { caseInsensitive: true, starMeansAny: true, trailingSlash: false, wildcardSubdomains: false },
      span: originSpan,
    };
  }

  // Vary: Origin.
  const vh = boolOpt(eff('vary_header'), true);
  let vary: CorsPolicy['vary'];
  if (origin.kind === 'unknown') vary = vh === false ? 'absent' : 'unknown';
  else if (!perRequest) vary = 'absent';
  else if (vh === undefined) vary = 'unknown';
  else if (!vh) vary = 'absent';
  else if (wildcard || (entries && (entries.length > 1 || entries.some((e) => e.match === 'regex')))) vary = 'library';
  else vary = 'absent';

  const m = eff('methods');
  const methods: ListValue | undefined =
    m.kind === 'default' ? { kind: 'list', items: ALL_METHODS.map((v) => ({ value: v, span })), span } : listOpt(m, true, 'any');
  const ah = eff('allow_headers');
  const allowHeaders: ListValue | undefined = ah.kind === 'default' ? { kind: 'reflect-request', span } : listOpt(ah, false, 'reflect-request');
  const exposeHeaders = listOpt(eff('expose_headers'), false, 'any');

  const ma = eff('max_age');
  let maxAge: Valued<string> | undefined;
  if (ma.kind === 'src') {
    const v = ma.value;
    if (v.k === 'num') maxAge = { value: v.raw, span: v.at.span };
    else if (v.k === 'str') maxAge = { value: v.value, span: valueSpan(v, ma.ref) };
  }

  let answersPreflight: CorsPolicy['answersPreflight'] = true;
  if (kind === 'decorator') {
    const ao = boolOpt(eff('automatic_options'), true);
    answersPreflight = ao === undefined ? 'unknown' : ao;
  }

  const policy: CorsPolicy = {
    id,
    extractor: EXTRACTOR_ID,
    library: 'flask-cors',
    layer: 'app',
    scope,
    span,
    origin,
    credentials: credentials === undefined ? 'unknown' : credentials,
    credentialsSpan: c.kind === 'src' ? c.src.holder : undefined,
    methods,
    allowHeaders,
    exposeHeaders,
    maxAge,
    vary,
    // The extension's after_request hook also runs on error responses (and it wraps the exception
    // handlers); the decorator only sees what the view returns, not exceptions it raises.
    emits: kind === 'extension' ? 'always' : 'success-only',
    answersPreflight,
    handWritten: false,
    writeIds: [],
  };
  if (unknownOptions.length) policy.unknownOptions = unknownOptions;
  ctx.policies.push(policy);

  const credSrcs: OptSrc[] = [];
  let credUnknown = false;
  for (const l of layers) {
    const s = l.opts.get('supports_credentials');
    if (s) credSrcs.push(s);
    if (l.opaque) credUnknown = true;
  }
  const meta: LibMeta = {
    kind: 'lib',
    originsSrc: o.kind === 'src' ? o.src : undefined,
    insertInto: o.kind === 'default' ? insertInto : undefined,
    credSrcs,
    credUnknown: credUnknown || c.kind === 'unknown',
  };
  ctx.meta.set(id, meta);
}
