// The CLI on an AWS repository made on disk: S3 CORS JSON (s3api and console forms), a SAM template, a
// CloudFormation JSON template, a Terraform module with several buckets, and clean files; which rule fires at
// which line, and fixes written in each form that the CLI then reads back clean.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findingsByFile, putFixture, root } from '../helpers.mjs';

const cli = join(root, 'dist/server/cli.js');
let ws;

before(() => {
  ws = mkdtempSync(join(tmpdir(), 'cors-lint-aws-'));
  for (const f of ['s3/cors.json', 's3/console-cors.json', 's3/clean-cors.json', 's3/package.json', 's3/cors.xml', 's3/pom.xml']) putFixture(ws, `aws/${f}`, `buckets/${f.slice(3)}`);
  for (const f of ['sam/template.yaml', 'sam/stack.template.json', 'sam/clean-template.yml', 'sam/httpapi-globals.yaml']) putFixture(ws, `aws/${f}`, f);
  for (const f of ['serverless/serverless.yml', 'serverless/clean-serverless.yaml']) putFixture(ws, `aws/${f}`, `svc/${f.slice(11)}`);
  for (const f of ['main.tf', 'variables.tf', 'terraform.tfvars']) putFixture(ws, `aws/terraform-module/${f}`, `modules/media/${f}`);
  for (const f of ['terraform/main.tf', 'terraform/clean.tf']) putFixture(ws, `aws/${f}`, `infra/${f.slice(10)}`);
  putFixture(ws, 'aws/terraform-httpapi/main.tf', 'api/main.tf');
});
after(() => rmSync(ws, { recursive: true, force: true }));

const run = (args) => spawnSync(process.execPath, [cli, ...args], { cwd: ws, encoding: 'utf8', timeout: 60000 });

test('rule ids at the right lines; unknown values, wildcard patterns and clean files give nothing', () => {
  const r = run(['--format', 'json', '.']);
  assert.equal(r.status, 1, r.stderr);
  assert.deepEqual(findingsByFile(r.stdout, ws), {
    // a trailing slash never equals an Origin; 86400 is over Chromium's cap
    'buckets/cors.json': ['5:27 invalid-allowlist-entry', '9:24 max-age-over-browser-cap'],
    // `http://*` admits every http origin, echoed with Access-Control-Allow-Credentials: true
    'buckets/console-cors.json': ['12:14 reflected-origin-with-credentials'],
    // the XML form: a path in an entry, `https*` (every https site, with credentials), max-age over the cap
    'buckets/cors.xml': ['5:20 invalid-allowlist-entry', '14:20 reflected-origin-with-credentials', '21:20 max-age-over-browser-cap'],
    // Globals Api (reaching HealthFunction's implicit API): SAM refuses '*' with AllowCredentials; OrdersApi's
    // static value has a slash; the HTTP API entry has no scheme; the buckets' !Ref / !If values are unknown
    'sam/template.yaml': ['27:22 wildcard-origin-with-credentials', '38:24 invalid-allow-origin-value', '62:13 invalid-allowlist-entry', '66:17 max-age-over-browser-cap'],
    'sam/stack.template.json': ['11:29 wildcard-origin-with-credentials', '29:62 null-origin-allowed'],
    'sam/httpapi-globals.yaml': ['8:12 wildcard-origin-with-credentials'],
    // provider.httpApi `*` with allowCredentials; a REST preflight `*` with credentials; a slash in `origins`;
    // `origins: ['*']` makes the response template echo every Origin; `${self:custom.webOrigin}` is unknown
    'svc/serverless.yml': ['20:12 wildcard-origin-with-credentials', '42:22 wildcard-origin-with-credentials', '55:17 invalid-allowlist-entry', '58:21 max-age-over-browser-cap', '75:24 reflected-origin-with-credentials'],
    // var.app_origins' default (same file), the assets bucket, the inline rule of the legacy bucket
    // var.cors_origins' default in variables.tf, reported at the reference (admin_origins is set in terraform.tfvars)
    // and a literal `locals` value of the same file, reported at the entry itself
    'modules/media/main.tf': ['10:23 invalid-allowlist-entry', '21:56 invalid-allowlist-entry'],
    'infra/main.tf': ['19:46 invalid-allowlist-entry', '68:8 invalid-allowlist-entry', '71:23 max-age-over-browser-cap', '83:25 invalid-allowlist-entry'],
    // aws_apigatewayv2_api cors_configuration (an HTTP API): max_age over the cap, an entry with no scheme;
    // a variable with no default is unknown, an API without the block sends nothing
    'api/main.tf': ['10:21 max-age-over-browser-cap', '20:54 invalid-allowlist-entry'],
  });
  // package.json and pom.xml are not named as these files are (pom.xml's comment mentions CORSConfiguration)
  assert.match(r.stderr, /15 files read \(aws 14\); 1 XML file mentions CORS/);
});

