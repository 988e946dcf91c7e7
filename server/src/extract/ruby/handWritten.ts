/**
 * Hand-written CORS headers in Ruby (the forms of a write: writeTable.ts) and the role of the code that
 * writes them: Sinatra `before` / `after` filters, Rails `before_action` / `after_action` callbacks and Rack
 * middleware `call(env)` (they run around every request: role `after`), Sinatra routes (`get '/x' do`,
 * `options '*' do`) and controller actions (they make the response), other methods and blocks (alone). The
 * writes of each are put together into responses and policies by ../handWritten.ts (language-neutral).
 */
import { allStmts, callsIn, type Func } from '../../code/index.js';
import type { HeaderWrite, Scope } from '../../model/index.js';
import { readHandWritten, type Role } from '../handWritten.js';
import { APP_SCOPE, EXTRACTOR_ID, allCalls, callName, type Ctx } from './ctx.js';
import { RUBY_WRITES } from './writeTable.js';

const VERBS = new Set(['get', 'post', 'put', 'patch', 'delete', 'options', 'head', 'link', 'unlink']);
const FILTERS = new Set(['before', 'after']);
const LIMITS = new Set(['only', 'except', 'if', 'unless']);
const CALLBACKS = new Set(['before_action', 'after_action', 'prepend_before_action', 'append_before_action', 'around_action', 'append_after_action']);

interface Roles {
  byFn: Map<Func, Role>;
  /** Methods named by before_action / after_action, and their role. */
  callbackNames: Map<string, Role>;
  classOf: Map<Func, { name: string; controller: boolean }>;
  hasOptionsRoute: boolean;
  /** Helper methods by name → the role of the filter or route that calls them. */
  helpers: Map<string, Role>;
}

function rolesOf(ctx: Ctx): Roles {
  const byFn = new Map<Func, Role>();
  const callbackNames = new Map<string, Role>();
  let hasOptionsRoute = false;
  const calls = allCalls(ctx.code);
  // Sinatra filters with a path run only for the routes it matches: their receiver is that pattern
  const patterns: string[] = [];
  for (const { call } of calls) {
    const path = call.args[0]?.value;
    if (call.callee.k === 'name' && FILTERS.has(call.callee.name) && call.block && path?.k === 'str') patterns.push(path.value);
  }
  for (const { call, fn } of calls) {
    const name = callName(call);
    if (!name || call.callee.k !== 'name') continue;
    const path = call.args[0]?.value;
    const label = path?.k === 'str' ? `${name} ${path.value}` : name;
    if (VERBS.has(name) && call.block && !fn?.name) {
      if (name === 'options') hasOptionsRoute = true;
      const receiver = path?.k === 'str' ? patterns.find((f) => sinatraMatch(f, path.value)) : undefined;
      byFn.set(call.block, { kind: 'producer', sub: 'route', receiver, methods: [name.toUpperCase()], scope: { kind: 'route', label, path: ['app', label], span: call.span } });
    } else if (FILTERS.has(name) && call.block) {
      const scoped = path?.k === 'str' ? path.value : undefined;
      byFn.set(call.block, { kind: 'after', app: !scoped, receiver: scoped, first: name === 'before', scope: { kind: scoped ? 'block' : 'app', label, path: ['app', ...(scoped ? [label] : [])] } });
    }
  }
  // Rails callbacks reach the actions of their controller class; `only:` / `except:` / `if:` ones only some:
  // they stand alone (never combined with an action they may not cover)
  const classOf = new Map<Func, { name: string; controller: boolean }>();
  allStmts(ctx.code.program.body, (s) => {
    if (s.k !== 'class') return;
    const cls = s.name ?? '?';
    const controller = /Controller$/.test(cls) || (s.bases ?? []).some((b) => /Controller(::Base|::API)?$/.test(ctx.text.slice(b.span.start, b.span.end)));
    for (const m of s.body) {
      if (m.k === 'func') classOf.set(m.fn, { name: cls, controller });
      const call = m.k === 'expr' && m.expr.k === 'call' ? m.expr : undefined;
      if (call?.callee.k !== 'name' || !CALLBACKS.has(call.callee.name)) continue;
      const name = call.callee.name;
      const limited = call.args.some((a) => a.value.k === 'map' && a.value.entries.some((e) => LIMITS.has(e.key ?? '')));
      const label = `${cls} ${name}`;
      const role: Role = { kind: 'after', app: false, receiver: limited ? `${label}@${m.span.start}` : `class ${cls}`, first: /before/.test(name), scope: { kind: 'block', label, path: ['app', label] } };
      if (call.block) byFn.set(call.block, role);
      for (const a of call.args) if (a.value.k === 'str' && a.value.symbol) callbackNames.set(a.value.value, role);
    }
  });
  return { byFn, callbackNames, classOf, hasOptionsRoute, helpers: helperRoles(ctx, byFn) };
}

/** Helpers (`allow_dashboard!` in a Sinatra `helpers do … end`, a private method) called by name from a
 *  filter or route: their writes reach that caller's responses. A filter's role wins over a route's. */
function helperRoles(ctx: Ctx, byFn: Map<Func, Role>): Map<string, Role> {
  const out = new Map<string, Role>();
  for (const [fn, role] of byFn) {
    allStmts(fn.body, (s, _b, f) => {
      if (f !== fn) return;
      const e = s.k === 'expr' ? s.expr : s.k === 'return' ? s.value : undefined;
      const name = e?.k === 'name' ? e.name : e?.k === 'call' && e.callee.k === 'name' ? e.callee.name : undefined;
      if (!name || (out.has(name) && !(role.kind === 'after' && out.get(name)!.kind !== 'after'))) return;
      out.set(name, role);
    }, fn);
  }
  return out;
}

/** Does a Sinatra filter pattern (`/api/*`, `/items/:id`) cover a route's path? */
function sinatraMatch(pattern: string, path: string): boolean {
  let re = compiled.get(pattern);
  if (!re) {
    re = new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/:\w+/g, '[^/]+')}$`);
    if (compiled.size > 500) compiled.clear();
    compiled.set(pattern, re);
  }
  return re.test(path);
}
const compiled = new Map<string, RegExp>();

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
  const callback = fn.name ? r.callbackNames.get(fn.name) : undefined;
  if (callback) return callback;
  const helper = fn.name ? r.helpers.get(fn.name) : undefined;
  if (helper) return helper;
  if (isMiddlewareCall(fn)) return { kind: 'after', app: true, scope: APP_SCOPE };
  const label = cls ? `${cls.name}#${name}` : fn.name ? `def ${name}` : `block`;
  const scope: Scope = { kind: cls?.controller ? 'route' : 'block', label, path: ['app', label], span: fn.span };
  return { kind: 'producer', sub: cls?.controller ? 'route' : 'other', receiver: cls ? `class ${cls.name}` : undefined, scope };
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
