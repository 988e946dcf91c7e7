import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join, relative } from 'node:path';
import { readdirSync } from 'node:fs';
import symfony from '../../dist/lib/extract/symfony/index.js';
import { renderFacts, matchSnapshot, fixtureSet, str, applyEdits } from '../helpers.mjs';

const { dir, run } = fixtureSet(symfony, 'symfony');
const fixtures = readdirSync(dir, { recursive: true })
  .map(String)
  .filter((f) => /\.ya?ml$/.test(f) && !f.startsWith('__'));

test('symfony: snapshots of every fixture', async () => {
  assert.ok(fixtures.length >= 10);
  for (const f of fixtures) {
    const { facts, text } = await run(f);
    matchSnapshot(join(dir, '__snapshots__', f.replace(/\//g, '__') + '.facts.txt'), renderFacts(facts, text));
  }
});

test('symfony: precheck and files that give nothing', async () => {
  assert.equal(symfony.mayContain('nelmio_cors:\n  defaults: {}\n'), true);
  assert.equal(symfony.mayContain('framework:\n  # nelmio_cors: elsewhere\n'), false);
  assert.equal((await run('no-cors.yaml')).facts.policies.length, 0);
  // The Symfony recipe: the origin comes from an env placeholder.
  const r = (await run('config/packages/nelmio_cors.yaml')).facts.policies;
  assert.equal(r.length, 1);
  assert.equal(r[0].origin.kind, 'unknown');
  assert.equal(r[0].scope.label, 'path ^/');
});

test("symfony: allow_origin '*' always echoes the Origin", async () => {
  const p = (await run('star-credentials.yaml')).facts.policies;
  assert.equal(p.length, 1, 'the ^/api/ path only inherits the defaults: one policy');
  assert.equal(p[0].origin.kind, 'reflect');
  assert.equal(p[0].origin.libraryAllowAll, true);
  assert.equal(p[0].credentials, true);
  const q = (await run('star-no-credentials.yaml')).facts.policies[0];
  assert.equal(q.origin.kind, 'reflect');
  assert.equal(q.credentials, false);
});

test('symfony: paths merge over defaults; falsy path values are dropped', async () => {
  const { facts } = await run('credentials-false-in-path.yaml');
  const pub = facts.policies.find((p) => p.scope.label === 'path ^/public/');
  assert.equal(pub.credentials, true);
  assert.equal(pub.origin.kind, 'reflect');
  const { facts: f2 } = await run('path-overrides.yaml');
  assert.deepEqual(f2.policies.map((p) => p.scope.label), ['path ^/api/', 'path ^/ (hosts ^api\\.)']);
  assert.equal(f2.policies[0].credentials, true);
  assert.deepEqual(f2.policies[0].origin.entries.map((e) => e.match), ['exact', 'exact']);
  assert.deepEqual(f2.policies[1].origin.entries.map((e) => [e.value, e.match]), [['^http://localhost:[0-9]+$', 'regex']]);
});

async function fix(file, req, pick = 0) {
  const { facts, file: f, text } = await run(file);
  const edits = symfony.renderFix(req(facts.policies[pick]), facts, f);
  return applyEdits(text, edits);
}

test('symfony: fixes written in YAML', async () => {
  const out = await fix('star-credentials.yaml', (p) => ({ kind: 'set-origins', policyId: p.id, origins: ['https://app.example.com'] }));
  assert.match(out, /allow_origin: \['https:\/\/app\.example\.com'\]/);
  const again = await run('x.yaml', out);
  assert.equal(again.facts.policies[0].origin.kind, 'list');
  const re = await fix('unanchored-regex.yaml', (p) => ({ kind: 'set-origins', policyId: p.id, origins: ['https://app.example.com'] }));
  assert.match(re, /allow_origin: \['\^https:\\\/\\\/app\\\.example\\\.com\$'\]/);
  const slash = await fix('trailing-slash.yaml', (p) => ({ kind: 'replace-origin-entry', policyId: p.id, index: 0, value: 'https://app.example.com' }));
  assert.match(slash, /- 'https:\/\/app\.example\.com'\n/);
  const rm = await fix('trailing-slash.yaml', (p) => ({ kind: 'remove-origin-entry', policyId: p.id, index: 0 }));
  assert.equal(rm.includes('app.example.com/'), false);
  assert.match(rm, /allow_origin:\n            - 'https:\/\/admin\.example\.com'\n/);
  const nocred = await fix('star-credentials.yaml', (p) => ({ kind: 'remove-credentials', policyId: p.id }));
  assert.match(nocred, /allow_credentials: false/);
  const forced = await run('forced-origin.yaml');
  const p0 = forced.facts.policies[0];
  const span = p0.origin.span;
  assert.equal(str(forced.text, span), 'https://app.example.com/');
  const e = symfony.renderFix({ kind: 'replace-text', span, text: 'https://app.example.com' }, forced.facts, forced.file);
  assert.match(applyEdits(forced.text, e), /forced_allow_origin_value: 'https:\/\/app\.example\.com'\n/);
  // Under a path, `false` would be dropped by the bundle: no fix offered there.
  const { facts, file } = await run('path-overrides.yaml');
  assert.deepEqual(symfony.renderFix({ kind: 'remove-credentials', policyId: facts.policies[0].id }, facts, file), []);
});

test('symfony: option mentions for hovers', async () => {
  const { facts, text } = await run('unanchored-regex.yaml');
  const m = facts.optionMentions.find((x) => x.option === 'origin_regex');
  assert.equal(str(text, m.span), 'origin_regex');
  assert.equal(m.library, 'nelmio-cors');
});

test('symfony: when@<env> blocks are merged over the file’s own nelmio_cors', async () => {
  const { facts, text } = await run('when-env.yaml');
  assert.deepEqual(facts.policies.map((p) => [p.scope.label, p.origin.kind, p.credentials]), [
    ['path ^/api/', 'list', true],
    ['when@dev: path ^/api/', 'reflect', true],
  ]);
  assert.equal(str(text, facts.policies[1].credentialsSpan), 'true');
  assert.equal(symfony.mayContain('when@dev:\n    nelmio_cors:\n        defaults: {}\n'), true);
});
