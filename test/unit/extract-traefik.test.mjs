// Traefik headers middlewares (semantics in knowledge/libraries/traefik.ts, from traefik v3.7.9 and v2.11.53):
// fixture snapshots for the four forms (file-provider YAML and TOML, Kubernetes CRD, docker-compose labels), the
// precheck, what each setting makes Traefik send, fixes in each form, and robustness.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import traefik from '../../dist/lib/extract/traefik/index.js';
import { mayHoldTraefik } from '../../dist/lib/extract/traefik/index.js';
import { applyEdits, fixtureSet, matchSnapshot, renderFacts, str, extractWith } from '../helpers.mjs';

const { dir, fixtures, run } = fixtureSet(traefik, 'traefik');

test('traefik: snapshots of every fixture', async () => {
  assert.ok(fixtures.length >= 7);
  for (const f of fixtures) {
    const { facts, text } = await run(f);
    matchSnapshot(join(dir, '__snapshots__', f + '.facts.txt'), renderFacts(facts, text));
  }
});

test('traefik: the precheck needs a Traefik form and a CORS field, line-anchored', () => {
  const yes = [
    'labels:\n  - "traefik.http.middlewares.c.headers.accesscontrolalloworiginlist=*"\n',
    'labels:\n  traefik.http.middlewares.c.headers.accessControlAllowOriginList: "*"\n',
    'apiVersion: traefik.io/v1alpha1\nkind: Middleware\nspec:\n  headers:\n    accessControlAllowOriginList: ["*"]\n',
    'apiVersion: traefik.containo.us/v1alpha1\nkind: Middleware\nspec:\n  headers:\n    accessControlAllowCredentials: true\n',
    'http:\n  middlewares:\n    c:\n      headers:\n        accessControlAllowOriginList: ["*"]\n',
    '[http.middlewares.c.headers]\naccessControlAllowOriginList = ["*"]\n',
  ];
  for (const t of yes) assert.ok(mayHoldTraefik(t), t);
  const no = [
    // prose and scripts that mention the fields; other kinds of Middleware; no CORS field
    '# set traefik.http.middlewares.c.headers.accesscontrolalloworiginlist in your labels\n',
    'steps:\n  - run: echo "traefik.http.middlewares.c.headers.accesscontrolalloworiginlist=*"\n',
    'apiVersion: example.com/v1\nkind: Middleware\nspec:\n  headers:\n    accessControlAllowOriginList: ["*"]\n',
    'http:\n  middlewares:\n    s:\n      headers:\n        stsSeconds: 1\n',
    'kind: Ingress\nmetadata:\n  annotations:\n    nginx.ingress.kubernetes.io/cors-allow-origin: "*"\n',
  ];
  for (const t of no) assert.ok(!mayHoldTraefik(t), t);
});

const byName = (facts, name) => facts.policies.find((p) => p.scope.label.endsWith(' ' + name));

