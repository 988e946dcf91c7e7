/**
 * Traefik's `headers` middleware CORS fields. Read from traefik/traefik at v3.7.9 (pkg/middlewares/headers/
 * header.go, pkg/config/dynamic/middlewares.go), compared with v2.11.53 and with commit f9d79007 ("Fix CORS
 * wildcard when allow-credentials is true", in v3.6.22 and v3.7.6). The same fields are written in the file
 * provider's YAML/TOML, the Kubernetes `Middleware` CRD (`spec.headers`) and docker-compose labels
 * (`traefik.http.middlewares.<name>.headers.<field>`, lower case, lists comma-separated).
 */
import type { LibraryDocs } from './types.js';

const docs: LibraryDocs = {
  id: 'traefik',
  title: 'Traefik headers middleware',
  version: '3.7.9',
  docs: 'https://doc.traefik.io/traefik/middlewares/http/headers/',
  options: [
    {
      name: 'accessControlAllowOriginList',
      sends:
        'The origins allowed to read responses. The request `Origin` is compared **byte for byte** with each entry (a trailing ' +
        'slash, a path or upper case never match) and echoed in `Access-Control-Allow-Origin` when equal; nothing is sent otherwise. ' +
        'An entry `*` lets every origin in: `*` is sent — but with `accessControlAllowCredentials: true` Traefik ≥ 3.6.22 / 3.7.6 ' +
        'echoes the request Origin instead (any site can then read credentialed responses), and older versions (2.x included) send ' +
        '`*` with credentials, which browsers refuse (cors-lint assumes the current behaviour unless the compose file\'s `traefik:` image or a `traefik.containo.us` CRD says older). Set `addVaryHeader: true` when several origins share a cache. Default: empty (no CORS).',
    },
    {
      name: 'accessControlAllowOriginListRegex',
      sends:
        'Go regular expressions (`regexp.MatchString`, **unanchored**) tried after the exact list; a matching Origin is echoed. ' +
        '`https://.*\\.example\\.com` also admits `https://example.com.evil.io` — anchor with `^…$` and escape the dots. ' +
        'An invalid expression makes the middleware fail to build.',
    },
    {
      name: 'accessControlAllowCredentials',
      sends:
        '`true` sends `Access-Control-Allow-Credentials: true` on the preflight answer and on every response. Default `false`. ' +
        'With an origin `*` see `accessControlAllowOriginList`; `*` in allow-methods / allow-headers is then answered with the ' +
        'requested method / headers (3.7.6 on), and `*` in expose-headers is not sent.',
    },
    {
      name: 'accessControlAllowMethods',
      sends:
        'Joined with `,` into `Access-Control-Allow-Methods` on the preflight answer (an OPTIONS request with `Origin` and ' +
        '`Access-Control-Request-Method`), which the middleware sends itself with status 200 — the backend never sees it. ' +
        'Compared by the browser case-sensitively (`patch` ≠ `PATCH`).',
    },
    {
      name: 'accessControlAllowHeaders',
      sends: 'Joined with `,` into `Access-Control-Allow-Headers` on the preflight answer. `*` is a wildcard only without credentials and never covers `Authorization`.',
    },
    {
      name: 'accessControlExposeHeaders',
      sends: 'Joined with `,` into `Access-Control-Expose-Headers` on responses: the response headers scripts may read beyond the safelisted ones.',
    },
    {
      name: 'accessControlMaxAge',
      sends:
        'Seconds, sent as `Access-Control-Max-Age` on the preflight answer when set (v2.11 always sends it, `0` by default). ' +
        'Chromium caps it at 7200, Firefox at 86400.',
    },
    {
      name: 'addVaryHeader',
      sends:
        '`true` adds `Origin` to the response\'s `Vary` header, so caches keep one answer per origin — needed whenever the echoed ' +
        'origin differs between requests. Default `false`.',
    },
    {
      name: 'customResponseHeaders',
      sends:
        'Headers set on the backend\'s responses (`Name: value`; an empty value removes the header). Not on the preflight ' +
        'answer the middleware sends itself, and an origin matched by `accessControlAllowOriginList` replaces a custom ' +
        '`Access-Control-Allow-Origin`. A CORS header written here is sent as written, whatever the request Origin.',
    },
  ],
};

export default docs;
