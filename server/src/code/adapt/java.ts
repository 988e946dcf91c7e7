/**
 * Java (tree-sitter-java 0.23) → the common form. Classes keep their annotations (decorators) and members;
 * methods and constructors are functions with their annotations; `final` fields with an initialiser are
 * also written before their class as module constants, so that every method sees them by their bare name
 * (`ORIGINS`), as Java does inside the class; a field name declared twice in the file is then a variable.
 * Builder chains stay nested calls on members (read with chainOf); `throw` ends a function.
 * Expressions: javaExpr.ts.
 */
import type { Node } from '../../syntax/treeSitter.js';
import { spanOf, type Expr, type Func, type Program, type Stmt } from '../form.js';
import { MAX_DEPTH, kids } from './common.js';
import { annotationsOf, hasModifier, javaExpr, javaParams } from './javaExpr.js';

export { javaExpr } from './javaExpr.js';

function method(n: Node, d: number): Func {
  const name = n.childForFieldName('name');
  const body = n.childForFieldName('body');
  return {
    span: spanOf(n),
    name: name?.text,
    nameSpan: name ? spanOf(name) : undefined,
    params: javaParams(n.childForFieldName('parameters'), d),
    decorators: annotationsOf(n, d),
    body: body ? javaBlock(body, d) : [],
  };
}

export function javaBlock(n: Node, d = 0): Stmt[] {
  const out: Stmt[] = [];
  for (const c of kids(n)) javaStmt(c, out, d + 1);
  return out;
}

/** `T a = x, b = y;` → one assignment per declarator with a value (`final`: a constant). */
function declarators(n: Node, d: number, out: Stmt[], hoist?: Stmt[]): void {
  const fin = hasModifier(n, 'final');
  for (const v of kids(n)) {
    if (v.type !== 'variable_declarator') continue;
    const nm = v.childForFieldName('name');
    const val = v.childForFieldName('value');
    if (!nm || !val) continue;
    const s: Stmt = { k: 'assign', span: spanOf(v), target: { k: 'name', span: spanOf(nm), name: nm.text }, value: javaExpr(val, d), op: '=', decl: fin ? 'const' : 'let' };
    out.push(s);
    if (hoist && fin) hoist.push(s);
  }
}

export function classBody(n: Node | null, d: number, hoist: Stmt[]): Stmt[] {
  const out: Stmt[] = [];
  if (!n) return out;
  for (const c of kids(n)) {
    if (c.type === 'field_declaration' || c.type === 'constant_declaration') declarators(c, d, out, hoist);
    else if (c.type === 'method_declaration' || c.type === 'constructor_declaration' || c.type === 'compact_constructor_declaration') out.push({ k: 'func', span: spanOf(c), fn: method(c, d + 1) });
    else if (c.type === 'static_initializer' || c.type === 'block') out.push({ k: 'block', span: spanOf(c), body: javaBlock(kids(c).find((k) => k.type === 'block') ?? c, d + 1), kind: 'block' });
    else if (c.type === 'enum_body_declarations') out.push(...classBody(c, d + 1, hoist));
    else javaStmt(c, out, d + 1, hoist);
  }
  return out;
}

const CLASSES = new Set(['class_declaration', 'interface_declaration', 'enum_declaration', 'record_declaration', 'annotation_type_declaration']);

