/**
 * The `headers()` entries of a next.config.{js,mjs,cjs,ts}: wherever the config object is written
 * (`module.exports = {…}`, `export default {…}`, `const nextConfig = {…}` exported directly or through
 * `withX(nextConfig)`), its `headers` is a function (`async headers() {…}` or `headers: async () => [...]`)
 * whose returned list is read with the engine: each item `{ source, headers: [{ key, value }], has, missing }`.
 */
import { envOf, evaluate, walkFunc, type Code, type Func, type Val } from '../../code/index.js';
import { hasPathParam, type ConfigEntry, type HeaderItem } from '../headerRules.js';

type MapV = Val & { k: 'map' };

/** The functions that are the value of a `headers` key of an object literal, anywhere in the file. */
function headersFunctions(code: Code): Func[] {
  const out: Func[] = [];
  const seen = new Set<object>();
  const visit = (node: unknown, depth: number): void => {
    if (!node || typeof node !== 'object' || depth > 400 || seen.has(node)) return;
    seen.add(node);
    const n = node as { k?: string; entries?: { key?: string; value: { k: string; fn?: Func } }[] };
    if (n.k === 'map' && Array.isArray(n.entries)) for (const e of n.entries) if (e.key === 'headers' && e.value.k === 'func' && e.value.fn) out.push(e.value.fn);
    for (const v of Object.values(node)) if (v && typeof v === 'object') visit(v, depth + 1);
  };
  visit(code.program.body, 0);
  return out;
}

const strOf = (v: Val | undefined) => (v?.k === 'str' ? v : undefined);
const entryOf = (m: MapV, key: string) => m.entries.find((e) => e.key === key);

function itemOf(v: Val, options: ConfigEntry['options']): HeaderItem | undefined {
  if (v.k !== 'map') return undefined;
  const k = entryOf(v, 'key');
  const val = entryOf(v, 'value');
  for (const e of [k, val]) if (e?.keySpan && e.key) options.push({ name: e.key, span: e.keySpan });
  const key = strOf(k?.value);
  if (!key || !val) return undefined;
  const s = strOf(val.value);
  // `:param` names of the source are filled in from the path: such a value is known only at run time
  const dynamic = !!s && hasPathParam(s.value);
  const exact = !!s?.lit?.verbatim && s.lit === val.entry.value;
  return {
    key: key.value,
    keySpan: key.lit?.verbatim ? key.lit.inner : key.at.span,
    value: s && !dynamic ? { text: s.value, span: exact ? s.lit!.inner : val.entry.value.span, exact } : undefined,
    valueAt: val.entry.value.span,
    span: v.at.span,
  };
}

function entryFrom(v: Val): ConfigEntry | undefined {
  if (v.k !== 'map') return undefined;
  const options: ConfigEntry['options'] = [];
  for (const e of v.entries) if (e.key && e.keySpan && ['source', 'headers', 'has', 'missing'].includes(e.key)) options.push({ name: e.key, span: e.keySpan });
  const hs = entryOf(v, 'headers')?.value;
  const items = hs?.k === 'list' ? hs.items.map((i) => itemOf(i, options)).filter((i): i is HeaderItem => !!i) : [];
  return {
    span: v.at.span,
    source: strOf(entryOf(v, 'source')?.value)?.value,
    conditional: !!entryOf(v, 'has') || !!entryOf(v, 'missing') || v.open,
    items,
    options,
  };
}

/** Every entry the config's `headers()` returns, in order. */
export function configEntries(code: Code): ConfigEntry[] {
  const out: ConfigEntry[] = [];
  for (const fn of headersFunctions(code)) {
    const env = envOf(code, fn);
    walkFunc(fn, (node) => {
      if (node.expr || node.stmt.k !== 'return' || !node.stmt.value) return;
      const list = evaluate(node.stmt.value, env);
      if (list.k !== 'list') return;
      for (const it of list.items) {
        const e = entryFrom(it);
        if (e) out.push(e);
      }
    });
  }
  return out;
}
