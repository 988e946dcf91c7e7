/**
 * The `cors` package (expressjs/cors 2.8.x) and `@fastify/cors`: from the options given in code to the
 * headers the library sends. Semantics checked against the libraries' own sources:
 *
 * cors 2.8.5/2.8.6 lib/index.js
 * - options = Object.assign({}, defaults, options); defaults: origin '*', methods
 *   'GET,HEAD,PUT,PATCH,POST,DELETE', preflightContinue false, optionsSuccessStatus 204.
 * - a falsy origin (false, null, '') -> next() without any CORS header.
 * - origin '*' -> ACAO `*`; any other string -> sent verbatim (+ Vary: Origin); true -> the request origin
 *   is echoed (isOriginAllowed(o, true) is `!!true`) + Vary; RegExp -> `.test`; array -> strings compared
 *   with `===`, RegExps tested ('*' inside an array is a literal string); function(origin, cb) -> whatever
 *   cb(null, value) passes is fed back through the same rules.
 * - credentials: header only when `options.credentials === true`.
 * - methods only on OPTIONS; allowedHeaders || headers, else the Access-Control-Request-Headers are
 *   reflected; exposedHeaders; maxAge sent as `maxAge.toString()` (also 0).
 * - OPTIONS ends with optionsSuccessStatus unless preflightContinue.
 * - headers are written with res.setHeader (so a later setHeader replaces them, res.append adds).
 *
 * @fastify/cors 11.x index.js
 * - defaults: origin '*', methods 'GET,HEAD,POST' (before v11: 'GET,HEAD,PUT,PATCH,POST,DELETE', so the
 *   default is reported unknown), credentials false, preflight true.
 * - an origin array containing '*' becomes '*'; credentials are sent when truthy; origin false disables;
 *   `preflight: false` leaves OPTIONS to a route that answers 404.
 */
import type { CorsPolicy, ListValue, OriginCheck, OriginDecision, OriginEntry, Span, Valued } from '../../model/index.js';
import type { Node } from '../../syntax/treeSitter.js';
import { splitList } from '../common.js';
import { callArgs, enclosingFunction, functionBody, isFunction, paramNames, parentOf, resolveValue, span, stringLit, unwrap } from './ast.js';
import { analyzeCond, guardsOf, originRef, strongest, type OriginCtx } from './conditions.js';

export type LibName = 'cors' | '@fastify/cors';

export interface LibSpec {
  name: LibName;
  known: string[];
  /** @fastify/cors: `if (corsOptions.credentials)`; cors: `=== true`. */
  credentialsTruthy: boolean;
  /** @fastify/cors: an origin array holding '*' means any origin. */
  starInArrayMeansAny: boolean;
  defaultMethods?: string[];
}

export const CORS_LIB: LibSpec = {
  name: 'cors',
  known: ['origin', 'methods', 'allowedHeaders', 'headers', 'exposedHeaders', 'credentials', 'maxAge', 'preflightContinue', 'optionsSuccessStatus'],
  credentialsTruthy: false,
  starInArrayMeansAny: false,
  defaultMethods: ['GET', 'HEAD', 'PUT', 'PATCH', 'POST', 'DELETE'],
};

export const FASTIFY_LIB: LibSpec = {
  name: '@fastify/cors',
  known: [
    'origin',
    'credentials',
    'exposedHeaders',
    'allowedHeaders',
    'methods',
    'maxAge',
    'cacheControl',
    'preflightContinue',
    'optionsSuccessStatus',
    'preflight',
    'strictPreflight',
    'hideOptionsRoute',
    'hook',
    'delegator',
    'logLevel',
  ],
  credentialsTruthy: true,
  starInArrayMeansAny: true,
};

/** One option as written. */
export interface Prop {
  name: string;
  keySpan: Span;
  /** The whole property (`origin: [...]`), what removing it deletes. */
  node: Node;
  /** The value expression (the function itself for a method definition). */
  value: Node;
}

