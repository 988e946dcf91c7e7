/**
 * CloudFormation and SAM templates (YAML or JSON), serverless.yml (serverless.ts), S3 `put-bucket-cors` JSON
 * and the console's bare rule array, all read into JSON-like nodes (syntax/json.ts's JsonNode; YAML converted here, CloudFormation tags
 * such as `!Ref`/`!Sub`/`!If` become unknown, and so do `{ "Ref": … }` / `{ "Fn::…": … }` objects).
 */
import type { OptionMention } from '../../model/index.js';
import { parseJson, prop, type JsonNode } from '../../syntax/json.js';
import { parseYamlAll, type YamlNode } from '../../syntax/yaml.js';
import { httpApiPolicy, HTTP_API_LIBRARY, SAM_LIBRARY, SAM_REFUSAL, samRestPolicy, type ApiBuilt } from './apigw.js';
import { mentionKeys, pairOf } from './nodes.js';
import { readServerless, variables } from './serverless.js';
import { CFN_S3_KEYS, S3_API_KEYS, S3_LIBRARY, s3RulePolicy, s3Rules, type S3Built, type S3Keys } from './s3.js';

export type Built = (S3Built & { kind: 's3' }) | ApiBuilt;

const INTRINSIC = /^(Ref|Condition|Fn::[A-Za-z]+)$/;

/** YAML → JsonNode. A map with one intrinsic-function key (JSON-style CloudFormation) is unknown. */
export function fromYaml(n: YamlNode | undefined): JsonNode | undefined {
  if (!n) return undefined;
  switch (n.k) {
    case 'scalar':
      if (typeof n.value === 'string') return { k: 'str', span: n.span, value: n.value, inner: n.inner, verbatim: n.verbatim };
      if (typeof n.value === 'number') return { k: 'num', span: n.span, value: n.value };
      if (typeof n.value === 'boolean') return { k: 'bool', span: n.span, value: n.value };
      return { k: 'null', span: n.span };
    case 'seq':
      return { k: 'arr', span: n.span, items: n.items.map((i) => fromYaml(i) ?? { k: 'unknown', span: i.span }) };
    case 'map':
      return { k: 'obj', span: n.span, props: n.pairs.map((p) => ({ key: p.key, keySpan: p.keySpan, value: fromYaml(p.value), span: p.span })) };
    default:
      return { k: 'unknown', span: n.span };
  }
}

/** `{ "Ref": … }`, `{ "Fn::If": … }` anywhere → unknown (JSON templates). */
function intrinsics(n: JsonNode): JsonNode {
  if (n.k === 'obj') {
    if (n.props.length === 1 && INTRINSIC.test(n.props[0].key)) return { k: 'unknown', span: n.span };
    return { ...n, props: n.props.map((p) => ({ ...p, value: p.value && intrinsics(p.value) })) };
  }
  if (n.k === 'arr') return { ...n, items: n.items.map(intrinsics) };
  return n;
}

export interface ReadResult {
  built: Built[];
  mentions: OptionMention[];
  notes: string[];
}


const SAM_KEYS = ['AllowOrigin', 'AllowMethods', 'AllowHeaders', 'AllowCredentials', 'MaxAge'];
const HTTP_KEYS = ['AllowOrigins', 'AllowMethods', 'AllowHeaders', 'AllowCredentials', 'ExposeHeaders', 'MaxAge'];

function addS3(r: ReadResult, rules: JsonNode | undefined, keys: S3Keys, label: string, path: string[]): void {
  s3Rules(rules).forEach((rule, i) => {
    mentionKeys(r.mentions, rule, S3_LIBRARY, Object.values(keys));
    const b = s3RulePolicy(rule, keys, `s3-${r.built.length + 1}`, `${label} rule ${i + 1}`, [...path, `rule ${i + 1}`], 'aws');
    r.built.push({ ...b, kind: 's3' });
  });
}

type Pair = { keySpan: { start: number; end: number }; value?: JsonNode };

