/**
 * ASP.NET Web API 2 CORS (Microsoft.AspNet.WebApi.Cors 5.2, System.Web.Cors): what the `EnableCors`
 * attribute's arguments make the server send. Read from aspnet/AspNetWebStack main (EnableCorsAttribute.cs,
 * CorsEngine.cs).
 */
import type { LibraryDocs } from './types.js';

const docs: LibraryDocs = {
  id: 'webapi-cors',
  title: 'ASP.NET Web API 2 CORS',
  version: '5.2 (Microsoft.AspNet.WebApi.Cors)',
  docs: 'https://learn.microsoft.com/aspnet/web-api/overview/security/enabling-cross-origin-requests-in-web-api',
  options: [
    {
      name: 'origins',
      sends:
        'Comma-separated origins (each trimmed); a request Origin equal to one of them (case-sensitive) is echoed in ' +
        '`Access-Control-Allow-Origin`. Exactly `"*"` allows every site: it sends `*` — but with `SupportsCredentials = true` it echoes ' +
        'the request Origin instead, so every website can read credentialed responses. `*` among other entries is literal. An entry ' +
        'with a trailing slash, a path or no scheme throws InvalidOperationException when the policy is first used: every CORS request fails.',
    },
    { name: 'headers', sends: "Comma-separated `Access-Control-Allow-Headers` for preflights; `\"*\"` copies the request's `Access-Control-Request-Headers` back." },
    { name: 'methods', sends: "Comma-separated `Access-Control-Allow-Methods` for preflights; `\"*\"` copies the requested method back." },
    { name: 'exposedHeaders', sends: 'Comma-separated `Access-Control-Expose-Headers` on actual responses.' },
    { name: 'SupportsCredentials', sends: '`Access-Control-Allow-Credentials: true`. Default false. With `origins: "*"` the origin is echoed (see `origins`).' },
    { name: 'PreflightMaxAge', sends: '`Access-Control-Max-Age` in seconds on preflights. Default: not sent.' },
  ],
};

export default docs;
