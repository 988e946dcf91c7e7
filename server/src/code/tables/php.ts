/** PHP: plain PHP, Symfony HttpFoundation, Laravel, PSR-7 (Slim). */
import { CHECK_LIKE, patterns, type LanguageTable } from '../table.js';

export const PHP_TABLE: LanguageTable = {
  language: 'php',
  originSources: patterns(
    "$_SERVER['http_origin']",
    "getallheaders()['origin']",
    "apache_request_headers()['origin']",
    // Symfony / Laravel
    "@req->headers->get('origin')",
    "@req->header('origin')",
    "@req->server->get('http_origin')",
    "request()->header('origin')",
    "$this->request->headers->get('origin')",
    "$this->request->header('origin')",
    "request()->headers->get('origin')",
    "Request::header('origin')",
    // Symfony kernel events: $event->getRequest()
    "*->getRequest()->headers->get('origin')",
    // PSR-7
    "@req->getHeaderLine('origin')",
    "@req->getHeader('origin')[0]",
  ),
  methodSources: patterns("$_SERVER['request_method']", '@req->getMethod()', '@req->method()', 'request()->method()', '*->getRequest()->getMethod()'),
  optionsTests: patterns("@req->isMethod('options')", "*->getRequest()->isMethod('options')"),
  caseFolds: [{ fn: 'strtoupper' }, { fn: 'strtolower' }],
  requestNames: new Set(['$request', '$req']),
  requestParam: (fn, index) => /^\$(request|req)$/.test(fn.params[index]?.name ?? ''),
  regexCalls: [],
  listCalls: [{ fn: 'array_values', from: 'first' }, { fn: 'array', from: 'all' }],
  joins: [{ fn: 'implode', sep: 0, list: 1 }, { fn: 'join', sep: 0, list: 1 }],
  formats: [{ fn: 'sprintf', fmt: 0 }],
  checkLike: CHECK_LIKE,
  tests: [
    { fn: 'in_array', origin: 0, other: 1, kind: 'member' },
    { fn: 'array_key_exists', origin: 0, other: 1, kind: 'member' },
    { fn: 'preg_match', origin: 1, other: 0, kind: 'regex', delimited: true },
    { fn: 'str_ends_with', origin: 0, other: 1, kind: 'suffix' },
    { fn: 'str_starts_with', origin: 0, other: 1, kind: 'prefix' },
    { fn: 'str_contains', origin: 0, other: 1, kind: 'substring' },
    { fn: 'strpos', origin: 0, other: 1, kind: 'index' },
    { fn: 'stripos', origin: 0, other: 1, kind: 'index' },
    { fn: 'strstr', origin: 0, other: 1, kind: 'substring' },
    { fn: 'fnmatch', origin: 1, other: 0, kind: 'glob' },
    { fn: 'isset', origin: 0, other: 0, kind: 'present' },
    { fn: 'empty', origin: 0, other: 0, kind: 'absent' },
  ],
};
