/**
 * netlify.toml `[[headers]]`: what each field makes Netlify send. Read from Netlify's "Custom headers" page
 * (docs.netlify.com/manage/routing/headers, as of 2026-12) and the netlify/build issue #2290 (a key repeated in
 * `[headers.values]` is a TOML error that fails the deploy; several values of one header go in a multi-line
 * string). Netlify applies these headers only to files it serves from its own store: responses of functions,
 * edge functions, server-rendered pages and proxied paths do not get them. Rules in the `_headers` file of the
 * publish folder are processed before those of netlify.toml. Netlify never copies the request Origin into a
 * value and does not answer a preflight from this list.
 */
import type { LibraryDocs } from './types.js';

const docs: LibraryDocs = {
  id: 'netlify',
  title: 'netlify.toml headers',
  version: '2026.12',
  docs: 'https://docs.netlify.com/manage/routing/headers/',
  options: [
    {
      name: 'for',
      sends:
        'The path pattern of this `[[headers]]` rule (`/*`, `/api/*`, `/fonts/:name`). Its `values` go on every response of a ' +
        'matching **static file** Netlify serves — not on functions, edge functions, server-rendered pages or proxied paths ' +
        '(`[[redirects]]` with status 200 to another host): those must send their own CORS headers. Several rules can match one path.',
    },
    {
      name: 'values',
      sends:
        'The response headers of the rule, `Name = "value"`. Sent as written: `Access-Control-Allow-Origin` is one fixed origin or ' +
        '`*` (a list `"https://a.com, https://b.com"` never matches; Netlify cannot echo the request Origin from here), and `*` with ' +
        '`Access-Control-Allow-Credentials = "true"` is refused by browsers. A name written twice is a TOML error that fails the ' +
        'deploy; several values of one header go in a multi-line string (`\'\'\'…\'\'\'`). OPTIONS preflights of a static path get ' +
        'these headers only if Netlify answers them at all (not documented).',
    },
  ],
};

export default docs;
