/**
 * flask-cors: what each option (keyword argument, resource option or `CORS_*` config key) makes the server
 * send. Read from flask_cors/core.py of flask-cors 3.0.10 (Debian 12's python3-flask-cors).
 */
import type { LibraryDocs } from './types.js';

const origins =
  "`Access-Control-Allow-Origin`. Default `'*'`. A matching request Origin is **echoed** (not `*`, unless `send_wildcard=True`); " +
  'plain strings compare case-insensitively; an entry holding a regex character (`*`, `\\`, `[`, `?`, `^`, `$`, `(`) or a compiled ' +
  'pattern is matched with `re.match`: from the start of the Origin but **not to its end**, so `https://app\\.example\\.com` also ' +
  "matches `https://app.example.com.evil.net` unless it ends in `$`. With `'*'` and `supports_credentials=True` **every Origin is " +
  "echoed with credentials**. No match sends no CORS headers.";
const credentials = '`Access-Control-Allow-Credentials: true` when true. Default off. Together with the default origins `*` it makes flask-cors echo every Origin.';
const methods = '`Access-Control-Allow-Methods` on preflights. Default: every method. A preflight whose requested method is not listed gets no CORS headers.';
const allowHeaders = "`Access-Control-Allow-Headers` on preflights: the requested headers that match these (case-insensitive, regex allowed). Default `'*'`: all requested headers.";
const exposeHeaders = '`Access-Control-Expose-Headers`. Default: none.';
const maxAge = '`Access-Control-Max-Age` on preflights (a `timedelta` becomes seconds). Default: none.';
const sendWildcard = "`True` with origins `'*'`: `*` is sent instead of the echoed Origin. Default `False`. Must not be combined with `supports_credentials` (flask-cors raises at start-up).";
const vary = '`Vary: Origin` when the allowed origin changes per request. Default `True`.';

const docs: LibraryDocs = {
  id: 'flask-cors',
  title: 'flask-cors',
  version: '3.0.10',
  docs: 'https://flask-cors.readthedocs.io/en/latest/api.html',
  options: [
    { name: 'origins', sends: origins },
    { name: 'CORS_ORIGINS', sends: origins },
    { name: 'supports_credentials', sends: credentials },
    { name: 'CORS_SUPPORTS_CREDENTIALS', sends: credentials },
    { name: 'methods', sends: methods },
    { name: 'CORS_METHODS', sends: methods },
    { name: 'allow_headers', sends: allowHeaders },
    { name: 'CORS_ALLOW_HEADERS', sends: allowHeaders },
    { name: 'expose_headers', sends: exposeHeaders },
    { name: 'CORS_EXPOSE_HEADERS', sends: exposeHeaders },
    { name: 'max_age', sends: maxAge },
    { name: 'CORS_MAX_AGE', sends: maxAge },
    { name: 'send_wildcard', sends: sendWildcard },
    { name: 'CORS_SEND_WILDCARD', sends: sendWildcard },
    { name: 'vary_header', sends: vary },
    { name: 'CORS_VARY_HEADER', sends: vary },
    {
      name: 'resources',
      sends: "Which paths get CORS: a regex (or list, or dict of regex → options) matched against the request path. Default `r'/*'`: every path. Options in a resource dict override the keyword arguments for that path.",
    },
    { name: 'CORS_RESOURCES', sends: "Which paths get CORS (see `resources`). Default `r'/*'`." },
    { name: 'automatic_options', sends: 'Default `True`: flask-cors answers `OPTIONS` preflights itself (with Flask\'s automatic OPTIONS). `False`: your view must.' },
    { name: 'CORS_AUTOMATIC_OPTIONS', sends: 'See `automatic_options`. Default `True`.' },
    { name: 'intercept_exceptions', sends: 'Default `True`: CORS headers are added to error responses from exception handlers too.' },
    { name: 'CORS_INTERCEPT_EXCEPTIONS', sends: 'See `intercept_exceptions`. Default `True`.' },
    { name: 'always_send', sends: 'Default `True`: CORS headers are sent even when the request has no `Origin` header.' },
    { name: 'CORS_ALWAYS_SEND', sends: 'See `always_send`. Default `True`.' },
  ],
};

export default docs;
