/**
 * Koa: `app.use(cors({...}))` with @koa/cors (semantics in policy.ts), read with the code engine, and the
 * headers middleware and handlers write themselves on `ctx` (handWritten.ts).
 */
import { jsArray, jsLiteral } from '../jsFix.js';
import { middlewareExtractor } from '../jsMiddleware.js';
import { KOA_WRITES } from './handWritten.js';
import { DOCS_ID, KNOWN, koaPolicy, LIBRARY } from './policy.js';

/** `origin` for a set of trusted origins: the one origin as a string (sent to everyone, readable only by
 *  it), several through a function that echoes the request Origin when it is listed (else no CORS). */
function originsCode(origins: string[], q: string): string | undefined {
  if (origins.length === 1) return jsLiteral(origins[0], q);
  const arr = jsArray(origins, q);
  const name = jsLiteral('Origin', q);
  return arr && `(ctx) => (${arr}.includes(ctx.get(${name})) ? ctx.get(${name}) : ${q}${q})`;
}

export default middlewareExtractor({
  id: 'koa',
  title: 'Koa (@koa/cors)',
  library: LIBRARY,
  docsId: DOCS_ID,
  known: KNOWN,
  modules: ['@koa/cors'],
  exportPath: [],
  policy: koaPolicy,
  originsCode,
  handWritten: KOA_WRITES,
});
