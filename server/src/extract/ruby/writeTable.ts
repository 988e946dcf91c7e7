/**
 * How Ruby web code writes response headers, as an engine write table (code/writes.ts):
 * - Rails controllers: `headers['X'] = v`, `response.headers['X'] = v`, `response.set_header('X', v)`,
 *   `response.headers.merge!('X' => v)`;
 * - Sinatra: `headers 'X' => v, …` (also `headers({…})`), `response['X'] = v`, `response.headers['X'] = v`;
 * - Rack: `[status, { 'X' => v }, body]` returned, `Rack::Response#set_header` / `[]=`, a headers hash
 *   filled with `headers['X'] = v`.
 */
import { bindingOf, dottedName, type Env, type Expr, type Val, type WriteTable } from '../../code/index.js';
import { isCorsWriteName } from '../../knowledge/headerNames.js';
import { EXTRACTOR_ID } from './ctx.js';

const REQUEST = /^(request|req|env)$/;

/** A response object: `response`, `res`, `resp`, `rack_response`, a local set to `Rack::Response.new`. */
function isResponse(e: Expr, env: Env): boolean {
  if (e.k !== 'name') return false;
  if (/^(response|res|resp|rack_response)$/.test(e.name)) return true;
  const b = bindingOf(e.name, env);
  const v = b?.b.k === 'value' ? b.b.value : undefined;
  return v?.k === 'call' && v.callee.k === 'member' && v.callee.name === 'new' && /(^|\.)Response$/.test(dottedName(v.callee.object) ?? '');
}

/** Response headers: `headers` (the controller's / Sinatra's, or a Rack headers hash), `response.headers`. */
function isHeaders(e: Expr, env: Env): boolean {
  if (e.k === 'name') return e.name === 'headers' || e.name === '@headers';
  return e.k === 'member' && e.name === 'headers' && !REQUEST.test(dottedName(e.object) ?? '') && isResponse(e.object, env);
}

const isHeadersOrResponse = (e: Expr, env: Env) => isHeaders(e, env) || isResponse(e, env);

/** Ruby's text for true / false / integers as a header value (`to_s`). */
function stringify(v: Val): string | undefined {
  if (v.k === 'bool') return v.value ? 'true' : 'false';
  if (v.k === 'num' && /^-?\d+$/.test(v.raw)) return String(v.value);
  return undefined;
}

export const RUBY_WRITES: WriteTable = {
  extractor: EXTRACTOR_ID,
  calls: [
    { method: 'set_header', recv: isResponse, op: 'set', name: 0, value: 1, minArgs: 2 },
    { method: 'add_header', recv: isResponse, op: 'add', name: 0, value: 1, minArgs: 2 },
    { method: 'merge!', recv: isHeaders, op: 'set', map: 0 },
    { method: 'update', recv: isHeaders, op: 'set', map: 0 },
    { method: 'store', recv: isHeaders, op: 'set', name: 0, value: 1, minArgs: 2 },
    // Sinatra `headers 'X' => v` / `headers({ 'X' => v })`
    { fn: 'headers', op: 'set', map: 0, maxArgs: 1 },
  ],
  assigns: [{ recv: isHeadersOrResponse, op: 'set' }],
  // Rack: `[200, { 'X' => v }, body]`
  returned(value) {
    if (value.k !== 'list' || value.items.length !== 3) return undefined;
    const h = value.items[1];
    return h.k === 'map' ? h : undefined;
  },
  stringify,
  wanted: isCorsWriteName,
};
