/** C#: ASP.NET Core (HttpContext / controllers / minimal APIs) and ASP.NET Web API 2 / System.Web. */
import { CHECK_LIKE, patterns, type LanguageTable } from '../table.js';

export const CS_TABLE: LanguageTable = {
  language: 'csharp',
  originSources: patterns(
    // context.Request.Headers["Origin"], Request.Headers["Origin"] (controllers), HttpContext.Request.Headers.Origin
    "**.Request.Headers['origin']",
    '**.Request.Headers.Origin',
    "Request.Headers['origin']",
    'Request.Headers.Origin',
    "@req.Headers['origin']",
    '@req.Headers.Origin',
    // System.Web: Request.Headers.Get("Origin"), HttpContext.Current.Request.Headers["Origin"]
    "**.Request.Headers.Get('origin')",
    "Request.Headers.Get('origin')",
  ),
  methodSources: patterns('**.Request.Method', 'Request.Method', '@req.Method', '**.Request.HttpMethod', 'Request.HttpMethod'),
  optionsTests: patterns("HttpMethods.IsOptions()"),
  caseFolds: [{ method: 'ToUpper' }, { method: 'ToLower' }, { method: 'ToUpperInvariant' }, { method: 'ToLowerInvariant' }],
  requestNames: new Set(['request', 'req']),
  requestParam: () => false,
  regexCalls: [{ fn: 'Regex' }, { fn: 'System.Text.RegularExpressions.Regex' }],
  listCalls: [
    { fn: 'HashSet', from: 'first' },
    { fn: 'List', from: 'first' },
    { method: 'ToList', from: 'first' },
    { method: 'ToArray', from: 'first' },
    { method: 'ToHashSet', from: 'first' },
  ],
  joins: [{ fn: 'string.Join', sep: 0, list: 1 }, { fn: 'String.Join', sep: 0, list: 1 }],
  formats: [],
  checkLike: CHECK_LIKE,
  // (the static `string.Equals(a, b)` before the instance `a.Equals(b)`, which would read `string` as the receiver)
  tests: [
    { fn: 'string.Equals', origin: 0, other: 1, kind: 'exact' },
    { fn: 'string.Equals', origin: 1, other: 0, kind: 'exact' },
    { fn: 'String.Equals', origin: 0, other: 1, kind: 'exact' },
    { fn: 'String.Equals', origin: 1, other: 0, kind: 'exact' },
    { method: 'Contains', origin: 0, other: 'recv', kind: 'member' },
    { method: 'Contains', origin: 'recv', other: 0, kind: 'substring' },
    { method: 'Equals', origin: 'recv', other: 0, kind: 'exact' },
    { method: 'Equals', origin: 0, other: 'recv', kind: 'exact' },
    { method: 'StartsWith', origin: 'recv', other: 0, kind: 'prefix' },
    { method: 'EndsWith', origin: 'recv', other: 0, kind: 'suffix' },
    { method: 'IndexOf', origin: 'recv', other: 0, kind: 'index' },
    { fn: 'Regex.IsMatch', origin: 0, other: 1, kind: 'regex' },
    { method: 'IsMatch', origin: 0, other: 'recv', kind: 'regex' },
    { fn: 'string.IsNullOrEmpty', origin: 0, other: 0, kind: 'absent' },
    { fn: 'string.IsNullOrWhiteSpace', origin: 0, other: 0, kind: 'absent' },
    { fn: 'StringValues.IsNullOrEmpty', origin: 0, other: 0, kind: 'absent' },
  ],
};
