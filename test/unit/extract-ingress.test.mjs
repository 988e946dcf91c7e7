import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readdirSync } from 'node:fs';
import ingress from '../../dist/lib/extract/ingress/index.js';
import symfony from '../../dist/lib/extract/symfony/index.js';
import { resolveLanguage } from '../../dist/lib/service/languages.js';
import { renderFacts, matchSnapshot, fixtureSet, applyEdits } from '../helpers.mjs';

const { dir, run } = fixtureSet(ingress, 'ingress');
const fixtures = readdirSync(dir, { recursive: true })
  .map(String)
  .filter((f) => /\.ya?ml$/.test(f) && !f.startsWith('__'));

test('ingress: snapshots of every fixture', async () => {
  assert.ok(fixtures.length >= 9);
  for (const f of fixtures) {
    const { facts, text } = await run(f);
    matchSnapshot(join(dir, '__snapshots__', f.replace(/\//g, '__') + '.facts.txt'), renderFacts(facts, text));
  }
});

test('ingress: precheck needs kind Ingress and an ingress-nginx annotation; never together with Symfony', () => {
  const ing = 'kind: Ingress\nmetadata:\n  annotations:\n    nginx.ingress.kubernetes.io/enable-cors: "true"\n';
  assert.equal(ingress.mayContain(ing), true);
  assert.equal(ingress.mayContain('kind: Service\nmetadata:\n  annotations:\n    nginx.ingress.kubernetes.io/enable-cors: "true"\n'), false);
  assert.equal(ingress.mayContain('# kind: Ingress with nginx.ingress.kubernetes.io/enable-cors\nfoo: 1\n'), false);
  const both = ing + 'nelmio_cors:\n  defaults: {}\n';
  assert.equal(ingress.mayContain(both) && symfony.mayContain(both), false);
  // An editor's generic `yaml` id is read as YAML for an Ingress manifest, not for any YAML.
  assert.equal(resolveLanguage('yaml', ing), 'yaml');
  assert.equal(resolveLanguage('yaml', 'kind: Deployment\nspec: {}\n'), undefined);
});

test('ingress: the defaults send a literal * with credentials true', async () => {
  const [p] = (await run('default-enable-only.yaml')).facts.policies;
  assert.equal(p.origin.kind, 'any');
  assert.equal(p.credentials, true);
  assert.equal(p.answersPreflight, true);
  assert.equal(p.vary, 'absent');
  assert.deepEqual(p.methods.items.map((i) => i.value), ['GET', 'PUT', 'POST', 'DELETE', 'PATCH', 'OPTIONS']);
  assert.equal(p.scope.label, 'Ingress api (api.example.com) /');
});

test('ingress: an origin list is matched case-insensitively; a value the validator refuses falls back to *', async () => {
  const { facts, text } = await run('allowlist-credentials.yaml');
  const o = facts.policies[0].origin;
  assert.equal(o.kind, 'list');
  assert.deepEqual(o.entries.map((e) => text.slice(e.span.start, e.span.end)), ['https://shop.example.com', 'https://admin.example.com']);
  assert.equal(o.tolerance.caseInsensitive, true);
  assert.equal(facts.policies[0].maxAge.value, '600');
  const w = (await run('wildcard-subdomain-null.yaml')).facts.policies[0];
  assert.deepEqual(w.origin.entries.map((e) => e.value), ['https://*.example.com', 'null', 'http://localhost:3000']);
  assert.equal(w.origin.tolerance.wildcardSubdomains, true);
  assert.ok(w.allowHeaders.items.some((i) => i.value === 'Authorization'), '`*` is refused: the default list');
  const t = await run('trailing-slash.yaml');
  assert.equal(t.facts.policies[0].origin.kind, 'any');
  assert.match(t.facts.notes.join('\n'), /falls back to "\*"/);
  // Entries without a scheme pass the validator but are skipped; none left: no CORS header at all.
  const none = await run('x.yaml', 'kind: Ingress\nmetadata:\n  name: n\n  annotations:\n    nginx.ingress.kubernetes.io/enable-cors: "true"\n    nginx.ingress.kubernetes.io/cors-allow-origin: "app.example.com"\n');
  assert.equal(none.facts.policies.length, 0);
  assert.match(none.facts.notes.join('\n'), /no CORS header/);
});

test('ingress: templates, disabled CORS, half-typed YAML and other kinds give no policy with a known origin', async () => {
  const chart = (await run('chart/templates/ingress.yaml')).facts.policies;
  assert.ok(chart.every((p) => p.origin.kind === 'unknown' && p.credentials === 'unknown'));
  assert.equal((await run('cors-disabled.yaml')).facts.policies.length, 0);
  assert.equal((await run('half-typed.yaml')).facts.policies.length, 0);
  const multi = (await run('multi-document.yaml')).facts.policies;
  assert.deepEqual(multi.map((p) => [p.scope.label, p.origin.kind, p.credentials]), [
    ['Ingress web-public (www-api.example.com) /public', 'list', false],
    ['Ingress web-account (www-api.example.com) /account', 'any', true],
  ]);
  // An annotations block with a template in it: an absent annotation may come from the template.
  const t = 'kind: Ingress\nmetadata:\n  annotations:\n    nginx.ingress.kubernetes.io/enable-cors: "true"\n    {{- toYaml .Values.extra | nindent 4 }}\n';
  assert.ok((await run('t.yaml', t)).facts.policies.every((p) => p.origin.kind === 'unknown'));
});

const fix = async (file, req) => {
  const { facts, text, file: f } = await run(file);
  return applyEdits(text, ingress.renderFix({ ...req, policyId: facts.policies.at(-1).id }, facts, f));
};

test('ingress: fixes rewrite or add the annotation', async () => {
  const set = await fix('star-credentials.yaml', { kind: 'set-origins', origins: ['https://app.example.com', 'https://admin.example.com'] });
  assert.match(set, /\n    nginx\.ingress\.kubernetes\.io\/cors-allow-origin: "https:\/\/app\.example\.com, https:\/\/admin\.example\.com"\n/);
  const add = await fix('default-enable-only.yaml', { kind: 'set-origins', origins: ['https://app.example.com'] });
  assert.match(add, /enable-cors: "true"\n    nginx\.ingress\.kubernetes\.io\/cors-allow-origin: "https:\/\/app\.example\.com"\nspec:/);
  const cred = await fix('default-enable-only.yaml', { kind: 'remove-credentials' });
  assert.match(cred, /enable-cors: "true"\n    nginx\.ingress\.kubernetes\.io\/cors-allow-credentials: "false"\nspec:/);
  const cred2 = await fix('multi-document.yaml', { kind: 'remove-credentials' });
  assert.equal(cred2.match(/cors-allow-credentials: "false"/g).length, 2);
  // An origin the controller's validator refuses would turn the whole value into "*": no fix.
  assert.equal(await fix('star-credentials.yaml', { kind: 'set-origins', origins: ['https://app.example.com/'] }), (await run('star-credentials.yaml')).text);
  assert.match(await fix('max-age-over-cap.yaml', { kind: 'set-max-age', value: 7200 }), /cors-max-age: "7200"/);
});