export interface Props {
  map: Map<string, Prop>;
  /** Props written before a spread (or a computed key we cannot read), which may be overridden. */
  shadowed: Set<string>;
  /** Something we cannot see may set any option (spread, computed key, truncated code). */
  open: boolean;
  /** Keys of the object, in order, including unknown ones. */
  all: Prop[];
}

/** Read the properties of an object literal (or of the pairs recovered from half-typed code). */
export function readProps(members: Node[], open: boolean): Props {
  const map = new Map<string, Prop>();
  const all: Prop[] = [];
  let shadowed = new Set<string>();
  let sawOpaque = false;
  for (const m of members) {
    let key: Node | null = null;
    let value: Node | null = null;
    if (m.type === 'pair') {
      key = m.childForFieldName('key');
      value = m.childForFieldName('value');
    } else if (m.type === 'shorthand_property_identifier') {
      key = m;
      value = m;
    } else if (m.type === 'method_definition') {
      key = m.childForFieldName('name');
      value = m;
    } else if (m.type === 'spread_element') {
      sawOpaque = true;
      shadowed = new Set(map.keys());
      continue;
    } else continue;
    if (!key || !value) continue;
    let name: string | undefined;
    let keySpan: Span = span(key);
    if (key.type === 'property_identifier' || key.type === 'shorthand_property_identifier' || key.type === 'identifier') name = key.text;
    else if (key.type === 'string') {
      const s = stringLit(key);
      if (s) {
        name = s.text;
        keySpan = s.span;
      }
    } else if (key.type === 'number') name = String(Number(key.text));
    if (name === undefined) {
      // computed key: may set anything
      sawOpaque = true;
      shadowed = new Set(map.keys());
      continue;
    }
    const p: Prop = { name, keySpan, node: m, value };
    map.set(name, p);
    shadowed.delete(name);
    all.push(p);
  }
  return { map, shadowed, open: open || sawOpaque, all };
}

export function objectMembers(obj: Node): Node[] {
  return obj.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
}

type Lit =
  | { k: 'bool'; v: boolean; node: Node }
  | { k: 'string'; v: string; node: Node; span: Span; verbatim: boolean }
  | { k: 'number'; v: number; text: string; node: Node }
  | { k: 'nullish'; node: Node }
  | { k: 'regex'; pattern: string; span: Span; node: Node }
  | { k: 'array'; node: Node }
  | { k: 'function'; node: Node }
  | { k: 'object'; node: Node }
  | { k: 'unknown'; node?: Node };

/** Constant arithmetic: `60 * 60 * 24`, `-1`, `(2 * 3600)`. */
export function evalNumber(node: Node | null | undefined, ctx: OriginCtx, depth = 0): number | undefined {
  const n = depth === 0 ? resolveValue(node, ctx) : unwrap(node);
  if (!n || depth > 20) return undefined;
  if (n.type === 'number') {
    const t = n.text.replace(/_/g, '');
    const v = /^0[xob]/i.test(t) ? Number(t) : Number(t);
    return Number.isFinite(v) ? v : undefined;
  }
  if (n.type === 'identifier') {
    const r = resolveValue(n, ctx);
    return r && r.type !== 'identifier' ? evalNumber(r, ctx, depth + 1) : undefined;
  }
  if (n.type === 'unary_expression') {
    const op = n.childForFieldName('operator')?.text;
    const a = evalNumber(n.childForFieldName('argument'), ctx, depth + 1);
    if (a === undefined) return undefined;
    return op === '-' ? -a : op === '+' ? a : undefined;
  }
  if (n.type === 'binary_expression') {
    const op = n.childForFieldName('operator')?.text;
    const a = evalNumber(n.childForFieldName('left'), ctx, depth + 1);
    const b = evalNumber(n.childForFieldName('right'), ctx, depth + 1);
    if (a === undefined || b === undefined) return undefined;
    switch (op) {
      case '+':
        return a + b;
      case '-':
        return a - b;
      case '*':
        return a * b;
      case '/':
        return b === 0 ? undefined : a / b;
      default:
        return undefined;
    }
  }
  return undefined;
}

