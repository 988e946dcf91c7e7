/**
 * C# (tree-sitter-c-sharp 0.23) → the common form: statements, classes and methods (expressions:
 * csharpExpr.ts). Top-level statements (Program.cs minimal hosting) are the module body; namespaces are
 * flattened; attributes (`[EnableCors("p")]`, `[EnableCors(origins: "a", SupportsCredentials = true)]`) are
 * decorator calls with named arguments. A class's fields (`const`, `static readonly`, initialised fields) are
 * assignments written just before the class statement, so that its methods see them by their bare name as C#
 * does (a name declared twice in a file is no constant). `TryGetValue("Origin", out var o)` in a condition
 * binds `o` to `headers["Origin"]` before the `if`.
 */
import type { Node } from '../../syntax/treeSitter.js';
import { spanOf, type Expr, type Func, type Program, type Stmt } from '../form.js';
import { MAX_DEPTH, ifChain, kids, unknown } from './common.js';
import { csArgs, csExpr, csParams, setBlockReader } from './csharpExpr.js';

export { csExpr };

function attrs(n: Node, d: number): Expr[] {
  return kids(n)
    .filter((k) => k.type === 'attribute_list')
    .flatMap((l) => kids(l).filter((a) => a.type === 'attribute'))
    .map((a) => {
      const nm = a.childForFieldName('name') ?? kids(a)[0];
      const al = kids(a).find((k) => k.type === 'attribute_argument_list');
      const callee: Expr = nm ? { k: 'name', span: spanOf(nm), name: nm.text.replace(/Attribute$/, '') } : unknown(a);
      return { k: 'call', span: spanOf(a), callee, args: csArgs(al, d) } as Expr;
    });
}

function csFunc(n: Node, d: number): Func {
  const name = n.childForFieldName('name');
  const body = n.childForFieldName('body') ?? kids(n).find((k) => k.type === 'block' || k.type === 'arrow_expression_clause');
  const base = { span: spanOf(n), name: name?.text, nameSpan: name ? spanOf(name) : undefined, params: csParams(n.childForFieldName('parameters')), decorators: attrs(n, d) };
  if (body?.type === 'arrow_expression_clause') {
    const x = kids(body)[0];
    return { ...base, body: [{ k: 'return', span: spanOf(body), value: csExpr(x, d) }], exprBody: true };
  }
  return { ...base, body: body ? csBlock(body, d) : [] };
}

export function csBlock(n: Node, d = 0): Stmt[] {
  const out: Stmt[] = [];
  for (const c of kids(n)) csStmt(c, out, d + 1);
  return out;
}
setBlockReader(csBlock);

const CONST_MODS = /^(const|readonly)$/;

/** `var a = 1, b = 2;` / `const string X = "…";` / a field declaration. */
function declarations(n: Node, out: Stmt[], d: number, decl: 'const' | 'var'): void {
  const vd = kids(n).find((k) => k.type === 'variable_declaration');
  for (const v of vd ? kids(vd) : []) {
    if (v.type !== 'variable_declarator') continue;
    const nm = v.childForFieldName('name') ?? kids(v)[0];
    const init = kids(v).filter((k) => k.id !== nm?.id && k.type !== 'bracketed_argument_list').at(-1);
    if (!nm || !init) continue;
    out.push({ k: 'assign', span: spanOf(v), target: { k: 'name', span: spanOf(nm), name: nm.text }, value: csExpr(init, d), op: '=', decl });
  }
}

