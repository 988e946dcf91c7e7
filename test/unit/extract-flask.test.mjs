import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import flask from '../../dist/lib/extract/flask/index.js';
import { renderGenericFix } from '../../dist/lib/extract/common.js';
import { extractWith, renderFacts, matchSnapshot, root, fixtureSet, str, applyEdits } from '../helpers.mjs';

const { dir, fixtures, run } = fixtureSet(flask, 'flask');
/** Render a fix the way the service does: the extractor first, the generic renderer when it declines. */
function fix(req, facts, file) {
  return flask.renderFix(req, facts, file) ?? renderGenericFix(req, facts, file);
}
async function fixAndRerun(name, req, pick = (f) => f) {
  const { facts, file, text } = await run(name);
  const edits = fix(typeof req === 'function' ? req(facts) : req, facts, file);
  assert.ok(edits.length > 0, 'fix produced edits');
  const out = applyEdits(text, edits);
  const again = await run(name, out);
  return { before: facts, after: pick(again.facts), out, text };
}
const acaoCount = (facts, resp) =>
  resp.writeIds.filter((id) => facts.headerWrites.find((w) => w.id === id)?.name.toLowerCase() === 'access-control-allow-origin').length;

test('flask: snapshots of every fixture', async () => {
  assert.ok(fixtures.length >= 15);
  for (const f of fixtures) {
    const { facts, text } = await run(f);
    matchSnapshot(join(dir, '__snapshots__', f + '.facts.txt'), renderFacts(facts, text));
  }
});

test('flask: mayContain is a cheap keyword check', () => {
  assert.equal(flask.mayContain('from flask_cors import CORS\n'), true);
  assert.equal(flask.mayContain("resp.headers['Access-Control-Allow-Origin'] = '*'\n"), true);
  assert.equal(flask.mayContain("app.config['CORS_ORIGINS'] = []\n"), true);
  assert.equal(flask.mayContain('from flask import Flask\napp = Flask(__name__)\n'), false);
});

test('flask: files without flask-cors or CORS headers yield nothing', async () => {
  for (const f of ['no_cors_app.py', 'proxy_reads_headers.py', 'django_settings.py', 'binary_junk.py', 'half_typed.py']) {
    const { facts } = await run(f);
    assert.equal(facts.policies.length, 0, f);
    assert.equal(facts.headerWrites.length, 0, f);
    assert.equal(facts.responses.length, 0, f);
  }
  // A Django settings module is not a Flask file: no mentions either.
  assert.equal((await run('django_settings.py')).facts.headerMentions.length, 0);
});

test('flask: CORS(app) with defaults echoes the request origin, Vary added by flask-cors', async () => {
  const { facts, text } = await run('app_default.py');
  assert.equal(facts.policies.length, 1);
  const p = facts.policies[0];
  assert.equal(p.library, 'flask-cors');
  assert.equal(p.handWritten, false);
  assert.equal(p.origin.kind, 'reflect');
  assert.equal(str(text, p.span), 'CORS(app)');
  assert.equal(p.credentials, false);
  assert.equal(p.vary, 'library');
  assert.equal(p.emits, 'always');
  assert.equal(p.answersPreflight, true);
  assert.equal(p.allowHeaders.kind, 'reflect-request');
  assert.deepEqual(p.methods.items.map((i) => i.value), ['GET', 'HEAD', 'POST', 'OPTIONS', 'PUT', 'PATCH', 'DELETE']);
  assert.equal(p.scope.kind, 'app');
});

test('flask: supports_credentials=True with default origins reflects with credentials', async () => {
  const { facts, text } = await run('credentials.py');
  const p = facts.policies[0];
  assert.equal(p.origin.kind, 'reflect');
  assert.equal(p.credentials, true);
  assert.equal(str(text, p.credentialsSpan), 'supports_credentials=True');
});

