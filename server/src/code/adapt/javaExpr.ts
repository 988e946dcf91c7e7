/**
 * Java expressions (tree-sitter-java 0.23) → the common form. `a.equals(b)`, `a.equalsIgnoreCase(b)` and
 * `Objects.equals(a, b)` are equality (`==` on strings compares references in Java: op `ref==` / `ref!=`,
 * which no analysis reads as equality); annotations become calls (`@CrossOrigin(origins = {"a"})` → call with the named argument
 * `origins` holding a list); `{"a", "b"}` initialisers and `new String[]{...}` are lists; an anonymous class is a
 * `new` call whose block holds its members.
 */
import type { Node } from '../../syntax/treeSitter.js';
import { spanOf, type Arg, type Expr, type Func, type Param } from '../form.js';
import { MAX_DEPTH, allKids, kids, numberLit, prefixed, StringParts, unknown } from './common.js';
import { classBody, javaBlock } from './java.js';
import { javaConstant } from '../tables/java.js';

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', s: ' ', '0': '\0', "'": "'", '"': '"', '\\': '\\' };

function decode(esc: string): string | undefined {
  if (esc.length === 2 && esc[1] in ESCAPES) return ESCAPES[esc[1]];
  if (/^\\u+[0-9a-fA-F]{4}$/.test(esc)) return String.fromCharCode(parseInt(esc.slice(-4), 16));
  if (/^\\[0-7]{1,3}$/.test(esc)) return String.fromCharCode(parseInt(esc.slice(1), 8));
  return undefined;
}

function javaString(n: Node): Expr {
  const span = spanOf(n);
  // text blocks ("""...""") strip indentation: their value is not the source text; left unknown
  if (n.text.startsWith('"""')) return unknown(n);
  const sp = new StringParts(span);
  let verbatim = true;
  for (const c of allKids(n)) {
    if (c.type === 'string_fragment') sp.piece(c.text, spanOf(c), true);
    else if (c.type === 'escape_sequence') {
      const dec = decode(c.text);
      if (dec === undefined) return unknown(n);
      sp.piece(dec, spanOf(c), false);
      verbatim = false;
    } else if (c.isNamed && c.type !== 'comment') return unknown(n);
  }
  const inner = n.text.length >= 2 && n.text.endsWith('"') ? { start: span.start + 1, end: span.end - 1 } : span;
  return sp.result(inner, verbatim);
}

function num(n: Node): Expr {
  const t = n.text.replace(/_/g, '').replace(/[lLdDfF]$/, '');
  return numberLit(n, n.type.startsWith('hex') ? parseInt(t, 16) : Number(t));
}

export function javaArgs(a: Node | null | undefined, d: number): Arg[] {
  if (!a) return [];
  return kids(a).map((c) => {
    if (c.type === 'element_value_pair') {
      const key = c.childForFieldName('key');
      return { span: spanOf(c), name: key?.text, nameSpan: key ? spanOf(key) : undefined, value: javaExpr(c.childForFieldName('value'), d + 1) };
    }
    return { span: spanOf(c), value: javaExpr(c, d + 1) };
  });
}

/** `@Name` / `@Name(args)` → a call of `Name` (a marker annotation: no arguments). */
export function annotation(a: Node, d: number): Expr {
  const nm = a.childForFieldName('name');
  const callee: Expr = nm ? javaExpr(nm, d) : unknown(a);
  return { k: 'call', span: spanOf(a), callee, args: javaArgs(a.childForFieldName('arguments'), d) };
}

/** The annotations among a declaration's modifiers. */
export function annotationsOf(n: Node, d: number): Expr[] {
  const mods = kids(n).find((k) => k.type === 'modifiers');
  return mods ? kids(mods).filter((k) => k.type === 'annotation' || k.type === 'marker_annotation').map((a) => annotation(a, d)) : [];
}

export function hasModifier(n: Node, word: string): boolean {
  const mods = kids(n).find((k) => k.type === 'modifiers');
  return !!mods && allKids(mods).some((k) => k.text === word);
}

export function javaParams(ps: Node | null | undefined, d: number): Param[] {
  if (!ps) return [];
  if (ps.type === 'identifier') return [{ name: ps.text, span: spanOf(ps) }];
  return kids(ps)
    .filter((p) => p.type === 'formal_parameter' || p.type === 'spread_parameter' || p.type === 'identifier')
    .map((p) => {
      if (p.type === 'identifier') return { name: p.text, span: spanOf(p) };
      const nm = p.childForFieldName('name') ?? p.descendantsOfType('identifier').at(-1) ?? null;
      const decorators = annotationsOf(p, d);
      return { name: nm?.text ?? '', span: spanOf(p), ...(decorators.length ? { decorators } : {}) };
    });
}

function lambda(n: Node, d: number): Func {
  const body = n.childForFieldName('body');
  const base = { span: spanOf(n), params: javaParams(n.childForFieldName('parameters'), d), decorators: [] };
  if (body && body.type !== 'block') return { ...base, body: [{ k: 'return', span: spanOf(body), value: javaExpr(body, d) }], exprBody: true };
  return { ...base, body: body ? javaBlock(body, d) : [] };
}

/** The type name of `new T<..>(...)` without its type arguments. */
function typeName(t: Node | null): string {
  if (!t) return '';
  if (t.type === 'generic_type') return typeName(kids(t)[0] ?? null);
  return t.text;
}

const EQUALS = new Set(['equals', 'equalsIgnoreCase', 'contentEquals']);

