/**
 * A small, tolerant view over `yaml` (eemeli) 2.x: a document as plain nodes (maps with their keys, lists,
 * scalars) that all keep their spans. Offsets are string indices into the text (UTF-16, as LSP wants).
 * Aliases, tags and anything the parser could not read become `unknown`. Never throws.
 */
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseAllDocuments, parseDocument, type Node as YNode } from 'yaml';
import type { Span } from '../model/index.js';

export type YamlNode =
  /** `value` as YAML reads it (string, number, boolean, null); `inner` = the characters between the quotes
   *  (the whole scalar when plain); `verbatim` when `inner` is exactly the value (no escapes, one line). */
  | { k: 'scalar'; span: Span; value: string | number | boolean | null; inner: Span; verbatim: boolean; style: 'plain' | 'single' | 'double' | 'block' }
  | { k: 'seq'; span: Span; items: YamlNode[]; flow: boolean }
  | { k: 'map'; span: Span; pairs: YamlPair[]; flow: boolean }
  | { k: 'unknown'; span: Span };

export interface YamlPair {
  key: string;
  keySpan: Span;
  /** Undefined: `key:` with nothing after it (YAML null). */
  value?: YamlNode;
  /** From the key to the end of the value. */
  span: Span;
}

export interface YamlDocument {
  root?: YamlNode;
  errors: string[];
}

function spanOf(n: YNode | null | undefined): Span | undefined {
  const r = n?.range;
  return r ? { start: r[0], end: r[1] } : undefined;
}

function convert(n: unknown, text: string, depth = 0): YamlNode | undefined {
  if (n == null) return undefined;
  const node = n as YNode;
  const span = spanOf(node) ?? { start: 0, end: 0 };
  if (depth > 64 || isAlias(node)) return { k: 'unknown', span };
  // An application tag (`!php/const App\\Cors::MAX_AGE`): its value is computed elsewhere.
  if (node.tag && !node.tag.startsWith('tag:yaml.org,2002:')) return { k: 'unknown', span };
  if (isScalar(node)) {
    const v = node.value;
    const value = typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v === null ? v : String(v);
    const t = node.type;
    const style = t === 'QUOTE_SINGLE' ? 'single' : t === 'QUOTE_DOUBLE' ? 'double' : t === 'PLAIN' || t === undefined ? 'plain' : 'block';
    const quoted = style === 'single' || style === 'double';
    const inner = quoted ? { start: span.start + 1, end: Math.max(span.start + 1, span.end - 1) } : span;
    const raw = text.slice(inner.start, inner.end);
    const verbatim = style !== 'block' && typeof value === 'string' && raw === value;
    return { k: 'scalar', span, value, inner, verbatim, style };
  }
  if (isSeq(node)) {
    const items: YamlNode[] = [];
    for (const i of node.items) items.push(convert(i, text, depth + 1) ?? { k: 'unknown', span });
    return { k: 'seq', span, items, flow: !!node.flow };
  }
  if (isMap(node)) {
    const pairs: YamlPair[] = [];
    for (const p of node.items) {
      if (!isScalar(p.key) || typeof p.key.value !== 'string' && typeof p.key.value !== 'number') continue;
      const keySpan = spanOf(p.key)!;
      const kq = p.key.type === 'QUOTE_SINGLE' || p.key.type === 'QUOTE_DOUBLE';
      const value = convert(p.value, text, depth + 1);
      pairs.push({
        key: String(p.key.value),
        keySpan: kq ? { start: keySpan.start + 1, end: keySpan.end - 1 } : keySpan,
        value,
        span: { start: keySpan.start, end: value ? value.span.end : keySpan.end },
      });
    }
    return { k: 'map', span, pairs, flow: !!node.flow };
  }
  return { k: 'unknown', span };
}

export function parseYaml(text: string): YamlDocument {
  try {
    const doc = parseDocument(text, { lineCounter: new LineCounter(), prettyErrors: false, uniqueKeys: false, strict: false });
    return { root: convert(doc.contents, text), errors: doc.errors.map((e) => e.message) };
  } catch (e) {
    return { errors: [e instanceof Error ? e.message : String(e)] };
  }
}

/** The value of `key` in a map node (the last one, as Symfony's loader keeps). */
export function pairOf(map: YamlNode | undefined, key: string): YamlPair | undefined {
  if (map?.k !== 'map') return undefined;
  let hit: YamlPair | undefined;
  for (const p of map.pairs) if (p.key === key) hit = p;
  return hit;
}

/** A YAML single-quoted scalar. */
export const yamlQuote = (s: string): string => "'" + s.replace(/'/g, "''") + "'";

/** Every document of a multi-document stream (`---`), each as parseYaml reads one. Never throws. */
export function parseYamlAll(text: string): YamlDocument[] {
  try {
    return parseAllDocuments(text, { prettyErrors: false, uniqueKeys: false, strict: false }).map((doc) => ({
      root: convert(doc.contents, text),
      errors: doc.errors.map((e) => e.message),
    }));
  } catch (e) {
    return [{ errors: [e instanceof Error ? e.message : String(e)] }];
  }
}

/** A Kubernetes-style resource document: `kind` equal to `kind`, `apiVersion` matching `api`. */
export function isResource(root: YamlNode | undefined, kind: string, api: RegExp): boolean {
  const k = pairOf(root, 'kind')?.value;
  const a = pairOf(root, 'apiVersion')?.value;
  return k?.k === 'scalar' && k.value === kind && a?.k === 'scalar' && api.test(String(a.value));
}
