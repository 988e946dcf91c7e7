/** State shared by the parts of the Flask extractor during one analysis. */
import type { Node } from '../../syntax/treeSitter.js';
import type { CorsPolicy, HeaderWrite, OptionMention, ResponseHeaders, Scope, Span, Valued } from '../../model/index.js';
import { allStmts, codeOf, dottedName, envOf, PY_TABLE, type Code, type Env, type Expr, type Func, type Stmt, type Val } from '../../code/index.js';

export const EXTRACTOR_ID = 'flask';

/** What renderFix needs to know about a policy or a write beyond the facts. */
export interface OptSrc {
  /** Option name as flask-cors uses it (origins, supports_credentials ...). */
  name: string;
  /** The expression giving the value, where the option is written, and its value. */
  value: Expr;
  val: Val;
  /** The kwarg / pair (removed as a list element) or the statement (removed as a line). */
  holder: Span;
  holderKind: 'element' | 'statement';
  /** A statement alone in its block: removing it leaves `pass`. */
  alone?: boolean;
}

export interface LibMeta {
  kind: 'lib';
  /** The winning origins source, when written. */
  originsSrc?: OptSrc;
  /** Where to insert an `origins` option when none is written: a dict literal or a call's arguments. */
  insertInto?: Expr & { k: 'map' | 'call' };
  /** Every visible source of supports_credentials (all are removed by remove-credentials). */
  credSrcs: OptSrc[];
  credUnknown: boolean;
}

export type { WriteMeta } from '../writeMeta.js';
import type { WriteMeta } from '../writeMeta.js';

export interface Ctx {
  text: string;
  root: Node;
  /** The file in the engine's common form (shared with the hand-written headers). */
  code: Code;
  /** The file imports flask or a flask extension. */
  flask: boolean;
  /** Local names of flask_cors.CORS / cross_origin, and module aliases of flask_cors. */
  corsNames: Set<string>;
  crossNames: Set<string>;
  corsModules: Set<string>;
  /** Names imported from elsewhere (for `cors.init_app` on an imported extension object). */
  imported: Set<string>;
  /** Blueprint variables (X = Blueprint(...)). */
  blueprints: Set<string>;
  policies: CorsPolicy[];
  writes: HeaderWrite[];
  responses: ResponseHeaders[];
  mentions: Valued<string>[];
  /** flask-cors options as written (kwargs, resource dict keys, CORS_* config keys), for option hovers. */
  options: OptionMention[];
  notes: string[];
  meta: Map<string, LibMeta | WriteMeta>;
  nextPolicy: number;
  nextWrite: number;
}

export const APP_SCOPE: Scope = { kind: 'app', label: 'app', path: ['app'] };

/** A flask-cors option as written at `span` (`origins`, `CORS_ORIGINS`); duplicates are dropped at the end. */
export function mentionOption(ctx: Ctx, option: string, span: Span): void {
  ctx.options.push({ span, library: 'flask-cors', option });
}

export function routeScope(label: string, span?: Span): Scope {
  return { kind: 'route', label, path: ['app', label], span };
}

export function newCtx(text: string, root: Node): Ctx {
  const ctx: Ctx = {
    text,
    root,
    code: codeOf(root, text, PY_TABLE),
    flask: false,
    corsNames: new Set(),
    crossNames: new Set(),
    corsModules: new Set(),
    imported: new Set(),
    blueprints: new Set(),
    policies: [],
    writes: [],
    responses: [],
    mentions: [],
    options: [],
    notes: [],
    meta: new Map(),
    nextPolicy: 0,
    nextWrite: 0,
  };
  scanImports(ctx);
  return ctx;
}

/** Every statement of the file (function and class bodies too), with the env it runs in and the statement
 *  list holding it. */
export function eachStmt(code: Code, visit: (s: Stmt, env: Env, body: Stmt[]) => void): void {
  const envs = new Map<Func | undefined, Env>();
  allStmts(code.program.body, (s, body, fn) => {
    let env = envs.get(fn);
    if (!env) envs.set(fn, (env = envOf(code, fn)));
    visit(s, env, body);
  });
}

const FLASK_MODULE = /^flask(_|\.|$)/;

/** Imports (anywhere in the file) and blueprint variables. `import m` / `import m as a` land in the common
 *  form as names `*` bound to the alias; `from m import *` as the alias `*`. */
function scanImports(ctx: Ctx): void {
  eachStmt(ctx.code, (s) => {
    if (s.k === 'assign' && s.target.k === 'name' && s.value.k === 'call') {
      const f = dottedName(s.value.callee);
      if (f === 'Blueprint' || f === 'flask.Blueprint') ctx.blueprints.add(s.target.name);
    }
    if (s.k !== 'import') return;
    if (FLASK_MODULE.test(s.module)) ctx.flask = true;
    const flaskCors = s.module === 'flask_cors' || s.module === 'flask.ext.cors';
    for (const { name, alias } of s.names) {
      if (name === '*' && alias !== '*') {
        if (s.module === 'flask_cors') ctx.corsModules.add(alias);
        continue;
      }
      // `from flask_cors import *` binds CORS and cross_origin (both are in flask_cors.__all__).
      if (alias === '*') {
        if (flaskCors) ctx.corsNames.add('CORS');
        if (flaskCors) ctx.crossNames.add('cross_origin');
        continue;
      }
      ctx.imported.add(alias);
      if (flaskCors && name === 'CORS') ctx.corsNames.add(alias);
      if (flaskCors && name === 'cross_origin') ctx.crossNames.add(alias);
    }
  });
}

/** Is this callee flask_cors.CORS / cross_origin (imported under any name, or through the module)? */
function isLibCallee(names: Set<string>, fn: string, ctx: Ctx, callee: Expr): boolean {
  const d = dottedName(callee);
  if (!d) return false;
  if (names.has(d)) return true;
  const dot = d.lastIndexOf('.');
  return dot > 0 && d.slice(dot + 1) === fn && ctx.corsModules.has(d.slice(0, dot));
}
export const isCorsCallee = (ctx: Ctx, callee: Expr): boolean => isLibCallee(ctx.corsNames, 'CORS', ctx, callee);
export const isCrossCallee = (ctx: Ctx, callee: Expr): boolean => isLibCallee(ctx.crossNames, 'cross_origin', ctx, callee);

/** Route label of a function from its @X.route('/path') / @X.get('/path') decorators, if any. */
export function routeInfo(fn: Func, text: string): { label: string; methods?: string[]; receiver?: string } | undefined {
  for (const d of fn.decorators) {
    if (d.k !== 'call' || d.callee.k !== 'member') continue;
    const m = d.callee.name;
    if (!ROUTE_METHODS.has(m)) continue;
    const first = d.args.find((a) => !a.name && !a.spread)?.value;
    const label = first?.k === 'str' ? first.value : fn.name ?? '?';
    let methods: string[] | undefined = m === 'route' ? undefined : [m.toUpperCase()];
    const given = d.args.find((a) => a.name === 'methods')?.value;
    if (given?.k === 'list') methods = given.items.map((x) => (x.k === 'str' ? x.value : text.slice(x.span.start, x.span.end)).toUpperCase());
    return { label, methods, receiver: dottedName(d.callee.object) };
  }
  return undefined;
}
const ROUTE_METHODS = new Set(['route', 'get', 'post', 'put', 'patch', 'delete']);
