/** Python: Flask / werkzeug, Django, Starlette / FastAPI requests. */
import { CHECK_LIKE, patterns, type LanguageTable } from '../table.js';

export const PY_TABLE: LanguageTable = {
  language: 'python',
  originSources: patterns(
    // Flask / werkzeug
    'request.origin',
    'flask.request.origin',
    "@req.headers['origin']",
    "@req.headers.get('origin')",
    "@req.environ['http_origin']",
    "@req.environ.get('http_origin')",
    // Django
    "@req.META['http_origin']",
    "@req.META.get('http_origin')",
    "flask.request.headers['origin']",
    "flask.request.headers.get('origin')",
    // Starlette raw ASGI: Headers(scope=scope) read directly (a local set once to it resolves the same)
    "Headers().get('origin')",
    "Headers()['origin']",
  ),
  methodSources: patterns('@req.method', 'flask.request.method', '@req.scope.method'),
  optionsTests: [],
  caseFolds: [{ method: 'upper' }, { method: 'lower' }],
  requestNames: new Set(['request', 'req']),
  // Django views take the request first; Starlette middleware `dispatch(self, request, call_next)`
  requestParam: (fn, index) => fn.params[index]?.name === 'request' || fn.params[index]?.name === 'req',
  regexCalls: [{ fn: 're.compile' }],
  listCalls: [{ fn: 'set', from: 'first' }, { fn: 'frozenset', from: 'first' }, { fn: 'tuple', from: 'first' }, { fn: 'list', from: 'first' }],
  joins: [{ method: 'join', sep: 'recv', list: 0 }],
  checkLike: CHECK_LIKE,
  tests: [
    { method: 'endswith', origin: 'recv', other: 0, kind: 'suffix' },
    { method: 'startswith', origin: 'recv', other: 0, kind: 'prefix' },
    { fn: 're.match', origin: 1, other: 0, kind: 'regex' },
    { fn: 're.search', origin: 1, other: 0, kind: 'regex' },
    { fn: 're.fullmatch', origin: 1, other: 0, kind: 'regex' },
    { method: 'match', origin: 0, other: 'recv', kind: 'regex' },
    { method: 'search', origin: 0, other: 'recv', kind: 'regex' },
    { method: 'fullmatch', origin: 0, other: 'recv', kind: 'regex' },
    { fn: 'fnmatch.fnmatch', origin: 0, other: 1, kind: 'glob' },
    { method: 'find', origin: 'recv', other: 0, kind: 'index' },
    { method: '__contains__', origin: 0, other: 'recv', kind: 'member' },
  ],
};
