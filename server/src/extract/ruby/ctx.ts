/** What the Ruby extractor gathers while reading one file, and the Ruby forms it shares between its parts. */
import type { OptionMention, Scope, Span } from '../../model/index.js';
import { allStmts, callsOfStmt, type Call, type Code, type Expr, type Func } from '../../code/index.js';
import type { Sink } from '../handWritten.js';
import type { WriteMeta } from '../writeMeta.js';

export const EXTRACTOR_ID = 'ruby';
export const LIBRARY = 'rack-cors';
export const APP_SCOPE: Scope = { kind: 'app', label: 'app', path: ['app'] };

/** Where the parts of a rack-cors policy are written, for its fixes. */
export interface LibMeta {
  kind: 'lib';
  /** The `origins` calls of the `allow` block, in source order (the last one decides, unless one is `'*'`). */
  origins: Call[];
  /** The `key: value` pair of `credentials:` in the `resource` call. */
  credentials?: Span;
}

/** The hand-written assembly's sink (handWritten.ts), plus what the rack-cors reading adds. */
export interface Ctx extends Sink {
  code: Code;
  options: OptionMention[];
  notes: string[];
  meta: Map<string, WriteMeta | LibMeta | { kind: string }>;
}

/** Every call of the file with the function (method, block, lambda) it is written in. */
export function allCalls(code: Code): { call: Call; fn?: Func }[] {
  const out: { call: Call; fn?: Func }[] = [];
  const seen = new Set<Call>();
  const visit = (body: Func['body'], fn: Func | undefined) =>
    allStmts(body, (s, _b, f) => {
      for (const c of callsOfStmt(s)) {
        if (seen.has(c)) continue;
        seen.add(c);
        out.push({ call: c, fn: f });
      }
    }, fn);
  const scopes = [code.scopes.module];
  for (let i = 0; i < scopes.length && i < 5000; i++) {
    const s = scopes[i];
    visit(s.fn ? s.fn.body : code.program.body, s.fn);
    scopes.push(...s.children);
  }
  return out.sort((a, b) => a.call.span.start - b.call.span.start);
}

/** The name a call is made by (`allow`, `config.allow`, `origins`), when it is a plain or member call. */
export function callName(c: Call): string | undefined {
  return c.callee.k === 'name' ? c.callee.name : c.callee.k === 'member' ? c.callee.name : undefined;
}

/** The calls written directly in a block's body, in source order (not in blocks nested deeper). */
export function callsInBody(fn: Func): Call[] {
  const out: Call[] = [];
  allStmts(fn.body, (s, _b, f) => {
    if (f === fn) out.push(...callsOfStmt(s));
  }, fn);
  return out.sort((a, b) => a.span.start - b.span.start);
}

/** `Rack::Cors`, or the string `"Rack::Cors"` older Rails apps give `insert_before`. */
export function isRackCors(e: Expr | undefined): boolean {
  if (e?.k === 'str') return e.value === 'Rack::Cors';
  return !!e && e.k === 'member' && e.name === 'Cors' && e.object.k === 'name' && e.object.name === 'Rack';
}
