/**
 * gorilla/handlers CORS options (each an option function passed to `handlers.CORS(...)`): what each makes the
 * server send. Read from cors.go of v1.5.2 (github gorilla/handlers) and 1.5.1 (Debian 12), the same CORS code.
 */
import type { LibraryDocs } from './types.js';

const docs: LibraryDocs = {
  id: 'gorilla-handlers',
  title: 'gorilla/handlers CORS',
  version: 'v1.5.2 and 1.5.1',
  docs: 'https://pkg.go.dev/github.com/gorilla/handlers#CORS',
  options: [
    {
      name: 'AllowedOrigins',
      sends:
        'Origins compared byte for byte (an uppercase letter or a trailing slash never matches); an allowed one is echoed, with ' +
        '`Vary: Origin` only when the list has more than one entry. `"*"` in the list — or no list and no validator, the default — ' +
        'sends `*`, also with AllowCredentials() (browsers refuse that pair).',
    },
    { name: 'AllowedOriginValidator', sends: '`func(string) bool` that decides alone; the origin is echoed **without** `Vary: Origin` (unless the list has several entries).' },
    { name: 'AllowCredentials', sends: '`Access-Control-Allow-Credentials: true` on every allowed answer.' },
    { name: 'AllowedMethods', sends: 'Upper-cased. Preflights answer 405 for another method; `Access-Control-Allow-Methods` is sent only for a non-simple requested method. Default GET, HEAD, POST.' },
    { name: 'AllowedHeaders', sends: 'Added to the defaults Accept, Accept-Language, Content-Language, Origin; a preflight asking for another header gets 403.' },
    { name: 'ExposedHeaders', sends: '`Access-Control-Expose-Headers`, canonicalised and joined with `,`.' },
    { name: 'MaxAge', sends: '`Access-Control-Max-Age` when > 0, **capped at 600** by the library.' },
    { name: 'IgnoreOptions', sends: 'Preflights go on to your handler, which must answer them 2xx with the headers.' },
    { name: 'OptionStatusCode', sends: 'Status of preflight answers; default 200.' },
  ],
};

export default docs;