function javaStmt(n: Node, out: Stmt[], d: number, hoist?: Stmt[]): void {
  const span = spanOf(n);
  if (d > MAX_DEPTH) return;
  const body = (x: Node | null | undefined): Stmt[] => {
    if (!x) return [];
    if (x.type === 'block') return javaBlock(x, d);
    const o: Stmt[] = [];
    javaStmt(x, o, d + 1);
    return o;
  };
  if (CLASSES.has(n.type)) {
    const own: Stmt[] = [];
    const members = classBody(n.childForFieldName('body'), d + 1, own);
    const sup = n.childForFieldName('superclass');
    const ifs = n.childForFieldName('interfaces');
    const bases = [...(sup ? kids(sup) : []), ...(ifs ? ifs.descendantsOfType('type_identifier').filter((x): x is Node => !!x) : [])].map((b) => javaExpr(b, d));
    // the class's constants, visible by their bare names in every method of the file
    (hoist ?? out).push(...own);
    out.push({ k: 'class', span, name: n.childForFieldName('name')?.text, decorators: annotationsOf(n, d), body: members, bases });
    return;
  }
  switch (n.type) {
    case 'expression_statement': {
      const x = kids(n)[0];
      if (!x) return;
      if (x.type === 'assignment_expression') {
        const op = x.childForFieldName('operator')?.text ?? '=';
        out.push({ k: 'assign', span, target: javaExpr(x.childForFieldName('left'), d), value: javaExpr(x.childForFieldName('right'), d), op });
      } else out.push({ k: 'expr', span, expr: javaExpr(x, d) });
      return;
    }
    case 'local_variable_declaration':
      declarators(n, d, out);
      return;
    case 'return_statement':
    case 'yield_statement':
      out.push({ k: 'return', span, value: kids(n)[0] ? javaExpr(kids(n)[0], d) : undefined });
      return;
    case 'throw_statement':
      out.push({ k: 'exit', span, value: javaExpr(kids(n)[0], d) });
      return;
    case 'if_statement': {
      const alt = n.childForFieldName('alternative');
      out.push({ k: 'if', span, test: javaExpr(n.childForFieldName('condition'), d), then: body(n.childForFieldName('consequence')), else: alt ? body(alt) : undefined });
      return;
    }
    case 'switch_expression':
    case 'switch_statement': {
      const block = n.childForFieldName('body');
      const cases: Extract<Stmt, { k: 'switch' }>['cases'] = [];
      let pending: Expr[] = [];
      for (const c of block ? kids(block) : []) {
        if (c.type !== 'switch_block_statement_group' && c.type !== 'switch_rule') continue;
        const labels = kids(c).filter((k) => k.type === 'switch_label');
        const tests = labels.flatMap((l) => kids(l).map((x) => javaExpr(x, d)));
        const isDefault = labels.some((l) => !kids(l).length);
        const stmts: Stmt[] = [];
        for (const s of kids(c)) if (s.type !== 'switch_label') {
          if (c.type === 'switch_rule' && s.type !== 'block' && s.type !== 'throw_statement' && s.type !== 'expression_statement') stmts.push({ k: 'expr', span: spanOf(s), expr: javaExpr(s, d) });
          else javaStmt(s, stmts, d + 1);
        }
        // `case "A": case "B": ...` — an empty group falls through into the next one
        if (!stmts.length && !isDefault && c.type === 'switch_block_statement_group') {
          pending.push(...tests);
          continue;
        }
        cases.push({ tests: isDefault ? [] : [...pending, ...tests], body: stmts, span: spanOf(c) });
        pending = [];
      }
      out.push({ k: 'switch', span, subject: javaExpr(n.childForFieldName('condition'), d), cases });
      return;
    }
    case 'enhanced_for_statement': {
      const nm = n.childForFieldName('name');
      const of = n.childForFieldName('value');
      out.push({ k: 'block', span, body: body(n.childForFieldName('body')), kind: 'loop', each: nm && of ? { name: nm.text, of: javaExpr(of, d) } : undefined });
      return;
    }
    case 'for_statement':
    case 'while_statement':
    case 'do_statement':
      out.push({ k: 'block', span, body: body(n.childForFieldName('body')), kind: 'loop' });
      return;
    case 'try_statement':
    case 'try_with_resources_statement': {
      const catches = kids(n)
        .filter((c) => c.type === 'catch_clause')
        .map((c) => body(c.childForFieldName('body')));
      out.push({ k: 'block', span, body: body(n.childForFieldName('body')), kind: 'try', catches });
      const fin = kids(n).find((c) => c.type === 'finally_clause');
      if (fin) out.push({ k: 'block', span: spanOf(fin), body: body(kids(fin).find((k) => k.type === 'block')), kind: 'block' });
      return;
    }
    case 'block':
    case 'synchronized_statement':
    case 'labeled_statement':
      out.push({ k: 'block', span, body: n.type === 'block' ? javaBlock(n, d) : body(kids(n).find((k) => k.type === 'block')), kind: 'block' });
      return;
    case 'import_declaration': {
      const q = kids(n).find((k) => k.type === 'scoped_identifier' || k.type === 'identifier');
      if (!q) return;
      // `import java.util.*;`: module `java.util`, every name (alias `*` binds none)
      if (kids(n).some((k) => k.type === 'asterisk')) out.push({ k: 'import', span, module: q.text, names: [{ name: '*', alias: '*' }] });
      else {
        const last = q.text.split('.').pop() ?? '';
        out.push({ k: 'import', span, module: q.text, names: [{ name: last, alias: last }] });
      }
      return;
    }
    case 'ERROR':
      // half-typed code: the statements and calls the parser could still read, in order
      for (const c of kids(n)) {
        if (c.type === 'method_invocation' || c.type === 'object_creation_expression') out.push({ k: 'expr', span: spanOf(c), expr: javaExpr(c, d) });
        else if (c.type === 'method_declaration' || c.type === 'constructor_declaration') out.push({ k: 'func', span: spanOf(c), fn: method(c, d + 1) });
        else javaStmt(c, out, d + 1, hoist);
      }
      return;
    case 'method_declaration':
    case 'constructor_declaration':
      out.push({ k: 'func', span, fn: method(n, d + 1) });
      return;
    case 'field_declaration':
      declarators(n, d, out, hoist);
      return;
    default:
      if (n.type.endsWith('_expression') || n.type === 'method_invocation') out.push({ k: 'expr', span, expr: javaExpr(n, d) });
      return;
  }
}

export function javaProgram(root: Node): Program {
  const out: Stmt[] = [];
  const hoist: Stmt[] = [];
  for (const c of kids(root)) {
    const at = out.length;
    javaStmt(c, out, 1, hoist);
    // constants of the classes: before the class statement
    if (hoist.length) out.splice(at, 0, ...hoist.splice(0));
  }
  return { body: out, language: 'java' };
}
