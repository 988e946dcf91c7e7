// hapi 21.4.10 route and server cors settings: fixture snapshots, semantics, fixes in hapi's form.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import hapi from '../../dist/lib/extract/hapi/index.js';
import { applyEdits, fixtureSet, matchSnapshot, renderFacts } from '../helpers.mjs';

const { dir, fixtures, run } = fixtureSet(hapi, 'hapi');
const policies = async (f, text) => (await run(f, text)).facts.policies;

test('hapi: snapshots of every fixture', async () => {
  assert.ok(fixtures.length >= 10);
  for (const f of fixtures) {
    const { facts, text } = await run(f);
    matchSnapshot(join(dir, '__snapshots__', f + '.facts.txt'), renderFacts(facts, text));
  }
});

test('hapi: no cors setting, no facts', async () => {
  assert.deepEqual(await policies('no-cors.js'), []);
  assert.equal(hapi.mayContain("const Hapi = require('@hapi/hapi');"), true);
  assert.equal(hapi.mayContain("app.get('/', h)"), false);
});

test("hapi: cors: true echoes every Origin (origin ['*']) with Vary, default headers, Max-Age unwritten", async () => {
  const [p] = await policies('server-cors-true.js');
  assert.equal(p.library, '@hapi/hapi');
  assert.equal(p.scope.label, 'server');
  assert.equal(p.origin.kind, 'reflect');
  assert.equal(p.origin.libraryAllowAll, true);
  assert.equal(p.credentials, false);
  assert.equal(p.vary, 'library');
  assert.equal(p.methods.kind, 'reflect-request');
  assert.deepEqual(p.allowHeaders.items.map((i) => i.value), ['Accept', 'Authorization', 'Content-Type', 'If-None-Match']);
  assert.deepEqual(p.exposeHeaders.items.map((i) => i.value), ['WWW-Authenticate', 'Server-Authorization']);
  assert.equal(p.maxAge, undefined);
  const [c] = await policies('server-credentials-default-origin.js');
  assert.equal(c.origin.kind, 'reflect');
  assert.equal(c.credentials, true);
});

test('hapi: route lists: wildcards understood, exact otherwise; additionalHeaders appended', async () => {
  const [p] = await policies('route-allowlist.ts');
  assert.equal(p.scope.label, 'GET /api/data');
  assert.equal(p.origin.kind, 'list');
  assert.deepEqual(p.origin.tolerance, { wildcardSubdomains: true });
  assert.deepEqual(p.origin.entries.map((e) => e.value), ['https://app.example.com', 'https://*.example.com']);
  assert.deepEqual(p.allowHeaders.items.map((i) => i.value), ['Accept', 'Authorization', 'Content-Type', 'If-None-Match', 'X-Requested-With']);
  assert.equal(p.maxAge.value, '600');
  const arr = await policies('route-star-credentials.js');
  assert.equal(arr.length, 1);
  assert.equal(arr[0].scope.label, 'POST /api/orders');
  assert.equal(arr[0].origin.kind, 'reflect');
});

test("hapi: a route's cors applies over the server's; cors: false turns it off; unseen servers leave defaults unknown", async () => {
  const ps = await policies('route-overrides-server.js');
  assert.equal(ps.length, 2);
  const route = ps.find((p) => p.scope.kind === 'route');
  assert.equal(route.origin.kind, 'list');
  assert.equal(route.credentials, true);
  const [plugin] = await policies('plugin-routes.js');
  assert.equal(plugin.origin.kind, 'unknown');
  assert.equal(plugin.credentials, true);
  const [ignore] = await policies('origin-ignore.js');
  assert.equal(ignore.origin.kind, 'any');
  assert.equal(ignore.vary, 'absent');
  assert.equal((await policies('env-origins.ts'))[0].origin.kind, 'unknown');
});

test('hapi: fixes write origin lists in the cors setting', async () => {
  const fix = async (f, req, index = 0) => {
    const { facts, file, text } = await run(f);
    const edits = hapi.renderFix({ ...req, policyId: facts.policies[index].id }, facts, file);
    assert.ok(edits.length > 0);
    const out = applyEdits(text, edits);
    return { out, p: (await policies(f, out))[index] };
  };
  let r = await fix('server-cors-true.js', { kind: 'set-origins', origins: ['https://app.example.com'] });
  assert.match(r.out, /routes: \{ cors: \{ origin: \['https:\/\/app\.example\.com'\] \} \}/);
  assert.equal(r.p.origin.kind, 'list');
  r = await fix('server-credentials-default-origin.js', { kind: 'set-origins', origins: ['https://app.example.com', 'https://admin.example.com'] });
  assert.match(r.out, /cors: \{\n {6}origin: \['https:\/\/app\.example\.com', 'https:\/\/admin\.example\.com'\],\n {6}credentials: true,/);
  r = await fix('route-star-credentials.js', { kind: 'remove-credentials' });
  assert.match(r.out, /cors: \{ origin: \['\*'\] \}/);
  assert.equal(r.p.credentials, false);
});
