/**
 * Finding nodes from the file text: whole-word searches for names, each hit confirmed on the tree, and the
 * document order in which a walk over the tree lists nodes.
 */
import type { Node } from '../../syntax/treeSitter.js';

/** Document pre-order of nodes (the order of `descendantsOfType`): by start, the enclosing one first. */
export function preorder(a: Node, b: Node): number {
  return a.startIndex - b.startIndex || b.endIndex - a.endIndex;
}

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Whole-word occurrences of any of the names (JavaScript identifier characters count as word characters). */
export const wordRe = (names: string[]): RegExp => new RegExp(`(?<![\\w$])(?:${names.map(escapeRe).join('|')})(?![\\w$])`, 'g');

/** Nodes of `type` (identifier / property_identifier) whose whole text is one of `names`, found by a text
 *  search and confirmed on the tree. `skip` drops an occurrence on its text alone. */
export function identifiersNamed(
  root: Node,
  text: string,
  names: string | Iterable<string>,
  type: string,
  skip?: (word: string, end: number) => boolean,
): Node[] {
  const list = typeof names === 'string' ? [names] : [...names];
  if (!list.length) return [];
  const re = wordRe(list);
  const out: Node[] = [];
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const end = m.index + m[0].length;
    if (skip?.(m[0], end)) continue;
    const n = root.descendantForIndex(m.index, end);
    if (n && n.type === type && n.startIndex === m.index && n.endIndex === end) out.push(n);
  }
  return out;
}
