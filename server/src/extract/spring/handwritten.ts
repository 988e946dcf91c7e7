/**
 * CORS headers written by hand in Java web code: `response.setHeader / addHeader` (Servlet API: in a
 * `Filter.doFilter`, a `OncePerRequestFilter.doFilterInternal`, a `HandlerInterceptor.preHandle`, a
 * controller taking the HttpServletResponse), `HttpHeaders.set / add` on a response's headers (WebFlux
 * `exchange.getResponse().getHeaders()`, `new HttpHeaders()`, and its typed setters
 * `setAccessControlAllowOrigin(…)` …), and `ResponseEntity` / `ServerResponse` builders' `.header(n, v)`.
 * Filters and interceptors write on every response they cover (scope app); a mapped handler on its route's.
 * Header names given as constants (`HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN`) are not resolved: no fact.
 */
import type { Scope } from '../../model/index.js';
import { allStmts, bindingOf, callsOfStmt, chainOf, collectWrites, type Code, type Env, type Expr, type Func, type Stmt, type Val, type WriteForm, type WriteTable } from '../../code/index.js';
import type { Node } from '../../syntax/treeSitter.js';
import { isCorsWriteName } from '../../knowledge/headerNames.js';
import { assemble, preflightByConditions, type FnInfo, type Role, type Sink } from '../handWritten.js';

const RESPONSE = /^(response|res|resp|httpResponse|servletResponse|httpServletResponse|serverResponse)$/;

/** A response object: a name like `response`, or `exchange.getResponse()` / `ctx.getResponse()`. */
function isResponse(e: Expr, env: Env): boolean {
  if (e.k === 'name') {
    if (!RESPONSE.test(e.name)) return false;
    const b = bindingOf(e.name, env);
    return !b || b.b.k === 'param' || (b.b.k === 'value' && isResponse(b.b.value, env));
  }
  return e.k === 'call' && e.callee.k === 'member' && e.callee.name === 'getResponse' && e.args.length === 0;
}

/** Response headers: `<response>.getHeaders()`, or a local bound to it or to `new HttpHeaders()`. */
function isHeaders(e: Expr, env: Env, depth = 0): boolean {
  if (depth > 4) return false;
  if (e.k === 'call' && e.callee.k === 'member' && e.callee.name === 'getHeaders' && e.args.length === 0) return isResponse(e.callee.object, env);
  if (e.k === 'name') {
    const b = bindingOf(e.name, env);
    if (b?.b.k !== 'value' || !b.b.constant) return false;
    const v = b.b.value;
    // `new HttpHeaders()`: a response's only when the function hands it to a ResponseEntity (else it may
    // be the headers of a request a client sends)
    if (v.k === 'call' && v.isNew && v.callee.k === 'name' && v.callee.name === 'HttpHeaders') return !!env.scope.fn && givenToResponse(e.name, env.scope.fn);
    return isHeaders(v, env, depth + 1);
  }
  return false;
}

/** `new ResponseEntity<>(body, headers, status)` or `ResponseEntity….headers(headers)` in the function. */
function givenToResponse(name: string, fn: Func): boolean {
  let found = false;
  allStmts(fn.body, (s) => {
    for (const c of callsOfStmt(s)) {
      const byName = c.args.some((a) => a.value.k === 'name' && a.value.name === name);
      if (byName && ((c.isNew && c.callee.k === 'name' && c.callee.name === 'ResponseEntity') || (c.callee.k === 'member' && c.callee.name === 'headers' && isEntityBuilder(c.callee.object)))) found = true;
    }
  });
  return found;
}

/** A `ResponseEntity.ok()` / `.status(…)` builder chain, or WebFlux's `ServerResponse.ok()` (functional endpoints). */
function isEntityBuilder(e: Expr): boolean {
  const root = chainOf(e)[0];
  return root.k === 'root' && (root.name === 'ResponseEntity' || root.name === 'ServerResponse');
}

const SETTERS: Record<string, string> = {
  setAccessControlAllowOrigin: 'Access-Control-Allow-Origin',
  setAccessControlAllowCredentials: 'Access-Control-Allow-Credentials',
  setAccessControlAllowMethods: 'Access-Control-Allow-Methods',
  setAccessControlAllowHeaders: 'Access-Control-Allow-Headers',
  setAccessControlExposeHeaders: 'Access-Control-Expose-Headers',
  setAccessControlMaxAge: 'Access-Control-Max-Age',
  setVary: 'Vary',
};

const stringify = (v: Val): string | undefined => (v.k === 'bool' ? String(v.value) : v.k === 'num' && /^-?\d+$/.test(v.raw) ? String(v.value) : undefined);

