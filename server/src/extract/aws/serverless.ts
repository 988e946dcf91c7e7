/**
 * Serverless Framework (`serverless.yml` / `.yaml`): `functions.*.events[].http.cors` (REST API) and
 * `provider.httpApi.cors` (HTTP API). Read from serverless/serverless commit b9d7ea51 (sf-core 4.41.0 + 5 commits):
 * packages/serverless/lib/plugins/aws/package/compile/events/api-gateway/lib/validate.js (`getCors`),
 * …/api-gateway/lib/cors.js (`compileCors`) and …/events/http-api.js.
 * - REST `cors: true`: an OPTIONS mock method answering `Access-Control-Allow-Origin: *`, a default header list
 *   (Content-Type, X-Amz-Date, Authorization, X-Api-Key, X-Amz-Security-Token, X-Amz-User-Agent,
 *   X-Amzn-Trace-Id), the event's method + OPTIONS, no credentials. Only the preflight is answered; a Lambda
 *   proxy must send its own headers.
 * - `origin: 'a,b'` or `origins: [...]`: the preflight sends the first origin, and a response template echoes
 *   the request Origin when it fully matches one entry (dots escaped, one `*` = `.+`), so `origins: ['*']`
 *   echoes every origin. `allowCredentials: true` adds `Access-Control-Allow-Credentials: true` (never refused).
 * - `provider.httpApi.cors`: `true` = AllowOrigins `*` and the default headers; an object maps onto the HTTP
 *   API's CorsConfiguration (allowedOrigins, allowedHeaders, allowedMethods, allowCredentials,
 *   exposedResponseHeaders, maxAge) — apigw.ts judges it.
 * `${…}` variables (`${self:custom.origin}`, `${env:…}`, `${ssm:…}`) are unknown.
 */
import type { CorsPolicy, OriginDecision } from '../../model/index.js';
import { prop, type JsonNode } from '../../syntax/json.js';
import { mentionKeys, pairOf, strings, type Str } from './nodes.js';
import { httpApiPolicy, type ApiBuilt } from './apigw.js';
import { coversEveryHost } from './s3.js';
import type { ReadResult } from './template.js';

export const SERVERLESS_LIBRARY = 'serverless';
const REST_KEYS = ['origin', 'origins', 'headers', 'allowCredentials', 'maxAge', 'methods', 'cacheControl'];
const HTTP_KEYS: Record<string, string> = {
  allowedOrigins: 'AllowOrigins',
  allowedHeaders: 'AllowHeaders',
  allowedMethods: 'AllowMethods',
  allowCredentials: 'AllowCredentials',
  exposedResponseHeaders: 'ExposeHeaders',
  maxAge: 'MaxAge',
};

/** Strings holding a `${…}` variable → unknown, everywhere. */
export function variables(n: JsonNode): JsonNode {
  if (n.k === 'str' && n.value.includes('${')) return { k: 'unknown', span: n.span };
  if (n.k === 'arr') return { ...n, items: n.items.map(variables) };
  if (n.k === 'obj') return { ...n, props: n.props.map((p) => ({ ...p, value: p.value && variables(p.value) })) };
  return n;
}



function restOrigin(cors: JsonNode): { origin: OriginDecision; entries: Str[]; node?: JsonNode } {
  if (cors.k !== 'obj') return { origin: { kind: 'any', span: cors.span }, entries: [] };
  const origins = prop(cors, 'origins');
  const origin = prop(cors, 'origin');
  if (!origins && !origin) return { origin: { kind: 'any', span: cors.span }, entries: [] };
  const node = origins ?? origin!;
  if (origins ? !strings(origins) : origin!.k !== 'str') return { origin: { kind: 'unknown', span: node.span }, entries: [] };
  if (!origins && !(origin as Str).value.includes(',')) {
    const v = (origin as Str).value;
    return { origin: v === '*' ? { kind: 'any', span: (origin as Str).inner } : { kind: 'static', value: v, span: (origin as Str).verbatim ? (origin as Str).inner : undefined }, entries: [], node: origin };
  }
  // `origin: 'a, b'` is split on commas into the same list as `origins`
  const entries = origins ? strings(origins)! : splitOrigins(origin as Str);
  if (!entries) return { origin: { kind: 'unknown', span: node.span }, entries: [] };
  const all = entries.find((e) => coversEveryHost(e.value));
  if (all) return { origin: { kind: 'reflect', span: all.inner, via: `origins "${all.value}"` }, entries: [], node: origins };
  return {
    origin: {
      kind: 'list',
      entries: entries.map((e) => ({ value: e.value, span: e.inner, elementSpan: e.span, match: e.value.includes('*') ? 'regex' : 'exact' })),
      tolerance: {},
      span: node.span,
    },
    entries,
    node: origins,
  };
}

