/**
 * Names and what they stand for: one scope per function (and the module), built from the common form.
 * A name is a constant when it is declared `const`, or assigned exactly once in its scope and nowhere else
 * in the file; only constants are followed to their value. Parameters keep their function and position.
 */
import type { Expr, Func, Program, Stmt } from './form.js';
import { isContainer, mutatedNames } from './mutations.js';

export type Binding =
  /** `maybe`: the assignment sits in a branch or loop of its scope (it may not have run). */
  | { k: 'value'; name: string; value: Expr; constant: boolean; prop?: string; decl?: 'const' | 'let' | 'var'; maybe?: boolean }
  | { k: 'param'; name: string; fn: Func; index: number; prop?: string }
  | { k: 'func'; name: string; fn: Func }
  | { k: 'import'; name: string; module: string; imported: string }
  /** A loop variable: each element of `of` in turn. */
  | { k: 'element'; name: string; of: Expr }
  /** Assigned more than once, or in a way we do not follow (a loop variable, `global`). */
  | { k: 'variable'; name: string };

export interface Scope {
  fn?: Func;
  parent?: Scope;
  names: Map<string, Binding>;
  /** Function scopes of the functions declared or written in this scope's body. */
  children: Scope[];
}

/** A class of the file and its constants (`const X = ...` in the class body: PHP `self::X`). */
export interface ClassInfo {
  name?: string;
  span: { start: number; end: number };
  consts: Map<string, Expr>;
  /** The bases as written (Python), first one first. */
  bases: Expr[];
  /** Python class attributes: each `X = v` at the top of the class body, in order (the body runs in order:
   *  the last one of a name stays, and they override a base class's). `alone`: the statement is the only
   *  one of the body. */
  attrs: { name: string; value: Expr; target: Expr; stmt: Stmt; alone: boolean }[];
}

export interface Scopes {
  module: Scope;
  classes: ClassInfo[];
  /** The scope of a function of the file. */
  of(fn: Func): Scope | undefined;
  language: Program['language'];
}

interface Pending {
  name: string;
  binding: Binding;
  count: number;
}

/** Visit the statements of one scope (not the bodies of nested functions); `maybe`: the statement sits in a
 *  branch, a loop or a handler (it may not run). */
export function eachStmt(body: Stmt[], visit: (s: Stmt, maybe: boolean) => void, maybe = false): void {
  for (const s of body) {
    visit(s, maybe);
    if (s.k === 'if') {
      eachStmt(s.then, visit, true);
      if (s.else) eachStmt(s.else, visit, true);
    } else if (s.k === 'block') {
      eachStmt(s.body, visit, maybe || s.kind !== 'block');
      for (const c of s.catches ?? []) eachStmt(c, visit, true);
    }
    else if (s.k === 'switch') for (const c of s.cases) eachStmt(c.body, visit, true);
  }
}

/** Every function written anywhere in an expression (callbacks, handlers passed as arguments). */
export function funcsIn(e: Expr | undefined, out: Func[], depth = 0): void {
  if (!e || depth > 200) return;
  switch (e.k) {
    case 'func':
      out.push(e.fn);
      return;
    case 'call':
      funcsIn(e.callee, out, depth + 1);
      for (const a of e.args) funcsIn(a.value, out, depth + 1);
      if (e.block) out.push(e.block);
      return;
    case 'member':
      funcsIn(e.object, out, depth + 1);
      return;
    case 'list':
      for (const i of e.items) funcsIn(i, out, depth + 1);
      return;
    case 'map':
      for (const en of e.entries) funcsIn(en.value, out, depth + 1);
      return;
    case 'binary':
      funcsIn(e.left, out, depth + 1);
      funcsIn(e.right, out, depth + 1);
      return;
    case 'ternary':
      funcsIn(e.then, out, depth + 1);
      funcsIn(e.else, out, depth + 1);
      return;
    case 'assignExpr':
      funcsIn(e.value, out, depth + 1);
      return;
    default:
      return;
  }
}

/** The functions whose bodies are nested directly in this body (declarations, class methods, callbacks). */
export function nestedFuncs(body: Stmt[]): Func[] {
  const out: Func[] = [];
  eachStmt(body, (s) => {
    if (s.k === 'func') out.push(s.fn);
    else if (s.k === 'class') out.push(...nestedFuncs(s.body));
    else if (s.k === 'expr' || s.k === 'return' || s.k === 'exit') funcsIn(s.k === 'expr' ? s.expr : s.value, out);
    else if (s.k === 'assign' || s.k === 'destructure') funcsIn(s.value, out);
    else if (s.k === 'if') funcsIn(s.test, out);
  });
  return out;
}

/** The constants assigned in a class body and the classes nested in it. */
function noteConsts(body: Stmt[], note: (name: string, b: Binding) => void, depth = 0): void {
  if (depth > 60) return;
  for (const c of body) {
    if (c.k === 'assign' && c.decl === 'const' && c.target.k === 'name') note(c.target.name, { k: 'value', name: c.target.name, value: c.value, constant: true, decl: 'const' });
    else if (c.k === 'class') noteConsts(c.body, note, depth + 1);
  }
}

