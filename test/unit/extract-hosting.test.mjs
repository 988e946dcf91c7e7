// Static-hosting configs (vercel.json, firebase.json, staticwebapp.config.json; semantics in
// knowledge/libraries/vercel.ts, firebase-hosting.ts, azure-static-web-apps.ts): fixture snapshots (one folder per
// case), selection by exact file name, rules per path pattern, Azure global headers under route headers, and fixes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import hosting from '../../dist/lib/extract/hosting/index.js';
import { extractorsFor } from '../../dist/lib/service/select.js';
import { parseJson } from '../../dist/lib/syntax/json.js';
import { applyEdits, extractWith, matchSnapshot, renderFacts, root, str } from '../helpers.mjs';

const dir = join(root, 'test/fixtures/hosting');
const cases = readdirSync(dir).filter((f) => !f.startsWith('__'));
const fileOf = (c) => join(c, readdirSync(join(dir, c))[0]);
async function run(c, text) {
  const f = fileOf(c);
  const t = text ?? readFileSync(join(dir, f), 'utf8');
  return { ...(await extractWith(hosting, f, t)), text: t };
}

test('hosting: snapshots of every fixture (at least 4 per platform)', async () => {
  for (const p of ['vercel', 'firebase', 'azure']) assert.ok(cases.filter((c) => c.startsWith(p + '-')).length >= 4, p);
  for (const c of cases) {
    const { facts, text } = await run(c);
    matchSnapshot(join(dir, '__snapshots__', c + '.facts.txt'), renderFacts(facts, text));
  }
});

test('hosting: the extractor reads the three config files by exact name only', async () => {
  const ids = (p, lang) => extractorsFor(p, lang).map((e) => e.id);
  for (const p of ['vercel.json', 'web/firebase.json', '/w/app/staticwebapp.config.json', 'C:\\w\\vercel.json']) assert.ok(ids(p).includes('hosting'), p);
  for (const p of ['my-vercel.json', 'package.json', 'firebase.json.bak', 'staticwebapp.json']) assert.ok(!ids(p, 'json').includes('hosting'), p);
  // a JSON file of another name is not read even when it holds the same rules
  const t = readFileSync(join(dir, fileOf('vercel-star-credentials')), 'utf8');
  assert.equal((await extractWith(hosting, 'config/headers.json', t)).facts.policies.length, 0);
});

test('hosting: each rule is a policy of its pattern; options are mentioned for hovers', async () => {
  const { facts, text } = await run('vercel-star-credentials');
  assert.equal(facts.policies.length, 1);
  const p = facts.policies[0];
  assert.deepEqual([p.scope.label, p.origin.kind, p.credentials, p.answersPreflight], ['/api/(.*)', 'any', true, 'unknown']);
  assert.ok(facts.optionMentions.every((m) => m.library === 'vercel' && str(text, m.span) === m.option));
  const fb = await run('firebase-sites');
  assert.deepEqual(fb.facts.policies.map((x) => x.scope.label), ['app **/*.@(woff|woff2)', 'api ^/data/.*\\.json$']);
  assert.ok(fb.facts.optionMentions.some((m) => m.option === 'regex' && m.library === 'firebase-hosting'));
});

test('hosting: Azure routes are tried in order, so a later route of the same pattern never applies', async () => {
  const text = '{ "routes": [\n  { "route": "/api/*", "headers": { "Access-Control-Allow-Origin": "https://app.example.com" } },\n  { "route": "/api/*", "headers": { "Access-Control-Allow-Origin": "*", "Access-Control-Allow-Credentials": "true" } }\n] }\n';
  const { facts } = await extractWith(hosting, 'staticwebapp.config.json', text);
  assert.deepEqual(facts.policies.map((p) => [p.scope.label, p.origin.kind, p.credentials]), [['/api/*', 'static', false]]);
});

test('hosting: Azure route headers override globalHeaders; an empty value removes one (unknown)', async () => {
  const { facts } = await run('azure-route-override');
  const byLabel = Object.fromEntries(facts.policies.map((p) => [p.scope.label, p]));
  assert.deepEqual(Object.keys(byLabel).sort(), ['/api/*', '/public/*', 'globalHeaders']);
  assert.equal(byLabel['globalHeaders'].origin.kind, 'any');
  // the route's own origin replaces the global `*`; its credentials do not meet the wildcard
  assert.notEqual(byLabel['/api/*'].origin.kind, 'any');
  assert.equal(byLabel['/api/*'].credentials, true);
  assert.equal(byLabel['/public/*'].origin.kind, 'unknown');
});

test('hosting: :param values stay unknown; has/missing make the rule conditional', async () => {
  const { facts } = await run('vercel-list-maxage');
  const w = facts.headerWrites.find((x) => x.value.kind === 'unknown');
  assert.ok(w && w.condition === 'conditional');
});

test('hosting: fixes remove the credentials header with its comma and replace a literal origin', async () => {
  for (const c of ['vercel-star-credentials', 'firebase-sites', 'azure-global-credentials']) {
    const { facts, file, text } = await run(c);
    const p = facts.policies.find((x) => x.credentials === true);
    const out = applyEdits(text, hosting.renderFix({ kind: 'remove-credentials', policyId: p.id }, facts, file));
    assert.ok(!/Allow-Credentials/.test(out), c);
    assert.ok(parseJson(out), c);
    if (!c.startsWith('vercel')) assert.doesNotThrow(() => JSON.parse(out), c);
    // only the credentials object and its comma go: the neighbours stay as written
    if (c === 'vercel-star-credentials') assert.equal(out, text.replace(/\n\s*\{ "key": "Access-Control-Allow-Credentials", "value": "true" \},/, ''));
    assert.equal(hosting.renderFix({ kind: 'set-origins', policyId: p.id, origins: ['https://app.example.com'] }, facts, file), undefined);
    assert.deepEqual(hosting.renderFix({ kind: 'set-origins', policyId: p.id, origins: ['https://a.example', 'https://b.example'] }, facts, file), []);
  }
});

test('hosting: truncated configs never throw; a rule is read only as far as it is written', async () => {
  for (const c of ['vercel-star-credentials', 'firebase-sites', 'azure-route-override']) {
    const text = readFileSync(join(dir, fileOf(c)), 'utf8');
    for (let i = 0; i <= text.length; i += 7) {
      const { facts } = await extractWith(hosting, fileOf(c), text.slice(0, i));
      for (const w of facts.headerWrites) if (w.value.kind === 'literal') assert.ok(text.slice(0, i).includes(w.value.text));
    }
  }
  for (const t of ['\u0000\u0001{{{', '', '[', '{"headers": [{"key"', '"x']) assert.doesNotThrow(() => parseJson(t), t);
});
