/** Ruby: Rack (`env`), Rails (ActionDispatch request / controller), Sinatra. */
import { CHECK_LIKE, patterns, type LanguageTable } from '../table.js';

export const RUBY_TABLE: LanguageTable = {
  language: 'ruby',
  originSources: patterns(
    // Rails: request.origin, request.headers['Origin'] (also by its Rack name), request.get_header
    '@req.origin',
    "@req.headers['origin']",
    "@req.headers['http_origin']",
    "@req.headers.fetch('origin')",
    "@req.get_header('http_origin')",
    "@req.fetch_header('http_origin')",
    // Rack env (Rack apps and middleware `call(env)`, Sinatra / Rails request.env)
    "@req.env['http_origin']",
    "env['http_origin']",
    "env.fetch('http_origin')",
  ),
  methodSources: patterns('@req.method', '@req.request_method', "env['request_method']", "@req.env['request_method']"),
  optionsTests: [],
  caseFolds: [{ method: 'upcase' }, { method: 'downcase' }],
  // Rails / Sinatra `request`; `req = Rack::Request.new(env)`
  requestNames: new Set(['request', 'req']),
  requestParam: () => false,
  regexCalls: [{ fn: 'Regexp.new' }, { fn: 'Regexp.compile' }],
  listCalls: [{ fn: 'Set.new', from: 'first' }],
  joins: [{ method: 'join', sep: 0, list: 'recv' }],
  checkLike: CHECK_LIKE,
  tests: [
    { method: 'include?', origin: 0, other: 'recv', kind: 'member' },
    { method: 'member?', origin: 0, other: 'recv', kind: 'member' },
    { method: 'key?', origin: 0, other: 'recv', kind: 'member' },
    { method: 'include?', origin: 'recv', other: 0, kind: 'substring' },
    { method: 'end_with?', origin: 'recv', other: 0, kind: 'suffix' },
    { method: 'start_with?', origin: 'recv', other: 0, kind: 'prefix' },
    { method: 'match?', origin: 'recv', other: 0, kind: 'regex' },
    { method: 'match?', origin: 0, other: 'recv', kind: 'regex' },
    { method: 'match', origin: 'recv', other: 0, kind: 'regex' },
    { method: 'match', origin: 0, other: 'recv', kind: 'regex' },
    { method: '=~', origin: 'recv', other: 0, kind: 'regex' },
    { method: '=~', origin: 0, other: 'recv', kind: 'regex' },
    { method: 'index', origin: 'recv', other: 0, kind: 'index' },
    { method: 'present?', origin: 'recv', other: 'recv', kind: 'present' },
    { method: 'nil?', origin: 'recv', other: 'recv', kind: 'absent' },
    { method: 'blank?', origin: 'recv', other: 'recv', kind: 'absent' },
    { method: 'empty?', origin: 'recv', other: 'recv', kind: 'absent' },
  ],
};
