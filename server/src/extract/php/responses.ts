/**
 * The responses one PHP scope (the file's top level, or one function) can send: its statements in the common
 * form, followed path by path. What is PHP about it: `header()` writes go to the one response of the request
 * as they run, `exit` / `die` / `return` / `throw` send what was written so far, `header_remove()` without an
 * argument drops every header written so far; `if` / `elseif` / `else` and `switch` split the paths, a loop
 * or `try` may run or not. The engine found the writes (with their values and guards); conditions on the
 * request method are read by the engine's `classify`, so a path knows whether it answers a preflight.
 */
import { caseTest, classify, conjuncts, dottedName, type Env, type Expr, type Stmt, type WriteSite } from '../../code/index.js';

export type Method = 'any' | 'options' | 'non-options';

export interface Path {
  sites: WriteSite[];
  method: Method;
}

const MAX_PATHS = 64;

const clearsAll = (e: Expr | undefined): boolean => e?.k === 'call' && e.args.length === 0 && dottedName(e.callee)?.toLowerCase() === 'header_remove';

/** Every path through `body`, with the writes on it in the order they run (`overflow`: some were dropped). */
export function pathsOf(body: Stmt[], sites: WriteSite[], env: Env): { paths: Path[]; overflow: boolean } {
  const byStmt = new Map<Stmt, WriteSite[]>();
  for (const s of sites) {
    const l = byStmt.get(s.stmt);
    if (l) l.push(s);
    else byStmt.set(s.stmt, [s]);
  }
  let overflow = false;
  const finished: Path[] = [];
  const keyOf = (p: Path) => p.sites.map((s) => s.write.id).join(',') + '|' + p.method;
  const dedupe = (ps: Path[], max = MAX_PATHS): Path[] => {
    const seen = new Map<string, Path>();
    for (const p of ps) if (!seen.has(keyOf(p))) seen.set(keyOf(p), p);
    const out = [...seen.values()];
    if (out.length > max) overflow = true;
    return out.slice(0, max);
  };
  const write = (s: Stmt, ps: Path[]): Path[] => {
    let out = ps;
    if (s.k === 'expr' && clearsAll(s.expr)) out = out.map((p) => ({ ...p, sites: [] }));
    const own = byStmt.get(s);
    return own ? out.map((p) => ({ ...p, sites: [...p.sites, ...own] })) : out;
  };
  const assume = (ps: Path[], test: Expr, positive: boolean): Path[] => {
    let out = ps;
    for (const part of conjuncts({ test, positive })) {
      const c = classify(part.test, part.positive, env);
      if (c.k !== 'method') continue;
      const m: Method = c.options ? 'options' : 'non-options';
      out = out.filter((p) => p.method === 'any' || p.method === m).map((p) => ({ ...p, method: m }));
    }
    return out;
  };
  const exec = (stmts: Stmt[], ps: Path[]): Path[] => {
    let cur = ps;
    for (const s of stmts) {
      if (!cur.length) break;
      cur = stmt(s, cur);
    }
    return cur;
  };
  const stmt = (s: Stmt, ps: Path[]): Path[] => {
    switch (s.k) {
      case 'if': {
        const before = write(s, ps);
        const then = exec(s.then, assume(before, s.test, true));
        const other = assume(before, s.test, false);
        return dedupe([...then, ...(s.else ? exec(s.else, other) : other)]);
      }
      case 'switch': {
        const before = write(s, ps);
        const out: Path[] = [];
        for (const c of s.cases) {
          const test = caseTest(s.subject, c.tests, c.span);
          const entry = test ? assume(before, test, true) : before;
          out.push(...exec(c.body, entry));
        }
        if (!s.cases.some((c) => !c.tests.length)) out.push(...before);
        return dedupe(out);
      }
      case 'block': {
        if (s.kind === 'block') return exec(s.body, ps);
        // a loop may run zero times; a try block may stop anywhere, and then a catch handler runs (with
        // none or all of the try block's writes, as an approximation)
        const done = exec(s.body, ps);
        if (s.kind === 'loop' || !s.catches?.length) return dedupe([...ps, ...done]);
        const entry = dedupe([...ps, ...done]);
        return dedupe([...done, ...s.catches.flatMap((c) => exec(c, entry))]);
      }
      case 'return':
      case 'exit':
        finished.push(...write(s, ps));
        if (finished.length > MAX_PATHS * 4) finished.splice(0, finished.length, ...dedupe(finished, MAX_PATHS * 4));
        return [];
      case 'func':
      case 'class':
        return ps;
      default:
        return write(s, ps);
    }
  };
  const end = exec(body, [{ sites: [], method: 'any' }]);
  return { paths: dedupe([...finished, ...end], Infinity), overflow };
}
