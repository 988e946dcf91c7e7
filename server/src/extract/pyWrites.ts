/**
 * The parts of a Python header-write table (code/writes.ts) that Flask, Django and Starlette / FastAPI
 * share: which header names are worth a fact, `x.headers` of a response (not of the request), how a
 * non-string literal is sent, and the `Response(…, headers)` constructor forms.
 */
import { bindingOf, dottedName, type Env, type Expr, type Val, type WriteForm } from '../code/index.js';

/** Names of a response header that belong to CORS (or look like a misspelling of one). */

/** The request object of Flask (`request`, `flask.request`), Django and Starlette (`request`, `req`). */
const REQUEST = /^(flask\.)?(request|req)$/;

/** `resp.headers` (not `request.headers`), or a local bound to it, or a bare `headers` nothing binds. */
export function isResponseHeaders(obj: Expr, env: Env): boolean {
  let e = obj;
  if (e.k === 'name') {
    const b = bindingOf(e.name, env);
    if (!b) return e.name === 'headers';
    if (b.b.k !== 'value' || !b.b.constant || b.b.prop !== undefined) return false;
    e = b.b.value;
  }
  return e.k === 'member' && e.name === 'headers' && !REQUEST.test(dottedName(e.object) ?? '');
}

/** Response headers, but not those of an HTTP client (`client.headers`, `self.client.headers`,
 *  `session.headers`: the requests a test or a scraper sends). */
export function isServerResponseHeaders(obj: Expr, env: Env): boolean {
  if (!isResponseHeaders(obj, env)) return false;
  const owner = obj.k === 'member' ? dottedName(obj.object) ?? '' : '';
  return !/(^|[._])(client|session)$/i.test(owner);
}

/** Python's text for True / False and integers, as a header value. */
export function stringify(v: Val): string | undefined {
  if (v.k === 'bool') return v.value ? 'True' : 'False';
  if (v.k === 'num' && /^-?\d+$/.test(v.raw)) return String(v.value);
  return undefined;
}

/** A method on response headers (`resp.headers.add(n, v)`). */
export const headersMethod = (m: string, op: WriteForm['op'], rest: Partial<WriteForm>, recv = isResponseHeaders): WriteForm => ({ method: m, recv, op, ...rest });

/** A response started with headers: the `headers=` keyword, or the positional arguments given. */
export const responseStarts = (name: { fn?: string; method?: string }, positions: number[]): WriteForm[] => [
  { ...name, op: 'set', map: 'headers' },
  ...positions.map((p): WriteForm => ({ ...name, op: 'set', map: p })),
];
