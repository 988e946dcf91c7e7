/**
 * Array header values: `res.setHeader(name, ['a', 'b'])`, `res.set(name, [...])` / `res.header(...)` (Express 4
 * maps String over the array and calls setHeader with it), `res.append(name, [...])` (concatenated to the
 * values already set, then set), `res.writeHead(status, { name: [...] })` and `res.appendHeader(name, [...])`.
 *
 * Node's OutgoingMessage (lib/_http_outgoing.js processHeader) writes one header line per element for every
 * header but Cookie (checked on Node 20: `Access-Control-Allow-Origin: https://a.com` and
 * `Access-Control-Allow-Origin: https://b.com`), unless the server was created with `uniqueHeaders` naming it.
 * A browser joins the lines with ", " (Fetch "get a header"): two Allow-Origin or Allow-Credentials lines fail
 * the CORS check, two Vary lines merge as intended.
 */
import type { Node } from '../../syntax/treeSitter.js';
import { H, sameHeader } from '../common.js';
import { unwrap } from './literals.js';
import type { OriginCtx } from './originFlow.js';
import { resolveValue } from './resolve.js';

/** Headers whose array value is stated as one write per element (one header line each). The others get one
 *  write of unknown value: their lines are joined into one list by the browser, which the policy model
 *  (the last write wins) would misread. */
function splitsPerElement(name: string): boolean {
  const n = name.trim();
  return sameHeader(n, H.allowOrigin) || sameHeader(n, H.allowCredentials) || sameHeader(n, H.vary);
}

export type ArrayValue =
  /** Not an array: the value node as it is. */
  | { kind: 'scalar' }
  /** One write per element, in order. */
  | { kind: 'elements'; elements: Node[] }
  /** An array whose lines cannot be stated one by one (spread, holes, a header we do not split). */
  | { kind: 'opaque' };

/** What an array value (written in place or through a constant) sends for header `name`. */
export function arrayValue(name: string, valueNode: Node | undefined, ctx: OriginCtx): ArrayValue {
  const n = unwrap(valueNode);
  if (!n) return { kind: 'scalar' };
  const arr = n.type === 'array' ? n : n.type === 'identifier' ? resolveValue(n, ctx) : undefined;
  if (arr?.type !== 'array') return { kind: 'scalar' };
  const elements: Node[] = [];
  for (const c of arr.namedChildren) {
    if (!c || c.type === 'comment') continue;
    if (c.type === 'spread_element') return { kind: 'opaque' };
    elements.push(c);
  }
  if (elements.length === 1) return { kind: 'elements', elements };
  if (elements.length === 0 || !splitsPerElement(name)) return { kind: 'opaque' };
  return { kind: 'elements', elements };
}

/** The array literal that holds `element` when that array is written inside `within` (the statement or object
 *  member of the write); undefined when the element belongs to an array defined elsewhere (a constant that
 *  other code may use as an allowlist). */
export function inPlaceArray(element: Node, within: { start: number; end: number }): Node | undefined {
  const arr = element.parent;
  if (arr?.type !== 'array') return undefined;
  return arr.startIndex >= within.start && arr.endIndex <= within.end ? arr : undefined;
}
