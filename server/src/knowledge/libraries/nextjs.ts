/**
 * Next.js `headers()` in next.config.js: what each field makes the server send. Read from
 * packages/next/src/server/lib/router-utils/resolve-routes.ts of next 16.0.2-canary.0 (vercel/next.js at 768f684)
 * and of a 13.x commit (020c00e): the header loop is the same in both, so the 14.x and 15.x that users run
 * (between them) are taken to behave alike. Every entry whose `source` (and `has` / `missing`) matches the
 * request applies, in order, before middleware and the page or route handler; a later entry's header replaces
 * an earlier one of the same key (`resHeaders[key] = value`; only Set-Cookie collects).
 */
import type { LibraryDocs } from './types.js';

const docs: LibraryDocs = {
  id: 'nextjs',
  title: 'Next.js headers()',
  version: '16.0',
  docs: 'https://nextjs.org/docs/app/api-reference/config/next-config-js/headers',
  options: [
    {
      name: 'source',
      sends:
        'The request path pattern (path-to-regexp: `/api/:path*`, `/blog/:slug`). The entry\'s headers go on **every** response of a ' +
        'matching path, whatever the method (they are set before middleware and the page or route handler run). Several entries ' +
        'can match one path: all apply, in order.',
    },
    {
      name: 'headers',
      sends:
        'The list of `{ key, value }` response headers this entry sends. When two matching entries set the same key, the later one ' +
        'wins (it replaces the value, it does not add a second line).',
    },
    {
      name: 'key',
      sends:
        'The header name, e.g. `Access-Control-Allow-Origin`. `:param` names of the `source` are filled in from the path. ' +
        'Only `Set-Cookie` collects several values; every other key is replaced by a later entry.',
    },
    {
      name: 'value',
      sends:
        'The header value, sent as written to every matching request: `Access-Control-Allow-Origin` here is one fixed origin or `*` ' +
        '(a list `https://a.com, https://b.com` never matches; the request Origin cannot be echoed from here — use middleware for an ' +
        'allowlist). `*` with `Access-Control-Allow-Credentials: true` is refused by browsers. `:param` names of the `source` are ' +
        'filled in from the path.',
    },
    {
      name: 'has',
      sends:
        'Conditions (`{ type: header | cookie | host | query, key, value? }`) that must all hold for the entry to apply. With ' +
        '`{ type: \'header\', key: \'origin\', value: … }` only requests from matching origins get the headers — the value is a regex ' +
        'matched against the whole header, so escape dots.',
    },
    {
      name: 'missing',
      sends: 'Conditions (same shape as `has`) that must all be false for the entry to apply.',
    },
  ],
};

export default docs;
