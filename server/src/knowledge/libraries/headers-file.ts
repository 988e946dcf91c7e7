/**
 * The `_headers` file of Netlify and Cloudflare Pages (plain text in the publish folder: `public/`, `static/`,
 * `dist/`). Read from Netlify's "Custom headers" page (docs.netlify.com/manage/routing/headers) and Cloudflare's
 * Pages "Headers" page (developers.cloudflare.com/pages/configuration/headers), both as of 2026-12: a path line,
 * then indented `Name: value` lines; `#` comment lines; `*` splats and `:placeholder`s in the path (Cloudflare
 * fills placeholders into values too). A request matching several rules gets all their headers; a header written
 * twice is sent once with the values joined by `, `. `! Name` (Cloudflare only; Netlify rejects the rule) removes
 * a header another rule added. Both apply these headers to static assets only: not to Netlify functions / edge
 * functions / proxied paths, not to Cloudflare Pages Functions responses.
 */
import type { LibraryDocs } from './types.js';

const docs: LibraryDocs = {
  id: 'headers-file',
  title: '_headers (Netlify, Cloudflare Pages)',
  version: '2026.12',
  docs: 'https://developers.cloudflare.com/pages/configuration/headers/',
  options: [
    {
      name: 'path',
      sends:
        'A rule\'s path pattern (`/api/*`, `/fonts/:name`, `https://site.pages.dev/*`); the indented `Name: value` lines below it ' +
        'go on every **static asset** response of a matching path — not on Netlify functions, edge functions or proxied paths, ' +
        'nor on Cloudflare Pages Functions. A request matching several rules gets the headers of all of them, and a header written ' +
        'twice (in one rule or two) is sent as one header with both values joined by `, ` — for `Access-Control-Allow-Origin` ' +
        'that never matches an origin. The values are sent as written: no echo of the request Origin, so `*` and ' +
        '`Access-Control-Allow-Credentials: true` never work together.',
    },
    {
      name: '!',
      sends:
        'Cloudflare Pages only: `! Name` removes a header that another matching rule added (Netlify does not know this line and ' +
        'rejects the rule).',
    },
  ],
};

export default docs;
