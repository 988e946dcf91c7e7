/**
 * The plain data that flows from extractors to rules. No behaviour, no syntax trees,
 * no imports. Every offset is a UTF-16 code-unit offset into the file text (what LSP
 * positions and JS strings use).
 */

/** Half-open range [start, end) of UTF-16 offsets into the file text. */
export interface Span {
  start: number;
  end: number;
}

/** A value together with where it was written. `span` covers the value's text as written
 *  (for a quoted string: the characters between the quotes). */
export interface Valued<T> {
  value: T;
  span: Span;
}

/** Which layer sends the header: the application, the web server's config, or an edge/CDN config. */
export type Layer = 'app' | 'server-config' | 'edge';

/** Where a policy or a header write applies. `path` is the chain of enclosing scopes, outermost first,
 *  e.g. ['http', 'server :80', 'location /api'] or ['app', 'route GET /users']. */
export interface Scope {
  kind: 'file' | 'app' | 'route' | 'block';
  label: string;
  path: string[];
  span?: Span;
}

/** What a header write puts in the value. */
export type HeaderValue =
  /** A fixed string, exactly as the server will send it (quotes removed, escapes resolved). */
  | { kind: 'literal'; text: string }
  /** The request's Origin header copied into the value. `checked` is true when the copy only happens
   *  after the origin was compared against something (allowlist map, if/regex, in_array ...). */
  | { kind: 'request-origin'; checked: boolean; check?: OriginCheck; via: string }
  /** Anything the extractor could not resolve. Rules never fire on this. */
  | { kind: 'unknown'; reason?: string };

export interface OriginCheck {
  kind: 'exact' | 'regex' | 'suffix' | 'prefix' | 'substring' | 'unknown';
  /** The patterns or origins the check uses, when known. */
  entries?: Valued<string>[];
}

/** One place where a response header is written by hand (a directive, a call, an XML element). */
export interface HeaderWrite {
  /** Unique within the file, stable for one analysis. */
  id: string;
  /** The header name as written (original case). */
  name: string;
  nameSpan: Span;
  value: HeaderValue;
  /** Span of the value text: inside the quotes for a quoted literal; the whole expression otherwise. */
  valueSpan?: Span;
  /** Span of the whole statement/directive/element (what "remove this write" deletes). */
  statementSpan: Span;
  /** How it combines with earlier writes of the same header on the same response. */
  op: 'set' | 'add' | 'append' | 'merge' | 'setifempty' | 'unset' | 'edit';
  /** Whether the header is also sent on error (4xx/5xx) responses. 'n/a' where the format has no such switch
   *  (application code writes on the response it builds). */
  always: boolean | 'n/a';
  /** Request condition under which the write happens, when the extractor can tell. */
  condition?: 'options-only' | 'non-options' | 'conditional';
  layer: Layer;
  scope: Scope;
  /** Id of the extractor that produced it (selects the fix renderer). */
  extractor: string;
}

export interface OriginEntry {
  /** The entry as the library will see it (quotes removed). */
  value: string;
  /** Span of the entry's text (inside quotes). */
  span: Span;
  /** Span of the whole list element including quotes (what "remove this entry" deletes). */
  elementSpan: Span;
  /** How the library compares the request Origin with this entry. `prefix` / `suffix` / `substring`: the
   *  Origin starts with / ends with / contains the entry (Envoy's and Istio's string matchers) — weak checks:
   *  `https://a.com` as a prefix also admits `https://a.com.evil.io`. */
  match: 'exact' | 'regex' | 'any' | 'prefix' | 'suffix' | 'substring';
}

/** How a library compares allowlist entries, so that rules know which entries can never match. */
export interface EntryTolerance {
  /** 'https://a.com/' still matches https://a.com (django-cors-headers). */
  trailingSlash?: boolean;
  /** Comparison ignores case (flask-cors lower-cases both sides). */
  caseInsensitive?: boolean;
  /** '*' inside the list means "any origin". */
  starMeansAny?: boolean;
  /** '*.a.com' / 'https://*.a.com' style entries are understood as wildcards. */
  wildcardSubdomains?: boolean;
  /** Only scheme and host[:port] are compared, a path / query / fragment is ignored (django-cors-headers
   *  compares `urlsplit(entry)` scheme and netloc). */
  ignoresPath?: boolean;
  /** Entry defects (OriginProblemCode names, knowledge/fetch.ts) that the library refuses when the
   *  application starts even though its comparison would forgive them, and what refuses them (e.g.
   *  django-cors-headers' system check corsheaders.E014 for a path or trailing slash). */
  startupCheck?: { codes: string[]; by: string };
}

/** How the server decides the Access-Control-Allow-Origin value. */
export type OriginDecision =
  /** Literal `*`. */
  | { kind: 'any'; span?: Span }
  /** The request origin is echoed back with no exact check. `libraryAllowAll` marks a library's "allow
   *  every origin" mode that echoes instead of sending `*` (e.g. flask-cors defaults): without credentials
   *  that is equivalent to `*`, so only the credentialed case is a finding. */
  | { kind: 'reflect'; span?: Span; via: string; libraryAllowAll?: boolean }
  /** Echo the request origin when it equals one of the entries. */
  | { kind: 'list'; entries: OriginEntry[]; tolerance: EntryTolerance; span?: Span }
  /** Echo when the origin passes a pattern or string test. */
  | { kind: 'pattern'; check: OriginCheck; span?: Span }
  /** A fixed header value other than `*` / `null`, sent verbatim on every response (may be malformed). */
  | { kind: 'static'; value: string; span?: Span }
  /** Custom code decides (a callback, a function we cannot read). */
  | { kind: 'predicate'; span?: Span }
  /** The literal `null`. */
  | { kind: 'null'; span?: Span }
  | { kind: 'unknown'; span?: Span };

