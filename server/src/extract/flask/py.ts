/**
 * Small helpers over the tree-sitter Python tree: evaluating literals (strings with their prefixes and
 * escapes, numbers, lists, dicts), resolving names through simple module-level constants, and walking.
 */
import type { Node } from '../../syntax/treeSitter.js';
import type { Span } from '../../model/index.js';

export { spanOf, namedChildren, parentOf, resetParentCache, pyQuote, escapeFor } from '../pySyntax.js';
import { namedChildren, parentOf, spanOf } from '../pySyntax.js';

/** A Python expression evaluated as far as we dare. `node` is where the value is written (after
 *  following a constant), `ref` the expression as written at the use site. */
export type PyValue =
  | { kind: 'str'; text: string; node: Node; inner: Span; verbatim: boolean; ref: Node }
  | { kind: 'bool'; value: boolean; node: Node; ref: Node }
  | { kind: 'none'; node: Node; ref: Node }
  | { kind: 'num'; raw: string; value: number; node: Node; ref: Node }
  | { kind: 'seq'; items: PyValue[]; node: Node; ref: Node }
  | { kind: 'dict'; pairs: { key: PyValue; keyNode: Node; value: Node; pair: Node }[]; splat: boolean; node: Node; ref: Node }
  | { kind: 'regex'; pattern: PyValue; node: Node; ref: Node }
  | { kind: 'unknown'; node: Node; ref: Node; reason?: string };

export function children(n: Node): Node[] {
  const out: Node[] = [];
  for (let i = 0; i < n.childCount; i++) {
    const c = n.child(i);
    if (c) out.push(c);
  }
  return out;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '\\': '\\', "'": "'", '"': '"', n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', f: '\f', v: '\v', '0': '\0',
};

