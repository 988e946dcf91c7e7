/**
 * The request's Origin header in hand-written Flask code: the expressions that read it (`request.origin`,
 * `request.headers['Origin']`, `request.headers.get('Origin')`, `request.environ['HTTP_ORIGIN']`),
 * followed through the function's locals, and the names that stand for it in conditions.
 */
import type { Node } from '../../syntax/treeSitter.js';
import { namedChildren } from './py.js';
import type { FnCtx } from './handlers.js';

/** Is the expression the request's Origin header (directly or through a local)? */
export function requestOrigin(n: Node, locals: Map<string, Node | null>, depth = 0): string | undefined {
  if (depth > 4) return undefined;
  const t = n.type;
  if (t === 'identifier') {
    const rhs = locals.get(n.text);
    return rhs && requestOrigin(rhs, locals, depth + 1) ? n.text : undefined;
  }
  if (t === 'attribute') {
    return /^(flask\.)?request\.origin$/.test(n.text) ? n.text : undefined;
  }
  if (t === 'parenthesized_expression') {
    const i = namedChildren(n)[0];
    return i ? requestOrigin(i, locals, depth + 1) : undefined;
  }
  if (t === 'boolean_operator' && n.child(1)?.type === 'or') {
    const l = n.childForFieldName('left');
    return l ? requestOrigin(l, locals, depth + 1) && n.text : undefined;
  }
  if (t === 'subscript') {
    const v = n.childForFieldName('value');
    const k = n.childForFieldName('subscript');
    if (v && k && isRequestHeaders(v) && originKey(k)) return n.text;
    return undefined;
  }
  if (t === 'call') {
    const f = n.childForFieldName('function');
    const args = n.childForFieldName('arguments');
    const first = args ? namedChildren(args)[0] : undefined;
    if (f?.type === 'attribute' && f.childForFieldName('attribute')?.text === 'get' && first) {
      const o = f.childForFieldName('object');
      if (o && isRequestHeaders(o) && originKey(first)) return n.text;
    }
  }
  return undefined;
}

function isRequestHeaders(n: Node): boolean {
  return /^(flask\.)?request\.(headers|environ)$/.test(n.text);
}
function originKey(k: Node): boolean {
  const t = k.type === 'string' ? k.text.replace(/^[a-zA-Z]*["']|["']$/g, '') : '';
  return /^(origin|http_origin)$/i.test(t);
}

/** The expressions that stand for the request origin in conditions: the local name(s) and the access text. */
export function originNames(n: Node, locals: Map<string, Node | null>): Set<string> {
  const s = new Set<string>([n.text]);
  let cur: Node | null | undefined = n;
  for (let i = 0; i < 4 && cur?.type === 'identifier'; i++) {
    s.add(cur.text);
    cur = locals.get(cur.text);
    if (cur) s.add(cur.text);
  }
  return s;
}

export function isOriginExpr(n: Node | null | undefined, names: Set<string>, fc: FnCtx): boolean {
  if (!n) return false;
  return names.has(n.text) || !!requestOrigin(n, fc.locals);
}
