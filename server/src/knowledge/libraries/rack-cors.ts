/**
 * rack-cors (the `Rack::Cors` middleware of Rails, Sinatra and plain Rack apps): what each `origins` /
 * `resource` option makes the server send. Read from lib/rack/cors.rb, cors/resources.rb and
 * cors/resource.rb of rack-cors 3.0.0 (github cyu/rack-cors, May 2025) and checked against 1.1.1 (Debian 12's
 * ruby-rack-cors), which behaves the same in everything below.
 */
import type { LibraryDocs } from './types.js';

const origins =
  '`Access-Control-Allow-Origin`: a matching request Origin is **echoed**. An entry with a scheme (`https://a.com`) ' +
  'is compared **exactly** (case-sensitive; `https://a.com/` with a slash never matches); an entry without one ' +
  "(`a.com`, `localhost:3000`) matches that host under **any** scheme, `http` included; a `Regexp` is tested with `=~`, " +
  "so an unanchored one (`/example\\.com/`) also passes `https://example.com.evil.net`; `'*.a.com'` is literal and " +
  "matches nothing. `'*'` makes the resources declared after it public: `Access-Control-Allow-Origin: *`. A block " +
  '`origins { |source, env| … }` allows the origin when it returns a truthy value. No match: no CORS headers.';
const resource =
  "`resource '/path/*', …`: the CORS headers for requests whose path matches (`*` any characters, `:name` one segment). " +
  'The first resource of the first `allow` block whose origins match wins. rack-cors adds `Vary: Origin` to every response ' +
  'of a matching path (unless `vary:` names other headers) and answers preflights itself with `200`.';
const credentials =
  '`Access-Control-Allow-Credentials: true` when exactly `true`. Default off. With `origins \'*\'` it **raises** ' +
  '`Rack::Cors::Resource::CorsMisconfigurationError` when the resource is declared (the app does not start).';
const methods =
  '`Access-Control-Allow-Methods` (upper-cased). Default `[:get]` only; `:any` = GET HEAD POST PUT PATCH DELETE OPTIONS. ' +
  "A preflight's method is compared **in lower case**: write symbols or lower-case strings — `'PUT'` never matches, " +
  'so that preflight gets no CORS headers.';
const headers =
  '`Access-Control-Allow-Headers` on preflights: `:any` echoes the requested headers; a list allows a preflight only when ' +
  'every requested header is in it or safelisted (compared in lower case), and then echoes them. Default: only safelisted headers.';
const expose = '`Access-Control-Expose-Headers`. Default: none (an empty header is sent).';
const maxAge = '`Access-Control-Max-Age`. Default **7200** (sent even when not written). Chromium caps it at 7200 s.';
const vary = "The headers added to `Vary` instead of `Origin`. Default `Origin`. Naming others (`vary: 'Accept'`) drops `Vary: Origin`.";
const ifOpt = 'A proc `->(env) { … }`: the resource applies only when it returns a truthy value.';

const docs: LibraryDocs = {
  id: 'rack-cors',
  title: 'rack-cors',
  version: '3.0.0',
  docs: 'https://github.com/cyu/rack-cors#configuration-reference',
  options: [
    { name: 'origins', sends: origins },
    { name: 'resource', sends: resource },
    { name: 'credentials', sends: credentials },
    { name: 'methods', sends: methods },
    { name: 'headers', sends: headers },
    { name: 'expose', sends: expose },
    { name: 'max_age', sends: maxAge },
    { name: 'vary', sends: vary },
    { name: 'if', sends: ifOpt },
  ],
};

export default docs;
