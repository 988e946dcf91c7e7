/**
 * Spring Framework CORS (`@CrossOrigin`, `CorsRegistry` / `CorsRegistration`, `CorsConfiguration`): what
 * each option makes the server send. Read from the Spring Framework source, branches 6.2.x and 5.3.x
 * (spring-web CorsConfiguration.java, DefaultCorsProcessor.java, CrossOrigin.java; spring-webmvc
 * CorsRegistration.java, RequestMappingHandlerMapping.java); the same in both unless said. Spring Cloud Gateway's
 * `globalcors` (GlobalCorsProperties: a map of path → plain CorsConfiguration) read in spring-cloud-gateway
 * 4.1.x, 4.3.x and main; Spring Boot's Actuator / GraphQL CORS properties (CorsEndpointProperties,
 * GraphQlCorsProperties) in spring-boot 3.3.x and main.
 */
import type { LibraryDocs, OptionDoc } from './types.js';

const ORIGINS =
  'Origins compared with the request Origin ignoring case, a trailing slash removed on both sides; a match is echoed in ' +
  '`Access-Control-Allow-Origin` (with `Vary: Origin, Access-Control-Request-Method, Access-Control-Request-Headers`). ' +
  '`"*"` sends `*` — and together with `allowCredentials` true Spring throws `IllegalArgumentException` ' +
  '(validateAllowCredentials: at start-up for `@CrossOrigin` and `CorsRegistry`, on every CORS request for a `CorsFilter` / ' +
  '`CorsWebFilter` source), so list the origins or use `allowedOriginPatterns`. A path, a default port or a missing scheme never ' +
  'matches. `"null"` allows `Origin: null` (sandboxed iframes, `data:` pages: anyone). Default: none for a new `CorsConfiguration` ' +
  'and for a Spring Cloud Gateway `globalcors` entry (a plain CorsConfiguration: no defaults, and `*` with `allowCredentials` stops ' +
  'the gateway at start-up); `*` for `@CrossOrigin` and `addMapping` when neither origins nor patterns are given. In ' +
  '`application.properties` / `.yml` a comma-separated string is split into entries. Before 5.3 (5.2.x and older) `*` with ' +
  'credentials echoed the request origin instead of failing (any site could read credentialed answers), and a trailing slash was ' +
  'compared as written.';
const PATTERNS =
  'Origin patterns (since 5.3): `*` in the host (`https://*.example.com`) and port lists (`https://a.com:[8080,8081]`, `[*]`). A ' +
  'match echoes the request origin, never `*`, so they work with credentials. `"*"` alone echoes every origin: with ' +
  '`allowCredentials` true any site can read credentialed answers. Patterns are tried after the exact `allowedOrigins`.';
const METHODS =
  'Methods sent in `Access-Control-Allow-Methods` on preflights. `"*"` answers the requested method (never a literal `*`). Default: ' +
  'GET, HEAD, POST for `addMapping`; for `@CrossOrigin` the methods of the handler\'s mapping, else GET, HEAD, POST; none for a new ' +
  '`CorsConfiguration` (preflights fail until set).';
const HEADERS =
  'Request headers a preflight may ask for, sent back in `Access-Control-Allow-Headers`. `"*"` answers the requested headers ' +
  '(never a literal `*`, so `Authorization` is covered). Default `*` for `addMapping` and `@CrossOrigin`; none for a new `CorsConfiguration`.';
const EXPOSED =
  'Response headers listed in `Access-Control-Expose-Headers`, sent as written: a `"*"` is sent literally and browsers ignore it ' +
  'on credentialed requests. Default: none.';
const CREDENTIALS =
  'Sends `Access-Control-Allow-Credentials: true`; the allowed origin is then always echoed. With `"*"` in the allowed origins Spring ' +
  'refuses it (IllegalArgumentException: at start-up for handler mappings, per request for a CorsFilter source). On `@CrossOrigin` it ' +
  'is a string: `"true"` / `"false"` (any case) or `""` (not set); any other value stops the application at start-up. Default: not sent.';
const MAX_AGE =
  'Seconds a preflight answer may be cached (`Access-Control-Max-Age`). Default 1800 for `addMapping`, `@CrossOrigin` (a negative ' +
  '`maxAge` element means the default) and the Actuator / GraphQL properties (a Duration: `3600s`; a bare number is seconds); none ' +
  'for a new `CorsConfiguration` or a gateway entry. Chromium caps it at 7200.';

const many = (names: string[], sends: string): OptionDoc[] => names.map((name) => ({ name, sends }));

const docs: LibraryDocs = {
  id: 'spring-cors',
  title: 'Spring Framework CORS',
  version: '6.2.x and 5.3.x',
  docs: 'https://docs.spring.io/spring-framework/reference/web/webmvc-cors.html',
  options: [
    ...many(['allowedOrigins', 'setAllowedOrigins', 'addAllowedOrigin', 'origins', 'value'], ORIGINS),
    ...many(['allowedOriginPatterns', 'setAllowedOriginPatterns', 'addAllowedOriginPattern', 'originPatterns'], PATTERNS),
    ...many(['allowedMethods', 'setAllowedMethods', 'addAllowedMethod', 'methods'], METHODS),
    ...many(['allowedHeaders', 'setAllowedHeaders', 'addAllowedHeader'], HEADERS),
    ...many(['exposedHeaders', 'setExposedHeaders', 'addExposedHeader'], EXPOSED),
    ...many(['allowCredentials', 'setAllowCredentials'], CREDENTIALS),
    ...many(['maxAge', 'setMaxAge'], MAX_AGE),
    {
      name: 'applyPermitDefaultValues',
      sends:
        'Fills what is not set yet: origins `*` (unless patterns are set), methods GET, HEAD, POST, headers `*`, max-age 1800. ' +
        '`addMapping` and `@CrossOrigin` apply it themselves; a `CorsConfiguration` built with `new` has none of it.',
    },
  ],
};

export default docs;
