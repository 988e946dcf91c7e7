/**
 * Parent links on the tree (cached per analysis) and a function's name as written, for what is still read on
 * the tree: half-typed library calls (libCalls.ts, recover.ts), the fixes' edits (fix.ts) and a hand-written
 * handler's label (handWritten.ts). Names are resolved by the engine (code/bindings.ts).
 */
import type { Node } from '../../syntax/treeSitter.js';

// Per-analysis caches keyed by node id (ids are unique within one tree). Cleared by resetCaches() at the
// start of every extract/renderFix call; extraction is synchronous, so one analysis owns them at a time.
let parentCache = new Map<number, Node | null>();

export function resetCaches(): void {
  parentCache = new Map();
}

/** `node.parent`, cached: tree-sitter finds a parent by descending from the root, which is slow in big
 *  files, and the same ancestors are asked for again and again. */
export function parentOf(n: Node): Node | null {
  let p = parentCache.get(n.id);
  if (p === undefined) {
    p = n.parent;
    parentCache.set(n.id, p);
  }
  return p;
}

/** Name of a function: declaration name, or the variable / property it is assigned to. */
export function functionName(fn: Node): string | undefined {
  const own = fn.childForFieldName('name');
  if (own) return own.text;
  const p = parentOf(fn);
  if (p?.type === 'variable_declarator') return p.childForFieldName('name')?.text;
  if (p?.type === 'pair') return p.childForFieldName('key')?.text;
  if (p?.type === 'assignment_expression') return p.childForFieldName('left')?.text;
  return undefined;
}
