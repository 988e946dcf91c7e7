/**
 * Reading flask-cors options: the option names, one level of options (constructor or init_app kwargs,
 * `**{...}`, a `resources` entry's dict, CORS_* config) and which level's value wins for an option.
 */
import type { Span, Valued } from '../../model/index.js';
import { evaluate, type Call, type Env, type Expr, type Val } from '../../code/index.js';
import { mentionOption, type Ctx, type OptSrc } from './ctx.js';

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

/** An option's value: flask-cors's default, one we cannot know, or the one written (`ref` is the expression
 *  where it is written, `value` what it evaluates to). */
export type Eff = { kind: 'default' } | { kind: 'unknown' } | { kind: 'src'; src: OptSrc; value: Val; ref: Expr };

/** The options of a call (`CORS(app, origins=...)`, `init_app`, `cross_origin`): keyword arguments and
 *  `**{...}` (a `**` of anything not known in full hides options). */
export function kwargLayer(ctx: Ctx, call: Call, env: Env, skipApp: boolean): OptLayer {
  const layer = emptyLayer();
  for (const a of call.args) {
    if (a.spread) {
      const v = evaluate(a.value, env);
      if (v.k === 'map' && !v.open) readPairs(ctx, v, layer, KNOWN_OPTIONS);
      else layer.opaque = true;
      continue;
    }
    if (!a.name || !a.nameSpan) continue;
    if (skipApp && a.name === 'app') continue;
    setOption(ctx, layer, a.name, a.nameSpan, KNOWN_OPTIONS, { name: a.name, value: a.value, val: evaluate(a.value, env), holder: a.span, holderKind: 'element' });
  }
  return layer;
}

/** Put one option into a layer under its flask-cors name (`CORS_ORIGINS` → origins when `config`), or list
 *  it as unknown. */
export function setOption(ctx: Ctx, layer: OptLayer, key: string, keySpan: Span, known: string[], src: OptSrc, config = false): void {
  if (config && !key.startsWith('CORS_')) return;
  if (!known.includes(key)) {
    layer.unknown.push({ name: { value: key, span: keySpan }, known });
    return;
  }
  const name = config ? key.slice(5).toLowerCase() : key;
  mentionOption(ctx, key, keySpan);
  layer.opts.set(name, { ...src, name });
}

/** The entries of a dict of options (a resource's options, `**{...}`, `config.update({...})`). */
export function readPairs(ctx: Ctx, v: Val & { k: 'map' }, layer: OptLayer, known: string[], config = false): void {
  if (v.open) layer.opaque = true;
  for (const en of v.entries) {
    if (en.key === undefined) continue;
    const src: OptSrc = { name: en.key, value: en.entry.value, val: en.value, holder: en.entry.span, holderKind: 'element' };
    setOption(ctx, layer, en.key, en.keySpan ?? en.entry.span, config ? CONFIG_KEYS : known, src, config);
  }
}

export function effective(layers: OptLayer[], name: string): Eff {
  for (let i = layers.length - 1; i >= 0; i--) {
    const src = layers[i].opts.get(name);
    if (src) return { kind: 'src', src, value: src.val, ref: src.value };
    if (layers[i].opaque) return { kind: 'unknown' };
  }
  return { kind: 'default' };
}
