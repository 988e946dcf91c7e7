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
