/**
 * Envoy's CORS filter (`envoy.filters.http.cors`) and the route configuration's `cors` policy (virtual host or
 * route). Read from envoyproxy/envoy at commit 001cbf14 (source/extensions/filters/http/cors/cors_filter.cc) and
 * the CorsPolicy reference (api/envoy/config/route/v3, extensions/filters/http/cors/v3). Route-level fields take
 * precedence over the virtual host's, field by field.
 */
import type { LibraryDocs } from './types.js';

const docs: LibraryDocs = {
  id: 'envoy',
  title: 'Envoy CORS filter',
  version: 'commit 001cbf14 (1.36 dev)',
  docs: 'https://www.envoyproxy.io/docs/envoy/latest/configuration/http/http_filters/cors_filter',
  options: [
    {
      name: 'allow_origin_string_match',
      sends:
        'String matchers (`exact`, `prefix`, `suffix`, `contains`, `safe_regex`; `ignore_case`). An Origin that passes one is ' +
        '**echoed** in `Access-Control-Allow-Origin` — Envoy never sends `*` and adds no `Vary: Origin`. A matcher that accepts ' +
        'the string `*` lets every origin in. `prefix` / `suffix` / `contains` are weak checks (`https://a.com` as a prefix admits ' +
        '`https://a.com.evil.io`); `safe_regex` must match the whole Origin.',
    },
    {
      name: 'allow_credentials',
      sends: '`true` sends `Access-Control-Allow-Credentials: true` on the preflight answer and on responses to an allowed Origin.',
    },
    {
      name: 'allow_methods',
      sends: 'Sent as written in `Access-Control-Allow-Methods` on the preflight answer, which the filter sends itself (200); `*` answers with the requested method.',
    },
    {
      name: 'allow_headers',
      sends: 'Sent as written in `Access-Control-Allow-Headers` on the preflight answer; `*` answers with the requested headers.',
    },
    {
      name: 'expose_headers',
      sends: 'Sent as written in `Access-Control-Expose-Headers` on responses to an allowed Origin.',
    },
    {
      name: 'max_age',
      sends: 'Seconds, sent as `Access-Control-Max-Age` on the preflight answer. Chromium caps it at 7200, Firefox at 86400.',
    },
    {
      name: 'forward_not_matching_preflights',
      sends: 'Default `true`: a preflight from an Origin no matcher allows goes to the upstream; `false`: the filter answers it 200 without CORS headers.',
    },
  ],
};

export default docs;
