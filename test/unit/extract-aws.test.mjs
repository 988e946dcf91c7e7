// The aws extractor: S3 bucket CORS (s3api / console JSON, CloudFormation, Terraform), SAM and API Gateway
// HTTP API CORS; facts snapshots of every fixture, the semantics they rest on, the precheck, robustness.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readdirSync } from 'node:fs';
import aws from '../../dist/lib/extract/aws/index.js';
import { extractorsFor } from '../../dist/lib/service/index.js';
import { resolveLanguage } from '../../dist/lib/service/languages.js';
import { readFileSync } from 'node:fs';
import { renderFacts, matchSnapshot, fixtureSet, extractWith, memWorkspace } from '../helpers.mjs';

const { dir, run } = fixtureSet(aws, 'aws');
const fixtures = readdirSync(dir, { recursive: true })
  .map(String)
  .filter((f) => /\.(json|ya?ml|tf|xml)$/.test(f) && !f.startsWith('__'));

test('aws: snapshots of every fixture', async () => {
  assert.ok(fixtures.length >= 10);
  for (const f of fixtures) {
    const { facts, text } = await run(f);
    matchSnapshot(join(dir, '__snapshots__', f.replace(/\//g, '__') + '.facts.txt'), renderFacts(facts, text));
  }
});

test('aws: S3 echoes a listed origin with credentials true; `*` is sent without credentials', async () => {
  const { facts } = await run('s3/cors.json');
  const [first, second, third] = facts.policies;
  assert.equal(first.origin.kind, 'list');
  assert.equal(first.credentials, true);
  assert.equal(first.vary, 'library');
  assert.equal(first.allowHeaders.kind, 'reflect-request', 'AllowedHeaders `*`: the requested headers are sent back');
  assert.deepEqual(second.origin.entries.map((e) => [e.value, e.match]), [['https://*.preview.example.com', 'regex']]);
  assert.equal(third.origin.kind, 'any');
  assert.equal(third.credentials, false);
  // `http://*` admits every http origin, echoed with credentials
  // a JSON array of other objects is not read as rules
  const foreign = await run('x.json', '[{ "AllowedOrigins": ["https://a.com/"], "name": "x" }, { "id": 2 }]');
  assert.deepEqual(foreign.facts.policies ?? [], []);
  const c = (await run('s3/console-cors.json')).facts.policies[0];
  assert.equal(c.origin.kind, 'reflect');
  assert.equal(c.credentials, true);
});

test('aws: the XML form reads the repeated elements as lists; an element holding markup is unknown', async () => {
  const { facts, text } = await run('s3/cors.xml');
  const [first, second, third] = facts.policies;
  assert.deepEqual(first.origin.entries.map((e) => text.slice(e.span.start, e.span.end)), ['https://www.example.com', 'https://media.example.com/uploads']);
  assert.deepEqual(first.methods.items.map((i) => i.value), ['PUT', 'POST', 'DELETE']);
  assert.equal(first.maxAge.value, '3000');
  assert.equal(second.origin.kind, 'reflect');
  assert.equal(third.origin.kind, 'any');
  const odd = await run('c.xml', '<CORSConfiguration><CORSRule><AllowedOrigin>https://a.com/<b/></AllowedOrigin><AllowedMethod>GET</AllowedMethod></CORSRule></CORSConfiguration>');
  assert.equal(odd.facts.policies[0].origin.kind, 'unknown');
  const half = await run('c.xml', '<CORSConfiguration><CORSRule><AllowedOrigin>https://a.com/</AllowedOr');
  assert.deepEqual(half.facts.policies ?? [], []);
});

test('aws: CloudFormation tags and intrinsic objects are unknown, never judged', async () => {
  const yaml = await run('sam/template.yaml');
  const bucket = yaml.facts.policies.filter((p) => p.library === 'aws-s3');
  assert.deepEqual(bucket.map((p) => p.origin.kind), ['unknown', 'unknown']);
  const admin = yaml.facts.policies.find((p) => p.scope.label.includes('AdminApi'));
  assert.equal(admin.origin.kind, 'unknown');
  const json = await run('sam/stack.template.json');
  assert.equal(json.facts.policies.find((p) => p.library === 'aws-s3').origin.kind, 'unknown');
});

test('aws: SAM REST Cors is a static value on the preflight only; AllowCredentials with `*` is refused', async () => {
  const { facts } = await run('sam/template.yaml');
  const globals = facts.policies.find((p) => p.scope.label === 'Globals Api');
  assert.equal(globals.origin.kind, 'any');
  assert.equal(globals.credentials, true);
  assert.equal(globals.emits, 'options-only');
  const orders = facts.policies.find((p) => p.scope.label.includes('OrdersApi'));
  assert.deepEqual([orders.origin.kind, orders.origin.value], ['static', 'https://shop.example.com/']);
  assert.equal(orders.credentials, true, 'AllowCredentials comes from Globals (SAM merges maps key by key)');
  assert.equal(facts.policies.find((p) => p.scope.label.includes('PublicApi')).credentials, false, 'a string replaces the Globals map');
  assert.equal(orders.maxAge.value, '600');
  const http = facts.policies.find((p) => p.library === 'aws-http-api');
  assert.deepEqual(http.origin.entries.map((e) => e.value), ['https://shop.example.com', 'https://admin.example.com', 'shop.example.com']);
  // Globals reach no API when every API sets its own Cors and no function event uses the implicit API
  const own = await run('t.yaml', "Transform: AWS::Serverless-2016-10-31\nGlobals:\n  Api:\n    Cors:\n      AllowCredentials: true\nResources:\n  A:\n    Type: AWS::Serverless::Api\n    Properties:\n      Cors:\n        AllowOrigin: \"'https://a.example.com'\"\n");
  assert.deepEqual(own.facts.policies.map((p) => [p.scope.label, p.origin.kind, p.credentials]), [['AWS::Serverless::Api A', 'static', true]]);
  // SAM tests `AllowCredentials is True`: a string "true" sends no credentials header
  const str = await run('t.yaml', "Transform: AWS::Serverless-2016-10-31\nResources:\n  A:\n    Type: AWS::Serverless::Api\n    Properties:\n      Cors:\n        AllowCredentials: 'true'\n");
  assert.deepEqual([str.facts.policies[0].origin.kind, str.facts.policies[0].credentials], ['any', false]);
  // a bare string without inner quotes is an API Gateway mapping expression: unknown, with a note
  const bare = await run('t.yaml', "Transform: AWS::Serverless-2016-10-31\nResources:\n  A:\n    Type: AWS::Serverless::Api\n    Properties:\n      Cors: '*'\n");
  assert.equal(bare.facts.policies[0].origin.kind, 'unknown');
  assert.match(bare.facts.notes.join('\n'), /not a quoted literal/);
});

test('aws: Terraform reads cors_rule blocks of both resources and var defaults of the same file', async () => {
  const { facts } = await run('terraform/main.tf');
  assert.deepEqual(
    facts.policies.map((p) => `${p.scope.label}: ${p.origin.kind}`),
    [
      'aws_s3_bucket_cors_configuration.uploads cors_rule 1: list',
      'aws_s3_bucket_cors_configuration.uploads cors_rule 2: any',
      'aws_s3_bucket_cors_configuration.assets cors_rule 1: list',
      'aws_s3_bucket.legacy_reports cors_rule 1: list',
      'aws_s3_bucket_cors_configuration.exports cors_rule 1: unknown',
    ],
  );
  assert.deepEqual(facts.policies[0].origin.entries.map((e) => e.value), ['https://app.example.com', 'https://app.example.com:443']);
  assert.match(facts.notes.join('\n'), /dynamic "cors_rule"/);
  const clean = await run('terraform/clean.tf');
  assert.equal(clean.facts.policies[0].origin.kind, 'unknown', 'an interpolated entry makes the list unknown');
});

test('aws: serverless.yml — REST cors is preflight-only, origins are echoed by a template, ${} variables unknown', async () => {
  const { facts } = await run('serverless/serverless.yml');
  const by = (label) => facts.policies.find((p) => p.scope.label.includes(label));
  assert.equal(by('provider.httpApi').origin.kind, 'any');
  assert.equal(by('provider.httpApi').credentials, true);
  const list = by('listOrders');
  assert.deepEqual([list.origin.kind, list.credentials, list.emits], ['any', false, 'options-only']);
  assert.deepEqual(by('adminReport').origin.entries.map((e) => e.value), ['https://admin.example.com/', 'https://ops.example.com']);
  assert.equal(by('profile').origin.kind, 'unknown');
  assert.equal(by('legacy').origin.kind, 'reflect');
  assert.equal(facts.policies.some((p) => p.scope.label.includes('webhook')), false);
  // `origin: 'a, b'` is split like `origins`, each part at its place
  const split = await run('serverless.yml', "service: x\nprovider:\n  name: aws\nfunctions:\n  f:\n    events:\n      - http:\n          cors:\n            origin: 'https://a.example.com/, https://b.example.com'\n");
  assert.deepEqual(split.facts.policies[0].origin.entries.map((e) => split.text.slice(e.span.start, e.span.end)), ['https://a.example.com/', 'https://b.example.com']);
  // httpApi `cors: true` (origin `*` without credentials) and a wildcard-subdomain entry
  const clean = await run('serverless/clean-serverless.yaml');
  assert.deepEqual(clean.facts.policies.map((p) => p.origin.kind), ['any', 'list']);
});

test('aws: Terraform var defaults of the module folder, unless a tfvars file assigns them; placed at the reference', async () => {
  const mod = join(dir, 'terraform-module');
  const files = Object.fromEntries(['main.tf', 'variables.tf', 'terraform.tfvars'].map((f) => [`/m/${f}`, readFileSync(join(mod, f), 'utf8')]));
  const text = files['/m/main.tf'];
  const { facts } = await extractWith(aws, '/m/main.tf', text, undefined, memWorkspace(files));
  const [media, admin] = facts.policies;
  assert.deepEqual(media.origin.entries.map((e) => [e.value, text.slice(e.span.start, e.span.end)]), [
    ['https://www.example.com/', 'var.cors_origins'],
    ['https://studio.example.com', 'var.cors_origins'],
  ]);
  assert.equal(media.maxAge.value, '3000');
  assert.equal(admin.origin.kind, 'unknown', 'terraform.tfvars assigns admin_origins');
  assert.deepEqual(facts.policies[2].origin.entries.map((e) => [e.value, e.match, text.slice(e.span.start, e.span.end)]), [
    ['https://*.preview.example.com', 'regex', 'https://*.preview.example.com'],
    ['https://preview.example.com/app', 'exact', 'https://preview.example.com/app'],
  ]);
  // without the workspace (single-file analysis) both are unknown
  const alone = await run('terraform-module/main.tf');
  assert.deepEqual(alone.facts.policies.map((p) => p.origin.kind), ['unknown', 'unknown', 'list']);
});

test('aws: the precheck needs an S3 CORS key, a template CORS property or a Terraform cors_rule', () => {
  assert.equal(aws.mayContain('{ "CORSRules": [] }'), true);
  assert.equal(aws.mayContain('Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      CorsConfiguration:\n'), true);
  assert.equal(aws.mayContain('resource "aws_s3_bucket" "b" {\n  cors_rule {\n  }\n}\n'), true);
  assert.equal(aws.mayContain('Resources:\n  B:\n    Type: AWS::S3::Bucket\n'), false);
  assert.equal(aws.mayContain('{ "name": "x", "description": "CORSRules and AllowedOrigins in prose" }'), false);
  assert.equal(aws.mayContain('# cors_rule is set elsewhere\nresource "aws_instance" "x" {}\n'), false);
  assert.equal(aws.mayContain('service: a\nprovider:\n  name: aws\nfunctions:\n  f:\n    events:\n      - http:\n          cors: true\n'), true);
  assert.equal(aws.mayContain('service: a\nprovider:\n  name: aws\n'), false);
});

test('aws: which files it reads — YAML and .tf by extension, JSON and XML by name, any JSON by content in an editor', () => {
  const ids = (path, id, text) => extractorsFor(path, id, text).map((e) => e.id);
  const cfn = '{ "AWSTemplateFormatVersion": "2010-09-09", "Resources": { "B": { "Type": "AWS::S3::Bucket", "Properties": { "CorsConfiguration": {} } } } }';
  assert.ok(ids('/r/infra/s3.tf').includes('aws'));
  assert.ok(ids('/r/template.yml').includes('aws'));
  for (const name of ['cors.json', 'bucket-cors.json', 'cors-config.json', 'site.cors.json', 'stack.template.json', 'template.json', 'cors.xml']) assert.ok(ids(`/r/${name}`).includes('aws'), name);
  for (const name of ['package.json', '.corslintrc.json', 'tsconfig.json', 'pom.xml', 'web.config']) assert.ok(!ids(`/r/${name}`).includes('aws'), name);
  // an editor's json id: the content decides
  assert.equal(resolveLanguage('json', cfn), 'json');
  assert.equal(resolveLanguage('json', '{ "name": "x" }'), undefined);
  assert.ok(ids('/r/stack.json', 'json', cfn).includes('aws'));
  assert.ok(ids('/r/main.tf', 'terraform').includes('aws'));
});

test('aws: half-typed, binary-ish and huge files never crash and never give a wrong policy', async () => {
  const half = await run('h.json', '{ "CORSRules": [ { "AllowedOrigins": ["https://a.example.com", "https://b.exa');
  for (const p of half.facts.policies) assert.notEqual(p.origin.kind, 'list', 'a cut-off entry makes the list unknown');
  const halfYaml = await run('h.yaml', 'Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      CorsConfiguration:\n        CorsRules:\n          - AllowedOrigins: [https://a.com/\n');
  assert.deepEqual(halfYaml.facts.policies, []);
  const halfTf = await run('h.tf', 'resource "aws_s3_bucket_cors_configuration" "x" {\n  cors_rule {\n    allowed_origins = ["https://a.com/", \n    allowed_methods = ["GET"]\n');
  for (const p of halfTf.facts.policies) assert.notEqual(p.origin.kind, 'list');
  // a broken block does not hide the next one; a huge module is read whole
  const block = (n, o) => `resource "aws_s3_bucket_cors_configuration" "b${n}" {\n  bucket = "b${n}"\n  cors_rule {\n    allowed_methods = ["GET"]\n    allowed_origins = ["${o}"]\n  }\n}\n`;
  const broken = await run('m.tf', 'resource "aws_s3_bucket_cors_configuration" "a" {\n  cors_rule {\n    allowed_origins = [\n' + block(2, 'https://b.example.com/'));
  const good = broken.facts.policies.filter((p) => p.origin.kind === 'list');
  assert.deepEqual(good.map((p) => p.origin.entries.map((e) => e.value)).flat().filter((v) => v !== 'https://b.example.com/'), []);
  // typing a new block at the end: the root is an ERROR node, the closed block before it is still read
  const typing = await run('m.tf', block(1, 'https://a.example.com/') + '\nresource "aws_s3_bucket_cors_configuration" "n" {\n  cors_rule {\n    allowed_origins = ["https://x.exa');
  assert.deepEqual(typing.facts.policies.map((p) => p.origin.entries?.map((e) => e.value)), [['https://a.example.com/']]);
  const hugeTf = Array.from({ length: 3000 }, (_, i) => block(i, `https://s${i}.example.com`)).join('\n');
  const t1 = Date.now();
  const many = await run('many.tf', hugeTf);
  assert.equal(many.facts.policies.length, 3000);
  assert.ok(Date.now() - t1 < 10000);
  const bin = await run('b.json', '\u0000\u0001{"CORSRules":\u0000[{"AllowedOrigins":[1,2]}]}\uFFFD');
  for (const p of bin.facts.policies) assert.equal(p.origin.kind, 'unknown');
  const rule = '    { "AllowedOrigins": ["https://a.example.com"], "AllowedMethods": ["GET"] },\n';
  const huge = '{ "CORSRules": [\n' + rule.repeat(20000) + '    { "AllowedOrigins": ["https://z.example.com/"], "AllowedMethods": ["GET"] }\n] }\n';
  const t0 = Date.now();
  const big = await run('big.json', huge);
  assert.equal(big.facts.policies.length, 20001);
  assert.ok(Date.now() - t0 < 10000);
  const tooBig = await run('big.json', huge.repeat(2));
  assert.deepEqual(tooBig.facts.policies ?? [], []);
});