test('flask: each resources entry is its own policy; trailing slash entry is kept as written', async () => {
  const { facts, text } = await run('resources_trailing_slash.py');
  assert.equal(facts.policies.length, 2);
  const [api, pub] = facts.policies;
  assert.equal(api.scope.kind, 'route');
  assert.equal(api.scope.label, '/api/*');
  assert.equal(api.origin.kind, 'list');
  assert.deepEqual(api.origin.entries.map((e) => e.value), ['https://app.example.com/', 'https://admin.example.com']);
  assert.equal(str(text, api.origin.entries[0].span), 'https://app.example.com/');
  assert.equal(str(text, api.origin.entries[0].elementSpan), '"https://app.example.com/"');
  assert.deepEqual(api.origin.tolerance, { caseInsensitive: true, starMeansAny: true, trailingSlash: false, wildcardSubdomains: false });
  assert.equal(api.vary, 'library');
  // methods are upper-cased by flask-cors: 'patch' is sent as PATCH
  assert.deepEqual(api.methods.items.map((i) => i.value), ['GET', 'POST', 'PATCH']);
  assert.equal(str(text, api.methods.items[2].span), 'patch');
  assert.deepEqual(api.exposeHeaders.items.map((i) => i.value), ['X-Total-Count', 'X-Page']);
  // send_wildcard + '*' sends a literal *
  assert.equal(pub.origin.kind, 'any');
  assert.equal(pub.maxAge.value, '86400');
  assert.equal(pub.vary, 'absent');
});

test('flask: @cross_origin policies are scoped to the route', async () => {
  const { facts, text } = await run('decorator_wildcard_creds.py');
  assert.equal(facts.policies.length, 3);
  const [profile, feed, ping] = facts.policies;
  assert.equal(profile.scope.label, '/api/profile');
  assert.equal(profile.origin.kind, 'reflect');
  assert.equal(str(text, profile.origin.span), '*');
  assert.equal(profile.credentials, true);
  assert.equal(profile.emits, 'success-only');
  // send_wildcard=True + credentials: flask-cors refuses at start-up; the declared policy is * + credentials
  assert.equal(feed.origin.kind, 'any');
  assert.equal(feed.credentials, true);
  assert.equal(ping.origin.kind, 'reflect');
  assert.equal(ping.credentials, false);
});

test('flask: CORS_* config read when CORS(app) runs; unknown keys reported', async () => {
  const { facts, text } = await run('config_null.py');
  assert.equal(facts.policies.length, 1);
  const p = facts.policies[0];
  assert.equal(p.origin.kind, 'list'); // CORS_SEND_WILDCARD comes after CORS(app): ignored
  assert.deepEqual(p.origin.entries.map((e) => e.value), ['https://app.example.com', 'null']);
  assert.equal(p.credentials, true);
  assert.equal(str(text, p.credentialsSpan), 'app.config["CORS_SUPPORTS_CREDENTIALS"] = True');
  assert.equal(p.maxAge.value, '600');
  assert.deepEqual(p.unknownOptions.map((u) => u.name.value), ['CORS_HEADERS']);
  assert.ok(p.unknownOptions[0].known.includes('CORS_ALLOW_HEADERS'));
});

test('flask: class-based config through from_object; subclass wins', async () => {
  const { facts } = await run('config_class.py');
  const p = facts.policies[0];
  assert.deepEqual(p.origin.entries.map((e) => e.value), ['https://app.example.com']);
  assert.equal(p.credentials, true);
  assert.equal(p.vary, 'absent'); // one plain origin: flask-cors adds no Vary
  assert.deepEqual(p.unknownOptions.map((u) => u.name.value), ['CORS_ALLOW_HEADER']);
});

test('flask: config loaded from elsewhere makes unwritten options unknown', async () => {
  const { facts } = await run('external_config.py');
  assert.equal(facts.policies[0].origin.kind, 'unknown');
  assert.equal(facts.policies[0].credentials, 'unknown');
  assert.equal(facts.policies[1].origin.kind, 'unknown');
  assert.equal(facts.policies[1].credentials, true);
});

