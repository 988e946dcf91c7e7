/**
 * Writes under opposite tests of one flag cannot reach the same response: in
 * `if allowAll && !cfg.AllowCredentials { ACAO = "*" }` … `if cfg.AllowCredentials { ACAC = "true" }` the
 * `*` and the credentials never go out together, although the two `if`s are separate statements. A flag is a
 * plain name or field (`allowAll`, `cfg.AllowCredentials`) that nothing in the function assigns, so it holds
 * one value for the whole request. What a write's guards fix about such flags is added to its branch
 * signature (the same map that tells the arms of one `if` apart), under a key of its own per flag.
 */
import { dottedName } from './chain.js';
import type { Expr, Stmt } from './form.js';
import type { Guard } from './guards.js';
import { allStmts } from './walk.js';

/** The names and fields a body assigns anywhere (nested functions and loop variables included). */
export function assignedNames(body: Stmt[]): Set<string> {
  const out = new Set<string>();
  const add = (t: Expr) => {
    const d = dottedName(t.k === 'index' ? t.object : t);
    if (d) out.add(d);
  };
  const scan = (e: Expr | undefined, depth = 0): void => {
    if (!e || depth > 200) return;
    if (e.k === 'assignExpr') add(e.target);
    if (e.k === 'func' || (e.k === 'call' && e.block)) {
      for (const n of assignedNames(e.k === 'func' ? e.fn.body : e.block!.body)) out.add(n);
      if (e.k === 'func') return;
    }
    for (const v of Object.values(e)) {
      for (const x of Array.isArray(v) ? v : [v]) {
        if (!x || typeof x !== 'object') continue;
        if ('k' in x && 'span' in x) scan(x as Expr, depth + 1);
        else if ('value' in x && x.value && typeof x.value === 'object') scan(x.value as Expr, depth + 1);
      }
    }
  };
  allStmts(body, (s) => {
    if (s.k === 'assign') add(s.target);
    else if (s.k === 'destructure') for (const p of s.props) out.add(p.name);
    else if (s.k === 'block' && s.each) out.add(s.each.name);
    if (s.k === 'expr') scan(s.expr);
    else if (s.k === 'assign' || s.k === 'destructure' || s.k === 'return' || s.k === 'exit') scan(s.value);
    else if (s.k === 'if') scan(s.test);
    else if (s.k === 'switch') scan(s.subject);
  });
  return out;
}

function touches(flag: string, assigned: Set<string>): boolean {
  for (const n of assigned) if (n === flag || flag.startsWith(`${n}.`) || n.startsWith(`${flag}.`)) return true;
  return false;
}

/** The flags the guards fix (`flag` → its truth), reading `!`, the conjuncts of a taken `&&` and the
 *  disjuncts of a refused `||`. */
export function flagsOf(guards: readonly Guard[], assigned: Set<string>): Map<string, boolean> {
  const out = new Map<string, boolean>();
  const lit = (e: Expr, positive: boolean, depth: number): void => {
    if (depth > 50) return;
    if (e.k === 'not') return lit(e.expr, !positive, depth + 1);
    if (e.k === 'binary' && ((e.op === '&&' && positive) || (e.op === '||' && !positive))) {
      lit(e.left, positive, depth + 1);
      lit(e.right, positive, depth + 1);
      return;
    }
    if (e.k !== 'name' && e.k !== 'member') return;
    const d = dottedName(e);
    if (!d || touches(d, assigned)) return;
    // a flag tested both ways on one path (dead code): keep no claim about it
    if (out.has(d) && out.get(d) !== positive) out.delete(d);
    else out.set(d, positive);
  };
  for (const g of guards) lit(g.test, g.positive, 0);
  return out;
}
