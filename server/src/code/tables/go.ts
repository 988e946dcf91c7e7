/** Go: net/http, gin, echo, fiber requests; the strings, regexp and slices packages. */
import { CHECK_LIKE, patterns, type LanguageTable } from '../table.js';

export const GO_TABLE: LanguageTable = {
  language: 'go',
  originSources: patterns(
    // net/http (also chi, gorilla/mux handlers)
    "@req.Header.Get('origin')",
    "@req.Header['origin'][0]",
    // the header's values as a slice (`w.Header()[name] = r.Header["Origin"]` echoes it)
    "@req.Header['origin']",
    // gin
    "@req.GetHeader('origin')",
    "@req.Request.Header.Get('origin')",
    // echo
    "@req.Request().Header.Get('origin')",
    // fiber
    "@req.Get('origin')",
  ),
  methodSources: patterns('@req.Method', '@req.Request.Method', '@req.Request().Method', '@req.Method()'),
  optionsTests: [],
  caseFolds: [{ fn: 'strings.ToLower' }, { fn: 'strings.ToUpper' }],
  requestNames: new Set(['r', 'req', 'request', 'c', 'ctx']),
  requestParam: (fn, index) => /^(r|req|request|c|ctx)$/.test(fn.params[index]?.name ?? ''),
  regexCalls: [{ fn: 'regexp.MustCompile' }, { fn: 'regexp.Compile' }],
  listCalls: [],
  joins: [{ fn: 'strings.Join', sep: 1, list: 0 }],
  formats: [{ fn: 'fmt.Sprintf', fmt: 0 }],
  checkLike: CHECK_LIKE,
  tests: [
    { fn: 'strings.HasSuffix', origin: 0, other: 1, kind: 'suffix' },
    { fn: 'strings.HasPrefix', origin: 0, other: 1, kind: 'prefix' },
    { fn: 'strings.Contains', origin: 0, other: 1, kind: 'substring' },
    { fn: 'strings.Index', origin: 0, other: 1, kind: 'index' },
    { fn: 'slices.Contains', origin: 1, other: 0, kind: 'member' },
    { fn: 'regexp.MatchString', origin: 1, other: 0, kind: 'regex' },
    { method: 'MatchString', origin: 0, other: 'recv', kind: 'regex' },
    { fn: 'path.Match', origin: 1, other: 0, kind: 'glob' },
  ],
};