test('flask: misspelled option is unknown and does not enable credentials', async () => {
  const { facts, text } = await run('typo_support_credentials.py');
  const p = facts.policies[0];
  assert.equal(p.credentials, false);
  assert.equal(p.unknownOptions.length, 1);
  assert.equal(p.unknownOptions[0].name.value, 'support_credentials');
  assert.equal(str(text, p.unknownOptions[0].name.span), 'support_credentials');
  assert.ok(p.unknownOptions[0].known.includes('supports_credentials'));
});

test('flask: regex origins and compiled patterns', async () => {
  const { facts, text } = await run('regex_origins.py');
  const p = facts.policies[0];
  assert.deepEqual(p.origin.entries.map((e) => e.match), ['regex', 'regex', 'exact']);
  assert.equal(p.origin.entries[0].value, 'https://.*\\.example\\.com');
  assert.equal(str(text, p.origin.entries[1].elementSpan), 're.compile(r"^https://[a-z]+\\.example\\.org$")');
  assert.equal(p.vary, 'absent'); // vary_header=False
  // allow_headers as one string is ONE pattern in flask-cors
  assert.deepEqual(p.allowHeaders.items.map((i) => i.value), ['Content-Type, Authorization']);
});

test('flask: init_app on a module-level CORS() and a constant origin list', async () => {
  const { facts, text } = await run('factory_correct.py');
  assert.equal(facts.policies.length, 1);
  const p = facts.policies[0];
  assert.equal(p.scope.label, '/api/*');
  assert.equal(p.origin.kind, 'list');
  assert.equal(str(text, p.origin.span), 'FRONTENDS');
  assert.equal(p.credentials, true);
  assert.equal(p.vary, 'library');
  assert.equal(p.maxAge.value, '3600');
});

test('flask: after_request reflecting the Origin header with credentials', async () => {
  const { facts, text } = await run('after_request_reflect.py');
  const acao = facts.headerWrites.find((w) => w.name === 'Access-Control-Allow-Origin');
  assert.equal(acao.value.kind, 'request-origin');
  assert.equal(acao.value.checked, false);
  assert.equal(acao.op, 'set');
  assert.equal(acao.always, 'n/a');
  assert.equal(str(text, acao.valueSpan), "request.headers['Origin']");
  assert.equal(str(text, acao.nameSpan), 'Access-Control-Allow-Origin');
  const p = facts.policies[0];
  assert.equal(p.handWritten, true);
  assert.equal(p.origin.kind, 'reflect');
  assert.equal(p.credentials, true);
  assert.equal(p.vary, 'absent');
  assert.equal(p.scope.kind, 'app');
  assert.ok(facts.headerMentions.some((m) => m.value === 'Origin' && str(text, m.span) === 'Origin'));
});

test('flask: allowlist check + Vary is a checked list with explicit vary', async () => {
  const { facts, text } = await run('after_request_allowlist.py');
  const acao = facts.headerWrites.find((w) => w.name === 'Access-Control-Allow-Origin');
  assert.equal(acao.value.checked, true);
  assert.equal(acao.value.check.kind, 'exact');
  assert.deepEqual(acao.value.check.entries.map((e) => e.value), ['https://app.example.com', 'https://staging.example.com']);
  const p = facts.policies[0];
  assert.equal(p.origin.kind, 'list');
  assert.equal(p.vary, 'explicit');
  assert.equal(p.credentials, true);
  assert.equal(facts.headerWrites.find((w) => w.name === 'Vary').op, 'add');
  assert.equal(str(text, p.maxAge.span), '7200');
});

