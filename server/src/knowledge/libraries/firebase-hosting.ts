/**
 * firebase.json `hosting.headers`: what each field makes Firebase Hosting send. Read from Firebase's "Configure
 * Hosting behavior" page (firebase.google.com/docs/hosting/full-config#headers, as of 2026-12) and the Hosting
 * REST API's `Header` resource (glob / regex / headers). The page says redirects and rewrites take the first
 * match but does not say how headers combine; firebase-tools issue #9467 reports that every matching rule
 * applies and the later one wins for one key. cors-lint combines rules of the same pattern only (later key
 * wins) and treats different patterns as separate paths. `hosting` may be a list of sites, each with its own
 * `headers`. Hosting does not copy the request Origin and does not answer a preflight from this list.
 */
import type { LibraryDocs } from './types.js';

const pattern =
  'The request path pattern the rule applies to; all of this rule\'s headers go on every response of a matching path (static ' +
  'files, also rewritten ones). ';

const docs: LibraryDocs = {
  id: 'firebase-hosting',
  title: 'Firebase Hosting headers',
  version: '2026.12',
  docs: 'https://firebase.google.com/docs/hosting/full-config#headers',
  options: [
    { name: 'source', sends: pattern + 'A glob: `**/*.@(woff|woff2)`, `/api/**`.' },
    { name: 'glob', sends: pattern + 'The same glob syntax as `source`.' },
    { name: 'regex', sends: pattern + 'An RE2 regular expression matched against the path.' },
    {
      name: 'headers',
      sends: 'The `{ key, value }` response headers of this rule. Reported behaviour: a later matching rule that sets the same key wins.',
    },
    { name: 'key', sends: 'The header name, e.g. `Access-Control-Allow-Origin`.' },
    {
      name: 'value',
      sends:
        'The value, sent as written on every matching response: `Access-Control-Allow-Origin` is one fixed origin or `*` (a list ' +
        'never matches; Hosting cannot echo the request Origin). `*` with `Access-Control-Allow-Credentials: true` is refused by browsers.',
    },
  ],
};

export default docs;
