/**
 * rack-cors: `use Rack::Cors do … end` (config.ru, Sinatra) and `config.middleware.insert_before 0, Rack::Cors
 * do … end` (Rails) → one policy per `resource` of each `allow` block. Semantics of rack-cors 3.0.0 (same in
 * 1.1.1; knowledge/libraries/rack-cors.ts): an `origins` entry with a scheme is compared exactly, one without
 * a scheme matches that host under any scheme, a Regexp is tested unanchored with `=~`, `'*'` makes the
 * resources declared after it public (`*`, and `credentials: true` raises at start-up); the origin is echoed
 * otherwise; methods default to GET, max-age to 7200; `Vary: Origin` is added unless `vary:` names others.
 */
import type { CorsPolicy, ListValue, OriginDecision, OriginEntry, Span } from '../../model/index.js';
import { parseSerializedOrigin } from '../../knowledge/fetch.js';
import { envOf, evaluate, type Call, type Env, type Expr, type Func, type Val } from '../../code/index.js';
import { APP_SCOPE, LIBRARY, allCalls, callName, callsInBody, isRackCors, type Ctx } from './ctx.js';
import { originBlock } from './originBlock.js';

const MOUNTS = new Set(['use', 'insert_before', 'insert_after', 'insert', 'unshift', 'swap']);
const ALL_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

export function extractRackCors(ctx: Ctx): void {
  for (const { call } of allCalls(ctx.code)) {
    const name = callName(call);
    if (!name || !MOUNTS.has(name) || !call.block || !call.args.some((a) => isRackCors(a.value))) continue;
    for (const allow of callsInBody(call.block)) {
      if (callName(allow) === 'allow' && allow.block) readAllow(ctx, allow.block);
    }
  }
}

function mention(ctx: Ctx, option: string, span: Span): void {
  ctx.options.push({ span, library: LIBRARY, option });
}

function readAllow(ctx: Ctx, block: Func): void {
  const env = envOf(ctx.code, block);
  const calls = callsInBody(block);
  const originCalls = calls.filter((c) => callName(c) === 'origins');
  for (const o of originCalls) mention(ctx, 'origins', o.callee.k === 'member' ? o.callee.nameSpan : o.callee.span);
  const last = originCalls[originCalls.length - 1];
  const read = originCalls.map((o) => ({ call: o, ...originsOf(ctx, o, env) }));
  // `origins '*'` anywhere lets every origin through; resources declared after it are public (`*`)
  const allowAll = read.some((r) => r.star);
  for (const res of calls.filter((c) => callName(c) === 'resource')) {
    const isPublic = read.some((r) => r.star && r.call.span.start < res.span.start);
    const decision: OriginDecision = !last
      ? { kind: 'unknown' }
      : isPublic
        ? { kind: 'any', span: read.find((r) => r.star)!.starSpan }
        : allowAll
          ? { kind: 'reflect', span: last.span, via: "origins '*' (declared after this resource)" }
          : read[read.length - 1].decision;
    readResource(ctx, res, env, decision, originCalls);
  }
}

interface Origins {
  decision: OriginDecision;
  star: boolean;
  starSpan?: Span;
}

/** One `origins` call: its entries (strings, regexes, lists of them), or its block. */
function originsOf(ctx: Ctx, call: Call, env: Env): Origins {
  const entries: OriginEntry[] = [];
  let star = false;
  let starSpan: Span | undefined;
  let unknown = false;
  const add = (v: Val) => {
    if (v.k === 'list') return v.items.forEach(add);
    if (v.k === 'regex') return void entries.push({ value: v.pattern, span: v.patternSpan ?? v.at.span, elementSpan: v.at.span, match: 'regex' });
    if (v.k === 'str') {
      if (v.value === '') return;
      const span = v.lit?.verbatim ? v.lit.inner : v.at.span;
      const elementSpan = v.lit ? v.lit.span : v.at.span;
      if (v.value === '*') {
        star = true;
        starSpan = span;
        return;
      }
      // no scheme: rack-cors matches the host under any scheme (a regex); one that no origin can be keeps
      // its text, and the allowlist rule says why it never matches
      const schemeless = !/^[a-z][a-z0-9.+-]*:\/\//.test(v.value);
      const works = schemeless && parseSerializedOrigin('https://' + v.value).ok;
      return void entries.push({ value: v.value, span, elementSpan, match: works ? 'regex' : 'exact' });
    }
    unknown = true;
  };
  for (const a of call.args) add(evaluate(a.value, env));
  const blockFn = call.block ?? (call.args.length === 1 ? funcArg(call.args[0].value, env) : undefined);
  if (blockFn) {
    const d = originBlock(ctx.code, blockFn);
    if (!entries.length && !star && !unknown) return { decision: d, star };
    return { decision: d.kind === 'reflect' ? d : { kind: 'predicate', span: call.span }, star, starSpan };
  }
  if (unknown) return { decision: { kind: 'unknown', span: call.span }, star, starSpan };
  return { decision: { kind: 'list', entries, tolerance: {}, span: call.span }, star, starSpan };
}

