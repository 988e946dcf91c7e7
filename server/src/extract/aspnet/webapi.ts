/**
 * ASP.NET Web API 2 (Microsoft.AspNet.WebApi.Cors 5.2; read: aspnet/AspNetWebStack main,
 * src/System.Web.Http.Cors/EnableCorsAttribute.cs and src/System.Web.Cors/CorsEngine.cs):
 * `[EnableCors(origins, headers, methods[, exposedHeaders]) { SupportsCredentials = true }]` on controllers and
 * actions, and `config.EnableCors(new EnableCorsAttribute(...))` for the whole API.
 * - `origins` exactly `"*"` allows any origin: CorsEngine answers `*`, or echoes the request Origin when
 *   SupportsCredentials is set (so every site may read credentialed responses). Otherwise the string is split
 *   at commas, each entry trimmed, and the Origin must equal one entry ordinally (case-sensitive): `*` among
 *   other entries is literal. On first use the entries are validated and a trailing slash, a path / query /
 *   fragment or a malformed URI throws InvalidOperationException — every CORS request then fails.
 * - `headers` / `methods` exactly `"*"` copy the requested headers / method back; else comma lists.
 */
import { envOf, evaluate, type Code, type Expr, type Func } from '../../code/index.js';
import type { CorsPolicy, ListValue, OptionMention, OriginDecision, Span } from '../../model/index.js';
import { ID, LIB_WEBAPI, type Meta } from './meta.js';

const PARAMS = ['origins', 'headers', 'methods', 'exposedHeaders'];

/** The comma-separated items of a literal, with spans inside it when it is written verbatim. */
function items(v: { value: string; span: Span; verbatim: boolean }): { value: string; span: Span }[] {
  const out: { value: string; span: Span }[] = [];
  let at = 0;
  for (const part of v.value.split(',')) {
    const lead = part.length - part.trimStart().length;
    const t = part.trim();
    if (t) out.push({ value: t, span: v.verbatim ? { start: v.span.start + at + lead, end: v.span.start + at + lead + t.length } : v.span });
    at += part.length + 1;
  }
  return out;
}

function lit(e: Expr | undefined, env: ReturnType<typeof envOf>): { value: string; span: Span; verbatim: boolean } | undefined {
  if (!e) return undefined;
  const v = evaluate(e, env);
  if (v.k !== 'str') return undefined;
  return { value: v.value, span: v.lit ? v.lit.inner : v.at.span, verbatim: !!v.lit?.verbatim };
}

function list(e: Expr | undefined, env: ReturnType<typeof envOf>, span: Span): ListValue | undefined {
  if (!e) return undefined;
  const l = lit(e, env);
  if (!l) return { kind: 'unknown', span };
  if (l.value === '*') return { kind: 'reflect-request', span: l.span };
  const xs = items(l);
  return { kind: 'list', items: xs, span: l.span };
}

/** Is this `EnableCors(...)` attribute / constructor the Web API 2 one (origins, headers, methods)? */
export function isWebApi(call: Expr & { k: 'call' }): boolean {
  const positional = call.args.filter((a) => !a.name).length;
  return positional >= 3 || call.args.some((a) => a.name === 'origins');
}

export function webApiPolicy(code: Code, fn: Func | undefined, call: Expr & { k: 'call' }, at: { id: string; label: string; kind: 'app' | 'route' }, mentions: OptionMention[]): { policy: CorsPolicy; meta: Meta } | undefined {
  const env = envOf(code, fn);
  const arg = (i: number) => call.args.find((a) => a.name === PARAMS[i]) ?? call.args.filter((a) => !a.name)[i];
  for (const a of call.args) {
    const option = a.name ?? PARAMS[call.args.filter((x) => !x.name).indexOf(a)];
    if (option) mentions.push({ span: a.nameSpan ?? a.span, library: LIB_WEBAPI, option });
  }
  const cred = call.args.find((a) => a.name === 'SupportsCredentials');
  const credV = cred ? evaluate(cred.value, env) : undefined;
  const credentials: boolean | 'unknown' = !cred ? false : credV?.k === 'bool' ? credV.value : 'unknown';
  const maxArg = call.args.find((a) => a.name === 'PreflightMaxAge');
  const maxV = maxArg ? evaluate(maxArg.value, env) : undefined;
  const originsArg = arg(0);
  const o = lit(originsArg?.value, env);
  let origin: OriginDecision;
  if (!o) origin = { kind: 'unknown', span: originsArg?.span ?? call.span };
  else {
    const xs = items(o);
    if (o.value === '*') {
      origin = credentials === true ? { kind: 'reflect', span: o.span, via: 'EnableCors origins "*" with SupportsCredentials', libraryAllowAll: true } : credentials === false ? { kind: 'any', span: o.span } : { kind: 'unknown', span: o.span };
    } else if (!xs.length) return undefined;
    else origin = { kind: 'list', entries: xs.map((x) => ({ value: x.value, span: x.span, elementSpan: x.span, match: 'exact' })), tolerance: {}, span: o.span };
  }
  const policy: CorsPolicy = {
    id: at.id,
    extractor: ID,
    library: LIB_WEBAPI,
    layer: 'app',
    scope: { kind: at.kind, label: at.label, path: ['app', at.label] },
    span: call.span,
    origin,
    credentials,
    methods: list(arg(2)?.value, env, call.span),
    allowHeaders: list(arg(1)?.value, env, call.span),
    exposeHeaders: arg(3) ? list(arg(3)?.value, env, call.span) : undefined,
    maxAge: maxV?.k === 'num' && maxArg ? { value: maxV.raw, span: maxArg.value.span } : undefined,
    vary: 'library',
    emits: 'always',
    answersPreflight: true,
    handWritten: false,
    writeIds: [],
  };
  if (cred && credentials === true) policy.credentialsSpan = cred.span;
  for (const k of ['methods', 'allowHeaders', 'exposeHeaders', 'maxAge'] as const) if (!policy[k]) delete policy[k];
  const meta: Meta = { kind: 'webapi', call, originsInner: o?.verbatim ? o.span : undefined, originsArg: originsArg?.value, credArg: cred?.span, maxAgeValue: maxArg?.value.span };
  return { policy, meta };
}
