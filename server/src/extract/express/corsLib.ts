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
import type { CorsPolicy, ListValue, OriginDecision, OriginEntry, Span, Valued } from '../../model/index.js';
import type { Node } from '../../syntax/treeSitter.js';
import { span, unwrap } from './literals.js';
import { listOption, literal, truthy, type Prop, type Props } from './optionValues.js';
import { originFunction } from './originCallback.js';
import type { LibCtx } from './resolve.js';

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
  ctx: LibCtx,
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
function originOption(lib: LibSpec, p: Prop, ctx: LibCtx): OriginDecision | 'disabled' {
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
      return originFunction(l.node, ctx.code);
    default:
      return { kind: 'unknown', span: whole };
  }
}

function sameNode(a: Node, b: Node): boolean {
  const u = unwrap(b);
  return !!u && a.startIndex === u.startIndex && a.endIndex === u.endIndex;
}
