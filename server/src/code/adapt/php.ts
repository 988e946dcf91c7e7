/**
 * PHP (tree-sitter-php 0.24) → the common form. Variables keep their `$` (`$origin`), so they never meet
 * constants and functions; `"a$b"` and `a . b` become concatenations; `exit` / `die()` / `throw` stop a function.
 */
import type { Node } from '../../syntax/treeSitter.js';
import { spanOf, type Arg, type Entry, type Expr, type Func, type Param, type Program, type Stmt } from '../form.js';
import { MAX_DEPTH, allKids, ifChain, kids, numberLit, StringParts, unknown } from './common.js';

const DQ_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', v: '\v', e: '\x1b', f: '\f', '\\': '\\', $: '$', '"': '"', '0': '\0' };

function decodeDq(esc: string): string | undefined {
  if (esc.length === 2 && esc[1] in DQ_ESCAPES) return DQ_ESCAPES[esc[1]];
  if (/^\\x[0-9a-fA-F]{1,2}$/.test(esc)) return String.fromCharCode(parseInt(esc.slice(2), 16));
  if (/^\\u\{[0-9a-fA-F]+\}$/.test(esc)) return String.fromCodePoint(parseInt(esc.slice(3, -1), 16));
  return undefined;
}

function phpString(n: Node, d: number): Expr {
  const span = spanOf(n);
  const single = n.type === 'string' && n.text.startsWith("'");
  const ks = allKids(n);
  const sp = new StringParts(span);
  let verbatim = true;
  for (const c of ks) {
    if (c.type === 'string_content' || c.type === 'string_value') {
      const v = single ? c.text.replace(/\\([\\'])/g, (_m, x: string) => x) : c.text;
      if (v !== c.text) verbatim = false;
      sp.piece(v, spanOf(c), v === c.text);
    } else if (c.type === 'escape_sequence') {
      const dec = single ? (c.text === "\\'" || c.text === '\\\\' ? c.text[1] : c.text) : decodeDq(c.text);
      if (dec === undefined) return unknown(n);
      sp.piece(dec, spanOf(c), false);
      verbatim = false;
    } else if (c.isNamed && c.type !== 'comment') sp.push(phpExpr(c, d + 1));
  }
  const first = ks[0];
  const last = ks.at(-1);
  const inner = first && last && /^['"]$/.test(first.text) ? { start: first.endIndex, end: last.startIndex } : span;
  return sp.result(inner, verbatim);
}

const OPS: Record<string, string> = { '===': '==', '!==': '!=', '<>': '!=', and: '&&', or: '||', '.': '+' };

function args(a: Node | null | undefined, d: number): Arg[] {
  if (!a) return [];
  return kids(a).map((c) => {
    const nm = c.childForFieldName('name');
    const vals = kids(c).filter((k) => k.id !== nm?.id);
    const v = vals[0];
    if (v?.type === 'variadic_unpacking') return { span: spanOf(c), value: phpExpr(kids(v)[0], d), spread: true };
    return { span: spanOf(c), name: nm?.text, nameSpan: nm ? spanOf(nm) : undefined, value: phpExpr(v, d) };
  });
}

export function phpExpr(n: Node | null | undefined, d = 0): Expr {
  if (!n) return { k: 'unknown', span: { start: 0, end: 0 } };
  const span = spanOf(n);
  if (d > MAX_DEPTH) return unknown(n);
  const e = (x: Node | null | undefined) => phpExpr(x, d + 1);
  switch (n.type) {
    case 'string':
    case 'encapsed_string':
      return phpString(n, d);
    case 'integer':
    case 'float':
      return numberLit(n);
    case 'boolean':
      return { k: 'bool', span, value: n.text.toLowerCase() === 'true' };
    case 'null':
      return { k: 'nil', span };
    case 'variable_name':
      return { k: 'name', span, name: n.text };
    case 'relative_scope':
      return { k: 'name', span, name: n.text.toLowerCase() };
    case 'name':
    case 'qualified_name':
      return /^(true|false)$/i.test(n.text) ? { k: 'bool', span, value: n.text.toLowerCase() === 'true' } : /^null$/i.test(n.text) ? { k: 'nil', span } : { k: 'name', span, name: n.text.replace(/^\\/, '') };
    case 'member_access_expression':
    case 'nullsafe_member_access_expression':
    case 'class_constant_access_expression':
    case 'scoped_property_access_expression': {
      const ks = kids(n);
      const obj = n.childForFieldName('object') ?? n.childForFieldName('scope') ?? ks[0];
      const nm = n.childForFieldName('name') ?? ks.at(-1);
      return { k: 'member', span, object: e(obj), name: nm?.text ?? '', nameSpan: nm ? spanOf(nm) : span };
    }
    case 'member_call_expression':
    case 'nullsafe_member_call_expression':
    case 'scoped_call_expression': {
      const obj = n.childForFieldName('object') ?? n.childForFieldName('scope');
      const nm = n.childForFieldName('name');
      const callee: Expr = { k: 'member', span: { start: span.start, end: nm ? nm.endIndex : span.end }, object: e(obj), name: nm?.text ?? '', nameSpan: nm ? spanOf(nm) : span };
      return { k: 'call', span, callee, args: args(n.childForFieldName('arguments'), d + 1) };
    }
    case 'function_call_expression':
      return { k: 'call', span, callee: e(n.childForFieldName('function')), args: args(n.childForFieldName('arguments'), d + 1) };
    case 'object_creation_expression': {
      const ks = kids(n);
      return { k: 'call', span, callee: e(ks.find((k) => k.type !== 'arguments')), args: args(ks.find((k) => k.type === 'arguments'), d + 1), isNew: true };
    }
    case 'subscript_expression': {
      const ks = kids(n);
      // inside a double-quoted string `"$a[key]"` the bare key is a string
      const key = ks[1];
      if (key?.type === 'name' && n.parent?.type === 'encapsed_string') {
        const ksp = spanOf(key);
        return { k: 'index', span, object: e(ks[0]), index: { k: 'str', span: ksp, value: key.text, inner: ksp, verbatim: true } };
      }
      return { k: 'index', span, object: e(ks[0]), index: key ? e(key) : unknown(n) };
    }
    case 'array_creation_expression': {
      const els = kids(n).filter((c) => c.type === 'array_element_initializer');
      const keyed = els.some((c) => allKids(c).some((k) => k.type === '=>'));
      if (!keyed) return { k: 'list', span, kind: 'array', items: els.map((c) => (allKids(c).some((k) => k.type === '...') ? unknown(c) : e(kids(c)[0]))) };
      return { k: 'map', span, entries: els.map((c) => arrayEntry(c, d + 1)) };
    }
    case 'binary_expression': {
      const raw = n.childForFieldName('operator')?.text ?? '';
      const op = OPS[raw.toLowerCase()] ?? raw;
      return { k: 'binary', span, op, left: e(n.childForFieldName('left')), right: e(n.childForFieldName('right')) };
    }
    case 'unary_op_expression': {
      const op = n.childForFieldName('operator')?.text ?? allKids(n)[0]?.text ?? '';
      const arg = e(n.childForFieldName('argument') ?? kids(n)[0]);
      if (op === '!') return { k: 'not', span, expr: arg };
      if (op === '-' && arg.k === 'num') return { k: 'num', span, raw: n.text, value: -arg.value };
      return { k: 'unary', span, op, expr: arg };
    }
    case 'conditional_expression': {
      const test = e(n.childForFieldName('condition'));
      const body = n.childForFieldName('body');
      return { k: 'ternary', span, test, then: body ? e(body) : test, else: e(n.childForFieldName('alternative')) };
    }
    case 'assignment_expression':
      return { k: 'assignExpr', span, target: e(n.childForFieldName('left')), value: e(n.childForFieldName('right')) };
    case 'anonymous_function':
    case 'arrow_function':
    case 'anonymous_function_creation_expression':
      return { k: 'func', span, fn: phpFunc(n, d + 1) };
    case 'parenthesized_expression':
    case 'cast_expression':
      return e(kids(n).at(-1));
    default:
      return unknown(n);
  }
}

function arrayEntry(c: Node, d: number): Entry {
  const span = spanOf(c);
  const ks = kids(c);
  if (allKids(c).some((k) => k.type === '...')) return { span, spread: true, value: phpExpr(ks[0], d) };
  if (ks.length < 2) return { span, keyExpr: undefined, value: phpExpr(ks[0], d) };
  const k = phpExpr(ks[0], d);
  const v = phpExpr(ks[1], d);
  return k.k === 'str' ? { span, key: k.value, keySpan: k.verbatim ? k.inner : k.span, value: v } : { span, keyExpr: k, value: v };
}

function phpParams(ps: Node | null | undefined, d: number): Param[] {
  if (!ps) return [];
  return kids(ps).map((p) => {
    const nm = p.childForFieldName('name');
    const def = p.childForFieldName('default_value');
    return { name: nm?.text ?? '', span: spanOf(p), default: def ? phpExpr(def, d) : undefined };
  });
}

const ATTRS = (n: Node, d: number): Expr[] =>
  kids(n)
    .filter((k) => k.type === 'attribute_list')
    .flatMap((l) => l.descendantsOfType('attribute'))
    .filter((a): a is Node => !!a)
    .map((a) => {
      const nm = kids(a)[0];
      const ar = kids(a).find((k) => k.type === 'arguments');
      return { k: 'call', span: spanOf(a), callee: phpExpr(nm, d), args: args(ar, d) } as Expr;
    });

export function phpFunc(n: Node, d: number): Func {
  const name = n.childForFieldName('name');
  const body = n.childForFieldName('body');
  const uses = kids(n).find((k) => k.type === 'anonymous_function_use_clause');
  const base = {
    span: spanOf(n),
    name: name?.text,
    nameSpan: name ? spanOf(name) : undefined,
    params: phpParams(n.childForFieldName('parameters'), d),
    decorators: ATTRS(n, d),
    // closures see the variables they `use`; arrow functions see every variable of the enclosing scope
    closure: n.type === 'arrow_function' ? ('all' as const) : uses ? kids(uses).map((v) => v.text.replace(/^&/, '')) : undefined,
  };
  if (body && body.type !== 'compound_statement') return { ...base, body: [{ k: 'return', span: spanOf(body), value: phpExpr(body, d) }], exprBody: true };
  return { ...base, body: body ? phpBlock(body, d) : [] };
}

export function phpBlock(n: Node, d = 0): Stmt[] {
  const out: Stmt[] = [];
  for (const c of kids(n)) phpStmt(c, out, d + 1);
  return out;
}

const EXIT_CALLS = /^(die|exit)$/i;

/** `define('NAME', value)`: a constant, as `const NAME = value`. */
function defined(call: Node, d: number): Stmt | undefined {
  const [name, value] = args(call.childForFieldName('arguments'), d);
  if (!name || !value || name.name || value.name || name.value.k !== 'str') return undefined;
  return { k: 'assign', span: spanOf(call), target: { k: 'name', span: name.value.span, name: name.value.value }, value: value.value, op: '=', decl: 'const' };
}

function phpStmt(n: Node, out: Stmt[], d: number): void {
  const span = spanOf(n);
  if (d > MAX_DEPTH) return;
  const body = (x: Node | null | undefined): Stmt[] => {
    if (!x) return [];
    if (x.type === 'compound_statement' || x.type === 'colon_block') return phpBlock(x, d);
    const o: Stmt[] = [];
    phpStmt(x, o, d + 1);
    return o;
  };
  switch (n.type) {
    case 'expression_statement': {
      const x = kids(n)[0];
      if (!x) return;
      if (x.type === 'assignment_expression' || x.type === 'augmented_assignment_expression') {
        const op = x.type === 'assignment_expression' ? '=' : (x.childForFieldName('operator')?.text ?? '.=');
        out.push({ k: 'assign', span, target: phpExpr(x.childForFieldName('left'), d), value: phpExpr(x.childForFieldName('right'), d), op: op === '.=' ? '+=' : op });
      } else if (x.type === 'function_call_expression' && /^define$/i.test(x.childForFieldName('function')?.text ?? '') && defined(x, d)) {
        out.push(defined(x, d)!);
      } else if (x.type === 'throw_expression' || (x.type === 'function_call_expression' && EXIT_CALLS.test(x.childForFieldName('function')?.text ?? ''))) {
        out.push({ k: 'exit', span });
      } else out.push({ k: 'expr', span, expr: phpExpr(x, d) });
      return;
    }
    case 'exit_statement':
      out.push({ k: 'exit', span });
      return;
    case 'ERROR':
      // half-typed code: the calls and statements the parser could still read, in order
      for (const c of kids(n)) {
        if (c.type.endsWith('_expression') && c.type !== 'parenthesized_expression') out.push({ k: 'expr', span: spanOf(c), expr: phpExpr(c, d) });
        else phpStmt(c, out, d + 1);
      }
      return;
    case 'return_statement':
      out.push({ k: 'return', span, value: kids(n)[0] ? phpExpr(kids(n)[0], d) : undefined });
      return;
    case 'function_definition':
    case 'method_declaration':
      out.push({ k: 'func', span, fn: phpFunc(n, d) });
      return;
    case 'class_declaration':
    case 'trait_declaration':
      out.push({ k: 'class', span, name: n.childForFieldName('name')?.text, decorators: ATTRS(n, d), body: n.childForFieldName('body') ? phpBlock(n.childForFieldName('body')!, d) : [] });
      return;
    case 'declaration_list':
    case 'compound_statement':
      out.push({ k: 'block', span, body: phpBlock(n, d), kind: 'block' });
      return;
    case 'const_declaration':
      for (const c of kids(n)) {
        if (c.type !== 'const_element') continue;
        const [nm, v] = kids(c);
        if (nm && v) out.push({ k: 'assign', span: spanOf(c), target: { k: 'name', span: spanOf(nm), name: nm.text }, value: phpExpr(v, d), op: '=', decl: 'const' });
      }
      return;
    case 'if_statement':
      out.push(ifChain(n, (c) => ({ test: phpExpr(c.childForFieldName('condition'), d), body: body(c.childForFieldName('body')) }), (c) => body(c.childForFieldName('body'))));
      return;
    case 'switch_statement': {
      const cases = kids(n.childForFieldName('body') ?? n)
        .filter((c) => c.type === 'case_statement' || c.type === 'default_statement')
        .map((c) => {
          const v = c.childForFieldName('value');
          const stmts: Stmt[] = [];
          for (const s of kids(c)) if (s.id !== v?.id) phpStmt(s, stmts, d + 1);
          return { tests: v ? [phpExpr(v, d)] : [], body: stmts, span: spanOf(c) };
        });
      // `case 'a': case 'b': ...`: an empty case falls through into the next one
      for (let i = cases.length - 2; i >= 0; i--) {
        if (!cases[i].body.length && cases[i].tests.length && cases[i + 1].tests.length) {
          cases[i + 1] = { ...cases[i + 1], tests: [...cases[i].tests, ...cases[i + 1].tests] };
          cases.splice(i, 1);
        }
      }
      out.push({ k: 'switch', span, subject: phpExpr(n.childForFieldName('condition'), d), cases });
      return;
    }
    case 'foreach_statement': {
      // foreach ($list as $v) / foreach ($map as $k => $v): $v takes each value in turn
      const [of, as] = kids(n);
      const v = as?.type === 'pair' ? kids(as).at(-1) : as;
      const each = of && v?.type === 'variable_name' ? { name: v.text, of: phpExpr(of, d) } : undefined;
      out.push({ k: 'block', span, body: body(n.childForFieldName('body') ?? kids(n).at(-1)), kind: 'loop', each });
      return;
    }
    case 'for_statement':
    case 'while_statement':
    case 'do_statement':
      out.push({ k: 'block', span, body: body(n.childForFieldName('body') ?? kids(n).at(-1)), kind: 'loop' });
      return;
    case 'try_statement': {
      // the try body, its catch handlers apart (either may send the response), then `finally`
      const catches = kids(n)
        .filter((c) => c.type === 'catch_clause')
        .map((c) => body(c.childForFieldName('body')));
      out.push({ k: 'block', span, body: body(n.childForFieldName('body')), kind: 'try', catches });
      const fin = kids(n).find((c) => c.type === 'finally_clause');
      if (fin) out.push({ k: 'block', span: spanOf(fin), body: body(fin.childForFieldName('body') ?? kids(fin).at(-1)), kind: 'block' });
      return;
    }
    case 'namespace_definition': {
      const b = n.childForFieldName('body');
      if (b) out.push(...phpBlock(b, d));
      return;
    }
    case 'namespace_use_declaration':
      for (const c of kids(n)) {
        if (c.type !== 'namespace_use_clause') continue;
        const q = kids(c)[0];
        const alias = c.childForFieldName('alias')?.text ?? q?.text.split('\\').pop() ?? '';
        out.push({ k: 'import', span, module: q?.text ?? '', names: [{ name: '*', alias }] });
      }
      return;
    default:
      return;
  }
}

export function phpProgram(root: Node): Program {
  return { body: phpBlock(root), language: 'php' };
}
