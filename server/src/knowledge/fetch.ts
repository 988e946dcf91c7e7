/**
 * Browser facts from the WHATWG Fetch Standard (https://fetch.spec.whatwg.org/), as pure helpers.
 * No imports, no IO: rules and extractors ask these questions instead of re-deriving the spec.
 */

// ---------------------------------------------------------------------------------------------
// Origins
// ---------------------------------------------------------------------------------------------

/** Why a string cannot be byte-equal to a serialized origin (the value of a browser's `Origin` header). */
export type OriginProblemCode =
  | 'empty'
  | 'whitespace'
  | 'quoted'
  | 'several-origins'
  | 'wildcard'
  | 'null-case'
  | 'no-scheme'
  | 'missing-slashes'
  | 'opaque-scheme'
  | 'uppercase'
  | 'userinfo'
  | 'no-host'
  | 'invalid-host'
  | 'non-canonical-host'
  | 'pattern'
  | 'empty-port'
  | 'invalid-port'
  | 'default-port'
  | 'trailing-slash'
  | 'path'
  | 'query'
  | 'fragment';

export type OriginParseResult =
  /** `kind: 'null'` is the literal `null`, which browsers send for opaque origins (and which anyone can produce). */
  | { ok: true; origin: string; kind: 'tuple' | 'null' }
  /** `normalized` is the one origin the author most likely meant, when there is exactly one; it is
   *  itself a valid serialized origin. `codes` parallels `problems` (one code per problem). */
  | { ok: false; problems: string[]; codes: OriginProblemCode[]; normalized?: string };

const PROBLEM_TEXT: Record<OriginProblemCode, string> = {
  'empty': 'is empty',
  'whitespace': 'has surrounding whitespace',
  'quoted': 'is wrapped in quotes that become part of the value',
  'several-origins': 'names several origins; a browser sends exactly one and compares the whole value',
  'wildcard': 'uses a wildcard; origins are compared as exact strings, `*` only works as the whole value',
  'null-case': '`null` must be lowercase',
  'no-scheme': 'has no scheme (an Origin always starts with `https://` or `http://`)',
  'missing-slashes': 'needs `//` between the scheme and the host',
  'opaque-scheme': 'uses a scheme whose pages have an opaque origin: browsers send `null` for them',
  'uppercase': 'has uppercase letters; browsers send scheme and host in lowercase',
  'userinfo': 'contains a user name or password, which an Origin never carries',
  'no-host': 'has no host',
  'invalid-host': 'has a host that is not valid',
  'non-canonical-host': 'has a host that browsers serialize differently',
  'pattern': 'looks like a pattern (regular expression or glob); it is compared as an exact string',
  'empty-port': 'has a `:` without a port',
  'invalid-port': 'has an invalid port',
  'default-port': 'spells out the default port, which browsers leave out',
  'trailing-slash': 'ends with a slash, which an Origin never has',
  'path': 'has a path; an Origin is only scheme, host and port',
  'query': 'has a query string; an Origin is only scheme, host and port',
  'fragment': 'has a fragment; an Origin is only scheme, host and port',
};

/** Schemes whose URLs have a default port (the URL Standard's "special schemes" minus file). */
const DEFAULT_PORTS: ReadonlyMap<string, string> = new Map([['http', '80'], ['https', '443'], ['ws', '80'], ['wss', '443'], ['ftp', '21']]);
/** Schemes whose documents get an opaque origin, serialized as `null`. */
const OPAQUE_SCHEMES = new Set(['file', 'data', 'blob', 'about', 'javascript']);
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Decides whether `value` can be byte-equal to a browser's serialized origin
 * (`scheme "://" host [ ":" port ]`, lowercase scheme and host, no default port, nothing else), which is
 * what `Access-Control-Allow-Origin` is compared against. The exact string `null` is accepted as its own
 * case. `*` is not an origin and is reported as `wildcard` (callers handle a whole-value `*` themselves).
 */
