/**
 * AWS CORS configs: S3 bucket CORS (s3api / console JSON, the XML CORSConfiguration, CloudFormation
 * `AWS::S3::Bucket`, Terraform `cors_rule`), API Gateway through SAM (`AWS::Serverless::Api` `Cors`,
 * `AWS::Serverless::HttpApi` `CorsConfiguration`, `Globals`), CloudFormation `AWS::ApiGatewayV2::Api`, and the
 * Serverless Framework's serverless.yml (`http.cors`, `provider.httpApi.cors`). One policy per S3 rule and per
 * API. Reading: template.ts (JSON/YAML), terraform.ts (HCL), xml.ts (S3 XML); semantics: s3.ts, apigw.ts,
 * serverless.ts; fixes: fix.ts.
 */
import type { FileFacts } from '../../model/index.js';
import { tryExtract, tryFix } from '../common.js';
import type { Extractor, SourceFile } from '../types.js';
import { renderAwsFix, type Form } from './fix.js';
import { readJsonOrYaml, type ReadResult } from './template.js';
import { readTerraform } from './terraform.js';
import { readS3Xml } from './xml.js';

const ID = 'aws';
const MAX_TEXT = 2_000_000;

const formOf = (path: string, languageId?: string): Form => (/\.tf$/i.test(path) || languageId === 'terraform' ? 'hcl' : /\.json$/i.test(path) || languageId === 'json' ? 'json' : /\.xml$/i.test(path) ? 'xml' : 'yaml');

/** An S3 CORS document, a template with a CORS property on an S3 bucket or API, Terraform S3 CORS rules, or a
 *  serverless.yml with a `cors:` key. */
export function mayHoldAwsCors(t: string): boolean {
  return (
    /"(CORSRules|AllowedOrigins)"|^[ \t-]*(CORSRules|AllowedOrigins)[ \t]*:|<CORSConfiguration[\s>]/m.test(t) ||
    (/AWS::(S3::Bucket|Serverless|ApiGatewayV2::Api)\b/.test(t) && /\bCors(Configuration|Rules)?["']?[ \t]*:/.test(t)) ||
    (/\bcors_rule\b/.test(t) && /"aws_s3_bucket(_cors_configuration)?"/.test(t)) ||
    (/\bcors_configuration\b/.test(t) && /"aws_apigatewayv2_api"/.test(t)) ||
    (/^service[ \t]*:/m.test(t) && /^provider[ \t]*:/m.test(t) && /^[ \t]+cors[ \t]*:/m.test(t))
  );
}

function read(file: SourceFile): ReadResult | undefined {
  if (file.text.length > MAX_TEXT) return undefined;
  const form = formOf(file.path, file.languageId);
  if (form === 'xml') return readS3Xml(file.text);
  if (form !== 'hcl') return readJsonOrYaml(file.text, form === 'json');
  const tree = file.tree('hcl');
  return tree ? readTerraform(tree.rootNode, file.path, file.workspace) : undefined;
}

const extractor: Extractor = {
  id: ID,
  title: 'AWS CORS configs (S3 bucket CORS, CloudFormation, SAM, API Gateway HTTP APIs, Serverless Framework, Terraform)',
  // `json` only when the content shows an AWS CORS document (service/languages.ts); by name, JSON and XML only
  // under the names these files get (a scan must not list every package.json), YAML and Terraform always
  languages: ['terraform', 'json'],
  filePatterns: [
    '**/*.yaml',
    '**/*.yml',
    '**/*.tf',
    '**/{cors,*-cors,*_cors,*.cors,cors-*,cors_*}.{json,xml}',
    '**/{template,*.template,*-template,*.cfn,*-cfn,cloudformation,*.cloudformation}.json',
  ],
  grammarFor: (f) => (/\.tf$/i.test(f.path) || f.languageId === 'terraform' ? 'hcl' : undefined),
  mayContain: mayHoldAwsCors,
  extract: (file): Partial<FileFacts> =>
    tryExtract(ID, () => {
      const r = read(file);
      return r && { policies: r.built.map((b) => b.policy), optionMentions: r.mentions, notes: r.notes };
    }),
  renderFix: (req, _facts, file) =>
    tryFix(() => {
      if (!('policyId' in req)) return req.kind === 'replace-text' ? undefined : [];
      const b = read(file)?.built.find((x) => x.policy.id === req.policyId);
      return b ? renderAwsFix(req, b, file.text, formOf(file.path, file.languageId)) : [];
    }),
};

export default extractor;
