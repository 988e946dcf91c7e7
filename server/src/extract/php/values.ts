/**
 * Values for the PHP extractor: global and class constants, `$this->prop` defaults, and what an expression
 * holds once variables and constants are followed — string literals and arrays of them.
 */
import type { Valued } from '../../model/index.js';
import type { Node } from '../../syntax/treeSitter.js';
import { PhpBindings, SUPERGLOBALS, varName } from './bindings.js';
import { callArgs, callName, literalText } from './strings.js';

const IDENT_CHAR = /[A-Za-z0-9_\u0080-\uffff]/;

/** Offsets of `needle` in `text[start, end)` that are not part of a longer identifier. */
function occurrences(text: string, needle: string, start: number, end: number, caseInsensitive = false): number[] {
  const out: number[] = [];
  const hay = caseInsensitive ? text.toLowerCase() : text;
  const nd = caseInsensitive ? needle.toLowerCase() : needle;
  for (let i = hay.indexOf(nd, start); i !== -1 && i + nd.length <= end; i = hay.indexOf(nd, i + 1)) {
    const after = text[i + nd.length];
    const before = text[i - 1];
    if (after !== undefined && IDENT_CHAR.test(after)) continue;
    if (needle[0] !== '$' && before !== undefined && (IDENT_CHAR.test(before) || before === '$')) continue;
    out.push(i);
    if (out.length > 5000) break;
  }
  return out;
}

const CLASS_LIKE = new Set(['class_declaration', 'trait_declaration', 'enum_declaration', 'interface_declaration']);

export function enclosingClassNode(n: Node): Node | undefined {
  for (let cur: Node | null = n.parent; cur; cur = cur.parent) if (CLASS_LIKE.has(cur.type)) return cur;
  return undefined;
}

export function enclosingClass(n: Node): string | undefined {
  return enclosingClassNode(n)?.childForFieldName('name')?.text;
}

/** Constants, property defaults and literal values, on top of the variable bindings. */
export class PhpValues extends PhpBindings {
  private constCache = new Map<string, Node | null>();
  private classCache = new Map<string, Node | null>();

  /** A global constant: `const NAME = ...;` outside classes, or `define('NAME', ...)`, defined once. */
  private constant(name: string): Node | undefined {
    if (this.constCache.has(name)) return this.constCache.get(name) ?? undefined;
    const defs: Node[] = [];
    for (const off of occurrences(this.text, name, 0, this.text.length)) {
      const n = this.at(off, off + name.length);
      if (!n) continue;
      if (n.type === 'name' && n.parent?.type === 'const_element' && !enclosingClass(n)) {
        const value = n.parent.namedChildren.filter((c) => c.id !== n.id).at(-1);
        if (value) defs.push(value);
      } else if (n.type === 'string_content' && n.text === name) {
        const call = n.parent?.parent?.parent?.parent;
        if (call && callName(call) === 'define') {
          const [k, v] = callArgs(call);
          if (k && v && k.id === n.parent!.id) defs.push(v);
        }
      }
    }
    const v = defs.length === 1 ? defs[0] : null;
    this.constCache.set(name, v);
    return v ?? undefined;
  }

  /** The declaration of class `name` in this file (once). */
  private classNode(name: string): Node | undefined {
    if (this.classCache.has(name)) return this.classCache.get(name) ?? undefined;
    const found: Node[] = [];
    for (const off of occurrences(this.text, name, 0, this.text.length)) {
      const n = this.at(off, off + name.length);
      const p = n?.parent;
      if (n?.type === 'name' && p && CLASS_LIKE.has(p.type) && p.childForFieldName('name')?.id === n.id) found.push(p);
    }
    const v = found.length === 1 ? found[0] : null;
    this.classCache.set(name, v);
    return v ?? undefined;
  }

  private classConstant(cls: Node, name: string): Node | undefined {
    const defs: Node[] = [];
    for (const off of occurrences(this.text, name, cls.startIndex, cls.endIndex)) {
      const n = this.at(off, off + name.length);
      if (n?.type === 'name' && n.parent?.type === 'const_element') {
        const value = n.parent.namedChildren.filter((c) => c.id !== n.id).at(-1);
        if (value) defs.push(value);
      }
    }
    return defs.length === 1 ? defs[0] : undefined;
  }

