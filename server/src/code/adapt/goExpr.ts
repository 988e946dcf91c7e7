/**
 * Go expressions (tree-sitter-go 0.25) → the common form. Composite literals: `[]string{...}` and `[...]T{}`
 * → list; `map[K]V{k: v}` → map; `T{Field: v}` / `&T{...}` → map with `type` 'T' (a struct literal keyed by
 * field names); `http.MethodOptions` and the other standard method constants → their string (they are
 * constants of the standard library); `strings.EqualFold(a, b)` → `a == b` (an Origin header is lower case,
 * so comparing it without case against an origin is the exact test).
 */
import type { Node } from '../../syntax/treeSitter.js';
import { spanOf, type Arg, type Entry, type Expr, type Func, type Param } from '../form.js';
import { MAX_DEPTH, allKids, kids, numberLit, unknown } from './common.js';

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', v: '\v', f: '\f', a: '\x07', b: '\b', '\\': '\\', '"': '"', "'": "'" };

function decode(esc: string): string | undefined {
  if (esc.length === 2 && esc[1] in ESCAPES) return ESCAPES[esc[1]];
  if (/^\\x[0-9a-fA-F]{2}$/.test(esc) || /^\\u[0-9a-fA-F]{4}$/.test(esc) || /^\\U[0-9a-fA-F]{8}$/.test(esc)) return String.fromCodePoint(parseInt(esc.slice(2), 16));
  return undefined;
}

function goString(n: Node): Expr {
  const span = spanOf(n);
  if (n.hasError) return unknown(n);
  const inner = { start: n.startIndex + 1, end: n.endIndex - 1 };
  if (n.type === 'raw_string_literal') {
    // a raw string holds its text as written, except that carriage returns are dropped
    const raw = n.text.slice(1, -1);
    const value = raw.replace(/\r/g, '');
    return { k: 'str', span, value, inner, verbatim: value === raw };
  }
  let value = '';
  let verbatim = true;
  for (const c of allKids(n)) {
    if (c.type === 'interpreted_string_literal_content') value += c.text;
    else if (c.type === 'escape_sequence') {
      const d = decode(c.text);
      if (d === undefined) return unknown(n);
      value += d;
      verbatim = false;
    }
  }
  return { k: 'str', span, value, inner, verbatim };
}

/** Request-method constants of net/http (and the same names in fiber and echo's re-exports). */
const METHOD_CONST = /^Method(Get|Head|Post|Put|Patch|Delete|Connect|Options|Trace)$/;
const METHOD_PKGS = new Set(['http', 'fiber']);
/** `echo.HeaderAccessControlAllowOrigin`, `fiber.HeaderOrigin` …: header-name constants, CamelCase. */
const HEADER_CONST = /^Header((AccessControl|Origin|Vary)[A-Za-z]*)$/;
const HEADER_PKGS = new Set(['echo', 'fiber']);

function constOf(operand: Node, field: Node, span: Expr['span']): Expr | undefined {
  if (operand.type !== 'identifier') return undefined;
  const m = METHOD_PKGS.has(operand.text) ? METHOD_CONST.exec(field.text) : undefined;
  if (m) return { k: 'str', span, value: m[1].toUpperCase(), inner: span, verbatim: false };
  const h = HEADER_PKGS.has(operand.text) ? HEADER_CONST.exec(field.text) : undefined;
  if (h) return { k: 'str', span, value: h[1].replace(/([a-z])([A-Z])/g, '$1-$2'), inner: span, verbatim: false };
  return undefined;
}

function args(a: Node | null | undefined, d: number): Arg[] {
  if (!a) return [];
  const out: Arg[] = [];
  const ks = allKids(a);
  for (let i = 0; i < ks.length; i++) {
    const c = ks[i];
    if (!c.isNamed || c.type === 'comment') continue;
    // `f(list...)`: the last argument spread
    const spread = ks[i + 1]?.type === '...';
    // a type given as an argument (`make(map[string]bool)`, `new(T)`) is no value
    const value = /_type$|^type_identifier$/.test(c.type) ? unknown(c) : goExpr(c, d + 1);
    out.push({ span: spanOf(c), value, spread: spread || undefined });
  }
  return out;
}

function elements(body: Node, d: number): Node[] {
  return kids(body).filter((c) => c.type === 'literal_element' || c.type === 'keyed_element');
}

/** The value of a `literal_element` (an expression, or a nested `{...}` literal without a type). */
function element(n: Node | undefined, d: number): Expr {
  if (!n) return { k: 'unknown', span: { start: 0, end: 0 } };
  const x = n.type === 'literal_element' ? kids(n)[0] : n;
  if (!x) return unknown(n);
  return x.type === 'literal_value' ? literal(x, undefined, d + 1) : goExpr(x, d + 1);
}

