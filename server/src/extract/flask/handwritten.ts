/**
 * Hand-written CORS headers in Flask code (the forms of a write: writeTable.ts), inside @after_request
 * hooks (every response: scope app), route views (scope route), before_request / error handlers and
 * helpers (handlers.ts). Putting the writes of each function together into responses and policies is
 * shared with Django and Starlette (../handWritten.ts); what is Flask's own is the role of each function
 * and when a policy answers a preflight.
 */
import { APP_SCOPE, EXTRACTOR_ID, type Ctx } from './ctx.js';
import { handlersOf, roleOf } from './handlers.js';
import { readHandWritten, type Role } from '../handWritten.js';
import { FLASK_WRITES } from './writeTable.js';

export function extractHandWritten(ctx: Ctx): void {
  if (!ctx.flask) return;
  const handlers = handlersOf(ctx);
  readHandWritten(ctx, ctx.code, FLASK_WRITES, (fn) => roleOf(ctx, fn, handlers), { extractor: EXTRACTOR_ID, appScope: APP_SCOPE, preflight });
}

function preflight(role: Role, conds: Set<string | undefined>, fromAfter: boolean): boolean | 'unknown' {
  if (conds.has('non-options') && conds.size === 1) return false;
  // Flask's automatic OPTIONS answer passes through the after_request hooks.
  if (fromAfter) return true;
  if (role.kind === 'producer' && role.sub === 'before' && conds.has('options-only')) return true;
  if (role.kind === 'producer' && role.sub === 'route' && role.methods?.includes('OPTIONS')) return true;
  return 'unknown';
}
