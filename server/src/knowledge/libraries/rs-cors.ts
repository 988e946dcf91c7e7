/**
 * github.com/rs/cors: what each Options field makes the server send. Read from cors.go of 1.7.0 (Debian 12's
 * golang-github-rs-cors-dev) and v1.11.1 (github rs/cors); differences are named.
 */
import type { LibraryDocs } from './types.js';

const docs: LibraryDocs = {
  id: 'rs-cors',
  title: 'rs/cors',
  version: '1.7.0 and 1.11.1',
  docs: 'https://pkg.go.dev/github.com/rs/cors#Options',
  options: [
    {
      name: 'AllowedOrigins',
      sends:
        'An allowed origin is echoed in `Access-Control-Allow-Origin`; others get no CORS headers. Compared after lower-casing both ' +
        'sides; one `*` inside an entry is a wildcard (`https://*.example.com`). `"*"` in the list — or an empty list with no origin ' +
        'func, the default — allows every origin with ACAO `*`, and with `AllowCredentials: true` it still sends `*` beside ' +
        '`Access-Control-Allow-Credentials: true`: browsers refuse that for credentialed requests. `Vary: Origin` is always added.',
    },
    {
      name: 'AllowOriginFunc',
      sends:
        '`func(origin string) bool`: when set it decides alone (AllowedOrigins is ignored) and an accepted origin is echoed. A func ' +
        'that returns true for every origin echoes any site — with credentials, any site reads authenticated answers.',
    },
    {
      name: 'AllowOriginRequestFunc',
      sends: '`func(r *http.Request, origin string) bool`: like AllowOriginFunc, with the request; deprecated in 1.11 for AllowOriginVaryRequestFunc. Decides before AllowOriginFunc.',
    },
    {
      name: 'AllowOriginVaryRequestFunc',
      sends: '(1.11) `func(r, origin) (bool, []string)`: decides first; the returned header names are added to `Vary`.',
    },
    {
      name: 'AllowCredentials',
      sends: '`Access-Control-Allow-Credentials: true` on allowed answers. Default false. With `*` / no AllowedOrigins the origin stays `*` (not echoed): browsers refuse it.',
    },
    {
      name: 'AllowedMethods',
      sends:
        'Preflight answers name the requested method when it is in the list (default GET, POST, HEAD). 1.7 upper-cases the entries; ' +
        '1.11 compares them as written (`patch` never allows `PATCH`). Simple requests with another method get no CORS headers.',
    },
    {
      name: 'AllowedHeaders',
      sends: 'Preflight answers echo the requested headers when all are allowed (`*` = any). Default Accept, Content-Type, X-Requested-With (1.7 adds Origin). Not expanded into a literal `*`.',
    },
    { name: 'ExposedHeaders', sends: '`Access-Control-Expose-Headers` with the names canonicalised and joined; `*` is sent literally (ignored by browsers on credentialed requests). Default none.' },
    { name: 'MaxAge', sends: '`Access-Control-Max-Age` in seconds when > 0 (default 0: not sent; 1.11 sends 0 for a negative value). Chromium caps it at 7200.' },
    { name: 'OptionsPassthrough', sends: 'Preflights get the CORS headers and then go on to the next handler, which must answer them 2xx (a 404/405 fails the preflight). Default false: answered by the middleware.' },
    { name: 'OptionsSuccessStatus', sends: '(1.11) The status of a preflight answer; default 204 (1.7 answers 200).' },
    { name: 'AllowPrivateNetwork', sends: '(1.11) `Access-Control-Allow-Private-Network: true` on preflights that ask for it.' },
    { name: 'Debug', sends: 'Logs every CORS decision to stdout; sends nothing.' },
    { name: 'Logger', sends: '(1.11) Where Debug logs go; sends nothing.' },
  ],
};

export default docs;
