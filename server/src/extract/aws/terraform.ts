/**
 * Terraform (AWS provider) S3 CORS: `resource "aws_s3_bucket_cors_configuration"` and the older inline
 * `cors_rule {}` of `resource "aws_s3_bucket"`, read through syntax/hcl.ts. Each `cors_rule` block is one S3
 * rule (s3.ts; the provider passes the attributes to PutBucketCors as they are). A `var.x` value is read from
 * `variable "x" { default = … }` when that block is in the same file; anything else (locals, other files,
 * functions, `dynamic "cors_rule"`) is unknown.
 */
import type { OptionMention } from '../../model/index.js';
import { hclAttr, readHcl, type HclBlock, type HclBody } from '../../syntax/hcl.js';
import type { JsonNode } from '../../syntax/json.js';
import type { Node } from '../../syntax/treeSitter.js';
import { S3_LIBRARY, s3RulePolicy, TF_S3_KEYS } from './s3.js';
import type { ReadResult } from './template.js';

const RESOURCES = ['aws_s3_bucket_cors_configuration', 'aws_s3_bucket'];
const KEYS = Object.values(TF_S3_KEYS);

/** `variable "x" { default = … }` of this file. */
function defaults(top: HclBody): Map<string, JsonNode> {
  const out = new Map<string, JsonNode>();
  for (const b of top.blocks) {
    if (b.type !== 'variable' || b.labels.length !== 1) continue;
    const d = hclAttr(b.body, 'default');
    if (d) out.set(`var.${b.labels[0].value}`, d.value);
  }
  return out;
}

/** A `cors_rule` block as the JSON-like map s3.ts reads. */
function ruleNode(block: HclBlock, vars: Map<string, JsonNode>, mentions: OptionMention[]): JsonNode {
  const props = block.body.attributes.map((a) => {
    if (KEYS.includes(a.name)) mentions.push({ span: a.nameSpan, library: S3_LIBRARY, option: a.name });
    const value = a.ref && vars.get(a.ref) ? vars.get(a.ref)! : a.value;
    return { key: a.name, keySpan: a.nameSpan, value, span: a.span };
  });
  return { k: 'obj', span: block.span, props };
}

export function readTerraform(root: Node): ReadResult {
  const r: ReadResult = { built: [], mentions: [], notes: [] };
  const top = readHcl(root);
  const vars = defaults(top);
  for (const res of top.blocks) {
    if (res.type !== 'resource' || !RESOURCES.includes(res.labels[0]?.value ?? '')) continue;
    const name = res.labels.map((l) => l.value).join('.');
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