export function literal(node: Node | null | undefined, ctx: OriginCtx): Lit {
  const n = resolveValue(node, ctx);
  if (!n) return { k: 'unknown' };
  switch (n.type) {
    case 'true':
      return { k: 'bool', v: true, node: n };
    case 'false':
      return { k: 'bool', v: false, node: n };
    case 'null':
    case 'undefined':
      return { k: 'nullish', node: n };
    case 'identifier':
      return n.text === 'undefined' ? { k: 'nullish', node: n } : { k: 'unknown', node: n };
    case 'regex': {
      const p = n.childForFieldName('pattern');
      return p ? { k: 'regex', pattern: p.text, span: span(p), node: n } : { k: 'unknown', node: n };
    }
    case 'array':
      return { k: 'array', node: n };
    case 'object':
      return { k: 'object', node: n };
  }
  if (isFunction(n)) return { k: 'function', node: n };
  const s = stringLit(n);
  if (s) return { k: 'string', v: s.text, node: s.node, span: s.span, verbatim: s.verbatim };
  const num = evalNumber(n, ctx);
  if (num !== undefined) return { k: 'number', v: num, text: n.type === 'number' ? n.text.replace(/_/g, '') : String(num), node: n };
  return { k: 'unknown', node: n };
}

function truthy(l: Lit): boolean | undefined {
  switch (l.k) {
    case 'bool':
      return l.v;
    case 'string':
      return l.v.length > 0;
    case 'number':
      return l.v !== 0 && !Number.isNaN(l.v);
    case 'nullish':
      return false;
    case 'unknown':
      return undefined;
    default:
      return true;
  }
}

/** A methods/headers option: comma string or array of strings. */
function listOption(p: Prop | undefined, ctx: OriginCtx): ListValue | undefined {
  if (!p) return undefined;
  const l = literal(p.value, ctx);
  if (l.k === 'string') {
    if (!l.verbatim) return { kind: 'unknown', span: l.span };
    return { kind: 'list', items: splitList(l.v, l.span.start), span: l.span };
  }
  if (l.k === 'array') {
    const items: Valued<string>[] = [];
    for (const el of l.node.namedChildren) {
      if (!el || el.type === 'comment') continue;
      const s = stringLit(el) ?? stringLit(resolveValue(el, ctx));
      if (!s) return { kind: 'unknown', span: span(l.node) };
      items.push({ value: s.text.trim(), span: s.span });
    }
    return { kind: 'list', items, span: span(l.node) };
  }
  return { kind: 'unknown', span: span(p.value) };
}

export interface LibPolicy {
  policy: Omit<CorsPolicy, 'id' | 'scope' | 'answersPreflight'> & { answersPreflight?: CorsPolicy['answersPreflight'] };
  /** preflightContinue: true, or @fastify/cors preflight: false. */
  preflight: 'answered' | 'continue' | 'off' | 'unknown';
}

/**
 * The policy a library call makes, from its options. `options` is the first argument (undefined for
 * `cors()`), `props` the properties when known. Returns undefined when CORS is disabled (origin false).
 */
