// AWS configs through the bundled server over stdio: a SAM template (yaml id) with an HTTP API refusing `*` with
// credentials — the finding, the option hover, the fix — and a Terraform file (terraform id) with a fixed entry.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { trackedClients, applyLspEdits } from './client.mjs';

const client = trackedClients();
const SAM =
  'Transform: AWS::Serverless-2016-10-31\nResources:\n  Api:\n    Type: AWS::Serverless::HttpApi\n    Properties:\n' +
  '      CorsConfiguration:\n        AllowOrigins: ["*"]\n        AllowCredentials: true\n';
const TF =
  'resource "aws_s3_bucket_cors_configuration" "site" {\n  bucket = "site"\n  cors_rule {\n' +
  '    allowed_methods = ["GET"]\n    allowed_origins = ["https://site.example.com/"]\n  }\n}\n';

test('SAM HttpApi: `*` with AllowCredentials, AllowCredentials hover, fixes in YAML', async () => {
  const c = client({ settings: { trustedOrigins: ['https://app.example.com'] } });
  await c.initialize();
  const uri = 'file:///tmp/ws/template.yaml';
  const diags = await c.openAndDiagnose(uri, 'yaml', SAM);
  const d = diags.find((x) => x.code === 'wildcard-origin-with-credentials');
  assert.ok(d, JSON.stringify(diags));
  assert.deepEqual(d.range.start, { line: 6, character: 24 });
  const hover = await c.request('textDocument/hover', { textDocument: { uri }, position: { line: 7, character: 12 } });
  assert.match(hover?.contents.value ?? '', /AllowCredentials.*API Gateway HTTP API CORS.*Not allowed with AllowOrigins `\*`/s);
  const actions = await c.request('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
  const allow = actions.find((a) => a.title.startsWith('Allow only'));
  assert.match(applyLspEdits(SAM, allow.edit.changes[uri]), /AllowOrigins: \["https:\/\/app\.example\.com"\]\n/);
  const off = actions.find((a) => a.title.startsWith('Stop sending'));
  assert.match(applyLspEdits(SAM, off.edit.changes[uri]), /AllowCredentials: false\n$/);
  await c.stop();
});

test('Terraform: a trailing slash in allowed_origins, fixed in place; hover on allowed_origins', async () => {
  const c = client();
  await c.initialize();
  const uri = 'file:///tmp/ws/s3.tf';
  const diags = await c.openAndDiagnose(uri, 'terraform', TF);
  const d = diags.find((x) => x.code === 'invalid-allowlist-entry');
  assert.ok(d, JSON.stringify(diags));
  assert.deepEqual(d.range.start, { line: 4, character: 24 });
  const hover = await c.request('textDocument/hover', { textDocument: { uri }, position: { line: 4, character: 8 } });
  assert.match(hover?.contents.value ?? '', /allowed_origins.*Amazon S3 bucket CORS.*\*\*one\*\* `\*` wildcard/s);
  const actions = await c.request('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
  const fix = actions.find((a) => a.title === 'Change to https://site.example.com');
  assert.match(applyLspEdits(TF, fix.edit.changes[uri]), /allowed_origins = \["https:\/\/site\.example\.com"\]/);
  await c.stop();
});

test('serverless.yml: `origins` with `*` echoes every origin with credentials; hover on origins', async () => {
  const c = client();
  await c.initialize();
  const uri = 'file:///tmp/ws/serverless.yml';
  const text =
    'service: api\nprovider:\n  name: aws\nfunctions:\n  f:\n    handler: h.f\n    events:\n      - http:\n          path: x\n          method: get\n' +
    "          cors:\n            origins: ['*']\n            allowCredentials: true\n";
  const diags = await c.openAndDiagnose(uri, 'yaml', text);
  assert.deepEqual(diags.map((d) => `${d.range.start.line}:${d.range.start.character} ${d.code}`), ['11:23 reflected-origin-with-credentials']);
  const hover = await c.request('textDocument/hover', { textDocument: { uri }, position: { line: 11, character: 14 } });
  assert.match(hover?.contents.value ?? '', /origins.*Serverless Framework.*echoes \*\*every\*\* origin/s);
  await c.stop();
});

test('a CloudFormation JSON template under any name is read when the editor calls it json', async () => {
  const c = client();
  await c.initialize();
  const uri = 'file:///tmp/ws/infra/api-stack.json';
  const text =
    '{\n  "AWSTemplateFormatVersion": "2010-09-09",\n  "Resources": {\n    "Api": {\n      "Type": "AWS::ApiGatewayV2::Api",\n' +
    '      "Properties": { "ProtocolType": "HTTP", "CorsConfiguration": { "AllowOrigins": ["*"], "AllowCredentials": true } }\n    }\n  }\n}\n';
  const diags = await c.openAndDiagnose(uri, 'json', text);
  assert.deepEqual(diags.map((d) => `${d.range.start.line}:${d.range.start.character} ${d.code}`), ['5:87 wildcard-origin-with-credentials']);
  await c.stop();
});
