/**
 * django-cors-headers settings: what each makes CorsMiddleware send. Read from corsheaders/middleware.py,
 * conf.py, defaults.py and checks.py of 3.14.0 (Debian 12) and 4.9.0 (the current 4.x); differences named.
 */
import type { LibraryDocs } from './types.js';

const ALLOWED =
  'The origin is allowed when `urlsplit()` of it has the scheme and host[:port] of an entry: a path or trailing slash in an entry is ' +
  'ignored when matching, but the system check **corsheaders.E014** refuses it (`manage.py check`, `migrate` and `runserver` stop); ' +
  'an entry without scheme (`app.example.com`) never matches (**E013**); host letter case and an explicit default port (`:443`) must ' +
  'be exactly as the browser sends them. `"null"` in the list allows the opaque origin `null` (sandboxed iframes, `data:` pages — anyone can send it).';

const docs: LibraryDocs = {
  id: 'django-cors-headers',
  title: 'django-cors-headers',
  version: '3.14.0 and 4.9.0',
  docs: 'https://github.com/adamchainz/django-cors-headers#configuration',
  options: [
    {
      name: 'CORS_ALLOWED_ORIGINS',
      sends:
        'Origins that get `Access-Control-Allow-Origin: <their origin>` (echoed; `Vary: Origin` is always added). Default `[]`: no origin. ' + ALLOWED,
    },
    {
      name: 'CORS_ORIGIN_WHITELIST',
      sends: 'The 3.x name of `CORS_ALLOWED_ORIGINS`, still read by 3.14 and 4.x when the new name is not set. ' + ALLOWED,
    },
    {
      name: 'CORS_ALLOWED_ORIGIN_REGEXES',
      sends:
        'Regexes (strings or compiled) tried with `re.match(regex, origin)`: anchored at the start only, so without `$` ' +
        '`r"^https://\\w+\\.example\\.com"` also allows `https://x.example.com.evil.net`. A match echoes the origin. Default `[]`.',
    },
    { name: 'CORS_ORIGIN_REGEX_WHITELIST', sends: 'The 3.x name of `CORS_ALLOWED_ORIGIN_REGEXES` (`re.match`, anchored at the start only); still read in 4.x.' },
    {
      name: 'CORS_ALLOW_ALL_ORIGINS',
      sends:
        '`True`: every origin is allowed. Without credentials `Access-Control-Allow-Origin: *`; with `CORS_ALLOW_CREDENTIALS = True` the ' +
        'request Origin is **echoed** with `Access-Control-Allow-Credentials: true`, so every website can read responses made with the ' +
        "user's cookies. Default `False`. Use `CORS_ALLOWED_ORIGINS` instead.",
    },
    { name: 'CORS_ORIGIN_ALLOW_ALL', sends: 'The 3.x name of `CORS_ALLOW_ALL_ORIGINS` (still read in 4.x): `*`, or the origin echoed when credentials are allowed.' },
    {
      name: 'CORS_ALLOW_CREDENTIALS',
      sends:
        '`True` sends `Access-Control-Allow-Credentials: true` (3.14: on every response to a request with an Origin, allowed or not; 4.3+: ' +
        'only with an allowed origin), and turns `CORS_ALLOW_ALL_ORIGINS` from `*` into echoing the origin. Default `False`.',
    },
    {
      name: 'CORS_ALLOW_METHODS',
      sends:
        '`Access-Control-Allow-Methods` on preflight answers, joined with `, ` as written (`*` is sent literally). Default ' +
        '`DELETE, GET, OPTIONS, PATCH, POST, PUT`.',
    },
    {
      name: 'CORS_ALLOW_HEADERS',
      sends:
        '`Access-Control-Allow-Headers` on preflight answers, joined as written. Default (4.x) `accept, authorization, content-type, ' +
        'user-agent, x-csrftoken, x-requested-with` (3.14 also listed accept-encoding, dnt, origin). Extend with ' +
        '`(*default_headers, "my-header")` from `corsheaders.defaults`.',
    },
    { name: 'CORS_EXPOSE_HEADERS', sends: '`Access-Control-Expose-Headers` (joined) on allowed responses, when not empty. Default `[]`.' },
    {
      name: 'CORS_PREFLIGHT_MAX_AGE',
      sends:
        '`Access-Control-Max-Age` on preflight answers. Default `86400`; Chromium caps it at 7200 s, Firefox at 86400 s. `0` sends no ' +
        'header (the browser then caches 5 s).',
    },
    {
      name: 'CORS_URLS_REGEX',
      sends: 'Only paths that `re.match` this regex get CORS handling (headers and the preflight answer). Default `r"^.*$"`: every path.',
    },
    {
      name: 'CORS_ALLOW_PRIVATE_NETWORK',
      sends:
        '4.0+: `True` answers a request carrying `Access-Control-Request-Private-Network: true` with `Access-Control-Allow-Private-Network: true` ' +
        '(Private Network Access). Default `False`; 3.14 ignores it.',
    },
    {
      name: 'CORS_REPLACE_HTTPS_REFERER',
      sends: 'Before 4.0 only: rewrote the Referer of allowed HTTPS requests for the CSRF check. Removed in 4.0; use `CSRF_TRUSTED_ORIGINS`.',
    },
  ],
};

export default docs;
