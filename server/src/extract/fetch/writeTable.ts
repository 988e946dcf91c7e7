/**
 * How Fetch-API code (Deno, Bun, Cloudflare Workers, Supabase edge functions, Next.js route handlers and
 * middleware) writes response headers, as an engine write table (code/writes.ts):
 * - a response starts with the `headers` of its init: `new Response(body, { headers })`, `Response.json(data,
 *   init)`, `new NextResponse(body, init)`, `NextResponse.json(data, init)`, `NextResponse.next(init)`,
 *   `NextResponse.rewrite/redirect(url, init)`; a record or list of pairs is appended name by name (the
 *   Fetch Standard's "fill" of a Headers object), so two keys that differ only in case send two values;
 * - `new Headers(init)` fills a Headers object the same way;
 * - `h.set(name, value)` replaces, `h.append(name, value)` adds a value, on a Headers object or
 *   `response.headers`.
 * Request headers (`request.headers`, `new Headers(request.headers)`) are not response headers: the
 * receiver test leaves them out, and which object a write lands on is decided in responses.ts.
 */
import { bindingOf, extendTable, JS_TABLE, type Env, type Expr, type Func, type LanguageTable, type Val, type WriteForm, type WriteTable } from '../../code/index.js';
import { isCorsWriteName } from '../../knowledge/headerNames.js';

export const EXTRACTOR_ID = 'fetch';

/** `fetch(request, env, ctx)`, `GET(request)`, `Deno.serve((req) => …)`: a one-parameter handler's
 *  parameter is the request when it is named so (then `req.method === 'OPTIONS'` is a method test). */
export const FETCH_TABLE: LanguageTable = extendTable(JS_TABLE, {
  requestParam: (fn: Func, index: number) => index === 0 && (fn.params.length >= 2 || /^(req|request)$/.test(fn.params[0]?.name ?? '')),
});

/** Constructors of a response and the position of their init argument. */
export const STARTS: { fn: string; init: number }[] = [
  { fn: 'Response', init: 1 },
  { fn: 'Response.json', init: 1 },
  { fn: 'NextResponse', init: 1 },
  { fn: 'NextResponse.json', init: 1 },
  { fn: 'NextResponse.next', init: 0 },
  { fn: 'NextResponse.rewrite', init: 1 },
  { fn: 'NextResponse.redirect', init: 1 },
];

/** Names that hold a request, never a response. */
const REQUEST_NAMES = /^(req|request|config|init|options)$/i;

/** A name that is not a request (the receiver's root). */
function notRequestName(e: Expr): boolean {
  return !(e.k === 'name' && REQUEST_NAMES.test(e.name));
}

/** Headers of something other than a request: `res.headers`, `response.headers`, a name bound to
 *  `new Headers(...)` or to `res.headers`. */
export function isResponseHeaders(obj: Expr, env: Env, depth = 0): boolean {
  if (depth > 4) return false;
  if (obj.k === 'member') return obj.name === 'headers' && obj.object.k === 'name' && notRequestName(obj.object);
  if (obj.k !== 'name') return false;
  const b = bindingOf(obj.name, env);
  if (b?.b.k !== 'value' || !b.b.constant || b.b.prop !== undefined) return false;
  const v = b.b.value;
  if (v.k === 'call' && v.isNew && v.callee.k === 'name' && v.callee.name === 'Headers') return true;
  return v.k === 'member' && isResponseHeaders(v, b.env, depth + 1);
}

const starts = (): WriteForm[] => [
  ...STARTS.map((s): WriteForm => ({ fn: s.fn, op: 'set', map: { arg: s.init, key: 'headers' } })),
  { fn: 'Headers', op: 'set', map: 0 },
];

function stringify(v: Val): string | undefined {
  // Headers converts a value with String(): true → 'true', 86400 → '86400'
  if (v.k === 'bool') return v.value ? 'true' : 'false';
  if (v.k === 'num' && /^-?\d+$/.test(v.raw)) return String(v.value);
  return undefined;
}

export const FETCH_WRITES: WriteTable = {
  extractor: EXTRACTOR_ID,
  calls: [
    ...starts(),
    { method: 'set', recv: isResponseHeaders, op: 'set', name: 0, value: 1, minArgs: 2 },
    { method: 'append', recv: isResponseHeaders, op: 'add', name: 0, value: 1, minArgs: 2 },
  ],
  assigns: [],
  stringify,
  wanted: isCorsWriteName,
};
