/**
 * Ruby expressions (tree-sitter-ruby 0.23) → the common form. Symbols are strings (`symbol: true`), `%w[]` /
 * `%i[]` lists, interpolation a concatenation, `a =~ b` a call of `=~` (the table says it is a regex test),
 * a call with no arguments and no parentheses on a receiver (`request.origin`, `request.headers`) a member
 * read, `key: v` / `'k' => v` arguments one trailing map (Ruby's options hash), a block the call's `block`.
 */
import type { Node } from '../../syntax/treeSitter.js';
import { spanOf, type Arg, type Entry, type Expr, type Func, type Param } from '../form.js';
import { MAX_DEPTH, allKids, joinedParts, kids, numberLit, StringParts, unknown } from './common.js';

const ESCAPES: Record<string, string> = { '\\': '\\', "'": "'", '"': '"', n: '\n', t: '\t', r: '\r', s: ' ', e: '\x1b', a: '\x07', b: '\b', f: '\f', v: '\v', '0': '\0', '#': '#', '/': '/' };

function decode(esc: string): string | undefined {
  if (esc.length === 2 && esc[1] in ESCAPES) return ESCAPES[esc[1]];
  if (/^\\x[0-9a-fA-F]{2}$/.test(esc) || /^\\u[0-9a-fA-F]{4}$/.test(esc)) return String.fromCharCode(parseInt(esc.slice(2), 16));
  return undefined;
}

/** The body of a Ruby function (method, block, lambda): set by the statement adapter (rubyStmts.ts). */
export type BodyReader = (n: Node | null | undefined, d: number) => Func['body'];
let readBody: BodyReader = () => [];
export function setBodyReader(r: BodyReader): void {
  readBody = r;
}

/** A string, symbol or word: literal text runs, escapes and `#{}` interpolation. `single`: only `\\` and
 *  `\'` are escapes (single quotes, `%q`, `%w`). */
