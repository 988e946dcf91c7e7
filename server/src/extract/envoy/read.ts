/**
 * CORS settings that end in Envoy's CORS filter: Istio `VirtualService` `spec.http[].corsPolicy` (apiVersion
 * `networking.istio.io/*`) and Envoy's own route configuration (`cors:` of a virtual host or route, v3
 * `allow_origin_string_match`), in any YAML stream. Each as one shape: origin matchers with their kind, the
 * other fields as scalars or lists, with spans. A value with a template (`{{`, `${`) or in a YAML document with
 * errors is unknown.
 */
import type { Span } from '../../model/index.js';
import { isResource, pairOf, parseYamlAll, type YamlNode, type YamlPair } from '../../syntax/yaml.js';
import { yScalar, type Scalar } from '../traefik/read.js';

export type MatchKind = 'exact' | 'prefix' | 'suffix' | 'contains' | 'regex';

export interface Matcher {
  kind: MatchKind;
  value: Scalar;
  /** The list element (what "remove this entry" deletes). */
  element: YamlNode;
  ignoreCase: boolean;
}

export interface Field {
  key: string;
  keySpan: Span;
  value: YamlNode | undefined;
  pair: YamlPair;
}

export interface CorsBlock {
  form: 'istio' | 'envoy';
  label: string;
  span: Span;
  /** undefined: no origin field; 'unknown': not readable. */
  origins?: Matcher[] | 'unknown';
  originsNode?: YamlNode;
  fields: Map<string, Field>;
  broken: boolean;
}

const ISTIO_FIELDS = ['allowOrigins', 'allowOrigin', 'allowCredentials', 'allowMethods', 'allowHeaders', 'exposeHeaders', 'maxAge', 'unmatchedPreflights'];
const ENVOY_FIELDS = ['allow_origin_string_match', 'allow_credentials', 'allow_methods', 'allow_headers', 'expose_headers', 'max_age', 'forward_not_matching_preflights'];

function fieldsOf(n: YamlNode, names: string[]): Map<string, Field> {
  const out = new Map<string, Field>();
  for (const p of n.k === 'map' ? n.pairs : []) if (names.includes(p.key)) out.set(p.key, { key: p.key, keySpan: p.keySpan, value: p.value, pair: p });
  return out;
}

const KEYS: Record<string, MatchKind> = { exact: 'exact', prefix: 'prefix', suffix: 'suffix', contains: 'contains', regex: 'regex' };

/** `[{ exact: … }, { prefix: … }, { regex: … }]` (Istio), `[{ exact | prefix | suffix | contains | safe_regex: { regex } }]` (Envoy). */
function matchers(n: YamlNode | undefined): Matcher[] | 'unknown' {
  if (n?.k !== 'seq') return 'unknown';
  const out: Matcher[] = [];
  for (const el of n.items) {
    if (el.k !== 'map') return 'unknown';
    const ignoreCase = pairOf(el, 'ignore_case')?.value;
    let found: Matcher | undefined;
    for (const p of el.pairs) {
      const regexNode = p.key === 'safe_regex' ? pairOf(p.value, 'regex')?.value : undefined;
      const kind = p.key === 'safe_regex' ? 'regex' : KEYS[p.key];
      const s = yScalar(regexNode ?? (p.key === 'safe_regex' ? undefined : p.value));
      if (kind && s) found = { kind, value: s, element: el, ignoreCase: ignoreCase?.k === 'scalar' && ignoreCase.value === true };
      else if (kind) return 'unknown';
    }
    if (!found) return 'unknown';
    out.push(found);
  }
  return out;
}

/** The deprecated `allowOrigin: [ "https://a.com" ]` of Istio: exact strings. */
function exactStrings(n: YamlNode | undefined): Matcher[] | 'unknown' {
  if (n?.k !== 'seq') return 'unknown';
  const out: Matcher[] = [];
  for (const el of n.items) {
    const s = yScalar(el);
    if (!s) return 'unknown';
    out.push({ kind: 'exact', value: s, element: el, ignoreCase: false });
  }
  return out;
}

function istio(root: YamlNode, broken: boolean, out: CorsBlock[]): void {
  const name = pairOf(pairOf(root, 'metadata')?.value, 'name')?.value;
  const vs = name?.k === 'scalar' ? String(name.value) : '?';
  const http = pairOf(pairOf(root, 'spec')?.value, 'http')?.value;
  (http?.k === 'seq' ? http.items : []).forEach((route, i) => {
    const cp = pairOf(route, 'corsPolicy');
    if (!cp?.value || cp.value.k !== 'map') return;
    const fields = fieldsOf(cp.value, ISTIO_FIELDS);
    const routeName = pairOf(route, 'name')?.value;
    const label = `VirtualService ${vs} http[${routeName?.k === 'scalar' ? String(routeName.value) : i}]`;
    const modern = fields.get('allowOrigins');
    const legacy = fields.get('allowOrigin');
    const origins = modern ? matchers(modern.value) : legacy ? exactStrings(legacy.value) : undefined;
    out.push({ form: 'istio', label, span: cp.value.span, origins: broken && origins ? 'unknown' : origins, originsNode: (modern ?? legacy)?.value, fields, broken });
  });
}

/** Every `cors:` map of an Envoy route configuration (virtual hosts, routes, route actions). */
function envoy(n: YamlNode | undefined, path: string, broken: boolean, out: CorsBlock[], depth = 0): void {
  if (!n || depth > 40) return;
  if (n.k === 'seq') n.items.forEach((x, i) => envoy(x, path, broken, out, depth + 1));
  if (n.k !== 'map') return;
  const nm = pairOf(n, 'name')?.value;
  const here = nm?.k === 'scalar' && typeof nm.value === 'string' ? `${path ? path + ' / ' : ''}${nm.value}` : path;
  for (const p of n.pairs) {
    // `cors:` of a virtual host or route, or a CorsPolicy in typed_per_filter_config (`envoy.filters.http.cors:`)
    if (p.value?.k === 'map' && pairOf(p.value, 'allow_origin_string_match')) {
      const fields = fieldsOf(p.value, ENVOY_FIELDS);
      const origins = matchers(fields.get('allow_origin_string_match')?.value);
      out.push({ form: 'envoy', label: `${p.key} ${here || 'route config'}`, span: p.value.span, origins: broken ? 'unknown' : origins, originsNode: fields.get('allow_origin_string_match')?.value, fields, broken });
    } else envoy(p.value, here, broken, out, depth + 1);
  }
}

const ISTIO_API = /^networking\.istio\.io\//;

export function readCorsBlocks(text: string): CorsBlock[] {
  const out: CorsBlock[] = [];
  for (const doc of parseYamlAll(text)) {
    const root = doc.root;
    if (root?.k !== 'map') continue;
    const broken = doc.errors.length > 0;
    if (isResource(root, 'VirtualService', ISTIO_API)) istio(root, broken, out);
    else if (!pairOf(root, 'kind')) envoy(root, '', broken, out);
  }
  return out;
}
