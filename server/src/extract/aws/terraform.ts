/**
 * Terraform (AWS provider) S3 CORS: `resource "aws_s3_bucket_cors_configuration"` and the older inline
 * `cors_rule {}` of `resource "aws_s3_bucket"`, read through syntax/hcl.ts; and the HTTP API CORS of
 * `resource "aws_apigatewayv2_api"`: its `cors_configuration {}` block holds the fields of the API's Cors
 * object (registry.terraform.io hashicorp/aws docs, resources/apigatewayv2_api; the ApiGatewayV2 API's
 * `Cors` type: allow_origins → AllowOrigins …), judged by apigw.ts like a CloudFormation HTTP API. Each `cors_rule` block is one S3
 * rule (s3.ts; the provider passes the attributes to PutBucketCors as they are). A `var.x` value is read from
 * `variable "x" { default = … }` in the same file, or in another `.tf` file of the module folder (read through
 * the host's workspace; its entries then point at the `var.x` reference and no fix edits them), unless a
 * `*.tfvars` / `*.tfvars.json` file of the folder assigns it; a `local.y` from a literal `locals { y = … }` of
 * the folder the same way. Anything else (module inputs, functions, `dynamic "cors_rule"`) is unknown; so are
 * values given with `-var` or `TF_VAR_`, which no file shows.
 */
import type { OptionMention, Span } from '../../model/index.js';
import { hclAttr, readHcl, type HclBlock, type HclBody } from '../../syntax/hcl.js';
import { parseJson, type JsonNode } from '../../syntax/json.js';
import { parseWith, type Node } from '../../syntax/treeSitter.js';
import type { Workspace } from '../types.js';
import { httpApiPolicy, HTTP_API_LIBRARY } from './apigw.js';
import { S3_LIBRARY, s3RulePolicy, TF_S3_KEYS } from './s3.js';
import type { ReadResult } from './template.js';

const RESOURCES = ['aws_s3_bucket_cors_configuration', 'aws_s3_bucket'];
const KEYS = Object.values(TF_S3_KEYS);
/** `cors_configuration` attribute → the CorsConfiguration field apigw.ts reads. */
const HTTP_API_KEYS: Record<string, string> = {
  allow_origins: 'AllowOrigins',
  allow_methods: 'AllowMethods',
  allow_headers: 'AllowHeaders',
  allow_credentials: 'AllowCredentials',
  expose_headers: 'ExposeHeaders',
  max_age: 'MaxAge',
};

/** The values a reference may name in one file: `var.x` from `variable "x" { default = … }`, `local.y` from
 *  `locals { y = … }` (only literal values; a local built from other references stays unknown). */
function named(top: HclBody): Map<string, JsonNode> {
  const out = new Map<string, JsonNode>();
  for (const b of top.blocks) {
    if (b.type === 'locals') for (const a of b.body.attributes) out.set(`local.${a.name}`, a.value);
    if (b.type !== 'variable' || b.labels.length !== 1) continue;
    const d = hclAttr(b.body, 'default');
    if (d) out.set(`var.${b.labels[0].value}`, d.value);
  }
  return out;
}

/** A `cors_rule` block as the JSON-like map s3.ts reads; `rename` maps attribute names onto the keys read
 *  (a `cors_configuration` block onto CorsConfiguration's), and only the names it holds are kept. */
function ruleNode(block: HclBlock, vars: Vars, mentions: OptionMention[], rename?: Record<string, string>): JsonNode {
  const props = block.body.attributes.flatMap((a) => {
    if (rename && !(a.name in rename)) return [];
    if (rename || KEYS.includes(a.name)) mentions.push({ span: a.nameSpan, library: rename ? HTTP_API_LIBRARY : S3_LIBRARY, option: a.name });
    const other = a.ref ? vars.other.get(a.ref) : undefined;
    const value = (a.ref && vars.own.get(a.ref)) || (other ? relocate(other, a.value.span) : a.value);
    return [{ key: rename ? rename[a.name] : a.name, keySpan: a.nameSpan, value, span: a.span }];
  });
  return { k: 'obj', span: block.span, props };
}

