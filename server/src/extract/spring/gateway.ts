/**
 * Spring Cloud Gateway's global CORS in application*.yml: `spring.cloud.gateway.globalcors.cors-configurations`
 * (≤ 4.2.x; `spring.cloud.gateway.server.webflux.globalcors` since 4.3.x), a map of path pattern
 * (`'[/**]'`) → a plain `CorsConfiguration` bound property by property (GlobalCorsProperties, read in
 * spring-cloud-gateway 4.1.x, 4.3.x and main). Nothing is filled by permit defaults; the handler mappings
 * get them through `setCorsConfigurations`, which calls validateAllowCredentials: `*` origins with
 * credentials stop the gateway at start-up. Keys in any relaxed form (`allowed-origins`, `allowedOrigins`);
 * a string for a list is split at commas; a `${…}` placeholder is unknown. Also Spring Boot's flat CORS
 * properties of the Actuator endpoints and GraphQL (FLAT). application.properties: properties.ts.
 */
import type { CorsPolicy, OptionMention, Span } from '../../model/index.js';
import { parseYamlAll, type YamlNode, type YamlPair } from '../../syntax/yaml.js';
import { mention, policyOf, type Conf, type Field, type Src, type Str } from './conf.js';

export const PREFIXES = [['spring', 'cloud', 'gateway', 'globalcors', 'corsconfigurations'], ['spring', 'cloud', 'gateway', 'server', 'webflux', 'globalcors', 'corsconfigurations']];
/** Spring Boot's flat CORS properties (CorsEndpointProperties, GraphQlCorsProperties; read in spring-boot
 *  3.3.x and main): one configuration for the endpoints they serve, none unless origins or patterns are
 *  set; methods then GET, HEAD (CorsConfiguration's resolved default), max-age 1800 s (a number: seconds). */
export const FLAT: readonly { path: string[]; route: string }[] = [
  { path: ['management', 'endpoints', 'web', 'cors'], route: 'Actuator /actuator/**' },
  { path: ['spring', 'graphql', 'cors'], route: 'GraphQL /graphql' },
];

export const norm = (k: string) => k.toLowerCase().replace(/[-_]/g, '');

/** The option names as written in the docs and hovers (CorsConfiguration's bean properties). */
export const FIELDS: Record<string, { key: 'origins' | 'patterns' | 'methods' | 'headers' | 'exposed' | 'credentials' | 'maxAge'; option: string }> = {
  allowedorigins: { key: 'origins', option: 'allowedOrigins' },
  allowedoriginpatterns: { key: 'patterns', option: 'allowedOriginPatterns' },
  allowedmethods: { key: 'methods', option: 'allowedMethods' },
  allowedheaders: { key: 'headers', option: 'allowedHeaders' },
  exposedheaders: { key: 'exposed', option: 'exposedHeaders' },
  allowcredentials: { key: 'credentials', option: 'allowCredentials' },
  maxage: { key: 'maxAge', option: 'maxAge' },
};

export interface GatewayConf {
  conf: Conf;
  path: string;
  /** Spring Boot's flat properties (Actuator, GraphQL): the label of what they serve. */
  flat?: string;
  span: Span;
  /** The value nodes, for fixes. */
  nodes: Partial<Record<keyof Conf, YamlPair>>;
}

/** The maps at `path` under `node`, following keys written whole or dotted (`spring.cloud.gateway:`). */
function at(node: YamlNode | undefined, path: string[], out: YamlNode[], depth = 0): void {
  if (!path.length) {
    if (node) out.push(node);
    return;
  }
  if (node?.k !== 'map' || depth > 20) return;
  for (const p of node.pairs) {
    const parts = p.key.split('.').map(norm);
    if (parts.length <= path.length && parts.every((x, i) => x === path[i])) at(p.value, path.slice(parts.length), out, depth + 1);
  }
}

/** A string bound to a List: split at commas, each part trimmed (StringToCollectionConverter); exact
 *  spans when the value is written verbatim at `inner`. A `${…}` placeholder is unknown. */
export function splitValue(v: string, inner: Span | undefined, whole: Span): Str[] | undefined {
  if (v.includes('${')) return undefined;
  const out: Str[] = [];
  let at = 0;
  for (const part of v.split(',')) {
    const lead = part.length - part.trimStart().length;
    const value = part.trim();
    const span = inner ? { start: inner.start + at + lead, end: inner.start + at + lead + value.length } : whole;
    if (value) out.push({ value, span, elementSpan: v.includes(',') ? span : whole });
    at += part.length + 1;
  }
  return out;
}