function rbString(n: Node, d: number, symbol = false): Expr {
  const span = spanOf(n);
  const all = allKids(n);
  const open = all[0] && !all[0].isNamed ? all[0] : undefined;
  const close = all.length > 1 && !all[all.length - 1].isNamed ? all[all.length - 1] : undefined;
  const single = n.type === 'bare_string' ? !n.parent?.text.startsWith('%W') : open ? /^(%q|')/.test(open.text) || open.text === ':\'' : false;
  const inner = { start: open ? open.endIndex : span.start, end: close ? close.startIndex : span.end };
  const sp = new StringParts(span);
  let verbatim = true;
  for (const k of all) {
    if (k.id === open?.id || k.id === close?.id) continue;
    if (k.type === 'interpolation') {
      if (single) return unknown(n);
      sp.push(rbExpr(kids(k)[0], d + 1));
    } else if (k.type === 'escape_sequence') {
      const dec = decode(k.text);
      if (dec === undefined) return unknown(n);
      verbatim = false;
      sp.piece(dec, spanOf(k), false);
    } else if (k.type === 'string_content') {
      if (single && k.text.includes('\\')) {
        verbatim = false;
        sp.piece(k.text.replace(/\\([\\'])/g, '$1'), spanOf(k), false);
      } else sp.piece(k.text, spanOf(k), true);
    } else return unknown(n);
  }
  const r = sp.result(inner, verbatim);
  return r.k === 'str' && symbol ? { ...r, symbol: true } : r;
}

function rbRegex(n: Node): Expr {
  const all = allKids(n);
  const open = all[0];
  const close = all[all.length - 1];
  if (!open || !close || open.id === close.id || kids(n).some((k) => k.type === 'interpolation')) return unknown(n);
  const patternSpan = { start: open.endIndex, end: close.startIndex };
  const pattern = n.text.slice(open.endIndex - n.startIndex, close.startIndex - n.startIndex);
  return { k: 'regex', span: spanOf(n), pattern, patternSpan, flags: close.text.slice(1) };
}

const OPS: Record<string, string> = { and: '&&', or: '||', '===': '==', 'eql?': '==' };

/** Arguments: positional, splats, and the `k: v` / `'k' => v` pairs gathered into one trailing map. */
export function rbArgs(a: Node | null | undefined, d: number): Arg[] {
  const args: Arg[] = [];
  if (!a) return args;
  const pairs: Node[] = [];
  for (const c of kids(a)) {
    if (c.type === 'pair') pairs.push(c);
    else if (c.type === 'splat_argument' || c.type === 'hash_splat_argument') args.push({ span: spanOf(c), value: rbExpr(kids(c)[0], d + 1), spread: true });
    else if (c.type === 'block_argument') continue;
    else args.push({ span: spanOf(c), value: rbExpr(c, d + 1) });
  }
  if (pairs.length) {
    const span = { start: pairs[0].startIndex, end: pairs[pairs.length - 1].endIndex };
    args.push({ span, value: { k: 'map', span, entries: pairs.map((p) => rbEntry(p, d + 1)) } });
  }
  return args;
}

function rbEntry(c: Node, d: number): Entry {
  const span = spanOf(c);
  if (c.type === 'hash_splat_argument') return { span, spread: true, value: rbExpr(kids(c)[0], d) };
  if (c.type !== 'pair') return { span, keyExpr: unknown(c), value: unknown(c) };
  const kn = c.childForFieldName('key');
  const value = rbExpr(c.childForFieldName('value'), d);
  if (kn?.type === 'hash_key_symbol' || kn?.type === 'identifier' || kn?.type === 'constant') return { span, key: kn.text, keySpan: spanOf(kn), value };
  const k = rbExpr(kn, d);
  return k.k === 'str' ? { span, key: k.value, keySpan: k.verbatim ? k.inner : k.span, value } : { span, keyExpr: k, value };
}

export function rbParams(ps: Node | null | undefined, d: number): Param[] {
  if (!ps) return [];
  return kids(ps).map((p) => {
    const name = p.type === 'identifier' ? p : p.childForFieldName('name');
    const value = p.childForFieldName('value');
    return { name: name?.text ?? '', span: spanOf(p), default: value ? rbExpr(value, d) : undefined };
  });
}

/** A block / lambda / method as a function. */
export function rbFunc(n: Node, d: number, name?: Node | null): Func {
  const body = n.childForFieldName('body');
  const ps = n.childForFieldName('parameters');
  const inner = body && (body.type === 'block' || body.type === 'do_block') ? body : undefined;
  return {
    span: spanOf(n),
    name: name?.text,
    nameSpan: name ? spanOf(name) : undefined,
    params: rbParams(ps ?? inner?.childForFieldName('parameters'), d),
    body: readBody(inner ? inner.childForFieldName('body') : body, d + 1),
    decorators: [],
  };
}

function rbCall(n: Node, d: number): Expr {
  const span = spanOf(n);
  const recv = n.childForFieldName('receiver');
  const m = n.childForFieldName('method');
  const a = n.childForFieldName('arguments');
  const b = n.childForFieldName('block');
  const mName = m?.text ?? '';
  const callee: Expr = recv
    ? { k: 'member', span: { start: recv.startIndex, end: m ? m.endIndex : span.end }, object: rbExpr(recv, d + 1), name: mName, nameSpan: m ? spanOf(m) : span }
    : { k: 'name', span: m ? spanOf(m) : span, name: mName };
  // `ALLOWED = %w[a b].freeze`: the same list
  if (recv && mName === 'freeze' && !a && !b) return rbExpr(recv, d + 1);
  // `request.origin`, `request.headers`: a reader with no arguments reads like a property (a predicate
  // `origin.nil?` or a bang method stays a call)
  if (recv && !a && !b && !/[?!]$/.test(mName)) return { ...callee, span };
  const blockArg = a ? kids(a).find((k) => k.type === 'block_argument') : undefined;
  const block = b ? rbFunc(b, d + 1) : undefined;
  const args = rbArgs(a, d);
  if (blockArg) args.push({ span: spanOf(blockArg), value: rbExpr(kids(blockArg)[0], d + 1) });
  return { k: 'call', span, callee, args, block };
}

export function rbExpr(n: Node | null | undefined, d = 0): Expr {
  if (!n) return { k: 'unknown', span: { start: 0, end: 0 } };
  const span = spanOf(n);
  if (d > MAX_DEPTH) return unknown(n);
  const e = (x: Node | null | undefined) => rbExpr(x, d + 1);
  switch (n.type) {
    case 'string':
    case 'bare_string':
      return rbString(n, d);
    case 'delimited_symbol':
    case 'bare_symbol':
      return rbString(n, d, true);
    case 'simple_symbol':
    case 'hash_key_symbol': {
      const value = n.text.replace(/^:/, '');
      const inner = { start: span.end - value.length, end: span.end };
      return { k: 'str', span, value, inner, verbatim: true, symbol: true };
    }
    case 'chained_string': {
      const parts = kids(n).map(e);
      return joinedParts(parts, span);
    }
    case 'string_array':
    case 'symbol_array':
      return { k: 'list', span, kind: 'array', items: kids(n).map(e) };
    case 'regex':
      return rbRegex(n);
    case 'integer':
    case 'float':
      return numberLit(n);
    case 'true':
    case 'false':
      return { k: 'bool', span, value: n.type === 'true' };
    case 'nil':
      return { k: 'nil', span };
    case 'identifier':
    case 'constant':
    case 'instance_variable':
    case 'class_variable':
    case 'global_variable':
    case 'self':
      return { k: 'name', span, name: n.text };
    case 'scope_resolution': {
      const nm = n.childForFieldName('name');
      const scope = n.childForFieldName('scope');
      if (!scope) return { k: 'name', span, name: nm?.text ?? n.text };
      return { k: 'member', span, object: e(scope), name: nm?.text ?? '', nameSpan: nm ? spanOf(nm) : span };
    }
    case 'element_reference': {
      const obj = n.childForFieldName('object');
      const idx = kids(n).filter((k) => k.id !== obj?.id);
      return { k: 'index', span, object: e(obj), index: idx.length === 1 ? e(idx[0]) : unknown(n) };
    }
    case 'call':
      return rbCall(n, d);
    case 'array':
      return { k: 'list', span, kind: 'array', items: kids(n).map((c) => (c.type === 'splat_argument' ? unknown(c) : e(c))) };
    case 'hash':
      return { k: 'map', span, entries: kids(n).map((c) => rbEntry(c, d + 1)) };
    case 'lambda':
      return { k: 'func', span, fn: rbFunc(n, d) };
    case 'binary': {
      const op = n.childForFieldName('operator')?.text ?? '';
      const left = e(n.childForFieldName('left'));
      const right = e(n.childForFieldName('right'));
      if (op === '=~' || op === '!~') {
        const test: Expr = { k: 'call', span, callee: { k: 'member', span, object: left, name: '=~', nameSpan: span }, args: [{ span: right.span, value: right }] };
        return op === '=~' ? test : { k: 'not', span, expr: test };
      }
      return { k: 'binary', span, op: OPS[op] ?? op, left, right };
    }
    case 'unary': {
      const op = n.childForFieldName('operator')?.text ?? '';
      const arg = e(n.childForFieldName('operand'));
      if (op === '!' || op === 'not') return { k: 'not', span, expr: arg };
      if (op === '-' && arg.k === 'num') return { k: 'num', span, raw: n.text, value: -arg.value };
      return { k: 'unary', span, op, expr: arg };
    }
    case 'conditional':
      return { k: 'ternary', span, test: e(n.childForFieldName('condition')), then: e(n.childForFieldName('consequence')), else: e(n.childForFieldName('alternative')) };
    case 'parenthesized_statements': {
      const ks = kids(n);
      return ks.length === 1 ? e(ks[0]) : unknown(n);
    }
    case 'assignment':
      return { k: 'assignExpr', span, target: e(n.childForFieldName('left')), value: e(n.childForFieldName('right')) };
    default:
      return unknown(n);
  }
}
