/**
 * API Gateway CORS settings in CloudFormation / SAM templates → policies.
 *
 * REST APIs through SAM (`AWS::Serverless::Api` `Cors`, `Globals: Api: Cors`), read from
 * aws/serverless-application-model v1.110.0 (samtranslator/model/api/api_generator.py `_add_cors`,
 * samtranslator/swagger/swagger.py `add_cors` / `_options_method_response_for_cors`):
 * - `Cors: "'https://a.com'"` is the AllowOrigin alone. Every value is an API Gateway mapping expression, so a
 *   literal needs the inner single quotes; AllowOrigin defaults to `'*'`.
 * - SAM adds an OPTIONS method (mock integration, 200) per path, unless the path has one; only that preflight
 *   answer carries the headers: the Lambda proxy response must send its own Access-Control-Allow-Origin.
 * - AllowMethods defaults to the path's methods + OPTIONS; AllowHeaders / MaxAge are sent only when given;
 *   `AllowCredentials: true` sends `Access-Control-Allow-Credentials: 'true'`, and SAM refuses the template when
 *   AllowOrigin is `'*'` (or not set) with it.
 * HTTP APIs (`AWS::Serverless::HttpApi` `CorsConfiguration`, `Globals: HttpApi`, `AWS::ApiGatewayV2::Api`
 * `CorsConfiguration`): API Gateway answers preflights itself and adds the headers to the integration's
 * responses. `CorsConfiguration: true` (SAM) = AllowOrigins `['*']`; SAM refuses AllowOrigins `['*']` with
 * AllowCredentials true (http_api_generator.py). A matching origin of a list is echoed; whether `Vary: Origin`
 * is added is not documented (unknown).
 */
import type { CorsPolicy, ListValue, OriginDecision, Span } from '../../model/index.js';
import { prop, type JsonNode } from '../../syntax/json.js';
import { strings, type Str } from './nodes.js';

export const SAM_LIBRARY = 'aws-sam';
export const HTTP_API_LIBRARY = 'aws-http-api';

export interface ApiBuilt {
  policy: CorsPolicy;
  kind: 'sam-rest' | 'http-api';
  /** sam-rest: the AllowOrigin string node; http-api: the AllowOrigins list node. */
  originNode?: JsonNode;
  entryNodes: Str[];
  credNode?: JsonNode;
  maxAgeNode?: JsonNode;
}

/** A SAM mapping expression `'…'` → the literal inside and its span (when the node is written verbatim). */
function samLiteral(n: JsonNode | undefined): { value: string; span?: Span } | undefined {
  if (n?.k !== 'str' || n.value.length < 2 || !n.value.startsWith("'") || !n.value.endsWith("'")) return undefined;
  const value = n.value.slice(1, -1);
  return { value, span: n.verbatim ? { start: n.inner.start + 1, end: n.inner.end - 1 } : undefined };
}

function samList(n: JsonNode | undefined): ListValue | undefined {
  if (!n) return undefined;
  const lit = samLiteral(n);
  if (!lit) return { kind: 'unknown', span: n.span };
  if (lit.value.trim() === '*') return { kind: 'any', span: lit.span ?? n.span };
  return { kind: 'list', items: lit.value.split(',').map((v) => v.trim()).filter(Boolean).map((value) => ({ value, span: lit.span ?? n.span })), span: n.span };
}

const bool = (n: JsonNode | undefined): boolean | 'unknown' => (n === undefined ? false : n.k === 'bool' ? n.value : n.k === 'str' && /^(true|false)$/i.test(n.value) ? n.value.toLowerCase() === 'true' : 'unknown');
/** A number, or (SAM REST, whose values are mapping expressions) `"'600'"`. */
function maxAgeOf(n: JsonNode | undefined): { value: string; span: Span } | undefined {
  if (n?.k === 'num') return { value: String(n.value), span: n.span };
  const lit = samLiteral(n);
  return lit?.span && /^-?\d+$/.test(lit.value) ? { value: lit.value, span: lit.span } : undefined;
}

/** SAM's answer to `*` with credentials (its api_generator / http_api_generator raise InvalidResourceException). */
export const SAM_REFUSAL = 'AWS SAM rejects an API whose allowed origin is `*` with credentials: the template does not transform, so it never deploys';

function base(id: string, label: string, path: string[], span: Span, library: string): Omit<CorsPolicy, 'origin' | 'credentials'> {
  return { id, extractor: 'aws', library, layer: 'edge', scope: { kind: 'route', label, path, span }, span, vary: 'unknown', emits: 'always', answersPreflight: true, handWritten: false, writeIds: [] };
}