/** A value read in another file, placed at the reference `at` in this one (never edited). */
function relocate(n: JsonNode, at: Span): JsonNode {
  if (n.k === 'arr') return { k: 'arr', span: at, items: n.items.map((i) => relocate(i, at)) };
  if (n.k === 'obj') return { k: 'obj', span: at, props: n.props.map((p) => ({ ...p, keySpan: at, span: at, value: p.value && relocate(p.value, at) })) };
  if (n.k === 'str') return { ...n, span: at, inner: at, verbatim: false };
  return { ...n, span: at };
}

/** The top-level body of another HCL file (its tree freed at once). */
function readOther(text: string): HclBody | undefined {
  const tree = parseWith('hcl', text);
  try {
    return tree ? readHcl(tree.rootNode) : undefined;
  } finally {
    tree?.delete();
  }
}

const MAX_SIBLING = 500_000;

interface Vars {
  /** Variable defaults and locals written in this file. */
  own: Map<string, JsonNode>;
  /** Those of the folder's other `.tf` files. */
  other: Map<string, JsonNode>;
}

/** The defaults a `var.x` may take, minus every variable a tfvars file of the folder assigns. */
function folderVars(path: string, ws: Workspace | undefined, own: Map<string, JsonNode>): Vars {
  const slash = path.lastIndexOf('/');
  const names = ws && slash >= 0 ? ws.list(path.slice(0, slash)) : undefined;
  const other = new Map<string, JsonNode>();
  if (!ws || !names) return { own, other };
  const dir = path.slice(0, slash + 1);
  const assigned = new Set<string>();
  for (const name of names) {
    if (dir + name === path || !/\.(tf|tfvars|tfvars\.json)$/.test(name)) continue;
    const text = ws.read(dir + name);
    if (text === undefined || text.length > MAX_SIBLING) continue;
    if (name.endsWith('.tfvars.json')) {
      const root = parseJson(text);
      if (root?.k === 'obj') for (const p of root.props) assigned.add(`var.${p.key}`);
      continue;
    }
    const body = readOther(text);
    if (!body) continue;
    if (name.endsWith('.tfvars')) for (const a of body.attributes) assigned.add(`var.${a.name}`);
    else for (const [k, v] of named(body)) if (!own.has(k)) other.set(k, v);
  }
  for (const k of assigned) {
    own.delete(k);
    other.delete(k);
  }
  return { own, other };
}

/** The `cors_configuration` block of an `aws_apigatewayv2_api` (at most one; a `dynamic` one is not read). */
function readHttpApi(body: HclBody, name: string, vars: Vars, r: ReadResult): void {
  for (const b of body.blocks) {
    if (b.type === 'dynamic' && b.labels[0]?.value === 'cors_configuration') r.notes.push(`${name}: dynamic "cors_configuration" is not read`);
    if (b.type !== 'cors_configuration') continue;
    r.mentions.push({ span: b.typeSpan, library: HTTP_API_LIBRARY, option: 'cors_configuration' });
    const built = httpApiPolicy(ruleNode(b, vars, r.mentions, HTTP_API_KEYS), `tf-${r.built.length + 1}`, `${name} cors_configuration`, [name, 'cors_configuration']);
    if (built) r.built.push(built);
  }
}

export function readTerraform(root: Node, path: string, ws?: Workspace): ReadResult {
  const r: ReadResult = { built: [], mentions: [], notes: [] };
  const top = readHcl(root);
  const vars = folderVars(path, ws, named(top));
  for (const res of top.blocks) {
    if (res.type !== 'resource') continue;
    const name = res.labels.map((l) => l.value).join('.');
    if (res.labels[0]?.value === 'aws_apigatewayv2_api') {
      readHttpApi(res.body, name, vars, r);
      continue;
    }
    if (!RESOURCES.includes(res.labels[0]?.value ?? '')) continue;
    let n = 0;
    for (const b of res.body.blocks) {
      if (b.type === 'dynamic' && b.labels[0]?.value === 'cors_rule') {
        r.notes.push(`${name}: dynamic "cors_rule" is not read`);
        continue;
      }
      if (b.type !== 'cors_rule') continue;
      n++;
      r.mentions.push({ span: b.typeSpan, library: S3_LIBRARY, option: 'cors_rule' });
      const built = s3RulePolicy(ruleNode(b, vars, r.mentions), TF_S3_KEYS, `tf-${r.built.length + 1}`, `${name} cors_rule ${n}`, [name, `cors_rule ${n}`], 'aws');
      r.built.push({ ...built, kind: 's3' });
    }
  }
  return r;
}
