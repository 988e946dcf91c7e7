/**
 * What Envoy's CORS filter sends for one policy — Istio compiles `corsPolicy` into the same filter. Read from
 * envoyproxy/envoy at commit 001cbf14 (source/extensions/filters/http/cors/cors_filter.cc) and Istio's
 * TranslateCORSPolicy (pilot/pkg/networking/core/route, Istio 1.28: `allowOrigins` exact / prefix / regex →
 * Envoy exact / prefix / safe_regex, the deprecated `allowOrigin` strings → exact, lists joined with `,`,
 * `maxAge` → whole seconds):
 * - An Origin passing any matcher is **echoed** in Access-Control-Allow-Origin; `*` is never sent. A matcher
 *   that accepts the string `*` (exact `*`, prefix `` …) lets every origin in.
 * - Prefix / suffix / contains matchers are weak (`https://a.com` as a prefix admits `https://a.com.evil.io`);
 *   safe_regex must match the whole Origin (RE2).
 * - allow_methods / allow_headers `*` are answered with the requested method / headers.
 * - Preflights are answered 200 by the filter; no `Vary: Origin` is added.
 */
import type { CorsPolicy, ListValue, OriginDecision, OriginEntry } from '../../model/index.js';
import type { YamlNode } from '../../syntax/yaml.js';
import type { CorsBlock, Matcher } from './read.js';

export const EXTRACTOR_ID = 'envoy';

/** Whether a matcher accepts the string `*` (Envoy then allows every origin); undefined when unknown. */
function acceptsStar(m: Matcher): boolean | undefined {
  const v = m.value.value;
  switch (m.kind) {
    case 'exact':
      return v === '*';
    case 'prefix':
    case 'suffix':
      return v === '' || v === '*';
    case 'contains':
      return v === '' || v === '*';
    case 'regex':
      try {
        return new RegExp(`^(?:${v})$`, 'u').test('*');
      } catch {
        return undefined;
      }
  }
}

const MATCH: Record<Matcher['kind'], OriginEntry['match']> = { exact: 'exact', prefix: 'prefix', suffix: 'suffix', contains: 'substring', regex: 'regex' };

function originOf(b: CorsBlock, credentials: boolean | 'unknown'): OriginDecision | undefined {
  const span = b.originsNode?.span;
  if (b.origins === undefined) return undefined;
  if (b.origins === 'unknown') return { kind: 'unknown', span };
  if (!b.origins.length) return undefined;
  const stars = b.origins.map(acceptsStar);
  if (stars.includes(undefined)) return { kind: 'unknown', span };
  const star = b.origins[stars.indexOf(true)];
  if (star) {
    if (credentials === 'unknown') return { kind: 'unknown', span: star.value.span };
    return { kind: 'reflect', span: star.value.span, via: `${b.form === 'istio' ? 'allowOrigins' : 'allow_origin_string_match'} accepting every origin`, libraryAllowAll: true };
  }
  const entries = b.origins.map((m): OriginEntry => ({ value: m.value.value, span: m.value.span, elementSpan: m.element.span, match: MATCH[m.kind] }));
  return { kind: 'list', entries, tolerance: b.origins.some((m) => m.ignoreCase) ? { caseInsensitive: true } : {}, span };
}

function scalarText(n: YamlNode | undefined): string | undefined {
  return n?.k === 'scalar' && n.value !== null && !String(n.value).includes('{{') ? String(n.value) : undefined;
}

/** Istio: a list of names; Envoy: one comma-separated string. `*` is answered with the requested ones. */
function listOf(n: YamlNode | undefined, wildcardEchoes: boolean): ListValue | undefined {
  if (!n) return undefined;
  let items: { value: string; span: typeof n.span }[] | undefined;
  if (n.k === 'seq') {
    items = [];
    for (const i of n.items) {
      const t = scalarText(i);
      if (t === undefined || i.k !== 'scalar') return { kind: 'unknown', span: n.span };
      items.push({ value: t, span: i.inner });
    }
  } else {
    const t = scalarText(n);
    if (t === undefined || n.k !== 'scalar') return { kind: 'unknown', span: n.span };
    items = t.split(',').map((x) => ({ value: x.trim(), span: n.inner })).filter((x) => x.value);
  }
  if (items.map((i) => i.value).join(',') === '*') return wildcardEchoes ? { kind: 'reflect-request', span: n.span } : { kind: 'any', span: n.span };
  return { kind: 'list', items, span: n.span };
}

/** Go / protobuf durations: `24h`, `1h30m`, `90s`, `1.5h` → whole seconds. */
export function durationSeconds(s: string): number | undefined {
  const m = /^(?:(\d+(?:\.\d+)?)h)?(?:(\d+(?:\.\d+)?)m(?!s))?(?:(\d+(?:\.\d+)?)s)?$/.exec(s.trim());
  if (!m || !(m[1] || m[2] || m[3])) return undefined;
  return Math.floor(Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0));
}

export function buildPolicy(b: CorsBlock, id: string): CorsPolicy | undefined {
  const f = (istio: string, envoy: string) => b.fields.get(b.form === 'istio' ? istio : envoy);
  const credField = f('allowCredentials', 'allow_credentials');
  const cv = credField?.value;
  const credentials: boolean | 'unknown' = b.broken ? 'unknown' : !credField ? false : cv?.k === 'scalar' && typeof cv.value === 'boolean' ? cv.value : 'unknown';
  const origin = originOf(b, credentials);
  if (!origin) return undefined;
  const ma = f('maxAge', 'max_age');
  const maText = scalarText(ma?.value);
  const seconds = maText === undefined ? undefined : b.form === 'istio' ? durationSeconds(maText) : /^\d+$/.test(maText) ? Number(maText) : undefined;
  return {
    id,
    extractor: EXTRACTOR_ID,
    library: b.form,
    layer: 'edge',
    scope: { kind: 'route', label: b.label, path: [b.form, b.label], span: b.span },
    span: b.span,
    origin,
    credentials,
    credentialsSpan: credField ? (cv?.k === 'scalar' ? cv.inner : credField.keySpan) : undefined,
    methods: b.broken ? undefined : listOf(f('allowMethods', 'allow_methods')?.value, true),
    allowHeaders: b.broken ? undefined : listOf(f('allowHeaders', 'allow_headers')?.value, true),
    exposeHeaders: b.broken ? undefined : listOf(f('exposeHeaders', 'expose_headers')?.value, false),
    maxAge: seconds !== undefined && ma?.value?.k === 'scalar' && !b.broken ? { value: String(seconds), span: ma.value.inner } : undefined,
    vary: 'absent',
    emits: 'always',
    answersPreflight: true,
    handWritten: false,
    writeIds: [],
  };
}
