/**
 * The header rules of vercel.json, firebase.json and staticwebapp.config.json as path-scoped entries
 * (headerRules.ts). Semantics per platform: knowledge/libraries/vercel.ts, firebase-hosting.ts,
 * azure-static-web-apps.ts.
 */
import type { Span } from '../../model/index.js';
import { parseJson, prop, type JsonNode, type JsonProp } from '../../syntax/json.js';
import { hasPathParam, type ConfigEntry, type HeaderItem } from '../headerRules.js';

export type Platform = 'vercel' | 'firebase-hosting' | 'azure-static-web-apps';

const NAMES: Record<string, Platform> = {
  'vercel.json': 'vercel',
  'firebase.json': 'firebase-hosting',
  'staticwebapp.config.json': 'azure-static-web-apps',
};

/** The platform a file configures, by its exact name. */
export function platformOf(path: string): Platform | undefined {
  const name = path.replace(/\\/g, '/').split('/').pop()?.toLowerCase() ?? '';
  return NAMES[name];
}

type Options = ConfigEntry['options'];

const mention = (options: Options, props: JsonProp[], names: string[]) => {
  for (const p of props) if (names.includes(p.key)) options.push({ name: p.key, span: p.keySpan });
};

/** One header from a name and its value node; `params`: `:name` in the value is filled in from the path. */
function item(key: string, keySpan: Span, value: JsonNode | undefined, span: Span, params: boolean): HeaderItem | undefined {
  if (!value) return undefined;
  const dynamic = params && value.k === 'str' && hasPathParam(value.value);
  const lit = value.k === 'str' && !dynamic ? value : undefined;
  return {
    key,
    keySpan,
    value: lit ? { text: lit.value, span: lit.verbatim ? lit.inner : lit.span, exact: lit.verbatim } : undefined,
    valueAt: value.span,
    span,
  };
}

/** `[{ key, value }]` (Vercel, Firebase). */
function keyValueList(list: JsonNode | undefined, options: Options, params: boolean): HeaderItem[] {
  if (list?.k !== 'arr') return [];
  const out: HeaderItem[] = [];
  for (const o of list.items) {
    if (o.k !== 'obj') continue;
    mention(options, o.props, ['key', 'value']);
    const k = prop(o, 'key');
    if (k?.k !== 'str') continue;
    const it = item(k.value, k.verbatim ? k.inner : k.span, prop(o, 'value'), o.span, params);
    if (it) out.push(it);
  }
  return out;
}

/** `{ "name": "value" }` (Azure); an empty value removes the header: left unknown. */
function nameValueMap(map: JsonNode | undefined): HeaderItem[] {
  if (map?.k !== 'obj') return [];
  const out: HeaderItem[] = [];
  for (const p of map.props) {
    const v = p.value?.k === 'str' && p.value.value === '' ? { k: 'unknown' as const, span: p.value.span } : p.value;
    const it = item(p.key, p.keySpan, v, p.span, false);
    if (it) out.push(it);
  }
  return out;
}

function vercel(root: JsonNode): ConfigEntry[] {
  const list = prop(root, 'headers');
  if (list?.k !== 'arr') return [];
  return list.items.flatMap((r): ConfigEntry[] => {
    if (r.k !== 'obj') return [];
    const options: Options = [];
    mention(options, r.props, ['source', 'headers', 'has', 'missing']);
    const src = prop(r, 'source');
    const items = keyValueList(prop(r, 'headers'), options, true);
    return [{ span: r.span, source: src?.k === 'str' ? src.value : undefined, conditional: !!prop(r, 'has') || !!prop(r, 'missing'), items, options }];
  });
}

function firebase(root: JsonNode): ConfigEntry[] {
  const hosting = prop(root, 'hosting');
  const sites = hosting?.k === 'arr' ? hosting.items : hosting ? [hosting] : [];
  return sites.flatMap((site, i): ConfigEntry[] => {
    const list = prop(site, 'headers');
    if (list?.k !== 'arr') return [];
    const named = prop(site, 'target') ?? prop(site, 'site');
    const siteLabel = hosting?.k !== 'arr' ? '' : `${named?.k === 'str' ? named.value : `site ${i + 1}`} `;
    return list.items.flatMap((r): ConfigEntry[] => {
      if (r.k !== 'obj') return [];
      const options: Options = [];
      mention(options, r.props, ['source', 'glob', 'regex', 'headers']);
      const pat = prop(r, 'source') ?? prop(r, 'glob') ?? prop(r, 'regex');
      const items = keyValueList(prop(r, 'headers'), options, false);
      return [{ span: r.span, source: pat?.k === 'str' ? siteLabel + pat.value : undefined, conditional: false, items, options }];
    });
  });
}

function azure(root: JsonNode): ConfigEntry[] {
  if (root.k !== 'obj') return [];
  const g = root.props.findLast((p) => p.key === 'globalHeaders');
  const global: ConfigEntry | undefined = g && {
    span: g.span,
    source: 'globalHeaders',
    conditional: false,
    items: nameValueMap(g.value),
    options: [{ name: 'globalHeaders', span: g.keySpan }],
  };
  const out: ConfigEntry[] = global ? [global] : [];
  const routes = prop(root, 'routes');
  // routes are tried in order and the first match applies: a later route of a pattern already taken for every
  // method never applies
  const taken = new Set<string>();
  for (const r of routes?.k === 'arr' ? routes.items : []) {
    if (r.k !== 'obj') continue;
    const options: Options = [];
    mention(options, r.props, ['route', 'headers', 'methods']);
    const route = prop(r, 'route');
    if (route?.k === 'str' && taken.has(route.value)) continue;
    if (route?.k === 'str' && !prop(r, 'methods')) taken.add(route.value);
    const items = nameValueMap(prop(r, 'headers'));
    if (!items.length) continue;
    out.push({ span: r.span, source: route?.k === 'str' ? route.value : undefined, conditional: !!prop(r, 'methods'), items, options, inherits: global });
  }
  return out;
}

/** The entries of a hosting config, in the order the platform applies them. */
export function hostingEntries(platform: Platform, text: string): ConfigEntry[] {
  const root = parseJson(text);
  if (!root) return [];
  if (platform === 'vercel') return vercel(root);
  if (platform === 'firebase-hosting') return firebase(root);
  return azure(root);
}
