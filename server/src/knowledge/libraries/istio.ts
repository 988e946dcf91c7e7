/**
 * Istio VirtualService `http[].corsPolicy`. Read from Istio's VirtualService reference (istio.io, networking
 * v1 CorsPolicy, Istio 1.28) and its TranslateCORSPolicy (pilot/pkg/networking/core/route and route_test.go):
 * Istio hands the policy to Envoy's CORS filter (see envoy.ts), which echoes a matching Origin.
 */
import type { LibraryDocs } from './types.js';

const ECHO = 'An Origin that passes is **echoed** in `Access-Control-Allow-Origin` (Envoy never sends `*`), without `Vary: Origin`.';

const docs: LibraryDocs = {
  id: 'istio',
  title: 'Istio VirtualService corsPolicy',
  version: '1.28',
  docs: 'https://istio.io/latest/docs/reference/config/networking/virtual-service/#CorsPolicy',
  options: [
    {
      name: 'allowOrigins',
      sends:
        `String matchers for the allowed origins: \`exact\` (byte for byte), \`prefix\` (weak: \`https://example.com\` also admits ` +
        '`https://example.com.evil.io`), `regex` (RE2, must match the whole Origin). ' + ECHO + ' A matcher that accepts `*` ' +
        '(`exact: "*"`, `regex: ".*"`) lets every site in — with `allowCredentials: true` any site reads credentialed responses.',
    },
    {
      name: 'allowOrigin',
      sends: 'Deprecated list of exact origins (use `allowOrigins`). ' + ECHO + ' `"*"` lets every origin in.',
    },
    {
      name: 'allowCredentials',
      sends: '`true` sends `Access-Control-Allow-Credentials: true` on the preflight answer and on responses to an allowed Origin. Default: not sent.',
    },
    {
      name: 'allowMethods',
      sends: 'Joined with `,` into `Access-Control-Allow-Methods` on the preflight answer, which the proxy sends itself (200). `["*"]` answers with the requested method. Case-sensitive in the browser (`patch` ≠ `PATCH`).',
    },
    {
      name: 'allowHeaders',
      sends: 'Joined with `,` into `Access-Control-Allow-Headers` on the preflight answer. `["*"]` answers with the requested headers.',
    },
    {
      name: 'exposeHeaders',
      sends: 'Joined with `,` into `Access-Control-Expose-Headers` on responses to an allowed Origin.',
    },
    {
      name: 'maxAge',
      sends: 'A duration (`24h`, `600s`) sent in whole seconds as `Access-Control-Max-Age` on the preflight answer. Chromium caps it at 7200 s, Firefox at 86400 s.',
    },
    {
      name: 'unmatchedPreflights',
      sends: '`FORWARD` (default): a preflight from an Origin no matcher allows goes to the backend; `IGNORE`: the proxy answers it 200 without CORS headers.',
    },
  ],
};

export default docs;
