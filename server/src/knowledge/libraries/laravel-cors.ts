/** Laravel's config/cors.php, applied by fruitcake/php-cors (laravel-cors 2.x/3.x, Laravel ≥ 9 HandleCors). */
import type { LibraryDocs, OptionDoc } from './types.js';

const SNAKE: OptionDoc[] = [
  {
    name: 'paths',
    sends:
      'The request paths (Laravel `Request::is()` patterns such as `api/*`) on which the CORS middleware runs at all. ' +
      'Default `[]`: **no route gets CORS headers**, preflights are not answered by the middleware. ' +
      'Pitfall: a route outside `paths` (for example `login` or `sanctum/csrf-cookie`) gets no CORS headers.',
  },
  {
    name: 'allowed_origins',
    sends:
      'Which origins get `Access-Control-Allow-Origin`. `[\'*\']` sends `*` — but with `supports_credentials` ' +
      '**echoes every request Origin**, so any website can read credentialed responses. One origin and no ' +
      'patterns: that origin is sent as it is on every response. Several: the Origin is echoed when it equals an ' +
      'entry exactly (case-sensitive, no trailing slash) and `Vary: Origin` is added. An entry with `*` ' +
      '(`https://*.example.com`) becomes an anchored pattern. Default `[]`.',
  },
  {
    name: 'allowed_origins_patterns',
    sends:
      'PHP `preg_match` patterns with their delimiters (`#^https://[a-z]+\\.example\\.com$#`); a matching Origin is ' +
      'echoed. Pitfall: an unanchored pattern (`/example\\.com/`) also matches `https://example.com.evil.net`. Default `[]`.',
  },
  {
    name: 'allowed_methods',
    sends:
      '`Access-Control-Allow-Methods` on preflights: `[\'*\']` copies the requested method back; a list is sent ' +
      'upper-cased and comma-joined. Default `[]` (an empty header: only simple methods work).',
  },
  {
    name: 'allowed_headers',
    sends:
      '`Access-Control-Allow-Headers` on preflights: `[\'*\']` copies `Access-Control-Request-Headers` back (works with ' +
      'credentials, covers `Authorization`); a list is sent lower-cased. Default `[]`.',
  },
  {
    name: 'exposed_headers',
    sends:
      '`Access-Control-Expose-Headers` on actual responses, as written. `*` is sent literally: with credentials the ' +
      'browser reads it as a header named `*`. Default `[]` (header not sent).',
  },
  {
    name: 'max_age',
    sends:
      '`Access-Control-Max-Age` on preflights. Default `0` is sent as `0` (the browser does not cache the preflight); ' +
      '`null` omits the header. Chromium caps it at 7200 s.',
  },
  {
    name: 'supports_credentials',
    sends:
      '`true` sends `Access-Control-Allow-Credentials: true` (cookies, HTTP auth). With `allowed_origins => [\'*\']` ' +
      'this turns the wildcard into echoing every Origin. Default `false`.',
  },
];

const CAMEL: Record<string, string> = {
  allowedOrigins: 'allowed_origins',
  allowedOriginsPatterns: 'allowed_origins_patterns',
  allowedMethods: 'allowed_methods',
  allowedHeaders: 'allowed_headers',
  exposedHeaders: 'exposed_headers',
  maxAge: 'max_age',
  supportsCredentials: 'supports_credentials',
};

const lib: LibraryDocs = {
  id: 'laravel-cors',
  title: 'Laravel CORS (fruitcake/php-cors)',
  version: 'php-cors 1.4.0 / laravel-cors 3.0.0',
  docs: 'https://github.com/fruitcake/php-cors',
  options: [
    ...SNAKE,
    ...Object.entries(CAMEL).map(([camel, snake]) => ({
      name: camel,
      sends: `barryvdh/laravel-cors ≤ 1.x name of \`${snake}\` (php-cors still reads it, and prefers it when both are set). ` + SNAKE.find((o) => o.name === snake)!.sends,
    })),
  ],
};

export default lib;
