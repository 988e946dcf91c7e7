/**
 * Reading flask-cors options: the option names, one level of options (constructor or init_app kwargs,
 * `**{...}`, a `resources` entry's dict, CORS_* config) and which level's value wins for an option.
 */
import type { Node } from '../../syntax/treeSitter.js';
import type { Valued } from '../../model/index.js';
import { mentionOption, type Ctx, type OptSrc } from './ctx.js';
import { evaluate, namedChildren, spanOf, type PyValue } from './py.js';

export const KNOWN_OPTIONS = [
  'resources',
  'origins',
  'methods',
  'expose_headers',
  'allow_headers',
  'supports_credentials',
  'max_age',
  'send_wildcard',
  'vary_header',
  'automatic_options',
  'intercept_exceptions',
  'always_send',
  'allow_private_network',
];
export const CONFIG_KEYS = KNOWN_OPTIONS.map((o) => 'CORS_' + o.toUpperCase());

/** One level of options (config, constructor kwargs, init_app kwargs, a resource's dict). */
export interface OptLayer {
  opts: Map<string, OptSrc>;
  /** The level may set options we cannot see (**kwargs, config loaded from elsewhere). */
  opaque: boolean;
  unknown: { name: Valued<string>; known: string[] }[];
}
export const emptyLayer = (): OptLayer => ({ opts: new Map(), opaque: false, unknown: [] });

export type Eff = { kind: 'default' } | { kind: 'unknown' } | { kind: 'src'; src: OptSrc; value: PyValue };

export function kwargLayer(ctx: Ctx, args: Node | null, skipApp: boolean): OptLayer {
  const layer = emptyLayer();
  if (!args) return layer;
  for (const a of namedChildren(args)) {
    if (a.type === 'dictionary_splat' || a.type === 'list_splat') {
      const v = evaluate(namedChildren(a)[0] ?? a, { consts: ctx.consts });
      if (a.type === 'dictionary_splat' && v.kind === 'dict' && !v.splat) {
        // **{...} or **OPTIONS with a literal dict: read its pairs.
        readPairs(ctx, v, layer, KNOWN_OPTIONS);
      } else layer.opaque = true;
      continue;
    }
    if (a.type !== 'keyword_argument') continue;
    const nameNode = a.childForFieldName('name');
    const value = a.childForFieldName('value');
    if (!nameNode || !value) continue;
    const name = nameNode.text;
    if (skipApp && name === 'app') continue;
    if (!KNOWN_OPTIONS.includes(name)) {
      layer.unknown.push({ name: { value: name, span: spanOf(nameNode) }, known: KNOWN_OPTIONS });
      continue;
    }
    mentionOption(ctx, name, spanOf(nameNode));
    layer.opts.set(name, { name, value, holder: a, holderKind: 'element' });
  }
  return layer;
}

export function readPairs(ctx: Ctx, v: Extract<PyValue, { kind: 'dict' }>, layer: OptLayer, known: string[], config = false): void {
  if (v.splat) layer.opaque = true;
  for (const p of v.pairs) {
    if (p.key.kind !== 'str') {
      layer.opaque = true;
      continue;
    }
    const key = p.key.text;
    if (config) {
      if (!key.startsWith('CORS_')) continue;
      if (!CONFIG_KEYS.includes(key)) {
        layer.unknown.push({ name: { value: key, span: p.key.inner }, known: CONFIG_KEYS });
        continue;
      }
      const name = key.slice(5).toLowerCase();
      mentionOption(ctx, key, p.key.inner);
      layer.opts.set(name, { name, value: p.value, holder: p.pair, holderKind: 'element' });
    } else {
      if (!known.includes(key)) {
        layer.unknown.push({ name: { value: key, span: p.key.inner }, known });
        continue;
      }
      mentionOption(ctx, key, p.key.inner);
      layer.opts.set(key, { name: key, value: p.value, holder: p.pair, holderKind: 'element' });
    }
  }
}

export function effective(layers: OptLayer[], name: string, ctx: Ctx): Eff {
  for (let i = layers.length - 1; i >= 0; i--) {
    const src = layers[i].opts.get(name);
    if (src) return { kind: 'src', src, value: evaluate(src.value, { consts: ctx.consts }) };
    if (layers[i].opaque) return { kind: 'unknown' };
  }
  return { kind: 'default' };
}
