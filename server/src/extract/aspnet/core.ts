/**
 * ASP.NET Core CORS (Microsoft.AspNetCore.Cors; read: dotnet/aspnetcore main, src/Middleware/CORS —
 * CorsPolicyBuilder.cs, CorsPolicy.cs, CorsService.cs, as shipped in 8.0/9.0): the policies built in
 * `AddCors(o => { o.AddPolicy("n", p => p.WithOrigins(…)…); o.AddDefaultPolicy(p => …); })` and inline in
 * `app.UseCors(p => …)`, as builder chains on the lambda's parameter.
 *
 * What the library does, as the model needs it:
 * - `WithOrigins(...)` lower-cases each entry and otherwise keeps it (a trailing slash, a path or a default
 *   port stay, so such an entry never equals an Origin); the request origin is compared ordinally.
 *   `WithOrigins("*")` alone is the same as `AllowAnyOrigin()` (the policy's origins are exactly ["*"]).
 * - `AllowAnyOrigin()` sends `*`; with `AllowCredentials()` `Build()` throws InvalidOperationException when
 *   the policy is built: the app does not start (modelled as `*` + credentials).
 * - `SetIsOriginAllowed(f)` replaces the list check: `_ => true` echoes every origin (predicate.ts reads f).
 *   `SetIsOriginAllowedToAllowWildcardSubdomains()` lets `https://*.a.com` entries match subdomains.
 * - `AllowAnyMethod()` / `AllowAnyHeader()` (or `WithMethods("*")` / `WithHeaders("*")`) echo the requested
 *   method / headers; `WithExposedHeaders("*")` is sent literally.
 * - Vary: Origin is added whenever the answer depends on the origin; preflights are answered 204.
 */
import { chainOf, evaluate, envOf, type Code, type Expr, type Func, type Stmt, type Val } from '../../code/index.js';
import type { CorsPolicy, ListValue, OptionMention, OriginDecision, OriginEntry, Span, Valued } from '../../model/index.js';
import { ID, LIB_CORE, type Meta } from './meta.js';
import { originPredicate } from './predicate.js';
import { configKey } from './config.js';

export interface BuilderCall {
  method: string;
  call: Expr & { k: 'call' };
  /** The method name's span (hovers). */
  nameSpan: Span;
}

const KNOWN = new Set([
  'WithOrigins', 'AllowAnyOrigin', 'SetIsOriginAllowed', 'SetIsOriginAllowedToAllowWildcardSubdomains', 'AllowCredentials',
  'DisallowCredentials', 'WithMethods', 'AllowAnyMethod', 'WithHeaders', 'AllowAnyHeader', 'WithExposedHeaders', 'SetPreflightMaxAge',
]);

/** The builder calls made on `param` in a lambda body, in order; undefined when some are conditional or the
 *  builder escapes (passed on, stored): then the policy is not known. */
export function builderCalls(fn: Func): BuilderCall[] | undefined {
  const param = fn.params[0]?.name;
  if (!param) return undefined;
  const out: BuilderCall[] = [];
  for (const s of fn.body) {
    const e = s.k === 'expr' ? s.expr : s.k === 'return' ? s.value : undefined;
    if (!e) {
      if (mentions(s, param)) return undefined;
      continue;
    }
    const chain = chainOf(e);
    if (chain[0]?.k !== 'root' || chain[0].name !== param) {
      if (mentions(s, param)) return undefined;
      continue;
    }
    for (let i = 1; i < chain.length; i++) {
      const st = chain[i];
      const next = chain[i + 1];
      if (st.k !== 'prop') return undefined;
      if (next?.k !== 'call') return undefined;
      const m = st.expr as Expr & { k: 'member' };
      out.push({ method: st.name, call: next.expr, nameSpan: m.nameSpan });
      i++;
    }
  }
  return out;
}

function mentions(s: Stmt, name: string): boolean {
  return JSON.stringify(s).includes(`"name":"${name}"`);
}