test('flask: hand-written headers on a blueprint: add + add on one response is a duplicate', async () => {
  const { facts } = await run('blueprint_headers.py');
  const dupes = facts.responses.filter((r) => acaoCount(facts, r) >= 2);
  // /widgets (non-OPTIONS branch) and /legacy both get the blueprint hook's ACAO on top of their own
  assert.equal(dupes.length, 2);
  assert.deepEqual(dupes.map((r) => r.scope.label).sort(), ['/legacy', '/widgets']);
  // the OPTIONS branch and the other branch never co-occur
  const opts = facts.headerWrites.find((w) => w.name === 'Access-Control-Allow-Methods');
  assert.equal(opts.condition, 'options-only');
  const typo = facts.headerWrites.find((w) => w.name === 'Access-Control-Allow-Credential');
  assert.equal(typo.value.text, 'True');
  // the OPTIONS answer of /widgets: its own Allow-Methods / Max-Age plus the blueprint hook's ACAO
  const preflight = facts.policies.find((p) => p.scope.label === '/widgets' && p.writeIds.includes(opts.id));
  assert.equal(preflight.origin.kind, 'any');
  assert.equal(preflight.answersPreflight, true);
  assert.deepEqual(preflight.methods.items.map((i) => i.value), ['GET', 'patch']);
  assert.equal(preflight.maxAge.value, '86400');
});

test('flask: half-typed file still yields the complete parts', async () => {
  const { facts } = await run('half_typed_tail.py');
  assert.ok(facts.policies.some((p) => p.library === 'flask-cors' && p.origin.kind === 'reflect' && p.credentials === true));
  assert.ok(facts.headerWrites.some((w) => w.value.kind === 'request-origin' && w.value.checked));
  assert.ok(facts.notes.length >= 1);
});

test('flask: extract never throws on odd input', async () => {
  const odd = [
    '',
    'CORS(',
    'from flask_cors import CORS\nCORS(app, **',
    'from flask_cors import CORS\nCORS(app, resources={**x, 1: 2, "a": None}, origins=[*x])',
    'from flask import Flask\n@app.after_request\ndef f(r):\n    r.headers[f"Access-Control-{x}"] = 1\n    r.headers["Access-Control-Allow-Origin"] = b"x"\n',
    'from flask import request\ndef f(r):\n    o = request.origin\n    if re.match(P, o) or o.endswith(".a.com"):\n        r.headers.set("Access-Control-Allow-Origin", o)\n',
    'from flask_cors import cross_origin\n@cross_origin\ndef f(): pass\n',
  ];
  for (const t of odd) {
    const { facts } = await run('odd.py', t);
    assert.ok(Array.isArray(facts.policies));
  }
});

test('flask: request origin guards: regex / suffix / unknown predicate', async () => {
  const t = [
    'import re',
    'from flask import Flask, request',
    'app = Flask(__name__)',
    '@app.route("/a")',
    'def a():',
    '    resp = make_response("")',
    '    origin = request.headers.get("Origin", "")',
    '    if origin.endswith(".example.com"):',
    '        resp.headers["Access-Control-Allow-Origin"] = origin',
    '    return resp',
    '@app.route("/b")',
    'def b():',
    '    resp = make_response("")',
    '    o = request.origin',
    '    if not re.match(r"https://.*\\.example\\.com", o):',
    '        return resp',
    '    resp.headers["Access-Control-Allow-Origin"] = o',
    '    return resp',
    '@app.route("/c")',
    'def c():',
    '    resp = make_response("")',
    '    if is_trusted(request.headers.get("Origin")):',
    '        resp.headers["Access-Control-Allow-Origin"] = request.headers.get("Origin")',
    '    return resp',
    '',
  ].join('\n');
  const { facts } = await run('guards.py', t);
  const kinds = facts.headerWrites.map((w) => w.value.check?.kind);
  assert.deepEqual(kinds, ['suffix', 'regex', 'unknown']);
  assert.deepEqual(facts.policies.map((p) => p.origin.kind), ['pattern', 'pattern', 'predicate']);
  assert.equal(facts.headerWrites[1].value.check.entries[0].value, 'https://.*\\.example\\.com');
});

// ---------------------------------------------------------------------------------------------------
// Fixes

