import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import laravel from '../../dist/lib/extract/laravel/index.js';
import { renderFacts, matchSnapshot, fixtureSet, str, applyEdits } from '../helpers.mjs';

const { dir, fixtures, run } = fixtureSet(laravel, 'laravel', (f) => f.endsWith('.php'));

test('laravel: snapshots of every fixture', async () => {
  assert.ok(fixtures.length >= 10);
  for (const f of fixtures) {
    const { facts, text } = await run(f);
    matchSnapshot(join(dir, '__snapshots__', f + '.facts.txt'), renderFacts(facts, text));
  }
});

test('laravel: files that are not a CORS config, or where CORS runs nowhere, give no policy', async () => {
  for (const f of ['not-cors-config.php', 'empty-paths.php']) {
    const { facts } = await run(f);
    assert.equal(facts.policies.length, 0, f);
  }
  const { facts } = await run('empty-paths.php');
  assert.match(facts.notes.join('\n'), /'paths' is empty/);
  const none = await run('x.php', "<?php\nreturn ['allowed_origins' => ['*']];\n");
  assert.equal(none.facts.policies.length, 0);
  assert.match(none.facts.notes.join('\n'), /no 'paths' key/);
});

test("laravel: '*' with credentials echoes the Origin; without, sends *", async () => {
  const a = (await run('sanctum-credentials-star.php')).facts.policies[0];
  assert.equal(a.origin.kind, 'reflect');
  assert.equal(a.origin.libraryAllowAll, true);
  assert.equal(a.credentials, true);
  assert.equal(a.vary, 'library');
  assert.equal(a.methods.kind, 'reflect-request');
  const b = (await run('laravel9-default.php')).facts.policies[0];
  assert.equal(b.origin.kind, 'any');
  assert.equal(b.credentials, false);
  assert.equal(b.scope.label, 'paths api/*, sanctum/csrf-cookie');
});

test('laravel: env() values are unknown, never guessed', async () => {
  const p = (await run('env-origins.php')).facts.policies[0];
  assert.equal(p.origin.kind, 'unknown');
  assert.equal(p.credentials, 'unknown');
  const q = (await run('env-single.php')).facts.policies[0];
  assert.equal(q.origin.kind, 'unknown');
});

test('laravel: lists, wildcard entries and patterns', async () => {
  const { facts, text } = await run('wildcard-subdomains.php');
  const p = facts.policies[0];
  assert.equal(p.origin.kind, 'list');
  assert.deepEqual(p.origin.entries.map((e) => [e.value, e.match]), [
    ['https://*.example.com', 'regex'],
    ['https://example.com', 'exact'],
    ['#^https://[a-z0-9-]+\\.preview\\.example\\.dev$#', 'regex'],
  ]);
  assert.equal(p.origin.tolerance.wildcardSubdomains, true);
  assert.equal(str(text, p.origin.entries[0].span), 'https://*.example.com');
  const s = (await run('single-origin.php')).facts.policies[0];
  assert.equal(s.vary, 'absent');
  assert.deepEqual(s.methods.items.map((i) => i.value), ['GET', 'POST', 'DELETE']);
});

test('laravel: camelCase keys of barryvdh/laravel-cors ≤ 1.x, and option mentions', async () => {
  const { facts, text } = await run('barryvdh-v0.php');
  assert.equal(facts.policies[0].origin.kind, 'reflect');
  assert.equal(facts.policies[0].scope.label, 'routes using the CORS middleware');
  const m = facts.optionMentions.find((x) => x.option === 'supportsCredentials');
  assert.equal(str(text, m.span), 'supportsCredentials');
  assert.equal(m.library, 'laravel-cors');
});

async function fix(file, req) {
  const { facts, file: f, text } = await run(file);
  const edits = laravel.renderFix(req(facts), facts, f);
  return applyEdits(text, edits);
}

test('laravel: fixes in the config array form', async () => {
  const out = await fix('sanctum-credentials-star.php', (f) => ({ kind: 'set-origins', policyId: f.policies[0].id, origins: ['https://app.example.com', "https://o'k.example"] }));
  assert.match(out, /'allowed_origins' => \['https:\/\/app\.example\.com', 'https:\/\/o\\'k\.example'\],/);
  const again = await run('x.php', out);
  assert.equal(again.facts.policies[0].origin.kind, 'list');
  const nocred = await fix('sanctum-credentials-star.php', (f) => ({ kind: 'remove-credentials', policyId: f.policies[0].id }));
  assert.match(nocred, /'supports_credentials' => false,/);
  const slash = await fix('trailing-slash.php', (f) => ({ kind: 'replace-origin-entry', policyId: f.policies[0].id, index: 0, value: 'https://shop.example.com' }));
  assert.match(slash, /\['https:\/\/shop\.example\.com', 'https:\/\/www\.example\.com'\]/);
  const rm = await fix('null-and-typo.php', (f) => ({ kind: 'remove-origin-entry', policyId: f.policies[0].id, index: 1 }));
  assert.match(rm, /'allowed_origins' => \['https:\/\/app\.example\.com'\],/);
  const age = await fix('patterns-only.php', (f) => ({ kind: 'set-max-age', policyId: f.policies[0].id, value: 7200 }));
  assert.match(age, /'max_age' => 7200,/);
});
