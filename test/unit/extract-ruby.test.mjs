// The Ruby extractor (extract/ruby): rack-cors declarations (semantics of rack-cors 3.0.0, same in 1.1.1) and
// hand-written headers in Rails controllers, Sinatra filters and routes, and Rack apps / middleware.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import ruby from '../../dist/lib/extract/ruby/index.js';
import { renderGenericFix } from '../../dist/lib/extract/common.js';
import { renderFacts, matchSnapshot, fixtureSet, str, applyEdits } from '../helpers.mjs';

const { dir, fixtures, run } = fixtureSet(ruby, 'ruby');
function fix(req, facts, file) {
  return ruby.renderFix(req, facts, file) ?? renderGenericFix(req, facts, file);
}
async function fixed(name, pick) {
  const { facts, file, text } = await run(name);
  const edits = fix(pick(facts), facts, file);
  assert.ok(edits.length > 0, 'the fix has edits');
  const out = applyEdits(text, edits);
  return { out, after: (await run(name, out)).facts, before: facts, text };
}
const lib = (facts) => facts.policies.filter((p) => p.library === 'rack-cors');

test('ruby: snapshots of every fixture', async () => {
  assert.ok(fixtures.length >= 15);
  for (const f of fixtures) {
    const { facts, text } = await run(f);
    matchSnapshot(join(dir, '__snapshots__', f + '.facts.txt'), renderFacts(facts, text));
  }
});

test('ruby: mayContain is a cheap keyword check', () => {
  assert.equal(ruby.mayContain("use Rack::Cors do\nend\n"), true);
  assert.equal(ruby.mayContain("headers['Access-Control-Allow-Origin'] = '*'\n"), true);
  assert.equal(ruby.mayContain("class UsersController < ApplicationController\nend\n"), false);
  assert.deepEqual(ruby.filePatterns, ['**/*.rb', '**/*.ru']);
});

test('ruby: files without CORS, binary junk and half-typed code give no wrong fact', async () => {
  for (const f of ['no_cors.rb', 'binary_junk.rb']) {
    const { facts } = await run(f);
    assert.equal(facts.policies.length, 0, f);
    assert.equal(facts.headerWrites.length, 0, f);
  }
  // half-typed: a policy, if any, never claims more than the text says
  const { facts } = await run('half_typed.rb');
  for (const p of facts.policies) assert.notEqual(p.origin.kind, 'any');
  // a value still being typed is unknown, the blocks around it are read
  const typed = lib((await run('half_typed_option.rb')).facts);
  assert.deepEqual(typed.map((p) => [p.origin.kind, p.credentials]), [['list', false], ['list', 'unknown']]);
});

test('rack-cors: an allowlist echoes matching origins exactly; options as the library sends them', async () => {
  const { facts, text } = await run('initializer_allowlist.rb');
  const [p] = lib(facts);
  assert.equal(p.origin.kind, 'list');
  assert.deepEqual(p.origin.entries.map((e) => [e.value, e.match]), [['https://app.example.com', 'exact'], ['https://admin.example.com/', 'exact']]);
  assert.deepEqual(p.origin.tolerance, {});
  assert.equal(str(text, p.origin.entries[1].elementSpan), "'https://admin.example.com/'");
  assert.equal(p.credentials, true);
  assert.equal(str(text, p.credentialsSpan), 'credentials: true');
  assert.deepEqual(p.methods.items.map((i) => i.value), ['GET', 'POST', 'PATCH', 'DELETE', 'OPTIONS']);
  assert.equal(p.allowHeaders.kind, 'reflect-request');
  assert.equal(p.maxAge.value, '86400');
  assert.equal(p.vary, 'library');
  assert.equal(p.answersPreflight, true);
  assert.equal(p.scope.label, 'resource /api/*');
  assert.deepEqual(facts.optionMentions.map((m) => m.option), ['origins', 'resource', 'headers', 'methods', 'credentials', 'max_age']);
});

test("rack-cors: origins '*' makes later resources public (`*`), credentials there refuse to start", async () => {
  const [p] = lib((await run('initializer_wildcard_credentials.rb')).facts);
  assert.equal(p.origin.kind, 'any');
  assert.equal(p.credentials, true);
  const large = lib((await run('rails_application_large.rb')).facts);
  assert.deepEqual(large.map((x) => [x.scope.label, x.origin.kind, x.credentials]), [
    ['resource /api/v2/*', 'list', true],
    ['resource /api/v2/uploads/*', 'list', true],
    ['resource /api/catalogue/*', 'list', false],
    ['resource /status', 'any', false],
    ['resource /feed/*', 'any', true],
  ]);
  // the partner list comes from a constant of the class body
  assert.deepEqual(large[2].origin.entries.map((e) => e.value), ['https://widgets.partner-one.com', 'https://shop.partner-two.de/', 'http://legacy.partner-three.net']);
  // defaults: GET only, safelisted headers only
  const ok = lib((await run('initializer_correct.rb')).facts);
  assert.deepEqual(ok[1].methods.items.map((i) => i.value), ['GET']);
  assert.deepEqual(ok[0].allowHeaders.items.map((i) => i.value), ['Authorization', 'Content-Type']);
});

