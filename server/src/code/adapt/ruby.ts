/**
 * Ruby (tree-sitter-ruby 0.23) → the common form: statements (expressions: rubyExpr.ts). `unless` is an
 * `if` with the test negated, modifier `if` / `unless` an `if` around one statement, `elsif` a nested `if`,
 * `case … when` a switch (without a subject: an `if` chain), `def` / blocks / lambdas functions whose last
 * expression is their return value, `raise` / Sinatra `halt` an exit, `class` / `module` a class.
 */
import type { Node } from '../../syntax/treeSitter.js';
import { spanOf, type Expr, type Program, type Stmt } from '../form.js';
import { MAX_DEPTH, kids } from './common.js';
import { rbExpr, rbFunc, setBodyReader } from './rubyExpr.js';

export { rbExpr } from './rubyExpr.js';

const EXITS = new Set(['raise', 'fail', 'halt', 'abort', 'exit', 'exit!', 'throw']);

const not = (e: Expr): Expr => ({ k: 'not', span: e.span, expr: e });

/** The statements of a body; `fnBody`: the last expression is the value returned. */
export function rbBlock(n: Node | null | undefined, d = 0, fnBody = false): Stmt[] {
  const out: Stmt[] = [];
  if (!n || d > MAX_DEPTH) return out;
  const ks = kids(n);
  // a def / block body with `rescue` / `ensure` clauses reads like `begin … end`
  if (n.type === 'body_statement' && ks.some((c) => c.type === 'rescue' || c.type === 'ensure')) rbStmt(n, out, d + 1);
  else for (const c of ks) rbStmt(c, out, d + 1);
  const last = out[out.length - 1];
  if (fnBody && last?.k === 'expr') out[out.length - 1] = { k: 'return', span: last.span, value: last.expr };
  return out;
}

setBodyReader((n, d) => rbBlock(n, d, true));

function ifStmt(n: Node, d: number, negate: boolean): Stmt {
  const test = rbExpr(n.childForFieldName('condition'), d);
  const alt = n.childForFieldName('alternative');
  const els = !alt ? undefined : alt.type === 'elsif' ? [ifStmt(alt, d + 1, false)] : rbBlock(alt, d);
  return { k: 'if', span: spanOf(n), test: negate ? not(test) : test, then: rbBlock(n.childForFieldName('consequence'), d), else: els };
}

function caseStmt(n: Node, d: number): Stmt {
  const span = spanOf(n);
  const value = n.childForFieldName('value');
  const whens = kids(n).filter((c) => c.type === 'when');
  const other = kids(n).find((c) => c.type === 'else');
  const testsOf = (w: Node) => w.childrenForFieldName('pattern').filter((x): x is Node => !!x).map((p) => rbExpr(kids(p)[0] ?? p, d));
  if (!value) {
    // `case when a then … when b then … end`: an if chain
    let tail: Stmt[] | undefined = other ? rbBlock(other, d) : undefined;
    for (let i = whens.length - 1; i >= 0; i--) {
      const tests = testsOf(whens[i]);
      const test = tests.reduce((a: Expr | undefined, t): Expr => (a ? { k: 'binary', span: spanOf(whens[i]), op: '||', left: a, right: t } : t), undefined);
      if (!test) return { k: 'block', span, body: [], kind: 'block' };
      tail = [{ k: 'if', span: spanOf(whens[i]), test, then: rbBlock(whens[i].childForFieldName('body'), d), else: tail }];
    }
    return tail?.[0] ?? { k: 'block', span, body: [], kind: 'block' };
  }
  const cases = whens.map((w) => ({ tests: testsOf(w), body: rbBlock(w.childForFieldName('body'), d), span: spanOf(w) }));
  if (other) cases.push({ tests: [], body: rbBlock(other, d), span: spanOf(other) });
  return { k: 'switch', span, subject: rbExpr(value, d), cases };
}

