/**
 * github.com/go-chi/cors: a fork of rs/cors 1.7 — the same decisions. Read from cors.go of v1.2.1 (github go-chi/cors).
 */
import type { LibraryDocs } from './types.js';

const docs: LibraryDocs = {
  id: 'go-chi-cors',
  title: 'go-chi/cors',
  version: 'v1.2.1',
  docs: 'https://pkg.go.dev/github.com/go-chi/cors#Options',
  options: [
    {
      name: 'AllowedOrigins',
      sends:
        'An allowed origin is echoed; entries lower-cased, one `*` inside an entry is a wildcard. `"*"` — or no entries and no ' +
        'AllowOriginFunc, the default — sends ACAO `*`, also with AllowCredentials (browsers refuse that pair). `Vary: Origin` always.',
    },
    { name: 'AllowOriginFunc', sends: '`func(r *http.Request, origin string) bool`: decides alone when set; an accepted origin is echoed.' },
    { name: 'AllowCredentials', sends: '`Access-Control-Allow-Credentials: true` on allowed answers. Default false.' },
    { name: 'AllowedMethods', sends: 'Preflights name the requested method when allowed (upper-cased; default GET, POST, HEAD).' },
    { name: 'AllowedHeaders', sends: 'Preflights echo the requested headers when allowed (`*` = all; default Origin, Accept, Content-Type, X-Requested-With).' },
    { name: 'ExposedHeaders', sends: '`Access-Control-Expose-Headers`, canonicalised and joined. Default none.' },
    { name: 'MaxAge', sends: '`Access-Control-Max-Age` in seconds when > 0. Chromium caps it at 7200.' },
    { name: 'OptionsPassthrough', sends: 'Preflights get the headers and go on to the next handler, which must answer 2xx.' },
    { name: 'Debug', sends: 'Logs decisions; sends nothing.' },
  ],
};

export default docs;
