/**
 * Hand-written CORS headers in Django code (forms: writeTable.ts), put together by ../handWritten.ts.
 * Roles, read in Django 3.2 (Debian's python3-django, django/core/handlers/base.py and exception.py):
 * - a middleware — a class's `__call__` / `process_response`, or the inner function of a factory taking
 *   `get_response` — runs on every response: load_middleware wraps each middleware's get_response in
 *   convert_exception_to_response, so an exception in a view is already a 404 / 403 / 400 / 500 response
 *   when the middleware sees it (the headers are on error answers too: policy emits 'always'). The order of
 *   several is MIDDLEWARE's, in the settings: here, the reverse order of definition (as Flask's hooks);
 * - `process_request` / `process_view` that answer: like a view, then the middleware;
 * - a view — a module-level function taking `request`, or an HTTP-method method of a class — makes a
 *   response the middleware then see;
 * - anything else (a decorator's wrapper, a helper) stands alone.
 */
import type { Func } from '../../code/index.js';
import type { Code } from '../../code/index.js';
import type { Scope } from '../../model/index.js';
import { preflightByConditions, readHandWritten, type Role, type Sink } from '../handWritten.js';
import type { Layout } from '../pyOwner.js';
import { djangoWrites } from './writeTable.js';

const MIDDLEWARE_SCOPE: Scope = { kind: 'app', label: 'middleware', path: ['app'] };
const HTTP_METHODS = /^(get|post|put|patch|delete|head|options)$/;

export function djangoRole(fn: Func, layout: Layout): Role {
  const at = layout.places.get(fn) ?? {};
  const name = fn.name ?? '?';
  const span = fn.span;
  if (at.cls && (name === '__call__' || name === 'process_response')) return { kind: 'after', app: true, scope: MIDDLEWARE_SCOPE };
  if (!at.cls && at.outer?.params.some((p) => p.name === 'get_response')) return { kind: 'after', app: true, scope: MIDDLEWARE_SCOPE };
  if (at.cls && (name === 'process_request' || name === 'process_view')) return { kind: 'producer', sub: 'before', scope: { kind: 'app', label: `${at.cls}.${name}`, path: ['app'] } };
  if (at.cls && HTTP_METHODS.test(name)) {
    const label = `${at.cls}.${name}`;
    return { kind: 'producer', sub: 'route', methods: [name.toUpperCase()], scope: { kind: 'route', label, path: ['app', label], span } };
  }
  if (!at.cls && !at.outer && fn.params[0]?.name === 'request') {
    const label = `view ${name}`;
    return { kind: 'producer', sub: 'route', scope: { kind: 'route', label, path: ['app', label], span } };
  }
  const label = at.cls ? `${at.cls}.${name}` : `def ${name}`;
  return { kind: 'producer', sub: 'other', scope: { kind: 'block', label, path: ['app', label], span } };
}

export function extractDjangoHandWritten(sink: Sink, code: Code, layout: Layout, extractor: string): void {
  readHandWritten(sink, code, djangoWrites(extractor), (fn) => djangoRole(fn, layout), {
    extractor,
    appScope: MIDDLEWARE_SCOPE,
    preflight: preflightByConditions,
  });
}
