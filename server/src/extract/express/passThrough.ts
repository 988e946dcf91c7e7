/**
 * Middleware that passes every request on: `(req, res, next) => { ...; next(); }` with `next()` as a statement
 * of the function body itself (not inside an if, a callback or after a return). The header writes made
 * before that call, outside any branch that returns, throws or ends the response, are on every response
 * the later middleware and routes send: they are "carried".
 */
import type { HeaderWrite } from '../../model/index.js';
import type { Node } from '../../syntax/treeSitter.js';
import { memberCall } from './calls.js';
import { unwrap } from './literals.js';
import type { RawWrite } from './manual.js';
import { paramNames } from './scopes.js';

const ENDS_RESPONSE = new Set(['sendStatus', 'send', 'end', 'json', 'jsonp', 'sendFile', 'redirect', 'render', 'download', 'writeHead']);
const FUNCTION_TYPES = new Set(['arrow_function', 'function_expression', 'function_declaration', 'function', 'method_definition', 'generator_function', 'generator_function_declaration']);

export interface PassThrough {
  /** The writes on every response of later middleware and routes, in source order. */
  carried: HeaderWrite[];
  /** Every CORS write of the function is carried (none sits in a branch that answers by itself). */
  allCarried: boolean;
  /** The function's CORS writes (those for requests without an Origin left out), in source order. */
  own: HeaderWrite[];
}

/** `next()` (no argument: `next(err)` goes to the error handlers) as the statement `st`, or `return next()`. */
function isNextCall(st: Node, next: string): boolean {
  let e: Node | undefined;
  if (st.type === 'expression_statement') e = unwrap(st.namedChildren[0]);
  else if (st.type === 'return_statement') e = unwrap(st.namedChildren[0]);
  if (e?.type !== 'call_expression') return false;
  const f = unwrap(e.childForFieldName('function'));
  const args = e.childForFieldName('arguments');
  return f?.type === 'identifier' && f.text === next && !!args && args.namedChildren.filter((a) => a && a.type !== 'comment').length === 0;
}

/** The statement returns, throws or ends the response somewhere inside (so what follows may not run). */
function mayAnswer(n: Node): boolean {
  if (n.type === 'return_statement' || n.type === 'throw_statement') return true;
  if (n.descendantsOfType(['return_statement', 'throw_statement']).some((x) => x && !insideFunction(x, n))) return true;
  return [n, ...n.descendantsOfType('call_expression')].some((c) => {
    if (!c || c.type !== 'call_expression' || insideFunction(c, n)) return false;
    const mc = memberCall(c);
    return !!mc && ENDS_RESPONSE.has(mc.property);
  });
}

function insideFunction(x: Node, top: Node): boolean {
  for (let p = x.parent; p && !p.equals(top); p = p.parent) if (FUNCTION_TYPES.has(p.type)) return true;
  return false;
}

/** The writes of `fn` that reach the responses after it, when `fn` passes every request on; else undefined. */
export function passThrough(fn: Node, group: RawWrite[]): PassThrough | undefined {
  const next = paramNames(fn)[2];
  const body = fn.childForFieldName('body');
  if (!next || body?.type !== 'statement_block') return undefined;
  const stmts = body.namedChildren.filter((s): s is Node => !!s && s.type !== 'comment');
  const at = stmts.findIndex((s) => isNextCall(s, next));
  if (at < 0) return undefined;
  // a statement before next() that answers the request unconditionally makes next() unreachable
  for (const s of stmts.slice(0, at)) {
    if (s.type === 'return_statement' || s.type === 'throw_statement') return undefined;
    if (s.type === 'expression_statement' && mayAnswer(s)) return undefined;
  }
  const nextStmt = stmts[at];
  const carried: HeaderWrite[] = [];
  const own: HeaderWrite[] = [];
  let all = true;
  const answers = new Map<number, boolean>();
  const answering = (x: Node): boolean => {
    let v = answers.get(x.id);
    if (v === undefined) answers.set(x.id, (v = mayAnswer(x)));
    return v;
  };
  for (const r of group) {
    if (r.absent) continue;
    own.push(r.write);
    if (carries(r.pair ?? r.call, body, nextStmt, answering)) carried.push(r.write);
    else all = false;
  }
  return { carried, allCarried: all, own };
}

/** The write at `node` runs before `nextStmt` and on every path that reaches it. */
function carries(node: Node, body: Node, nextStmt: Node, answering: (x: Node) => boolean): boolean {
  if (node.endIndex > nextStmt.startIndex) return false;
  for (let x: Node | null = node; x && x.parent && !x.equals(body); x = x.parent) {
    if (FUNCTION_TYPES.has(x.type)) return false; // a callback: may run after next()
    const p = x.parent;
    // a write inside a branch: carried only when the branch cannot answer by itself
    if (['if_statement', 'else_clause', 'switch_case', 'switch_default', 'try_statement', 'catch_clause'].includes(p.type) && !x.equals(p.childForFieldName('condition') ?? p) && answering(x)) return false;
  }
  return true;
}