export type ListValue =
  | { kind: 'list'; items: Valued<string>[]; span?: Span }
  /** `*` sent literally. */
  | { kind: 'any'; span?: Span }
  /** The library copies Access-Control-Request-Headers/-Method back. */
  | { kind: 'reflect-request'; span?: Span }
  | { kind: 'unknown'; span?: Span };

/** What one source makes the server answer. */
export interface CorsPolicy {
  /** Unique within the file. */
  id: string;
  extractor: string;
  /** Library name when a library builds the headers ('cors', 'flask-cors', 'iis-cors'); undefined when
   *  the headers are written by hand. */
  library?: string;
  layer: Layer;
  scope: Scope;
  /** The declaration (the cors() call, the location block, the CORS(app) call ...). */
  span: Span;
  origin: OriginDecision;
  /** `true` when Access-Control-Allow-Credentials: true is sent; `false` when not; 'unknown' when not known. */
  credentials: boolean | 'unknown';
  credentialsSpan?: Span;
  methods?: ListValue;
  allowHeaders?: ListValue;
  exposeHeaders?: ListValue;
  /** The max-age as written (raw text, e.g. '86400', '-1', '1.5'), unresolved values omitted. */
  maxAge?: Valued<string>;
  /** Who sends `Vary: Origin`: the library itself, an explicit write, nobody, or not known. */
  vary: 'library' | 'explicit' | 'absent' | 'unknown';
  /** On which responses the CORS headers appear. */
  emits: 'always' | 'success-only' | 'options-only' | 'unknown';
  /** Whether an OPTIONS preflight is answered (by the library or by hand-written handling). */
  answersPreflight: boolean | 'unknown';
  /** True when the policy is assembled from hand-written header writes. */
  handWritten: boolean;
  /** Ids of the HeaderWrites the policy was built from. */
  writeIds: string[];
  /** How the library refuses this policy's `*` origin with credentials, so that no CORS header is ever sent:
   *  e.g. "ASP.NET Core's `CorsPolicyBuilder.Build()` throws: the app does not start". Absent: the headers are
   *  sent as the policy says. */
  refusal?: string;
  /** Options given to a library that it does not know (typos are judged by rules). */
  unknownOptions?: { name: Valued<string>; known: string[] }[];
}

/** A set of header writes that all reach one and the same response (after the format's
 *  replace/append semantics and scope inheritance). Duplicate-header rules read these. */
export interface ResponseHeaders {
  scope: Scope;
  writeIds: string[];
}

/** A request made by client code (fetch, axios, XHR, jQuery). */
export interface ClientRequest {
  span: Span;
  api: string;
  target?: Valued<string>;
  method?: Valued<string>;
  headers: Valued<string>[];
  credentials?: 'include' | 'same-origin' | 'omit';
  mode?: 'cors' | 'no-cors' | 'same-origin';
}

/** A library option as written in the file (`allow_origins=`, `CORS_ALLOW_ALL_ORIGINS`, `origin:`), so that a
 *  hover can say what it makes the server send. `library` is an id of knowledge/libraries. */
export interface OptionMention {
  span: Span;
  library: string;
  option: string;
}

/** Everything extractors stated about one file. */
export interface FileFacts {
  policies: CorsPolicy[];
  headerWrites: HeaderWrite[];
  responses: ResponseHeaders[];
  requests: ClientRequest[];
  /** Header names mentioned anywhere in the file (for hovers), with spans. */
  headerMentions: Valued<string>[];
  /** Library options as written (for hovers). */
  optionMentions: OptionMention[];
  /** Problems the extractor met (parse errors it recovered from); shown in logs, never as findings. */
  notes: string[];
}

export function emptyFacts(): FileFacts {
  return { policies: [], headerWrites: [], responses: [], requests: [], headerMentions: [], optionMentions: [], notes: [] };
}

/** A semantic edit a rule asks for; the extractor that made the fact renders it in its own syntax. */
export type FixRequest =
  | { kind: 'replace-text'; span: Span; text: string }
  | { kind: 'set-header-value'; writeId: string; value: string }
  | { kind: 'set-header-name'; writeId: string; name: string }
  | { kind: 'remove-write'; writeId: string }
  | { kind: 'add-header'; afterWriteId: string; name: string; value: string }
  | { kind: 'set-always'; writeId: string }
  | { kind: 'set-origins'; policyId: string; origins: string[] }
  | { kind: 'remove-credentials'; policyId: string }
  | { kind: 'remove-origin-entry'; policyId: string; index: number }
  | { kind: 'replace-origin-entry'; policyId: string; index: number; value: string }
  | { kind: 'set-max-age'; policyId: string; value: number };

export interface TextEdit {
  span: Span;
  newText: string;
}

export type Severity = 'error' | 'warning' | 'info';
export type RuleLevel = Severity | 'off';

export interface RelatedLocation {
  span: Span;
  message: string;
  /** Another file, when the related place is not in the analysed file. */
  path?: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
  /** Safe to apply without review (may be marked as the preferred quick fix). */
  preferred: boolean;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  span: Span;
  related: RelatedLocation[];
  fixes: Fix[];
}

export interface Settings {
  enable: boolean;
  rules: Record<string, RuleLevel>;
  trustedOrigins: string[];
  run: 'onType' | 'onSave';
}

export const DEFAULT_SETTINGS: Settings = { enable: true, rules: {}, trustedOrigins: [], run: 'onType' };