export function policyFromOptions(
  lib: LibSpec,
  declSpan: Span,
  calleeSpan: Span,
  options: { kind: 'none' } | { kind: 'props'; props: Props } | { kind: 'delegate'; node: Node } | { kind: 'unknown'; node?: Node },
  ctx: OriginCtx,
): LibPolicy | undefined {
  const base = {
    extractor: 'express',
    library: lib.name,
    layer: 'app' as const,
    span: declSpan,
    vary: 'library' as const,
    emits: 'always' as const,
    handWritten: false,
    writeIds: [] as string[],
  };
  if (options.kind === 'delegate' || options.kind === 'unknown') {
    const sp = options.node ? span(options.node) : undefined;
    return {
      policy: {
        ...base,
        origin: options.kind === 'delegate' ? { kind: 'predicate', span: sp } : { kind: 'unknown', span: sp },
        credentials: 'unknown',
        methods: { kind: 'unknown' },
        allowHeaders: { kind: 'unknown' },
        exposeHeaders: { kind: 'unknown' },
      },
      preflight: 'unknown',
    };
  }
  const props: Props = options.kind === 'props' ? options.props : { map: new Map(), shadowed: new Set(), open: false, all: [] };
  /** The option as written, `null` when certainly absent, undefined when unknown. */
  const get = (name: string): Prop | null | undefined => {
    const p = props.map.get(name);
    if (p && !props.shadowed.has(name)) return p;
    return props.open ? undefined : p ?? null;
  };

  // --- origin
  let origin: OriginDecision;
  const op = get('origin');
  if (op === undefined) origin = { kind: 'unknown' };
  else if (op === null) origin = { kind: 'any' };
  else {
    const r = originOption(lib, op, ctx);
    if (r === 'disabled') return undefined;
    origin = r;
  }
  if (lib.name === '@fastify/cors' && get('delegator')) origin = { kind: 'predicate', span: span(get('delegator')!.value) };

  // --- credentials
  let credentials: CorsPolicy['credentials'];
  let credentialsSpan: Span | undefined;
  const cp = get('credentials');
  if (cp === undefined) credentials = 'unknown';
  else if (cp === null) credentials = false;
  else {
    const l = literal(cp.value, ctx);
    credentialsSpan = span(cp.node);
    if (lib.credentialsTruthy) {
      const t = truthy(l);
      credentials = t === undefined ? 'unknown' : t;
    } else if (l.k === 'unknown') credentials = 'unknown';
    else credentials = l.k === 'bool' && l.v === true;
  }

  // --- methods (sent on preflights only)
  let methods: ListValue | undefined;
  const mp = get('methods');
  if (mp === undefined) methods = { kind: 'unknown' };
  else if (mp === null) {
    methods = lib.defaultMethods ? { kind: 'list', items: lib.defaultMethods.map((m) => ({ value: m, span: calleeSpan })) } : { kind: 'unknown' };
  } else methods = listOption(mp, ctx);

  // --- allowed headers: `allowedHeaders || headers`, else the request's headers are reflected
  let allowHeaders: ListValue | undefined;
  const ah = get('allowedHeaders');
  const hh = lib.name === 'cors' ? get('headers') : null;
  if (ah === undefined) allowHeaders = { kind: 'unknown' };
  else if (ah && truthy(literal(ah.value, ctx)) !== false) allowHeaders = listOption(ah, ctx);
  else if (hh === undefined) allowHeaders = { kind: 'unknown' };
  else if (hh) allowHeaders = listOption(hh, ctx);
  else allowHeaders = { kind: 'reflect-request', span: ah ? span(ah.value) : undefined };

  // --- exposed headers
  let exposeHeaders: ListValue | undefined;
  const eh = get('exposedHeaders');
  if (eh === undefined) exposeHeaders = { kind: 'unknown' };
  else if (eh) exposeHeaders = listOption(eh, ctx);

  // --- max age
  let maxAge: Valued<string> | undefined;
  const ma = get('maxAge');
  if (ma) {
    const l = literal(ma.value, ctx);
    // through a constant: point at the option's own value, so that a fix edits this call only
    const direct = l.k !== 'unknown' && l.node && l.node.equals(unwrap(ma.value) ?? ma.value);
    if (l.k === 'number') maxAge = { value: l.text, span: direct ? span(l.node) : span(ma.value) };
    else if (l.k === 'string' && l.verbatim) maxAge = { value: l.v, span: direct ? l.span : span(ma.value) };
  }

  // --- preflight handling
  let preflight: LibPolicy['preflight'] = 'answered';
  const pc = get('preflightContinue');
  if (pc === undefined) preflight = 'unknown';
  else if (pc) {
    const t = truthy(literal(pc.value, ctx));
    if (t !== false) preflight = t === undefined ? 'unknown' : 'continue';
  }
  if (lib.name === '@fastify/cors') {
    const pf = get('preflight');
    if (pf === undefined) preflight = 'unknown';
    else if (pf) {
      const l = literal(pf.value, ctx);
      if (l.k === 'unknown') preflight = 'unknown';
      else if (!(l.k === 'bool' && l.v === true)) preflight = 'off';
    }
  }

  const unknownOptions = props.all
    .filter((p) => !lib.known.includes(p.name))
    .map((p) => ({ name: { value: p.name, span: p.keySpan }, known: lib.known }));

  const policy: LibPolicy['policy'] = {
    ...base,
    origin,
    credentials,
    credentialsSpan,
    methods,
    allowHeaders,
    exposeHeaders,
    maxAge,
  };
  if (unknownOptions.length) policy.unknownOptions = unknownOptions;
  return { policy, preflight };
}