export function javaExpr(n: Node | null | undefined, d = 0): Expr {
  if (!n) return { k: 'unknown', span: { start: 0, end: 0 } };
  const span = spanOf(n);
  if (d > MAX_DEPTH) return unknown(n);
  const e = (x: Node | null | undefined) => javaExpr(x, d + 1);
  switch (n.type) {
    case 'string_literal':
      return javaString(n);
    case 'decimal_integer_literal':
    case 'hex_integer_literal':
    case 'decimal_floating_point_literal':
      return num(n);
    case 'true':
    case 'false':
      return { k: 'bool', span, value: n.type === 'true' };
    case 'null_literal':
      return { k: 'nil', span };
    case 'identifier':
    case 'type_identifier':
    case 'this':
      return { k: 'name', span, name: n.text };
    case 'scoped_identifier':
    case 'scoped_type_identifier':
    case 'field_access': {
      const obj = n.childForFieldName('object') ?? n.childForFieldName('scope') ?? kids(n)[0];
      const nm = n.childForFieldName('field') ?? n.childForFieldName('name') ?? kids(n).at(-1);
      const known = obj && nm ? javaConstant(obj.text.split('.').pop() ?? '', nm.text) : undefined;
      if (known !== undefined) return { k: 'str', span, value: known, inner: span, verbatim: false };
      return { k: 'member', span, object: e(obj), name: nm?.text ?? '', nameSpan: nm ? spanOf(nm) : span };
    }
    case 'method_invocation': {
      const obj = n.childForFieldName('object');
      const nm = n.childForFieldName('name');
      const args = javaArgs(n.childForFieldName('arguments'), d + 1);
      const name = nm?.text ?? '';
      // a.equals(b) / Objects.equals(a, b): string equality
      if (EQUALS.has(name) && obj && args.length === 1 && !/^Objects$/.test(obj.text)) return { k: 'binary', span, op: '==', left: e(obj), right: args[0].value };
      if (name === 'equals' && obj?.text === 'Objects' && args.length === 2) return { k: 'binary', span, op: '==', left: args[0].value, right: args[1].value };
      const callee: Expr = obj ? { k: 'member', span: { start: span.start, end: nm ? nm.endIndex : span.end }, object: e(obj), name, nameSpan: nm ? spanOf(nm) : span } : nm ? { k: 'name', span: spanOf(nm), name } : unknown(n);
      return { k: 'call', span, callee, args };
    }
    case 'object_creation_expression': {
      const t = n.childForFieldName('type');
      const callee: Expr = t ? { k: 'name', span: spanOf(t), name: typeName(t) } : unknown(n);
      const call: Expr & { k: 'call' } = { k: 'call', span, callee, args: javaArgs(n.childForFieldName('arguments'), d + 1), isNew: true };
      // an anonymous class (`new WebMvcConfigurer() { ... }`): its members as the call's block
      const body = kids(n).find((k) => k.type === 'class_body');
      if (body) call.block = { span: spanOf(body), params: [], decorators: [], body: classBody(body, d + 1, []) };
      return call;
    }
    case 'array_creation_expression': {
      const v = n.childForFieldName('value');
      return v ? e(v) : unknown(n);
    }
    case 'array_initializer':
    case 'element_value_array_initializer':
      return { k: 'list', span, kind: 'array', items: kids(n).map((c) => e(c)) };
    case 'array_access':
      return { k: 'index', span, object: e(n.childForFieldName('array')), index: e(n.childForFieldName('index')) };
    case 'binary_expression': {
      const op = n.childForFieldName('operator')?.text ?? '';
      const ln = n.childForFieldName('left');
      const rn = n.childForFieldName('right');
      const left = e(ln);
      const right = e(rn);
      // `==` on objects compares references: only a comparison with null, of numbers, or with one of the
      // constants that exist once (`HttpMethod.OPTIONS`) keeps its meaning
      const same = (x: Expr, xn: Node | null) => x.k === 'nil' || x.k === 'num' || (x.k === 'str' && xn?.type !== 'string_literal');
      // (kept as a comparison of its own kind: a test that reads the origin is then an unknown check, not none)
      if ((op === '==' || op === '!=') && !same(left, ln) && !same(right, rn)) return { k: 'binary', span, op: `ref${op}`, left, right };
      if (op === '+' && (left.k === 'str' || left.k === 'concat' || right.k === 'str' || right.k === 'concat')) {
        const parts = [...(left.k === 'concat' ? left.parts : [left]), ...(right.k === 'concat' ? right.parts : [right])];
        return { k: 'concat', span, parts };
      }
      return { k: 'binary', span, op, left, right };
    }
    case 'unary_expression': {
      const op = n.childForFieldName('operator')?.text ?? allKids(n)[0]?.text ?? '';
      return prefixed(span, op, e(n.childForFieldName('operand')), n.text);
    }
    case 'ternary_expression':
      return { k: 'ternary', span, test: e(n.childForFieldName('condition')), then: e(n.childForFieldName('consequence')), else: e(n.childForFieldName('alternative')) };
    case 'assignment_expression':
      return { k: 'assignExpr', span, target: e(n.childForFieldName('left')), value: e(n.childForFieldName('right')) };
    case 'lambda_expression':
      return { k: 'func', span, fn: lambda(n, d + 1) };
    case 'parenthesized_expression':
      return e(kids(n)[0]);
    case 'cast_expression':
      return e(n.childForFieldName('value'));
    case 'annotation':
    case 'marker_annotation':
      return annotation(n, d + 1);
    default:
      return unknown(n);
  }
}