export function buildScopes(program: Program): Scopes {
  const byFn = new Map<Func, Scope>();
  // names assigned (not declared) anywhere, per name: a JS `let` reassigned in a callback is not a constant
  const reassigned = new Map<string, number>();
  const build = (body: Stmt[], fn: Func | undefined, parent: Scope | undefined): Scope => {
    const scope: Scope = { fn, parent, names: new Map(), children: [] };
    const pending = new Map<string, Pending>();
    const note = (name: string, binding: Binding) => {
      const p = pending.get(name);
      if (p) p.count++;
      else pending.set(name, { name, binding, count: 1 });
    };
    fn?.params.forEach((p, index) => {
      if (p.name) note(p.name, { k: 'param', name: p.name, fn, index });
      for (const prop of p.props ?? []) note(prop, { k: 'param', name: prop, fn, index, prop });
    });
    eachStmt(body, (s, maybe) => {
      if (s.k === 'assign' && s.target.k === 'name') {
        const name = s.target.name;
        if (s.op !== '=') note(name, { k: 'variable', name });
        else note(name, { k: 'value', name, value: s.value, constant: s.decl === 'const', decl: s.decl, ...(maybe && !s.decl ? { maybe } : {}) });
        if (!s.decl) reassigned.set(name, (reassigned.get(name) ?? 0) + 1);
      } else if (s.k === 'destructure') {
        for (const p of s.props) note(p.name, { k: 'value', name: p.name, value: s.value, constant: s.decl === 'const', prop: p.prop, decl: s.decl });
      } else if (s.k === 'block' && s.each) {
        note(s.each.name, { k: 'element', name: s.each.name, of: s.each.of });
        reassigned.set(s.each.name, (reassigned.get(s.each.name) ?? 0) + 1);
      } else if (s.k === 'func' && s.fn.name) note(s.fn.name, { k: 'func', name: s.fn.name, fn: s.fn });
      // Ruby: a constant of a class / module body is seen by the code nested in it (one name per file)
      else if (s.k === 'class' && program.language === 'ruby') noteConsts(s.body, note);
      else if (s.k === 'import') for (const n of s.names) if (n.alias && n.alias !== '*') note(n.alias, { k: 'import', name: n.alias, module: s.module, imported: n.name });
    });
    for (const p of pending.values()) scope.names.set(p.name, p.count === 1 ? p.binding : { k: 'variable', name: p.name });
    if (fn) byFn.set(fn, scope);
    for (const f of nestedFuncs(body)) scope.children.push(build(f.body, f, scope));
    return scope;
  };
  const module = build(program.body, undefined, undefined);
  const classes: ClassInfo[] = [];
  const findClasses = (body: Stmt[], depth: number): void => {
    if (depth > 60) return;
    eachStmt(body, (s) => {
      if (s.k === 'class') {
        const consts = new Map<string, Expr>();
        const attrs: ClassInfo['attrs'] = [];
        for (const c of s.body) {
          if (c.k !== 'assign' || c.target.k !== 'name') continue;
          if (c.decl === 'const') consts.set(c.target.name, c.value);
          // `X += v` leaves a value we do not follow
          else attrs.push({ name: c.target.name, value: c.op === '=' ? c.value : { k: 'unknown', span: c.span }, target: c.target, stmt: c, alone: s.body.length === 1 });
        }
        classes.push({ name: s.name, span: s.span, consts, bases: s.bases ?? [], attrs });
        findClasses(s.body, depth + 1);
      } else if (s.k === 'func') findClasses(s.fn.body, depth + 1);
    });
  };
  findClasses(program.body, 0);
  // a declaration's single assignment is constant only if the name is not assigned again anywhere (nor, for
  // a Python list / dict / set, changed in place: `X.append(v)`, `X[k] = v`)
  const mutated = mutatedNames(program);
  const settle = (s: Scope) => {
    for (const [name, b] of s.names) {
      if (b.k === 'value' && mutated.has(name) && isContainer(b.value)) {
        s.names.set(name, { k: 'variable', name });
        continue;
      }
      if (b.k !== 'value' || b.constant) continue;
      const again = (reassigned.get(name) ?? 0) - (b.decl ? 0 : 1);
      s.names.set(name, again > 0 ? { k: 'variable', name } : { ...b, constant: true });
    }
    s.children.forEach(settle);
  };
  settle(module);
  return { module, classes, of: (fn) => byFn.get(fn), language: program.language };
}

/** The binding a name has in a scope and the scope that holds it, looking outwards as the language does. */
export function lookup(scope: Scope, name: string, language: Program['language']): { binding: Binding; scope: Scope } | undefined {
  for (let s: Scope | undefined = scope; s; s = s.parent) {
    const b = s.names.get(name);
    if (b) return { binding: b, scope: s };
    // PHP: a function sees outer variables only through `use (...)` / `fn() =>`; constants always
    if (language === 'php' && s.fn && name.startsWith('$')) {
      const c = s.fn.closure;
      if (!c || (c !== 'all' && !c.includes(name))) return undefined;
    }
  }
  return undefined;
}
