/**
 * Variable bindings for the PHP extractor: which assignment a variable holds at a given point (only when it
 * is bound exactly once in its scope, or inherited by a closure), located in the text and confirmed in the
 * syntax tree. The layers built on it: values.ts (constants, literals), origin.ts (where the request Origin
 * flows), conditions.ts (what a condition proves; `PhpNames`, the class the extractor uses).
 */
import type { Node } from '../../syntax/treeSitter.js';
import { callArgs, callName } from './strings.js';

const FUNCTION_LIKE = new Set(['function_definition', 'method_declaration', 'anonymous_function', 'arrow_function']);
export function isFunctionLike(n: Node): boolean {
  return FUNCTION_LIKE.has(n.type);
}

/** How a variable gets its value in one scope. */
interface Binding {
  /** The assignment node for a plain `$x = expr`; undefined for any other binding (foreach, global, +=, params ...). */
  assign?: Node;
  /** For `foreach ($list as $x)`: the iterated expression. */
  foreachOf?: Node;
  at: number;
}

export function varName(n: Node): string | undefined {
  if (n.type !== 'variable_name') return undefined;
  const nm = n.namedChildren.find((c) => c.type === 'name');
  return nm?.text;
}

/** The scope node (program or function-like) that owns the variables of `n`. */
export function scopeNodeOf(n: Node): Node {
  let last = n;
  for (let cur: Node | null = n.parent; cur; cur = cur.parent) {
    if (FUNCTION_LIKE.has(cur.type) || cur.type === 'program') return cur;
    last = cur;
  }
  return last;
}

export const SUPERGLOBALS = new Set(['_SERVER', '_GET', '_POST', '_REQUEST', '_COOKIE', '_ENV', '_FILES', '_SESSION', 'GLOBALS', 'this']);

/**
 * Names in one PHP file, resolved on demand: the occurrences of a variable or constant are located in the
 * text and confirmed in the syntax tree (no walk over the whole tree — big files stay cheap).
 */
export class PhpBindings {
  private bindingCache = new Map<string, Binding[]>();
  private varIndex?: Map<string, number[]>;

  constructor(
    readonly root: Node,
    readonly text: string,
  ) {}

  protected at(start: number, end: number): Node | null {
    return this.root.descendantForIndex(start, end);
  }

  /** Variables a closure takes from its parent scope by value. */
  private inherits(scope: Node, name: string): boolean {
    if (scope.type === 'arrow_function') return true;
    if (scope.type !== 'anonymous_function') return false;
    const use = scope.namedChildren.find((c) => c.type === 'anonymous_function_use_clause');
    if (!use) return false;
    for (const v of use.namedChildren) {
      if (v.type === 'variable_name' && varName(v) === name) return true;
    }
    return false;
  }

