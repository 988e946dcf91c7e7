/**
 * Where a middleware is mounted (`app.use`, `app.get` ..., `app.route(...).get`), directly or through the
 * constant or function declaration that names it, and the scope (app, route) a mount gives it. Read on the
 * engine's common form: every call of the file (jsCalls.allCalls), names followed with the engine's bindings.
 */
import type { Scope, Span } from '../../model/index.js';
import { bindingOf, type Code, type Env, type Expr, type Stmt } from '../../code/index.js';
import { allCalls, positional, type Call } from '../jsCalls.js';

export const ROUTE_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'options', 'all', 'head']);

export interface Mount {
  /** The router object as written: `app`, `router`, `server`. */
  object: string;
  /** 'use' or the route method (lowercase). */
  method: string;
  /** Path string when literal. */
  path?: string;
  /** The mounting call (`app.use(...)`). */
  span: Span;
  /** The statement that is just this call (`app.use(cors());`), when it is one. */
  stmtSpan?: Span;
  /** Which app or router: its declaration, or the bare name when it has none in the file (undefined: the
   *  object is not a plain name). */
  app?: string;
}

/** One mounting call and the middleware values it mounts (arguments, elements of array arguments), each
 *  with the mount it gets (a `use` path is the first argument only when the value is not that argument). */
interface MountCall {
  mounted: { e: Expr; mount: Mount }[];
  env: Env;
}

const same = (a: Span, b: Span) => a.start === b.start && a.end === b.end;

/** The path of a mount as written: a string, or the text of a regex or an array. */
function pathText(e: Expr | undefined, text: string): string | undefined {
  if (!e) return undefined;
  if (e.k === 'str' && e.verbatim) return e.value;
  if (e.k === 'regex' || (e.k === 'list' && e.kind === 'array')) return text.slice(e.span.start, e.span.end);
  return undefined;
}

const appIds = new WeakMap<object, number>();
let appN = 0;

export function appOf(e: Expr, env: Env): string | undefined {
  if (e.k !== 'name') return undefined;
  const found = bindingOf(e.name, env);
  if (!found) return `${e.name}@global`;
  let id = appIds.get(found.b);
  if (id === undefined) appIds.set(found.b, (id = ++appN));
  return `${e.name}@${id}`;
}

function mountCall(call: Call, env: Env, stmt: Stmt, text: string): MountCall | undefined {
  const c = call.callee;
  if (c.k !== 'member') return undefined;
  const method = c.name.toLowerCase();
  if (method !== 'use' && !ROUTE_METHODS.has(method)) return undefined;
  let object = c.object;
  let routePath: string | undefined;
  const args = positional(call);
  // app.route('/x').get(...)
  const chained = object.k === 'call';
  if (object.k === 'call' && object.callee.k === 'member' && object.callee.name === 'route') {
    routePath = pathText(positional(object)[0], text);
    object = object.callee.object;
  }
  const base = {
    object: text.slice(object.span.start, object.span.end),
    method,
    span: call.span,
    stmtSpan: stmt.k === 'expr' && stmt.expr === call ? stmt.span : undefined,
    app: appOf(object, env),
  };
  const mounted: MountCall['mounted'] = [];
  args.forEach((a, i) => {
    // a route needs a path argument before the handlers (`app.get('env')` is a settings getter)
    if (i === 0 && method !== 'use' && !chained) return;
    let path = routePath;
    if (path === undefined && i > 0) {
      path = pathText(args[0], text);
      // a route's first argument is always its path, whatever expression it is
      if (path === undefined && method !== 'use') path = text.slice(args[0].span.start, args[0].span.end);
    }
    const mount: Mount = { ...base, path };
    for (const e of a.k === 'list' && a.kind === 'array' ? [a, ...a.items] : [a]) mounted.push({ e, mount });
  });
  return { mounted, env };
}

export interface Mounts {
  /** Where the value written at this span (a cors() call, a handler function) is mounted: directly as an
   *  argument, or through the constant or function declaration that names it. */
  of(at: Span): Mount[];
  /** Only where it is written as an argument itself. */
  direct(at: Span): Mount | undefined;
}

/** The mounting calls of a file, built once per file. */
export function mountsIn(code: Code): Mounts {
  const calls: MountCall[] = [];
  for (const { call, env, stmt } of allCalls(code)) {
    const m = mountCall(call, env, stmt, code.text);
    if (m) calls.push(m);
  }
  const named = (e: Expr, env: Env, at: Span): boolean => {
    if (e.k !== 'name') return false;
    const b = bindingOf(e.name, env)?.b;
    if (b?.k === 'func') return same(b.fn.span, at);
    return b?.k === 'value' && b.prop === undefined && same(b.value.span, at);
  };
  return {
    direct(at: Span): Mount | undefined {
      for (const m of calls) for (const x of m.mounted) if (same(x.e.span, at)) return x.mount;
      return undefined;
    },
    of(at: Span): Mount[] {
      const d = this.direct(at);
      if (d) return [d];
      const out: Mount[] = [];
      for (const m of calls) for (const x of m.mounted) if (named(x.e, m.env, at)) out.push(x.mount);
      return out;
    },
  };
}

export function scopeOfMount(m: Mount | undefined, fallback: Scope): Scope {
  if (!m) return fallback;
  if (m.method === 'use') {
    const label = m.path !== undefined ? `${m.object}.use ${m.path}` : m.object;
    return { kind: 'app', label, path: m.path !== undefined ? [m.object, m.path] : [m.object], span: m.span };
  }
  const route = `${m.method === 'del' ? 'DELETE' : m.method.toUpperCase()} ${m.path ?? '?'}`;
  return { kind: 'route', label: route, path: [m.object, route], span: m.span };
}

export function pathCovers(usePath: string | undefined, target: string | undefined): boolean {
  if (usePath === undefined) return true;
  if (target === undefined) return false;
  return target === usePath || target.startsWith(usePath.endsWith('/') ? usePath : usePath + '/');
}
