/**
 * Reading NelmioCorsBundle's configuration (`nelmio_cors:` in config/packages/nelmio_cors.yaml, or in
 * app/config/config.yml of Symfony 2–3): `defaults` and `paths` (path regex → options), each option with
 * where it was written. How a path's options combine with the defaults (NelmioCorsExtension::load and
 * ConfigProvider::getOptions, nelmio/cors-bundle 2.6.0): `array_filter($pathOptions)` drops every falsy
 * value (false, 0, [], '', null), then `array_merge($defaults, $pathOptions)` — so `allow_credentials: false`
 * under a path does not turn off credentials set in `defaults`.
 */
import type { OptionMention, Span, Valued } from '../../model/index.js';
import { pairOf, type YamlNode, type YamlPair } from '../../syntax/yaml.js';

export const LIBRARY = 'nelmio-cors';
export const OPTIONS = [
  'allow_credentials',
  'allow_origin',
  'allow_headers',
  'allow_methods',
  'allow_private_network',
  'expose_headers',
  'max_age',
  'hosts',
  'origin_regex',
  'forced_allow_origin_value',
  'skip_same_as_origin',
] as const;
export type OptionName = (typeof OPTIONS)[number];

/** An option as written: its pair in the file and the level it sits at. */
export interface Src {
  pair: YamlPair;
  value?: YamlNode;
  level: 'defaults' | 'path';
}

export interface Level {
  opts: Map<string, Src>;
  map?: YamlNode;
}

export interface PathEntry {
  regex: string;
  keySpan: Span;
  level: Level;
}

export interface NelmioConfig {
  /** The `nelmio_cors:` pair. */
  span: Span;
  /** `when@prod:` → 'prod': the config of one environment (merged over the file's own `nelmio_cors:`). */
  env?: string;
  defaults: Level;
  paths: PathEntry[];
  /** Option names this config (not the one it is merged over) does not know. */
  unknown: Valued<string>[];
}

export interface NelmioFile {
  configs: NelmioConfig[];
  mentions: OptionMention[];
}

/** A Symfony parameter or env placeholder (`%env(CORS_ALLOW_ORIGIN)%`, `%cors_origins%`): not known here. */
export const isPlaceholder = (s: string): boolean => /%[^%\s]+%/.test(s);

function readLevel(map: YamlNode | undefined, level: Src['level'], cfg: NelmioConfig, mentions: OptionMention[]): Level {
  const opts = new Map<string, Src>();
  if (map?.k !== 'map') return { opts, map };
  for (const p of map.pairs) {
    if ((OPTIONS as readonly string[]).includes(p.key)) {
      opts.set(p.key, { pair: p, value: p.value, level });
      mentions.push({ span: p.keySpan, library: LIBRARY, option: p.key });
    } else cfg.unknown.push({ value: p.key, span: p.keySpan });
  }
  return { opts, map };
}

function readBlock(top: YamlPair, mentions: OptionMention[], env?: string): NelmioConfig {
  const cfg: NelmioConfig = { span: top.span, env, defaults: { opts: new Map() }, paths: [], unknown: [] };
  const d = pairOf(top.value, 'defaults');
  if (d) mentions.push({ span: d.keySpan, library: LIBRARY, option: 'defaults' });
  cfg.defaults = readLevel(d?.value, 'defaults', cfg, mentions);
  const ps = pairOf(top.value, 'paths');
  if (ps) {
    mentions.push({ span: ps.keySpan, library: LIBRARY, option: 'paths' });
    if (ps.value?.k === 'map') {
      for (const p of ps.value.pairs) cfg.paths.push({ regex: p.key, keySpan: p.keySpan, level: readLevel(p.value, 'path', cfg, mentions) });
    }
  }
  return cfg;
}

/** An environment's block over the file's own one: `defaults` merge key by key, a path of the same regex
 *  replaces the base one (Symfony merges the configs of one bundle; a path's options are taken whole here). */
function over(base: NelmioConfig | undefined, env: NelmioConfig): NelmioConfig {
  if (!base) return env;
  const regexes = new Set(env.paths.map((p) => p.regex));
  return {
    ...env,
    defaults: { opts: new Map([...base.defaults.opts, ...env.defaults.opts]), map: env.defaults.map ?? base.defaults.map },
    paths: [...base.paths.filter((p) => !regexes.has(p.regex)), ...env.paths],
  };
}

/** The file's `nelmio_cors:` block and each `when@<env>:` one (Symfony ≥ 5.3). */
export function readNelmio(root: YamlNode | undefined): NelmioFile | undefined {
  const mentions: OptionMention[] = [];
  const top = pairOf(root, 'nelmio_cors');
  const base = top ? readBlock(top, mentions) : undefined;
  const configs: NelmioConfig[] = base ? [base] : [];
  if (root?.k === 'map') {
    for (const p of root.pairs) {
      const env = /^when@(.+)$/.exec(p.key)?.[1];
      const block = env ? pairOf(p.value, 'nelmio_cors') : undefined;
      if (env && block) configs.push(over(base, readBlock(block, mentions, env)));
    }
  }
  return configs.length ? { configs, mentions } : undefined;
}

/** PHP truthiness of a YAML value after Symfony's normalisation (array_filter keeps truthy values only). */
export function truthy(v: YamlNode | undefined): boolean | undefined {
  if (!v) return false;
  if (v.k === 'seq') return v.items.length > 0;
  if (v.k === 'map') return v.pairs.length > 0;
  if (v.k === 'unknown') return undefined;
  const x = v.value;
  if (typeof x === 'string' && isPlaceholder(x)) return undefined;
  return !(x === null || x === false || x === 0 || x === '' || x === '0');
}

/** The source of an option for a path: the path's own value when truthy, else the defaults'. Undefined:
 *  neither writes it (the bundle default applies). `unsure`: a value we cannot judge is in the way. */
export function effective(path: Level | undefined, defaults: Level, name: OptionName): { src?: Src; unsure: boolean } {
  const own = path?.opts.get(name);
  if (own) {
    const t = truthy(own.value);
    if (t === undefined) return { src: own, unsure: true };
    if (t) return { src: own, unsure: false };
  }
  return { src: defaults.opts.get(name), unsure: false };
}
