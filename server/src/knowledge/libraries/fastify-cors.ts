/**
 * @fastify/cors: what each option makes the server send. Read from index.js of @fastify/cors 11.4.3 (npm),
 * the version for Fastify 5.
 */
import type { LibraryDocs } from './types.js';

const docs: LibraryDocs = {
  id: 'fastify-cors',
  title: '@fastify/cors',
  version: '11.4.3',
  docs: 'https://github.com/fastify/fastify-cors#options',
  options: [
    {
      name: 'origin',
      sends:
        "`Access-Control-Allow-Origin`. Default `'*'`. A string is sent verbatim to every requester, `'*'` too — **also next to " +
        "`credentials: true`**, which the browser then refuses. An array holding `'*'` sends `*`. `true` echoes **the request Origin, " +
        'whatever it is**. Other arrays, strings inside arrays and RegExps echo the request Origin when it matches (strings exactly; a ' +
        'RegExp as written, so an unanchored one matches look-alike hosts), with `Vary: Origin`; no match sends no header. A function ' +
        '`(origin, cb)` decides per request. `false` turns CORS off.',
    },
    {
      name: 'credentials',
      sends: '`Access-Control-Allow-Credentials: true` when truthy (any truthy value, not only `true`). Default off.',
    },
    { name: 'methods', sends: "`Access-Control-Allow-Methods` on preflights (array joined with `, `). Default `GET,HEAD,POST`: PUT, PATCH and DELETE need listing." },
    {
      name: 'allowedHeaders',
      sends: "`Access-Control-Allow-Headers` on preflights (array joined with `, `). Default: the request's `Access-Control-Request-Headers` copied back (every header allowed), with `Vary: Access-Control-Request-Headers`.",
    },
    { name: 'exposedHeaders', sends: '`Access-Control-Expose-Headers` on non-preflight responses. Default: none.' },
    { name: 'maxAge', sends: '`Access-Control-Max-Age` on preflights when set. Default: none. Chromium caps it at 7200 s.' },
    { name: 'cacheControl', sends: '`Cache-Control` on preflight answers (a number becomes `max-age=N`). Default: none.' },
    {
      name: 'preflight',
      sends: 'Default `true`: preflights are answered in the hook. `false`: no preflight handling, so `OPTIONS` reaches your routes (404 unless one answers it).',
    },
    { name: 'strictPreflight', sends: 'Default `true`: an `OPTIONS` request without `Origin` or `Access-Control-Request-Method` gets a 400 instead of the CORS headers.' },
    { name: 'preflightContinue', sends: 'Default `false`. `true`: the preflight goes on to your `OPTIONS` route after the headers are set.' },
    { name: 'optionsSuccessStatus', sends: 'The status of the preflight answer. Default `204`.' },
    { name: 'hook', sends: "The Fastify hook that adds the headers: `onRequest` (default), `preParsing`, `preValidation`, `preHandler` or `preSerialization`. A later hook skips requests that fail before it (e.g. in validation), whose errors then carry no CORS headers." },
    { name: 'delegator', sends: 'A function `(req, cb)` giving the options per request.' },
    { name: 'hideOptionsRoute', sends: 'Hides the `OPTIONS *` route from generated docs. Default `true`. Sends nothing.' },
    { name: 'logLevel', sends: 'Log level of the `OPTIONS *` route. Sends nothing.' },
  ],
};

export default docs;
