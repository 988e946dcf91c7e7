/**
 * Hono's CORS middleware (`hono/cors`): what each option makes the server send. Read from
 * dist/middleware/cors/index.js of hono 4.13.19 (npm).
 */
import type { LibraryDocs } from './types.js';

const docs: LibraryDocs = {
  id: 'hono-cors',
  title: 'hono/cors',
  version: '4.13.19',
  docs: 'https://hono.dev/docs/middleware/builtin/cors',
  options: [
    {
      name: 'origin',
      sends:
        "Default `'*'`: `Access-Control-Allow-Origin: *` on every response — **also with `credentials: true`**, which browsers then " +
        'reject. Any other string is compared with the request Origin and echoed only when equal; an array is an allowlist (`includes`, ' +
        "exact: a trailing slash never matches, `'*'` inside it is literal); a function `(origin, c) => …` returns the value to send " +
        "(`(origin) => origin` allows every site). `Vary: Origin` is added whenever this is not `'*'`.",
    },
    { name: 'credentials', sends: '`Access-Control-Allow-Credentials: true` on every response when truthy. Default off.' },
    {
      name: 'allowMethods',
      sends: '`Access-Control-Allow-Methods` on preflights (joined with `,`; may be a function of the origin). Default `GET,HEAD,PUT,POST,DELETE,PATCH,QUERY`.',
    },
    {
      name: 'allowHeaders',
      sends: "`Access-Control-Allow-Headers` on preflights. Default `[]`: the request's `Access-Control-Request-Headers` are copied back (any header allowed).",
    },
    { name: 'exposeHeaders', sends: '`Access-Control-Expose-Headers` on every response when the list is not empty. Default `[]`.' },
    {
      name: 'maxAge',
      sends: '`Access-Control-Max-Age` on preflights whenever set (also `0`). Chromium caps it at 7200 s, Firefox at 86400 s. Preflights are always answered 204 by the middleware.',
    },
  ],
};

export default docs;