/** Evaluate one `string` node. Returns undefined for f-strings with interpolation, bytes and unknown escapes. */
export function evalStringNode(n: Node): { text: string; inner: Span; verbatim: boolean } | undefined {
  if (n.type !== 'string') return undefined;
  const kids = children(n);
  const start = kids.find((k) => k.type === 'string_start');
  const end = kids.find((k) => k.type === 'string_end');
  if (!start || !end) return undefined;
  const prefix = start.text.replace(/["']+$/, '').toLowerCase();
  if (prefix.includes('b')) return undefined;
  const raw = prefix.includes('r');
  let text = '';
  let verbatim = true;
  for (const k of kids) {
    if (k.type === 'interpolation') return undefined;
    if (k.type !== 'string_content') continue;
    // string_content holds escape_sequence children; walk its text with offsets.
    let pos = k.startIndex;
    const subs = children(k);
    for (const s of subs) {
      if (s.type === 'interpolation') return undefined;
      if (s.type === 'escape_sequence' || s.type === 'escape_interpolation') {
        text += k.text.slice(pos - k.startIndex, s.startIndex - k.startIndex);
        const esc = s.text;
        if (raw) {
          text += esc;
          pos = s.endIndex;
          continue;
        }
        verbatim = false;
        if (s.type === 'escape_interpolation') text += esc[0];
        else if (esc.length === 2 && esc[1] in SIMPLE_ESCAPES) text += SIMPLE_ESCAPES[esc[1]];
        else if (/^\\x[0-9a-fA-F]{2}$/.test(esc) || /^\\u[0-9a-fA-F]{4}$/.test(esc)) text += String.fromCharCode(parseInt(esc.slice(2), 16));
        else if (/^\\\n$/.test(esc) || esc === '\\\r\n') text += '';
        else return undefined;
        pos = s.endIndex;
      }
    }
    text += k.text.slice(pos - k.startIndex);
  }
  const inner = { start: start.endIndex, end: end.startIndex };
  // Triple-quoted strings spanning lines are not something a fix should rewrite in place.
  if (text.includes('\n')) verbatim = false;
  return { text, inner, verbatim };
}

/** Simple module-level constants: NAME = <expr>, assigned exactly once at the top level and never mutated.
 *  Only the module's top-level statements are read; whether a name is re-bound or mutated elsewhere is
 *  looked up in the text on demand (a keyword search, answered conservatively). */
export class Constants {
  private readonly defs = new Map<string, Node | null>();
  private readonly classCache = new Map<string, Node | null>();
  constructor(
    private readonly root: Node,
    private readonly text: string,
  ) {}
  /** The right-hand side of a trusted module-level constant. */
  get(name: string): Node | undefined {
    if (!this.defs.has(name)) this.defs.set(name, this.find(name));
    return this.defs.get(name) ?? undefined;
  }
  private find(name: string): Node | null {
    if (!/^\w+$/.test(name)) return null;
    // A top-level binding starts at column 0.
    const re = new RegExp(`^${name}[ \\t]*(:[^=\\n]*)?=(?!=)`, 'gm');
    const hits = locate(this.root, this.text, re);
    if (hits.length !== 1 || mutatedOrRebound(this.text, name)) return null;
    const a = climb(hits[0], ['assignment'], 3);
    if (!a || parentOf(a)?.type !== 'expression_statement' || parentOf(parentOf(a))?.type !== 'module') return null;
    const left = a.childForFieldName('left');
    return left?.type === 'identifier' && left.text === name ? a.childForFieldName('right') : null;
  }
  /** A top-level class by name. */
  cls(name: string): Node | undefined {
    if (!this.classCache.has(name)) {
      let found: Node | null = null;
      if (/^\w+$/.test(name)) {
        for (const hit of locate(this.root, this.text, new RegExp(`^class[ \\t]+${name}\\b`, 'gm'))) {
          const c = climb(hit, ['class_definition'], 2);
          if (c && (parentOf(c)?.type === 'module' || parentOf(parentOf(c))?.type === 'module')) found = c;
        }
      }
      this.classCache.set(name, found);
    }
    return this.classCache.get(name) ?? undefined;
  }
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Another binding (any `NAME =` at a line start besides the one we read), an augmented assignment, a
 *  `global NAME`, or a mutating method call on it. */
function mutatedOrRebound(text: string, name: string): boolean {
  const n = escapeRe(name);
  const binds = text.match(new RegExp(`^[ \\t]*${n}\\s*(:[^=\\n]*)?=(?!=)`, 'gm'))?.length ?? 0;
  if (binds > 1) return true;
  if (new RegExp(`(^|[^\\w.])${n}\\s*(\\+=|-=|\\|=|&=|\\[[^\\]\\n]*\\]\\s*=(?!=)|\\.(append|extend|add|update|insert|remove|pop|clear|discard|setdefault)\\s*\\()`, 'm').test(text)) return true;
  if (new RegExp(`\\bglobal\\b[^\\n]*\\b${n}\\b`).test(text)) return true;
  if (new RegExp(`\\bfor\\s+[^\\n]*\\b${n}\\b[^\\n]*\\bin\\b`).test(text)) return true;
  return false;
}


/** Nodes at the places where `re` (global) matches the text: the smallest node covering each match. */
export function locate(root: Node, text: string, re: RegExp): Node[] {
  const out: Node[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    const n = root.descendantForIndex(m.index, m.index + m[0].length);
    if (n) out.push(n);
  }
  return out;
}

/** Climb from a node to the nearest ancestor (or itself) of one of the types, at most `max` levels. */
export function climb(n: Node | null, types: string[], max = 6): Node | undefined {
  for (let i = 0; n && i <= max; i++, n = parentOf(n)) if (types.includes(n.type)) return n;
  return undefined;
}

/** Depth-first walk; the callback returns false to skip a node's children. */
export function walk(n: Node, fn: (n: Node) => boolean): void {
  const stack: Node[] = [n];
  while (stack.length) {
    const cur = stack.pop()!;
    if (!fn(cur)) continue;
    for (let i = cur.childCount - 1; i >= 0; i--) {
      const c = cur.child(i);
      if (c) stack.push(c);
    }
  }
}

export interface Resolver {
  consts: Constants;
  /** Local names bound inside the current function (name -> rhs, or null when bound several times). */
  locals?: Map<string, Node | null>;
}

/** Evaluate an expression to a PyValue, following simple constants. */
export function evaluate(ref: Node, r: Resolver, depth = 0): PyValue {
  return evalAt(ref, ref, r, depth);
}

function evalAt(n: Node, ref: Node, r: Resolver, depth: number): PyValue {
  if (depth > 8) return { kind: 'unknown', node: n, ref, reason: 'too deep' };
  switch (n.type) {
    case 'string': {
      const s = evalStringNode(n);
      if (!s) return { kind: 'unknown', node: n, ref, reason: 'f-string or bytes' };
      return { kind: 'str', text: s.text, node: n, inner: s.inner, verbatim: s.verbatim, ref };
    }
    case 'concatenated_string': {
      let text = '';
      for (const part of namedChildren(n)) {
        const s = evalStringNode(part);
        if (!s) return { kind: 'unknown', node: n, ref };
        text += s.text;
      }
      return { kind: 'str', text, node: n, inner: spanOf(n), verbatim: false, ref };
    }
    case 'true':
    case 'false':
      return { kind: 'bool', value: n.type === 'true', node: n, ref };
    case 'none':
      return { kind: 'none', node: n, ref };
    case 'integer': {
      const v = Number(n.text.replace(/_/g, ''));
      if (!Number.isFinite(v)) return { kind: 'unknown', node: n, ref };
      return { kind: 'num', raw: n.text, value: v, node: n, ref };
    }
    case 'float': {
      const v = Number(n.text.replace(/_/g, ''));
      if (!Number.isFinite(v)) return { kind: 'unknown', node: n, ref };
      return { kind: 'num', raw: n.text, value: v, node: n, ref };
    }
    case 'unary_operator': {
      const arg = n.childForFieldName('argument');
      const op = n.child(0)?.type;
      if (arg && (op === '-' || op === '+') && (arg.type === 'integer' || arg.type === 'float')) {
        const v = Number(arg.text.replace(/_/g, ''));
        return { kind: 'num', raw: n.text.replace(/\s+/g, ''), value: op === '-' ? -v : v, node: n, ref };
      }
      return { kind: 'unknown', node: n, ref };
    }
    case 'parenthesized_expression': {
      const inner = namedChildren(n)[0];
      return inner ? evalAt(inner, ref, r, depth + 1) : { kind: 'unknown', node: n, ref };
    }
    case 'list':
    case 'tuple':
    case 'set': {
      const items: PyValue[] = [];
      for (const c of namedChildren(n)) {
        if (c.type === 'list_splat' || c.type === 'list_comprehension') return { kind: 'unknown', node: n, ref };
        items.push(evalAt(c, c, r, depth + 1));
      }
      return { kind: 'seq', items, node: n, ref };
    }
    case 'list_comprehension':
    case 'set_comprehension':
    case 'generator_expression':
      return { kind: 'unknown', node: n, ref };
    case 'dictionary': {
      const pairs: { key: PyValue; keyNode: Node; value: Node; pair: Node }[] = [];
      let splat = false;
      for (const c of namedChildren(n)) {
        if (c.type === 'pair') {
          const k = c.childForFieldName('key');
          const v = c.childForFieldName('value');
          if (!k || !v) continue;
          pairs.push({ key: evalAt(k, k, r, depth + 1), keyNode: k, value: v, pair: c });
        } else if (c.type === 'dictionary_splat') splat = true;
        else if (c.type === 'dictionary_comprehension') return { kind: 'unknown', node: n, ref };
      }
      return { kind: 'dict', pairs, splat, node: n, ref };
    }
    case 'identifier': {
      const local = r.locals?.get(n.text);
      if (r.locals?.has(n.text)) {
        if (!local) return { kind: 'unknown', node: n, ref, reason: 'local rebound' };
        return evalAt(local, ref, { consts: r.consts }, depth + 1);
      }
      const def = r.consts.get(n.text);
      if (!def) return { kind: 'unknown', node: n, ref, reason: 'unresolved name' };
      return evalAt(def, ref, { consts: r.consts }, depth + 1);
    }
    case 'call': {
      const f = n.childForFieldName('function');
      const args = n.childForFieldName('arguments');
      const fname = f?.text ?? '';
      if ((fname === 're.compile' || fname === 'compile') && args) {
        const first = namedChildren(args)[0];
        if (first && first.type !== 'keyword_argument') return { kind: 'regex', pattern: evalAt(first, first, r, depth + 1), node: n, ref };
      }
      if ((fname === 'list' || fname === 'tuple' || fname === 'set' || fname === 'frozenset') && args) {
        const a = namedChildren(args);
        if (a.length === 1 && /^(list|tuple|set)$/.test(a[0].type)) {
          const v = evalAt(a[0], a[0], r, depth + 1);
          return v.kind === 'seq' ? { ...v, ref } : v;
        }
      }
      return { kind: 'unknown', node: n, ref, reason: fname };
    }
    default:
      return { kind: 'unknown', node: n, ref };
  }
}

/** Python truthiness of a literal, or undefined when not known. */
export function truthy(v: PyValue): boolean | undefined {
  switch (v.kind) {
    case 'bool':
      return v.value;
    case 'none':
      return false;
    case 'num':
      return v.value !== 0;
    case 'str':
      return v.text.length > 0;
    case 'seq':
      return v.items.length > 0;
    case 'dict':
      return v.splat ? undefined : v.pairs.length > 0;
    default:
      return undefined;
  }
}


/** The dotted text of a callee (`a.b.c`) or undefined for complex expressions. */
export function dotted(n: Node | null | undefined): string | undefined {
  if (!n) return undefined;
  if (n.type === 'identifier') return n.text;
  if (n.type === 'attribute') {
    const o = dotted(n.childForFieldName('object'));
    const a = n.childForFieldName('attribute');
    return o && a ? o + '.' + a.text : undefined;
  }
  return undefined;
}
