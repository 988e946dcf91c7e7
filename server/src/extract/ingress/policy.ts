/**
 * What ingress-nginx makes nginx send for one Ingress with `enable-cors: "true"`. Read from kubernetes/ingress-nginx
 * at commit dbb11b92 (controller v1.15.1): internal/ingress/annotations/cors/main.go, annotations/parser,
 * internal/ingress/controller/template/template.go (buildCorsOriginRegex) and rootfs/etc/nginx/template/nginx.tmpl
 * (`define "CORS"`):
 * - Defaults: origin `*`, credentials **true**, methods `GET, PUT, POST, DELETE, PATCH, OPTIONS`, a fixed header
 *   list, max-age 1728000, no expose header.
 * - Origin `*` becomes `set $http_origin *;` and the header is `Access-Control-Allow-Origin: $http_origin`, so a
 *   literal `*` is sent — together with `Access-Control-Allow-Credentials: true` by default.
 * - A list becomes `if ($http_origin ~* ((https://a\.com)|(https://b\.com))$)`: case-insensitive, `*` in an
 *   entry is one DNS label; the matched Origin is echoed. No `Vary: Origin` is added.
 * - Annotation validation (on by default, `--enable-annotation-validation`): a value the validator refuses (a
 *   path or trailing slash, an underscore …) is dropped whole, and the origin falls back to `*`. Entries that pass
 *   the validator but not the per-entry check (no scheme) are skipped; none left → no CORS header at all.
 * - OPTIONS from an allowed origin is answered with 204 by nginx; headers are set with `more_set_headers`
 *   (every status code).
 */
import type { CorsPolicy, ListValue, OriginDecision, Span } from '../../model/index.js';
import { type AnnValue, type Annotation, type IngressDoc } from './read.js';

export const EXTRACTOR_ID = 'ingress';
const DEFAULT_METHODS = ['GET', 'PUT', 'POST', 'DELETE', 'PATCH', 'OPTIONS'];
const DEFAULT_HEADERS = ['DNT', 'Keep-Alive', 'User-Agent', 'X-Requested-With', 'If-Modified-Since', 'Cache-Control', 'Content-Type', 'Range', 'Authorization'];

/** Go's strconv.ParseBool. */
export function goBool(s: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(s)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(s)) return false;
  return undefined;
}

/** The controller's whole-value origin validator (spaces removed), written as a linear scan: only letters,
 *  digits, `-.:/*,`; `*` only as `*.`; `/` only in `<lowercase scheme>://`; `:` starts `//` or a port. */
export function originValueValid(raw: string): boolean {
  const s = raw.replace(/ /g, '');
  if (s === '' || s === '*') return true;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (/[A-Za-z0-9.,-]/.test(c)) continue;
    if (c === '*') {
      if (s[i + 1] !== '.') return false;
    } else if (c === ':') {
      if (s.startsWith('//', i + 1)) {
        if (!/[a-z]/.test(s[i - 1] ?? '')) return false;
        i += 2;
      } else if (!/[0-9]/.test(s[i + 1] ?? '')) return false;
    } else return false;
  }
  return true;
}

const ENTRY = /^([a-z]+:\/\/(\*\.)?[A-Za-z0-9\-.]*(:\d+)?|\*|null)?$/;

const valueSpan = (v: AnnValue): Span | undefined => (v.k === 'string' ? v.node.inner : v.k === 'unknown' ? v.span : undefined);