/** Lists made by concatenating a Globals list with a resource's: no single place holds them, so no fix. */
const concatenated = new WeakSet<JsonNode>();

/** SAM's Globals merge (samtranslator/plugins/globals/globals.py `_do_merge`): maps merge key by key (the
 *  resource's value wins, recursively), lists concatenate (Globals first), anything else is the resource's.
 *  An unknown value on either side (a CloudFormation tag) makes the result unknown. */
function samMerge(g: JsonNode, l: JsonNode): JsonNode {
  if (g.k === 'unknown' || l.k === 'unknown') return { k: 'unknown', span: l.span };
  if (g.k === 'obj' && l.k === 'obj') {
    const props = g.props.map((gp) => {
      const lp = l.props.findLast((x) => x.key === gp.key);
      return !lp ? gp : { ...lp, value: lp.value && gp.value ? samMerge(gp.value, lp.value) : lp.value };
    });
    for (const lp of l.props) if (!g.props.some((gp) => gp.key === lp.key)) props.push(lp);
    return { ...l, props };
  }
  if (g.k === 'arr' && l.k === 'arr') {
    const merged: JsonNode = { ...l, items: [...g.items, ...l.items] };
    concatenated.add(merged);
    return merged;
  }
  return l;
}

function withGlobals(local: Pair | undefined, global: Pair | undefined): Pair | undefined {
  return local?.value && global?.value ? { ...local, value: samMerge(global.value, local.value) } : local;
}

function addSam(r: ReadResult, corsPair: Pair | undefined, label: string, path: string[]): void {
  if (!corsPair?.value) return;
  r.mentions.push({ span: corsPair.keySpan, library: SAM_LIBRARY, option: 'Cors' });
  mentionKeys(r.mentions, corsPair.value, SAM_LIBRARY, SAM_KEYS);
  if (corsPair.value.k === 'str' && !corsPair.value.value.startsWith("'")) r.notes.push(`${label}: Cors "${corsPair.value.value}" is not a quoted literal ('…'); API Gateway reads it as a mapping expression`);
  const b = samRestPolicy(corsPair.value, `api-${r.built.length + 1}`, label, path);
  if (b) r.built.push(b);
}

/** `sam`: an `AWS::Serverless::HttpApi` (or its Globals), which SAM transforms and checks. */
function addHttp(r: ReadResult, pair: Pair | undefined, label: string, path: string[], sam: boolean): void {
  if (!pair?.value) return;
  r.mentions.push({ span: pair.keySpan, library: HTTP_API_LIBRARY, option: 'CorsConfiguration' });
  mentionKeys(r.mentions, pair.value, HTTP_API_LIBRARY, HTTP_KEYS);
  const b = httpApiPolicy(pair.value, `api-${r.built.length + 1}`, label, path);
  if (b && sam && b.policy.origin.kind === 'any' && b.policy.credentials === true) b.policy.refusal = SAM_REFUSAL;
  if (b) r.built.push(b.originNode && concatenated.has(b.originNode) ? { ...b, originNode: undefined } : b);
}

/** Whether a Globals CORS setting reaches some API: one of `type` without its own setting, or an implicit API
 *  (a function event of `event` type naming no API of its own through `idKey`). */
function globalsApply(resources: JsonNode, type: string, key: string, event: string, idKey: string): boolean {
  if (resources.k !== 'obj') return true;
  const typed = (t: string) => resources.props.filter((p) => { const ty = prop(p.value, 'Type'); return ty?.k === 'str' && ty.value === t; });
  const explicit = typed(type);
  if (explicit.length === 0 || explicit.some((a) => !pairOf(prop(a.value, 'Properties'), key))) return true;
  return typed('AWS::Serverless::Function').some((f) => {
    const events = prop(prop(f.value, 'Properties'), 'Events');
    return events?.k === 'obj' && events.props.some((e) => { const t = prop(e.value, 'Type'); return t?.k === 'str' && t.value === event && !prop(prop(e.value, 'Properties'), idKey); });
  });
}

