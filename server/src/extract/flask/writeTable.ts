/**
 * How Flask / werkzeug code writes response headers, as an engine write table (code/writes.ts):
 * `resp.headers['X'] = v` and `.set()` replace; `.add()` / `.add_header()` / `.extend()` add a line;
 * `.setdefault()` writes only when absent; `make_response(…, headers)`, `Response(headers=…)` and
 * `return body, status, {headers}` start a response with those headers.
 */
import type { WriteTable } from '../../code/index.js';
import { headersMethod as method, responseStarts, stringify } from '../pyWrites.js';
import { isResponseHeaders } from '../pyWrites.js';
import { EXTRACTOR_ID } from './ctx.js';
import { isCorsWriteName } from '../../knowledge/headerNames.js';

const starts = (name: { fn?: string; method?: string }) => responseStarts(name, [1, 2]);

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
  wanted: isCorsWriteName,
};
