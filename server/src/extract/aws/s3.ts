/**
 * Amazon S3 bucket CORS rules → one policy per rule. The rule list comes from any form (s3api JSON, the
 * console's bare array, CloudFormation `CorsRules`, Terraform `cors_rule`, the XML `CORSConfiguration`), read
 * into JSON-like nodes with the form's key names (S3_KEYS below).
 *
 * What S3 sends, from the Amazon S3 API Reference "Common response headers" and the User Guide "Elements of
 * a CORS configuration" and "How does Amazon S3 evaluate the CORS configuration" (read 2026-12-03):
 * - The first rule whose AllowedOrigin, AllowedMethod and (preflight) AllowedHeader entries all match is used.
 * - An AllowedOrigin may hold one `*` wildcard (`http://*.example.com`); `*` alone allows every origin.
 * - A rule whose origin is `*` answers `Access-Control-Allow-Origin: *` and no Allow-Credentials; any other
 *   matching origin is echoed with `Access-Control-Allow-Credentials: true` and `Vary: Origin,
 *   Access-Control-Request-Headers, Access-Control-Request-Method`.
 * - Origins are compared as strings: an entry with a path or a trailing slash never equals an Origin header.
 * - AllowedHeaders entries (one `*` each) are compared with Access-Control-Request-Headers; only the requested
 *   headers that match are sent back. ExposeHeaders and MaxAgeSeconds are sent as written.
 * Unknown values (a `!Ref`, `var.x`) stay unknown; no finding rests on them.
 */
import type { CorsPolicy, ListValue, OriginDecision, OriginEntry, Span } from '../../model/index.js';
import type { JsonNode } from '../../syntax/json.js';
import { prop } from '../../syntax/json.js';
import { strings, type Str } from './nodes.js';

export const S3_LIBRARY = 'aws-s3';

export interface S3Keys {
  origins: string;
  methods: string;
  headers: string;
  expose: string;
  maxAge: string;
}
/** PutBucketCors JSON (s3api, console) and the XML elements' plural forms. */
export const S3_API_KEYS: S3Keys = { origins: 'AllowedOrigins', methods: 'AllowedMethods', headers: 'AllowedHeaders', expose: 'ExposeHeaders', maxAge: 'MaxAgeSeconds' };
/** CloudFormation AWS::S3::Bucket CorsRule. */
export const CFN_S3_KEYS: S3Keys = { origins: 'AllowedOrigins', methods: 'AllowedMethods', headers: 'AllowedHeaders', expose: 'ExposedHeaders', maxAge: 'MaxAge' };
/** Terraform aws_s3_bucket_cors_configuration / aws_s3_bucket `cors_rule`. */
export const TF_S3_KEYS: S3Keys = { origins: 'allowed_origins', methods: 'allowed_methods', headers: 'allowed_headers', expose: 'expose_headers', maxAge: 'max_age_seconds' };

/** What a rule's origin list node is, for fixes. */
export interface S3Built {
  policy: CorsPolicy;
  /** The AllowedOrigins list node (an array), when literal. */
  originsNode?: JsonNode;
  /** The string nodes of origin.entries, in order. */
  entryNodes: Str[];
  maxAgeNode?: JsonNode;
}

/** A list of strings, or one string (Terraform and CloudFormation accept a lone value). */
const listOrOne = (n: JsonNode | undefined): Str[] | undefined => (n?.k === 'str' ? [n] : strings(n));

/** An entry whose one `*` stands for the whole host: `*`, `http*`, `https://*` … — it admits every origin of
 *  that scheme (or every origin at all). */
export function coversEveryHost(v: string): boolean {
  const i = v.indexOf('*');
  if (i < 0 || i !== v.length - 1) return false;
  return /^(https?(:(\/\/?)?)?)?$/.test(v.slice(0, i));
}

function listOf(n: JsonNode | undefined, at: Span): ListValue {
  if (!n) return { kind: 'list', items: [], span: at };
  const items = listOrOne(n);
  if (!items) return { kind: 'unknown', span: n.span };
  return { kind: 'list', items: items.map((i) => ({ value: i.value, span: i.inner })), span: n.span };
}

function originOf(n: JsonNode | undefined, at: Span): { origin: OriginDecision; credentials: boolean | 'unknown'; entries: Str[] } {
  const items = listOrOne(n);
  if (!n || !items) return { origin: { kind: 'unknown', span: n?.span ?? at }, credentials: 'unknown', entries: [] };
  if (items.some((i) => i.value === '*')) return { origin: { kind: 'any', span: items.find((i) => i.value === '*')!.inner }, credentials: false, entries: [] };
  const wide = items.find((i) => coversEveryHost(i.value));
  if (wide) return { origin: { kind: 'reflect', span: wide.inner, via: `AllowedOrigin "${wide.value}"` }, credentials: true, entries: [] };
  const entries: OriginEntry[] = items.map((i) => ({
    value: i.value,
    span: i.inner,
    elementSpan: i.span,
    // an entry with a `*` is a pattern S3 expands; not judged as an exact origin
    match: i.value.includes('*') ? 'regex' : 'exact',
  }));
  // S3's case handling of origins is not documented: case is forgiven, never reported.
  return { origin: { kind: 'list', entries, tolerance: { caseInsensitive: true, trailingSlash: false }, span: n.span }, credentials: true, entries: items };
}

/** One CORS rule (a map node in the form's key names) → its policy. */
export function s3RulePolicy(rule: JsonNode, keys: S3Keys, id: string, label: string, path: string[], extractor: string): S3Built {
  const at = rule.span;
  const o = originOf(prop(rule, keys.origins), at);
  const expose = listOf(prop(rule, keys.expose), at);
  const headers = listOf(prop(rule, keys.headers), at);
  const ma = prop(rule, keys.maxAge);
  const policy: CorsPolicy = {
    id,
    extractor,
    library: S3_LIBRARY,
    layer: 'edge',
    scope: { kind: 'route', label, path, span: rule.span },
    span: rule.span,
    origin: o.origin,
    credentials: o.credentials,
    credentialsSpan: o.origin.span,
    methods: listOf(prop(rule, keys.methods), at),
    // `*` patterns: S3 sends back the requested headers that match
    allowHeaders: headers.kind === 'list' && headers.items.some((i) => i.value.includes('*')) ? { kind: 'reflect-request', span: headers.span } : headers,
    exposeHeaders: expose.kind === 'list' && expose.items.some((i) => i.value.includes('*')) ? { kind: 'unknown', span: expose.span } : expose,
    maxAge: ma?.k === 'num' ? { value: String(ma.value), span: ma.span } : ma?.k === 'str' && /^-?\d+$/.test(ma.value) ? { value: ma.value, span: ma.inner } : undefined,
    vary: 'library',
    emits: 'always',
    answersPreflight: true,
    handWritten: false,
    writeIds: [],
  };
  return { policy, originsNode: prop(rule, keys.origins), entryNodes: o.entries, maxAgeNode: ma };
}

/** The rules of a `CORSRules` / `CorsRules` / bare array node; a non-list is no rule. */
export function s3Rules(list: JsonNode | undefined): JsonNode[] {
  return list?.k === 'arr' ? list.items.filter((r) => r.k === 'obj') : [];
}