/** `out var o` arguments of `X.TryGetValue(key, out var o)` calls inside a condition: `o = X[key]`. */
function outBindings(n: Node | null | undefined, out: Stmt[], d: number): void {
  if (!n || d > MAX_DEPTH) return;
  if (n.type === 'invocation_expression') {
    const fn = n.childForFieldName('function');
    const al = kids(n.childForFieldName('arguments') ?? n).filter((a) => a.type === 'argument');
    const decl = kids(al[1] ?? n).find((k) => k.type === 'declaration_expression');
    const nm = decl?.childForFieldName('name');
    if (fn?.type === 'member_access_expression' && fn.childForFieldName('name')?.text === 'TryGetValue' && nm && al[0]) {
      const index: Expr = { k: 'index', span: spanOf(n), object: csExpr(fn.childForFieldName('expression'), d), index: csExpr(kids(al[0]).at(-1), d) };
      out.push({ k: 'assign', span: spanOf(decl!), target: { k: 'name', span: spanOf(nm), name: nm.text }, value: index, op: '=', decl: 'var' });
    }
  }
  if (n.type === 'lambda_expression' || n.type === 'anonymous_method_expression') return;
  for (const c of kids(n)) outBindings(c, out, d + 1);
}

function csStmt(n: Node, out: Stmt[], d: number): void {
  const span = spanOf(n);
  if (d > MAX_DEPTH) return;
  const body = (x: Node | null | undefined): Stmt[] => {
    if (!x) return [];
    if (x.type === 'block') return csBlock(x, d);
    const o: Stmt[] = [];
    csStmt(x, o, d + 1);
    return o;
  };
  switch (n.type) {
    case 'global_statement':
    case 'declaration_list':
      for (const c of kids(n)) csStmt(c, out, d + 1);
      return;
    case 'namespace_declaration': {
      const b = n.childForFieldName('body');
      if (b) for (const c of kids(b)) csStmt(c, out, d + 1);
      return;
    }
    case 'expression_statement': {
      const x = kids(n)[0];
      if (!x) return;
      outBindings(x, out, d);
      if (x.type === 'assignment_expression') {
        const op = x.childForFieldName('operator')?.text ?? '=';
        out.push({ k: 'assign', span, target: csExpr(x.childForFieldName('left'), d), value: csExpr(x.childForFieldName('right'), d), op });
      } else out.push({ k: 'expr', span, expr: csExpr(x, d) });
      return;
    }
    case 'local_declaration_statement':
      declarations(n, out, d, kids(n).some((k) => k.type === 'modifier' && k.text === 'const') ? 'const' : 'var');
      return;
    case 'field_declaration': {
      const mods = kids(n).filter((k) => k.type === 'modifier').map((k) => k.text);
      declarations(n, out, d, mods.some((m) => CONST_MODS.test(m)) ? 'const' : 'var');
      return;
    }
    case 'return_statement':
      out.push({ k: 'return', span, value: kids(n)[0] ? csExpr(kids(n)[0], d) : undefined });
      return;
    case 'throw_statement':
      out.push({ k: 'exit', span });
      return;
    case 'method_declaration':
    case 'constructor_declaration':
    case 'local_function_statement':
    case 'operator_declaration':
      out.push({ k: 'func', span, fn: csFunc(n, d) });
      return;
    case 'class_declaration':
    case 'record_declaration':
    case 'struct_declaration': {
      const members: Stmt[] = [];
      const b = n.childForFieldName('body') ?? kids(n).find((k) => k.type === 'declaration_list');
      for (const c of b ? kids(b) : []) {
        // fields go before the class (see the header); methods and nested types stay in it
        if (c.type === 'field_declaration') csStmt(c, out, d + 1);
        else csStmt(c, members, d + 1);
      }
      const bl = kids(n).find((k) => k.type === 'base_list');
      out.push({ k: 'class', span, name: n.childForFieldName('name')?.text, decorators: attrs(n, d), body: members, bases: bl ? kids(bl).map((x) => csExpr(x, d)) : [] });
      return;
    }
    case 'block':
      out.push({ k: 'block', span, body: csBlock(n, d), kind: 'block' });
      return;
    case 'if_statement': {
      const pre: Stmt[] = [];
      outBindings(n.childForFieldName('condition'), pre, d);
      out.push(...pre);
      // the grammar nests `else if` as an if_statement alternative: read it as one
      const alt = n.childForFieldName('alternative');
      const elseBody = alt ? (alt.type === 'if_statement' ? ((): Stmt[] => { const o: Stmt[] = []; csStmt(alt, o, d + 1); return o; })() : body(alt)) : undefined;
      out.push({ k: 'if', span, test: csExpr(n.childForFieldName('condition'), d), then: body(n.childForFieldName('consequence')), else: elseBody });
      return;
    }
    case 'switch_statement': {
      const sections = kids(n.childForFieldName('body') ?? n).filter((c) => c.type === 'switch_section');
      const cases = sections.map((c) => {
        const tests: Expr[] = [];
        const stmts: Stmt[] = [];
        for (const s of kids(c)) {
          if (s.type === 'constant_pattern') tests.push(csExpr(kids(s)[0], d));
          else if (s.type.endsWith('_pattern') || s.type === 'case_pattern_switch_label' || s.type === 'when_clause') tests.push(unknown(s));
          else csStmt(s, stmts, d + 1);
        }
        return { tests, body: stmts, span: spanOf(c) };
      });
      // `case "a": case "b": …`: an empty case falls through into the next one
      for (let i = cases.length - 2; i >= 0; i--) {
        if (!cases[i].body.length && cases[i].tests.length && cases[i + 1].tests.length) {
          cases[i + 1] = { ...cases[i + 1], tests: [...cases[i].tests, ...cases[i + 1].tests] };
          cases.splice(i, 1);
        }
      }
      out.push({ k: 'switch', span, subject: csExpr(n.childForFieldName('value') ?? kids(n)[0], d), cases });
      return;
    }
    case 'foreach_statement': {
      const left = n.childForFieldName('left');
      const right = n.childForFieldName('right');
      const each = left?.type === 'identifier' && right ? { name: left.text, of: csExpr(right, d) } : undefined;
      out.push({ k: 'block', span, body: body(n.childForFieldName('body')), kind: 'loop', each });
      return;
    }
    case 'for_statement':
    case 'while_statement':
    case 'do_statement':
      out.push({ k: 'block', span, body: body(n.childForFieldName('body') ?? kids(n).find((k) => k.type === 'block')), kind: 'loop' });
      return;
    case 'try_statement': {
      const catches = kids(n)
        .filter((c) => c.type === 'catch_clause')
        .map((c) => body(c.childForFieldName('body') ?? kids(c).find((k) => k.type === 'block')));
      out.push({ k: 'block', span, body: body(n.childForFieldName('body') ?? kids(n).find((k) => k.type === 'block')), kind: 'try', catches });
      const fin = kids(n).find((c) => c.type === 'finally_clause');
      if (fin) out.push({ k: 'block', span: spanOf(fin), body: body(kids(fin).find((k) => k.type === 'block')), kind: 'block' });
      return;
    }
    case 'using_statement':
    case 'lock_statement':
    case 'checked_statement':
    case 'unsafe_statement':
    case 'fixed_statement':
      out.push({ k: 'block', span, body: body(n.childForFieldName('body') ?? kids(n).find((k) => k.type === 'block')), kind: 'block' });
      return;
    case 'ERROR':
      // half-typed code: the statements and calls the parser could still read, in order
      for (const c of kids(n)) {
        if (c.type.endsWith('_expression')) out.push({ k: 'expr', span: spanOf(c), expr: csExpr(c, d) });
        else csStmt(c, out, d + 1);
      }
      return;
    default:
      if (n.type.endsWith('_declaration') && n.type !== 'using_directive') {
        const b = kids(n).find((k) => k.type === 'declaration_list');
        if (b) for (const c of kids(b)) csStmt(c, out, d + 1);
      }
      return;
  }
}

export function csProgram(root: Node): Program {
  return { body: csBlock(root), language: 'csharp' };
}
