/**
 * Echo v4's CORS middleware (middleware.CORSConfig): what each field makes the server send. Read from
 * middleware/cors.go of github labstack/echo at tags v4.15.4 and v4.2.1 (echo v5 changed the config and is not described here).
 */
import type { LibraryDocs } from './types.js';

const docs: LibraryDocs = {
  id: 'echo-cors',
  title: 'Echo CORS middleware',
  version: 'v4.15.4 (and v4.2.1)',
  docs: 'https://echo.labstack.com/docs/middleware/cors',
  options: [
    {
      name: 'AllowOrigins',
      sends:
        'Tried in order: `"*"` sends `Access-Control-Allow-Origin: *` — also with `AllowCredentials: true`, which browsers refuse for ' +
        'credentialed requests. Other entries are compared byte for byte (case-sensitive: an uppercase letter or a trailing slash never ' +
        'matches) or as patterns where `*` is any text and `?` one character. A matching origin is echoed; `Vary: Origin` is always added. ' +
        'Default `["*"]`. Before v4.10.2 (e.g. 4.2.1), `"*"` with `AllowCredentials: true` echoed **every** request Origin instead.',
    },
    { name: 'AllowOriginFunc', sends: '`func(origin string) (bool, error)`: when set it decides alone and an accepted origin is echoed. Returning true for all echoes every site.' },
    { name: 'AllowCredentials', sends: '`Access-Control-Allow-Credentials: true` on allowed answers. Default false. With `"*"` the origin stays `*` unless UnsafeWildcardOriginWithAllowCredentials.' },
    {
      name: 'UnsafeWildcardOriginWithAllowCredentials',
      sends: 'With `AllowOrigins: ["*"]` and credentials, echoes **every** request Origin instead of `*`: any website can read credentialed answers. Default false.',
    },
    { name: 'AllowMethods', sends: 'Preflight `Access-Control-Allow-Methods`, joined as written (no upper-casing). Default GET, HEAD, PUT, PATCH, POST, DELETE (or the router\'s Allow for the path).' },
    { name: 'AllowHeaders', sends: 'Preflight `Access-Control-Allow-Headers`, joined as written (`*` literally). Empty (default): the requested headers are echoed.' },
    { name: 'ExposeHeaders', sends: '`Access-Control-Expose-Headers` on actual answers, joined. Default none.' },
    { name: 'MaxAge', sends: '`Access-Control-Max-Age` in seconds when > 0; a negative value sends 0. Default 0: not sent.' },
    { name: 'Skipper', sends: 'Requests it returns true for get no CORS headers at all.' },
  ],
};

export default docs;
