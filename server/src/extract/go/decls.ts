/**
 * Where a Go CORS library is set up in a file: `cors.New(cors.Options{...})`, `cors.Default()`,
 * `cors.AllowAll()` of github.com/rs/cors; `cors.New(cors.Config{...})`, `cors.Default()` of
 * github.com/gin-contrib/cors, also with a config held in a variable (`config := cors.DefaultConfig()` then
 * `config.AllowOrigins = []string{...}`); `cors.Handler(cors.Options{...})`, `cors.New`, `cors.AllowAll()` of
 * github.com/go-chi/cors; `middleware.CORSWithConfig(middleware.CORSConfig{...})` and `middleware.CORS()` of
 * echo v4; `handlers.CORS(handlers.AllowedOrigins(...), handlers.AllowCredentials(), ...)` of gorilla/handlers
 * (each option a call: its name is the field); `cors.New(cors.Config{...})` / `cors.New()` of fiber v2. The
 * package is known by its import path (any alias).
 */
import type { Span } from '../../model/index.js';
import { bindingOf, envOf, walkFunc, type Code, type Env, type Expr, type Func, type Stmt } from '../../code/index.js';

export type Lib = 'rs-cors' | 'gin-contrib-cors' | 'go-chi-cors' | 'echo-cors' | 'gorilla-handlers' | 'fiber-cors';

const MODULES: Record<string, Lib> = {
  'github.com/rs/cors': 'rs-cors',
  'github.com/gin-contrib/cors': 'gin-contrib-cors',
  'github.com/go-chi/cors': 'go-chi-cors',
  'github.com/labstack/echo/v4/middleware': 'echo-cors',
  'github.com/gorilla/handlers': 'gorilla-handlers',
  'github.com/gofiber/fiber/v2/middleware/cors': 'fiber-cors',
};

export interface Field {
  value: Expr;
  /** The field name as written (hover, fixes). */
  keySpan: Span;
  /** The whole `Field: value` element or `cfg.Field = value` statement. */
  span: Span;
}

export interface Decl {
  lib: Lib;
  /** `New(…)` (also chi `Handler(…)`, echo `CORSWithConfig(…)`), or a preset: rs/cors `Default()` /
   *  `AllowAll()`, chi `AllowAll()`, gin-contrib `Default()`, echo `CORS()`. */
  form: 'New' | 'Default' | 'AllowAll';
  call: Expr & { k: 'call' };
  env: Env;
  fields: Map<string, Field>;
  /** gin-contrib `DefaultConfig()`: the fields not set start from its values. */
  fromDefaultConfig: boolean;
  /** Fields changed in ways we do not follow (`config.AddAllowHeaders(...)`, a conditional assignment). */
  unknownFields: Set<string>;
  /** The options could not be read at all (a parameter, a function result). */
  opaque: boolean;
  /** The struct literal holding the options, when it is written in the file (fixes add fields there). */
  literal?: Expr & { k: 'map' };
}

/** Import alias → library, for the libraries this extractor reads. */
function aliases(code: Code): Map<string, Lib> {
  const out = new Map<string, Lib>();
  for (const s of code.program.body) {
    if (s.k !== 'import') continue;
    const lib = MODULES[s.module];
    if (lib) for (const n of s.names) out.set(n.alias, lib);
  }
  return out;
}

function libCall(e: Expr, libs: Map<string, Lib>): { lib: Lib; fn: string } | undefined {
  if (e.k !== 'call' || e.callee.k !== 'member' || e.callee.object.k !== 'name') return undefined;
  const lib = libs.get(e.callee.object.name);
  return lib ? { lib, fn: e.callee.name } : undefined;
}

function fromLiteral(d: Decl, m: Expr & { k: 'map' }): void {
  d.literal = m;
  for (const en of m.entries) if (en.key !== undefined && en.keySpan) d.fields.set(en.key, { value: en.value, keySpan: en.keySpan, span: en.span });
}

/** `cfg.Field = v` and `cfg.AddAllow…(…)` on a config variable, in the function that declares it, before `before`. */
function fieldWrites(d: Decl, name: string, body: Stmt[], before: number): void {
  walkFunc({ body }, (node, guards) => {
    if (node.stmt.span.start >= before) return;
    const s = node.stmt;
    if (!node.expr && s.k === 'assign' && s.target.k === 'member' && s.target.object.k === 'name' && s.target.object.name === name) {
      const field = s.target.name;
      if (guards.length || s.op !== '=') d.unknownFields.add(field);
      else d.fields.set(field, { value: s.value, keySpan: s.target.nameSpan, span: s.span });
    }
    const c = node.expr;
    if (c?.k === 'call' && c.callee.k === 'member' && c.callee.object.k === 'name' && c.callee.object.name === name) {
      const m = /^Add(Allow|Expose)(Methods|Headers)$/.exec(c.callee.name);
      if (m) d.unknownFields.add(m[1] === 'Allow' ? `Allow${m[2]}` : 'ExposeHeaders');
    }
  });
}

