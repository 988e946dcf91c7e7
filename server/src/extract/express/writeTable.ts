/**
 * How Express / Connect, Node http and Fastify handlers write response headers, as an engine write table
 * (code/writes.ts):
 * - `res.set(n, v)` / `res.header(n, v)` / `res.setHeader(n, v)` replace (Express's set and header call
 *   Node's setHeader); `res.append(n, v)` / `res.appendHeader(n, v)` add a line (Express 4.x append joins
 *   the new value to the one already set, an array that Node sends as one line per element);
 * - `res.set({...})` / `res.header({...})` set each property; `res.writeHead(status, [message,] {...})`
 *   sets each property too, and Node merges that object over what setHeader wrote, writeHead winning —
 *   which is what a later `set` means;
 * - `res.vary(field)` and `vary(res, field)` (the `vary` package) add the field to Vary;
 * - Fastify: `reply.header(n, v)` and `reply.headers({...})`.
 * The receiver is the response object (isResponse below), maybe through a chain: `res.status(200).set(…)`.
 * A Fetch `Headers` object (`x.headers.set(…)`) is not one: its receiver is a member, not the response.
 */
import { bindingOf, type Env, type Expr, type Val, type WriteForm, type WriteTable } from '../../code/index.js';
import { H, sameHeader } from '../common.js';
import { isCorsWriteName } from '../../knowledge/headerNames.js';

export const EXTRACTOR_ID = 'express';

const RES_NAMES = new Set(['res', 'response', 'reply', 'resp']);
/** Response methods that return the response, so that a header call can follow them. */
const CHAINABLE = new Set(['status', 'set', 'header', 'append', 'type', 'vary', 'cookie', 'clearCookie', 'location', 'links', 'attachment', 'setHeader', 'code']);

/** The name at the root of `res.status(200).set`-style chains (undefined: not a plain name or chain). */
export function responseRoot(e: Expr): (Expr & { k: 'name' }) | undefined {
  let cur = e;
  for (let i = 0; i < 20; i++) {
    if (cur.k === 'name') return cur;
    if (cur.k !== 'call' || cur.callee.k !== 'member' || !CHAINABLE.has(cur.callee.name)) return undefined;
    cur = cur.callee.object;
  }
  return undefined;
}

/** The response object: named res/response/reply/resp, or the second parameter of a `(req, res)` handler
 *  (third of an `(err, req, res, next)` error handler). A local variable (a Map, a fetch Response, a
 *  Headers object) is not. An unbound name (half-typed code, a snippet) counts by its name. */
export function isResponse(e: Expr, env: Env): boolean {
  const root = responseRoot(e);
  if (!root) return false;
  const found = bindingOf(root.name, env);
  if (!found) return RES_NAMES.has(root.name);
  const b = found.b;
  if (b.k !== 'param' || b.prop !== undefined) return false;
  if (RES_NAMES.has(root.name)) return true;
  const names = b.fn.params.map((p) => p.name);
  if (b.index === 1) return /^_?(req|request)$/i.test(names[0]) || names[0] === '_';
  if (b.index === 2) return /^_?(err|error|e)$/i.test(names[0]) && /^_?(req|request)$/i.test(names[1]);
  return false;
}

/** What Node sends for a non-string value: `String(v)`. */
function stringify(v: Val): string | undefined {
  if (v.k === 'bool') return v.value ? 'true' : 'false';
  if (v.k === 'num') return String(v.value);
  return undefined;
}

/** Node's OutgoingMessage writes one header line per array element (every header but Cookie, unless the
 *  server names it in `uniqueHeaders`; checked on Node 20). A browser joins the lines with ", ": two
 *  Allow-Origin or Allow-Credentials lines fail the CORS check, two Vary lines merge as intended; those are
 *  stated line by line. The others (method and header lists) get one write of unknown value. */
function splits(name: string): boolean {
  const n = name.trim();
  return sameHeader(n, H.allowOrigin) || sameHeader(n, H.allowCredentials) || sameHeader(n, H.vary);
}

const on = (method: string, op: WriteForm['op'], rest: Partial<WriteForm>): WriteForm => ({ method, recv: isResponse, op, ...rest });

/** The write table; `varyNames` are the local names of the `vary` package's function in this file,
 *  `nestHeader` those of Nest's `@Header(name, value)` method decorator (nest.ts). */
export function expressWrites(varyNames: Iterable<string>, nestHeader: string[] = []): WriteTable {
  return {
    extractor: EXTRACTOR_ID,
    calls: [
      ...['set', 'header', 'setHeader'].map((m) => on(m, 'set', { name: 0, value: 1, minArgs: 2 })),
      ...['append', 'appendHeader'].map((m) => on(m, 'add', { name: 0, value: 1, minArgs: 2 })),
      on('set', 'set', { map: 0, maxArgs: 1 }),
      on('header', 'set', { map: 0, maxArgs: 1 }),
      on('headers', 'set', { map: 0, maxArgs: 1 }),
      on('writeHead', 'set', { map: 1, minArgs: 2 }),
      on('writeHead', 'set', { map: 2, minArgs: 3 }),
      on('vary', 'add', { header: 'Vary', value: 0, minArgs: 1, maxArgs: 1 }),
      ...[...varyNames].map((fn): WriteForm => ({ fn, recv: isResponse, recvArg: 0, op: 'add', header: 'Vary', value: 1, minArgs: 2 })),
    ],
    assigns: [],
    decorators: nestHeader.map((fn): WriteForm => ({ fn, op: 'set', name: 0, value: 1, minArgs: 2 })),
    stringify,
    wanted: isCorsWriteName,
    splits,
  };
}
