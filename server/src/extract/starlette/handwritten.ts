/**
 * Hand-written CORS headers in Starlette / FastAPI code (forms: writeTable.ts), put together by
 * ../handWritten.ts. Roles, read in Starlette 0.26.1 (applications.py, middleware/base.py, errors.py,
 * exceptions.py) and FastAPI 0.92 (routing.py):
 * - an http middleware — `@app.middleware('http')`, `BaseHTTPMiddleware.dispatch`, any function taking
 *   `call_next` — runs on every response of the app: the routes' own, the 404 / 405 of the router and the
 *   answers of HTTPException handlers (ExceptionMiddleware sits inside it). Not on the 500 of an unhandled
 *   exception: ServerErrorMiddleware, outermost, answers that one without it; the model has no value of
 *   `emits` for "every answer but unhandled errors", so it is left as computed;
 * - a raw ASGI middleware — the `send` wrapper inside `__call__(self, scope, receive, send)`, writing with
 *   `MutableHeaders(scope=message)` — the same;
 * - a route — a function under `@app.get('/p')`, `@router.post(...)`, `.route` / `.api_route` — makes a
 *   response the middleware then see (FastAPI: also the `response: Response` parameter's headers);
 * - anything else stands alone.
 * An OPTIONS preflight to a route that does not take OPTIONS gets the router's 405, which no browser
 * accepts: a middleware answers preflights only when it writes under an OPTIONS test.
 */
import type { Expr, Func } from '../../code/index.js';
import { dottedName, type Code } from '../../code/index.js';
import type { Scope } from '../../model/index.js';
import { preflightByConditions, readHandWritten, type Role, type Sink } from '../handWritten.js';
import { isHttpMiddleware, type Layout } from '../pyOwner.js';
import { starletteWrites } from './writeTable.js';

const MIDDLEWARE_SCOPE: Scope = { kind: 'app', label: 'http middleware', path: ['app'] };
const ROUTE = /^(get|post|put|patch|delete|head|options|route|api_route)$/;

function routeOf(d: Expr): { label: string; methods?: string[] } | undefined {
  if (d.k !== 'call' || d.callee.k !== 'member' || !ROUTE.test(d.callee.name)) return undefined;
  const path = d.args.find((a) => !a.name)?.value;
  const label = path?.k === 'str' ? path.value : dottedName(d.callee) ?? '?';
  const m = d.callee.name;
  if (m !== 'route' && m !== 'api_route') return { label, methods: [m.toUpperCase()] };
  const list = d.args.find((a) => a.name === 'methods')?.value;
  const methods = list?.k === 'list' && list.items.every((i) => i.k === 'str') ? list.items.map((i) => (i.k === 'str' ? i.value.toUpperCase() : '')) : undefined;
  return { label, methods };
}

export function starletteRole(fn: Func, layout: Layout): Role {
  const at = layout.places.get(fn) ?? {};
  const name = fn.name ?? '?';
  if (fn.decorators.some(isHttpMiddleware) || fn.params.some((p) => p.name === 'call_next')) return { kind: 'after', app: true, scope: MIDDLEWARE_SCOPE };
  // a raw ASGI middleware's send wrapper, inside `__call__(self, scope, receive, send)`
  const asgi = new Set(at.outer?.params.map((p) => p.name));
  if (asgi.has('scope') && asgi.has('receive') && asgi.has('send')) return { kind: 'after', app: true, scope: MIDDLEWARE_SCOPE };
  for (const d of fn.decorators) {
    const r = routeOf(d);
    if (r) return { kind: 'producer', sub: 'route', methods: r.methods, scope: { kind: 'route', label: r.label, path: ['app', r.label], span: fn.span } };
  }
  const label = at.cls ? `${at.cls}.${name}` : `def ${name}`;
  return { kind: 'producer', sub: 'other', scope: { kind: 'block', label, path: ['app', label], span: fn.span } };
}

export function extractStarletteHandWritten(sink: Sink, code: Code, layout: Layout, extractor: string): void {
  readHandWritten(sink, code, starletteWrites(extractor), (fn) => starletteRole(fn, layout), {
    extractor,
    appScope: MIDDLEWARE_SCOPE,
    preflight: preflightByConditions,
  });
}