function literal(body: Node, type: Node | undefined, d: number): Expr {
  const span = spanOf(body.parent && type ? body.parent : body);
  const els = elements(body, d);
  const keyed = els.some((c) => c.type === 'keyed_element');
  const t = type?.type;
  if (t === 'slice_type' || t === 'array_type' || t === 'implicit_length_array_type' || (!type && !keyed)) {
    if (keyed) return unknown(body);
    return { k: 'list', span, kind: 'array', items: els.map((c) => element(c, d)) };
  }
  if (!keyed && els.length) return unknown(body);
  const entries: Entry[] = els.map((c) => {
    const [kn, vn] = kids(c);
    const v = element(vn, d);
    const k0 = kn?.type === 'literal_element' ? kids(kn)[0] : kn;
    if (k0?.type === 'identifier' && t !== 'map_type') return { span: spanOf(c), key: k0.text, keySpan: spanOf(k0), value: v };
    const k = element(kn, d);
    if (k.k === 'str') return { span: spanOf(c), key: k.value, keySpan: k.verbatim ? k.inner : k.span, value: v };
    return { span: spanOf(c), keyExpr: k, value: v };
  });
  return { k: 'map', span, entries, type: t === 'map_type' ? undefined : type?.text };
}

export function goParams(ps: Node | null | undefined): Param[] {
  if (!ps) return [];
  const out: Param[] = [];
  for (const p of kids(ps)) {
    const names = p.childrenForFieldName('name').filter((x): x is Node => !!x);
    if (!names.length) out.push({ name: '', span: spanOf(p) });
    for (const nm of names) out.push({ name: nm.text, span: spanOf(nm) });
  }
  return out;
}

/** Set by go.ts (statements), to read function bodies without an import cycle. */
export const bodies: { read?: (block: Node | null, d: number) => Func['body'] } = {};

export function goFunc(n: Node, d: number): Func {
  const name = n.childForFieldName('name');
  return {
    span: spanOf(n),
    name: name?.text,
    nameSpan: name ? spanOf(name) : undefined,
    params: goParams(n.childForFieldName('parameters')),
    body: bodies.read?.(n.childForFieldName('body'), d) ?? [],
    decorators: [],
  };
}

export function goExpr(n: Node | null | undefined, d = 0): Expr {
  if (!n) return { k: 'unknown', span: { start: 0, end: 0 } };
  const span = spanOf(n);
  if (d > MAX_DEPTH) return unknown(n);
  const e = (x: Node | null | undefined) => goExpr(x, d + 1);
  switch (n.type) {
    case 'interpreted_string_literal':
    case 'raw_string_literal':
      return goString(n);
    case 'int_literal':
    case 'float_literal': {
      const t = n.text.replace(/_/g, '');
      return numberLit(n, /^0[0-7]+$/.test(t) ? parseInt(t, 8) : Number(t));
    }
    case 'true':
    case 'false':
      return { k: 'bool', span, value: n.type === 'true' };
    case 'nil':
      return { k: 'nil', span };
    case 'identifier':
      return { k: 'name', span, name: n.text };
    case 'selector_expression': {
      const op = n.childForFieldName('operand');
      const f = n.childForFieldName('field');
      if (!op || !f) return unknown(n);
      return constOf(op, f, span) ?? { k: 'member', span, object: e(op), name: f.text, nameSpan: spanOf(f) };
    }
    case 'index_expression':
      return { k: 'index', span, object: e(n.childForFieldName('operand')), index: e(n.childForFieldName('index')) };
    case 'call_expression': {
      const fn = n.childForFieldName('function');
      const as = args(n.childForFieldName('arguments'), d);
      if (fn?.type === 'selector_expression' && fn.text === 'strings.EqualFold' && as.length === 2) return { k: 'binary', span, op: '==', left: as[0].value, right: as[1].value };
      return { k: 'call', span, callee: e(fn), args: as };
    }
    case 'composite_literal': {
      const body = n.childForFieldName('body');
      return body ? literal(body, n.childForFieldName('type') ?? undefined, d + 1) : unknown(n);
    }
    case 'literal_value':
      return literal(n, undefined, d + 1);
    case 'func_literal':
      return { k: 'func', span, fn: goFunc(n, d + 1) };
    case 'binary_expression': {
      const raw = n.childForFieldName('operator')?.text ?? '';
      return { k: 'binary', span, op: raw, left: e(n.childForFieldName('left')), right: e(n.childForFieldName('right')) };
    }
    case 'unary_expression': {
      const op = n.childForFieldName('operator')?.text ?? '';
      const arg = e(n.childForFieldName('operand'));
      if (op === '!') return { k: 'not', span, expr: arg };
      // `&T{}` is the struct literal (a pointer to it); `*p` the value pointed at
      if (op === '&' || op === '*') return arg;
      if (op === '-' && arg.k === 'num') return { k: 'num', span, raw: n.text, value: -arg.value };
      return { k: 'unary', span, op, expr: arg };
    }
    case 'parenthesized_expression':
      return e(kids(n)[0]);
    case 'type_conversion_expression':
      // `string(b)`, `[]string(x)`: the value converted
      return e(n.childForFieldName('operand'));
    case 'type_assertion_expression':
      return e(n.childForFieldName('operand'));
    default:
      return unknown(n);
  }
}