/** The trimmed parts of a comma-separated string, each a string node at its place (verbatim strings only). */
function splitOrigins(n: Str): Str[] | undefined {
  if (!n.verbatim) return undefined;
  const out: Str[] = [];
  let at = n.inner.start;
  for (const part of n.value.split(',')) {
    const v = part.trim();
    const start = at + part.indexOf(v);
    at += part.length + 1;
    if (v) out.push({ k: 'str', span: { start, end: start + v.length }, value: v, inner: { start, end: start + v.length }, verbatim: true });
  }
  return out;
}

function restPolicy(cors: JsonNode, id: string, label: string, path: string[]): ApiBuilt {
  const map = cors.k === 'obj' ? cors : undefined;
  const o = restOrigin(cors);
  const cred = map && prop(map, 'allowCredentials');
  const headers = map && prop(map, 'headers');
  const ma = map && prop(map, 'maxAge');
  const policy: CorsPolicy = {
    id,
    extractor: 'aws',
    library: SERVERLESS_LIBRARY,
    layer: 'edge',
    scope: { kind: 'route', label, path, span: cors.span },
    span: cors.span,
    origin: o.origin,
    credentials: !cred ? false : cred.k === 'bool' ? cred.value : 'unknown',
    credentialsSpan: cred?.span,
    methods: { kind: 'unknown', span: cors.span },
    allowHeaders: !headers ? undefined : strings(headers) ? { kind: 'list', items: strings(headers)!.map((h) => ({ value: h.value, span: h.inner })), span: headers.span } : { kind: 'unknown', span: headers.span },
    maxAge: ma?.k === 'num' ? { value: String(ma.value), span: ma.span } : undefined,
    vary: 'absent',
    emits: 'options-only',
    answersPreflight: true,
    handWritten: false,
    writeIds: [],
  };
  return { policy, kind: 'http-api', originNode: o.node, entryNodes: o.entries, credNode: cred, maxAgeNode: ma };
}


/** A serverless.yml root (already through `variables`). */
export function readServerless(root: JsonNode, r: ReadResult): void {
  const httpCors = pairOf(prop(prop(root, 'provider'), 'httpApi'), 'cors');
  if (httpCors?.value) {
    r.mentions.push({ span: httpCors.keySpan, library: SERVERLESS_LIBRARY, option: 'httpApi.cors' });
    mentionKeys(r.mentions, httpCors.value, SERVERLESS_LIBRARY, Object.keys(HTTP_KEYS));
    const v = httpCors.value;
    // the same configuration in API Gateway's names; allowedOrigins defaults to `*`
    const cfg: JsonNode = v.k === 'obj' ? { ...v, props: v.props.filter((p) => HTTP_KEYS[p.key]).map((p) => ({ ...p, key: HTTP_KEYS[p.key] })) } : v;
    const implied = cfg.k === 'obj' && !prop(cfg, 'AllowOrigins');
    if (implied && cfg.k === 'obj') {
      const star: JsonNode = { k: 'str', span: httpCors.keySpan, value: '*', inner: httpCors.keySpan, verbatim: false };
      cfg.props.push({ key: 'AllowOrigins', keySpan: httpCors.keySpan, value: { k: 'arr', span: httpCors.keySpan, items: [star] }, span: httpCors.span });
    }
    const b = httpApiPolicy(cfg, `sls-${r.built.length + 1}`, 'provider.httpApi', ['provider', 'httpApi']);
    // nothing written to edit for an implied origin
    if (b) r.built.push(implied ? { ...b, originNode: undefined, entryNodes: [] } : b);
  }
  const functions = prop(root, 'functions');
  if (functions?.k !== 'obj') return;
  for (const fn of functions.props) {
    const events = prop(fn.value, 'events');
    if (events?.k !== 'arr') continue;
    events.items.forEach((ev, i) => {
      const http = prop(ev, 'http');
      const cors = pairOf(http, 'cors');
      if (!cors?.value || (cors.value.k === 'bool' && !cors.value.value)) return;
      r.mentions.push({ span: cors.keySpan, library: SERVERLESS_LIBRARY, option: 'cors' });
      mentionKeys(r.mentions, cors.value, SERVERLESS_LIBRARY, REST_KEYS);
      const p = prop(http, 'path');
      const label = `function ${fn.key} http ${p?.k === 'str' ? p.value : `event ${i + 1}`}`;
      r.built.push(restPolicy(cors.value, `sls-${r.built.length + 1}`, label, ['functions', fn.key, `event ${i + 1}`]));
    });
  }
}
