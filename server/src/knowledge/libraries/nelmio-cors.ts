/** Symfony's NelmioCorsBundle (`nelmio_cors:` YAML). */
import type { LibraryDocs } from './types.js';

const lib: LibraryDocs = {
  id: 'nelmio-cors',
  title: 'NelmioCorsBundle',
  version: '2.6.0',
  docs: 'https://github.com/nelmio/NelmioCorsBundle',
  options: [
    { name: 'defaults', sends: 'Options for every path; an entry of `paths` is merged over them, and a request whose path matches no entry of `paths` gets the defaults alone.' },
    {
      name: 'paths',
      sends:
        'Path-info regexes (unanchored, case-insensitive) → options merged over `defaults`; the first match wins. ' +
        'Pitfall: falsy values under a path (`false`, `0`, `[]`) are dropped, so `allow_credentials: false` there does not undo `true` in `defaults`.',
    },
    {
      name: 'allow_origin',
      sends:
        'Origins that get `Access-Control-Allow-Origin` — always the **echoed request Origin**, never `*`. `[\'*\']` (or `\'*\'`) ' +
        'echoes every Origin: with `allow_credentials: true` any website reads credentialed responses. Without `origin_regex`, ' +
        'entries must equal the Origin exactly (case-sensitive, no trailing slash). Default `[]` (no CORS).',
    },
    {
      name: 'origin_regex',
      sends:
        '`true`: each `allow_origin` entry is a regex, tested as `preg_match(\'{\' . entry . \'}i\', $origin)` — **unanchored** unless ' +
        'the entry has `^…$`, so `https://example\\.com` also matches `https://example.com.evil.net`. Default `false`.',
    },
    { name: 'allow_credentials', sends: '`true` sends `Access-Control-Allow-Credentials: true` on preflights and actual responses. Default `false`.' },
    {
      name: 'allow_methods',
      sends:
        '`Access-Control-Allow-Methods` on preflights, upper-cased. A requested method not in the list gets **405**: the default `[]` ' +
        'and `[\'*\']` (not a wildcard here) fail every non-simple preflight.',
    },
    { name: 'allow_headers', sends: '`Access-Control-Allow-Headers` on preflights; `\'*\'` copies the requested headers back. A requested header not listed gets 400. Default `[]`.' },
    { name: 'expose_headers', sends: '`Access-Control-Expose-Headers` on actual responses (lower-cased). `*` with credentials in `defaults` is refused at container build.' },
    { name: 'max_age', sends: '`Access-Control-Max-Age` on preflights, only when non-zero. Default `0` (not sent: browsers cache 5 s). Chromium caps it at 7200 s.' },
    { name: 'hosts', sends: 'Host regexes: the path entry applies only to requests for a matching host. Default `[]` (any host).' },
    { name: 'forced_allow_origin_value', sends: 'Sets `Access-Control-Allow-Origin` to this fixed value on every response (even without an Origin), overriding the echo. Default none.' },
    { name: 'skip_same_as_origin', sends: '`true` (default): no CORS headers when the Origin equals the request\'s own scheme and host.' },
    { name: 'allow_private_network', sends: '`true` answers `Access-Control-Request-Private-Network` preflights with `Access-Control-Allow-Private-Network: true`; otherwise such preflights get 400.' },
  ],
};

export default lib;
