/**
 * github.com/gin-contrib/cors: what each Config field makes the server send. Read from config.go, cors.go and
 * utils.go of 1.4.0 (Debian 12's golang-github-gin-contrib-cors-dev) and v1.7.7 (github gin-contrib/cors).
 */
import type { LibraryDocs } from './types.js';

const docs: LibraryDocs = {
  id: 'gin-contrib-cors',
  title: 'gin-contrib/cors',
  version: '1.4.0 and 1.7.7',
  docs: 'https://pkg.go.dev/github.com/gin-contrib/cors#Config',
  options: [
    {
      name: 'AllowAllOrigins',
      sends:
        '`Access-Control-Allow-Origin: *` on every answer — also with `AllowCredentials: true`, which browsers refuse for credentialed ' +
        'requests. Set together with AllowOrigins or an origin func, `cors.New` panics at start-up (Config.Validate). `cors.Default()` sets it.',
    },
    {
      name: 'AllowOrigins',
      sends:
        'An allowed origin is echoed with `Vary: Origin`; any other Origin gets 403. Entries are trimmed and lower-cased. `"*"` means ' +
        'AllowAllOrigins (ACAO `*`). An entry with another `*` is a wildcard only with `AllowWildcard: true` — otherwise it is compared ' +
        'as written and never matches. An entry without `http://` / `https://` (and no `*`) panics at start-up; so does a Config that allows no origin.',
    },
    { name: 'AllowOriginFunc', sends: '`func(origin string) bool`, asked when AllowOrigins does not match; an accepted origin is echoed. A func returning true echoes every site.' },
    { name: 'AllowOriginWithContextFunc', sends: '(1.5+) `func(c *gin.Context, origin string) bool`, asked after the list and AllowOriginFunc; an accepted origin is echoed.' },
    { name: 'AllowCredentials', sends: '`Access-Control-Allow-Credentials: true` on every answer. Default false.' },
    { name: 'AllowMethods', sends: 'Preflight `Access-Control-Allow-Methods`, upper-cased and joined with `,`. DefaultConfig: GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS; a bare `Config{}` sends none.' },
    { name: 'AllowHeaders', sends: 'Preflight `Access-Control-Allow-Headers`, canonicalised and joined; `*` is sent literally (ignored with credentials). DefaultConfig: Origin, Content-Length, Content-Type.' },
    { name: 'ExposeHeaders', sends: '`Access-Control-Expose-Headers`, canonicalised and joined. Default none.' },
    { name: 'MaxAge', sends: 'A `time.Duration`: `Access-Control-Max-Age` in whole seconds when > 0 (`12 * time.Hour` = 43200, above Chromium\'s 7200 cap; a bare number is nanoseconds). DefaultConfig: 12 hours.' },
    { name: 'AllowWildcard', sends: 'Makes one `*` in an AllowOrigins entry a wildcard (`https://*.example.com`, `https://api.*`). Default false.' },
    { name: 'AllowBrowserExtensions', sends: 'Accepts `chrome-extension://` and other extension schemes in AllowOrigins entries (start-up check only).' },
    { name: 'AllowWebSockets', sends: 'Accepts `ws://` / `wss://` entries in AllowOrigins (start-up check only).' },
    { name: 'AllowFiles', sends: 'Accepts `file://` entries in AllowOrigins (start-up check only).' },
    { name: 'CustomSchemas', sends: 'More accepted schemes for AllowOrigins entries (start-up check only).' },
    { name: 'AllowPrivateNetwork', sends: '`Access-Control-Allow-Private-Network: true` on preflights.' },
    { name: 'OptionsResponseStatusCode', sends: '(1.6+) Status of preflight answers; default 204.' },
  ],
};

export default docs;