/** `origins proc { |source, env| … }` / `lambda { … }` / `->(s, e) { … }`. */
function funcArg(e: Expr, env: Env): Func | undefined {
  if (e.k === 'func') return e.fn;
  if (e.k === 'call' && e.block && e.callee.k === 'name' && (e.callee.name === 'proc' || e.callee.name === 'lambda')) return e.block;
  const v = evaluate(e, env);
  return v.k === 'func' ? v.fn : undefined;
}

function listOf(v: Val | undefined, map: (s: string) => string | undefined): ListValue {
  if (!v) return { kind: 'unknown' };
  const items: Val[] = v.k === 'list' ? v.items : [v];
  const out: { value: string; span: Span }[] = [];
  for (const it of items) {
    if (it.k !== 'str') return { kind: 'unknown', span: v.at.span };
    const m = map(it.value);
    if (m !== undefined) out.push({ value: m, span: it.lit?.verbatim ? it.lit.inner : it.at.span });
  }
  return { kind: 'list', items: out, span: v.at.span };
}

/** rack-cors sends credentials only for `credentials: true` (`opts[:credentials] == true`): any other literal
 *  (`'true'`, `1`, `nil`) turns them off; a value chosen at run time is unknown. */
function credentialsOf(v: Val): CorsPolicy['credentials'] {
  if (v.k === 'bool') return v.value;
  return v.k === 'str' || v.k === 'num' || v.k === 'nil' ? false : 'unknown';
}

function readResource(ctx: Ctx, res: Call, env: Env, origin: OriginDecision, originsCalls: Call[]): void {
  mention(ctx, 'resource', res.callee.k === 'member' ? res.callee.nameSpan : res.callee.span);
  const path = evaluate(res.args[0]?.value, env);
  const optsArg = res.args.find((a, i) => i > 0 && a.value.k === 'map');
  const opts = new Map<string, { value: Val; span: Span; keySpan: Span }>();
  if (optsArg?.value.k === 'map') {
    for (const en of optsArg.value.entries) {
      if (!en.key || !en.keySpan) continue;
      opts.set(en.key, { value: evaluate(en.value, env), span: en.span, keySpan: en.keySpan });
      mention(ctx, en.key, en.keySpan);
    }
  }
  const optsOpen = !!optsArg && optsArg.value.k === 'map' && optsArg.value.entries.some((en) => !en.key);
  const spreadOpts = res.args.some((a) => a.spread) || (res.args.length > 1 && !optsArg) || optsOpen;
  const cred = opts.get('credentials');
  const credentials: CorsPolicy['credentials'] = !cred ? (spreadOpts ? 'unknown' : false) : credentialsOf(cred.value);
  const m = opts.get('methods');
  // default `[:get]`
  const methods: ListValue = !m
    ? spreadOpts ? { kind: 'unknown' } : { kind: 'list', items: [{ value: 'GET', span: res.callee.span }] }
    : m.value.k === 'str' && m.value.value === 'any' && m.value.lit?.symbol
      ? { kind: 'list', items: ALL_METHODS.map((x) => ({ value: x, span: m.span })) }
      : // a preflight's method is compared in lower case: an upper-case entry never allows it
        listOf(m.value, (s) => (s === s.toLowerCase() ? s.toUpperCase() : undefined));
  const h = opts.get('headers');
  const allowHeaders: ListValue = !h
    ? spreadOpts ? { kind: 'unknown' } : { kind: 'list', items: [] }
    : h.value.k === 'str' && h.value.value === 'any' && h.value.lit?.symbol
      ? { kind: 'reflect-request', span: h.value.at.span }
      : listOf(h.value, (s) => s);
  const x = opts.get('expose');
  const maxAge = opts.get('max_age');
  const vary = opts.get('vary');
  const varyList = vary ? listOf(vary.value, (s) => s) : undefined;
  const varyKind: CorsPolicy['vary'] = !vary ? (spreadOpts ? 'unknown' : 'library') : varyList?.kind !== 'list' ? 'unknown' : varyList.items.length === 0 || varyList.items.some((i) => i.value.toLowerCase() === 'origin') ? 'library' : 'absent';
  const label = path.k === 'str' ? `resource ${path.value}` : 'resource';
  const id = `p${ctx.nextPolicy++}`;
  ctx.policies.push({
    ...(origin.kind === 'any' && credentials === true
      ? { refusal: "rack-cors raises `Rack::Cors::Resource::CorsMisconfigurationError` for `origins '*'` with `credentials: true`: the app does not start" }
      : {}),
    id,
    extractor: 'ruby',
    library: LIBRARY,
    layer: 'app',
    scope: { kind: 'route', label, path: [...APP_SCOPE.path, label], span: res.span },
    span: res.span,
    origin,
    credentials,
    credentialsSpan: cred?.span,
    methods,
    allowHeaders,
    exposeHeaders: x ? listOf(x.value, (s) => s) : { kind: 'list', items: [] },
    // `86_400` is 86400 (Ruby's digit separators)
    maxAge: maxAge?.value.k === 'num' ? { value: maxAge.value.raw.replace(/_/g, ''), span: maxAge.value.at.span } : undefined,
    vary: varyKind,
    emits: 'always',
    answersPreflight: true,
    handWritten: false,
    writeIds: [],
  });
  ctx.meta.set(id, { kind: 'lib', origins: originsCalls, credentials: cred?.span });
}
