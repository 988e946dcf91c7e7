import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import django from '../../dist/lib/extract/django/index.js';
import { renderGenericFix } from '../../dist/lib/extract/common.js';
import { renderFacts, matchSnapshot, fixtureSet, str, applyEdits } from '../helpers.mjs';

const { dir, fixtures, run } = fixtureSet(django, 'django');
const fix = (req, facts, file) => django.renderFix(req, facts, file) ?? renderGenericFix(req, facts, file);

test('django: snapshots of every fixture', async () => {
  assert.ok(fixtures.length >= 12);
  for (const f of fixtures) {
    const { facts, text } = await run(f);
    matchSnapshot(join(dir, '__snapshots__', f + '.facts.txt'), renderFacts(facts, text) + (facts.notes.length ? 'notes ' + JSON.stringify(facts.notes) + '\n' : ''));
  }
});

test('django: mayContain is a cheap keyword check', () => {
  assert.equal(django.mayContain('CORS_ALLOWED_ORIGINS = []\n'), true);
  assert.equal(django.mayContain("INSTALLED_APPS = ['corsheaders']\n"), true);
  assert.equal(django.mayContain('DEBUG = True\nALLOWED_HOSTS = []\n'), false);
});

test('django: modules that are not django-cors-headers settings yield nothing', async () => {
  for (const f of ['flask_config.py']) {
    const { facts } = await run(f);
    assert.equal(facts.policies.length, 0, f);
    assert.equal(facts.optionMentions.length, 0, f);
  }
});

test('django: CORS_ALLOW_ALL_ORIGINS with credentials echoes the origin; without, sends *', async () => {
  const a = await run('settings_allow_all_credentials.py');
  const p = a.facts.policies[0];
  assert.equal(p.library, 'django-cors-headers');
  assert.equal(p.origin.kind, 'reflect');
  assert.equal(p.origin.libraryAllowAll, true);
  assert.equal(p.credentials, true);
  assert.equal(str(a.text, p.credentialsSpan), 'CORS_ALLOW_CREDENTIALS = True');
  assert.equal(p.vary, 'library');
  assert.equal(p.answersPreflight, true);
  assert.deepEqual(p.methods.items.map((i) => i.value), ['DELETE', 'GET', 'OPTIONS', 'PATCH', 'POST', 'PUT']);
  const b = await run('settings_allow_all.py');
  assert.equal(b.facts.policies[0].origin.kind, 'any');
  assert.equal(b.facts.policies[0].credentials, false);
});

test('django: the 3.x names count when the new ones are absent', async () => {
  const { facts, text } = await run('settings_old_names.py');
  const p = facts.policies[0];
  assert.equal(p.origin.kind, 'reflect');
  assert.match(p.origin.via, /CORS_ORIGIN_ALLOW_ALL/);
  assert.equal(str(text, p.origin.span), 'CORS_ORIGIN_ALLOW_ALL = True');
});

test('django: allowlist entries keep their spans; tolerance says what django-cors-headers forgives', async () => {
  const { facts, text } = await run('settings_trailing_slash.py');
  const o = facts.policies[0].origin;
  assert.equal(o.kind, 'list');
  assert.deepEqual(o.entries.map((e) => str(text, e.span)), ['https://app.example.com/', 'https://admin.example.com']);
  assert.equal(o.tolerance.trailingSlash, true);
  assert.equal(o.tolerance.ignoresPath, true);
  assert.equal(o.tolerance.caseInsensitive, false);
  assert.ok(o.tolerance.startupCheck.codes.includes('trailing-slash'));
});

test('django: regexes only give a regex pattern; mixed with origins a list with regex entries', async () => {
  const { facts } = await run('settings_regexes.py');
  const o = facts.policies[0].origin;
  assert.equal(o.kind, 'pattern');
  assert.equal(o.check.kind, 'regex');
  assert.deepEqual(o.check.entries.map((e) => e.value), ['^https://[a-z0-9-]+\\.preview\\.example\\.com$', '^https://\\w+\\.example\\.com']);
});

test('django: MIDDLEWARE without CorsMiddleware: no policy, a note says why', async () => {
  const { facts } = await run('settings_missing_middleware.py');
  assert.equal(facts.policies.length, 0);
  assert.ok(facts.notes.some((n) => /not in MIDDLEWARE/.test(n)));
  assert.ok(facts.optionMentions.length > 0, 'options still get hovers');
});

