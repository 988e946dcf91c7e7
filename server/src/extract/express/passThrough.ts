/**
 * Middleware that passes every request on: `(req, res, next) => { ...; next(); }` with `next()` as a statement
 * of the function body itself (not inside an if, a callback or after a return). The header writes made
 * before that call, outside any branch that returns, throws or ends the response, are on every response
 * the later middleware and routes send: they are "carried". Read on the engine's common form.
 */
import type { HeaderWrite, Span } from '../../model/index.js';
import { walkStmts, type Func, type Stmt } from '../../code/index.js';

const ENDS_RESPONSE = new Set(['sendStatus', 'send', 'end', 'json', 'jsonp', 'sendFile', 'redirect', 'render', 'download', 'writeHead']);

export interface PassThrough {
  /** The writes on every response of later middleware and routes, in source order. */
  carried: HeaderWrite[];
  /** Every CORS write of the function is carried (none sits in a branch that answers by itself). */
  allCarried: boolean;
  /** The function's CORS writes (those for requests without an Origin left out), in source order. */
  own: HeaderWrite[];
}

/** One hand-written write as passThrough reads it. */
export interface PassWrite {
  write: HeaderWrite;
  /** The function whose body holds the write (a callback inside the middleware is another one). */
  fn?: Func;
  /** The call that writes. */
  at: Span;
  /** Written only for requests without an Origin header (not part of the CORS answer). */
  absent: boolean;
}

/** `next()` (no argument: `next(err)` goes to the error handlers) as the statement, or `return next()`. */
function isNextCall(s: Stmt, next: string): boolean {
  const e = s.k === 'expr' ? s.expr : s.k === 'return' ? s.value : undefined;
  return e?.k === 'call' && e.callee.k === 'name' && e.callee.name === next && e.args.length === 0;
}

/** The statements return, throw or end the response somewhere (callbacks aside), so what follows may not run. */
export function mayAnswer(body: Stmt[]): boolean {
  let yes = false;
  walkStmts(body, [], (node) => {
    if (yes) return;
    if (!node.expr && (node.stmt.k === 'return' || node.stmt.k === 'exit')) yes = true;
    else if (node.expr?.k === 'call' && node.expr.callee.k === 'member' && ENDS_RESPONSE.has(node.expr.callee.name)) yes = true;
  });
  return yes;
}

const within = (s: Span, outer: Span) => s.start >= outer.start && s.end <= outer.end;
const around = (list: Stmt[], s: Span) => list.length > 0 && within(s, { start: list[0].span.start, end: list[list.length - 1].span.end });

/** The write at `at` runs on every path through `stmts` (no branch around it can answer by itself). */
function carries(at: Span, stmts: Stmt[], depth = 0): boolean {
  const s = stmts.find((x) => within(at, x.span));
  if (!s || depth > 50) return false;
  const arm = (body: Stmt[]) => !mayAnswer(body) && carries(at, body, depth + 1);
  switch (s.k) {
    case 'if':
      if (around(s.then, at)) return arm(s.then);
      if (s.else && around(s.else, at)) return arm(s.else);
      return true; // in the test
    case 'switch': {
      const c = s.cases.find((x) => around(x.body, at));
      return c ? arm(c.body) : true;
    }
    case 'block':
      return s.kind === 'block' ? carries(at, s.body, depth + 1) : arm(s.body);
    default:
      return true;
  }
}

/** The writes of `fn` that reach the responses after it, when `fn` passes every request on; else undefined. */
export function passThrough(fn: Func, group: PassWrite[]): PassThrough | undefined {
  const next = fn.params[2]?.name;
  if (!next || fn.exprBody) return undefined;
  const at = fn.body.findIndex((s) => isNextCall(s, next));
  if (at < 0) return undefined;
  const before = fn.body.slice(0, at);
  // a statement before next() that answers the request unconditionally makes next() unreachable
  for (const s of before) {
    if (s.k === 'return' || s.k === 'exit') return undefined;
    if (s.k === 'expr' && mayAnswer([s])) return undefined;
  }
  const carried: HeaderWrite[] = [];
  const own: HeaderWrite[] = [];
  let all = true;
  for (const r of group) {
    if (r.absent) continue;
    own.push(r.write);
    if (r.fn === fn && carries(r.at, before)) carried.push(r.write);
    else all = false;
  }
  return { carried, allCarried: all, own };
}
