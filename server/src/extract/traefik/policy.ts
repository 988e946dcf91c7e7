/**
 * What a Traefik `headers` middleware makes Traefik send. Read from traefik/traefik v3.7.9
 * (pkg/middlewares/headers/header.go, pkg/config/dynamic/middlewares.go) and v2.11.53 for the differences:
 * - The request Origin is compared byte for byte with each `accessControlAllowOriginList` entry, then matched
 *   against each `accessControlAllowOriginListRegex` (Go regexp, unanchored); the matching Origin is echoed.
 * - An entry `*` lets every origin pass: `*` is sent — or, with `accessControlAllowCredentials` (v3.6.22 / v3.7.6
 *   on), the request Origin is echoed (before, and in v2.11, `*` was sent with credentials: refused by browsers).
 * - `*` in allow-methods / allow-headers with credentials: the requested method / headers are sent back
 *   (v3.7.6 on); `*` in expose-headers with credentials: nothing is sent.
 * - `addVaryHeader: true` adds `Vary: Origin`; it is off by default.
 * - A preflight (OPTIONS with Origin and Access-Control-Request-Method) is answered 200 by the middleware itself
 *   when any CORS field is set; `accessControlMaxAge` is sent only when set (v2.11: always, 0 by default).
 * - `customResponseHeaders` are set on the backend's responses (not on the middleware's preflight answer); an
 *   empty value removes the header; a matched origin then overrides a custom Access-Control-Allow-Origin.
 */
import type { CorsPolicy, HeaderWrite, ListValue, OriginDecision, OriginEntry, Span } from '../../model/index.js';
import { isCorsWriteName } from '../../knowledge/headerNames.js';
import { goBool } from '../ingress/policy.js';
import { policyFromWrites } from '../common.js';
import type { Field, Middleware, TField } from './read.js';

export const EXTRACTOR_ID = 'traefik';

export interface Built {
  mw: Middleware;
  policy?: CorsPolicy;
  writes: HeaderWrite[];
}

const label = (mw: Middleware) => `${mw.form === 'crd' ? 'Middleware' : 'middleware'} ${mw.name}`;

function bool(f: TField | undefined): boolean | 'unknown' {
  if (!f) return false;
  if (f.value.k !== 'scalar') return 'unknown';
  return goBool(f.value.s.value) ?? 'unknown';
}

function list(f: TField | undefined, credentials: boolean | 'unknown', old: boolean, expose = false): ListValue | undefined {
  if (!f) return undefined;
  const v = f.value;
  if (v.k !== 'list') return { kind: 'unknown', span: v.k === 'scalar' ? v.s.span : v.k === 'unknown' ? v.span : f.span };
  if (v.items.some((i) => i.value === '*')) {
    if (credentials === 'unknown') return { kind: 'unknown', span: v.span };
    if (!credentials || old) return { kind: 'any', span: v.span };
    return expose ? undefined : { kind: 'reflect-request', span: v.span };
  }
  return { kind: 'list', items: v.items.map((i) => ({ value: i.value, span: i.span })), span: v.span };
}

function originOf(mw: Middleware, credentials: boolean | 'unknown'): OriginDecision | undefined {
  const exact = mw.fields.get('accessControlAllowOriginList');
  const regex = mw.fields.get('accessControlAllowOriginListRegex');
  if (!exact && !regex) return undefined;
  const span = (exact ?? regex)!.value.k === 'list' ? ((exact ?? regex)!.value as { span: Span }).span : (exact ?? regex)!.span;
  if ((exact && exact.value.k !== 'list') || (regex && regex.value.k !== 'list')) return { kind: 'unknown', span };
  const ex = exact?.value.k === 'list' ? exact.value.items : [];
  const re = regex?.value.k === 'list' ? regex.value.items : [];
  if (!ex.length && !re.length) return undefined;
  const star = ex.find((i) => i.value === '*');
  if (star) {
    if (credentials === 'unknown') return { kind: 'unknown', span: star.span };
    // before 3.6.22 / 3.7.6 (v2 included) `*` was sent as written, credentials or not
    return credentials && mw.version !== 'old'
      ? { kind: 'reflect', span: star.span, via: 'accessControlAllowOriginList "*" with accessControlAllowCredentials', libraryAllowAll: true }
      : { kind: 'any', span: star.span };
  }
  const entries: OriginEntry[] = [
    ...ex.map((i) => ({ value: i.value, span: i.span, elementSpan: i.elementSpan, match: 'exact' as const })),
    ...re.map((i) => ({ value: i.value, span: i.span, elementSpan: i.elementSpan, match: 'regex' as const })),
  ];
  return { kind: 'list', entries, tolerance: {}, span };
}

/** customResponseHeaders with CORS names, as header writes (edge layer); an empty value removes the header. */
function customWrites(mw: Middleware, prefix: string): HeaderWrite[] {
  const f = mw.fields.get('customResponseHeaders');
  if (f?.value.k !== 'map') return [];
  const scope = { kind: 'route' as const, label: label(mw), path: ['traefik', mw.name], span: mw.span };
  return f.value.entries
    .filter((e) => isCorsWriteName(e.name))
    .map((e, i): HeaderWrite => ({
      id: `${prefix}w${i + 1}`,
      name: e.name,
      nameSpan: e.nameSpan,
      value: e.value && e.value.value !== '' ? { kind: 'literal', text: e.value.value } : { kind: 'unknown', reason: e.value ? 'removes the header' : 'not a literal' },
      valueSpan: e.value?.span,
      statementSpan: e.span,
      op: e.value?.value === '' ? 'unset' : 'set',
      always: 'n/a',
      layer: 'edge',
      scope,
      extractor: EXTRACTOR_ID,
    }));
}

export function buildPolicy(mw: Middleware, id: string): Built {
  const writes = customWrites(mw, id);
  const credField = mw.fields.get('accessControlAllowCredentials');
  const credentials = bool(credField);
  const origin = originOf(mw, credentials);
  const scope = { kind: 'route' as const, label: label(mw), path: ['traefik', mw.name], span: mw.span };
  if (!origin) {
    // no origin list: only custom headers can send Access-Control-Allow-Origin
    const p = policyFromWrites(writes, { id, extractor: EXTRACTOR_ID, layer: 'edge', scope, span: mw.span, answersPreflight: 'unknown' });
    return { mw, writes, policy: p && { ...p, library: 'traefik' } };
  }
  const maxAge = mw.fields.get('accessControlMaxAge');
  const vary = bool(mw.fields.get('addVaryHeader'));
  const policy: CorsPolicy = {
    id,
    extractor: EXTRACTOR_ID,
    library: 'traefik',
    layer: 'edge',
    scope,
    span: mw.span,
    origin,
    credentials,
    credentialsSpan: credField ? (credField.value.k === 'scalar' ? credField.value.s.span : credField.span) : undefined,
    methods: list(mw.fields.get('accessControlAllowMethods'), credentials, mw.version === 'old'),
    allowHeaders: list(mw.fields.get('accessControlAllowHeaders'), credentials, mw.version === 'old'),
    exposeHeaders: list(mw.fields.get('accessControlExposeHeaders'), credentials, mw.version === 'old', true),
    maxAge: maxAge?.value.k === 'scalar' && /^-?\d+$/.test(maxAge.value.s.value) ? { value: maxAge.value.s.value, span: maxAge.value.s.span } : undefined,
    vary: vary === true ? 'library' : vary === false ? 'absent' : 'unknown',
    emits: 'always',
    answersPreflight: true,
    handWritten: false,
    writeIds: [],
  };
  return { mw, writes, policy };
}

export type { Field };