test('django: CorsMiddleware after CommonMiddleware: a note', async () => {
  const { facts } = await run('settings_middleware_order.py');
  assert.equal(facts.policies.length, 1);
  assert.ok(facts.notes.some((n) => /comes after .*django\.middleware\.common\.CommonMiddleware/.test(n)));
});

test('django: a star-imported settings module leaves what it does not state unknown', async () => {
  const { facts } = await run('config_settings_production.py');
  const p = facts.policies[0];
  assert.equal(p.origin.kind, 'unknown'); // CORS_ALLOW_ALL_ORIGINS may be set in .base
  assert.equal(p.methods.kind, 'unknown');
  assert.equal(p.credentials, true);
});

test('django: environment-driven values are unknown', async () => {
  const { facts } = await run('settings_env.py');
  assert.equal(facts.policies[0].origin.kind, 'unknown');
});

test('django: default header / method names, constants, max-age and CORS_URLS_REGEX', async () => {
  const { facts } = await run('settings_headers_max_age.py');
  const p = facts.policies[0];
  assert.deepEqual(p.allowHeaders.items.map((i) => i.value), ['accept', 'authorization', 'content-type', 'user-agent', 'x-csrftoken', 'x-requested-with', 'x-api-key']);
  assert.deepEqual(p.methods.items.map((i) => i.value), ['DELETE', 'GET', 'OPTIONS', 'PATCH', 'POST', 'PUT', 'patch']);
  assert.equal(p.maxAge.value, '86400');
  assert.equal(p.scope.kind, 'route');
  assert.equal(p.origin.kind, 'list');
  assert.equal(p.origin.entries.length, 2);
});

test('django: fixes — allow-all becomes the trusted list; credentials off; trailing slash dropped', async () => {
  const a = await run('settings_allow_all_credentials.py');
  const edits = fix({ kind: 'set-origins', policyId: 'p0', origins: ['https://app.example.com'] }, a.facts, a.file);
  const out = applyEdits(a.text, edits);
  assert.match(out, /^CORS_ALLOWED_ORIGINS = \["https:\/\/app\.example\.com"\]$/m);
  assert.doesNotMatch(out, /CORS_ALLOW_ALL_ORIGINS/);
  const again = await run('settings_allow_all_credentials.py', out);
  assert.equal(again.facts.policies[0].origin.kind, 'list');

  const old = await run('settings_old_names.py');
  const out2 = applyEdits(old.text, fix({ kind: 'set-origins', policyId: 'p0', origins: ['https://app.example.com'] }, old.facts, old.file));
  assert.match(out2, /CORS_ORIGIN_ALLOW_ALL = False/);
  assert.match(out2, /CORS_ORIGIN_WHITELIST = \["https:\/\/app\.example\.com"\]/);

  const cred = applyEdits(a.text, fix({ kind: 'remove-credentials', policyId: 'p0' }, a.facts, a.file));
  assert.match(cred, /CORS_ALLOW_CREDENTIALS = False/);

  const t = await run('settings_trailing_slash.py');
  const out3 = applyEdits(t.text, fix({ kind: 'replace-origin-entry', policyId: 'p0', index: 0, value: 'https://app.example.com' }, t.facts, t.file));
  assert.match(out3, /"https:\/\/app\.example\.com",\n/);
});

test('django: half-typed settings do not throw', async () => {
  const { facts } = await run('half_typed.py');
  // CORS_ALLOW_ALL_ORIGINS sits in the unreadable part: what is not found is unknown, never "no origin".
  assert.equal(facts.policies[0].origin.kind, 'unknown');
  assert.ok(facts.notes.some((n) => /syntax errors/.test(n)));
});

test('django: star-imported settings: allow-all stated here is judged; the fix turns it off and writes the list here', async () => {
  const a = await run('config_settings_local.py');
  const p = a.facts.policies[0];
  assert.equal(p.origin.kind, 'reflect');
  const out = applyEdits(a.text, fix({ kind: 'set-origins', policyId: 'p0', origins: ['https://app.example.com'] }, a.facts, a.file));
  assert.match(out, /^CORS_ALLOW_ALL_ORIGINS = False\nCORS_ALLOWED_ORIGINS = \["https:\/\/app\.example\.com"\]\n/m);
  // Allow-all is off now; CORS_ALLOWED_ORIGIN_REGEXES may still come from .base, so the decision is unknown
  // (and no finding stays).
  const again = await run('config_settings_local.py', out);
  assert.equal(again.facts.policies[0].origin.kind, 'unknown');
});
