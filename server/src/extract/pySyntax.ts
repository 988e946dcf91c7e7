/** Tree-sitter Python helpers the Python extractors share (Flask, Django, Starlette): children, parents
 *  (cached), spans, and Python string literals for fixes. */
import type { Node } from '../syntax/treeSitter.js';
import type { Span } from '../model/index.js';

export const spanOf = (n: Node): Span => ({ start: n.startIndex, end: n.endIndex });

/** Named children, comments left out. */
export { kids as namedChildren } from '../code/adapt/common.js';

// `node.parent` is computed by web-tree-sitter on every access: remember the answers during one analysis.
let parentCache = new Map<number, Node>();
export function resetParentCache(): void {
  parentCache = new Map();
}
export function parentOf(n: Node | null | undefined): Node | null {
  if (!n) return null;
  const c = parentCache.get(n.id);
  if (c) return c;
  const p = n.parent;
  if (p) parentCache.set(n.id, p);
  return p;
}

/** Quote a value as a Python string literal with the given quote character. */
export function pyQuote(value: string, quote: '"' | "'" = '"'): string {
  return quote + escapeFor(value, quote) + quote;
}
export function escapeFor(value: string, quote: string): string {
  let out = '';
  for (const ch of value) {
    if (ch === '\\') out += '\\\\';
    else if (ch === quote) out += '\\' + quote;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else out += ch;
  }
  return out;
}