function isStarEntry(e: OriginEntry): boolean {
  return e.match === 'exact' && e.value === '*';
}

/** The `origin` option. */
function originOption(lib: LibSpec, p: Prop, ctx: OriginCtx): OriginDecision | 'disabled' {
  const l = literal(p.value, ctx);
  const whole = span(p.value);
  switch (l.k) {
    case 'bool':
      return l.v ? { kind: 'reflect', span: span(l.node), via: 'origin: true' } : 'disabled';
    case 'nullish':
      return 'disabled';
    case 'number':
      return l.v === 0 ? 'disabled' : { kind: 'unknown', span: whole };
    case 'string':
      if (l.v === '') return 'disabled';
      if (l.v === '*') return { kind: 'any', span: l.span };
      if (l.v === 'null') return { kind: 'null', span: l.span };
      return { kind: 'static', value: l.v, span: l.span };
    case 'regex':
      return { kind: 'pattern', check: { kind: 'regex', entries: [{ value: l.pattern, span: l.span }] }, span: whole };
    case 'array': {
      const entries: OriginEntry[] = [];
      for (const el of l.node.namedChildren) {
        if (!el || el.type === 'comment') continue;
        const v = literal(el, ctx);
        const elementSpan = span(el);
        if (v.k === 'string') entries.push({ value: v.v, span: v.span, elementSpan: sameNode(v.node, el) ? elementSpan : span(v.node), match: 'exact' });
        else if (v.k === 'regex') entries.push({ value: v.pattern, span: v.span, elementSpan: sameNode(v.node, el) ? elementSpan : span(v.node), match: 'regex' });
        // other elements (env values, spreads) are left out: the list is what we can read
      }
      if (lib.starInArrayMeansAny && entries.some(isStarEntry)) return { kind: 'any', span: entries.find(isStarEntry)!.span };
      if (entries.length > 0 && entries.every((e) => e.match === 'regex')) {
        return { kind: 'pattern', check: { kind: 'regex', entries: entries.map((e) => ({ value: e.value, span: e.span })) }, span: whole };
      }
      return { kind: 'list', entries, tolerance: lib.starInArrayMeansAny ? { starMeansAny: true } : {}, span: whole };
    }
    case 'function':
      return originFunction(l.node, ctx);
    default:
      return { kind: 'unknown', span: whole };
  }
}

function sameNode(a: Node, b: Node): boolean {
  const u = unwrap(b);
  return !!u && a.startIndex === u.startIndex && a.endIndex === u.endIndex;
}

type Contribution = { k: 'reflect'; span: Span } | { k: 'check'; check: OriginCheck } | { k: 'unknown' };

/**
 * `origin: (origin, callback) => { ... callback(null, true) ... }`: what the callback calls allow.
 * An allow call reached for any origin echoes it (reflect); allow calls guarded by an allowlist lookup
 * make a list; anything we cannot read makes it a predicate.
 */
