/**
 * vercel.json `headers`: what each field makes Vercel send. Read from Vercel's project-configuration
 * documentation (vercel.com/docs/project-configuration, `headers`; page as of 2026-12). `source` is a
 * path-to-regexp pattern as in next.config `headers()`, and `has` / `missing` take the same conditions. The
 * vercel.json page does not say how two matching rules that set one key combine; the Next.js `headers` page
 * (the same routing on Vercel) says the later one replaces the earlier. cors-lint therefore only combines
 * rules of the same `source` (later key wins) and treats rules of different sources as separate paths.
 * Vercel does not copy the request Origin into a value and does not answer a preflight from this list.
 */
import type { LibraryDocs } from './types.js';

const docs: LibraryDocs = {
  id: 'vercel',
  title: 'vercel.json headers',
  version: '2026.12',
  docs: 'https://vercel.com/docs/project-configuration/vercel-json#headers',
  options: [
    {
      name: 'source',
      sends:
        'The request path pattern (path-to-regexp: `/api/(.*)`, `/fonts/:file`). The rule\'s headers go on every response of a ' +
        'matching path — static files and functions alike, whatever the method. Several rules can match one path: all apply.',
    },
    {
      name: 'headers',
      sends: 'The `{ key, value }` response headers of this rule. A later matching rule that sets the same key replaces the value.',
    },
    {
      name: 'key',
      sends: 'The header name, e.g. `Access-Control-Allow-Origin`. `:param` names of the `source` are filled in from the path.',
    },
    {
      name: 'value',
      sends:
        'The value, sent as written on every matching response: `Access-Control-Allow-Origin` is one fixed origin or `*` (a list ' +
        '`https://a.com, https://b.com` never matches; Vercel cannot echo the request Origin from here). `*` with ' +
        '`Access-Control-Allow-Credentials: true` is refused by browsers.',
    },
    {
      name: 'has',
      sends: 'Conditions (`{ type: header | cookie | host | query, key, value? }`) that must all hold for the rule to apply.',
    },
    {
      name: 'missing',
      sends: 'Conditions (same shape as `has`) that must all be false for the rule to apply.',
    },
  ],
};

export default docs;