function strings(n: YamlNode | undefined): Str[] | undefined {
  const items = n?.k === 'seq' ? n.items : n ? [n] : [];
  const out: Str[] = [];
  for (const i of items) {
    if (i.k !== 'scalar' || i.value === null) return undefined;
    const s = splitValue(String(i.value), i.verbatim ? i.inner : undefined, i.span);
    if (!s) return undefined;
    out.push(...s);
  }
  return out;
}

function entry(p: YamlPair, f: (typeof FIELDS)[string], flat = false): Field<unknown> {
  const src: Src = { holder: p.span, value: p.value?.span ?? p.keySpan, form: 'element', inPlace: p.value?.k === 'scalar' || (p.value?.k === 'seq' && p.value.flow), step: p.keySpan };
  const v = p.value;
  if (f.key === 'credentials') {
    // the binder's String → Boolean conversion takes true/on/yes/1 and false/off/no/0
    const raw = v?.k === 'scalar' ? String(v.value).toLowerCase() : '';
    const b = ['true', 'on', 'yes', '1'].includes(raw) ? true : ['false', 'off', 'no', '0'].includes(raw) ? false : undefined;
    return b !== undefined ? { k: 'known', value: b, src } : { k: 'unknown', src };
  }
  if (f.key === 'maxAge') {
    const n = v?.k === 'scalar' ? v.value : undefined;
    // a Duration in seconds (`3600s`) for the flat properties; a Long for the gateway
    const secs = typeof n === 'string' && flat ? /^(\d+)s$/.exec(n)?.[1] : undefined;
    if (secs) return { k: 'known', value: { raw: secs, span: v!.span }, src };
    return typeof n === 'number' && Number.isInteger(n) ? { k: 'known', value: { raw: String(n), span: v!.span }, src } : { k: 'unknown', src };
  }
  const s = strings(v);
  return s ? { k: 'known', value: s, src } : { k: 'unknown', src };
}

export function readGateway(text: string, mentions: OptionMention[]): GatewayConf[] {
  const out: GatewayConf[] = [];
  for (const doc of parseYamlAll(text)) {
    // a document the parser could not read whole (an open quote swallows the next lines): nothing from it
    if (doc.errors.length) continue;
    const maps: YamlNode[] = [];
    for (const pre of PREFIXES) at(doc.root, pre, maps);
    for (const m of maps) {
      if (m.k !== 'map') continue;
      for (const route of m.pairs) {
        if (route.value?.k !== 'map') continue;
        const conf: Conf = {};
        const nodes: GatewayConf['nodes'] = {};
        for (const p of route.value.pairs) {
          const f = FIELDS[norm(p.key)];
          if (!f) continue;
          mention(mentions, p.keySpan, f.option);
          (conf as Record<string, unknown>)[f.key] = entry(p, f);
          nodes[f.key] = p;
        }
        out.push({ conf, path: route.key.replace(/^\[(.*)\]$/, '$1'), span: route.keySpan, nodes });
      }
    }
    for (const f of FLAT) {
      const found: YamlNode[] = [];
      at(doc.root, f.path, found);
      for (const m of found) {
        if (m.k !== 'map') continue;
        const conf: Conf = {};
        for (const p of m.pairs) {
          const fd = FIELDS[norm(p.key)];
          if (!fd) continue;
          mention(mentions, p.keySpan, fd.option);
          (conf as Record<string, unknown>)[fd.key] = entry(p, fd, true);
        }
        const g = flatConf(conf, m.span, f.route);
        if (g) out.push(g);
      }
    }
  }
  return out;
}

/** The defaults of Spring Boot's flat CORS properties; undefined when no origin nor pattern is set (no CORS). */
export function flatConf(c: Conf, at: Span, route: string): GatewayConf | undefined {
  const none = (f: Conf['origins']) => !f || (f.k === 'known' && !f.value.length);
  if (none(c.origins) && none(c.patterns)) return undefined;
  const dflt = (vs: string[]) => ({ k: 'known' as const, value: vs.map((value) => ({ value, span: at, elementSpan: at })) });
  const conf: Conf = { ...c, methods: c.methods ?? dflt(['GET', 'HEAD']), maxAge: c.maxAge ?? { k: 'known', value: { raw: '1800', span: at } } };
  return { conf, path: route.split(' ')[1], flat: route, span: at, nodes: {} };
}

export function gatewayPolicies(confs: GatewayConf[], extractor: string, first: number): CorsPolicy[] {
  return confs.map((g, i) => policyOf(g.conf, `p${first + i}`, extractor, g.span, g.flat ? { kind: 'route', label: g.flat, path: ['app', g.path] } : g.path === '/**' ? { kind: 'app', label: 'globalcors /**', path: ['app'] } : { kind: 'route', label: `globalcors ${g.path}`, path: ['app', g.path] }));
}