export function originFunction(fn: Node, ctx: OriginCtx): OriginDecision {
  const whole = span(fn);
  const params = paramNames(fn);
  const originName = params[0];
  const cbName = params[1];
  const body = functionBody(fn);
  if (!originName || !cbName || !body) return { kind: 'predicate', span: whole };
  const octx: OriginCtx = { ...ctx, names: new Set([...ctx.names, originName]) };
  const contributions: Contribution[] = [];
  const uses = [body, ...body.descendantsOfType('identifier')].filter((n): n is Node => !!n && n.type === 'identifier' && n.text === cbName);
  for (const use of uses) {
    const call = parentOf(use);
    if (call?.type !== 'call_expression' || !call.childForFieldName('function')?.equals(use)) {
      contributions.push({ k: 'unknown' }); // the callback is handed on to code we do not follow
      continue;
    }
    if (enclosingFunction(call) && !enclosingFunction(call)!.equals(fn)) {
      contributions.push({ k: 'unknown' });
      continue;
    }
    const [err, val] = callArgs(call);
    const errLit = err ? literal(err, octx) : undefined;
    if (errLit && errLit.k !== 'nullish') {
      // cb(new Error(...)) / cb('not allowed'): no CORS headers; cb(err, ...) with an unknown err: unknown
      const eu = unwrap(err);
      if (errLit.k === 'unknown' && eu?.type !== 'new_expression') contributions.push({ k: 'unknown' });
      continue;
    }
    const g = guardsOf(call, octx);
    if (g.absent) continue; // only for requests without an Origin header
    const checks = [...g.checks];
    if (!val) continue;
    const vl = literal(val, octx);
    if (vl.k === 'bool' && !vl.v) continue;
    if (vl.k === 'nullish') continue;
    if (!(vl.k === 'bool' && vl.v) && !originRef(val, octx)) {
      const c = analyzeCond(val, true, octx);
      if (c.k === 'absent') continue;
      if (c.k === 'check') checks.push(c.check);
      else if (c.k !== 'present') {
        contributions.push({ k: 'unknown' });
        continue;
      }
    }
    if (checks.length) contributions.push({ k: 'check', check: strongest(checks) });
    else if (g.other) contributions.push({ k: 'unknown' });
    else contributions.push({ k: 'reflect', span: span(call) });
  }
  const reflect = contributions.find((c): c is Extract<Contribution, { k: 'reflect' }> => c.k === 'reflect');
  if (reflect) return { kind: 'reflect', span: reflect.span, via: 'origin callback allows every origin' };
  if (contributions.length === 0 || contributions.some((c) => c.k === 'unknown')) return { kind: 'predicate', span: whole };
  const checks = contributions.map((c) => (c as Extract<Contribution, { k: 'check' }>).check);
  if (checks.some((c) => c.kind === 'unknown')) return { kind: 'predicate', span: whole };
  if (checks.every((c) => c.kind === 'exact' && c.entries)) {
    const seen = new Set<number>();
    const entries: OriginEntry[] = [];
    for (const c of checks) {
      for (const e of c.entries!) {
        if (seen.has(e.span.start)) continue;
        seen.add(e.span.start);
        entries.push({ value: e.value, span: e.span, elementSpan: ctx.elementSpans.get(e.span.start) ?? e.span, match: 'exact' });
      }
    }
    return { kind: 'list', entries, tolerance: {}, span: whole };
  }
  const kinds = new Set(checks.map((c) => c.kind));
  if (kinds.size === 1 && checks.every((c) => c.entries)) {
    return { kind: 'pattern', check: { kind: checks[0].kind, entries: checks.flatMap((c) => c.entries!) }, span: whole };
  }
  if (checks.length === 1) return { kind: 'pattern', check: checks[0], span: whole };
  return { kind: 'predicate', span: whole };
}
