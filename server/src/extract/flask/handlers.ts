/**
 * The functions that write CORS headers by hand and what each one is: an @after_request hook (every
 * response: scope app, or a blueprint's responses), a before_request / error handler, a route view, or a
 * method / helper that stands alone. Read from the common form: decorators on the function, the class a
 * method is written in, `app.after_request(fn)` calls.
 */
import { callsOfStmt, dottedName, type Func } from '../../code/index.js';
import { APP_SCOPE, eachStmt, routeInfo, routeScope, type Ctx } from './ctx.js';

export type { Role } from '../handWritten.js';
import type { Role } from '../handWritten.js';

/** What the roles need from the whole file: functions registered as after_request hooks by a call
 *  (`app.after_request(fn)`, not as a decorator) and the class each method is written in. */
export interface Handlers {
  afterByName: Set<string>;
  classOf: Map<Func, string>;
}

export function handlersOf(ctx: Ctx): Handlers {
  const afterByName = new Set<string>();
  const classOf = new Map<Func, string>();
  eachStmt(ctx.code, (s) => {
    if (s.k === 'class') for (const m of s.body) if (m.k === 'func') classOf.set(m.fn, s.name ?? '?');
    for (const call of callsOfStmt(s)) {
      if (call.callee.k !== 'member' || (call.callee.name !== 'after_request' && call.callee.name !== 'after_app_request')) continue;
      const first = call.args[0];
      if (first && !first.name && !first.spread && first.value.k === 'name') afterByName.add(first.value.name);
    }
  });
  return { afterByName, classOf };
}

export function roleOf(ctx: Ctx, fn: Func, h: Handlers): Role {
  const name = fn.name ?? '?';
  for (const d of fn.decorators) {
    const e = d.k === 'call' ? d.callee : d;
    if (e.k !== 'member') continue;
    const m = e.name;
    const recv = dottedName(e.object);
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
  const cls = h.classOf.get(fn);
  if (h.afterByName.has(name) && cls === undefined) return { kind: 'after', app: true, scope: APP_SCOPE };
  const route = routeInfo(fn, ctx.text);
  if (route) return { kind: 'producer', sub: 'route', receiver: route.receiver, methods: route.methods, scope: routeScope(route.label, fn.span) };
  // A method of a class-based view or a helper.
  const label = cls === undefined ? `def ${name}` : `${cls}.${name}`;
  return { kind: 'producer', sub: 'other', scope: { kind: 'block', label, path: ['app', label], span: fn.span } };
}
