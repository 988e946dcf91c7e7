// Envoy's CORS filter as Istio VirtualService corsPolicy and Envoy route `cors:` blocks configure it (semantics
// in knowledge/libraries/istio.ts and envoy.ts): snapshots, the precheck, echo / matcher kinds / durations,
// fixes, robustness.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import envoy, { mayHoldEnvoyCors } from '../../dist/lib/extract/envoy/index.js';
import { durationSeconds } from '../../dist/lib/extract/envoy/policy.js';
import { applyEdits, extractWith, fixtureSet, matchSnapshot, renderFacts, str } from '../helpers.mjs';

const { dir, fixtures, run } = fixtureSet(envoy, 'envoy');

test('envoy: snapshots of every fixture', async () => {
  assert.ok(fixtures.length >= 5);
  for (const f of fixtures) {
    const { facts, text } = await run(f);
    matchSnapshot(join(dir, '__snapshots__', f + '.facts.txt'), renderFacts(facts, text));
  }
});

test('envoy: the precheck wants an Istio VirtualService with corsPolicy, or allow_origin_string_match', () => {
  assert.ok(mayHoldEnvoyCors('apiVersion: networking.istio.io/v1\nkind: VirtualService\nspec:\n  http:\n    - corsPolicy:\n'));
  assert.ok(mayHoldEnvoyCors('cors:\n  allow_origin_string_match:\n'));
  assert.ok(!mayHoldEnvoyCors('ingress:\n  corsPolicy:\n    allowOrigins: []\n'));
  assert.ok(!mayHoldEnvoyCors('# set allow_origin_string_match in cors\n'));
  assert.ok(!mayHoldEnvoyCors('kind: VirtualService\napiVersion: example.com/v1\ncorsPolicy:\n'));
});

test('envoy: matching origins are echoed; kinds of matchers; `*`-accepting matchers let every origin in', async () => {
  const { facts, text } = await run('istio-mesh.yaml');
  const by = Object.fromEntries(facts.policies.map((p) => [p.scope.label, p]));
  const catalog = by['VirtualService api http[catalog]'];
  assert.deepEqual(catalog.origin.entries.map((e) => [e.match, str(text, e.span)]), [['exact', 'https://shop.example'], ['exact', 'https://admin.shop.example/']]);
  assert.deepEqual([catalog.credentials, catalog.maxAge.value, catalog.vary, catalog.answersPreflight], [true, '86400', 'absent', true]);
  const partners = by['VirtualService api http[partners]'];
  assert.deepEqual(partners.origin.entries.map((e) => e.match), ['prefix', 'regex']);
  assert.equal(partners.maxAge.value, '600');
  const pub = by['VirtualService api http[public]'];
  assert.deepEqual([pub.origin.kind, pub.origin.libraryAllowAll, pub.methods.kind], ['reflect', true, 'reflect-request']);
  assert.deepEqual([by['VirtualService legacy http[0]'].origin.kind, by['VirtualService legacy http[0]'].credentials], ['reflect', false]);
  const ev = await run('envoy.yaml');
  assert.deepEqual(ev.facts.policies.map((p) => [p.scope.label, p.origin.kind]), [['cors listener_0 / envoy.filters.network.http_connection_manager / local_route / api', 'reflect'], ['cors listener_0 / envoy.filters.network.http_connection_manager / local_route / admin', 'list']]);
  assert.deepEqual(ev.facts.policies[1].origin.entries.map((e) => e.match), ['exact', 'suffix']);
  assert.ok(facts.optionMentions.every((m) => m.library === 'istio' && str(text, m.span) === m.option));
  assert.deepEqual([durationSeconds('24h'), durationSeconds('1h30m'), durationSeconds('90s'), durationSeconds('1.5s'), durationSeconds('x'), durationSeconds('')], [86400, 5400, 90, 1, undefined, undefined]);
});

test('envoy: fixes write exact matchers in the list form, credentials, max-age', async () => {
  const origins = ['https://app.example.com'];
  const fix = async (f, pick, req) => {
    const r = await run(f);
    const p = pick(r.facts.policies);
    return applyEdits(r.text, envoy.renderFix({ ...req, policyId: p.id }, r.facts, r.file));
  };
  let out = await fix('istio-mesh.yaml', (ps) => ps.find((p) => p.scope.label.endsWith('[public]')), { kind: 'set-origins', origins });
  assert.match(out, /corsPolicy:\n        allowOrigins:\n          - exact: "https:\/\/app\.example\.com"\n        allowCredentials: true/);
  out = await fix('istio-mesh.yaml', (ps) => ps.find((p) => p.scope.label.endsWith('[catalog]')), { kind: 'set-max-age', value: 7200 });
  assert.match(out, /maxAge: "7200s"\n/);
  out = await fix('istio-mesh.yaml', (ps) => ps.find((p) => p.scope.label.startsWith('VirtualService legacy')), { kind: 'set-origins', origins });
  assert.match(out, /allowOrigin:\n          - "https:\/\/app\.example\.com"\n/);
  out = await fix('envoy.yaml', (ps) => ps[0], { kind: 'remove-credentials' });
  assert.match(out, /max_age: "1728000"\n {24}allow_credentials: false\n/);
  out = await fix('envoy.yaml', (ps) => ps[0], { kind: 'set-origins', origins });
  assert.match(out, /allow_origin_string_match:\n {26}- exact: "https:\/\/app\.example\.com"\n {24}allow_methods/);
});

test('envoy: truncated, binary-ish and huge inputs', async () => {
  for (const f of ['istio-mesh.yaml', 'envoy.yaml']) {
    const text = readFileSync(join(dir, f), 'utf8');
    for (let i = 0; i <= text.length; i += 13) {
      const { facts } = await extractWith(envoy, f, text.slice(0, i));
      for (const p of facts.policies) if (p.origin.kind === 'list') for (const e of p.origin.entries) assert.ok(e.span.end <= i);
    }
  }
  for (const t of ['\u0000corsPolicy:\nkind: VirtualService\nnetworking.istio.io/', 'allow_origin_string_match:\n  - {']) assert.doesNotThrow(() => extractWith(envoy, 'x.yaml', t));
  const vs = (i) => `---\napiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: s${i}\nspec:\n  http:\n    - corsPolicy:\n        allowOrigins:\n          - exact: https://a${i}.example\n`;
  const big = Array.from({ length: 3000 }, (_, i) => vs(i)).join('');
  const { facts } = await extractWith(envoy, 'big.yaml', big);
  assert.equal(facts.policies.length, 3000);
});
