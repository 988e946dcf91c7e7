/**
 * Where Starlette's CORSMiddleware is applied in a file: `app.add_middleware(CORSMiddleware, ...)`,
 * `Middleware(CORSMiddleware, ...)` (in `Starlette(middleware=[...])` / `FastAPI(middleware=[...])`, or any
 * list), and `CORSMiddleware(app, ...)` wrapping an ASGI app. The class may come from
 * starlette.middleware.cors or fastapi.middleware.cors (which re-exports it).
 */
import type { Span } from '../../model/index.js';
import { dottedName, envOf, walkFunc, type Code, type Env, type Expr, type Func } from '../../code/index.js';
import { bindingOf } from '../../code/values.js';

export const KNOWN_OPTIONS = [
  'allow_origins',
  'allow_methods',
  'allow_headers',
  'allow_credentials',
  'allow_origin_regex',
  'expose_headers',
  'max_age',
] as const;

const CORS_MODULE = /^(starlette|fastapi)\.middleware\.cors$/;

export interface Decl {
  form: 'add_middleware' | 'Middleware' | 'wrap';
  call: Expr & { k: 'call' };
  env: Env;
  /** The options given by name. */
  options: Map<string, { value: Expr; argSpan: Span; nameSpan: Span }>;
  /** `**kwargs` we cannot read: options not given by name are unknown. */
  opaque: boolean;
  unknown: { name: { value: string; span: Span }; known: string[] }[];
  /** The app the middleware is added to, when written (`app`, `api`). */
  target?: string;
}

/** Is this expression the CORSMiddleware class? */
function isCorsClass(e: Expr | undefined, env: Env): boolean {
  if (!e) return false;
  if (e.k === 'name') {
    const b = bindingOf(e.name, env);
    if (b?.b.k === 'import') return CORS_MODULE.test(b.b.module) && b.b.imported === 'CORSMiddleware';
    return !b && e.name === 'CORSMiddleware' && /\b(starlette|fastapi)\b/.test(env.code.text);
  }
  const d = dottedName(e);
  return !!d && /(^|\.)(starlette|fastapi)\.middleware\.cors\.CORSMiddleware$/.test(d);
}

/** Is this the `Middleware` wrapper class of starlette.middleware (also re-exported by fastapi)? */
function isMiddlewareClass(e: Expr, env: Env): boolean {
  if (e.k === 'name') {
    const b = bindingOf(e.name, env);
    if (b?.b.k === 'import') return /^(starlette|fastapi)\.middleware$/.test(b.b.module) && b.b.imported === 'Middleware';
    return !b && e.name === 'Middleware';
  }
  const d = dottedName(e);
  return !!d && /(^|\.)(starlette|fastapi)\.middleware\.Middleware$/.test(d);
}

function readDecl(form: Decl['form'], call: Expr & { k: 'call' }, env: Env, skipPositional: number, target?: string): Decl {
  const d: Decl = { form, call, env, options: new Map(), opaque: false, unknown: [], target };
  let positional = 0;
  for (const a of call.args) {
    if (a.spread) {
      d.opaque = true;
      continue;
    }
    if (!a.name) {
      positional++;
      // CORSMiddleware(app, allow_origins, allow_methods, ...) positionally: not modelled.
      if (positional > skipPositional) d.opaque = true;
      continue;
    }
    if (form === 'wrap' && a.name === 'app') continue;
    if ((KNOWN_OPTIONS as readonly string[]).includes(a.name)) d.options.set(a.name, { value: a.value, argSpan: a.span, nameSpan: a.nameSpan ?? a.span });
    else d.unknown.push({ name: { value: a.name, span: a.nameSpan ?? a.span }, known: [...KNOWN_OPTIONS] });
  }
  return d;
}

function declOf(call: Expr & { k: 'call' }, env: Env): Decl | undefined {
  const first = call.args.find((a) => !a.name && !a.spread)?.value;
  const c = call.callee;
  if (c.k === 'member' && c.name === 'add_middleware' && isCorsClass(first, env)) {
    return readDecl('add_middleware', call, env, 1, dottedName(c.object));
  }
  if (isMiddlewareClass(c, env) && isCorsClass(first, env)) return readDecl('Middleware', call, env, 1);
  if (isCorsClass(c, env)) {
    const app = call.args.find((a) => a.name === 'app')?.value ?? first;
    return readDecl('wrap', call, env, call.args.some((a) => a.name === 'app') ? 0 : 1, app ? dottedName(app) : undefined);
  }
  return undefined;
}

/** Every CORSMiddleware declaration of the file, in source order (module level and inside functions,
 *  e.g. an app factory). */
export function findDecls(code: Code): Decl[] {
  const out: Decl[] = [];
  const seen = new Set<number>();
  const visitBody = (body: { body: Code['program']['body'] }, fn?: Func) => {
    const env = envOf(code, fn);
    walkFunc(body, (node) => {
      const e = node.expr;
      if (e?.k !== 'call' || seen.has(e.span.start)) return;
      const d = declOf(e, env);
      if (d) {
        seen.add(e.span.start);
        out.push(d);
      }
    });
  };
  visitBody(code.program);
  const walkScopes = (s: Code['scopes']['module']) => {
    for (const c of s.children) {
      if (c.fn) visitBody(c.fn, c.fn);
      walkScopes(c);
    }
  };
  walkScopes(code.scopes.module);
  return out.sort((a, b) => a.call.span.start - b.call.span.start);
}