/** A template's root map. */
function readTemplate(root: JsonNode, r: ReadResult): void {
  const globals = prop(root, 'Globals');
  const resources = prop(root, 'Resources') ?? { k: 'obj', span: root.span, props: [] };
  const gApi = pairOf(prop(globals, 'Api'), 'Cors');
  const gHttp = pairOf(prop(globals, 'HttpApi'), 'CorsConfiguration');
  if (globalsApply(resources, 'AWS::Serverless::Api', 'Cors', 'Api', 'RestApiId')) addSam(r, gApi, 'Globals Api', ['Globals', 'Api']);
  if (globalsApply(resources, 'AWS::Serverless::HttpApi', 'CorsConfiguration', 'HttpApi', 'ApiId')) addHttp(r, gHttp, 'Globals HttpApi', ['Globals', 'HttpApi'], true);
  if (resources.k !== 'obj') return;
  for (const res of resources.props) {
    const type = prop(res.value, 'Type');
    const props = prop(res.value, 'Properties');
    if (type?.k !== 'str') continue;
    const label = `${type.value} ${res.key}`;
    const path = ['Resources', res.key];
    if (type.value === 'AWS::S3::Bucket') {
      const cfg = pairOf(props, 'CorsConfiguration');
      if (cfg) r.mentions.push({ span: cfg.keySpan, library: S3_LIBRARY, option: 'CorsConfiguration' });
      const rules = pairOf(cfg?.value, 'CorsRules');
      if (rules) r.mentions.push({ span: rules.keySpan, library: S3_LIBRARY, option: 'CorsRules' });
      addS3(r, rules?.value, CFN_S3_KEYS, label, path);
    } else if (type.value === 'AWS::Serverless::Api') addSam(r, withGlobals(pairOf(props, 'Cors'), gApi), label, path);
    else if (type.value === 'AWS::Serverless::HttpApi') addHttp(r, withGlobals(pairOf(props, 'CorsConfiguration'), gHttp), label, path, true);
    else if (type.value === 'AWS::ApiGatewayV2::Api') addHttp(r, pairOf(props, 'CorsConfiguration'), label, path, false);
  }
}

/** An S3 CORS document: `{ "CORSRules": [...] }` or the bare rule array. */
function readS3Json(root: JsonNode, r: ReadResult): void {
  const pair = pairOf(root, 'CORSRules');
  if (pair) r.mentions.push({ span: pair.keySpan, library: S3_LIBRARY, option: 'CORSRules' });
  // the console's bare array: only when every element is a rule (so a foreign JSON array is never read)
  const bare = root.k === 'arr' && root.items.length > 0 && root.items.every((i) => prop(i, 'AllowedOrigins') && prop(i, 'AllowedMethods'));
  const rules = pair?.value ?? (bare ? root : undefined);
  addS3(r, rules, S3_API_KEYS, 'S3 bucket CORS', ['S3']);
}

function readRoot(root: JsonNode | undefined, r: ReadResult): void {
  if (!root) return;
  if (prop(root, 'service') && prop(root, 'provider')) readServerless(variables(root), r);
  else if (prop(root, 'Resources') || prop(root, 'Globals')) readTemplate(root, r);
  else readS3Json(root, r);
}

export function readJsonOrYaml(text: string, json: boolean): ReadResult {
  const r: ReadResult = { built: [], mentions: [], notes: [] };
  if (json) {
    const root = parseJson(text);
    readRoot(root && intrinsics(root), r);
    return r;
  }
  for (const doc of parseYamlAll(text)) {
    // a document the parser could not read whole: a value may have swallowed the next lines
    if (doc.errors.length) {
      r.notes.push(`YAML errors: ${doc.errors[0]}`);
      continue;
    }
    const root = fromYaml(doc.root);
    readRoot(root && intrinsics(root), r);
  }
  return r;
}
