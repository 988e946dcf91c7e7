/**
 * The CORS_* keys put into a Flask config: `X.config['CORS_...'] = v`, `config.update(...)` /
 * `from_mapping(...)`, `from_object(Class)` (base classes first), and the loaders whose keys cannot be
 * seen (from_pyfile, from_envvar ...). flask-cors reads them when init_app runs (per request for the
 * decorator): `configLayer` gives the keys set before a given point.
 */
import type { Node } from '../../syntax/treeSitter.js';
import type { Span } from '../../model/index.js';
import { mentionOption, type Ctx, type OptSrc } from './ctx.js';
import { climb, evaluate, locate, namedChildren, spanOf } from './py.js';
import { parentOf } from './py.js';
import { CONFIG_KEYS, emptyLayer, readPairs, type OptLayer } from './corsOptions.js';

export interface ConfigEvent {
  at: number;
  apply(layer: OptLayer): void;
}

/** Every place that puts CORS_* keys into a Flask config, in source order. */
export function configEvents(ctx: Ctx): ConfigEvent[] {
  const events: ConfigEvent[] = [];
  const classes = { get: (n: string) => ctx.consts.cls(n) };
  const setKey = (layer: OptLayer, key: string, keySpan: Span, value: Node, holder: Node, holderKind: OptSrc['holderKind']) => {
    if (!key.startsWith('CORS_')) return;
    if (!CONFIG_KEYS.includes(key)) {
      layer.unknown.push({ name: { value: key, span: keySpan }, known: CONFIG_KEYS });
      return;
    }
    const name = key.slice(5).toLowerCase();
    mentionOption(ctx, key, keySpan);
    layer.opts.set(name, { name, value, holder, holderKind });
  };
  const classLayer = (cls: Node, layer: OptLayer, seen: Set<number>) => {
    if (seen.has(cls.id)) return;
    seen.add(cls.id);
    // Base classes first (a subclass overrides).
    const supers = cls.childForFieldName('superclasses');
    for (const s of supers ? namedChildren(supers) : []) {
      const b = s.type === 'identifier' ? classes.get(s.text) : undefined;
      if (b) classLayer(b, layer, seen);
      else if (s.type !== 'identifier' || !/^(object)$/.test(s.text)) layer.opaque = layer.opaque || !b;
    }
    const body = cls.childForFieldName('body');
    for (const st of body ? namedChildren(body) : []) {
      const a = st.type === 'expression_statement' ? st.namedChild(0) : null;
      if (a?.type !== 'assignment') continue;
      const l = a.childForFieldName('left');
      const r = a.childForFieldName('right');
      if (l?.type === 'identifier' && r) setKey(layer, l.text, spanOf(l), r, st, 'statement');
    }
  };
  const visit = (n: Node): void => {
    if (n.type === 'assignment') {
      // X.config['CORS_...'] = value
      const l = n.childForFieldName('left');
      const r = n.childForFieldName('right');
      if (l?.type === 'subscript' && r && isConfig(l.childForFieldName('value'))) {
        const key = l.childForFieldName('subscript');
        const kv = key ? evaluate(key, { consts: ctx.consts }) : undefined;
        const stmt = parentOf(n)?.type === 'expression_statement' ? parentOf(n)! : n;
        if (kv?.kind === 'str') {
          events.push({ at: n.startIndex, apply: (layer) => setKey(layer, kv.text, kv.inner, r, stmt, 'statement') });
        }
      }
      return;
    }
    if (n.type === 'call') {
      const f = n.childForFieldName('function');
      if (f?.type !== 'attribute' || !isConfig(f.childForFieldName('object'))) return;
      const m = f.childForFieldName('attribute')?.text ?? '';
      const args = n.childForFieldName('arguments');
      const list = args ? namedChildren(args) : [];
      if (m === 'update' || m === 'from_mapping') {
        events.push({
          at: n.startIndex,
          apply: (layer) => {
            for (const a of list) {
              if (a.type === 'keyword_argument') {
                const nm = a.childForFieldName('name');
                const v = a.childForFieldName('value');
                if (nm && v) setKey(layer, nm.text, spanOf(nm), v, a, 'element');
              } else {
                const v = evaluate(a.type === 'dictionary_splat' ? namedChildren(a)[0] ?? a : a, { consts: ctx.consts });
                if (v.kind === 'dict') readPairs(ctx, v, layer, CONFIG_KEYS, true);
                else layer.opaque = true;
              }
            }
          },
        });
      } else if (m === 'from_object') {
        const a = list[0];
        const cls = a?.type === 'identifier' ? classes.get(a.text) : undefined;
        events.push({
          at: n.startIndex,
          apply: (layer) => {
            if (cls) classLayer(cls, layer, new Set());
            else layer.opaque = true;
          },
        });
      } else if (/^(from_pyfile|from_envvar|from_file|from_json|from_prefixed_env|setdefault)$/.test(m)) {
        events.push({ at: n.startIndex, apply: (layer) => (layer.opaque = true) });
      }
    }
  };
  const seen = new Set<number>();
  for (const hit of locate(ctx.root, ctx.text, /\.\s*config\b/g)) {
    const attr = climb(hit, ['attribute'], 2);
    if (!attr || !isConfig(attr) || seen.has(attr.id)) continue;
    seen.add(attr.id);
    const parent = parentOf(attr);
    let n: Node | null = null;
    if (parent?.type === 'subscript' && parentOf(parent)?.type === 'assignment' && parentOf(parent)!.childForFieldName('left')?.id === parent.id) n = parentOf(parent);
    else if (parent?.type === 'attribute' && parentOf(parent)?.type === 'call') n = parentOf(parent);
    if (!n) continue;
    visit(n);
  }
  events.sort((a, b) => a.at - b.at);
  return events;
}

function isConfig(n: Node | null): boolean {
  return !!n && n.type === 'attribute' && n.childForFieldName('attribute')?.text === 'config';
}

export function configLayer(events: ConfigEvent[], before: number): OptLayer {
  const layer = emptyLayer();
  for (const e of events) if (e.at < before) e.apply(layer);
  return layer;
}
