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
import type { Code, Val } from '../../code/index.js';
import { splitList } from '../common.js';
import { opt, optionFacts, truthy, type Opt, type Options } from '../jsOptions.js';
import { originFunction } from './originCallback.js';
export type LibName = 'cors' | '@fastify/cors';

export interface LibSpec {
  name: LibName;
  /** Its option docs (knowledge/libraries/<docs>.ts), for option hovers. */
  docs: 'cors' | 'fastify-cors';
  known: string[];
  /** @fastify/cors: `if (corsOptions.credentials)`; cors: `=== true`. */
  credentialsTruthy: boolean;
  /** @fastify/cors: an origin array holding '*' means any origin. */
  starInArrayMeansAny: boolean;
  defaultMethods?: string[];
}

export const CORS_LIB: LibSpec = {
  name: 'cors',
  docs: 'cors',
  known: ['origin', 'methods', 'allowedHeaders', 'headers', 'exposedHeaders', 'credentials', 'maxAge', 'preflightContinue', 'optionsSuccessStatus'],
  credentialsTruthy: false,
  starInArrayMeansAny: false,
  defaultMethods: ['GET', 'HEAD', 'PUT', 'PATCH', 'POST', 'DELETE'],
};

export const FASTIFY_LIB: LibSpec = {
  name: '@fastify/cors',
  docs: 'fastify-cors',
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

/** The options of a library call: jsOptions' reading, or a function that decides per request (`cors(delegate)`). */
export type LibOptions = Options | { k: 'delegate'; span: Span };

export interface LibPolicy {
  policy: Omit<CorsPolicy, 'id' | 'scope' | 'answersPreflight'> & { answersPreflight?: CorsPolicy['answersPreflight'] };
  /** preflightContinue: true, or @fastify/cors preflight: false. */
  preflight: 'answered' | 'continue' | 'off' | 'unknown';
}

/**
 * The policy a library call makes, from its options. `options` is the first argument (undefined for
 * `cors()`), `props` the properties when known. Returns undefined when CORS is disabled (origin false).
 */
export function policyFromOptions(lib: LibSpec, declSpan: Span, calleeSpan: Span, options: LibOptions, code: Code): LibPolicy | undefined {
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
  if (options.k === 'delegate' || options.k === 'unknown') {
    const sp = options.k === 'delegate' ? options.span : options.at?.span;
    return {
      policy: {
        ...base,
        origin: options.k === 'delegate' ? { kind: 'predicate', span: sp } : { kind: 'unknown', span: sp },
        credentials: 'unknown',
        methods: { kind: 'unknown' },
        allowHeaders: { kind: 'unknown' },
        exposeHeaders: { kind: 'unknown' },
      },
      preflight: 'unknown',
    };
  }
  /** The option as written, `null` when certainly absent, undefined when unknown. */
  const get = (name: string): Opt | null | undefined => opt(options, name);

  // --- origin
  let origin: OriginDecision;
  const op = get('origin');
  if (op === undefined) origin = { kind: 'unknown' };
  else if (op === null) origin = { kind: 'any' };
  else {
    const r = originOption(lib, op, code);
    if (r === 'disabled') return undefined;
    origin = r;
  }
  if (lib.name === '@fastify/cors' && get('delegator')) origin = { kind: 'predicate', span: get('delegator')!.expr.span };

  // --- credentials
  let credentials: CorsPolicy['credentials'];
  let credentialsSpan: Span | undefined;
  const cp = get('credentials');
  if (cp === undefined) credentials = 'unknown';
  else if (cp === null) credentials = false;
  else {
    const l = cp.value;
    credentialsSpan = cp.span;
    if (lib.credentialsTruthy) {
      const t = truthy(l);
      credentials = t === undefined ? 'unknown' : t;
    } else if (!known(l)) credentials = 'unknown';
    else credentials = l.k === 'bool' && l.value === true;
  }

  // --- methods (sent on preflights only)
  let methods: ListValue | undefined;
  const mp = get('methods');
  if (mp === undefined) methods = { kind: 'unknown' };
  else if (mp === null) {
    methods = lib.defaultMethods ? { kind: 'list', items: lib.defaultMethods.map((m) => ({ value: m, span: calleeSpan })) } : { kind: 'unknown' };
  } else methods = listOption(mp);

  // --- allowed headers: `allowedHeaders || headers`, else the request's headers are reflected
  let allowHeaders: ListValue | undefined;
  const ah = get('allowedHeaders');
  const hh = lib.name === 'cors' ? get('headers') : null;
  if (ah === undefined) allowHeaders = { kind: 'unknown' };
  else if (ah && truthy(ah.value) !== false) allowHeaders = listOption(ah);
  else if (hh === undefined) allowHeaders = { kind: 'unknown' };
  else if (hh) allowHeaders = listOption(hh);
  else allowHeaders = { kind: 'reflect-request', span: ah ? ah.expr.span : undefined };

  // --- exposed headers
  let exposeHeaders: ListValue | undefined;
  const eh = get('exposedHeaders');
  if (eh === undefined) exposeHeaders = { kind: 'unknown' };
  else if (eh) exposeHeaders = listOption(eh);

  // --- max age
  let maxAge: Valued<string> | undefined;
  const ma = get('maxAge');
  if (ma) {
    const l = ma.value;
    // through a constant: point at the option's own value, so that a fix edits this call only
    const direct = l.at.span.start === ma.expr.span.start && l.at.span.end === ma.expr.span.end;
    if (l.k === 'num') maxAge = { value: l.at.k === 'num' ? l.raw.replace(/_/g, '') : String(l.value), span: direct ? l.at.span : ma.expr.span };
    else if (l.k === 'str' && l.lit?.verbatim) maxAge = { value: l.value, span: direct ? l.lit.inner : ma.expr.span };
  }

  // --- preflight handling
  let preflight: LibPolicy['preflight'] = 'answered';
  const pc = get('preflightContinue');
  if (pc === undefined) preflight = 'unknown';
  else if (pc) {
    const t = truthy(pc.value);
    if (t !== false) preflight = t === undefined ? 'unknown' : 'continue';
  }
  if (lib.name === '@fastify/cors') {
    const pf = get('preflight');
    if (pf === undefined) preflight = 'unknown';
    else if (pf) {
      const l = pf.value;
      if (!known(l)) preflight = 'unknown';
      else if (!(l.k === 'bool' && l.value === true)) preflight = 'off';
    }
  }

  const unknownOptions = optionFacts(options, lib.docs, lib.known).unknown;

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
  if (unknownOptions) policy.unknownOptions = unknownOptions;
  return { policy, preflight };
}

function isStarEntry(e: OriginEntry): boolean {
  return e.match === 'exact' && e.value === '*';
}

/** Is the value one the library's rules can be applied to (a literal, a list, a function)? */
function known(v: Val): boolean {
  return ['bool', 'nil', 'num', 'regex', 'list', 'map', 'func'].includes(v.k) || (v.k === 'str' && !!v.lit);
}

/** The `origin` option. */
function originOption(lib: LibSpec, p: Opt, code: Code): OriginDecision | 'disabled' {
  const l = p.value;
  const whole = p.expr.span;
  switch (l.k) {
    case 'bool':
      return l.value ? { kind: 'reflect', span: l.at.span, via: 'origin: true' } : 'disabled';
    case 'nil':
      return 'disabled';
    case 'num':
      return l.value === 0 ? 'disabled' : { kind: 'unknown', span: whole };
    case 'str': {
      if (!l.lit) return { kind: 'unknown', span: whole };
      const sp = l.lit.inner;
      if (l.value === '') return 'disabled';
      if (l.value === '*') return { kind: 'any', span: sp };
      if (l.value === 'null') return { kind: 'null', span: sp };
      return { kind: 'static', value: l.value, span: sp };
    }
    case 'regex':
      return { kind: 'pattern', check: { kind: 'regex', entries: [{ value: l.pattern, span: l.patternSpan ?? l.at.span }] }, span: whole };
    case 'list': {
      if (l.at.k !== 'list' || l.at.kind !== 'array') return { kind: 'unknown', span: whole };
      const entries: OriginEntry[] = [];
      for (const v of l.items) {
        if (v.k === 'str' && v.lit) entries.push({ value: v.value, span: v.lit.inner, elementSpan: v.lit.span, match: 'exact' });
        else if (v.k === 'regex') entries.push({ value: v.pattern, span: v.patternSpan ?? v.at.span, elementSpan: v.at.span, match: 'regex' });
        // other elements (env values, spreads) are left out: the list is what we can read
      }
      if (lib.starInArrayMeansAny && entries.some(isStarEntry)) return { kind: 'any', span: entries.find(isStarEntry)!.span };
      if (entries.length > 0 && entries.every((e) => e.match === 'regex')) {
        return { kind: 'pattern', check: { kind: 'regex', entries: entries.map((e) => ({ value: e.value, span: e.span })) }, span: whole };
      }
      return { kind: 'list', entries, tolerance: lib.starInArrayMeansAny ? { starMeansAny: true } : {}, span: whole };
    }
    case 'func':
      return originFunction(l.fn, code);
    default:
      return { kind: 'unknown', span: whole };
  }
}

/** A methods/headers option: comma string or array of strings. */
function listOption(p: Opt): ListValue {
  const l = p.value;
  if (l.k === 'str' && l.lit) {
    if (!l.lit.verbatim) return { kind: 'unknown', span: l.lit.inner };
    return { kind: 'list', items: splitList(l.value, l.lit.inner.start), span: l.lit.inner };
  }
  if (l.k === 'list' && l.at.k === 'list' && l.at.kind === 'array') {
    const items: Valued<string>[] = [];
    for (const v of l.items) {
      if (v.k !== 'str' || !v.lit) return { kind: 'unknown', span: l.at.span };
      items.push({ value: v.value.trim(), span: v.lit.inner });
    }
    return { kind: 'list', items, span: l.at.span };
  }
  return { kind: 'unknown', span: p.expr.span };
}
