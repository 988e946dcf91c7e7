/**
 * Caddy's `header` directive (Caddyfile) and `header_down` of `reverse_proxy`. Read from Caddy's directive
 * documentation (caddyserver.com/docs/caddyfile/directives/header and …/reverse_proxy, v2.8 pages, as of
 * 2026-12), and run against Debian 12's caddy 2.6.2 (test/browser): operations run in the order of the Caddyfile's
 * directive sorting; `{header.Origin}` / `{http.request.header.Origin}` are replaced by the request's Origin.
 */
import type { LibraryDocs } from './types.js';

const docs: LibraryDocs = {
  id: 'caddy',
  title: 'Caddyfile header',
  version: '2.8',
  docs: 'https://caddyserver.com/docs/caddyfile/directives/header',
  options: [
    {
      name: '+',
      sends:
        '`+Field value` **adds** the header: an earlier value (another `header` line, or the proxied backend\'s own header) stays, ' +
        'so `Access-Control-Allow-Origin` can be sent twice — browsers then reject it. Inside one `header { … }` block all adds ' +
        'run before the sets (caddy 2.6.2: `X b` then `+X a` sends only `X: b`).',
    },
    {
      name: '-',
      sends: '`-Field` deletes the header (also one the backend sent); a delete makes the directive wait until the response is written.',
    },
    {
      name: '?',
      sends: '`?Field value` sets the header only when the response does not have it yet (a default).',
    },
    {
      name: '>',
      sends: '`>Field value` sets the header and defers it to when the response is written, so it replaces the backend\'s value (same as `defer`).',
    },
  ],
};

export default docs;
