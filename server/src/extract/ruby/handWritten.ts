/**
 * Hand-written CORS headers in Ruby (the forms of a write: writeTable.ts) and the role of the code that
 * writes them: Sinatra `before` / `after` filters, Rails `before_action` / `after_action` callbacks and Rack
 * middleware `call(env)` (they run around every request: role `after`), Sinatra routes (`get '/x' do`,
 * `options '*' do`) and controller actions (they make the response), other methods and blocks (alone). The
 * writes of each are put together into responses and policies by ../pyHandWritten.ts (language-neutral).
 */
import { allStmts, callsIn, type Func } from '../../code/index.js';
import type { HeaderWrite, Scope } from '../../model/index.js';
import { readHandWritten, type Role } from '../pyHandWritten.js';
import { APP_SCOPE, EXTRACTOR_ID, allCalls, callName, type Ctx } from './ctx.js';
import { RUBY_WRITES } from './writeTable.js';

const VERBS = new Set(['get', 'post', 'put', 'patch', 'delete', 'options', 'head', 'link', 'unlink']);
const FILTERS = new Set(['before', 'after']);
const CALLBACKS = new Set(['before_action', 'after_action', 'prepend_before_action', 'append_before_action', 'around_action', 'append_after_action']);

interface Roles {
  byFn: Map<Func, Role>;
  /** Methods named by before_action / after_action (true: it runs before the action). */
  callbackNames: Map<string, boolean>;
  classOf: Map<Func, { name: string; controller: boolean }>;
  hasOptionsRoute: boolean;
}

function rolesOf(ctx: Ctx): Roles {
  const byFn = new Map<Func, Role>();
  const callbackNames = new Map<string, boolean>();
  let hasOptionsRoute = false;
  for (const { call, fn } of allCalls(ctx.code)) {
    const name = callName(call);
    if (!name || call.callee.k !== 'name') continue;
    const path = call.args[0]?.value;
    const label = path?.k === 'str' ? `${name} ${path.value}` : name;
    if (VERBS.has(name) && call.block && !fn?.name) {
      if (name === 'options') hasOptionsRoute = true;
      byFn.set(call.block, { kind: 'producer', sub: 'route', methods: [name.toUpperCase()], scope: { kind: 'route', label, path: ['app', label], span: call.span } });
    } else if (FILTERS.has(name) && call.block) {
      byFn.set(call.block, { kind: 'after', app: true, first: name === 'before', scope: { kind: 'app', label, path: ['app'] } });
    } else if (CALLBACKS.has(name)) {
      const first = /before/.test(name);
      if (call.block) byFn.set(call.block, { kind: 'after', app: true, first, scope: { kind: 'app', label: name, path: ['app'] } });
      for (const a of call.args) if (a.value.k === 'str' && a.value.symbol) callbackNames.set(a.value.value, first);
    }
  }
  const classOf = new Map<Func, { name: string; controller: boolean }>();
  allStmts(ctx.code.program.body, (s) => {
    if (s.k !== 'class') return;
    const controller = /Controller$/.test(s.name ?? '') || (s.bases ?? []).some((b) => /Controller(::Base|::API)?$/.test(ctx.text.slice(b.span.start, b.span.end)));
    for (const m of s.body) if (m.k === 'func') classOf.set(m.fn, { name: s.name ?? '?', controller });
  });
  return { byFn, callbackNames, classOf, hasOptionsRoute };
}

/** A Rack middleware's `call(env)`: it passes the request on (`@app.call(env)`) and writes on the answer. */
function isMiddlewareCall(fn: Func): boolean {
  if (fn.name !== 'call') return false;
  let found = false;
  allStmts(fn.body, (s) => {
    const e = s.k === 'expr' || s.k === 'return' ? (s.k === 'expr' ? s.expr : s.value) : s.k === 'assign' || s.k === 'destructure' ? s.value : undefined;
    for (const c of callsIn(e)) if (c.callee.k === 'member' && c.callee.name === 'call' && c.callee.object.k === 'name' && c.callee.object.name === '@app') found = true;
  }, fn);
  return found;
}

function roleOf(r: Roles, fn: Func): Role {
  const known = r.byFn.get(fn);
  if (known) return known;
  const cls = r.classOf.get(fn);
  const name = fn.name ?? 'block';
  if (fn.name && r.callbackNames.has(fn.name)) return { kind: 'after', app: true, first: r.callbackNames.get(fn.name), scope: { kind: 'app', label: `callback ${name}`, path: ['app'] } };
  if (isMiddlewareCall(fn)) return { kind: 'after', app: true, scope: APP_SCOPE };
  const label = cls ? `${cls.name}#${name}` : fn.name ? `def ${name}` : `block`;
  const scope: Scope = { kind: cls?.controller ? 'route' : 'block', label, path: ['app', label], span: fn.span };
  return { kind: 'producer', sub: cls?.controller ? 'route' : 'other', scope };
}

export function extractHandWritten(ctx: Ctx): void {
  const r = rolesOf(ctx);
  const preflight = (role: Role, conds: Set<HeaderWrite['condition']>): boolean | 'unknown' => {
    if (conds.has('options-only')) return true;
    // a Sinatra route answers the method it is declared for (filters run before it: their writes are in)
    if (role.kind === 'producer' && role.methods) return role.methods.includes('OPTIONS');
    if (conds.has('non-options') && conds.size === 1) return false;
    // filters alone: the responses of routes that write nothing; an `options` route answers preflights
    if (role.kind === 'after' && r.hasOptionsRoute) return false;
    return 'unknown';
  };
  readHandWritten(ctx, ctx.code, RUBY_WRITES, (fn) => roleOf(r, fn), { extractor: EXTRACTOR_ID, appScope: APP_SCOPE, preflight });
}
