/**
 * Where a middleware is mounted (`app.use`, `app.get` ..., `app.route(...).get`), directly or through the
 * constant or function declaration that names it, and the scope (app, route) a mount gives it.
 */
import type { Scope } from '../../model/index.js';
import type { Node } from '../../syntax/treeSitter.js';
import { callArgs, memberCall } from './calls.js';
import { span, stringLit, unwrap } from './literals.js';
import { findBinding, parentOf } from './scopes.js';
import { identifiersNamed, preorder } from './textSearch.js';

export const ROUTE_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'options', 'all', 'head']);

export interface Mount {
  /** The router object as written: `app`, `router`, `server`. */
  object: string;
  /** 'use' or the route method (lowercase). */
  method: string;
  /** Path string when literal. */
  path?: string;
  /** The mounting call (`app.use(...)`). */
  call: Node;
}

/** If `arg` is an argument (or an element of an array argument) of `X.use(...)` / `X.get(...)` ..., describe it. */
export function mountOf(arg: Node): Mount | undefined {
  let n = arg;
  const p0 = parentOf(n);
  if (p0?.type === 'array' && parentOf(p0)?.type === 'arguments') n = p0;
  const args = parentOf(n);
  if (args?.type !== 'arguments') return undefined;
  const call = parentOf(args);
  if (!call) return undefined;
  const mc = memberCall(call);
  if (!mc) return undefined;
  const method = mc.property.toLowerCase();
  if (method !== 'use' && !ROUTE_METHODS.has(method)) return undefined;
  let objectText = mc.object.text;
  let path: string | undefined;
  const first = callArgs(call)[0];
  // app.route('/x').get(...)
  const inner = unwrap(mc.object);
  if (inner?.type === 'call_expression') {
    const ic = memberCall(inner);
    if (ic && ic.property === 'route') {
      objectText = ic.object.text;
      path = pathText(callArgs(inner)[0]);
    }
  }
  if (path === undefined && first && !first.equals(n)) {
    path = pathText(first);
    // a route's first argument is always its path, whatever expression it is
    if (path === undefined && method !== 'use') path = first.text;
  }
  // a route needs a path argument before the handlers (`app.get('env')` is a settings getter)
  if (method !== 'use' && first && first.equals(n) && inner?.type !== 'call_expression') return undefined;
  return { object: objectText, method, path, call };
}

function pathText(n: Node | undefined): string | undefined {
  if (!n) return undefined;
  const s = stringLit(n);
  if (s) return s.text;
  const u = unwrap(n);
  if (u?.type === 'regex' || u?.type === 'array') return u.text;
  return undefined;
}

export function scopeOfMount(m: Mount | undefined, fallback: Scope): Scope {
  if (!m) return fallback;
  if (m.method === 'use') {
    const label = m.path !== undefined ? `${m.object}.use ${m.path}` : m.object;
    return { kind: 'app', label, path: m.path !== undefined ? [m.object, m.path] : [m.object], span: span(m.call) };
  }
  const route = `${m.method === 'del' ? 'DELETE' : m.method.toUpperCase()} ${m.path ?? '?'}`;
  return { kind: 'route', label: route, path: [m.object, route], span: span(m.call) };
}

/** Identifiers passed to mount calls (`app.use(corsMw)`, `app.get('/x', [auth, corsMw], h)`), by name. Built per
 *  name on first use: the name is searched in the text and each occurrence confirmed on the tree, in the
 *  order a walk over all the calls would list them. */
export function mountArgIndex(root: Node, text: string): (name: string) => Node[] {
  const cache = new Map<string, Node[]>();
  return (name) => {
    let list = cache.get(name);
    if (list) return list;
    const hits: { it: Node; call: Node }[] = [];
    for (const it of identifiersNamed(root, text, name, 'identifier')) {
      const p = parentOf(it);
      const args = p?.type === 'arguments' ? p : p?.type === 'array' ? parentOf(p) : null;
      if (args?.type !== 'arguments') continue;
      const call = parentOf(args);
      if (call?.type !== 'call_expression') continue;
      const fn = call.childForFieldName('function');
      if (fn?.type !== 'member_expression') continue;
      const prop = fn.childForFieldName('property')?.text ?? '';
      if (prop === 'use' || ROUTE_METHODS.has(prop.toLowerCase())) hits.push({ it, call });
    }
    hits.sort((a, b) => preorder(a.call, b.call) || a.it.startIndex - b.it.startIndex);
    list = hits.map((h) => h.it);
    cache.set(name, list);
    return list;
  };
}

/** Where a middleware value (a cors() call or a handler function) is mounted: directly as an argument, or
 *  through a constant / function declaration used as an argument. */
export function mountsOf(node: Node, index: (name: string) => Node[]): Mount[] {
  const direct = mountOf(node);
  if (direct) return [direct];
  let name: Node | null | undefined;
  let decl: Node | undefined;
  const np = parentOf(node);
  if (np?.type === 'variable_declarator') {
    decl = np;
    name = decl.childForFieldName('name');
  } else if (node.type === 'function_declaration') {
    decl = node;
    name = node.childForFieldName('name');
  }
  if (!decl || name?.type !== 'identifier') return [];
  const out: Mount[] = [];
  for (const it of index(name.text)) {
    const b = findBinding(it.text, it);
    if (!b || !b.node.equals(decl)) continue;
    const m = mountOf(it);
    if (m) out.push(m);
  }
  return out;
}

export function pathCovers(usePath: string | undefined, target: string | undefined): boolean {
  if (usePath === undefined) return true;
  if (target === undefined) return false;
  return target === usePath || target.startsWith(usePath.endsWith('/') ? usePath : usePath + '/');
}