export function parseSerializedOrigin(value: string): OriginParseResult {
  const codes: OriginProblemCode[] = [];
  const add = (c: OriginProblemCode) => {
    if (!codes.includes(c)) codes.push(c);
  };
  const fail = (normalized?: string): OriginParseResult => {
    const r: OriginParseResult = { ok: false, problems: codes.map((c) => PROBLEM_TEXT[c]), codes };
    if (normalized !== undefined) r.normalized = normalized;
    return r;
  };

  let v = value;
  if (v.trim() !== v) {
    add('whitespace');
    v = v.trim();
  }
  const q = /^(["'`])(.*)\1$/s.exec(v);
  if (q) {
    add('quoted');
    v = q[2]!.trim();
  }
  if (v === '') {
    add('empty');
    return fail();
  }

  if (v === 'null') return codes.length ? fail('null') : { ok: true, origin: 'null', kind: 'null' };
  if (v.toLowerCase() === 'null') {
    add('null-case');
    return fail('null');
  }
  if (v === '*') {
    add('wildcard');
    return fail();
  }

  if (/^(?:file|data|blob|about|javascript):/i.test(v)) {
    add('opaque-scheme');
    return fail();
  }
  if (/^\^|\$$|\\[.\/]|\.\*|\(\?|\[[^\]]*\]\+?$/.test(v)) {
    add('pattern');
    return fail();
  }
  const parts = v.split(/[\s,]+/).filter((p) => p !== '');
  if (parts.length > 1) {
    add('several-origins');
    return fail();
  }

  // Scheme.
  let scheme: string;
  let rest: string;
  const m = /^([A-Za-z][A-Za-z0-9+.\-]*):/.exec(v);
  const afterColon = m ? v.slice(m[0].length) : '';
  if (m && afterColon.startsWith('//')) {
    scheme = m[1]!;
    rest = afterColon.slice(2);
  } else if (m && !/^\d+(?:[/?#]|$)/.test(afterColon)) {
    // `https:example.com`, `https:/example.com` (while `example.com:8080` is a host and a port).
    if (afterColon.replace(/^\//, '') === '') {
      add('no-host');
      return fail();
    }
    add('missing-slashes');
    if (!DEFAULT_PORTS.has(m[1]!.toLowerCase())) return fail();
    scheme = m[1]!;
    rest = afterColon.replace(/^\//, '');
  } else {
    add('no-scheme');
    rest = v.startsWith('//') ? v.slice(2) : v;
    const hostGuess = rest.split(/[/?#:]/)[0]!.toLowerCase();
    scheme = LOCAL_HOSTS.has(hostGuess) || hostGuess.startsWith('[') ? 'http' : 'https';
  }
  if (scheme !== scheme.toLowerCase()) add('uppercase');
  scheme = scheme.toLowerCase();
  if (OPAQUE_SCHEMES.has(scheme)) {
    add('opaque-scheme');
    return fail();
  }

  // Authority, then whatever follows it.
  const authEnd = rest.search(/[/?#]/);
  let authority = authEnd === -1 ? rest : rest.slice(0, authEnd);
  const tail = authEnd === -1 ? '' : rest.slice(authEnd);
  let salvageable = true;

  const at = authority.lastIndexOf('@');
  if (at !== -1) {
    add('userinfo');
    authority = authority.slice(at + 1);
  }

  let host: string;
  let port: string | undefined;
  const ipv6 = /^(\[[^\]]*\])(?::(.*))?$/.exec(authority);
  if (ipv6) {
    host = ipv6[1]!;
    port = ipv6[2];
  } else {
    const colon = authority.lastIndexOf(':');
    host = colon === -1 ? authority : authority.slice(0, colon);
    port = colon === -1 ? undefined : authority.slice(colon + 1);
  }

  if (host === '') {
    add('no-host');
    salvageable = false;
  } else if (/[\\^$|()+?{}]/.test(host) || (!ipv6 && /[[\]]/.test(host))) {
    add('pattern');
    salvageable = false;
  } else if (/[*]/.test(host)) {
    add('wildcard');
    salvageable = false;
  } else {
    if (/[A-Z]/.test(host)) add('uppercase');
    const canonical = canonicalHost(scheme, host);
    if (canonical === undefined) {
      add('invalid-host');
      salvageable = false;
    } else {
      if (canonical !== host && canonical !== host.toLowerCase()) add('non-canonical-host');
      host = canonical;
    }
  }

  if (port !== undefined) {
    if (port === '') {
      add('empty-port');
      port = undefined;
    } else if (!/^\d+$/.test(port) || Number(port) > 65535) {
      add(/[*]/.test(port) ? 'wildcard' : 'invalid-port');
      salvageable = false;
    } else {
      const n = String(Number(port));
      if (n !== port) add('invalid-port'); // leading zeros: browsers serialize `:8080`, never `:08080`
      if (DEFAULT_PORTS.get(scheme) === n) {
        add('default-port');
        port = undefined;
      } else {
        port = n;
      }
    }
  }

  if (tail !== '') {
    const hashAt = tail.indexOf('#');
    const queryAt = tail.indexOf('?');
    const pathEnd = Math.min(...[hashAt, queryAt, tail.length].filter((i) => i !== -1));
    const path = tail.slice(0, pathEnd);
    if (path === '/') add('trailing-slash');
    else if (path !== '') add('path');
    if (queryAt !== -1 && (hashAt === -1 || queryAt < hashAt)) add('query');
    if (hashAt !== -1) add('fragment');
  }

  const origin = `${scheme}://${host}${port !== undefined ? `:${port}` : ''}`;
  if (codes.length === 0) return { ok: true, origin, kind: 'tuple' };
  return fail(salvageable ? origin : undefined);
}

/** The host as a browser serializes it, or undefined when it is not a valid host. */
function canonicalHost(scheme: string, host: string): string | undefined {
  if (DEFAULT_PORTS.has(scheme)) {
    // Special schemes: the URL parser lowercases, IDNA-encodes and canonicalizes IPv4/IPv6 hosts.
    try {
      const h = new URL(`${scheme}://${host}/`).hostname;
      return h === '' ? undefined : h;
    } catch {
      return undefined;
    }
  }
  // Other schemes (chrome-extension://, moz-extension://, app schemes): opaque hosts, kept as written
  // apart from ASCII lowercase, which is what extension ids and app hosts use.
  if (!/^[\x21-\x7e]+$/.test(host)) return undefined;
  return host.toLowerCase();
}

// ---------------------------------------------------------------------------------------------
// Methods
// ---------------------------------------------------------------------------------------------

/** CORS-safelisted methods: never need to appear in `Access-Control-Allow-Methods`. */
export const SAFELISTED_METHODS: readonly string[] = ['GET', 'HEAD', 'POST'];

/** The only methods whose case fetch() normalises (byte-uppercases). Every other method is compared
 *  byte-for-byte: `patch` is sent as `patch` and only `patch` in Allow-Methods matches it. */
export const NORMALIZED_METHODS: readonly string[] = ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT'];

/** Fetch's "normalize a method". */
export function normalizeMethod(method: string): string {
  const upper = method.toUpperCase();
  return NORMALIZED_METHODS.includes(upper) ? upper : method;
}

/** Whether a request with this method (as passed to fetch/XHR) needs no preflight on account of its method. */
export function isSafelistedMethod(method: string): boolean {
  return SAFELISTED_METHODS.includes(normalizeMethod(method));
}

// ---------------------------------------------------------------------------------------------
// Headers
// ---------------------------------------------------------------------------------------------

/** Names of the CORS-safelisted request headers (lowercase). Only with acceptable values; see
 *  isSafelistedRequestHeader. */
export const SAFELISTED_REQUEST_HEADERS: readonly string[] = ['accept', 'accept-language', 'content-language', 'content-type', 'range'];

/** Content-Type essences that keep a request simple. */
export const SAFELISTED_CONTENT_TYPES: readonly string[] = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];

/** CORS-safelisted response-header names (lowercase): readable by script without Access-Control-Expose-Headers. */
export const SAFELISTED_RESPONSE_HEADERS: readonly string[] = [
  'cache-control',
  'content-language',
  'content-length',
  'content-type',
  'expires',
  'last-modified',
  'pragma',
];

/** The request header that `Access-Control-Allow-Headers: *` never covers (Fetch: "CORS non-wildcard
 *  request-header name"). */
export const NON_WILDCARD_REQUEST_HEADERS: readonly string[] = ['authorization'];

/** 0x00-0x08, 0x0A-0x1F, `"():<>?@[\]{}` and 0x7F: bytes that make an Accept or Content-Type value unsafe. */
function hasUnsafeByte(value: string): boolean {
  return /[\x00-\x08\x0a-\x1f"():<>?@[\\\]{}\x7f]/.test(value);
}

const HTTP_TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/**
 * Fetch's "CORS-safelisted request-header" check. Without a value it answers whether the *name* can be
 * safelisted at all (callers that know the value should pass it: `Content-Type: application/json` is not
 * safelisted). The extra rule that all safelisted values together stay within 1024 bytes is not modelled.
 */
export function isSafelistedRequestHeader(name: string, value?: string): boolean {
  const n = name.toLowerCase();
  if (!SAFELISTED_REQUEST_HEADERS.includes(n)) return false;
  if (value === undefined) return true;
  // Header values are byte strings (fetch() rejects characters above U+00FF), so length = bytes.
  if (value.length > 128) return false;
  switch (n) {
    case 'accept':
      return !hasUnsafeByte(value);
    case 'accept-language':
    case 'content-language':
      return /^[0-9A-Za-z *,\-.;=]*$/.test(value);
    case 'content-type': {
      if (hasUnsafeByte(value)) return false;
      const essence = value.split(';')[0]!.replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, '').toLowerCase();
      const slash = essence.indexOf('/');
      if (slash <= 0 || !HTTP_TOKEN.test(essence.slice(0, slash)) || !HTTP_TOKEN.test(essence.slice(slash + 1))) return false;
      return SAFELISTED_CONTENT_TYPES.includes(essence);
    }
    case 'range': {
      // A single byte range with a start: `bytes=N-` or `bytes=N-M` (N <= M), no whitespace.
      const r = /^bytes=(\d+)-(\d*)$/.exec(value);
      if (!r) return false;
      return r[2] === '' || BigInt(r[1]!) <= BigInt(r[2]!);
    }
    default:
      return false;
  }
}

// ---------------------------------------------------------------------------------------------
// Preflight cache
// ---------------------------------------------------------------------------------------------

/** Seconds a preflight result is cached: the default when Access-Control-Max-Age is absent or invalid,
 *  and the caps that Chromium (since 76) and Firefox impose on larger values. */
export const MAX_AGE_CAP = { chromium: 7200, firefox: 86400, default: 5 } as const;

// ---------------------------------------------------------------------------------------------
// Strings
// ---------------------------------------------------------------------------------------------

/**
 * Edit distance with insertions, deletions, substitutions and transpositions of two neighbouring
 * characters each costing 1 (optimal string alignment). Case-sensitive: lowercase both sides to compare
 * header names.
 */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  const w = b.length + 1;
  let prev2 = new Array<number>(w).fill(0);
  let prev = Array.from({ length: w }, (_, j) => j);
  let cur = new Array<number>(w).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2]! + 1);
      cur[j] = d;
    }
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[b.length]!;
}