function readOptions(d: Decl, arg: Expr | undefined, libs: Map<string, Lib>): void {
  if (!arg) return;
  if (arg.k === 'map') return fromLiteral(d, arg);
  if (arg.k !== 'name') {
    d.opaque = true;
    return;
  }
  const b = bindingOf(arg.name, d.env);
  // a variable assigned more than once (`var cfg cors.Config` then `cfg = …`) is not followed
  if (!b || b.b.k !== 'value' || !b.b.constant) {
    d.opaque = true;
    return;
  }
  const v = b.b.value;
  const pre = libCall(v, libs);
  if (v.k === 'map') fromLiteral(d, v);
  else if (pre && pre.lib === 'gin-contrib-cors' && pre.fn === 'DefaultConfig') d.fromDefaultConfig = true;
  else {
    d.opaque = true;
    return;
  }
  const fn = b.env.scope.fn;
  fieldWrites(d, arg.name, fn ? fn.body : d.env.code.program.body, d.call.span.start);
}

/** gorilla `handlers.CORS(opt1, opt2, …)`: each option call of the package is a field. */
function gorillaFields(d: Decl, libs: Map<string, Lib>): void {
  for (const a of d.call.args) {
    const o = libCall(a.value, libs);
    if (a.spread || !o || a.value.k !== 'call' || a.value.callee.k !== 'member') {
      d.opaque = true;
      continue;
    }
    const c = a.value;
    const nameSpan = (c.callee as Expr & { k: 'member' }).nameSpan;
    const value: Expr = c.args[0]?.value ?? { k: 'bool', span: c.span, value: true };
    d.fields.set(o.fn, { value, keySpan: nameSpan, span: a.span });
  }
}

function declOf(e: Expr, env: Env, libs: Map<string, Lib>): Decl | undefined {
  const lc = libCall(e, libs);
  if (!lc || e.k !== 'call') return undefined;
  const base = { lib: lc.lib, call: e, env, fields: new Map<string, Field>(), fromDefaultConfig: false, unknownFields: new Set<string>(), opaque: false };
  if (lc.lib === 'gorilla-handlers') {
    if (lc.fn !== 'CORS') return undefined;
    const d: Decl = { ...base, form: 'New' };
    gorillaFields(d, libs);
    return d;
  }
  // fiber `cors.New()`: the defaults
  if (lc.lib === 'fiber-cors' && lc.fn === 'New' && !e.args.length) return { ...base, form: 'Default' };
  const make = lc.lib === 'echo-cors' ? 'CORSWithConfig' : lc.lib === 'go-chi-cors' && lc.fn === 'Handler' ? 'Handler' : 'New';
  if (lc.fn === make && e.args.length === 1) {
    const d: Decl = { ...base, form: 'New' };
    readOptions(d, e.args[0].value, libs);
    return d;
  }
  const preset = lc.lib === 'echo-cors' ? 'CORS' : lc.lib === 'go-chi-cors' ? undefined : 'Default';
  if (lc.fn === preset && !e.args.length) return { ...base, form: 'Default' };
  if (lc.fn === 'AllowAll' && (lc.lib === 'rs-cors' || lc.lib === 'go-chi-cors') && !e.args.length) return { ...base, form: 'AllowAll' };
  return undefined;
}

/** Every setup of a known Go CORS library in the file, in source order. */
export function findDecls(code: Code): Decl[] {
  const libs = aliases(code);
  if (!libs.size) return [];
  const out: Decl[] = [];
  const seen = new Set<number>();
  const visit = (body: Stmt[], fn?: Func) => {
    const env = envOf(code, fn);
    walkFunc({ body }, (node) => {
      const e = node.expr;
      if (e?.k !== 'call' || seen.has(e.span.start)) return;
      const d = declOf(e, env, libs);
      if (d) {
        seen.add(e.span.start);
        out.push(d);
      }
    });
  };
  visit(code.program.body);
  const walkScopes = (s: Code['scopes']['module']) => {
    for (const c of s.children) {
      if (c.fn) visit(c.fn.body, c.fn);
      walkScopes(c);
    }
  };
  walkScopes(code.scopes.module);
  return out.sort((a, b) => a.call.span.start - b.call.span.start);
}