/** The strings of `params string[]` arguments: each a string or an array of strings; undefined if any is unknown. */
/** Reads a configuration key's value (config.ts), when the host gave the workspace. */
export type ConfigReader = (key: string) => string[] | undefined;

function strings(call: Expr & { k: 'call' }, env: ReturnType<typeof envOf>, cfg?: ConfigReader): { value: string; span: Span; element: Span; verbatim: boolean }[] | undefined {
  const out: { value: string; span: Span; element: Span; verbatim: boolean }[] = [];
  const one = (v: Val): boolean => {
    if (v.k !== 'str') return false;
    const lit = v.lit;
    out.push({ value: v.value, span: lit ? lit.inner : v.at.span, element: lit ? lit.span : v.at.span, verbatim: !!lit?.verbatim });
    return true;
  };
  for (const a of call.args) {
    if (a.spread) return undefined;
    const v = evaluate(a.value, env);
    const key = v.k === 'unknown' && cfg ? (configKey(v.at) ?? configKey(a.value)) : undefined;
    const fromConfig = key !== undefined ? cfg!(key) : undefined;
    if (fromConfig) {
      // the values live in appsettings.json: findings point at the argument that reads them
      for (const value of fromConfig) out.push({ value, span: a.value.span, element: a.value.span, verbatim: false });
      continue;
    }
    if (v.k === 'list') {
      for (const it of v.items) if (!one(it)) return undefined;
    } else if (!one(v)) return undefined;
  }
  return out;
}

const SECONDS: Record<string, number> = { FromSeconds: 1, FromMinutes: 60, FromHours: 3600, FromDays: 86400, FromMilliseconds: 0.001 };

function maxAgeOf(call: Expr & { k: 'call' }, env: ReturnType<typeof envOf>): Valued<string> | undefined {
  const a = call.args[0]?.value;
  if (a?.k !== 'call' || a.callee.k !== 'member' || a.callee.object.k !== 'name' || a.callee.object.name !== 'TimeSpan') return undefined;
  const k = SECONDS[a.callee.name];
  const n = a.args[0] ? evaluate(a.args[0].value, env) : undefined;
  if (!k || n?.k !== 'num' || a.args.length !== 1) return undefined;
  return { value: String(Math.round(n.value * k * 1000) / 1000), span: a.span };
}

function listValue(xs: { value: string; span: Span }[] | undefined, span: Span): ListValue {
  if (!xs) return { kind: 'unknown', span };
  if (xs.length === 1 && xs[0].value === '*') return { kind: 'reflect-request', span };
  return { kind: 'list', items: xs.map((x) => ({ value: x.value, span: x.span })), span };
}

export interface CorePolicy {
  policy: CorsPolicy;
  meta: Meta;
}

