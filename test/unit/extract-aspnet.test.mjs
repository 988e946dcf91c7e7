// ASP.NET (C#): ASP.NET Core CORS policies, Web API 2 EnableCors and hand-written headers — fact snapshots of
// every fixture, the findings through the real CLI (rule + line), fixes applied and re-checked, robustness.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import aspnet from '../../dist/lib/extract/aspnet/index.js';
import { renderGenericFix } from '../../dist/lib/extract/common.js';
import { renderFacts, matchSnapshot, root, fixtureSet, applyEdits, extractWith, memWorkspace } from '../helpers.mjs';

const { dir, fixtures, run } = fixtureSet(aspnet, 'aspnet', (f) => f.endsWith('.cs'));
const fix = (req, facts, file) => aspnet.renderFix(req, facts, file) ?? renderGenericFix(req, facts, file);

function cli(...files) {
  const r = spawnSync(process.execPath, [join(root, 'dist/server/cli.js'), '--format', 'json', ...files], { cwd: root, encoding: 'utf8', timeout: 60000 });
  assert.ok(r.status === 0 || r.status === 1, r.stderr);
  return JSON.parse(r.stdout).flatMap((f) => f.messages.map((m) => `${f.filePath.split('/').pop()}:${m.line} ${m.ruleId}`));
}

test('aspnet: snapshots of every fixture', async () => {
  assert.ok(fixtures.length >= 8);
  for (const f of fixtures) {
    const { facts, text } = await run(f);
    matchSnapshot(join(dir, '__snapshots__', f + '.facts.txt'), renderFacts(facts, text));
  }
});

test('aspnet: mayContain is a cheap keyword check', () => {
  assert.equal(aspnet.mayContain('builder.Services.AddCors(o => {});'), true);
  assert.equal(aspnet.mayContain('[EnableCors("spa")]'), true);
  assert.equal(aspnet.mayContain('Response.Headers["Access-Control-Allow-Origin"] = "*";'), true);
  assert.equal(aspnet.mayContain('var app = WebApplication.Create(args);\napp.Run();\n'), false);
});

test('aspnet: the CLI reports exactly the expected findings on every fixture', () => {
  const got = cli(...fixtures.map((f) => `test/fixtures/aspnet/${f}`)).sort();
  assert.deepEqual(got, [
    'Checks.cs:71 invalid-credentials-value',
    'Checks.cs:83 reflected-origin',
    'Global.asax.cs:19 missing-allow-headers',
    'Global.asax.cs:20 max-age-over-browser-cap',
    'HalfTyped.cs:4 wildcard-origin-with-credentials',
    'HeaderValues.cs:14 duplicate-allow-origin',
    'HeaderValues.cs:21 invalid-allow-origin-value',
    'HeaderValues.cs:22 method-case-mismatch',
    'HeaderValues.cs:6 misspelled-cors-header',
    'InlineUseCors.cs:2 invalid-allowlist-entry',
    'Middleware.cs:24 missing-vary-origin',
    'Middleware.cs:24 reflected-origin-with-credentials',
    'Middleware.cs:43 missing-vary-origin',
    'Middleware.cs:43 reflected-origin-with-credentials',
    'Predicates.cs:18 wildcard-origin-with-credentials',
    'Predicates.cs:19 invalid-allowlist-entry',
    'Predicates.cs:20 null-origin-allowed',
    'Predicates.cs:6 reflected-origin-with-credentials',
    'Program.cs:31 reflected-origin-with-credentials',
    'Program.cs:37 wildcard-origin-with-credentials',
    'Program.cs:40 max-age-over-browser-cap',
    'Program.cs:6 invalid-allowlist-entry',
    'WebApiConfig.cs:11 reflected-origin-with-credentials',
    'WebApiConfig.cs:19 reflected-origin-with-credentials',
    'WebApiEntries.cs:10 max-age-over-browser-cap',
    'WebApiEntries.cs:4 invalid-allowlist-entry',
    'WebApiEntries.cs:4 invalid-allowlist-entry',
    'WebApiEntries.cs:7 invalid-allowlist-entry',
  ]);
});

