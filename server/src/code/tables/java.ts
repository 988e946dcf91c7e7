/** Java: Servlet API (HttpServletRequest), Spring MVC / WebFlux requests (ServerHttpRequest, exchanges). */
import type { Func } from '../form.js';
import { CHECK_LIKE, patterns, type LanguageTable } from '../table.js';

/** A parameter annotated `@RequestHeader("Origin")` / `@RequestHeader(value = "Origin")` / `name = "Origin"`. */
function originHeaderParam(fn: Func, index: number): boolean {
  return (fn.params[index]?.decorators ?? []).some((d) => {
    if (d.k !== 'call' || d.callee.k !== 'name' || d.callee.name !== 'RequestHeader') return false;
    const a = d.args.find((x) => !x.name || x.name === 'value' || x.name === 'name');
    return a?.value.k === 'str' && a.value.value.toLowerCase() === 'origin';
  });
}

const HEADER_CONSTANTS: Record<string, string> = {
  ORIGIN: 'Origin',
  VARY: 'Vary',
  ACCESS_CONTROL_ALLOW_ORIGIN: 'Access-Control-Allow-Origin',
  ACCESS_CONTROL_ALLOW_CREDENTIALS: 'Access-Control-Allow-Credentials',
  ACCESS_CONTROL_ALLOW_METHODS: 'Access-Control-Allow-Methods',
  ACCESS_CONTROL_ALLOW_HEADERS: 'Access-Control-Allow-Headers',
  ACCESS_CONTROL_EXPOSE_HEADERS: 'Access-Control-Expose-Headers',
  ACCESS_CONTROL_MAX_AGE: 'Access-Control-Max-Age',
  ACCESS_CONTROL_REQUEST_METHOD: 'Access-Control-Request-Method',
  ACCESS_CONTROL_REQUEST_HEADERS: 'Access-Control-Request-Headers',
};
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'TRACE'];

/**
 * Constants of the Java ecosystem whose value is a known string, by `Class.NAME` (also written fully
 * qualified): the header names of Spring's, JAX-RS's and Guava's `HttpHeaders` (the same names and values
 * in all three), Spring's `HttpMethod` / `RequestMethod` members (compared with `==`: one instance each) and
 * `CorsConfiguration.ALL`. The adapter reads them as string literals that are not written verbatim.
 */
export function javaConstant(cls: string, name: string): string | undefined {
  if (cls === 'HttpHeaders') return HEADER_CONSTANTS[name];
  if ((cls === 'HttpMethod' || cls === 'RequestMethod') && METHODS.includes(name)) return name;
  if (cls === 'CorsConfiguration' && name === 'ALL') return '*';
  return undefined;
}

const REQUEST = /^(request|req|httpRequest|servletRequest|httpServletRequest|serverRequest|httpReq)$/;

export const JAVA_TABLE: LanguageTable = {
  language: 'java',
  originSources: patterns(
    "@req.getHeader('origin')",
    '@req.getHeaders().getOrigin()',
    "@req.getHeaders().getFirst('origin')",
    "exchange.getRequest().getHeaders().getFirst('origin')",
    'exchange.getRequest().getHeaders().getOrigin()',
    "@req.headers().firstHeader('origin')",
  ),
  methodSources: patterns('@req.getMethod()', '@req.getMethodValue()', 'exchange.getRequest().getMethod()'),
  optionsTests: [],
  caseFolds: [{ method: 'toUpperCase' }, { method: 'toLowerCase' }, { method: 'trim' }],
  requestNames: new Set(['request', 'req', 'httpRequest', 'servletRequest', 'httpServletRequest', 'serverRequest']),
  requestParam: (fn, index) => REQUEST.test(fn.params[index]?.name ?? ''),
  originParam: originHeaderParam,
  regexCalls: [{ fn: 'Pattern.compile' }],
  listCalls: [
    { fn: 'List.of', from: 'all' },
    { fn: 'Set.of', from: 'all' },
    { fn: 'Arrays.asList', from: 'all' },
    { fn: 'Collections.singletonList', from: 'all' },
    { fn: 'Collections.singleton', from: 'all' },
    { fn: 'Stream.of', from: 'all' },
    { fn: 'ArrayList', from: 'first' },
    { fn: 'HashSet', from: 'first' },
    { fn: 'LinkedHashSet', from: 'first' },
    { fn: 'List.copyOf', from: 'first' },
    { fn: 'Set.copyOf', from: 'first' },
  ],
  joins: [{ fn: 'String.join', sep: 0, list: 1 }],
  checkLike: CHECK_LIKE,
  // `origin.matches(re)` matches the whole string (an implicit ^…$): not listed, so it stays a check of
  // unknown kind rather than being read as an unanchored pattern.
  tests: [
    { method: 'contains', origin: 0, other: 'recv', kind: 'member' },
    { method: 'contains', origin: 'recv', other: 0, kind: 'substring' },
    { method: 'containsKey', origin: 0, other: 'recv', kind: 'member' },
    { method: 'endsWith', origin: 'recv', other: 0, kind: 'suffix' },
    { method: 'startsWith', origin: 'recv', other: 0, kind: 'prefix' },
    { method: 'indexOf', origin: 'recv', other: 0, kind: 'index' },
    { method: 'indexOf', origin: 0, other: 'recv', kind: 'index' },
  ],
};