test('rack-cors: credentials only for `true` itself; a value chosen at run time is unknown', async () => {
  const text = "use Rack::Cors do\n  allow do\n    origins '*'\n    resource '/a', credentials: ENV['PROD'] ? false : true\n    resource '/b', credentials: 'true'\n    resource '/c', **OPTS\n  end\nend\n";
  const ps = lib((await run('cred.rb', text)).facts);
  assert.deepEqual(ps.map((p) => p.credentials), ['unknown', false, 'unknown']);
});

test('rack-cors: entries without a scheme match any scheme; wildcards in them match nothing', async () => {
  const [p] = lib((await run('schemeless_entries.rb')).facts);
  assert.deepEqual(p.origin.entries.map((e) => [e.value, e.match]), [
    ['localhost:3000', 'regex'],
    ['127.0.0.1:3000', 'regex'],
    ['app.example.com', 'regex'],
    ['*.example.com', 'exact'],
    ['https://*.example.com', 'exact'],
  ]);
  // 'null' without a scheme becomes a host pattern that the Origin `null` never matches
  const [n] = lib((await run('null_entry_never_matches.rb')).facts);
  assert.equal(n.origin.entries[1].match, 'regex');
});

test('rack-cors: origin blocks: true echoes everyone, include? is an allowlist, end_with? a pattern', async () => {
  assert.equal(lib((await run('config.ru')).facts)[0].origin.kind, 'reflect');
  const list = lib((await run('origins_block_allowlist.rb')).facts)[0].origin;
  assert.equal(list.kind, 'list');
  assert.deepEqual(list.entries.map((e) => e.value), ['https://app.example.com', 'https://staff.example.com']);
  const pat = lib((await run('origins_block_suffix.rb')).facts)[0].origin;
  assert.equal(pat.kind, 'pattern');
  assert.equal(pat.check.kind, 'suffix');
});

test('rack-cors: vary naming other headers drops Vary: Origin; upper-case methods never pass a preflight', async () => {
  const [p] = lib((await run('vary_override.rb')).facts);
  assert.equal(p.vary, 'absent');
  assert.deepEqual(p.methods.items.map((i) => i.value), ['GET', 'POST']);
});

test('hand-written: Sinatra filters, Rails callbacks and Rack middleware', async () => {
  const s = (await run('sinatra_reflect.rb')).facts;
  const app = s.policies.find((p) => p.scope.label === 'app');
  assert.equal(app.origin.kind, 'reflect');
  assert.equal(app.credentials, true);
  // the `options '*'` route answers preflights, with the filter's headers
  const opt = s.policies.find((p) => p.scope.label === 'options *');
  assert.equal(opt.answersPreflight, true);
  assert.equal(opt.allowHeaders.kind, 'list');
  const allow = (await run('sinatra_allowlist.rb')).facts.policies.find((p) => p.scope.label === 'app');
  assert.equal(allow.origin.kind, 'list');
  assert.equal(allow.vary, 'explicit');
  const rails = (await run('rails_controller.rb')).facts.policies[0];
  assert.equal(rails.origin.kind, 'pattern');
  assert.equal(rails.origin.check.kind, 'suffix');
  // a before filter runs first: the route's own Allow-Origin is the one sent
  const over = (await run('sinatra_route_overrides_filter.rb')).facts.policies.find((p) => p.scope.label === 'get /me');
  assert.deepEqual([over.origin.kind, over.credentials], ['static', true]);
  // a Rails callback reaches the actions of its own controller class only; `only:` makes it stand alone
  const cb = (await run('rails_callbacks_scoped.rb')).facts.policies;
  assert.deepEqual(cb.map((p) => [p.scope.label, p.origin.kind, p.credentials]), [
    ['ApiController#account', 'static', true],
    ['OtherController#index', 'any', false],
    ['ApiController before_action', 'any', false],
  ]);
  const rack = (await run('rack_app.rb')).facts.policies;
  assert.deepEqual(rack.map((p) => [p.scope.label, p.origin.kind, p.credentials]), [['HealthApp#call', 'any', true], ['app', 'list', false]]);
});