  /** How the occurrence `v` of a variable binds it, or undefined when it only reads it. */
  private classify(v: Node): { binding: Binding; scope?: Node } | undefined {
    const p = v.parent;
    if (!p) return undefined;
    const at = v.startIndex;
    const leftOf = (n: Node, parent: Node | null) => {
      const l = parent?.childForFieldName('left');
      return !!l && l.id === n.id;
    };
    switch (p.type) {
      case 'assignment_expression':
        if (leftOf(v, p)) return { binding: { assign: p, at: p.startIndex } };
        return undefined;
      case 'reference_assignment_expression':
      case 'augmented_assignment_expression':
        return leftOf(v, p) ? { binding: { at: p.startIndex } } : undefined;
      case 'update_expression':
      case 'global_declaration':
      case 'static_variable_declaration':
      case 'catch_clause':
      case 'simple_parameter':
      case 'variadic_parameter':
      case 'property_promotion_parameter':
      case 'by_ref':
        return { binding: { at } };
      case 'anonymous_function_use_clause':
        // `use (&$x)`: the closure may change the parent's variable.
        if (p.text.includes('&')) return { binding: { at }, scope: p.parent ? scopeNodeOf(p.parent) : undefined };
        return undefined;
      case 'foreach_statement': {
        const iter = p.namedChildren[0];
        if (iter && iter.id !== v.id) return { binding: { foreachOf: iter, at: p.startIndex } };
        return undefined;
      }
      case 'pair': {
        const gp = p.parent;
        if (gp?.type === 'foreach_statement') {
          const [key, val] = p.namedChildren;
          if (val && val.id === v.id) return { binding: { foreachOf: gp.namedChildren[0], at: gp.startIndex } };
          if (key && key.id === v.id) return { binding: { at: gp.startIndex } };
        }
        break;
      }
      case 'argument': {
        // Functions that fill a variable passed by reference.
        const call = p.parent?.parent;
        const cn = call ? callName(call) : undefined;
        if (call && cn && ['preg_match', 'preg_match_all', 'parse_str', 'settype', 'array_push', 'array_unshift', 'array_splice', 'sort', 'shuffle'].includes(cn)) {
          const args = callArgs(call);
          const idx = args.findIndex((a) => a.id === v.id);
          const byRef = cn === 'preg_match' || cn === 'preg_match_all' ? idx >= 2 : cn === 'parse_str' ? idx >= 1 : idx === 0;
          if (byRef) return { binding: { at } };
        }
        return undefined;
      }
    }
    // `$x[...] = ...`, `[$a, $b] = ...`, `list($a) = ...`, `foreach ($l as [$a, $b])`
    let cur: Node = v;
    for (let up: Node | null = p; up; cur = up, up = up.parent) {
      if (up.type === 'subscript_expression' || up.type === 'member_access_expression') {
        if (up.namedChildren[0]?.id !== cur.id) return undefined;
        continue;
      }
      if (up.type === 'list_literal' || up.type === 'array_creation_expression' || up.type === 'array_element_initializer' || up.type === 'pair') continue;
      if (up.type === 'assignment_expression' || up.type === 'reference_assignment_expression' || up.type === 'augmented_assignment_expression') {
        return leftOf(cur, up) ? { binding: { at: up.startIndex } } : undefined;
      }
      if (up.type === 'foreach_statement') return up.namedChildren[0]?.id !== cur.id ? { binding: { at: up.startIndex } } : undefined;
      if (up.type === 'update_expression') return { binding: { at: up.startIndex } };
      return undefined;
    }
    return undefined;
  }

  /** Offsets of every `$name` in the text (one pass over the file, on first use). */
  protected varOffsets(name: string): number[] {
    if (!this.varIndex) {
      this.varIndex = new Map();
      const re = /\$([A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)/g;
      for (let m = re.exec(this.text); m; m = re.exec(this.text)) {
        let list = this.varIndex.get(m[1]);
        if (!list) this.varIndex.set(m[1], (list = []));
        list.push(m.index);
      }
    }
    return this.varIndex.get(name) ?? [];
  }

  /** Every binding of `$name` in one scope (located in the text, confirmed in the tree). */
  private bindingsIn(scope: Node, name: string): Binding[] {
    const key = `${scope.id}:${name}`;
    const hit = this.bindingCache.get(key);
    if (hit) return hit;
    const out: Binding[] = [];
    // A by-reference capture in a closure inside this scope also binds it: search the whole scope.
    for (const off of this.varOffsets(name)) {
      if (off < scope.startIndex || off >= scope.endIndex) continue;
      let n = this.at(off, off + name.length + 1);
      if (n && n.type !== 'variable_name') n = n.parent;
      if (!n || n.type !== 'variable_name' || n.startIndex !== off) continue;
      const c = this.classify(n);
      if (!c) continue;
      const owner = c.scope ?? scopeNodeOf(n);
      if (owner.id !== scope.id) continue;
      out.push(c.binding);
    }
    this.bindingCache.set(key, out);
    return out;
  }

  /** The one binding of a variable visible at `v`, when there is exactly one (else undefined). */
  protected binding(v: Node): Binding | undefined {
    const name = varName(v);
    if (!name || SUPERGLOBALS.has(name)) return undefined;
    let scope: Node = scopeNodeOf(v);
    let at = v.startIndex;
    for (let guard = 0; guard < 20; guard++) {
      const list = this.bindingsIn(scope, name);
      if (list.length > 0) {
        if (list.length !== 1) return undefined;
        const b = list[0];
        if (b.at >= at) return undefined;
        if (b.assign && b.assign.startIndex <= v.startIndex && v.endIndex <= b.assign.endIndex) return undefined;
        return b;
      }
      if (!this.inherits(scope, name) || !scope.parent) return undefined;
      at = scope.startIndex;
      scope = scopeNodeOf(scope);
    }
    return undefined;
  }
}
