/**
 * Python (tree-sitter-python 0.25) → the common form. f-strings become concatenations, keyword arguments
 * named arguments, decorators stay on their function or class, `a is None` becomes `a == None`.
 */
import type { Node } from '../../syntax/treeSitter.js';
import { spanOf, type Arg, type Entry, type Expr, type Func, type Param, type Program, type Stmt } from '../form.js';
import { MAX_DEPTH, allKids, ifChain, joinedParts, kids, numberLit, StringParts, unknown } from './common.js';

const ESCAPES: Record<string, string> = { '\\': '\\', "'": "'", '"': '"', n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', f: '\f', v: '\v', '0': '\0' };

function decodeEscape(esc: string): string | undefined {
  if (esc.length === 2 && esc[1] in ESCAPES) return ESCAPES[esc[1]];
  if (/^\\x[0-9a-fA-F]{2}$/.test(esc) || /^\\u[0-9a-fA-F]{4}$/.test(esc)) return String.fromCharCode(parseInt(esc.slice(2), 16));
  if (esc === '\\\n' || esc === '\\\r\n') return '';
  return undefined;
}

function pyString(n: Node, d: number): Expr {
  const span = spanOf(n);
  const ks = allKids(n);
  const start = ks.find((k) => k.type === 'string_start');
  const end = ks.find((k) => k.type === 'string_end');
  if (!start || !end) return unknown(n);
  const prefix = start.text.replace(/["']+$/, '').toLowerCase();
  if (prefix.includes('b')) return unknown(n);
  const raw = prefix.includes('r');
  const inner = { start: start.endIndex, end: end.startIndex };
  const sp = new StringParts(span);
  let verbatim = true;
  for (const k of ks) {
    if (k.type === 'interpolation') {
      sp.push(pyExpr(k.childForFieldName('expression') ?? kids(k)[0], d + 1));
      continue;
    }
    if (k.type !== 'string_content') continue;
    let pos = k.startIndex;
    for (const s of allKids(k)) {
      if (s.type === 'interpolation') {
        sp.text += k.text.slice(pos - k.startIndex, s.startIndex - k.startIndex);
        sp.push(pyExpr(s.childForFieldName('expression') ?? kids(s)[0], d + 1));
        pos = s.endIndex;
      } else if (s.type === 'escape_sequence' || s.type === 'escape_interpolation') {
        sp.text += k.text.slice(pos - k.startIndex, s.startIndex - k.startIndex);
        if (raw) sp.text += s.text;
        else {
          verbatim = false;
          const dec = s.type === 'escape_interpolation' ? s.text[0] : decodeEscape(s.text);
          if (dec === undefined) return unknown(n);
          sp.text += dec;
        }
        pos = s.endIndex;
      }
    }
    sp.text += k.text.slice(pos - k.startIndex);
  }
  return sp.result(inner, verbatim);
}

const COMPARE: Record<string, string> = { '==': '==', '!=': '!=', is: '==', 'is not': '!=', in: 'in', 'not in': 'not in', '<': '<', '<=': '<=', '>': '>', '>=': '>=' };

export function pyExpr(n: Node | null | undefined, d = 0): Expr {
  if (!n) return { k: 'unknown', span: { start: 0, end: 0 } };
  const span = spanOf(n);
  if (d > MAX_DEPTH) return unknown(n);
  const e = (x: Node | null | undefined) => pyExpr(x, d + 1);
  switch (n.type) {
    case 'string':
      return pyString(n, d);
    case 'concatenated_string': {
      const parts = kids(n).map(e);
      return joinedParts(parts, span);
    }
    case 'integer':
    case 'float':
      return numberLit(n);
    case 'true':
    case 'false':
      return { k: 'bool', span, value: n.type === 'true' };
    case 'none':
      return { k: 'nil', span };
    case 'identifier':
      return { k: 'name', span, name: n.text };
    case 'attribute': {
      const a = n.childForFieldName('attribute');
      return { k: 'member', span, object: e(n.childForFieldName('object')), name: a?.text ?? '', nameSpan: a ? spanOf(a) : span };
    }
    case 'subscript': {
      const subs = n.childrenForFieldName('subscript').filter((x): x is Node => !!x);
      return { k: 'index', span, object: e(n.childForFieldName('value')), index: subs.length === 1 ? e(subs[0]) : unknown(n) };
    }
    case 'call': {
      const a = n.childForFieldName('arguments');
      const args: Arg[] = [];
      if (a?.type === 'argument_list') {
        for (const c of kids(a)) {
          if (c.type === 'keyword_argument') {
            const nm = c.childForFieldName('name');
            args.push({ span: spanOf(c), name: nm?.text, nameSpan: nm ? spanOf(nm) : undefined, value: e(c.childForFieldName('value')) });
          } else if (c.type === 'list_splat' || c.type === 'dictionary_splat') args.push({ span: spanOf(c), value: e(kids(c)[0]), spread: true });
          else args.push({ span: spanOf(c), value: e(c) });
        }
      } else if (a) args.push({ span: spanOf(a), value: unknown(a) });
      return { k: 'call', span, callee: e(n.childForFieldName('function')), args };
    }
    case 'list':
    case 'tuple':
    case 'set':
    case 'expression_list':
      return { k: 'list', span, kind: n.type === 'list' ? 'array' : n.type === 'set' ? 'set' : 'tuple', items: kids(n).map((c) => (c.type === 'list_splat' ? unknown(c) : e(c))) };
    case 'dictionary':
      return { k: 'map', span, entries: kids(n).map((c) => dictEntry(c, d + 1)) };
    case 'lambda': {
      const body = n.childForFieldName('body');
      const fn: Func = { span, params: pyParams(n.childForFieldName('parameters'), d), body: [{ k: 'return', span: body ? spanOf(body) : span, value: e(body) }], decorators: [], exprBody: true };
      return { k: 'func', span, fn };
    }
    case 'boolean_operator': {
      const op = n.childForFieldName('operator')?.type === 'or' || n.child(1)?.type === 'or' ? '||' : '&&';
      return { k: 'binary', span, op, left: e(n.childForFieldName('left')), right: e(n.childForFieldName('right')) };
    }
    case 'not_operator':
      return { k: 'not', span, expr: e(n.childForFieldName('argument')) };
    case 'comparison_operator': {
      const operands = kids(n);
      const ops = n.childrenForFieldName('operators').map((o) => o?.text.replace(/\s+/g, ' ') ?? '');
      if (operands.length !== 2 || ops.length !== 1) return unknown(n);
      return { k: 'binary', span, op: COMPARE[ops[0]] ?? ops[0], left: e(operands[0]), right: e(operands[1]) };
    }
    case 'binary_operator':
      return { k: 'binary', span, op: n.childForFieldName('operator')?.text ?? '', left: e(n.childForFieldName('left')), right: e(n.childForFieldName('right')) };
    case 'unary_operator': {
      const op = n.childForFieldName('operator')?.text ?? '';
      const arg = e(n.childForFieldName('argument'));
      if (op === '-' && arg.k === 'num') return { k: 'num', span, raw: n.text, value: -arg.value };
      return { k: 'unary', span, op, expr: arg };
    }
    case 'conditional_expression': {
      const [a, c, b] = kids(n);
      return { k: 'ternary', span, test: e(c), then: e(a), else: e(b) };
    }
    case 'named_expression':
      return { k: 'assignExpr', span, target: e(n.childForFieldName('name')), value: e(n.childForFieldName('value')) };
    case 'parenthesized_expression':
    case 'await':
      return e(kids(n)[0]);
    default:
      return unknown(n);
  }
}

function dictEntry(c: Node, d: number): Entry {
  const span = spanOf(c);
  if (c.type === 'dictionary_splat') return { span, spread: true, value: pyExpr(kids(c)[0], d) };
  if (c.type !== 'pair') return { span, keyExpr: unknown(c), value: unknown(c) };
  const k = pyExpr(c.childForFieldName('key'), d);
  const v = pyExpr(c.childForFieldName('value'), d);
  return k.k === 'str' ? { span, key: k.value, keySpan: k.verbatim ? k.inner : k.span, value: v } : { span, keyExpr: k, value: v };
}

function pyParams(ps: Node | null | undefined, d: number): Param[] {
  if (!ps) return [];
  return kids(ps).map((p) => {
    const name = p.type === 'identifier' ? p : p.childForFieldName('name') ?? kids(p).find((k) => k.type === 'identifier');
    const value = p.childForFieldName('value');
    return { name: name?.text ?? '', span: spanOf(p), default: value ? pyExpr(value, d) : undefined };
  });
}

function pyFunc(n: Node, decorators: Expr[], d: number): Func {
  const name = n.childForFieldName('name');
  const body = n.childForFieldName('body');
  return { span: spanOf(n), name: name?.text, nameSpan: name ? spanOf(name) : undefined, params: pyParams(n.childForFieldName('parameters'), d), body: body ? pyBlock(body, d) : [], decorators };
}

/** `class B(A, metaclass=M)`: the positional bases (keyword arguments are not bases). */
function classBases(n: Node | null | undefined, d: number): Expr[] {
  return n ? kids(n).filter((c) => c.type !== 'keyword_argument').map((c) => pyExpr(c, d)) : [];
}

export function pyBlock(n: Node, d = 0): Stmt[] {
  const out: Stmt[] = [];
  for (const c of kids(n)) pyStmt(c, out, d + 1);
  return out;
}

const EXITS = /^(flask\.)?abort$|^sys\.exit$/;

function pyStmt(n: Node, out: Stmt[], d: number, decorators: Expr[] = []): void {
  const span = spanOf(n);
  if (d > MAX_DEPTH) return;
  const block = (x: Node | null | undefined) => (x ? pyBlock(x, d) : []);
  switch (n.type) {
    case 'expression_statement': {
      for (const x of kids(n)) {
        if (x.type === 'assignment' || x.type === 'augmented_assignment') {
          const op = x.type === 'assignment' ? '=' : (x.childForFieldName('operator')?.text ?? '+=');
          // `a = b = v`: every target gets v
          const targets: (Node | null)[] = [x.childForFieldName('left')];
          let right = x.childForFieldName('right');
          while (right?.type === 'assignment' && op === '=') {
            targets.push(right.childForFieldName('left'));
            right = right.childForFieldName('right');
          }
          if (!right) continue; // `x: int` annotation only
          const value = pyExpr(right, d);
          for (const t of targets) out.push({ k: 'assign', span: kids(n).length === 1 ? span : spanOf(x), target: pyExpr(t, d), value, op });
        } else {
          const ex = pyExpr(x, d);
          if (ex.k === 'call' && EXITS.test(x.childForFieldName('function')?.text ?? '')) out.push({ k: 'exit', span, value: ex });
          else out.push({ k: 'expr', span, expr: ex });
        }
      }
      return;
    }
    case 'decorated_definition': {
      const decs = kids(n).filter((k) => k.type === 'decorator').map((k) => pyExpr(kids(k)[0], d));
      const def = n.childForFieldName('definition');
      if (def) pyStmt(def, out, d + 1, decs);
      return;
    }
    case 'function_definition':
      out.push({ k: 'func', span, fn: pyFunc(n, decorators, d) });
      return;
    case 'class_definition':
      out.push({ k: 'class', span, name: n.childForFieldName('name')?.text, decorators, body: block(n.childForFieldName('body')), bases: classBases(n.childForFieldName('superclasses'), d) });
      return;
    case 'if_statement':
      // elif chains become nested ifs in the else branch
      out.push(ifChain(n, (c) => ({ test: pyExpr(c.childForFieldName('condition'), d), body: block(c.childForFieldName('consequence')) }), (c) => block(c.childForFieldName('body'))));
      return;
    case 'return_statement':
      out.push({ k: 'return', span, value: kids(n)[0] ? pyExpr(kids(n)[0], d) : undefined });
      return;
    case 'raise_statement':
      out.push({ k: 'exit', span });
      return;
    case 'delete_statement': {
      // `del x[k]` (Django's response.__delitem__) reads as a call `del(x[k])`: `del` is a keyword, so no
      // real function has that name; write tables may name it (code/writes.ts WriteForm.item).
      const what = kids(n)[0];
      for (const t of what?.type === 'expression_list' ? kids(what) : what ? [what] : []) {
        if (t.type !== 'subscript') continue;
        const target = pyExpr(t, d);
        out.push({ k: 'expr', span, expr: { k: 'call', span, callee: { k: 'name', name: 'del', span: { start: span.start, end: span.start + 3 } }, args: [{ span: target.span, value: target }] } });
      }
      return;
    }
    case 'for_statement':
    case 'while_statement':
      out.push({ k: 'block', span, body: [...block(n.childForFieldName('body')), ...block(n.childForFieldName('alternative')?.childForFieldName('body'))], kind: 'loop' });
      return;
    case 'try_statement': {
      const body = [...block(n.childForFieldName('body'))];
      for (const c of kids(n)) if (c.type !== 'block') body.push(...block(kids(c).find((k) => k.type === 'block')));
      out.push({ k: 'block', span, body, kind: 'try' });
      return;
    }
    case 'with_statement':
      out.push({ k: 'block', span, body: block(n.childForFieldName('body')), kind: 'block' });
      return;
    case 'import_from_statement': {
      const mod = n.childForFieldName('module_name')?.text ?? '';
      const names = n.childrenForFieldName('name').filter((x): x is Node => !!x).map((x) => x.type === 'aliased_import' ? { name: x.childForFieldName('name')?.text ?? '', alias: x.childForFieldName('alias')?.text ?? '' } : { name: x.text, alias: x.text.split('.').pop() ?? x.text });
      if (kids(n).some((k) => k.type === 'wildcard_import')) names.push({ name: '*', alias: '*' });
      out.push({ k: 'import', span, module: mod, names });
      return;
    }
    case 'import_statement': {
      for (const x of n.childrenForFieldName('name')) {
        if (!x) continue;
        if (x.type === 'aliased_import') out.push({ k: 'import', span, module: x.childForFieldName('name')?.text ?? '', names: [{ name: '*', alias: x.childForFieldName('alias')?.text ?? '' }] });
        else out.push({ k: 'import', span, module: x.text, names: [{ name: '*', alias: x.text }] });
      }
      return;
    }
    default:
      return;
  }
}

export function pyProgram(root: Node): Program {
  return { body: pyBlock(root), language: 'python' };
}