async function fixed(name, pick, settingsOrigins = ['https://app.example.com']) {
  const { facts, file, text } = await run(name);
  const p = pick(facts);
  assert.ok(p, 'policy found');
  return { facts, file, text, p, origins: settingsOrigins };
}

test('aspnet fixes: AllowAnyOrigin → WithOrigins, AllowCredentials removed, max-age, entries; re-read clean', async () => {
  const { facts, file, text, p } = await fixed('Program.cs', (f) => f.policies.find((x) => x.scope.label === 'default policy'));
  const setO = applyEdits(text, fix({ kind: 'set-origins', policyId: p.id, origins: ['https://app.example.com'] }, facts, file));
  assert.match(setO, /policy\.WithOrigins\("https:\/\/app\.example\.com"\)\n\s+\.AllowAnyHeader\(\)/);
  const again = (await run('Program.cs', setO)).facts.policies.find((x) => x.scope.label === 'default policy');
  assert.equal(again.origin.kind, 'list');
  const noCred = applyEdits(text, fix({ kind: 'remove-credentials', policyId: p.id }, facts, file));
  const p2 = (await run('Program.cs', noCred)).facts.policies.find((x) => x.scope.label === 'default policy');
  assert.equal(p2.credentials, false);
  assert.match(noCred, /policy\.AllowAnyOrigin\(\)\n\s+\.AllowAnyHeader\(\)\n\s+\.SetPreflightMaxAge/);
  const maxAge = applyEdits(text, fix({ kind: 'set-max-age', policyId: p.id, value: 7200 }, facts, file));
  assert.match(maxAge, /SetPreflightMaxAge\(TimeSpan\.FromSeconds\(7200\)\)/);
  const partners = facts.policies.find((x) => x.scope.label === 'policy "partners"');
  const entry = applyEdits(text, fix({ kind: 'replace-origin-entry', policyId: partners.id, index: 1, value: 'https://admin.example.com' }, facts, file));
  assert.match(entry, /"https:\/\/admin\.example\.com" \}/);
  const legacy = facts.policies.find((x) => x.scope.label === 'policy "legacy"');
  const ok = applyEdits(text, fix({ kind: 'set-origins', policyId: legacy.id, origins: ['https://app.example.com'] }, facts, file));
  assert.match(ok, /policy\.WithOrigins\("https:\/\/app\.example\.com"\)\n\s+\.AllowAnyHeader\(\)/);
  assert.equal((await run('Program.cs', ok)).facts.policies.find((x) => x.scope.label === 'policy "legacy"').origin.kind, 'list');
});

test('aspnet fixes: Web API origins string and SupportsCredentials', async () => {
  const { facts, file, text } = await run('WebApiConfig.cs');
  const p = facts.policies.find((x) => x.origin.kind === 'reflect' && x.scope.kind === 'app');
  const out = applyEdits(text, fix({ kind: 'set-origins', policyId: p.id, origins: ['https://a.example.com', 'https://b.example.com'] }, facts, file));
  assert.match(out, /config\.EnableCors\(new EnableCorsAttribute\("https:\/\/a\.example\.com,https:\/\/b\.example\.com", "\*", "GET,POST"\)/);
  const noCred = applyEdits(text, fix({ kind: 'remove-credentials', policyId: p.id }, facts, file));
  const again = (await run('WebApiConfig.cs', noCred)).facts.policies.find((x) => x.scope.kind === 'app');
  assert.equal(again.credentials, false);
  assert.equal(again.origin.kind, 'any');
});

test('aspnet fixes: a Web API 2 entry replaced inside the comma-separated origins', async () => {
  const { facts, file, text } = await run('WebApiEntries.cs');
  const p = facts.policies.find((x) => x.origin.kind === 'list' && x.origin.entries.length === 3);
  const out = applyEdits(text, fix({ kind: 'replace-origin-entry', policyId: p.id, index: 2, value: 'https://old.example.com' }, facts, file));
  assert.match(out, /https:\/\/Reports\.example\.com,https:\/\/old\.example\.com", headers/);
  const pub = facts.policies.find((x) => x.maxAge);
  const aged = applyEdits(text, fix({ kind: 'set-max-age', policyId: pub.id, value: 7200 }, facts, file));
  assert.match(aged, /PreflightMaxAge = 7200\)\]/);
  assert.equal((await run('WebApiEntries.cs', aged)).facts.policies.find((x) => x.maxAge).maxAge.value, '7200');
});