test('traefik: `*` with credentials echoes the Origin; exact entries are compared byte for byte; Vary only with addVaryHeader', async () => {
  const { facts, text } = await run('docker-compose.yml');
  const api = byName(facts, 'api-cors');
  assert.deepEqual([api.origin.kind, api.origin.libraryAllowAll, api.credentials, api.vary, api.answersPreflight], ['reflect', true, true, 'absent', true]);
  assert.deepEqual(api.methods.items.map((i) => str(text, i.span)), ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS']);
  const web = byName(facts, 'web-cors');
  assert.deepEqual(web.origin.entries.map((e) => [e.value, e.match, str(text, e.span)]), [
    ['https://app.example.com', 'exact', 'https://app.example.com'],
    ['https://admin.example.com/', 'exact', 'https://admin.example.com/'],
  ]);
  assert.deepEqual(web.origin.tolerance, {});
  assert.equal(web.vary, 'library');
  // custom response headers are sent as written
  const assets = byName(facts, 'assets-cors');
  assert.deepEqual([assets.origin.kind, assets.credentials, assets.layer], ['any', true, 'edge']);
  // option hovers on the field's part of each label key
  const m = facts.optionMentions.find((x) => x.option === 'accessControlAllowOriginList');
  assert.equal(str(text, m.span), 'accesscontrolalloworiginlist');
  const crd = await run('middleware-crd.yaml');
  assert.deepEqual(crd.facts.policies.map((p) => [p.scope.label, p.origin.kind, p.allowHeaders?.kind]), [['Middleware cors', 'reflect', 'reflect-request'], ['Middleware cors-legacy', 'list', undefined]]);
});

test('traefik: regexes are regex entries; `*` without credentials sends `*`; TOML tables', async () => {
  const { facts } = await run('dynamic.yml');
  const partner = byName(facts, 'partner-cors');
  assert.deepEqual(partner.origin.entries.map((e) => [e.value, e.match]), [['null', 'exact'], ['https://partner.example', 'exact'], ['^https://[a-z0-9-]+\\.partner\\.example$', 'regex']]);
  assert.equal(byName(facts, 'public-cors').origin.kind, 'any');
  assert.equal(byName(facts, 'security'), undefined);
  const toml = await run('dynamic.toml');
  assert.deepEqual(toml.facts.policies.map((p) => [p.scope.label, p.origin.kind, p.credentials]), [['middleware cors', 'reflect', true], ['middleware cors-ok', 'list', true], ['middleware headers-only', 'static', false]]);
});

const fixOf = async (f, pick, req) => {
  const r = await run(f);
  const p = pick(r.facts);
  return applyEdits(r.text, traefik.renderFix({ ...req, policyId: p.id }, r.facts, r.file));
};

test('traefik: fixes in each form', async () => {
  const origins = ['https://app.example.com', 'https://admin.example.com'];
  // label list value
  let out = await fixOf('docker-compose.yml', (f) => byName(f, 'api-cors'), { kind: 'set-origins', origins });
  assert.match(out, /headers\.accesscontrolalloworiginlist=https:\/\/app\.example\.com,https:\/\/admin\.example\.com"/);
  // YAML block list
  out = await fixOf('middleware-crd.yaml', (f) => f.policies[0], { kind: 'set-origins', origins });
  assert.match(out, /accessControlAllowOriginList:\n      - "https:\/\/app\.example\.com"\n      - "https:\/\/admin\.example\.com"\n    accessControlAllowCredentials/);
  // TOML array and boolean
  out = await fixOf('dynamic.toml', (f) => f.policies[0], { kind: 'set-origins', origins: origins.slice(0, 1) });
  assert.match(out, /accessControlAllowOriginList = \["https:\/\/app\.example\.com"\]\n/);
  out = await fixOf('dynamic.toml', (f) => f.policies[0], { kind: 'remove-credentials' });
  assert.match(out, /accessControlAllowCredentials = false\n  accessControlAllowMethods = \["GET", "POST", "OPTIONS"\]/);
  // YAML flow list; max-age
  out = await fixOf('dynamic.yml', (f) => byName(f, 'public-cors'), { kind: 'set-max-age', value: 7200 });
  assert.match(out, /accessControlMaxAge: 7200\n/);
  // entries: remove a block-list line, replace one in a label
  out = await fixOf('dynamic.yml', (f) => byName(f, 'partner-cors'), { kind: 'remove-origin-entry', index: 0 });
  assert.match(out, /accessControlAllowOriginList:\n          - https:\/\/partner\.example\n/);
  out = await fixOf('docker-compose.yml', (f) => byName(f, 'web-cors'), { kind: 'replace-origin-entry', index: 1, value: 'https://admin.example.com' });
  assert.match(out, /accesscontrolalloworiginlist: "https:\/\/app\.example\.com,https:\/\/admin\.example\.com"\n/);
  // a regex list would still admit others: no origin rewrite
  const r = await run('dynamic.yml');
  assert.deepEqual(traefik.renderFix({ kind: 'set-origins', policyId: byName(r.facts, 'partner-cors').id, origins }, r.facts, r.file), []);
});

test('traefik: half-typed, binary-ish and huge inputs', async () => {
  for (const f of ['docker-compose.yml', 'dynamic.yml', 'middleware-crd.yaml', 'dynamic.toml']) {
    const text = readFileSync(join(dir, f), 'utf8');
    for (let i = 0; i <= text.length; i += 11) {
      const { facts } = await extractWith(traefik, f, text.slice(0, i));
      for (const p of facts.policies) if (p.origin.kind === 'list') for (const e of p.origin.entries) assert.ok(e.span.end <= i && (e.match === 'regex' || text.slice(0, i).includes(e.value)), e.value);
    }
  }
  const half = await run('half-typed.yml');
  assert.ok(half.facts.policies.every((p) => p.origin.kind === 'unknown' || p.credentials === 'unknown'));
  for (const t of ['\u0000\u0001http:\n middlewares:\n  accesscontrolalloworiginlist', '[http.middlewares.x.headers]\naccessControlAllowOriginList = [']) {
    assert.doesNotThrow(() => extractWith(traefik, 'x.yml', t));
    assert.doesNotThrow(() => extractWith(traefik, 'x.toml', t));
  }
  const svc = (i) => `  s${i}:\n    labels:\n      - "traefik.http.middlewares.m${i}.headers.accesscontrolalloworiginlist=https://a${i}.example"\n`;
  const big = 'services:\n' + Array.from({ length: 5000 }, (_, i) => svc(i)).join('');
  const t0 = Date.now();
  const { facts } = await extractWith(traefik, 'docker-compose.yml', big);
  assert.equal(facts.policies.length, 5000);
  assert.ok(Date.now() - t0 < 10000);
});

test('traefik: an image older than 3.6.22 / 3.7.6 (or a traefik.containo.us CRD) sends `*` with credentials as written', async () => {
  const { oldImage } = await import('../../dist/lib/extract/traefik/read.js');
  const old = ['traefik:v2.11.14', 'traefik:2.10', 'docker.io/library/traefik:v3.0', 'traefik:v3.5.3', 'traefik:v3.6.21', 'traefik:v3.7.5', 'traefik:v2'];
  const current = ['traefik:v3.7.9', 'traefik:v3.6.22', 'traefik:v3.7', 'traefik:v3', 'traefik:latest', 'traefik', 'nginx:1.27', 'example/traefik-ui:1.0'];
  for (const i of old) assert.ok(oldImage(i), i);
  for (const i of current) assert.ok(!oldImage(i), i);
  const { facts } = await run('compose-v2.yaml');
  assert.deepEqual(facts.policies.map((p) => [p.origin.kind, p.credentials, p.allowHeaders.kind]), [['any', true, 'any']]);
  const t = 'apiVersion: traefik.containo.us/v1alpha1\nkind: Middleware\nmetadata:\n  name: c\nspec:\n  headers:\n    accessControlAllowOriginList: ["*"]\n    accessControlAllowCredentials: true\n';
  assert.equal((await extractWith(traefik, 'mw.yaml', t)).facts.policies[0].origin.kind, 'any');
});