function rbStmt(n: Node, out: Stmt[], d: number): void {
  const span = spanOf(n);
  if (d > MAX_DEPTH) return;
  switch (n.type) {
    case 'assignment': {
      const left = n.childForFieldName('left');
      const right = n.childForFieldName('right');
      if (!right) return;
      const value = right.type === 'right_assignment_list' ? { k: 'list' as const, span: spanOf(right), kind: 'array' as const, items: kids(right).map((c) => rbExpr(c, d)) } : rbExpr(right, d);
      out.push({ k: 'assign', span, target: rbExpr(left, d), value, op: '=', decl: left?.type === 'constant' ? 'const' : undefined });
      return;
    }
    case 'operator_assignment':
      out.push({ k: 'assign', span, target: rbExpr(n.childForFieldName('left'), d), value: rbExpr(n.childForFieldName('right'), d), op: n.childForFieldName('operator')?.text ?? '+=' });
      return;
    case 'if':
    case 'unless':
      out.push(ifStmt(n, d, n.type === 'unless'));
      return;
    case 'if_modifier':
    case 'unless_modifier': {
      const test = rbExpr(n.childForFieldName('condition'), d);
      const body: Stmt[] = [];
      const b = n.childForFieldName('body');
      if (b) rbStmt(b, body, d + 1);
      out.push({ k: 'if', span, test: n.type === 'unless_modifier' ? not(test) : test, then: body });
      return;
    }
    case 'case':
      out.push(caseStmt(n, d));
      return;
    case 'return': {
      const a = kids(n)[0];
      const vals = a?.type === 'argument_list' ? kids(a) : a ? [a] : [];
      out.push({ k: 'return', span, value: vals.length === 1 ? rbExpr(vals[0], d) : undefined });
      return;
    }
    case 'method':
    case 'singleton_method':
      out.push({ k: 'func', span, fn: rbFunc(n, d, n.childForFieldName('name')) });
      return;
    case 'class':
    case 'module':
    case 'singleton_class': {
      const sup = n.childForFieldName('superclass');
      out.push({ k: 'class', span, name: n.childForFieldName('name')?.text, decorators: [], body: rbBlock(n.childForFieldName('body'), d), bases: sup ? kids(sup).map((c) => rbExpr(c, d)) : [] });
      return;
    }
    case 'while':
    case 'until':
    case 'for':
      out.push({ k: 'block', span, body: rbBlock(n.childForFieldName('body'), d), kind: 'loop' });
      return;
    case 'while_modifier':
    case 'until_modifier': {
      const body: Stmt[] = [];
      const b = n.childForFieldName('body');
      if (b) rbStmt(b, body, d + 1);
      out.push({ k: 'block', span, body, kind: 'loop' });
      return;
    }
    case 'begin':
    case 'body_statement': {
      // `begin … rescue … ensure … end` (and a def body with rescue clauses): the main body may stop early
      const main: Stmt[] = [];
      const catches: Stmt[][] = [];
      for (const c of kids(n)) {
        if (c.type === 'rescue' || c.type === 'ensure' || c.type === 'else') catches.push(rbBlock(c.type === 'rescue' ? c.childForFieldName('body') : c, d));
        else rbStmt(c, main, d + 1);
      }
      out.push({ k: 'block', span, body: main, kind: catches.length ? 'try' : 'block', catches: catches.length ? catches : undefined });
      return;
    }
    case 'parenthesized_statements':
      for (const c of kids(n)) rbStmt(c, out, d + 1);
      return;
    case 'comment':
    case 'empty_statement':
    case 'heredoc_body':
      return;
    default: {
      const ex = rbExpr(n, d);
      if (ex.k === 'call' && ex.callee.k === 'name' && EXITS.has(ex.callee.name)) out.push({ k: 'exit', span, value: ex });
      else out.push({ k: 'expr', span, expr: ex });
    }
  }
}

export function rbProgram(root: Node): Program {
  return { body: rbBlock(root), language: 'ruby' };
}
