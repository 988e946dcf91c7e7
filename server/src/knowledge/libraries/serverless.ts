/** Serverless Framework CORS settings in serverless.yml. Semantics read from serverless/serverless commit
 *  b9d7ea51 (sf-core 4.41.0 + 5 commits): packages/serverless/lib/plugins/aws/package/compile/events/api-gateway/lib/validate.js
 *  (`getCors`), api-gateway/lib/cors.js and events/http-api.js. */
import type { LibraryDocs } from './types.js';

const PREFLIGHT = ' Only the generated OPTIONS answer (a mock integration) carries it: a `lambda-proxy` function must send its own headers.';

const lib: LibraryDocs = {
  id: 'serverless',
  title: 'Serverless Framework',
  version: '4.41.0 (sf-core, 5 commits later: b9d7ea51)',
  docs: 'https://www.serverless.com/framework/docs/providers/aws/events/apigateway#enabling-cors',
  options: [
    {
      name: 'cors',
      sends:
        '`true` answers the preflight with `Access-Control-Allow-Origin: *`, the default headers (Content-Type, X-Amz-Date, Authorization, X-Api-Key, X-Amz-Security-Token, X-Amz-User-Agent, X-Amzn-Trace-Id) and the event\'s method + OPTIONS; no credentials.' +
        PREFLIGHT,
    },
    { name: 'origin', sends: 'One origin (or `*`, the default) sent as written on the preflight. A comma in it makes it a list like `origins`.' + PREFLIGHT },
    {
      name: 'origins',
      sends:
        'Several origins: the preflight sends the first, and a response template echoes the request Origin when it fully matches an entry (dots literal, one `*` = any characters). Pitfall: `*` in this list echoes **every** origin.' +
        PREFLIGHT,
    },
    { name: 'headers', sends: '`Access-Control-Allow-Headers` of the preflight answer; replaces the default list.' },
    { name: 'allowCredentials', sends: '`true` adds `Access-Control-Allow-Credentials: true` to the preflight answer. Nothing refuses it with `origin: \'*\'` — credentialed requests then fail in the browser.' },
    { name: 'maxAge', sends: '`Access-Control-Max-Age` of the preflight answer (Chromium caps it at 7200 s).' },
    { name: 'methods', sends: 'Added to the event\'s method and OPTIONS in `Access-Control-Allow-Methods`.' },
    { name: 'cacheControl', sends: 'A `Cache-Control` header on the preflight answer.' },
    {
      name: 'httpApi.cors',
      sends: 'CORS of the HTTP API (API Gateway answers preflights and adds the headers itself). `true`: origin `*` and the default headers; an object sets the fields below.',
    },
    { name: 'allowedOrigins', sends: 'The HTTP API\'s AllowOrigins (default `*`); a matching origin is echoed. Not allowed together with `allowCredentials: true` and `*`.' },
    { name: 'allowedHeaders', sends: 'The HTTP API\'s AllowHeaders (default: the list of `cors: true`).' },
    { name: 'allowedMethods', sends: 'The HTTP API\'s AllowMethods (default: the methods of the routes + OPTIONS).' },
    { name: 'exposedResponseHeaders', sends: 'The HTTP API\'s ExposeHeaders: response headers scripts may read.' },
  ],
};

export default lib;
