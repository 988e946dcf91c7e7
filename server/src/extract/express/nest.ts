/**
 * NestJS controllers (@nestjs/common, read on 10.3 / 11.1): `@Header(name, value)` on a route method stores
 * the header in the method's metadata, and Nest's router sets it on the response (the platform's setHeader:
 * Express `res.setHeader`, a replace) before the handler runs, on every response of that route. The route is
 * `@Get(path)` / `@Post` … on the method under `@Controller(prefix)` on the class. The header decorator does
 * not make the route answer a preflight: only an `@Options()` or `@All()` route is called for OPTIONS.
 */
import type { Scope } from '../../model/index.js';
import type { Code, Expr, Func, Stmt } from '../../code/index.js';

const NEST = '@nestjs/common';
const ROUTE_DECORATORS = ['Get', 'Post', 'Put', 'Patch', 'Delete', 'Options', 'All', 'Head', 'Search'];

/** Local names of @nestjs/common exports in the file (`import { Header as H }` → H for Header). */
function nestImports(code: Code): Map<string, string> {
  const out = new Map<string, string>();
  for (const s of code.program.body) if (s.k === 'import' && s.module === NEST) for (const n of s.names) out.set(n.alias, n.name);
  return out;
}

/** The local names of Nest's `Header` decorator. */
export function nestHeaderNames(code: Code): string[] {
  return [...nestImports(code)].filter(([, name]) => name === 'Header').map(([alias]) => alias);
}

export interface NestRoute {
  scope: Scope;
  /** The route is called for OPTIONS requests (`@Options()`, `@All()`). */
  options: boolean;
}

/** A path argument written as a string literal ('' when there is none; undefined when not a literal). */
function pathArg(call: Expr & { k: 'call' }): string | undefined {
  const a = call.args[0]?.value;
  if (!a) return '';
  if (a.k === 'str') return a.value;
  if (a.k === 'map') {
    const p = a.entries.find((e) => e.key === 'path')?.value;
    return p?.k === 'str' ? p.value : undefined;
  }
  return undefined;
}

const join = (...parts: string[]) => '/' + parts.map((p) => p.replace(/^\/+|\/+$/g, '')).filter(Boolean).join('/');

/** The Nest route of each controller method, by its function. */
export function nestRoutes(code: Code): Map<Func, NestRoute> {
  const names = nestImports(code);
  const out = new Map<Func, NestRoute>();
  if (![...names.values()].includes('Controller')) return out;
  const nestName = (d: Expr): string | undefined => (d.k === 'call' && d.callee.k === 'name' ? names.get(d.callee.name) : undefined);
  const classes: (Stmt & { k: 'class' })[] = [];
  const find = (body: Stmt[]) => {
    for (const s of body) {
      if (s.k === 'class') classes.push(s);
      else if (s.k === 'block') find(s.body);
    }
  };
  find(code.program.body);
  for (const c of classes) {
    const ctrl = c.decorators.find((d) => nestName(d) === 'Controller');
    if (ctrl?.k !== 'call') continue;
    const prefix = pathArg(ctrl);
    for (const m of c.body) {
      if (m.k !== 'func') continue;
      const route = m.fn.decorators.find((d) => ROUTE_DECORATORS.includes(nestName(d) ?? ''));
      if (route?.k !== 'call') continue;
      const method = nestName(route)!;
      const path = pathArg(route);
      const label = `${method.toUpperCase()} ${prefix !== undefined && path !== undefined ? join(prefix, path) : '?'}`;
      const scope: Scope = { kind: 'route', label, path: [c.name ?? 'controller', label], span: route.span };
      out.set(m.fn, { scope, options: method === 'Options' || method === 'All' });
    }
  }
  return out;
}
