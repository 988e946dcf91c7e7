/**
 * @koa/cors: what each option makes the server send. Read from index.js of @koa/cors 5.0.0 (npm).
 */
import type { LibraryDocs } from './types.js';

const docs: LibraryDocs = {
  id: 'koa-cors',
  title: '@koa/cors',
  version: '5.0.0',
  docs: 'https://github.com/koajs/cors#readme',
  options: [
    {
      name: 'origin',
      sends:
        '`Access-Control-Allow-Origin`, as given: a string is sent **verbatim to every requester** (it is not compared with the request ' +
        "Origin); a function `(ctx) => …` is awaited and its result sent, a falsy result skipping CORS for that request. Default `'*'`. " +
        "With `credentials` on, `'*'` (and the default) is replaced by **the request Origin itself**: every site can read credentialed " +
        'responses. An array is not supported: Koa sends one header line per element and the browser rejects the joined value. ' +
        'Before 5.0.0 the default was the request Origin.',
    },
    {
      name: 'credentials',
      sends:
        '`Access-Control-Allow-Credentials: true` when truthy (or when a function `(ctx) => …` returns `true`). Default off. Turns an ' +
        "`origin` of `'*'` into echoing the request Origin.",
    },
    { name: 'allowMethods', sends: '`Access-Control-Allow-Methods` on preflights (array joined with `,`). Default `GET,HEAD,PUT,POST,DELETE,PATCH`.' },
    {
      name: 'allowHeaders',
      sends: '`Access-Control-Allow-Headers` on preflights (array joined with `,`). Default: the request\'s `Access-Control-Request-Headers` copied back (any header allowed).',
    },
    { name: 'exposeHeaders', sends: '`Access-Control-Expose-Headers` on non-preflight responses (array joined with `,`). Default: none.' },
    {
      name: 'maxAge',
      sends: '`Access-Control-Max-Age` on preflights, when truthy (`0` sends nothing). Chromium caps it at 7200 s, Firefox at 86400 s.',
    },
    {
      name: 'keepHeadersOnError',
      sends: 'Default `true`: the CORS headers are put on thrown errors too. `false`: Koa\'s error response drops them, so a 4xx/5xx looks like a CORS error in the browser.',
    },
    { name: 'secureContext', sends: '`Cross-Origin-Opener-Policy: same-origin` and `Cross-Origin-Embedder-Policy: require-corp` when true. Default off.' },
    {
      name: 'privateNetworkAccess',
      sends: '`Access-Control-Allow-Private-Network: true` on preflights that carry `Access-Control-Request-Private-Network`. Default off.',
    },
  ],
};

export default docs;