function originOf(v: AnnValue, fallback: Span): { origin: OriginDecision; note?: string } | { none: string } {
  if (v.k === 'unknown') return { origin: { kind: 'unknown', span: v.span } };
  if (v.k === 'absent') return { origin: { kind: 'any', span: fallback } };
  const span = v.node.inner;
  const trimmed = v.value.split('\n').map((l) => l.trim()).join('\n');
  if (trimmed === '') return { origin: { kind: 'any', span } };
  if (!originValueValid(trimmed)) {
    return { origin: { kind: 'any', span }, note: 'cors-allow-origin is refused by the controller\'s validator, so the origin falls back to "*"' };
  }
  const entries = [];
  let offset = 0;
  for (const part of v.value.split(',')) {
    const o = part.trim();
    const start = span.start + offset + part.indexOf(o);
    offset += part.length + 1;
    if (o === '') continue;
    if (o === '*') return { origin: { kind: 'any', span } };
    if (!ENTRY.test(o)) continue;
    const exact = v.node.verbatim ? { start, end: start + o.length } : span;
    entries.push({ value: o, span: exact, elementSpan: exact, match: 'exact' as const });
  }
  if (!entries.length) return { none: 'cors-allow-origin keeps no valid origin, so no CORS header is sent' };
  return { origin: { kind: 'list', entries, tolerance: { caseInsensitive: true, wildcardSubdomains: true, trailingSlash: false, starMeansAny: true }, span } };
}

function listOf(v: AnnValue, valid: (s: string) => boolean, dflt: string[], at: Span): ListValue {
  if (v.k === 'unknown') return { kind: 'unknown', span: v.span };
  const parts = v.k === 'string' ? v.value.split(',').map((x) => x.trim()) : [];
  if (v.k === 'absent' || !parts.every(valid)) return { kind: 'list', items: dflt.map((value) => ({ value, span: v.k === 'string' ? v.node.inner : at })) };
  if (parts.includes('*')) return { kind: 'any', span: v.node.inner };
  return { kind: 'list', items: parts.filter(Boolean).map((value) => ({ value, span: v.node.inner })), span: v.node.inner };
}

export interface Built {
  policy?: CorsPolicy;
  note?: string;
  ing: IngressDoc;
}

export function buildPolicy(ing: IngressDoc, id: string): Built {
  const val = (a: Annotation): AnnValue => ing.values.get(a) ?? { k: 'absent' };
  const label = `Ingress ${ing.name}` + (ing.hosts.length ? ` (${ing.hosts.join(', ')})` : '') + (ing.paths.length ? ` ${ing.paths.join(', ')}` : '');
  const enable = val('enable-cors');
  if (enable.k !== 'string' || goBool(enable.value) !== true) return { ing };
  const enableSpan = enable.node.inner;
  const o = originOf(val('cors-allow-origin'), enableSpan);
  if ('none' in o) return { ing, note: `${label}: ${o.none}` };
  const cred = val('cors-allow-credentials');
  const credentials = cred.k === 'unknown' ? 'unknown' : cred.k === 'absent' ? true : goBool(cred.value) ?? true;
  const ma = val('cors-max-age');
  const maxAge = ma.k === 'string' && /^[+-]?\d+$/.test(ma.value) ? { value: String(Number(ma.value)), span: ma.node.inner } : undefined;
  const policy: CorsPolicy = {
    id,
    extractor: EXTRACTOR_ID,
    library: 'ingress-nginx',
    layer: 'edge',
    scope: { kind: 'route', label, path: ['Ingress', ing.name], span: ing.nameSpan },
    span: enable.pair.span,
    origin: o.origin,
    credentials,
    credentialsSpan: valueSpan(cred) ?? enableSpan,
    methods: listOf(val('cors-allow-methods'), (s) => /^[A-Za-z]+$/.test(s), DEFAULT_METHODS, enableSpan),
    allowHeaders: listOf(val('cors-allow-headers'), (s) => /^[A-Za-z0-9_-]*$/.test(s), DEFAULT_HEADERS, enableSpan),
    exposeHeaders: listOf(val('cors-expose-headers'), (s) => /^([A-Za-z0-9_-]+|\*)$/.test(s), [], enableSpan),
    maxAge,
    vary: 'absent',
    emits: 'always',
    answersPreflight: true,
    handWritten: false,
    writeIds: [],
  };
  return { policy, ing, note: o.note ? `${label}: ${o.note}` : undefined };
}
