/**
 * Starlette's CORSMiddleware (also FastAPI's, which re-exports it): what each option makes the server send.
 * Read from starlette/middleware/cors.py of 0.26.1 (Debian 12, FastAPI 0.92.0) and 0.47.3; the same logic.
 */
import type { LibraryDocs } from './types.js';

const docs: LibraryDocs = {
  id: 'starlette',
  title: 'Starlette / FastAPI CORSMiddleware',
  version: '0.26.1 and 0.47.3',
  docs: 'https://www.starlette.io/middleware/#corsmiddleware',
  options: [
    {
      name: 'allow_origins',
      sends:
        'Origins compared as exact strings (`origin in allow_origins`): an allowed one is echoed in `Access-Control-Allow-Origin` with ' +
        '`Vary: Origin`; others get no ACAO (a preflight gets 400 "Disallowed CORS origin"). A trailing slash or an uppercase letter ' +
        "never matches. `['*']` sends `*` — with `allow_credentials=True` it echoes the request Origin when the request carries a " +
        'Cookie header (any site can then read cookie-authenticated answers) and sends `*` otherwise. Default `()`: no origin. A plain ' +
        'string instead of a list is a substring test.',
    },
    {
      name: 'allow_origin_regex',
      sends:
        'A regex tried with `re.fullmatch` (anchored at both ends since 0.13.1) besides `allow_origins`; a match is echoed. Escape the dots: ' +
        '`https://.*.example.com` also allows `https://evilexample.com`. Default `None`.',
    },
    {
      name: 'allow_credentials',
      sends:
        '`True` sends `Access-Control-Allow-Credentials: true` on every response to a request with an Origin and on preflights, and makes ' +
        "`allow_origins=['*']` echo the origin for requests with cookies. Default `False`.",
    },
    {
      name: 'allow_methods',
      sends:
        '`Access-Control-Allow-Methods` on preflights; a requested method not in the list (compared byte-exact: `patch` ≠ `PATCH`) gets ' +
        "400. `['*']` is expanded to DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT. Default `('GET',)` — POST/PUT/DELETE preflights fail.",
    },
    {
      name: 'allow_headers',
      sends:
        '`Access-Control-Allow-Headers` on preflights: Accept, Accept-Language, Content-Language, Content-Type plus these; a requested ' +
        "header not among them gets 400. `['*']` echoes the requested headers (so `Authorization` is covered). Default `()`.",
    },
    { name: 'expose_headers', sends: '`Access-Control-Expose-Headers` (joined as written) on every response to a request with an Origin. Default `()`.' },
    {
      name: 'max_age',
      sends: '`Access-Control-Max-Age` on every preflight answer. Default `600`; Chromium caps it at 7200 s.',
    },
  ],
};

export default docs;