test('rack-cors fixes: origins, credentials, entries and max-age in Ruby syntax', async () => {
  const a = await fixed('initializer_wildcard_credentials.rb', (f) => ({ kind: 'set-origins', policyId: lib(f)[0].id, origins: ['https://app.example.com', 'https://admin.example.com'] }));
  assert.match(a.out, /origins 'https:\/\/app\.example\.com', 'https:\/\/admin\.example\.com'\n/);
  assert.equal(lib(a.after)[0].origin.kind, 'list');
  const b = await fixed('initializer_wildcard_credentials.rb', (f) => ({ kind: 'remove-credentials', policyId: lib(f)[0].id }));
  assert.match(b.out, /methods: \[:get, :post, :options\]\n/);
  assert.equal(lib(b.after)[0].credentials, false);
  const c = await fixed('initializer_allowlist.rb', (f) => ({ kind: 'replace-origin-entry', policyId: lib(f)[0].id, index: 1, value: 'https://admin.example.com' }));
  assert.deepEqual(lib(c.after)[0].origin.entries.map((e) => e.value), ['https://app.example.com', 'https://admin.example.com']);
  const d = await fixed('rails_application_large.rb', (f) => ({ kind: 'remove-origin-entry', policyId: lib(f)[2].id, index: 1 }));
  assert.match(d.out, /%w\[\n      https:\/\/widgets\.partner-one\.com\n      http:\/\/legacy/);
  assert.deepEqual(lib(d.after)[2].origin.entries.map((e) => e.value), ['https://widgets.partner-one.com', 'http://legacy.partner-three.net']);
  const e = await fixed('initializer_allowlist.rb', (f) => ({ kind: 'set-max-age', policyId: lib(f)[0].id, value: 7200 }));
  assert.equal(lib(e.after)[0].maxAge.value, '7200');
  // an origins block gives way to the list
  const f = await fixed('config.ru', (x) => ({ kind: 'set-origins', policyId: lib(x)[0].id, origins: ['https://app.example.com'] }));
  assert.match(f.out, /\n    origins 'https:\/\/app\.example\.com'\n    resource/);
  assert.equal(lib(f.after)[0].origin.kind, 'list');
  // several origins calls: the last one takes the list, the others go
  const two = "use Rack::Cors do\n  allow do\n    origins 'https://x.com'\n    resource '/b', credentials: true\n    origins '*'\n  end\nend\n";
  const r = await run('two.rb', two);
  // before: '*' declared after the resource lets every origin in, and '/b' is not public: the origin is echoed
  assert.equal(lib(r.facts)[0].origin.kind, 'reflect');
  const edits = fix({ kind: 'set-origins', policyId: lib(r.facts)[0].id, origins: ['https://app.example.com'] }, r.facts, r.file);
  const out = applyEdits(two, edits);
  assert.equal(out, "use Rack::Cors do\n  allow do\n    resource '/b', credentials: true\n    origins 'https://app.example.com'\n  end\nend\n");
  assert.equal(lib((await run('two.rb', out)).facts)[0].origin.kind, 'list');
});

test('hand-written fixes: a pair of a Sinatra headers call, a statement, a verbatim value only', async () => {
  const a = await fixed('sinatra_reflect.rb', (f) => ({ kind: 'remove-credentials', policyId: f.policies.find((p) => p.scope.label === 'app').id }));
  assert.match(a.out, /headers 'Access-Control-Allow-Origin' => origin\n/);
  assert.equal(a.after.policies.find((p) => p.scope.label === 'app').credentials, false);
  const b = await fixed('rails_controller_echo.rb', (f) => ({ kind: 'set-header-value', writeId: f.headerWrites.find((w) => w.name.endsWith('Credentials')).id, value: 'true' }));
  assert.match(b.out, /set_header\('Access-Control-Allow-Credentials', 'true'\)/);
  // the origin value is an expression: no literal to replace
  const { facts, file } = await run('rails_controller_echo.rb');
  const acao = facts.headerWrites.find((w) => w.name === 'Access-Control-Allow-Origin');
  assert.deepEqual(fix({ kind: 'set-header-value', writeId: acao.id, value: 'https://a.com' }, facts, file), []);
});

test('ruby: a huge file is read whole and fast', async () => {
  const block = (i) => `  allow do\n    origins 'https://app${i}.example.com'\n    resource '/r${i}/*', headers: :any, methods: [:get]\n  end\n`;
  const text = 'use Rack::Cors do\n' + Array.from({ length: 3000 }, (_, i) => block(i)).join('') + 'end\n';
  const t0 = performance.now();
  const { facts } = await run('huge.rb', text);
  assert.equal(lib(facts).length, 3000);
  assert.ok(performance.now() - t0 < 20000);
});

test('ruby: every fixture cut anywhere (as while typing) is read without a failure note', async () => {
  for (const f of fixtures) {
    const { text } = await run(f);
    for (let i = 1; i <= 24; i++) {
      const cut = text.slice(0, Math.floor((text.length * i) / 25));
      const { facts } = await run(f, cut);
      assert.ok(!(facts.notes ?? []).some((n) => /failed/.test(n)), `${f} cut at ${cut.length}: ${facts.notes}`);
    }
  }
});
