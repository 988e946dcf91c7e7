/**
 * Hono: `app.use('/api/*', cors({...}))` with hono/cors (semantics in policy.ts), read with the code engine,
 * and the headers middleware and handlers write themselves on `c` (handWritten.ts).
 */
import { jsArray, jsLiteral } from '../jsFix.js';
import { middlewareExtractor } from '../jsMiddleware.js';
import { HONO_WRITES } from './handWritten.js';
import { DOCS_ID, honoPolicy, KNOWN, LIBRARY } from './policy.js';

export default middlewareExtractor({
  id: 'hono',
  title: 'Hono (hono/cors)',
  library: LIBRARY,
  docsId: DOCS_ID,
  known: KNOWN,
  modules: ['hono/cors'],
  exportPath: ['cors'],
  policy: honoPolicy,
  // hono compares a string origin with the request Origin, and an array by includes(): both allowlists
  originsCode: (origins, q) => (origins.length === 1 ? jsLiteral(origins[0], q) : jsArray(origins, q)),
  handWritten: HONO_WRITES,
});
