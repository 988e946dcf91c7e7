/**
 * The functions that write CORS headers by hand and what each one is: an @after_request hook (every
 * response: scope app, or a blueprint's responses), a before_request / error handler, a route view, or a
 * method / helper that stands alone.
 */
import type { Node } from '../../syntax/treeSitter.js';
import type { Func } from '../../code/index.js';
import { APP_SCOPE, routeInfo, routeScope, type Ctx } from './ctx.js';
import { dotted, locate, namedChildren, spanOf } from './py.js';
import { parentOf } from './py.js';

export type { Role } from '../pyHandWritten.js';
import type { Role } from '../pyHandWritten.js';

/** Functions registered as after_request hooks by a call, `app.after_request(fn)`, not as a decorator. */
export function afterRequestByCall(ctx: Ctx): Set<string> {
  const afterByName = new Set<string>();
  // app.after_request(fn) registered by a call.
  for (const hit of locate(ctx.root, ctx.text, /\bafter_(app_)?request\b/g)) {
    const attr = parentOf(hit)?.type === 'attribute' ? parentOf(hit) : undefined;
    const call = parentOf(attr)?.type === 'call' && parentOf(attr)!.childForFieldName('function')?.id === attr!.id ? parentOf(attr) : undefined;
    if (!call || parentOf(call)?.type === 'decorator') continue;
    const a = call.childForFieldName('arguments');
    const first = a ? namedChildren(a)[0] : undefined;
    if (first?.type === 'identifier') afterByName.add(first.text);
  }
  return afterByName;
}

export function roleOf(ctx: Ctx, def: Node, fn: Func, afterByName: Set<string>): Role {
  const name = def.childForFieldName('name')?.text ?? '?';
  const dec = parentOf(def)?.type === 'decorated_definition' ? parentOf(def) : undefined;
  for (const d of dec ? namedChildren(dec) : []) {
    if (d.type !== 'decorator') continue;
    let e = namedChildren(d)[0];
    if (e?.type === 'call') e = e.childForFieldName('function') ?? e;
    if (e?.type !== 'attribute') continue;
    const m = e.childForFieldName('attribute')?.text ?? '';
    const recv = dotted(e.childForFieldName('object'));
    const isBp = !!recv && ctx.blueprints.has(recv);
    if (m === 'after_request' || m === 'after_app_request') {
      const app = m === 'after_app_request' || !isBp;
      return { kind: 'after', app, receiver: recv, scope: app ? APP_SCOPE : { kind: 'block', label: `blueprint ${recv}`, path: ['app', `blueprint ${recv}`] } };
    }
    if (m === 'before_request' || m === 'before_app_request') {
      return { kind: 'producer', sub: 'before', receiver: recv, scope: { kind: 'app', label: 'before_request', path: ['app'] } };
    }
    if (m === 'errorhandler' || m === 'app_errorhandler') {
      return { kind: 'producer', sub: 'error', receiver: recv, scope: { kind: 'app', label: 'errorhandler', path: ['app'] } };
    }
  }
  if (afterByName.has(name) && parentOf(parentOf(def))?.type !== 'class_definition') return { kind: 'after', app: true, scope: APP_SCOPE };
  const route = routeInfo(fn, ctx.text);
  if (route) return { kind: 'producer', sub: 'route', receiver: route.receiver, methods: route.methods, scope: routeScope(route.label, spanOf(def)) };
  // A method of a class-based view or a helper.
  let label = `def ${name}`;
  const cls = parentOf(def)?.type === 'block' ? parentOf(parentOf(def)) : parentOf(parentOf(def))?.type === 'block' ? parentOf(parentOf(parentOf(def))) : undefined;
  if (cls?.type === 'class_definition') label = `${cls.childForFieldName('name')?.text ?? '?'}.${name}`;
  return { kind: 'producer', sub: 'other', scope: { kind: 'block', label, path: ['app', label], span: spanOf(def) } };
}
