/**
 * Hover documentation for the headers of the CORS protocol: what the browser does with each one, its
 * syntax, and the misunderstandings people act on. Written against the WHATWG Fetch Standard; the two
 * Private Network Access headers come from a WICG draft that only Chromium implemented.
 * Pure data: no imports.
 */

export interface HeaderDoc {
  /** Canonical spelling. */
  name: string;
  /** Who sends it: the browser (`request`) or the server (`response`). */
  kind: 'request' | 'response';
  /** One sentence, plain text (for completion details and short hovers). */
  summary: string;
  /** The hover body (Markdown), without the title line. */
  markdown: string;
  /** The defining section of the specification (the Fetch Standard, except where noted). */
  spec: string;
  /** MDN's page for the header, or the vendor's explainer where MDN has none. */
  mdn: string;
}

const FETCH = 'https://fetch.spec.whatwg.org/';
const MDN = 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Reference/Headers/';
const PNA_SPEC = 'https://wicg.github.io/private-network-access/';
const PNA_EXPLAINER = 'https://developer.chrome.com/blog/private-network-access-preflight';

const md = (...lines: string[]) => lines.join('\n');

export const HEADER_DOCS: readonly HeaderDoc[] = [
  {
    name: 'Origin',
    kind: 'request',
    summary: 'Set by the browser: the origin (scheme://host[:port]) of the page that made the request.',
    markdown: md(
      'Request header written by the browser; page scripts cannot set or change it.',
      '',
      'Sent on every CORS request (cross-origin `fetch`/XHR, `GET` included) and on every request whose method is neither `GET` nor `HEAD`, same-origin ones too.',
      '',
      'Value: `scheme://host[:port]` in lowercase, without path, trailing slash or default port — or `null` for opaque origins (sandboxed iframes, `data:` documents, some `file:` pages, requests after a cross-origin redirect).',
      '',
      "A response is readable only if its `Access-Control-Allow-Origin` repeats this value byte for byte, or is `*` (without credentials).",
      '',
      '- It is not authentication: curl, servers and scripts outside a browser can send any `Origin`. CORS protects browser users, not your API.',
      '- Anyone can produce `Origin: null`, so trusting `null` trusts every site.',
      '- Adding `Origin` to a request in client code does nothing; the browser drops it.',
    ),
    spec: `${FETCH}#origin-header`,
    mdn: `${MDN}Origin`,
  },
  {
    name: 'Access-Control-Request-Method',
    kind: 'request',
    summary: 'Set by the browser on a CORS preflight (OPTIONS): the method the real request will use.',
    markdown: md(
      'Preflight request header, written by the browser on the `OPTIONS` request it sends before a non-simple CORS request.',
      '',
      'Value: one method, e.g. `PUT`. `fetch()` and XHR uppercase only `DELETE`, `GET`, `HEAD`, `OPTIONS`, `POST` and `PUT`; any other method travels exactly as written (`patch` stays `patch`).',
      '',
      'The preflight succeeds only if the answer is 2xx, passes the `Access-Control-Allow-Origin` check, and lists this method in `Access-Control-Allow-Methods` (byte-exact) — `GET`, `HEAD` and `POST` need no listing.',
      '',
      '- The preflight carries no cookies or credentials: an authentication layer that rejects it blocks the real request.',
      '- Client code cannot set it; only the browser sends it.',
    ),
    spec: `${FETCH}#http-access-control-request-method`,
    mdn: `${MDN}Access-Control-Request-Method`,
  },
  {
    name: 'Access-Control-Request-Headers',
    kind: 'request',
    summary: 'Set by the browser on a CORS preflight: the non-safelisted headers the real request will carry.',
    markdown: md(
      'Preflight request header, written by the browser: the request headers of the real request that are not CORS-safelisted.',
      '',
      'Value: lowercase names, sorted, joined by `,` without spaces, e.g. `authorization,content-type,x-api-key`.',
      '',
      'Every name must appear (case-insensitively) in the answer\'s `Access-Control-Allow-Headers`, or the real request is not sent.',
      '',
      'Safelisted, and so never listed here: `Accept`, `Accept-Language`, `Content-Language`, `Content-Type` with `application/x-www-form-urlencoded`, `multipart/form-data` or `text/plain`, and a single-range `Range` — each with a value of at most 128 bytes.',
      'So `Content-Type: application/json`, `Authorization` and any custom header make the request preflighted.',
    ),
    spec: `${FETCH}#http-access-control-request-headers`,
    mdn: `${MDN}Access-Control-Request-Headers`,
  },
  {
    name: 'Access-Control-Request-Private-Network',
    kind: 'request',
    summary: 'Chromium only (Private Network Access draft): marks a preflight for a request into a more private network.',
    markdown: md(
      'Preflight request header from the WICG **Private Network Access** draft — not part of the Fetch Standard; only Chromium sent it.',
      '',
      'Chrome adds `Access-Control-Request-Private-Network: true` to the preflight when a page reaches a more private address space (public site → private IP or `localhost`, intranet → `localhost`). The server opts in by answering `Access-Control-Allow-Private-Network: true` along with the usual CORS headers.',
      '',
      'Status: Chrome mostly only warned when these preflights failed, put enforcement on hold in October 2024, and is replacing the mechanism with **Local Network Access**, a user permission prompt. Other browsers never implemented it.',
    ),
    spec: PNA_SPEC,
    mdn: PNA_EXPLAINER,
  },
  {
    name: 'Access-Control-Allow-Origin',
    kind: 'response',
    summary: 'Sent by the server whose response is being read: the one origin (or *) whose scripts may read it.',
    markdown: md(
      'Response header of the server being **read** (site B, the API). It names which origin\'s scripts may read this response.',
      '',
      'The browser compares it with the request\'s `Origin`: it must be byte-for-byte equal (`scheme://host[:port]`, lowercase, no path, no trailing slash, no default port), or `*` for a request without credentials.',
      'Syntax: one origin | `null` | `*`. A list, a pattern such as `https://*.example.com`, or the header sent twice (read as `a, b`) never matches. For several origins, compare the request\'s `Origin` with an allowlist, echo it when it matches, and send `Vary: Origin`.',
      '',
      '- It does not let your page call other sites: it belongs on the API\'s response, and it gives no script permission to send anything anywhere.',
      '- A CORS error hides the response from the script, not the request from the server: a simple request (`GET`/`HEAD`/`POST` with safelisted headers) has already run there.',
      '- `null` denies no one: sandboxed iframes and `data:` documents send `Origin: null` and match it. To deny, omit the header.',
      '- `*` never works with credentials (`credentials: \'include\'`, `withCredentials`): echo the exact origin and send `Access-Control-Allow-Credentials: true`.',
    ),
    spec: `${FETCH}#http-access-control-allow-origin`,
    mdn: `${MDN}Access-Control-Allow-Origin`,
  },
  {
    name: 'Access-Control-Allow-Credentials',
    kind: 'response',
    summary: 'Lets scripts read the response to a request made with credentials; the only valid value is `true`.',
    markdown: md(
      'Response header: lets a script read the response to a request made **with credentials** (`fetch(url, { credentials: \'include\' })`, `xhr.withCredentials = true`; credentials are cookies, HTTP authentication and TLS client certificates).',
      '',
      'Syntax: exactly `true`, lowercase. Anything else — `True`, `1`, `yes`, `false` — counts as absent; to refuse credentials, omit the header instead of sending `false`.',
      '',
      'It counts only next to an `Access-Control-Allow-Origin` that names the exact origin — never with `*`. A preflighted credentialed request needs it on the preflight response as well (the preflight itself carries no credentials).',
      '',
      '- It does not make the browser send cookies: the client\'s credentials mode and the cookies\' `SameSite` attribute decide that.',
      '- Without it, a credentialed simple request still reaches the server with its cookies and runs there; only the script is refused the response.',
    ),
    spec: `${FETCH}#http-access-control-allow-credentials`,
    mdn: `${MDN}Access-Control-Allow-Credentials`,
  },
  {
    name: 'Access-Control-Allow-Methods',
    kind: 'response',
    summary: 'Preflight response header: the methods the real request may use.',
    markdown: md(
      'Response header read on the **preflight** (`OPTIONS`) answer: the methods the real request may use. On other responses it has no effect.',
      '',
      'Syntax: comma-separated methods, e.g. `GET, POST, PUT, DELETE`.',
      'Compared byte-exact with the request\'s method. Only `DELETE`, `GET`, `HEAD`, `OPTIONS`, `POST` and `PUT` are uppercased by the browser, so `patch` here does not allow `PATCH` (write `PATCH`).',
      '',
      '`GET`, `HEAD` and `POST` are always allowed and need not be listed.',
      '`*` means every method only for requests without credentials; with credentials it is a method literally named `*`.',
      '',
      'The `Allow` header plays no part in CORS.',
    ),
    spec: `${FETCH}#http-access-control-allow-methods`,
    mdn: `${MDN}Access-Control-Allow-Methods`,
  },
  {
    name: 'Access-Control-Allow-Headers',
    kind: 'response',
    summary: 'Preflight response header: the request headers the real request may carry.',
    markdown: md(
      'Response header read on the **preflight** answer: the request headers the real request may carry. It must cover every name in the preflight\'s `Access-Control-Request-Headers`.',
      '',
      'Syntax: comma-separated header names, compared case-insensitively, e.g. `Content-Type, Authorization`.',
      '',
      'Safelisted headers need no listing: `Accept`, `Accept-Language`, `Content-Language`, `Content-Type` (only `application/x-www-form-urlencoded`, `multipart/form-data`, `text/plain`) and a single-range `Range`, each at most 128 bytes. `Content-Type: application/json` is not safelisted: list `Content-Type`.',
      '',
      '- `*` allows every header only for requests without credentials; with credentials it is a header literally named `*`.',
      '- `*` never covers `Authorization`: name it explicitly. (Chromium still lets it through, with a deprecation warning; the standard and other engines do not.)',
    ),
    spec: `${FETCH}#http-access-control-allow-headers`,
    mdn: `${MDN}Access-Control-Allow-Headers`,
  },
  {
    name: 'Access-Control-Expose-Headers',
    kind: 'response',
    summary: 'Actual-response header: which response headers scripts may read.',
    markdown: md(
      'Response header on the real (non-preflight) response: which response headers a script may read through `response.headers` or `getResponseHeader()`.',
      '',
      'Syntax: comma-separated header names, e.g. `X-Total-Count, ETag`.',
      '',
      'Readable without it: `Cache-Control`, `Content-Language`, `Content-Length`, `Content-Type`, `Expires`, `Last-Modified`, `Pragma`. `Set-Cookie` is never exposed.',
      '`*` exposes every header only for requests without credentials; with credentials it is a header literally named `*`.',
      '',
      '- It does not decide which headers the client may *send*: that is `Access-Control-Allow-Headers`.',
      '- Unexposed headers still arrive (devtools shows them); only the script cannot read them.',
    ),
    spec: `${FETCH}#http-access-control-expose-headers`,
    mdn: `${MDN}Access-Control-Expose-Headers`,
  },
  {
    name: 'Access-Control-Max-Age',
    kind: 'response',
    summary: 'Preflight response header: seconds the browser may cache the preflight result (default 5).',
    markdown: md(
      'Response header read on the **preflight** answer: how many seconds the browser may reuse it (the allowed methods and headers) for the same URL and origin instead of sending a new preflight.',
      '',
      'Syntax: a whole number of seconds, e.g. `600`. Absent or invalid: 5 seconds.',
      '',
      'Browsers cap it: Chromium at 7200 s (2 hours), Firefox at 86400 s (24 hours). Larger values are silently lowered.',
      '',
      '- It caches only the preflight result, not the response (that is `Cache-Control`).',
      '- A long value delays the effect of tightening the policy: browsers keep the old answer until it expires.',
    ),
    spec: `${FETCH}#http-access-control-max-age`,
    mdn: `${MDN}Access-Control-Max-Age`,
  },
  {
    name: 'Access-Control-Allow-Private-Network',
    kind: 'response',
    summary: 'Chromium only (Private Network Access draft): lets a more public page reach this private-network server.',
    markdown: md(
      'Preflight response header from the WICG **Private Network Access** draft — not part of the Fetch Standard; only Chromium read it.',
      '',
      'Answering `true` to a preflight that carries `Access-Control-Request-Private-Network: true` lets a page from a more public network (a public site, or an intranet page calling `localhost`) reach this server. Only `true` counts.',
      'It comes in addition to the ordinary CORS headers on the same preflight, not instead of them.',
      '',
      'Status: Chrome mostly only warned when it was missing, put enforcement on hold in October 2024, and is moving to **Local Network Access**, a user permission prompt. Other browsers never implemented it.',
    ),
    spec: PNA_SPEC,
    mdn: PNA_EXPLAINER,
  },
  {
    name: 'Vary',
    kind: 'response',
    summary: 'Tells caches which request headers the response depends on; needs `Origin` when ACAO is chosen per request.',
    markdown: md(
      'Response header telling caches (the browser\'s, CDNs, proxies) which request headers the response depends on.',
      '',
      'For CORS: when `Access-Control-Allow-Origin` is chosen per request (an allowed `Origin` echoed, or the header sent only to some origins), send `Vary: Origin` on **every** response of that resource — including those without the header. Otherwise a cache can hand one origin the answer computed for another: spurious CORS errors, or one origin\'s permission shown to another.',
      '',
      'When the header is `*` or one fixed origin, send it on every response and no `Vary` is needed.',
      '',
      'Syntax: comma-separated header names, e.g. `Origin, Accept-Encoding`. Add `Origin` to an existing value rather than replacing it.',
    ),
    spec: `${FETCH}#cors-protocol-and-http-caches`,
    mdn: `${MDN}Vary`,
  },
  {
    name: 'Timing-Allow-Origin',
    kind: 'response',
    summary: 'Lets the listed origins see detailed Resource Timing data of this response; not part of CORS.',
    markdown: md(
      'Response header from Resource Timing, checked by Fetch\'s *TAO check*. It lets the listed origins see the detailed network timing of this resource (DNS, connection, request and response timestamps) through the Performance API.',
      '',
      'It is not CORS: it never lets a script read the response, and `Access-Control-Allow-Origin` does not unlock the timings.',
      '',
      'Syntax: `*` or a comma-separated list of origins, e.g. `https://a.example, https://b.example`. Unlike `Access-Control-Allow-Origin`, a list is allowed and `*` works with credentials too; each entry must still be an exact `scheme://host[:port]`.',
    ),
    spec: `${FETCH}#concept-tao-check`,
    mdn: `${MDN}Timing-Allow-Origin`,
  },
];

/** Every documented header name, lowercase. */
export const CORS_HEADER_NAMES: readonly string[] = HEADER_DOCS.map((d) => d.name.toLowerCase());

const BY_NAME: ReadonlyMap<string, HeaderDoc> = new Map(HEADER_DOCS.map((d) => [d.name.toLowerCase(), d]));

/** The documentation of a header, by name in any case (surrounding whitespace and a trailing `:` ignored). */
export function headerDoc(name: string): HeaderDoc | undefined {
  return BY_NAME.get(name.trim().replace(/:$/, '').trimEnd().toLowerCase());
}
