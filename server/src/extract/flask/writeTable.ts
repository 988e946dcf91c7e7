/**
 * How Flask / werkzeug code writes response headers, as an engine write table (code/writes.ts):
 * `resp.headers['X'] = v` and `.set()` replace; `.add()` / `.add_header()` / `.extend()` add a line;
 * `.setdefault()` writes only when absent; `make_response(…, headers)`, `Response(headers=…)` and
 * `return body, status, {headers}` start a response with those headers.
 */
import { bindingOf, dottedName, type Env, type Expr } from '../../code/index.js';
import type { Val } from '../../code/index.js';
import type { WriteForm, WriteTable } from '../../code/index.js';
import { corsLike } from '../common.js';
// (moved to common.ts for every extractor's write table; still exported here for code that imports it from Flask)
export { corsLike };
import { EXTRACTOR_ID } from './ctx.js';


/** `resp.headers` (not `request.headers`), or a local bound to it, or a bare `headers` nothing binds. */
function isResponseHeaders(obj: Expr, env: Env): boolean {
  let e = obj;
  if (e.k === 'name') {
    const b = bindingOf(e.name, env);
    if (!b) return e.name === 'headers';
    if (b.b.k !== 'value' || !b.b.constant || b.b.prop !== undefined) return false;
    e = b.b.value;
  }
  return e.k === 'member' && e.name === 'headers' && !/^(flask\.)?request$/.test(dottedName(e.object) ?? '');
}

const method = (m: string, op: WriteForm['op'], rest: Partial<WriteForm>): WriteForm => ({ method: m, recv: isResponseHeaders, op, ...rest });
const starts = (name: { fn?: string; method?: string }): WriteForm[] => [
  { ...name, op: 'set', map: 'headers' },
  { ...name, op: 'set', map: 1 },
  { ...name, op: 'set', map: 2 },
];

function stringify(v: Val): string | undefined {
  if (v.k === 'bool') return v.value ? 'True' : 'False';
  if (v.k === 'num' && /^-?\d+$/.test(v.raw)) return String(v.value);
  return undefined;
}

export const FLASK_WRITES: WriteTable = {
  extractor: EXTRACTOR_ID,
  calls: [
    method('add', 'add', { name: 0, value: 1, minArgs: 2 }),
    method('add_header', 'add', { name: 0, value: 1, minArgs: 2 }),
    method('set', 'set', { name: 0, value: 1, minArgs: 2 }),
    method('setdefault', 'setifempty', { name: 0, value: 1, minArgs: 2 }),
    method('extend', 'add', { map: 0 }),
    method('update', 'set', { map: 0 }),
    ...starts({ fn: 'make_response' }),
    ...starts({ fn: 'flask.make_response' }),
    ...starts({ fn: 'Response' }),
    ...starts({ fn: 'flask.Response' }),
    ...starts({ method: 'response_class' }),
  ],
  assigns: [{ recv: isResponseHeaders, op: 'set' }],
  // `return body, status, {headers}` / `return body, {headers}`
  returned(value) {
    if (value.k !== 'list' || value.kind !== 'tuple' || value.items.length < 2) return undefined;
    const last = value.items.at(-1)!;
    return last.k === 'map' || last.k === 'list' ? last : undefined;
  },
  stringify,
  wanted: corsLike,
};
