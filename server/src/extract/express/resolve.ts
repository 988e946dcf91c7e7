/**
 * Following names to values: which names are reassigned, which objects are changed after their declaration,
 * and the constant value an identifier stands for.
 */
import type { Node } from '../../syntax/treeSitter.js';
import type { Code } from '../../code/index.js';
import { callArgs } from './calls.js';
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

const MUTATING_CALLS = new Set(['Object.assign', 'Object.defineProperty']);

/** Objects changed after their declaration: `opts.origin = ...`, `opts['x'] = ...`, Object.assign(opts, ...).
 *  Each name is looked up on its own, from its occurrences in the text. */
export function mutatedObjects(root: Node, text: string): { has(name: string): boolean } {
  const known = new Map<string, boolean>();
  const mutatedAt = (id: Node): boolean => {
    // the root of the left side of an assignment to a member: opts.a.b = ..., opts['x'] += ...
    let cur = id;
    let p = parentOf(cur);
    while (p && (p.type === 'member_expression' || p.type === 'subscript_expression') && p.childForFieldName('object')?.equals(cur)) {
      cur = p;
      p = parentOf(cur);
    }
    if (cur !== id && p && (p.type === 'assignment_expression' || p.type === 'augmented_assignment_expression') && p.childForFieldName('left')?.equals(cur)) return true;
    // the first argument of Object.assign / Object.defineProperty
    const args = parentOf(id);
    if (args?.type !== 'arguments') return false;
    const call = parentOf(args);
    if (call?.type !== 'call_expression' || !MUTATING_CALLS.has(call.childForFieldName('function')?.text ?? '')) return false;
    return !!callArgs(call)[0]?.equals(id);
  };
  return {
    has(name: string): boolean {
      let r = known.get(name);
      if (r === undefined) {
        r = identifiersNamed(root, text, name, 'identifier').some(mutatedAt);
        known.set(name, r);
      }
      return r;
    },
  };
}

export interface Resolver {
  reassigned: { has(name: string): boolean };
}

/** What the library part reads a file with: the tree-side resolver, and the engine's analysis of the file
 *  (origin callbacks are read on it). */
export interface LibCtx extends Resolver {
  code: Code;
  root: Node;
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
