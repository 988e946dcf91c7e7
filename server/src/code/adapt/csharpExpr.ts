/**
 * C# expressions (tree-sitter-c-sharp 0.23) → the common form. Fluent calls (`p.WithOrigins(a).AllowAnyHeader()`)
 * are nested calls on members, read with chainOf; lambdas (`o => o.AddPolicy(...)`) are functions; named
 * arguments (`origins: "*"`) are Arg.name; `new T(a) { P = v }` is a `new` call whose initializer assignments
 * are named arguments; `new[] { … }`, `new List<string> { … }`, `[ … ]` are lists; `$"…{x}…"` and `+` are
 * concatenations; `x is "a" or "b"` is `x == "a" || x == "b"`. `x.ToString()` and `x!` are `x` (the request's
 * StringValues read as a string).
 */
import type { Node } from '../../syntax/treeSitter.js';
import { spanOf, type Arg, type Expr, type Func, type Param, type Span, type Stmt } from '../form.js';
import { MAX_DEPTH, allKids, kids, numberLit, StringParts, unknown } from './common.js';

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '0': '\0', '\\': '\\', '"': '"', "'": "'", a: '\x07', b: '\b', f: '\f', v: '\v', e: '\x1b' };

function decode(esc: string): string | undefined {
  if (esc.length === 2 && esc[1] in ESCAPES) return ESCAPES[esc[1]];
  if (/^\\(u[0-9a-fA-F]{4}|x[0-9a-fA-F]{1,4})$/.test(esc)) return String.fromCharCode(parseInt(esc.slice(2), 16));
  return undefined;
}

/** `"…"`, `@"…"`, `"""…"""`, `$"…{x}…"`, `$@"…"`. */
function csString(n: Node, d: number): Expr {
  const span = spanOf(n);
  if (n.type === 'verbatim_string_literal') {
    const t = n.text;
    const body = t.slice(2, -1);
    const value = body.replace(/""/g, '"');
    const inner = { start: span.start + 2, end: span.end - 1 };
    return { k: 'str', span, value, inner, verbatim: value === body };
  }
  const sp = new StringParts(span);
  const verbatimText = n.type === 'interpolated_string_expression' && /^\$*@|^@\$/.test(n.text);
  let verbatim = true;
  let first: Node | undefined;
  let last: Node | undefined;
  for (const c of allKids(n)) {
    switch (c.type) {
      case 'string_literal_content':
      case 'string_content':
      case 'raw_string_content': {
        const v = verbatimText ? c.text.replace(/""/g, '"') : c.text;
        if (v !== c.text) verbatim = false;
        sp.piece(v, spanOf(c), v === c.text);
        first ??= c;
        last = c;
        break;
      }
      case 'escape_sequence': {
        const dec = decode(c.text);
        if (dec === undefined) return unknown(n);
        sp.piece(dec, spanOf(c), false);
        verbatim = false;
        first ??= c;
        last = c;
        break;
      }
      case 'interpolation': {
        const x = kids(c).filter((k) => k.type !== 'interpolation_brace' && k.type !== 'interpolation_alignment_clause' && k.type !== 'interpolation_format_clause');
        // a format (`{x:D2}`) or alignment changes the text: unknown piece
        sp.push(kids(c).some((k) => k.type === 'interpolation_format_clause' || k.type === 'interpolation_alignment_clause') ? unknown(c) : csExpr(x[0], d + 1));
        break;
      }
      default:
        break;
    }
  }
  const inner: Span = first && last ? { start: first.startIndex, end: last.endIndex } : emptyInner(n);
  const r = sp.result(inner, verbatim);
  // `$"{origin}"` is the value itself
  return r.k === 'concat' && r.parts.length === 1 && r.parts[0].k !== 'str' ? r.parts[0] : r;
}

