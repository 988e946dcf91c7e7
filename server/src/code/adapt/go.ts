/**
 * Go (tree-sitter-go 0.25) → the common form: statements here, expressions in goExpr.ts.
 * - `var` / `const` / `:=` / `=` → assign (decl 'var' / 'const' / 'let'); `a, b := x, y` pairs them up; a
 *   call giving several results leaves each name unknown; `v, ok := m[k]` makes `ok` the test `k in m`.
 * - `if init; cond {}` → the init statements, then the if; tagless `switch { case c: }` → if / else chain;
 *   `switch x { case a, b: }` → switch; `for _, v := range list` → a loop block whose `each` is v.
 * - `func (s *S) m(...)` and `func f(...)` → func (receiver left out of the parameters); `panic(...)`,
 *   `log.Fatal…`, `os.Exit` stop the function; `defer` / `go` run their call.
 */
import type { Node } from '../../syntax/treeSitter.js';
import { spanOf, type Expr, type Program, type Stmt } from '../form.js';
import { MAX_DEPTH, kids } from './common.js';
import { bodies, goExpr, goFunc } from './goExpr.js';

const EXITS = /^(panic|os\.Exit|log\.(Fatal|Fatalf|Fatalln|Panic|Panicf|Panicln))$/;

function list(n: Node | null | undefined): Node[] {
  if (!n) return [];
  return n.type === 'expression_list' ? kids(n) : [n];
}

/** `a, b := x, y` and its forms as one assignment per name. */
function assigns(left: Node[], right: Node[], span: Stmt['span'], op: string, decl: 'const' | 'let' | 'var' | undefined, d: number, out: Stmt[]): void {
  const single = right.length === 1 && left.length > 1 ? right[0] : undefined;
  left.forEach((l, i) => {
    if (l.type === 'identifier' && l.text === '_') return;
    const target = goExpr(l, d);
    let value: Expr;
    if (!single) value = right[i] ? goExpr(right[i], d) : { k: 'unknown', span };
    else if (single.type === 'index_expression' && i === 1) {
      // `_, ok := allowed[origin]`: ok says whether the key is in the map
      value = { k: 'binary', span: spanOf(single), op: 'in', left: goExpr(single.childForFieldName('index'), d), right: goExpr(single.childForFieldName('operand'), d) };
    } else if (single.type === 'index_expression' && i === 0) value = goExpr(single, d);
    else value = { k: 'unknown', span: spanOf(single) };
    out.push({ k: 'assign', span, target, value, op, decl });
  });
}

function specs(n: Node, decl: 'const' | 'var', d: number, out: Stmt[]): void {
  for (const s of kids(n)) {
    if (s.type === 'var_spec_list' || s.type === 'const_spec_list') {
      specs(s, decl, d, out);
      continue;
    }
    if (s.type !== 'var_spec' && s.type !== 'const_spec') continue;
    const names = s.childrenForFieldName('name').filter((x): x is Node => !!x);
    const values = list(s.childForFieldName('value'));
    // `var x T` (zero value) binds x to nothing we know
    if (!values.length) for (const nm of names) out.push({ k: 'assign', span: spanOf(s), target: goExpr(nm, d), value: { k: 'unknown', span: spanOf(s) }, op: '=', decl });
    else assigns(names, values, spanOf(s), '=', decl, d, out);
  }
}

export function goBlock(n: Node | null | undefined, d = 0): Stmt[] {
  const out: Stmt[] = [];
  if (!n) return out;
  for (const c of kids(n)) {
    if (c.type === 'statement_list' || c.type === 'block') out.push(...goBlock(c, d + 1));
    else goStmt(c, out, d + 1);
  }
  return out;
}
bodies.read = (b, d) => goBlock(b, d);

function ifStmt(n: Node, d: number): Stmt[] {
  const out: Stmt[] = [];
  const init = n.childForFieldName('initializer');
  if (init) goStmt(init, out, d + 1);
  const alt = n.childForFieldName('alternative');
  const els = alt ? (alt.type === 'if_statement' ? ifStmt(alt, d + 1) : goBlock(alt, d + 1)) : undefined;
  out.push({ k: 'if', span: spanOf(n), test: goExpr(n.childForFieldName('condition'), d), then: goBlock(n.childForFieldName('consequence'), d + 1), else: els });
  return out;
}

