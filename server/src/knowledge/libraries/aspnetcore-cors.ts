/**
 * ASP.NET Core's CORS middleware (Microsoft.AspNetCore.Cors): what each CorsPolicyBuilder method and CORS
 * attribute makes the server send. Read from dotnet/aspnetcore main, src/Middleware/CORS/src/Infrastructure
 * (CorsPolicyBuilder.cs, CorsPolicy.cs, CorsService.cs) — the code shipped in ASP.NET Core 8.0 / 9.0.
 */
import type { LibraryDocs } from './types.js';

const docs: LibraryDocs = {
  id: 'aspnetcore-cors',
  title: 'ASP.NET Core CORS',
  version: '8.0 / 9.0 (dotnet/aspnetcore src/Middleware/CORS)',
  docs: 'https://learn.microsoft.com/aspnet/core/security/cors',
  options: [
    {
      name: 'WithOrigins',
      sends:
        'Echoes the request `Origin` in `Access-Control-Allow-Origin` when it equals one of these entries (ordinal comparison). Each ' +
        'entry is lower-cased when added, nothing else: a trailing slash, a path or an explicit default port (`:443`) stay, and such an ' +
        'entry never matches. `WithOrigins("*")` alone is the same as `AllowAnyOrigin()`; `*` among other entries is literal. ' +
        '`https://*.example.com` entries match subdomains only with `SetIsOriginAllowedToAllowWildcardSubdomains()`.',
    },
    {
      name: 'AllowAnyOrigin',
      sends:
        '`Access-Control-Allow-Origin: *` on every CORS response. Together with `AllowCredentials()` the policy is refused: `Build()` ' +
        'throws InvalidOperationException, so the app fails when the policy is built (at start-up or at the first request).',
    },
    {
      name: 'SetIsOriginAllowed',
      sends:
        'Replaces the allowlist comparison with your function; an origin it accepts is echoed in `Access-Control-Allow-Origin` (with ' +
        '`Vary: Origin`). `SetIsOriginAllowed(_ => true)` trusts every site — with `AllowCredentials()` any website can read ' +
        'credentialed responses.',
    },
    {
      name: 'SetIsOriginAllowedToAllowWildcardSubdomains',
      sends: 'Lets `WithOrigins` entries like `https://*.example.com` accept any subdomain of that host (the origin itself is echoed).',
    },
    { name: 'AllowCredentials', sends: '`Access-Control-Allow-Credentials: true` on every CORS response. Default: not sent. Refused with `AllowAnyOrigin()`.' },
    { name: 'DisallowCredentials', sends: 'Stops sending `Access-Control-Allow-Credentials` (the default).' },
    { name: 'WithMethods', sends: '`Access-Control-Allow-Methods` on preflights, as listed. `WithMethods("*")` is `AllowAnyMethod()`.' },
    { name: 'AllowAnyMethod', sends: "Preflights are answered with the request's `Access-Control-Request-Method` copied into `Access-Control-Allow-Methods`." },
    { name: 'WithHeaders', sends: '`Access-Control-Allow-Headers` on preflights, as listed. `WithHeaders("*")` is `AllowAnyHeader()`.' },
    {
      name: 'AllowAnyHeader',
      sends: "Preflights are answered with the request's `Access-Control-Request-Headers` copied into `Access-Control-Allow-Headers` (so `Authorization` too).",
    },
    {
      name: 'WithExposedHeaders',
      sends: '`Access-Control-Expose-Headers` on actual (non-preflight) responses. `*` is sent literally: with credentials browsers read it as a header named `*`.',
    },
    {
      name: 'SetPreflightMaxAge',
      sends: '`Access-Control-Max-Age` (whole seconds of the TimeSpan) on preflights. Default: not sent (browsers cache 5 s). Chromium caps at 7200 s.',
    },
    { name: 'AddCors', sends: 'Registers the CORS services and the named / default policies. Nothing is sent until `UseCors`, `[EnableCors]` or `RequireCors` applies a policy.' },
    { name: 'AddPolicy', sends: 'Defines a named policy, applied by `app.UseCors("name")`, `[EnableCors("name")]` or `.RequireCors("name")`.' },
    { name: 'AddDefaultPolicy', sends: 'Defines the policy that `app.UseCors()` and `[EnableCors]` without a name apply.' },
    {
      name: 'UseCors',
      sends:
        'Adds the CORS middleware. It answers preflights itself (204 with the CORS headers) and adds the headers to other responses. ' +
        'Call it after `UseRouting` and before `UseAuthentication` / `UseAuthorization` and the endpoints (the documented order).',
    },
    {
      name: 'RequireCors',
      sends:
        'Applies the named policy to this endpoint. The CORS middleware must run before the endpoint (`UseCors()` after `UseRouting`): ' +
        'when it did not, EndpointMiddleware throws InvalidOperationException for an endpoint with CORS metadata.',
    },
    {
      name: 'EnableCors',
      sends:
        'Applies the named (or the default) policy to this controller or action, over the policy of `UseCors()`. Without the CORS ' +
        'middleware before the endpoint, requests to it throw InvalidOperationException (EndpointMiddleware).',
    },
    { name: 'DisableCors', sends: 'No CORS headers for this controller or action, and preflights to it are not answered with them.' },
  ],
};

export default docs;
