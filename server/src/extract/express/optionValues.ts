/**
 * Library options as written: the properties of an options object (or of the pairs recovered from half-typed
 * code), and the constant value of an option: literals, constant arithmetic, truthiness, method/header lists.
 */
import type { ListValue, Span, Valued } from '../../model/index.js';
import type { Node } from '../../syntax/treeSitter.js';
import { splitList } from '../common.js';
import { span, stringLit, unwrap } from './literals.js';
import type { LibCtx } from './resolve.js';
import { envOf, evaluate, jsExpr, type Code, type Env, type Expr, type Func } from '../../code/index.js';
import { isFunction } from './scopes.js';

/** One option as written. */
export interface Prop {
  name: string;
  keySpan: Span;
  /** The whole property (`origin: [...]`), what removing it deletes. */
  node: Node;
  /** The value expression (the function itself for a method definition). */
  value: Node;
}

export interface Props {
  map: Map<string, Prop>;
  /** Props written before a spread (or a computed key we cannot read), which may be overridden. */
  shadowed: Set<string>;
  /** Something we cannot see may set any option (spread, computed key, truncated code). */
  open: boolean;
  /** Keys of the object, in order, including unknown ones. */
  all: Prop[];
}

/** Read the properties of an object literal (or of the pairs recovered from half-typed code). */
export function readProps(members: Node[], open: boolean): Props {
  const map = new Map<string, Prop>();
  const all: Prop[] = [];
  let shadowed = new Set<string>();
  let sawOpaque = false;
  for (const m of members) {
    let key: Node | null = null;
    let value: Node | null = null;
    if (m.type === 'pair') {
      key = m.childForFieldName('key');
      value = m.childForFieldName('value');
    } else if (m.type === 'shorthand_property_identifier') {
      key = m;
      value = m;
    } else if (m.type === 'method_definition') {
      key = m.childForFieldName('name');
      value = m;
    } else if (m.type === 'spread_element') {
      sawOpaque = true;
      shadowed = new Set(map.keys());
      continue;
    } else continue;
    if (!key || !value) continue;
    let name: string | undefined;
    let keySpan: Span = span(key);
    if (key.type === 'property_identifier' || key.type === 'shorthand_property_identifier' || key.type === 'identifier') name = key.text;
    else if (key.type === 'string') {
      const s = stringLit(key);
      if (s) {
        name = s.text;
        keySpan = s.span;
      }
    } else if (key.type === 'number') name = String(Number(key.text));
    if (name === undefined) {
      // computed key: may set anything
      sawOpaque = true;
      shadowed = new Set(map.keys());
      continue;
    }
    const p: Prop = { name, keySpan, node: m, value };
    map.set(name, p);
    shadowed.delete(name);
    all.push(p);
  }
  return { map, shadowed, open: open || sawOpaque, all };
}

export function objectMembers(obj: Node): Node[] {
  return obj.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
}

type Lit =
  | { k: 'bool'; v: boolean; node: Node }
  | { k: 'string'; v: string; node: Node; span: Span; verbatim: boolean }
  | { k: 'number'; v: number; text: string; node: Node }
  | { k: 'nullish'; node: Node }
  | { k: 'regex'; pattern: string; span: Span; node: Node }
  | { k: 'array'; node: Node }
  | { k: 'function'; node: Node }
  | { k: 'object'; node: Node }
  | { k: 'unknown'; node?: Node };

/** The Env of the innermost function of the file around an offset (the module's outside any). */
function envAt(code: Code, at: number): Env {
  let best: Func | undefined;
  const stack = [code.scopes.module];
  while (stack.length) {
    const sc = stack.pop()!;
    const f = sc.fn;
    if (f && f.span.start <= at && at < f.span.end && (!best || f.span.start >= best.span.start)) best = f;
    stack.push(...sc.children);
  }
  return envOf(code, best);
}

/** The outermost tree node that covers exactly this span. */
function nodeAt(root: Node, s: Span): Node | undefined {
  let n: Node | null = root.descendantForIndex(s.start, Math.max(s.start, s.end - 1));
  while (n && (n.startIndex > s.start || n.endIndex < s.end)) n = n.parent;
  if (!n || n.startIndex !== s.start || n.endIndex !== s.end) return undefined;
  while (n.parent && n.parent.startIndex === s.start && n.parent.endIndex === s.end) n = n.parent;
  return n;
}

/** The constant value of an option, as the engine evaluates it (constants followed, also through
 *  destructuring; constant arithmetic; `new RegExp('…')`). A `new Set([...])` is no list here: the cors
 *  package tests `Array.isArray`, and any other object is just truthy. */
export function literal(node: Node | null | undefined, ctx: LibCtx): Lit {
  const n = unwrap(node);
  if (!n) return { k: 'unknown' };
  if (isFunction(n)) return { k: 'function', node: n }; // `origin(o, cb) { … }` (a method of the options)
  const code = ctx.code;
  const v = evaluate(jsExpr(n), envAt({ ...code, table: { ...code.table, listCalls: [] } }, n.startIndex));
  const at = (e: Expr): Node => nodeAt(ctx.root, e.span) ?? n;
  switch (v.k) {
    case 'bool':
      return { k: 'bool', v: v.value, node: at(v.at) };
    case 'nil':
      return { k: 'nullish', node: at(v.at) };
    case 'str':
      return v.lit ? { k: 'string', v: v.value, node: at(v.lit), span: v.lit.inner, verbatim: v.lit.verbatim } : { k: 'unknown', node: n };
    case 'num':
      return { k: 'number', v: v.value, text: v.at.k === 'num' ? v.raw.replace(/_/g, '') : String(v.value), node: at(v.at) };
    case 'regex':
      return { k: 'regex', pattern: v.pattern, span: v.patternSpan ?? v.at.span, node: at(v.at) };
    case 'list': {
      const arr = at(v.at);
      return arr.type === 'array' ? { k: 'array', node: arr } : { k: 'unknown', node: n };
    }
    case 'map':
      return { k: 'object', node: at(v.at) };
    case 'func': {
      const f = nodeAt(ctx.root, v.fn.span);
      return f && isFunction(f) ? { k: 'function', node: f } : { k: 'unknown', node: n };
    }
    default:
      return { k: 'unknown', node: n };
  }
}

export function truthy(l: Lit): boolean | undefined {
  switch (l.k) {
    case 'bool':
      return l.v;
    case 'string':
      return l.v.length > 0;
    case 'number':
      return l.v !== 0 && !Number.isNaN(l.v);
    case 'nullish':
      return false;
    case 'unknown':
      return undefined;
    default:
      return true;
  }
}

/** A methods/headers option: comma string or array of strings. */
export function listOption(p: Prop | undefined, ctx: LibCtx): ListValue | undefined {
  if (!p) return undefined;
  const l = literal(p.value, ctx);
  if (l.k === 'string') {
    if (!l.verbatim) return { kind: 'unknown', span: l.span };
    return { kind: 'list', items: splitList(l.v, l.span.start), span: l.span };
  }
  if (l.k === 'array') {
    const items: Valued<string>[] = [];
    for (const el of l.node.namedChildren) {
      if (!el || el.type === 'comment') continue;
      const s = literal(el, ctx);
      if (s.k !== 'string') return { kind: 'unknown', span: span(l.node) };
      items.push({ value: s.v.trim(), span: s.span });
    }
    return { kind: 'list', items, span: span(l.node) };
  }
  return { kind: 'unknown', span: span(p.value) };
}