/** The policy a builder lambda makes. */
export function corePolicy(code: Code, fn: Func, at: { id: string; span: Span; label: string }, mentionsOut: OptionMention[], cfg?: ConfigReader): CorePolicy | undefined {
  const calls = builderCalls(fn);
  if (!calls) return undefined;
  const env = envOf(code, fn);
  let origins: ReturnType<typeof strings> | null = [];
  let originsCall: BuilderCall | undefined;
  let anyOrigin: BuilderCall | undefined;
  let predicate: BuilderCall | undefined;
  let wildcards = false;
  let credentials: boolean | 'unknown' = false;
  let credCall: BuilderCall | undefined;
  const credCalls: BuilderCall[] = [];
  let methods: ListValue | undefined;
  let headers: ListValue | undefined;
  let expose: ListValue | undefined;
  let maxAge: Valued<string> | undefined;
  let maxAgeCall: BuilderCall | undefined;
  const callSpan = (c: BuilderCall): Span => ({ start: c.nameSpan.start, end: c.call.span.end });
  for (const c of calls) {
    if (KNOWN.has(c.method)) mentionsOut.push({ span: c.nameSpan, library: LIB_CORE, option: c.method });
    switch (c.method) {
      case 'WithOrigins': {
        const xs = strings(c.call, env, cfg);
        origins = origins && xs ? [...origins, ...xs] : null;
        originsCall = c;
        break;
      }
      case 'AllowAnyOrigin':
        anyOrigin = c;
        origins = [];
        break;
      case 'SetIsOriginAllowed':
        predicate = c;
        break;
      case 'SetIsOriginAllowedToAllowWildcardSubdomains':
        wildcards = true;
        predicate = undefined;
        break;
      case 'AllowCredentials':
        credentials = true;
        credCall = c;
        credCalls.push(c);
        break;
      case 'DisallowCredentials':
        credentials = false;
        credCall = undefined;
        break;
      case 'WithMethods':
        methods = listValue(strings(c.call, env), callSpan(c));
        break;
      case 'AllowAnyMethod':
        methods = { kind: 'reflect-request', span: callSpan(c) };
        break;
      case 'WithHeaders':
        headers = listValue(strings(c.call, env), callSpan(c));
        break;
      case 'AllowAnyHeader':
        headers = { kind: 'reflect-request', span: callSpan(c) };
        break;
      case 'WithExposedHeaders': {
        const xs = strings(c.call, env);
        expose = !xs ? { kind: 'unknown', span: callSpan(c) } : xs.length === 1 && xs[0].value === '*' ? { kind: 'any', span: xs[0].span } : listValue(xs, callSpan(c));
        break;
      }
      case 'SetPreflightMaxAge':
        maxAge = maxAgeOf(c.call, env);
        maxAgeCall = c;
        break;
      default:
        // a method we do not know (an extension method): it may change anything
        return undefined;
    }
  }
  let origin: OriginDecision;
  const starOnly = origins && origins.length === 1 && origins[0].value === '*' && !predicate;
  if (anyOrigin && (!origins || origins.length === 0)) origin = { kind: 'any', span: callSpan(anyOrigin) };
  else if (starOnly) origin = { kind: 'any', span: origins![0].span };
  else if (predicate) {
    const f = predicate.call.args[0]?.value;
    const span = callSpan(predicate);
    const via = code.text.slice(span.start, span.end).replace(/\s+/g, ' ');
    origin = f?.k === 'func' ? originPredicate(code, f.fn, span, via.length > 60 ? 'SetIsOriginAllowed(…)' : via) : { kind: 'predicate', span };
  } else if (!origins) origin = { kind: 'unknown', span: originsCall ? callSpan(originsCall) : at.span };
  else if (!origins.length) return undefined; // no origin allowed: the policy answers nobody
  else {
    const entries: OriginEntry[] = origins.map((o) => ({ value: o.value, span: o.span, elementSpan: o.element, match: 'exact' }));
    origin = { kind: 'list', entries, tolerance: { caseInsensitive: true, wildcardSubdomains: wildcards }, span: originsCall ? callSpan(originsCall) : at.span };
  }
  const policy: CorsPolicy = {
    id: at.id,
    extractor: ID,
    library: LIB_CORE,
    layer: 'app',
    scope: { kind: 'app', label: at.label, path: ['app', at.label] },
    span: at.span,
    origin,
    credentials,
    credentialsSpan: credCall ? callSpan(credCall) : undefined,
    methods,
    allowHeaders: headers,
    exposeHeaders: expose,
    maxAge,
    vary: 'library',
    emits: 'always',
    answersPreflight: true,
    handWritten: false,
    writeIds: [],
  };
  if (origin.kind === 'any' && credentials === true) policy.refusal = "ASP.NET Core's `CorsPolicyBuilder.Build()` throws InvalidOperationException for any origin with credentials: the app does not start";
  if (!policy.methods) delete policy.methods;
  if (!policy.allowHeaders) delete policy.allowHeaders;
  if (!policy.exposeHeaders) delete policy.exposeHeaders;
  if (!policy.maxAge) delete policy.maxAge;
  if (!policy.credentialsSpan) delete policy.credentialsSpan;
  return { policy, meta: { kind: 'core', fn, anyOrigin, predicate, originsCall: origins ? originsCall : undefined, credCalls, maxAgeCall, lastCall: calls.at(-1) } };
}
