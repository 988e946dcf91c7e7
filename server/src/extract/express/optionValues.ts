/**
 * Library options as written: the properties of an options object (or of the pairs recovered from half-typed
 * code), and the constant value of an option: literals, constant arithmetic, truthiness, method/header lists.
 */
import type { ListValue, Span, Valued } from '../../model/index.js';
import type { Node } from '../../syntax/treeSitter.js';
import { splitList } from '../common.js';
import { span, stringLit, unwrap } from './literals.js';
import type { LibCtx } from './resolve.js';
import { resolveValue } from './resolve.js';
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

/** Constant arithmetic: `60 * 60 * 24`, `-1`, `(2 * 3600)`. */
export function evalNumber(node: Node | null | undefined, ctx: LibCtx, depth = 0): number | undefined {
  const n = depth === 0 ? resolveValue(node, ctx) : unwrap(node);
  if (!n || depth > 20) return undefined;
  if (n.type === 'number') {
    const t = n.text.replace(/_/g, '');
    const v = /^0[xob]/i.test(t) ? Number(t) : Number(t);
    return Number.isFinite(v) ? v : undefined;
  }
  if (n.type === 'identifier') {
    const r = resolveValue(n, ctx);
    return r && r.type !== 'identifier' ? evalNumber(r, ctx, depth + 1) : undefined;
  }
  if (n.type === 'unary_expression') {
    const op = n.childForFieldName('operator')?.text;
    const a = evalNumber(n.childForFieldName('argument'), ctx, depth + 1);
    if (a === undefined) return undefined;
    return op === '-' ? -a : op === '+' ? a : undefined;
  }
  if (n.type === 'binary_expression') {
    const op = n.childForFieldName('operator')?.text;
    const a = evalNumber(n.childForFieldName('left'), ctx, depth + 1);
    const b = evalNumber(n.childForFieldName('right'), ctx, depth + 1);
    if (a === undefined || b === undefined) return undefined;
    switch (op) {
      case '+':
        return a + b;
      case '-':
        return a - b;
      case '*':
        return a * b;
      case '/':
        return b === 0 ? undefined : a / b;
      default:
        return undefined;
    }
  }
  return undefined;
}

export function literal(node: Node | null | undefined, ctx: LibCtx): Lit {
  const n = resolveValue(node, ctx);
  if (!n) return { k: 'unknown' };
  switch (n.type) {
    case 'true':
      return { k: 'bool', v: true, node: n };
    case 'false':
      return { k: 'bool', v: false, node: n };
    case 'null':
    case 'undefined':
      return { k: 'nullish', node: n };
    case 'identifier':
      return n.text === 'undefined' ? { k: 'nullish', node: n } : { k: 'unknown', node: n };
    case 'regex': {
      const p = n.childForFieldName('pattern');
      return p ? { k: 'regex', pattern: p.text, span: span(p), node: n } : { k: 'unknown', node: n };
    }
    case 'array':
      return { k: 'array', node: n };
    case 'object':
      return { k: 'object', node: n };
  }
  if (isFunction(n)) return { k: 'function', node: n };
  const s = stringLit(n);
  if (s) return { k: 'string', v: s.text, node: s.node, span: s.span, verbatim: s.verbatim };
  const num = evalNumber(n, ctx);
  if (num !== undefined) return { k: 'number', v: num, text: n.type === 'number' ? n.text.replace(/_/g, '') : String(num), node: n };
  return { k: 'unknown', node: n };
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
      const s = stringLit(el) ?? stringLit(resolveValue(el, ctx));
      if (!s) return { kind: 'unknown', span: span(l.node) };
      items.push({ value: s.text.trim(), span: s.span });
    }
    return { kind: 'list', items, span: span(l.node) };
  }
  return { kind: 'unknown', span: span(p.value) };
}