export const JAVA_WRITES = (extractor: string): WriteTable => ({
  extractor,
  calls: [
    { method: 'setHeader', recv: isResponse, op: 'set', name: 0, value: 1, minArgs: 2, maxArgs: 2 },
    { method: 'addHeader', recv: isResponse, op: 'add', name: 0, value: 1, minArgs: 2, maxArgs: 2 },
    { method: 'set', recv: isHeaders, op: 'set', name: 0, value: 1, minArgs: 2, maxArgs: 2 },
    { method: 'add', recv: isHeaders, op: 'add', name: 0, value: 1, minArgs: 2, maxArgs: 2 },
    { method: 'header', recv: (r) => isEntityBuilder(r), op: 'add', name: 0, value: 1, minArgs: 2, maxArgs: 2 },
    // Spring HttpHeaders' typed setters (a list is sent joined by ", ")
    ...Object.entries(SETTERS).map(([method, header]): WriteForm => ({ method, recv: isHeaders, op: 'set', header, value: 0, minArgs: 1, maxArgs: 1 })),
  ],
  assigns: [],
  stringify,
  wanted: isCorsWriteName,
});

const FILTER_METHODS = new Set(['doFilter', 'doFilterInternal', 'preHandle', 'postHandle', 'filter']);
const MAPPINGS: Record<string, string | undefined> = { RequestMapping: undefined, GetMapping: 'GET', PostMapping: 'POST', PutMapping: 'PUT', DeleteMapping: 'DELETE', PatchMapping: 'PATCH' };
export const APP_SCOPE: Scope = { kind: 'app', label: 'filters', path: ['app'] };

function mappingPath(decos: Expr[]): { path: string; methods?: string[] } | undefined {
  for (const d of decos) {
    if (d.k !== 'call' || d.callee.k !== 'name' || !(d.callee.name in MAPPINGS)) continue;
    const p = d.args.find((a) => !a.name || a.name === 'value' || a.name === 'path')?.value;
    const path = p?.k === 'str' ? p.value : p?.k === 'list' && p.items[0]?.k === 'str' ? p.items[0].value : '';
    const m = MAPPINGS[d.callee.name];
    return { path, methods: m ? [m] : undefined };
  }
  return undefined;
}

/** The role of each method of the file's classes. */
function rolesOf(body: Stmt[]): Map<Func, Role> {
  const roles = new Map<Func, Role>();
  const visit = (b: Stmt[], depth: number) => {
    if (depth > 30) return;
    for (const s of b) {
      if (s.k !== 'class') continue;
      const base = mappingPath(s.decorators)?.path ?? '';
      for (const m of s.body) {
        if (m.k !== 'func') continue;
        const map = mappingPath(m.fn.decorators);
        if (m.fn.name && FILTER_METHODS.has(m.fn.name)) roles.set(m.fn, { kind: 'after', app: true, scope: APP_SCOPE });
        else if (map) roles.set(m.fn, { kind: 'producer', sub: 'route', methods: map.methods, scope: { kind: 'route', label: `${s.name ?? 'class'}.${m.fn.name ?? 'handler'} ${base + map.path}`, path: ['app', base + map.path] } });
      }
      visit(s.body, depth + 1);
    }
  };
  visit(body, 0);
  return roles;
}

/** The hand-written writes of the file into `sink`, with their responses and policies. */
export function readHandWritten(sink: Sink, code: Code, extractor: string): void {
  const roles = rolesOf(code.program.body);
  const outer = (fn: Func): Func => {
    // a lambda inside a method (a WebFilter's `chain.filter(exchange).then(...)`) writes for that method
    for (const [f] of roles) if (f.span.start <= fn.span.start && fn.span.end <= f.span.end) return f;
    return fn;
  };
  const infos = new Map<Func, FnInfo>();
  for (const site of collectWrites(code, JAVA_WRITES(extractor))) {
    if (!site.fn) continue;
    const fn = outer(site.fn);
    let info = infos.get(fn);
    if (!info) {
      const role: Role = roles.get(fn) ?? { kind: 'producer', sub: 'other', scope: { kind: 'block', label: fn.name ?? 'function', path: ['app', fn.name ?? 'function'] } };
      info = { key: fn.span.start, start: fn.span.start, role, writes: [], sig: new Map() };
      infos.set(fn, info);
    }
    const w = { ...site.write, id: `w${sink.nextWrite++}`, scope: info.role.scope };
    sink.writes.push(w);
    info.writes.push(w);
    info.sig.set(w.id, site.branches);
    sink.meta.set(w.id, { kind: 'java-write' });
    sink.mentions.push({ value: w.name, span: w.nameSpan });
  }
  assemble(sink, [...infos.values()], { extractor, appScope: APP_SCOPE, preflight: preflightByConditions });
}

export function newSink(root: Node, text: string, nextPolicy: number): Sink {
  return { root, text, policies: [], writes: [], responses: [], mentions: [], meta: new Map(), nextPolicy, nextWrite: 0 };
}
