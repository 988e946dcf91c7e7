/**
 * Following names to values on the tree, for the fixes (fix.ts): which names are reassigned, and the constant
 * value an identifier stands for.
 */
import type { Node } from '../../syntax/treeSitter.js';
import { unwrap } from './literals.js';
import { findBinding, parentOf } from './scopes.js';
import { identifiersNamed } from './textSearch.js';

/** Names assigned to anywhere in the file (so that `let`/`var` values are not trusted). Computed on
 *  first use: most files never ask. With the file text, each name is looked up on its own: its occurrences
 *  are found in the text and checked on the tree (the same answer as the walk over every assignment). */
export function reassignedNames(root: Node, text?: string): { has(name: string): boolean } {
  if (text !== undefined) {
    const known = new Map<string, boolean>();
    return {
      has(name: string): boolean {
        let r = known.get(name);
        if (r === undefined) {
          r = identifiersNamed(root, text, name, 'identifier').some((id) => {
            const a = parentOf(id);
            if (!a) return false;
            const field = a.type === 'assignment_expression' || a.type === 'augmented_assignment_expression' ? 'left' : a.type === 'update_expression' ? 'argument' : undefined;
            return !!field && !!a.childForFieldName(field)?.equals(id);
          });
          known.set(name, r);
        }
        return r;
      },
    };
  }
  let names: Set<string> | undefined;
  return {
    has(name: string): boolean {
      if (!names) {
        names = new Set();
        for (const a of root.descendantsOfType(['assignment_expression', 'augmented_assignment_expression', 'update_expression'])) {
          if (!a) continue;
          const left = a.childForFieldName('left') ?? a.childForFieldName('argument');
          if (left?.type === 'identifier') names.add(left.text);
        }
      }
      return names.has(name);
    },
  };
}

export interface Resolver {
  reassigned: { has(name: string): boolean };
}

/** Follow identifiers to the value of a constant (`const`, or `let`/`var` never reassigned). */
export function resolveValue(node: Node | null | undefined, r: Resolver, depth = 0): Node | undefined {
  const n = unwrap(node);
  if (!n || depth > 6) return n;
  if (n.type !== 'identifier') return n;
  const b = findBinding(n.text, n);
  if (!b) return undefined;
  if (b.kind === 'function') return b.node;
  if (b.kind === 'const' || ((b.kind === 'let' || b.kind === 'var') && !r.reassigned.has(n.text))) {
    if (!b.value || b.prop !== undefined) return undefined;
    return resolveValue(b.value, r, depth + 1);
  }
  return undefined;
}