  /** The default of `$this->prop` when the class never assigns the property. */
  private propertyDefault(cls: Node, prop: string): Node | undefined {
    let def: Node | undefined;
    for (const off of occurrences(this.text, '$' + prop, cls.startIndex, cls.endIndex)) {
      let n = this.at(off, off + prop.length + 1);
      if (n && n.type !== 'variable_name') n = n.parent;
      const el = n?.parent;
      if (el?.type === 'property_element' && el.childForFieldName('name')?.id === n!.id) def = el.childForFieldName('default_value') ?? undefined;
    }
    if (!def) return undefined;
    for (const off of occurrences(this.text, prop, cls.startIndex, cls.endIndex)) {
      if (this.text[off - 1] !== '>') continue;
      const n = this.at(off, off + prop.length);
      const m = n?.parent;
      if (m?.type !== 'member_access_expression') continue;
      let top: Node = m;
      while (top.parent?.type === 'subscript_expression' && top.parent.namedChildren[0]?.id === top.id) top = top.parent;
      const a = top.parent;
      if (a && /assignment_expression$/.test(a.type) && a.childForFieldName('left')?.id === top.id) return undefined;
      if (a?.type === 'update_expression') return undefined;
    }
    return def;
  }

  /** Follow variables, constants and `$this->prop` defaults to the expression they hold. */
  deref(n: Node | null | undefined, depth = 0): Node | undefined {
    if (!n || depth > 12) return undefined;
    switch (n.type) {
      case 'parenthesized_expression':
        return this.deref(n.namedChildren[0], depth + 1);
      case 'variable_name': {
        const name = varName(n);
        if (name && SUPERGLOBALS.has(name)) return n;
        const b = this.binding(n);
        const rhs = b?.assign?.childForFieldName('right');
        return rhs ? this.deref(rhs, depth + 1) : undefined;
      }
      case 'name': {
        const v = this.constant(n.text);
        return v ? this.deref(v, depth + 1) : n;
      }
      case 'qualified_name': {
        const last = n.namedChildren.filter((c) => c.type === 'name').at(-1);
        const v = last ? this.constant(last.text) : undefined;
        return v ? this.deref(v, depth + 1) : n;
      }
      case 'class_constant_access_expression': {
        const [scope, name] = n.namedChildren;
        if (!scope || !name) return n;
        let cls: Node | undefined;
        if (scope.type === 'relative_scope' || scope.text === 'self' || scope.text === 'static') cls = enclosingClassNode(n);
        else cls = this.classNode(scope.text.replace(/^.*\\/, ''));
        const v = cls ? this.classConstant(cls, name.text) : undefined;
        return v ? this.deref(v, depth + 1) : n;
      }
      case 'member_access_expression': {
        const obj = n.childForFieldName('object');
        const prop = n.childForFieldName('name');
        const cls = enclosingClassNode(n);
        if (obj && varName(obj) === 'this' && prop && cls) {
          const v = this.propertyDefault(cls, prop.text);
          if (v) return this.deref(v, depth + 1);
        }
        return n;
      }
    }
    return n;
  }

  /** A string literal value (through variables and constants). Span is inside the quotes of the literal. */
  literal(n: Node | null | undefined): Valued<string> | undefined {
    const d = this.deref(n);
    if (!d) return undefined;
    const t = literalText(d);
    return t ? { value: t.text, span: t.span } : undefined;
  }

  /** Elements of an array literal, as strings; undefined unless every element is a string literal. */
  arrayValues(n: Node | null | undefined): Valued<string>[] | undefined {
    return this.arrayFirstParts(n, 1);
  }

  /** Keys of an array literal `['https://a.com' => true, ...]`; undefined unless all keys are strings. */
  arrayKeys(n: Node | null | undefined): Valued<string>[] | undefined {
    return this.arrayFirstParts(n, 2);
  }

  /** The first part of every element of an array literal whose elements all have `parts` parts (1: value,
   *  2: key => value), as strings; undefined unless each first part is a string literal. */
  private arrayFirstParts(n: Node | null | undefined, parts: 1 | 2): Valued<string>[] | undefined {
    const d = this.deref(n);
    if (!d || d.type !== 'array_creation_expression') return undefined;
    const out: Valued<string>[] = [];
    for (const el of d.namedChildren) {
      if (el.type !== 'array_element_initializer') continue;
      const kids = el.namedChildren;
      if (kids.length !== parts) return undefined;
      const v = this.literal(kids[0]);
      if (!v) return undefined;
      out.push(v);
    }
    return out;
  }

  /** The list a `foreach` value variable iterates over, when it is bound only there. */
  foreachList(v: Node): Node | undefined {
    if (v.type !== 'variable_name') return undefined;
    const b = this.binding(v);
    return b?.foreachOf;
  }
}