test('aspnet: robustness — binary-ish text, a huge file, half-typed code give no crash and no wrong finding', async () => {
  const bin = await run('Program.cs', 'AddCors(\u0000\u0001\u0002 options => options.AddPolicy("x", p => p.AllowAnyOrigin().AllowCredentials()));');
  assert.equal(bin.facts.policies.length, 0);
  const one = 'builder.Services.AddCors(o => o.AddPolicy("p", p => p.WithOrigins("https://app.example.com").AllowCredentials()));\n';
  const huge = await run('Program.cs', one + 'var x = 1;\n'.repeat(150_000));
  assert.ok(Array.isArray(huge.facts.policies));
  for (let cut = 10; cut < one.length; cut += 7) {
    const { facts } = await run('Program.cs', one.slice(0, cut));
    for (const p of facts.policies) assert.notEqual(p.origin.kind, 'any', `cut ${cut}`);
  }
});

test('aspnet: correct configurations and configured origins give no finding', () => {
  assert.deepEqual(cli('test/fixtures/aspnet/Clean.cs', 'test/fixtures/aspnet/Startup.cs', 'test/fixtures/aspnet/WildcardSubdomains.cs'), []);
});

test('aspnet: origins read from appsettings.json by name (not when an environment file sets the key)', async () => {
  assert.deepEqual(cli('test/fixtures/aspnet/project'), ['Program.cs:7 invalid-allowlist-entry']);
  const text = readFileSync(join(dir, 'project/Program.cs'), 'utf8');
  const ws = memWorkspace({
    '/p/Program.cs': text,
    '/p/appsettings.json': readFileSync(join(dir, 'project/appsettings.json'), 'utf8'),
    '/p/appsettings.Development.json': readFileSync(join(dir, 'project/appsettings.Development.json'), 'utf8'),
  });
  const { facts, file } = await extractWith(aspnet, '/p/Program.cs', text, 'csharp', ws);
  const [def, partner] = facts.policies;
  assert.deepEqual(def.origin.entries.map((e) => e.value), ['https://app.example.com', 'https://admin.example.com/']);
  assert.equal(partner.origin.kind, 'unknown');
  // the entry lives in appsettings.json: no edit of the C# argument is offered for it
  assert.deepEqual(fix({ kind: 'remove-origin-entry', policyId: def.id, index: 1 }, facts, file), []);
  assert.deepEqual(fix({ kind: 'replace-origin-entry', policyId: def.id, index: 1, value: 'https://admin.example.com' }, facts, file), []);
  const alone = await extractWith(aspnet, '/p/Program.cs', text, 'csharp');
  assert.equal(alone.facts.policies[0].origin.kind, 'unknown');
});

test('aspnet fixes: a hand-written allowlist entry goes with its quotes; typed properties get no name edits', async () => {
  const { facts, file, text } = await run('Checks.cs');
  const p = facts.policies.find((x) => x.scope.label === 'method InvokeAsync');
  const out = applyEdits(text, fix({ kind: 'remove-origin-entry', policyId: p.id, index: 1 }, facts, file));
  assert.match(out, /new HashSet<string> \{ "https:\/\/app\.example\.com" \}/);
  const mw = await run('Middleware.cs');
  const typed = mw.facts.headerWrites.find((w) => mw.text.slice(w.nameSpan.start, w.nameSpan.end) === 'AccessControlAllowOrigin');
  assert.deepEqual(fix({ kind: 'add-header', afterWriteId: typed.id, name: 'Vary', value: 'Origin' }, mw.facts, mw.file), []);
  const appended = mw.facts.headerWrites.find((w) => w.name === 'Access-Control-Allow-Credentials' && w.op === 'add');
  const vary = applyEdits(mw.text, fix({ kind: 'add-header', afterWriteId: appended.id, name: 'Vary', value: 'Origin' }, mw.facts, mw.file));
  assert.match(vary, /Append\("Access-Control-Allow-Credentials", "true"\);\n\s+context\.Response\.Headers\.Append\("Vary", "Origin"\);/);
});
