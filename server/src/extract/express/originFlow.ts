/**
 * Where a value comes from the request's Origin header: `req.headers.origin`, `req.get('origin')`, a name bound
 * to either, the origin parameter of a callback; and whether an expression reads it anywhere.
 */
import type { Span } from '../../model/index.js';
import type { Node } from '../../syntax/treeSitter.js';
import { callArgs, memberCall } from './calls.js';
import { stringLit, unwrap } from './literals.js';
import type { Resolver } from './resolve.js';
import { findBinding, paramNames } from './scopes.js';

export interface OriginCtx extends Resolver {
  /** Identifiers bound to the request origin in the analysed function (e.g. the `origin` parameter of a
   *  cors origin callback). */
  names: Set<string>;
  /** Element spans of list entries (entry span start -> whole element span), for fixes. */
  elementSpans: Map<number, Span>;
}

const REQ_NAMES = new Set(['req', 'request']);

/** Is `id` the request object (named req/request, or the first parameter of the enclosing handler)? */
function isRequestObject(id: Node): boolean {
  if (id.type !== 'identifier') return false;
  if (REQ_NAMES.has(id.text)) return true;
  const b = findBinding(id.text, id);
  if (b?.kind === 'param') {
    const names = paramNames(b.node);
    return names.length >= 2 && names[0] === id.text;
  }
  return false;
}

/**
 * If the expression evaluates to the request's Origin header, return a short description of how
 * (`req.headers.origin`, `req.get('origin')` ...).
 */
export function originRef(node: Node | null | undefined, ctx: OriginCtx, depth = 0): string | undefined {
  const n = unwrap(node);
  if (!n || depth > 6) return undefined;
  switch (n.type) {
    case 'identifier': {
      if (ctx.names.has(n.text)) {
        const b = findBinding(n.text, n);
        if (!b || b.kind === 'param') return n.text;
      }
      const b = findBinding(n.text, n);
      if (!b || !b.value) return undefined;
      if (b.kind !== 'const' && ctx.reassigned.has(n.text)) return undefined;
      if (b.prop !== undefined) {
        if (b.prop !== 'origin') return undefined;
        const v = unwrap(b.value);
        if (v?.type === 'member_expression' && isHeadersObject(v)) return `${v.text}.origin`;
        return undefined;
      }
      return originRef(b.value, ctx, depth + 1);
    }
    case 'member_expression': {
      const obj = n.childForFieldName('object');
      const prop = n.childForFieldName('property');
      if (prop?.text === 'origin' && obj && isHeadersObject(obj)) return n.text;
      return undefined;
    }
    case 'subscript_expression': {
      const obj = n.childForFieldName('object');
      const idx = stringLit(n.childForFieldName('index'));
      if (idx?.text === 'origin' && obj && isHeadersObject(obj)) return n.text;
      return undefined;
    }
    case 'call_expression': {
      const mc = memberCall(n);
      if (!mc || (mc.property !== 'get' && mc.property !== 'header')) return undefined;
      const a = callArgs(n);
      const s = stringLit(a[0]);
      if (a.length !== 1 || s?.text.toLowerCase() !== 'origin') return undefined;
      const obj = unwrap(mc.object);
      if (obj && isRequestObject(obj)) return n.text;
      // ctx.get('Origin') (Koa) / request.headers.get('origin') (fetch API)
      if (obj?.type === 'member_expression' && obj.childForFieldName('property')?.text === 'headers') return n.text;
      return undefined;
    }
    case 'binary_expression': {
      const op = n.childForFieldName('operator')?.text;
      if (op === '||' || op === '??') {
        // `req.headers.origin || '*'`: the fallback only applies when the request carries no Origin
        const left = originRef(n.childForFieldName('left'), ctx, depth + 1);
        if (left) return left;
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

function isHeadersObject(n: Node): boolean {
  const u = unwrap(n);
  if (u?.type !== 'member_expression') return false;
  const p = u.childForFieldName('property')?.text;
  return p === 'headers' || p === 'header';
}

/** Does the expression read the request origin anywhere? */
export function mentionsOrigin(node: Node | null | undefined, ctx: OriginCtx): boolean {
  const n = unwrap(node);
  if (!n) return false;
  if (originRef(n, ctx)) return true;
  for (const d of n.descendantsOfType(['identifier', 'member_expression', 'subscript_expression', 'call_expression'])) {
    if (d && originRef(d, ctx)) return true;
  }
  return false;
}