test('flask fix: remove-credentials drops the kwarg and its comma', async () => {
  const { out, after } = await fixAndRerun('credentials.py', (f) => ({ kind: 'remove-credentials', policyId: f.policies[0].id }));
  assert.match(out, /\nCORS\(app\)\n/);
  assert.equal(after.policies[0].credentials, false);
});

test('flask fix: remove-credentials removes a config line', async () => {
  const { out, after } = await fixAndRerun('config_null.py', (f) => ({ kind: 'remove-credentials', policyId: f.policies[0].id }));
  assert.ok(!out.includes('CORS_SUPPORTS_CREDENTIALS'));
  assert.equal(after.policies[0].credentials, false);
});

test('flask fix: set-origins adds an origins kwarg to CORS(app)', async () => {
  const { out, after } = await fixAndRerun('app_default.py', (f) => ({
    kind: 'set-origins',
    policyId: f.policies[0].id,
    origins: ['https://app.example.com', 'https://admin.example.com'],
  }));
  assert.match(out, /CORS\(app, origins=\["https:\/\/app\.example\.com", "https:\/\/admin\.example\.com"\]\)/);
  assert.equal(after.policies[0].origin.kind, 'list');
});

test('flask fix: set-origins replaces a written origins value and a decorator gets a kwarg', async () => {
  const r1 = await fixAndRerun('decorator_wildcard_creds.py', (f) => ({ kind: 'set-origins', policyId: f.policies[0].id, origins: ['https://app.example.com'] }));
  assert.match(r1.out, /@cross_origin\(origins=\["https:\/\/app\.example\.com"\], supports_credentials=True\)/);
  assert.equal(r1.after.policies[0].origin.kind, 'list');
  const r2 = await fixAndRerun('decorator_wildcard_creds.py', (f) => ({ kind: 'set-origins', policyId: f.policies[2].id, origins: ['https://app.example.com'] }));
  assert.match(r2.out, /@cross_origin\(origins=\["https:\/\/app\.example\.com"\]\)/);
});

test('flask fix: origin entries: replace the trailing-slash one, remove null', async () => {
  const r1 = await fixAndRerun('resources_trailing_slash.py', (f) => ({
    kind: 'replace-origin-entry',
    policyId: f.policies[0].id,
    index: 0,
    value: 'https://app.example.com',
  }));
  assert.match(r1.out, /\{"origins": \["https:\/\/app\.example\.com", "https:\/\/admin\.example\.com"\]\}/);
  const r2 = await fixAndRerun('config_null.py', (f) => ({ kind: 'remove-origin-entry', policyId: f.policies[0].id, index: 1 }));
  assert.deepEqual(r2.after.policies[0].origin.entries.map((e) => e.value), ['https://app.example.com']);
  // an entry of a module-level constant list
  const r3 = await fixAndRerun('factory_correct.py', (f) => ({ kind: 'remove-origin-entry', policyId: f.policies[0].id, index: 1 }));
  assert.match(r3.out, /FRONTENDS = \["https:\/\/app\.example\.com"\]/);
  // the only entry of a plain string is not removed (that would switch CORS off silently)
  const { facts, file } = await run('config_class.py');
  assert.deepEqual(flask.renderFix({ kind: 'remove-origin-entry', policyId: facts.policies[0].id, index: 0 }, facts, file), []);
});

test('flask fix: set-max-age through the generic renderer', async () => {
  const { after, out } = await fixAndRerun('resources_trailing_slash.py', (f) => ({ kind: 'set-max-age', policyId: f.policies[1].id, value: 7200 }));
  assert.match(out, /"max_age": 7200/);
  assert.equal(after.policies[1].maxAge.value, '7200');
});

