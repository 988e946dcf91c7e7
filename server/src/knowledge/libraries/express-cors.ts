/**
 * The `cors` package (Express, Connect, NestJS on Express): what each option makes the server send. Read from
 * lib/index.js of cors 2.8.5 (npm).
 */
import type { LibraryDocs } from './types.js';

const docs: LibraryDocs = {
  id: 'cors',
  title: 'cors (Express middleware)',
  version: '2.8.5',
  docs: 'https://github.com/expressjs/cors#configuration-options',
  options: [
    {
      name: 'origin',
      sends:
        "`Access-Control-Allow-Origin`. Default `'*'`, sent literally — **also next to `credentials: true`**, which the browser then " +
        'refuses. A string other than `*` is sent verbatim to every requester, with `Vary: Origin`. `true` echoes **the request Origin, ' +
        'whatever it is**. An array or RegExp echoes the request Origin only when it matches (strings compare exactly and case-sensitively; ' +
        "a RegExp is tested as written, so an unanchored `/example\\.com/` also matches `example.com.evil.net`), with `Vary: Origin`. " +
        'A function `(origin, cb)` decides per request: `cb(null, true)` echoes, `cb(null, false)` skips CORS. `false` turns CORS off.',
    },
    {
      name: 'credentials',
      sends: '`Access-Control-Allow-Credentials: true` only when exactly `true` (a truthy string does nothing). Default off.',
    },
    {
      name: 'methods',
      sends: "`Access-Control-Allow-Methods` on preflights (array joined with `,`). Default `GET,HEAD,PUT,PATCH,POST,DELETE`. Method names compare case-sensitively in the browser, except the six safelisted ones.",
    },
    {
      name: 'allowedHeaders',
      sends:
        "`Access-Control-Allow-Headers` on preflights (array joined with `,`). Default: the request's `Access-Control-Request-Headers` " +
        'copied back, with `Vary: Access-Control-Request-Headers` — every header is allowed. `headers` is an alias.',
    },
    { name: 'headers', sends: 'Alias of `allowedHeaders` (used when `allowedHeaders` is not set).' },
    { name: 'exposedHeaders', sends: '`Access-Control-Expose-Headers` on every CORS response (array joined with `,`). Default: none, so scripts read only the safelisted response headers.' },
    {
      name: 'maxAge',
      sends: '`Access-Control-Max-Age` on preflights, when set (a number, `0` included). Default: none (the browser caches a preflight for 5 s). Chromium caps it at 7200 s, Firefox at 86400 s.',
    },
    {
      name: 'preflightContinue',
      sends: 'Default `false`: the middleware answers `OPTIONS` itself. `true`: it sets the headers and passes the preflight on to your routes, which must answer it with a 2xx.',
    },
    { name: 'optionsSuccessStatus', sends: 'The status of the preflight answer. Default `204`; some old browsers need `200`.' },
  ],
};

export default docs;