/** SAM `Cors` of a REST API (a string, or a map of AllowOrigin …). */
export function samRestPolicy(cors: JsonNode, id: string, label: string, path: string[]): ApiBuilt | undefined {
  if (cors.k === 'bool' || cors.k === 'null') return undefined; // SAM refuses a non-string, non-map value
  const map = cors.k === 'obj' ? cors : undefined;
  const originNode = map ? prop(map, 'AllowOrigin') : cors;
  const credNode = map ? prop(map, 'AllowCredentials') : undefined;
  let origin: OriginDecision;
  if (!originNode) origin = { kind: 'any', span: cors.span };
  else {
    const lit = samLiteral(originNode);
    if (!lit) origin = { kind: 'unknown', span: originNode.span };
    else if (lit.value === '*') origin = { kind: 'any', span: lit.span ?? originNode.span };
    else if (lit.value === 'null') origin = { kind: 'null', span: lit.span ?? originNode.span };
    else origin = { kind: 'static', value: lit.value, span: lit.span };
  }
  // SAM tests `AllowCredentials is True`: only a YAML/JSON boolean counts (a string "true" sends nothing)
  const credentials = credNode === undefined ? false : credNode.k === 'bool' ? credNode.value : credNode.k === 'str' ? false : 'unknown';
  const policy: CorsPolicy = {
    ...base(id, label, path, cors.span, SAM_LIBRARY),
    origin,
    credentials,
    credentialsSpan: credNode?.span,
    methods: map ? samList(prop(map, 'AllowMethods')) ?? { kind: 'unknown', span: cors.span } : { kind: 'unknown', span: cors.span },
    allowHeaders: (map && samList(prop(map, 'AllowHeaders'))) || { kind: 'list', items: [], span: cors.span },
    maxAge: map ? maxAgeOf(prop(map, 'MaxAge')) : undefined,
    vary: 'absent',
    emits: 'options-only',
  };
  if (origin.kind === 'any' && credentials === true) policy.refusal = SAM_REFUSAL;
  return { policy, kind: 'sam-rest', originNode, entryNodes: [], credNode, maxAgeNode: map ? prop(map, 'MaxAge') : undefined };
}

function plainList(n: JsonNode | undefined, at: Span): ListValue | undefined {
  if (!n) return undefined;
  const items = strings(n);
  if (!items) return { kind: 'unknown', span: n.span };
  if (items.some((i) => i.value === '*')) return { kind: 'unknown', span: n.span ?? at }; // expansion not documented
  return { kind: 'list', items: items.map((i) => ({ value: i.value, span: i.inner })), span: n.span };
}

/** An HTTP API `CorsConfiguration` (SAM: also `true`). */
export function httpApiPolicy(cfg: JsonNode, id: string, label: string, path: string[]): ApiBuilt | undefined {
  if (cfg.k === 'bool' && !cfg.value) return undefined;
  const map = cfg.k === 'obj' ? cfg : undefined;
  if (cfg.k !== 'bool' && !map) return undefined;
  const originNode = map ? prop(map, 'AllowOrigins') : undefined;
  const credNode = map ? prop(map, 'AllowCredentials') : undefined;
  let origin: OriginDecision;
  let entryNodes: Str[] = [];
  if (!map) origin = { kind: 'any', span: cfg.span };
  else if (!originNode) return undefined; // no origin: API Gateway sends no Access-Control-Allow-Origin
  else if (!strings(originNode)) origin = { kind: 'unknown', span: originNode.span };
  else {
    entryNodes = strings(originNode)!;
    const star = entryNodes.find((i) => i.value === '*');
    if (star) origin = { kind: 'any', span: star.inner };
    else
      origin = {
        kind: 'list',
        entries: entryNodes.map((i) => ({ value: i.value, span: i.inner, elementSpan: i.span, match: i.value.includes('*') ? 'regex' : 'exact' })),
        // API Gateway's normalisation of entries is not documented: only a missing scheme, a port or a
        // malformed host are judged
        tolerance: { caseInsensitive: true, trailingSlash: true, ignoresPath: true },
        span: originNode.span,
      };
  }
  const policy: CorsPolicy = {
    ...base(id, label, path, cfg.span, HTTP_API_LIBRARY),
    origin,
    credentials: bool(credNode),
    credentialsSpan: credNode?.span,
    methods: map ? plainList(prop(map, 'AllowMethods'), cfg.span) : undefined,
    allowHeaders: map ? plainList(prop(map, 'AllowHeaders'), cfg.span) : undefined,
    exposeHeaders: map ? plainList(prop(map, 'ExposeHeaders'), cfg.span) : undefined,
    maxAge: map ? maxAgeOf(prop(map, 'MaxAge')) : undefined,
  };
  return { policy, kind: 'http-api', originNode, entryNodes, credNode, maxAgeNode: map ? prop(map, 'MaxAge') : undefined };
}