function switchStmt(n: Node, d: number, out: Stmt[]): void {
  const init = n.childForFieldName('initializer');
  if (init) goStmt(init, out, d + 1);
  const value = n.childForFieldName('value');
  const cases = kids(n)
    .filter((c) => c.type === 'expression_case' || c.type === 'default_case')
    .map((c) => {
      const v = c.childForFieldName('value');
      const body: Stmt[] = [];
      for (const s of kids(c)) if (s.id !== v?.id) s.type === 'statement_list' ? body.push(...goBlock(s, d + 1)) : goStmt(s, body, d + 1);
      return { tests: list(v).map((x) => goExpr(x, d)), body, span: spanOf(c) };
    });
  if (value) {
    out.push({ k: 'switch', span: spanOf(n), subject: goExpr(value, d), cases });
    return;
  }
  // `switch { case a, b: … default: … }`: the first case whose test holds
  const dflt = cases.find((c) => !c.tests.length);
  let tail: Stmt[] | undefined = dflt?.body;
  const arms = cases.filter((c) => c.tests.length);
  for (let i = arms.length - 1; i >= 0; i--) {
    const test = arms[i].tests.reduce((a, b) => ({ k: 'binary', span: { start: a.span.start, end: b.span.end }, op: '||', left: a, right: b }) as Expr);
    tail = [{ k: 'if', span: arms[i].span, test, then: arms[i].body, else: tail }];
  }
  if (tail) out.push(...(arms.length ? tail : [{ k: 'block', span: spanOf(n), body: tail, kind: 'block' } as Stmt]));
}

function goStmt(n: Node, out: Stmt[], d: number): void {
  if (d > MAX_DEPTH) return;
  const span = spanOf(n);
  switch (n.type) {
    case 'expression_statement': {
      const x = kids(n)[0];
      if (!x) return;
      if (x.type === 'call_expression' && EXITS.test(x.childForFieldName('function')?.text ?? '')) out.push({ k: 'exit', span });
      else out.push({ k: 'expr', span, expr: goExpr(x, d) });
      return;
    }
    case 'defer_statement':
    case 'go_statement': {
      const x = kids(n)[0];
      if (x) out.push({ k: 'expr', span, expr: goExpr(x, d) });
      return;
    }
    case 'short_var_declaration':
      assigns(list(n.childForFieldName('left')), list(n.childForFieldName('right')), span, '=', 'let', d, out);
      return;
    case 'assignment_statement': {
      const op = n.childForFieldName('operator')?.text ?? '=';
      assigns(list(n.childForFieldName('left')), list(n.childForFieldName('right')), span, op, undefined, d, out);
      return;
    }
    case 'var_declaration':
      specs(n, 'var', d, out);
      return;
    case 'const_declaration':
      specs(n, 'const', d, out);
      return;
    case 'return_statement': {
      const vs = list(kids(n)[0]);
      const value: Expr | undefined = vs.length > 1 ? { k: 'list', span, kind: 'tuple', items: vs.map((v) => goExpr(v, d)) } : vs[0] ? goExpr(vs[0], d) : undefined;
      out.push({ k: 'return', span, value });
      return;
    }
    case 'function_declaration':
    case 'method_declaration':
      out.push({ k: 'func', span, fn: goFunc(n, d + 1) });
      return;
    case 'if_statement':
      out.push(...ifStmt(n, d));
      return;
    case 'expression_switch_statement':
      switchStmt(n, d, out);
      return;
    case 'type_switch_statement':
    case 'select_statement':
    case 'labeled_statement': {
      const body: Stmt[] = [];
      for (const c of kids(n)) {
        if (c.type.endsWith('_case') || c.type.endsWith('_clause')) body.push(...goBlock(c, d + 1));
        else goStmt(c, body, d + 1);
      }
      out.push({ k: 'block', span, body, kind: 'block' });
      return;
    }
    case 'for_statement': {
      const range = kids(n).find((c) => c.type === 'range_clause');
      const left = list(range?.childForFieldName('left'));
      // only `for _, v := range list` binds the elements (a single variable takes the index or the key)
      const v = left.length === 2 && left[1].type === 'identifier' ? left[1] : undefined;
      const each = range && v ? { name: v.text, of: goExpr(range.childForFieldName('right'), d) } : undefined;
      out.push({ k: 'block', span, body: goBlock(n.childForFieldName('body'), d + 1), kind: 'loop', each });
      return;
    }
    case 'block':
    case 'statement_list':
      out.push({ k: 'block', span, body: goBlock(n, d + 1), kind: 'block' });
      return;
    case 'import_declaration':
      for (const s of n.descendantsOfType('import_spec')) {
        if (!s) continue;
        const path = s.childForFieldName('path');
        const module = path ? goExpr(path, d) : undefined;
        if (module?.k !== 'str') continue;
        const alias = s.childForFieldName('name')?.text ?? module.value.split('/').filter((p) => !/^v\d+$/.test(p)).pop() ?? '';
        out.push({ k: 'import', span: spanOf(s), module: module.value, names: [{ name: '*', alias }] });
      }
      return;
    case 'ERROR':
      // half-typed code: what the parser could still read, in order
      for (const c of kids(n)) {
        if (c.type.endsWith('_expression')) out.push({ k: 'expr', span: spanOf(c), expr: goExpr(c, d) });
        else goStmt(c, out, d + 1);
      }
      return;
    default:
      return;
  }
}

export function goProgram(root: Node): Program {
  return { body: goBlock(root), language: 'go' };
}
