/** Calls written in expressions and statements of the common form (for recognising calls by their shape). */
import type { Expr, Func, Stmt } from './form.js';

export type Call = Expr & { k: 'call' };

/** Every call written in an expression, outermost first (not inside nested functions). */
export function callsIn(e: Expr | undefined, out: Call[] = [], depth = 0): Call[] {
  if (!e || depth > 200) return out;
  const r = (x: Expr | undefined) => callsIn(x, out, depth + 1);
  switch (e.k) {
    case 'call':
      out.push(e);
      r(e.callee);
      e.args.forEach((a) => r(a.value));
      break;
    case 'member':
      r(e.object);
      break;
    case 'index':
      r(e.object);
      r(e.index);
      break;
    case 'list':
      e.items.forEach(r);
      break;
    case 'map':
      e.entries.forEach((en) => r(en.value));
      break;
    case 'binary':
      r(e.left);
      r(e.right);
      break;
    case 'ternary':
      r(e.test);
      r(e.then);
      r(e.else);
      break;
    case 'not':
    case 'unary':
      r(e.expr);
      break;
    case 'concat':
      e.parts.forEach(r);
      break;
    case 'assignExpr':
      r(e.value);
      break;
    default:
      break;
  }
  return out;
}

/** The calls written in a statement's own expressions (not in the statements or functions nested in it). */
export function callsOfStmt(s: Stmt): Call[] {
  switch (s.k) {
    case 'expr':
      return callsIn(s.expr);
    case 'assign':
      return callsIn(s.value, callsIn(s.target));
    case 'destructure':
      return callsIn(s.value);
    case 'return':
    case 'exit':
      return callsIn(s.value);
    case 'if':
      return callsIn(s.test);
    case 'switch':
      return callsIn(s.subject);
    default:
      return [];
  }
}

/** Every statement under a body, nested ones too (branches, loops, class bodies, function bodies), with the
 *  statement list holding it and the function it runs in (undefined: the module, or the body given). */
export function allStmts(body: Stmt[], visit: (s: Stmt, body: Stmt[], fn: Func | undefined) => void, fn?: Func, depth = 0): void {
  if (depth > 200) return;
  const rec = (b: Stmt[], f: Func | undefined = fn) => allStmts(b, visit, f, depth + 1);
  for (const s of body) {
    visit(s, body, fn);
    if (s.k === 'if') {
      rec(s.then);
      if (s.else) rec(s.else);
    } else if (s.k === 'switch') for (const c of s.cases) rec(c.body);
    else if (s.k === 'block') {
      rec(s.body);
      for (const c of s.catches ?? []) rec(c);
    } else if (s.k === 'class') rec(s.body);
    else if (s.k === 'func') rec(s.fn.body, s.fn);
  }
}