/** The inside of an empty literal `""`: between its quotes. */
function emptyInner(n: Node): Span {
  const open = n.text.indexOf('"');
  const quotes = n.text.match(/"+/)?.[0].length ?? 1;
  const at = n.startIndex + Math.max(open, 0) + quotes;
  return { start: Math.min(at, n.endIndex), end: Math.min(at, n.endIndex) };
}

export function csArgs(list: Node | null | undefined, d: number): Arg[] {
  if (!list) return [];
  return kids(list).map((a) => {
    const nm = a.childForFieldName('name');
    const vals = kids(a).filter((k) => k.id !== nm?.id && k.type !== 'name_colon' && k.type !== 'name_equals');
    // `origins: x` (name_colon in some grammar versions) / attribute `Name = v`
    const colon = kids(a).find((k) => k.type === 'name_colon' || k.type === 'name_equals');
    const nameNode = nm ?? (colon ? kids(colon)[0] : undefined);
    const v = vals.at(-1);
    if (v?.type === 'declaration_expression') {
      const name = v.childForFieldName('name');
      return { span: spanOf(a), value: name ? { k: 'name', span: spanOf(name), name: name.text } : unknown(v) };
    }
    return { span: spanOf(a), name: nameNode?.text, nameSpan: nameNode ? spanOf(nameNode) : undefined, value: csExpr(v, d + 1) };
  });
}

const COLLECTION = /^(List|HashSet|SortedSet|IList|ICollection|IEnumerable|IReadOnlyList|IReadOnlyCollection|ISet|Collection|ReadOnlyCollection)$/;

function typeName(t: Node | null | undefined): string {
  if (!t) return '';
  if (t.type === 'generic_name') return kids(t)[0]?.text ?? '';
  if (t.type === 'qualified_name') return typeName(t.childForFieldName('name'));
  return t.text;
}

function listOf(init: Node | undefined, span: Span, d: number, kind: 'array' | 'set' = 'array'): Expr {
  if (!init) return { k: 'list', span, items: [], kind };
  return { k: 'list', span, kind, items: kids(init).map((c) => (c.type === 'collection_element' ? csExpr(kids(kids(c)[0] ?? c)[0] ?? kids(c)[0], d + 1) : csExpr(c, d + 1))) };
}

function objectCreation(n: Node, d: number): Expr {
  const span = spanOf(n);
  const type = n.childForFieldName('type');
  const init = n.childForFieldName('initializer') ?? kids(n).find((k) => k.type === 'initializer_expression');
  const args = csArgs(n.childForFieldName('arguments'), d);
  const name = typeName(type);
  if (init && (COLLECTION.test(name) || type?.type === 'array_type') && !kids(init).some((k) => k.type === 'assignment_expression'))
    return listOf(init, span, d, /Set$/.test(name) ? 'set' : 'array');
  if (!init && (COLLECTION.test(name) || type?.type === 'array_type') && args.length === 1 && !args[0].name) return args[0].value.k === 'list' ? { ...args[0].value, span } : { k: 'call', span, callee: { k: 'name', span: type ? spanOf(type) : span, name }, args, isNew: true };
  // `new T(a) { P = v }`: the initializer's assignments are named arguments
  const named: Arg[] = [];
  for (const c of init ? kids(init) : []) {
    if (c.type !== 'assignment_expression') return unknown(n);
    const l = c.childForFieldName('left');
    named.push({ span: spanOf(c), name: l?.text, nameSpan: l ? spanOf(l) : undefined, value: csExpr(c.childForFieldName('right'), d + 1) });
  }
  const callee: Expr = type ? (type.type === 'qualified_name' ? { k: 'name', span: spanOf(type), name: type.text } : { k: 'name', span: spanOf(type), name }) : unknown(n);
  return { k: 'call', span, callee, args: [...args, ...named], isNew: true };
}

/** `x is P`: the pattern as a test of `x`. */
function isPattern(x: Expr, p: Node | null | undefined, span: Span, d: number): Expr {
  if (!p || d > MAX_DEPTH) return { k: 'unknown', span };
  switch (p.type) {
    case 'constant_pattern':
      return { k: 'binary', span, op: '==', left: x, right: csExpr(kids(p)[0], d + 1) };
    case 'or_pattern':
    case 'and_pattern':
      return { k: 'binary', span, op: p.type === 'or_pattern' ? '||' : '&&', left: isPattern(x, p.childForFieldName('left'), span, d + 1), right: isPattern(x, p.childForFieldName('right'), span, d + 1) };
    case 'negated_pattern':
      return { k: 'not', span, expr: isPattern(x, kids(p)[0], span, d + 1) };
    case 'parenthesized_pattern':
      return isPattern(x, kids(p)[0], span, d + 1);
    default:
      return { k: 'unknown', span };
  }
}

export function csExpr(n: Node | null | undefined, d = 0): Expr {
  if (!n) return { k: 'unknown', span: { start: 0, end: 0 } };
  const span = spanOf(n);
  if (d > MAX_DEPTH) return unknown(n);
  const e = (x: Node | null | undefined) => csExpr(x, d + 1);
  switch (n.type) {
    case 'string_literal':
    case 'verbatim_string_literal':
    case 'raw_string_literal':
    case 'interpolated_string_expression':
      return csString(n, d);
    case 'integer_literal':
    case 'real_literal':
      return numberLit(n, Number(n.text.replace(/_/g, '').replace(/(u|l|ul|lu|f|d|m)$/i, '')));
    case 'boolean_literal':
      return { k: 'bool', span, value: n.text === 'true' };
    case 'null_literal':
      return { k: 'nil', span };
    case 'identifier':
    case 'predefined_type':
    case 'this_expression':
    case 'this':
    case 'base_expression':
      return { k: 'name', span, name: n.text };
    case 'generic_name':
      return { k: 'name', span, name: kids(n)[0]?.text ?? n.text };
    case 'qualified_name':
    case 'member_access_expression': {
      const obj = n.childForFieldName('expression') ?? n.childForFieldName('qualifier');
      const nm = n.childForFieldName('name');
      const name = nm?.type === 'generic_name' ? (kids(nm)[0]?.text ?? '') : (nm?.text ?? '');
      return { k: 'member', span, object: e(obj), name, nameSpan: nm ? spanOf(nm) : span };
    }
    case 'conditional_access_expression': {
      // `a?.B` / `a?.B(x)` (the call wraps this node): member of the condition
      const obj = n.childForFieldName('condition') ?? kids(n)[0];
      const b = kids(n).find((k) => k.type === 'member_binding_expression');
      const nm = b?.childForFieldName('name');
      if (!b || !nm) return unknown(n);
      return { k: 'member', span, object: e(obj), name: nm.type === 'generic_name' ? (kids(nm)[0]?.text ?? '') : nm.text, nameSpan: spanOf(nm) };
    }
    case 'invocation_expression': {
      const fn = n.childForFieldName('function');
      const args = csArgs(n.childForFieldName('arguments'), d);
      // `x.ToString()`: the request's StringValues as a string
      if (fn?.type === 'member_access_expression' && fn.childForFieldName('name')?.text === 'ToString' && !args.length) return e(fn.childForFieldName('expression'));
      return { k: 'call', span, callee: e(fn), args };
    }
    case 'element_access_expression': {
      const sub = n.childForFieldName('subscript');
      const a = sub ? kids(sub) : [];
      return { k: 'index', span, object: e(n.childForFieldName('expression')), index: a.length === 1 ? e(kids(a[0]).at(-1)) : unknown(n) };
    }
    case 'implicit_array_creation_expression':
    case 'array_creation_expression':
    case 'stackalloc_expression':
      return listOf(kids(n).find((k) => k.type === 'initializer_expression'), span, d);
    case 'initializer_expression':
    case 'collection_expression':
      return listOf(n, span, d);
    case 'object_creation_expression':
    case 'implicit_object_creation_expression':
      return objectCreation(n, d);
    case 'binary_expression': {
      const raw = n.childForFieldName('operator')?.text ?? '';
      return { k: 'binary', span, op: raw, left: e(n.childForFieldName('left')), right: e(n.childForFieldName('right')) };
    }
    case 'is_pattern_expression':
      return isPattern(e(n.childForFieldName('expression')), n.childForFieldName('pattern'), span, d);
    case 'prefix_unary_expression': {
      const op = allKids(n)[0]?.text ?? '';
      const arg = e(kids(n)[0]);
      if (op === '!') return { k: 'not', span, expr: arg };
      if (op === '-' && arg.k === 'num') return { k: 'num', span, raw: n.text, value: -arg.value };
      return { k: 'unary', span, op, expr: arg };
    }
    case 'postfix_unary_expression':
      // `x!` (null-forgiving) is `x`
      return allKids(n).at(-1)?.text === '!' ? e(kids(n)[0]) : unknown(n);
    case 'conditional_expression':
      return { k: 'ternary', span, test: e(n.childForFieldName('condition')), then: e(n.childForFieldName('consequence')), else: e(n.childForFieldName('alternative')) };
    case 'assignment_expression':
      return { k: 'assignExpr', span, target: e(n.childForFieldName('left')), value: e(n.childForFieldName('right')) };
    case 'lambda_expression':
    case 'anonymous_method_expression':
      return { k: 'func', span, fn: csLambda(n, d + 1) };
    case 'parenthesized_expression':
    case 'await_expression':
    case 'checked_expression':
      return e(kids(n).at(-1));
    case 'cast_expression':
      return e(n.childForFieldName('value') ?? kids(n).at(-1));
    default:
      return unknown(n);
  }
}

export function csParams(n: Node | null | undefined): Param[] {
  if (!n) return [];
  if (n.type === 'implicit_parameter' || n.type === 'identifier') return [{ name: n.text, span: spanOf(n) }];
  return kids(n)
    .filter((p) => p.type === 'parameter' || p.type === 'implicit_parameter' || p.type === 'identifier')
    .map((p) => {
      const nm = p.type === 'parameter' ? p.childForFieldName('name') : p;
      return { name: nm?.text ?? '', span: spanOf(p) };
    });
}

/** Statements of a body are built by the statement adapter (csharp.ts), given here to avoid an import cycle. */
let blockOf: (n: Node, d: number) => Stmt[] = () => [];
export function setBlockReader(f: (n: Node, d: number) => Stmt[]): void {
  blockOf = f;
}

function csLambda(n: Node, d: number): Func {
  const ps = n.childForFieldName('parameters') ?? kids(n).find((k) => k.type === 'parameter_list' || k.type === 'implicit_parameter');
  const body = n.childForFieldName('body') ?? kids(n).find((k) => k.type === 'block');
  const base = { span: spanOf(n), params: csParams(ps), decorators: [] as Expr[] };
  if (body && body.type !== 'block') return { ...base, body: [{ k: 'return', span: spanOf(body), value: csExpr(body, d) }], exprBody: true };
  return { ...base, body: body ? blockOf(body, d) : [] };
}
