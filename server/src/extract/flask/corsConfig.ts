/**
 * The CORS_* keys put into a Flask config: `X.config['CORS_...'] = v`, `config.update(...)` /
 * `from_mapping(...)`, `from_object(Class)` (base classes first), and the loaders whose keys cannot be
 * seen (from_pyfile, from_envvar ...). flask-cors reads them when init_app runs (per request for the
 * decorator): `configLayer` gives the keys set before a given point. Read from the engine's common form;
 * a class's attributes and bases come from the engine's class table (code/bindings.ts ClassInfo).
 */
import { callsOfStmt, envOf, evaluate, type ClassInfo, type Expr } from '../../code/index.js';
import { eachStmt, type Ctx } from './ctx.js';
import { CONFIG_KEYS, emptyLayer, readPairs, setOption, type OptLayer } from './corsOptions.js';

export interface ConfigEvent {
  at: number;
  apply(layer: OptLayer): void;
}

const LOADERS = new Set(['from_pyfile', 'from_envvar', 'from_file', 'from_json', 'from_prefixed_env', 'setdefault']);

/** `X.config` */
const isConfig = (e: Expr): boolean => e.k === 'member' && e.name === 'config';

/** Every place that puts CORS_* keys into a Flask config, in source order. */
export function configEvents(ctx: Ctx): ConfigEvent[] {
  const events: ConfigEvent[] = [];
  const module = envOf(ctx.code);
  const classNamed = (name: string): ClassInfo | undefined => {
    const found = ctx.code.scopes.classes.filter((c) => c.name === name);
    return found.length === 1 ? found[0] : undefined;
  };
  const classLayer = (cls: ClassInfo, layer: OptLayer, seen: Set<ClassInfo>): void => {
    if (seen.has(cls)) return;
    seen.add(cls);
    // Base classes first (a subclass overrides).
    for (const b of cls.bases) {
      const base = b.k === 'name' ? classNamed(b.name) : undefined;
      if (base) classLayer(base, layer, seen);
      else if (b.k !== 'name' || b.name !== 'object') layer.opaque = true;
    }
    for (const a of cls.attrs) {
      const key = a.name;
      const src = { name: key, value: a.value, val: evaluate(a.value, module), holder: a.stmt.span, holderKind: 'statement' as const, alone: a.alone };
      setOption(ctx, layer, key, a.target.span, CONFIG_KEYS, src, true);
    }
  };
  eachStmt(ctx.code, (s, env, body) => {
    // X.config['CORS_...'] = value
    if (s.k === 'assign' && s.op === '=' && s.target.k === 'index' && isConfig(s.target.object)) {
      const k = evaluate(s.target.index, env);
      const value = s.value;
      if (k.k === 'str') {
        const keySpan = k.lit ? k.lit.inner : s.target.index.span;
        const src = { name: k.value, value, val: evaluate(value, env), holder: s.span, holderKind: 'statement' as const, alone: body.length === 1 };
        events.push({ at: s.span.start, apply: (layer) => setOption(ctx, layer, k.value, keySpan, CONFIG_KEYS, src, true) });
      }
    }
    for (const call of callsOfStmt(s)) {
      const f = call.callee;
      if (f.k !== 'member' || !isConfig(f.object)) continue;
      const at = call.span.start;
      if (f.name === 'update' || f.name === 'from_mapping') {
        events.push({
          at,
          apply: (layer) => {
            for (const a of call.args) {
              if (a.name && a.nameSpan) {
                const src = { name: a.name, value: a.value, val: evaluate(a.value, env), holder: a.span, holderKind: 'element' as const };
                setOption(ctx, layer, a.name, a.nameSpan, CONFIG_KEYS, src, true);
                continue;
              }
              const v = evaluate(a.value, env);
              if (v.k === 'map') readPairs(ctx, v, layer, CONFIG_KEYS, true);
              else layer.opaque = true;
            }
          },
        });
      } else if (f.name === 'from_object') {
        const first = call.args[0];
        const cls = first && !first.name && !first.spread && first.value.k === 'name' ? classNamed(first.value.name) : undefined;
        events.push({ at, apply: (layer) => (cls ? classLayer(cls, layer, new Set()) : (layer.opaque = true)) });
      } else if (LOADERS.has(f.name)) events.push({ at, apply: (layer) => (layer.opaque = true) });
    }
  });
  events.sort((a, b) => a.at - b.at);
  return events;
}

export function configLayer(events: ConfigEvent[], before: number): OptLayer {
  const layer = emptyLayer();
  for (const e of events) if (e.at < before) e.apply(layer);
  return layer;
}