test('--fix rewrites entries, origin lists, credentials and max-age in JSON, YAML and HCL; the files then pass', () => {
  const r = run(['--fix', '--trusted-origin', 'https://app.example.com', '--format', 'json', 'buckets/cors.json', 'buckets/cors.xml', 'sam/template.yaml', 'svc/serverless.yml', 'sam/stack.template.json', 'sam/httpapi-globals.yaml', 'infra/main.tf']);
  // `https*` stays: replacing it needs the user's choice of origins (no trusted list in XML's form)
  assert.equal(r.status, 1, r.stdout + r.stderr);
  assert.deepEqual(findingsByFile(r.stdout, ws), { 'buckets/cors.xml': ['14:20 reflected-origin-with-credentials'] });
  const read = (f) => readFileSync(join(ws, f), 'utf8');
  assert.match(read('buckets/cors.json'), /"AllowedOrigins": \["https:\/\/app\.example\.com", "https:\/\/admin\.example\.com"\],[^]*"MaxAgeSeconds": 7200\n/);
  assert.match(read('sam/stack.template.json'), /"AllowOrigins": \["https:\/\/app\.example\.com"\],[^]*"AllowedOrigins": \["https:\/\/cdn\.example\.com"\],/);
  assert.match(read('sam/httpapi-globals.yaml'), /AllowOrigins:\n {8}\["https:\/\/app\.example\.com"\]\n {6}AllowHeaders:/);
  assert.match(read('buckets/cors.xml'), /<AllowedOrigin>https:\/\/media\.example\.com<\/AllowedOrigin>[^]*<MaxAgeSeconds>7200<\/MaxAgeSeconds>\n  <\/CORSRule>\n<\/CORSConfiguration>/);
  // SAM: AllowOrigin in its mapping-expression quotes, a static value normalised, an HTTP API entry given its scheme
  const sam = read('sam/template.yaml');
  assert.match(sam, /Api:\n {4}Cors:\n {6}AllowOrigin: "'https:\/\/app\.example\.com'"\n/);
  assert.match(sam, /AllowOrigin: "'https:\/\/shop\.example\.com'"\n/);
  assert.match(sam, /AllowOrigins:\n {10}- https:\/\/shop\.example\.com\n {10}- https:\/\/admin\.example\.com\n {10}- https:\/\/shop\.example\.com\n/);
  // serverless.yml: the httpApi list, a REST `origin`, an `origins` list
  const sls = read('svc/serverless.yml');
  assert.match(sls, /allowedOrigins:\n {8}\["https:\/\/app\.example\.com"\]\n/);
  assert.match(sls, /origin: "https:\/\/app\.example\.com"\n/);
  assert.match(sls, /origins: \["https:\/\/app\.example\.com"\]\n/);
  const tf = read('infra/main.tf');
  assert.match(tf, /default {5}= \["https:\/\/app\.example\.com", "https:\/\/app\.example\.com"\]/);
  assert.match(tf, /"https:\/\/www\.example\.com",\n {6}"https:\/\/\*\.example\.com",\n {4}\]\n {4}max_age_seconds = 7200/);
  assert.match(tf, /allowed_origins = \["https:\/\/reports\.example\.com", "https:\/\/reports\.example\.com"\]/);
});
