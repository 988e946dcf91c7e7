/**
 * Which functions of a JavaScript file run as a framework's request handlers (Koa, Hono): middleware mounted
 * with `app.use(fn)` / `app.use('/api/*', fn)`, route handlers `router.get('/x', fn)`, and functions with the
 * framework's `(ctx, next)` parameters that are exported to be mounted elsewhere. Their first parameter is the
 * framework's context, the only receiver hand-written header writes are read on.
 */
import { bindingOf, dottedName, walkFunc, type Code, type Env, type Expr, type Func } from '../code/index.js';
import type { Scope } from '../model/index.js';
import type { CallSite } from './jsCalls.js';

/** One function that handles requests, and where it runs. */
export interface Unit {
  /** Absent for the framework's CORS middleware (jsAssembly.ts). */
  fn?: Func;
  scope: Scope;
  /** app: runs on every response of the app (app-wide middleware, hapi onPreResponse); route: makes the
   *  responses of a route; alone: runs where we cannot see (exported middleware, other hooks). */
  kind: 'app' | 'route' | 'alone';
  /** Registration order: where it is mounted in the file (app units combine with the routes mounted after
   *  them). */
  order: number;
  /** How it is mounted: use, get, options … (hapi: the route's method). */
  mount?: string;
  /** Writes at or after this offset run after the handlers downstream (`await next()`). */
  nextAt?: number;
  /** Every write runs after the route's handler (hapi onPreResponse). */
  after?: boolean;
  /** The framework's CORS middleware, and whether it sends Allow-Origin to every origin or only to some. */
  library?: 'every-origin' | 'some-origins';
}

const MOUNTS = new Set(['use', 'get', 'post', 'put', 'patch', 'delete', 'del', 'all', 'options', 'head', 'on']);

/** The function an argument stands for: a function literal, a name bound to one, or a factory's argument
 *  (`createMiddleware(fn)` in Hono). */
export function funcOf(e: Expr | undefined, env: Env, factories: readonly string[] = [], depth = 0): Func | undefined {
  if (!e || depth > 6) return undefined;
  if (e.k === 'func') return e.fn;
  if (e.k === 'call' && factories.includes(dottedName(e.callee) ?? '')) return funcOf(e.args[0]?.value, env, factories, depth + 1);
  if (e.k !== 'name') return undefined;
  const found = bindingOf(e.name, env);
  if (found?.b.k === 'func') return found.b.fn;
  if (found?.b.k === 'value' && found.b.constant && found.b.prop === undefined) return funcOf(found.b.value, found.env, factories, depth + 1);
  return undefined;
}

/** Where `next()` (the second parameter) is called first in a middleware: what runs after it runs after
 *  the handlers downstream. */
export function nextCallAt(fn: Func): number | undefined {
  const next = fn.params[1]?.name;
  if (!next) return undefined;
  let at: number | undefined;
  walkFunc(fn, (node) => {
    const c = node.expr;
    if (c?.k === 'call' && c.callee.k === 'name' && c.callee.name === next && (at === undefined || c.span.start < at)) at = c.span.start;
  });
  return at;
}

/** The mounted handlers (`app.use`, `router.get` …) and the exported `(ctx, next)`-style functions. */
export function mountedUnits(code: Code, calls: CallSite[], params: { ctx: readonly string[]; factories?: readonly string[] }): Unit[] {
  const units = new Map<Func, Unit>();
  for (const { call, env } of calls) {
    if (call.callee.k !== 'member' || !MOUNTS.has(call.callee.name)) continue;
    const how = call.callee.name;
    const owner = dottedName(call.callee.object);
    const first = call.args[0]?.value;
    const path = first?.k === 'str' ? first.value : undefined;
    const appWide = how === 'use' && (path === undefined || path === '*' || path === '/*');
    for (const a of call.args) {
      if (a.spread || a.name) continue;
      const fn = funcOf(a.value, env, params.factories);
      if (!fn || fn.params.length === 0 || units.has(fn)) continue;
      const label = owner ? (path && !appWide ? `${how === 'use' ? '' : `${how} `}${owner} ${path}`.trim() : owner) : 'handler';
      const scope: Scope = path && !appWide ? { kind: 'route', label, path: [owner ?? '', path], span: call.span } : { kind: 'app', label, path: [owner ?? ''], span: call.span };
      // a route handler ends the chain; middleware (a `next` parameter) may run code after it
      const kind = appWide && fn.params.length >= 2 ? 'app' : 'route';
      units.set(fn, { fn, scope, kind, order: a.value.span.start, mount: how, nextAt: nextCallAt(fn) });
    }
  }
  // `export async function cors(ctx, next) {…}`: a middleware mounted in another file — not a helper that
  // this file calls itself (its callers may check the origin first)
  const called = new Set<Func>();
  for (const { call, env } of calls) {
    const fn = call.callee.k === 'name' ? funcOf(call.callee, env) : undefined;
    if (fn) called.add(fn);
  }
  const stack = [...code.scopes.module.children];
  while (stack.length) {
    const s = stack.shift()!;
    stack.push(...s.children);
    const fn = s.fn;
    if (!fn || units.has(fn) || called.has(fn) || fn.params.length !== 2 || !params.ctx.includes(fn.params[0].name) || fn.params[1].name !== 'next') continue;
    const scope: Scope = { kind: 'block', label: fn.name ? `function ${fn.name}` : 'middleware', path: fn.name ? [fn.name] : [], span: fn.span };
    units.set(fn, { fn, scope, kind: 'alone', order: fn.span.start, nextAt: nextCallAt(fn) });
  }
  return [...units.values()];
}

/** Is `e` (a receiver) parameter `index` (the first by default) of one of the units, read through constants? */
export function isContextParam(e: Expr, env: Env, fns: ReadonlySet<Func>, index = 0): boolean {
  if (e.k !== 'name') return false;
  const found = bindingOf(e.name, env);
  const b = found?.b;
  if (b?.k === 'param') return b.index === index && !b.prop && fns.has(b.fn);
  if (b?.k === 'value' && b.constant && b.prop === undefined) return isContextParam(b.value, found!.env, fns, index);
  return false;
}
