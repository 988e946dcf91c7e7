/**
 * Walking a function body with the conditions that hold at each point: enclosing `if` / `else` branches,
 * `switch` cases, earlier `if (...) return` exits, `a && b`, `a || b` and ternaries. Nested functions are
 * not entered (each function is walked on its own).
 */
import { andConds, classify, type Cond } from './conditions.js';
import type { Expr, Func, Stmt } from './form.js';
import type { Env } from './values.js';

export interface Guard {
  test: Expr;
  positive: boolean;
  /** The branching statement and the arm taken, so that writes in exclusive arms are told apart. */
  branch?: { at: number; arm: number };
}

export type Visit = (node: { stmt: Stmt; expr?: Expr }, guards: readonly Guard[]) => void;

/** Does this statement list always end the function (return / throw / exit)? */
export function exits(body: Stmt[] | undefined): boolean {
  const last = body?.at(-1);
  if (!last) return false;
  if (last.k === 'return' || last.k === 'exit') return true;
  if (last.k === 'if') return exits(last.then) && exits(last.else);
  if (last.k === 'block' && last.kind === 'block') return exits(last.body);
  return false;
}

function walkExpr(e: Expr | undefined, stmt: Stmt, guards: readonly Guard[], visit: Visit, depth: number): void {
  if (!e || depth > 200) return;
  const w = (x: Expr | undefined, g: readonly Guard[] = guards) => walkExpr(x, stmt, g, visit, depth + 1);
  switch (e.k) {
    case 'call':
      visit({ stmt, expr: e }, guards);
      w(e.callee);
      for (const a of e.args) w(a.value);
      return;
    case 'binary':
      w(e.left);
      if (e.op === '&&' || e.op === '||') w(e.right, [...guards, { test: e.left, positive: e.op === '&&' }]);
      else w(e.right);
      return;
    case 'ternary':
      w(e.test);
      w(e.then, [...guards, { test: e.test, positive: true, branch: { at: e.span.start, arm: 0 } }]);
      w(e.else, [...guards, { test: e.test, positive: false, branch: { at: e.span.start, arm: 1 } }]);
      return;
    case 'member':
      w(e.object);
      return;
    case 'index':
      w(e.object);
      w(e.index);
      return;
    case 'not':
    case 'unary':
      w(e.expr);
      return;
    case 'assignExpr':
      visit({ stmt, expr: e }, guards);
      w(e.value);
      return;
    case 'concat':
      e.parts.forEach((p) => w(p));
      return;
    case 'list':
      e.items.forEach((p) => w(p));
      return;
    case 'map':
      e.entries.forEach((p) => w(p.value));
      return;
    default:
      return;
  }
}

export function walkStmts(body: Stmt[], guards: readonly Guard[], visit: Visit, depth = 0): void {
  if (depth > 200) return;
  let g = guards;
  for (const s of body) {
    switch (s.k) {
      case 'expr':
        visit({ stmt: s }, g);
        walkExpr(s.expr, s, g, visit, 0);
        break;
      case 'assign':
      case 'destructure':
        visit({ stmt: s }, g);
        if (s.k === 'assign') walkExpr(s.target, s, g, visit, 0);
        walkExpr(s.value, s, g, visit, 0);
        break;
      case 'return':
      case 'exit':
        visit({ stmt: s }, g);
        walkExpr(s.value, s, g, visit, 0);
        break;
      case 'if': {
        walkExpr(s.test, s, g, visit, 0);
        walkStmts(s.then, [...g, { test: s.test, positive: true, branch: { at: s.span.start, arm: 0 } }], visit, depth + 1);
        if (s.else) walkStmts(s.else, [...g, { test: s.test, positive: false, branch: { at: s.span.start, arm: 1 } }], visit, depth + 1);
        // `if (c) return;` → not c from here on (and the mirror case)
        const thenExits = exits(s.then);
        const elseExits = exits(s.else);
        // (the rest of the body is the other arm: writes there never meet writes of the exiting arm)
        if (thenExits && !elseExits) g = [...g, { test: s.test, positive: false, branch: { at: s.span.start, arm: 1 } }];
        else if (elseExits && !thenExits) g = [...g, { test: s.test, positive: true, branch: { at: s.span.start, arm: 0 } }];
        break;
      }
      case 'switch': {
        walkExpr(s.subject, s, g, visit, 0);
        s.cases.forEach((c, arm) => {
          const eq = (t: Expr): Expr => ({ k: 'binary', span: c.span, op: '==', left: s.subject, right: t });
          const test = caseTest(s.subject, c.tests, c.span);
          const own: Guard[] = test ? [{ test, positive: true, branch: { at: s.span.start, arm } }] : s.cases.flatMap((o) => o.tests.map((t) => ({ test: eq(t), positive: false })));
          walkStmts(c.body, [...g, ...own], visit, depth + 1);
        });
        break;
      }
      case 'block':
        walkStmts(s.body, g, visit, depth + 1);
        for (const c of s.catches ?? []) walkStmts(c, g, visit, depth + 1);
        break;
      default:
        break;
    }
  }
}

/** The condition under which a switch case runs: `subject == t1 || subject == t2 ...` (none: the default). */
export function caseTest(subject: Expr, tests: Expr[], span: Expr['span']): Expr | undefined {
  const eqs = tests.map((t): Expr => ({ k: 'binary', span, op: '==', left: subject, right: t }));
  return eqs.length ? eqs.reduce((a, b) => ({ k: 'binary', span, op: '||', left: a, right: b })) : undefined;
}

/** Walk a function's body (or the module's statements). */
export function walkFunc(fn: Func | { body: Stmt[] }, visit: Visit): void {
  walkStmts(fn.body, [], visit);
}

/** What the guards on a path say, summed up. */
export interface GuardSummary {
  /** Origin checks that must pass. */
  checks: Cond[];
  /** Runs only when the request carries no Origin. */
  absent: boolean;
  /** Runs only when the request carries an Origin (no check of its value). */
  present: boolean;
  method?: 'options-only' | 'non-options';
  /** Some condition that is not about the origin or the method. */
  other: boolean;
}

/** The parts of a guard that must all hold: `a && b` taken, `a || b` not taken (and `!` around them). */
export function conjuncts(g: { test: Expr; positive: boolean }, depth = 0): { test: Expr; positive: boolean }[] {
  const t = g.test;
  if (depth > 40) return [g];
  if (t.k === 'not') return conjuncts({ test: t.expr, positive: !g.positive }, depth + 1);
  if (t.k === 'binary' && ((t.op === '&&' && g.positive) || (t.op === '||' && !g.positive))) {
    return [...conjuncts({ test: t.left, positive: g.positive }, depth + 1), ...conjuncts({ test: t.right, positive: g.positive }, depth + 1)];
  }
  return [g];
}

export function summarize(guards: readonly Guard[], env: Env): GuardSummary {
  const out: GuardSummary = { checks: [], absent: false, present: false, other: false };
  for (const g of guards.flatMap((x) => conjuncts(x))) {
    const c = classify(g.test, g.positive, env);
    if (c.k === 'check') out.checks.push(c);
    else if (c.k === 'absent') out.absent = true;
    else if (c.k === 'present') out.present = true;
    else if (c.k === 'method') {
      const m = c.options ? 'options-only' : 'non-options';
      if (!out.method) out.method = m;
    } else out.other = true;
  }
  return out;
}

/** All conditions on a path as one. */
export function pathCond(guards: readonly Guard[], env: Env): Cond {
  return guards.reduce<Cond>((acc, g) => andConds(acc, classify(g.test, g.positive, env)), { k: 'none' });
}
