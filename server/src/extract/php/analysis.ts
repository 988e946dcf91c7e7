/**
 * Name resolution and condition reading for the PHP extractor: which value a variable or constant holds
 * (only when it is assigned exactly once), where the request Origin flows, and what an `if` condition
 * proves about the Origin (allowlist, regex, substring ...) or about the request method (OPTIONS).
 */
import type { OriginCheck, Valued } from '../../model/index.js';
import type { Node } from '../../syntax/treeSitter.js';
import { callArgs, callName, keyText, literalText, methodName } from './strings.js';

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

function varName(n: Node): string | undefined {
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
export type OriginCheckResult =
  /** The condition says nothing about the Origin. */
  | { kind: 'silent' }
  /** It mentions the Origin but does not restrict it (presence test, negated allowlist ...). */
  | { kind: 'none' }
  | { kind: 'check'; check: OriginCheck };

export interface OriginSource {
  via: string;
  /** A check built into the expression (`in_array($o, $l) ? $o : 'x'`). */
  check?: OriginCheck;
}

const SUPERGLOBALS = new Set(['_SERVER', '_GET', '_POST', '_REQUEST', '_COOKIE', '_ENV', '_FILES', '_SESSION', 'GLOBALS', 'this']);
/** Names of helper functions that may check the Origin internally. */
const SUSPICIOUS_CALL = /origin|cors|allow|trust|whitelist|valid|permit|referr?er/i;
/** Functions that pass the Origin through (the result is still the request's Origin). */
const PASS_THROUGH = new Set(['trim', 'rtrim', 'ltrim', 'strtolower', 'htmlspecialchars', 'htmlentities', 'strip_tags', 'urldecode', 'rawurldecode', 'stripslashes', 'addslashes', 'strval', 'filter_var']);
/** Functions that only test presence or shape, never which origin it is. */
const PRESENCE = new Set(['isset', 'empty', 'is_string', 'strlen', 'mb_strlen', 'is_null', 'filter_var', 'trim']);

/**
 * Names in one PHP file, resolved on demand: the occurrences of a variable or constant are located in the
 * text and confirmed in the syntax tree (no walk over the whole tree — big files stay cheap).
 */
export class PhpNames {
  private bindingCache = new Map<string, Binding[]>();
  private varIndex?: Map<string, number[]>;
  private originVars = new Map<string, boolean>();
  private constCache = new Map<string, Node | null>();
  private classCache = new Map<string, Node | null>();

  constructor(
    readonly root: Node,
    readonly text: string,
  ) {}

  private at(start: number, end: number): Node | null {
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
  private varOffsets(name: string): number[] {
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

  /** Cheap text test: can `n` involve the request Origin (directly or through variables it reads)? A
   *  "no" is final; a "yes" is confirmed on the tree. */
  private mayMentionOrigin(n: Node): boolean {
    return this.textMayMentionOrigin(n.text, 0);
  }

  private textMayMentionOrigin(t: string, depth: number): boolean {
    if (/origin/i.test(t)) return true;
    if (depth > 6) return false;
    for (const m of t.matchAll(/\$([A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*)/g)) {
      if (this.varMayMentionOrigin(m[1], depth + 1)) return true;
    }
    return false;
  }

  /** Whether some assignment `$name = ...` in the file has a right side that may involve the Origin. */
  private varMayMentionOrigin(name: string, depth: number): boolean {
    if (SUPERGLOBALS.has(name)) return false;
    const hit = this.originVars.get(name);
    if (hit !== undefined) return hit;
    this.originVars.set(name, false); // cycles: `$a = $b; $b = $a;`
    let r = false;
    for (const off of this.varOffsets(name)) {
      const after = this.text.slice(off + name.length + 1, off + name.length + 1 + 800);
      const m = /^\s*(?:\?\?=|\.=|=(?![=>]))([^;]*)/.exec(after);
      if (m && this.textMayMentionOrigin(m[1], depth)) {
        r = true;
        break;
      }
    }
    this.originVars.set(name, r);
    return r;
  }

  /** A condition leaf that is a variable we cannot resolve (`if ($allowed)` after a loop that sets it):
   *  it may well be an origin check, so the condition counts as an unknown check. */
  private opaqueFlag(n: Node | null | undefined, depth = 0): boolean {
    if (!n || depth > 12) return false;
    switch (n.type) {
      case 'parenthesized_expression':
        return this.opaqueFlag(n.namedChildren[0], depth + 1);
      case 'unary_op_expression':
        return n.child(0)?.type === '!' && this.opaqueFlag(n.namedChildren[0], depth + 1);
      case 'binary_expression': {
        const op = n.childForFieldName('operator')?.type ?? '';
        const l = n.childForFieldName('left');
        const r = n.childForFieldName('right');
        if (['&&', '||', 'and', 'or', 'xor'].includes(op)) return this.opaqueFlag(l, depth + 1) || this.opaqueFlag(r, depth + 1);
        if (['===', '==', '!==', '!=', '<>'].includes(op) && l && r) {
          const lit = (x: Node) => ['boolean', 'integer', 'null'].includes(x.type);
          if (lit(r)) return this.opaqueFlag(l, depth + 1);
          if (lit(l)) return this.opaqueFlag(r, depth + 1);
        }
        return false;
      }
      case 'variable_name': {
        const name = varName(n);
        if (!name || SUPERGLOBALS.has(name)) return false;
        const b = this.binding(n);
        const rhs = b?.assign?.childForFieldName('right');
        if (!rhs) return true;
        return this.opaqueFlag(rhs, depth + 1);
      }
      case 'function_call_expression':
      case 'member_call_expression':
      case 'nullsafe_member_call_expression':
      case 'scoped_call_expression': {
        // A helper of our own that may read the Origin itself: isAllowedOrigin(), $cors->check() ...
        // The callee as written, without the arguments: `isAllowedOrigin`, `$this->cors->check`.
        const args = n.childForFieldName('arguments');
        const callee = this.text.slice(n.startIndex, args ? args.startIndex : n.endIndex);
        return SUSPICIOUS_CALL.test(callee);
      }
    }
    return false;
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
  private binding(v: Node): Binding | undefined {
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

  // -------------------------------------------------------------------------------------------------
  // The request Origin

  /** Whether `n` evaluates to the request's Origin header (possibly with a fallback when it is absent). */
  originSource(n: Node | null | undefined, depth = 0): OriginSource | undefined {
    if (!n || depth > 12) return undefined;
    switch (n.type) {
      case 'parenthesized_expression':
        return this.originSource(n.namedChildren[0], depth + 1);
      case 'variable_name': {
        const b = this.binding(n);
        const rhs = b?.assign?.childForFieldName('right');
        return rhs ? this.originSource(rhs, depth + 1) : undefined;
      }
      case 'subscript_expression': {
        const [obj, key] = n.namedChildren;
        if (!obj || !key) return undefined;
        const k = keyText(this.deref(key) ?? key);
        if (varName(obj) === '_SERVER' && k === 'HTTP_ORIGIN') return { via: n.text };
        // getallheaders()['Origin'], apache_request_headers()['origin'], $request->getHeader('Origin')[0]
        const cn = callName(obj);
        if ((cn === 'getallheaders' || cn === 'apache_request_headers') && k?.toLowerCase() === 'origin') return { via: n.text };
        if (methodName(obj) === 'getheader' && this.isOriginName(callArgs(obj)[0])) return { via: n.text };
        return undefined;
      }
      case 'binary_expression': {
        const op = n.childForFieldName('operator')?.type;
        if (op === '??') {
          const s = this.originSource(n.childForFieldName('left'), depth + 1);
          if (s) return s;
        }
        return undefined;
      }
      case 'conditional_expression': {
        const cond = n.childForFieldName('condition');
        const body = n.childForFieldName('body');
        const alt = n.childForFieldName('alternative');
        if (!body) {
          // `$origin ?: '*'`
          return this.originSource(cond, depth + 1);
        }
        const s = this.originSource(body, depth + 1);
        if (!s || !cond) {
          // `cond ? '*' : $origin` — the origin is sent when cond is false.
          const s2 = this.originSource(alt, depth + 1);
          if (!s2 || !cond) return undefined;
          const r = this.checkOf(cond, false, depth + 1);
          return r.kind === 'check' ? { via: s2.via, check: r.check } : s2;
        }
        const r = this.checkOf(cond, true, depth + 1);
        return r.kind === 'check' ? { via: s.via, check: r.check } : s;
      }
      case 'function_call_expression': {
        const name = callName(n);
        const args = callArgs(n);
        if (name && PASS_THROUGH.has(name)) {
          if (name === 'filter_var') {
            // filter_var($o, FILTER_VALIDATE_URL) returns the origin or false; sanitize filters keep it.
            return this.originSource(args[0], depth + 1);
          }
          return this.originSource(args[0], depth + 1);
        }
        if (name === 'filter_input') {
          const [type, key] = args;
          if (type?.text === 'INPUT_SERVER' && this.literal(key)?.value === 'HTTP_ORIGIN') return { via: n.text };
        }
        return undefined;
      }
      case 'member_call_expression':
      case 'nullsafe_member_call_expression': {
        const m = methodName(n);
        const args = callArgs(n);
        // Symfony $request->headers->get('Origin'), Laravel $request->header('Origin'),
        // PSR-7 $request->getHeaderLine('Origin'), $request->server('HTTP_ORIGIN').
        if ((m === 'get' || m === 'header' || m === 'getheaderline') && args.length >= 1 && this.isOriginName(args[0])) {
          if (m === 'get') {
            const obj = n.childForFieldName('object');
            const on = obj?.childForFieldName('name')?.text;
            if (on === 'headers') return { via: n.text };
            if (on === 'server' && this.literal(args[0])?.value === 'HTTP_ORIGIN') return { via: n.text };
            return undefined;
          }
          if (m === 'header' && args.length > 1 && !this.literal(args[1])) return undefined;
          return { via: n.text };
        }
        if (m === 'server' && this.literal(args[0])?.value === 'HTTP_ORIGIN') return { via: n.text };
        if (m === 'get') {
          const obj = n.childForFieldName('object');
          if (obj?.childForFieldName('name')?.text === 'server' && this.literal(args[0])?.value === 'HTTP_ORIGIN') return { via: n.text };
        }
        return undefined;
      }
    }
    return undefined;
  }

  private isOriginName(n: Node | undefined): boolean {
    const v = n ? this.literal(n)?.value : undefined;
    return v !== undefined && (v.toLowerCase() === 'origin' || v === 'HTTP_ORIGIN');
  }

  /** Whether the expression reads the Origin anywhere inside. */
  mentionsOrigin(n: Node | null | undefined, depth = 0): boolean {
    if (!n || depth > 40) return false;
    if (depth === 0 && !this.mayMentionOrigin(n)) return false;
    if (this.originSource(n)) return true;
    if (n.type === 'variable_name') {
      const b = this.binding(n);
      const rhs = b?.assign?.childForFieldName('right');
      return rhs ? this.mentionsOrigin(rhs, depth + 1) : false;
    }
    if (FUNCTION_LIKE.has(n.type)) return false;
    for (const c of n.namedChildren) if (this.mentionsOrigin(c, depth + 1)) return true;
    return false;
  }

  /**
   * What `cond` (assumed true when `positive`, false otherwise) proves about the request Origin.
   */
  checkOf(cond: Node | null | undefined, positive: boolean, depth = 0): OriginCheckResult {
    if (!cond || depth > 16) return { kind: 'silent' };
    if (!this.mentionsOrigin(cond) && !this.opaqueFlag(cond)) return { kind: 'silent' };
    const r = this.checkInner(cond, positive, depth);
    return r;
  }

  private checkInner(n: Node, positive: boolean, depth: number): OriginCheckResult {
    const unknown: OriginCheckResult = { kind: 'check', check: { kind: 'unknown' } };
    switch (n.type) {
      case 'parenthesized_expression':
        return this.checkOf(n.namedChildren[0], positive, depth + 1);
      case 'unary_op_expression': {
        const op = n.child(0)?.type;
        if (op === '!') return this.checkOf(n.namedChildren[0], !positive, depth + 1);
        return unknown;
      }
      case 'variable_name': {
        if (this.originSource(n)) return { kind: 'none' }; // `if ($origin)`: presence only
        const b = this.binding(n);
        const rhs = b?.assign?.childForFieldName('right');
        return rhs ? this.checkOf(rhs, positive, depth + 1) : unknown;
      }
      case 'binary_expression': {
        const op = n.childForFieldName('operator')?.type ?? '';
        const l = n.childForFieldName('left');
        const r = n.childForFieldName('right');
        if (!l || !r) return unknown;
        if (op === '&&' || op === 'and' || op === '||' || op === 'or') {
          const conj = (op === '&&' || op === 'and') === positive;
          const a = this.checkOf(l, positive, depth + 1);
          const b = this.checkOf(r, positive, depth + 1);
          return conj ? andResult(a, b) : orResult(a, b);
        }
        if (op === '===' || op === '==' || op === '!==' || op === '!=' || op === '<>') {
          const pos = (op === '===' || op === '==') === positive;
          return this.comparison(l, r, pos, depth) ?? this.comparison(r, l, pos, depth) ?? unknown;
        }
        if (op === '>' || op === '>=' || op === '<' || op === '<=') {
          // preg_match(...) > 0, strpos(...) > -1 ...
          const lit = this.numberish(r);
          if (lit !== undefined && op === '>' && lit === '0') return this.checkOf(l, positive, depth + 1);
          return unknown;
        }
        if (op === '??') return unknown;
        return unknown;
      }
      case 'function_call_expression': {
        const name = callName(n) ?? '';
        const args = callArgs(n);
        const src = (i: number) => this.originSource(args[i]) !== undefined;
        if (PRESENCE.has(name) && args.length >= 1 && src(0)) return { kind: 'none' };
        if (name === 'isset' || name === 'empty') {
          // isset($map[$origin]) / !empty($map[$origin])
          const a = args[0];
          if (a?.type === 'subscript_expression') {
            const [obj, key] = a.namedChildren;
            if (key && this.originSource(key)) {
              const hit = (name === 'isset') === positive;
              if (!hit) return { kind: 'none' };
              return { kind: 'check', check: withEntries('exact', this.arrayKeys(obj)) };
            }
          }
          return unknown;
        }
        let kind: OriginCheck['kind'] | undefined;
        let entries: Valued<string>[] | undefined;
        if (name === 'in_array' && src(0)) {
          kind = 'exact';
          entries = this.arrayValues(args[1]);
        } else if (name === 'array_key_exists' && src(0)) {
          kind = 'exact';
          entries = this.arrayKeys(args[1]);
        } else if ((name === 'preg_match' || name === 'preg_match_all') && src(1)) {
          kind = 'regex';
          const p = this.literal(args[0]);
          const inner = p ? regexBody(p) : undefined;
          entries = inner ? [inner] : undefined;
        } else if (name === 'str_ends_with' && src(0)) {
          kind = 'suffix';
          entries = single(this.literal(args[1]));
        } else if (name === 'str_starts_with' && src(0)) {
          kind = 'prefix';
          entries = single(this.literal(args[1]));
        } else if ((name === 'str_contains' || name === 'strpos' || name === 'stripos' || name === 'strstr' || name === 'stristr') && src(0)) {
          kind = 'substring';
          entries = single(this.literal(args[1]));
        }
        if (kind) return positive ? { kind: 'check', check: withEntries(kind, entries) } : { kind: 'none' };
        return unknown;
      }
    }
    return unknown;
  }

  private numberish(n: Node): string | undefined {
    const d = this.deref(n) ?? n;
    if (d.type === 'integer') return d.text;
    if (d.type === 'unary_op_expression' && d.text.replace(/\s+/g, '') === '-1') return '-1';
    return undefined;
  }

  /** `a OP b` where `a` is the Origin or a check call; `pos` = the equality holds. */
  private comparison(a: Node, b: Node, pos: boolean, depth: number): OriginCheckResult | undefined {
    if (this.originSource(a)) {
      if (this.originSource(b)) return { kind: 'none' };
      if (!pos) return { kind: 'none' };
      const lit = this.literal(b);
      if (lit) return { kind: 'check', check: { kind: 'exact', entries: [lit] } };
      const list = this.foreachList(b);
      if (list) return { kind: 'check', check: withEntries('exact', this.arrayValues(list)) };
      return { kind: 'check', check: { kind: 'exact' } };
    }
    // strpos($o, 'x') === 0 / !== false, preg_match(...) === 1, in_array(...) === true
    const call = a.type === 'parenthesized_expression' ? a.namedChildren[0] : a;
    if (!call || call.type !== 'function_call_expression' || !this.mentionsOrigin(call)) return undefined;
    const bv = (this.deref(b) ?? b).text.toLowerCase();
    const name = callName(call);
    if (name === 'strpos' || name === 'stripos') {
      if (bv === 'false') return this.checkOf(call, !pos, depth + 1);
      if (bv === '0' && pos) {
        const src = this.originSource(callArgs(call)[0]);
        if (!src) return { kind: 'check', check: { kind: 'unknown' } };
        return { kind: 'check', check: withEntries('prefix', single(this.literal(callArgs(call)[1]))) };
      }
      return { kind: 'check', check: { kind: 'unknown' } };
    }
    if (bv === 'true' || bv === '1') return this.checkOf(call, pos, depth + 1);
    if (bv === 'false' || bv === '0') return this.checkOf(call, !pos, depth + 1);
    return { kind: 'check', check: { kind: 'unknown' } };
  }

  // -------------------------------------------------------------------------------------------------
  // The request method

  /** 'options' when `cond` (true if `positive`) means the request is an OPTIONS request, 'non-options'
   *  when it means it is not; undefined when it says nothing sure about the method. */
  methodOf(cond: Node | null | undefined, positive: boolean, depth = 0): 'options' | 'non-options' | undefined {
    if (!cond || depth > 12) return undefined;
    if (depth === 0 && !/method|options/i.test(cond.text)) return undefined;
    switch (cond.type) {
      case 'parenthesized_expression':
        return this.methodOf(cond.namedChildren[0], positive, depth + 1);
      case 'unary_op_expression':
        return cond.child(0)?.type === '!' ? this.methodOf(cond.namedChildren[0], !positive, depth + 1) : undefined;
      case 'binary_expression': {
        const op = cond.childForFieldName('operator')?.type ?? '';
        const l = cond.childForFieldName('left');
        const r = cond.childForFieldName('right');
        if (!l || !r) return undefined;
        if (op === '&&' || op === 'and' || op === '||' || op === 'or') {
          const conj = (op === '&&' || op === 'and') === positive;
          const a = this.methodOf(l, positive, depth + 1);
          const b = this.methodOf(r, positive, depth + 1);
          if (conj) return a ?? b;
          return a && a === b ? a : undefined;
        }
        if (op === '===' || op === '==' || op === '!==' || op === '!=' || op === '<>') {
          const pos = (op === '===' || op === '==') === positive;
          const m = this.methodCompare(l, r) ?? this.methodCompare(r, l);
          if (m === undefined) return undefined;
          if (m) return pos ? 'options' : 'non-options';
          // Compared with another method: only the equal branch tells something.
          return pos ? 'non-options' : undefined;
        }
        return undefined;
      }
      case 'member_call_expression': {
        // $request->isMethod('OPTIONS')
        if (methodName(cond) === 'ismethod') {
          const v = this.literal(callArgs(cond)[0])?.value;
          if (v?.toUpperCase() === 'OPTIONS') return positive ? 'options' : 'non-options';
        }
        return undefined;
      }
    }
    return undefined;
  }

  /** For `switch (<method>) { case 'OPTIONS': ... }`. */
  methodCase(subject: Node, value: Node): 'options' | 'non-options' | undefined {
    const m = this.methodCompare(subject, value);
    return m === undefined ? undefined : m ? 'options' : 'non-options';
  }

  /** true when `a` is the request method and `b` is "OPTIONS"; false when `b` is another method. */
  private methodCompare(a: Node, b: Node): boolean | undefined {
    const m = this.methodSource(a);
    if (!m) return undefined;
    const v = this.literal(b)?.value;
    if (v === undefined) return undefined;
    const norm = m === 'exact' ? v : m === 'upper' ? (v === v.toUpperCase() ? v : '?') : v === v.toLowerCase() ? v.toUpperCase() : '?';
    return norm === 'OPTIONS';
  }

  /** Whether `n` is the request method: 'exact' as sent, or normalised to 'upper' / 'lower' case. */
  private methodSource(n: Node | null | undefined, depth = 0): 'exact' | 'upper' | 'lower' | undefined {
    if (!n || depth > 8) return undefined;
    switch (n.type) {
      case 'parenthesized_expression':
        return this.methodSource(n.namedChildren[0], depth + 1);
      case 'variable_name': {
        const b = this.binding(n);
        const rhs = b?.assign?.childForFieldName('right');
        return rhs ? this.methodSource(rhs, depth + 1) : undefined;
      }
      case 'binary_expression':
        return n.childForFieldName('operator')?.type === '??' ? this.methodSource(n.childForFieldName('left'), depth + 1) : undefined;
      case 'subscript_expression': {
        const [obj, key] = n.namedChildren;
        return obj && key && varName(obj) === '_SERVER' && keyText(key) === 'REQUEST_METHOD' ? 'exact' : undefined;
      }
      case 'function_call_expression': {
        const name = callName(n);
        const arg = callArgs(n)[0];
        if (name === 'strtoupper') return this.methodSource(arg, depth + 1) ? 'upper' : undefined;
        if (name === 'strtolower') return this.methodSource(arg, depth + 1) ? 'lower' : undefined;
        return undefined;
      }
      case 'member_call_expression': {
        const m = methodName(n);
        // Symfony/Laravel getMethod()/method() return upper case; PSR-7 getMethod() returns it as sent.
        if (m === 'getmethod' || m === 'method' || m === 'getrealmethod') return 'upper';
        return undefined;
      }
    }
    return undefined;
  }
}

function single(v: Valued<string> | undefined): Valued<string>[] | undefined {
  return v ? [v] : undefined;
}

function withEntries(kind: OriginCheck['kind'], entries: Valued<string>[] | undefined): OriginCheck {
  return entries ? { kind, entries } : { kind };
}

/** A PCRE pattern without its delimiters and flags; undefined when the flags change its meaning. */
function regexBody(p: Valued<string>): Valued<string> | undefined {
  const s = p.value;
  if (s.length < 2) return undefined;
  const open = s[0];
  if (/[A-Za-z0-9\\\s]/.test(open)) return undefined;
  const close = open === '(' ? ')' : open === '{' ? '}' : open === '[' ? ']' : open === '<' ? '>' : open;
  const end = s.lastIndexOf(close);
  if (end <= 0) return undefined;
  const flags = s.slice(end + 1);
  if (!/^[imsuDU]*$/.test(flags)) return undefined;
  const body = s.slice(1, end);
  // Only give a span when the literal is written verbatim (no escapes inside the quotes).
  const raw = p.span.end - p.span.start === s.length;
  return { value: body, span: raw ? { start: p.span.start + 1, end: p.span.start + end } : p.span };
}

function strength(c: OriginCheck): number {
  if (c.kind === 'exact') return c.entries ? 4 : 3;
  if (c.kind === 'unknown') return 0;
  return c.entries ? 2 : 1;
}

/** Both conditions hold: the stronger origin check wins. */
export function andResult(a: OriginCheckResult, b: OriginCheckResult): OriginCheckResult {
  if (a.kind === 'check' && b.kind === 'check') return strength(b.check) >= strength(a.check) ? b : a;
  if (a.kind === 'check') return a;
  if (b.kind === 'check') return b;
  if (a.kind === 'none' || b.kind === 'none') return { kind: 'none' };
  return { kind: 'silent' };
}

/** One of the conditions holds: checked only if both are; unrelated alternatives make it unsure. */
export function orResult(a: OriginCheckResult, b: OriginCheckResult): OriginCheckResult {
  if (a.kind === 'none' || b.kind === 'none') return { kind: 'none' };
  if (a.kind === 'silent' && b.kind === 'silent') return { kind: 'silent' };
  if (a.kind === 'silent' || b.kind === 'silent') return { kind: 'check', check: { kind: 'unknown' } };
  if (a.kind !== 'check' || b.kind !== 'check') return { kind: 'check', check: { kind: 'unknown' } };
  if (a.check.kind !== b.check.kind) return { kind: 'check', check: { kind: 'unknown' } };
  const entries = a.check.entries && b.check.entries ? [...a.check.entries, ...b.check.entries] : undefined;
  return { kind: 'check', check: withEntries(a.check.kind, entries) };
}

const CLASS_LIKE = new Set(['class_declaration', 'trait_declaration', 'enum_declaration', 'interface_declaration']);

export function enclosingClassNode(n: Node): Node | undefined {
  for (let cur: Node | null = n.parent; cur; cur = cur.parent) if (CLASS_LIKE.has(cur.type)) return cur;
  return undefined;
}

export function enclosingClass(n: Node): string | undefined {
  return enclosingClassNode(n)?.childForFieldName('name')?.text;
}
