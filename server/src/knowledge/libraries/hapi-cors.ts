/**
 * hapi's built-in CORS (`cors` route option, server-wide under `routes`): what each setting makes the server
 * send. Read from lib/cors.js and lib/config.js of @hapi/hapi 21.4.10 (npm).
 */
import type { LibraryDocs } from './types.js';

const docs: LibraryDocs = {
  id: 'hapi-cors',
  title: 'hapi route option `cors`',
  version: '@hapi/hapi 21.4.10',
  docs: 'https://hapi.dev/api/#-routeoptionscors',
  options: [
    {
      name: 'origin',
      sends:
        "Default `['*']` (also `cors: true`): every Origin matches and **the request Origin itself** is sent in " +
        '`Access-Control-Allow-Origin` — with `credentials: true` any site reads credentialed responses. Other entries are compared ' +
        "exactly (case-sensitive; a trailing slash never matches); entries with `*` are wildcards (`https://*.example.com`). `'*'` with " +
        "other entries throws at start-up. `'ignore'`: `Access-Control-Allow-Origin: *` always, without `Vary`. `Vary: origin` is sent " +
        'otherwise.',
    },
    { name: 'credentials', sends: "`Access-Control-Allow-Credentials: true` when `true`. Default `false`; must stay `false` with `origin: 'ignore'`." },
    {
      name: 'maxAge',
      sends: '`Access-Control-Max-Age` on preflights. Default **86400**, above Chromium\'s cap of 7200 s (Chromium uses 7200).',
    },
    {
      name: 'headers',
      sends:
        '`Access-Control-Allow-Headers` on preflights. Default `Accept, Authorization, Content-Type, If-None-Match`. A preflight asking for ' +
        'any other header gets a 200 without CORS headers (the request fails).',
    },
    { name: 'additionalHeaders', sends: 'Header names appended to `headers` (keeps the defaults).' },
    { name: 'exposedHeaders', sends: '`Access-Control-Expose-Headers`. Default `WWW-Authenticate, Server-Authorization`.' },
    { name: 'additionalExposedHeaders', sends: 'Header names appended to `exposedHeaders`.' },
    { name: 'preflightStatusCode', sends: 'The status of preflight answers: `200` (default) or `204`.' },
  ],
};

export default docs;