test('flask fix: hand-written header value, name, add and removal', async () => {
  const r1 = await fixAndRerun('blueprint_headers.py', (f) => ({
    kind: 'set-header-value',
    writeId: f.headerWrites.find((w) => w.name === 'Access-Control-Allow-Credential').id,
    value: 'true',
  }));
  assert.match(r1.out, /"Access-Control-Allow-Credential": "true"/);
  const r2 = await fixAndRerun('blueprint_headers.py', (f) => ({
    kind: 'set-header-name',
    writeId: f.headerWrites.find((w) => w.name === 'Access-Control-Allow-Credential').id,
    name: 'Access-Control-Allow-Credentials',
  }));
  assert.ok(r2.after.headerWrites.some((w) => w.name === 'Access-Control-Allow-Credentials'));
  const r3 = await fixAndRerun('after_request_reflect.py', (f) => ({
    kind: 'add-header',
    afterWriteId: f.headerWrites[0].id,
    name: 'Vary',
    value: 'Origin',
  }));
  assert.match(r3.out, /\n {4}response\.headers\['Vary'\] = 'Origin'\n/);
  assert.equal(r3.after.policies[0].vary, 'explicit');
  const r4 = await fixAndRerun('blueprint_headers.py', (f) => ({
    kind: 'remove-write',
    writeId: f.headerWrites.find((w) => w.scope.label === '/widgets' && w.name === 'Access-Control-Allow-Origin').id,
  }));
  assert.equal(r4.after.responses.filter((r) => acaoCount(r4.after, r) >= 2).length, 1);
  const r5 = await fixAndRerun('blueprint_headers.py', (f) => ({
    kind: 'remove-write',
    writeId: f.headerWrites.find((w) => w.name === 'Access-Control-Allow-Credential').id,
  }));
  assert.match(r5.out, /\{"Access-Control-Allow-Origin": "https:\/\/app\.example\.com\/"\}/);
  // a reflected value replaced by a fixed origin gets quotes
  const r6 = await fixAndRerun('after_request_reflect.py', (f) => ({
    kind: 'set-header-value',
    writeId: f.headerWrites[0].id,
    value: 'https://app.example.com',
  }));
  assert.match(r6.out, /\['Access-Control-Allow-Origin'\] = 'https:\/\/app\.example\.com'/);
});

test('flask fix: set-always cannot be expressed', async () => {
  const { facts, file } = await run('after_request_reflect.py');
  assert.deepEqual(flask.renderFix({ kind: 'set-always', writeId: facts.headerWrites[0].id }, facts, file), []);
});

test('flask: library + hand-written headers are not claimed as duplicates; non-Flask files are ignored', async () => {
  const t = [
    'from flask import Flask, request',
    'from flask_cors import CORS',
    'app = Flask(__name__)',
    'CORS(app)',
    '@app.after_request',
    'def extra(resp):',
    '    resp.headers.add("Access-Control-Allow-Origin", "*")',
    '    return resp',
    '',
  ].join('\n');
  const { facts } = await run('both.py', t);
  assert.equal(facts.policies.length, 2);
  assert.ok(facts.responses.every((r) => acaoCount(facts, r) <= 1));
  const django = "from django.http import JsonResponse\ndef view(request):\n    r = JsonResponse({})\n    r.headers['Access-Control-Allow-Origin'] = '*'\n    return r\n";
  const d = await run('views.py', django);
  assert.equal(d.facts.headerWrites.length, 0);
  assert.equal(d.facts.policies.length, 0);
});

test('flask: header lists: update() replaces, repeated names in a pair list add', async () => {
  const t = [
    'from flask import Flask, make_response',
    'app = Flask(__name__)',
    '@app.route("/x")',
    'def x():',
    '    resp = make_response("ok")',
    '    resp.headers.update({"Access-Control-Allow-Origin": "https://a.example.com"})',
    '    resp.headers.extend([("Access-Control-Allow-Origin", "https://b.example.com")])',
    '    return resp',
    '',
  ].join('\n');
  const { facts } = await run('lists.py', t);
  assert.deepEqual(facts.headerWrites.map((w) => w.op), ['set', 'add']);
  assert.equal(facts.responses.filter((r) => acaoCount(facts, r) === 2).length, 1);
});
