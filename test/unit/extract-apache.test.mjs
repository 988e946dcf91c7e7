import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import apache from '../../dist/lib/extract/apache/index.js';
import { parseApache } from '../../dist/lib/syntax/apache.js';
import { extractWith, renderFacts, matchSnapshot, root, fixtureSet, str, applyEdits } from '../helpers.mjs';
import { renderGenericFix } from '../../dist/lib/extract/common.js';

const { dir, fixtures, run } = fixtureSet(apache, 'apache');
const writesOf = (facts, header) => facts.headerWrites.filter((w) => w.name.toLowerCase() === header.toLowerCase());
function acaoCount(facts, resp) {
  return resp.writeIds.filter((id) => facts.headerWrites.find((w) => w.id === id)?.name.toLowerCase() === 'access-control-allow-origin').length;
}

test('apache: snapshots of every fixture', async () => {
  assert.ok(fixtures.length >= 15);
  for (const f of fixtures) {
    const { facts, text } = await run(f);
    matchSnapshot(join(dir, '__snapshots__', f + '.facts.txt'), renderFacts(facts, text));
  }
});

test('apache: config without CORS yields nothing', async () => {
  for (const f of ['apache2.conf', 'default-ssl.conf', 'nginx-in-conf-d.conf']) {
    const text = readFileSync(join(dir, f), 'utf8');
    const facts = apache.extract({ path: f, text, tree: () => undefined });
    assert.equal(facts.policies.length, 0, f);
    assert.equal(facts.headerWrites.length, 0, f);
    assert.equal(facts.responses.length, 0, f);
  }
});

test('apache: mayContain needs Apache directives and CORS words', () => {
  assert.equal(apache.mayContain(readFileSync(join(dir, 'nginx-in-conf-d.conf'), 'utf8')), false);
  assert.equal(apache.mayContain('Header set Access-Control-Allow-Origin "*"\n'), true);
  assert.equal(apache.mayContain('  <IfModule mod_headers.c>\n  # CORS\n'), true);
  assert.equal(apache.mayContain('Header set X-Frame-Options DENY\n'), false);
  assert.equal(apache.mayContain('add_header Access-Control-Allow-Origin *;\n'), false);
});

test('apache: classic .htaccess wildcard, inner <FilesMatch> set replaces the outer one', async () => {
  const { facts, text } = await run('classic-wildcard.htaccess');
  assert.equal(facts.policies.length, 2);
  for (const p of facts.policies) {
    assert.equal(p.origin.kind, 'any');
    assert.equal(str(text, p.origin.span), '*');
    assert.equal(p.emits, 'success-only');
  }
  for (const w of facts.headerWrites) assert.equal(w.always, false);
  for (const r of facts.responses) assert.equal(acaoCount(facts, r), 1);
  assert.deepEqual(facts.policies[1].scope.path, ['classic-wildcard.htaccess', 'FilesMatch "\\.(ttf|otf|eot|woff2?)$"']);
});

test('apache: always + wildcard + credentials', async () => {
  const { facts, text } = await run('always-wildcard-credentials.htaccess');
  const [p] = facts.policies;
  assert.equal(facts.policies.length, 1);
  assert.equal(p.origin.kind, 'any');
  assert.equal(p.credentials, true);
  assert.equal(str(text, p.credentialsSpan), 'true');
  assert.equal(p.emits, 'always');
  assert.equal(p.maxAge.value, '86400');
  assert.ok(facts.headerWrites.every((w) => w.always === true && w.layer === 'server-config'));
});

test('apache: SetEnvIf allowlist is a regex check, with Vary', async () => {
  const { facts, text } = await run('setenvif-allowlist.htaccess');
  const [p] = facts.policies;
  assert.equal(p.origin.kind, 'pattern');
  assert.equal(p.origin.check.kind, 'regex');
  assert.deepEqual(p.origin.check.entries.map((e) => str(text, e.span)), ['^https://(www\\.|app\\.)?example\\.com$', '^https://staging\\.example\\.net$']);
  assert.equal(p.credentials, true);
  assert.equal(p.vary, 'explicit');
  const [acao] = writesOf(facts, 'Access-Control-Allow-Origin');
  assert.equal(acao.value.kind, 'request-origin');
  assert.equal(acao.value.checked, true);
  assert.equal(str(text, acao.valueSpan), '%{CORS_ORIGIN}e');
  assert.equal(acao.condition, 'conditional');
});

test('apache: SetEnvIf "(.*)" is an unchecked reflection', async () => {
  const { facts } = await run('setenvif-reflect-any.htaccess');
  const [p] = facts.policies;
  assert.equal(p.origin.kind, 'reflect');
  assert.equal(p.credentials, true);
  const { facts: f2 } = await run('setenvif-unanchored.htaccess');
  assert.equal(f2.policies[0].origin.kind, 'pattern');
  assert.equal(f2.policies[0].origin.check.entries[0].value, 'http(s)?://(www\\.)?(example\\.com|partner-site\\.org)$');
});

test('apache: several virtual hosts are separate responses; nested Location inherits', async () => {
  const { facts } = await run('vhosts-httpd.conf');
  assert.equal(facts.policies.length, 3);
  const [api, feed, stat] = facts.policies;
  assert.equal(api.scope.label, 'VirtualHost *:443 (api.example.com)');
  assert.equal(api.origin.kind, 'pattern');
  assert.equal(api.credentials, true);
  assert.deepEqual(feed.scope.path, ['vhosts-httpd.conf', 'VirtualHost *:443 (api.example.com)', 'Location "/public-feed"']);
  assert.equal(feed.origin.kind, 'any');
  assert.equal(feed.credentials, false, 'Header always unset removes the inherited credentials');
  assert.equal(feed.vary, 'explicit', 'Vary is inherited from the vhost');
  assert.equal(stat.scope.label, 'Directory "/srv/static"');
  assert.equal(stat.emits, 'success-only');
  for (const r of facts.responses) assert.ok(acaoCount(facts, r) <= 1);
});

test('apache: Header set + Header always set of ACAO are both sent', async () => {
  const { facts } = await run('set-and-always-duplicate.conf');
  assert.equal(facts.responses.length, 1);
  assert.equal(acaoCount(facts, facts.responses[0]), 2);
  const ws = writesOf(facts, 'Access-Control-Allow-Origin');
  assert.deepEqual(ws.map((w) => w.always), [false, true]);
});

test('apache: Header add twice gives two ACAO lines; append/merge keep one', async () => {
  const { facts } = await run('header-add-twice.htaccess');
  assert.equal(acaoCount(facts, facts.responses[0]), 2);
  const { facts: f2 } = await run('x.htaccess', 'Header set Access-Control-Allow-Origin "https://a.example"\nHeader append Access-Control-Allow-Origin "https://b.example"\n');
  assert.equal(acaoCount(f2, f2.responses[0]), 1);
  assert.equal(f2.policies[0].origin.kind, 'unknown');
  const { facts: f3 } = await run('x.htaccess', 'Header set Access-Control-Allow-Origin "*"\nHeader set Access-Control-Allow-Origin "https://b.example"\n');
  assert.equal(acaoCount(f3, f3.responses[0]), 1, 'set replaces set in the same table');
  assert.equal(f3.policies[0].origin.kind, 'static');
  const { facts: f4 } = await run('x.htaccess', 'Header set Vary Accept-Encoding\nHeader merge Vary Origin\nHeader merge Vary Origin\nHeader set Access-Control-Allow-Origin %{HTTP_ORIGIN}e\n');
  assert.equal(f4.policies[0].vary, 'explicit');
  assert.equal(f4.policies[0].origin.kind, 'reflect');
});

test('apache: trailing slash, lowercase methods, credentials True', async () => {
  const { facts } = await run('trailing-slash.htaccess');
  assert.deepEqual([facts.policies[0].origin.kind, facts.policies[0].origin.value], ['static', 'https://app.example.com/']);
  const { facts: f2, text: t2 } = await run('lowercase-patch.htaccess');
  const items = f2.policies[0].methods.items;
  assert.deepEqual(items.map((i) => str(t2, i.span)), ['GET', 'POST', 'put', 'patch', 'delete']);
  assert.equal(f2.policies[0].maxAge.value, '86400', 'a trailing colon on the header name is allowed');
  const { facts: f3, text: t3 } = await run('credentials-True.htaccess');
  const [acac] = writesOf(f3, 'Access-Control-Allow-Credentials');
  assert.deepEqual(acac.value, { kind: 'literal', text: 'True' });
  assert.equal(str(t3, acac.valueSpan), 'True');
  assert.equal(f3.policies[0].credentials, false);
});

test('apache: OPTIONS rewrite answers preflights only with the always table', async () => {
  const { facts } = await run('options-rewrite-preflight.htaccess');
  assert.equal(facts.policies[0].answersPreflight, true);
  const { facts: f2 } = await run('options-rewrite-onsuccess.htaccess');
  assert.equal(f2.policies[0].answersPreflight, false);
  const { facts: f3 } = await run('x.htaccess', 'Header always set Access-Control-Allow-Origin "*"\nRewriteCond %{REQUEST_METHOD} OPTIONS\nRewriteRule ^(.*)$ $1 [R=200,L]\n');
  assert.equal(f3.policies[0].answersPreflight, 'unknown', 'without RewriteEngine On the rule does nothing');
});

test('apache: <If> with an Origin list and expr= value; method conditions', async () => {
  const { facts, text } = await run('expr-if-allowlist.conf');
  const [p] = facts.policies;
  assert.equal(facts.policies.length, 1);
  assert.equal(p.origin.kind, 'list');
  assert.deepEqual(p.origin.entries.map((e) => str(text, e.span)), ['https://app.example.com', 'https://admin.example.com']);
  assert.equal(p.vary, 'library', 'req(Origin) in an expression makes httpd add Vary: Origin');
  const [m] = writesOf(facts, 'Access-Control-Allow-Methods');
  assert.equal(m.condition, 'options-only');
  const { facts: f2 } = await run('x.conf', `Header always set Access-Control-Allow-Origin "expr=%{req:Origin}"\n`);
  assert.equal(f2.policies[0].origin.kind, 'reflect');
  const { facts: f3 } = await run('x.conf', `Header always set Access-Control-Allow-Origin "expr=%{req:Origin}" "expr=%{req:Origin} =~ m#^https://(www\\.)?example\\.com$#"\n`);
  assert.equal(f3.policies[0].origin.kind, 'pattern');
  assert.equal(f3.policies[0].origin.check.entries[0].value, '^https://(www\\.)?example\\.com$');
});

test('apache: RewriteRule [E=...] from a checked Origin', async () => {
  const { facts } = await run('rewrite-env-origin.htaccess');
  const [main, embed] = facts.policies;
  assert.equal(main.origin.kind, 'pattern');
  assert.equal(main.origin.check.entries[0].value, '^(https://[a-z0-9-]+\\.example\\.com)$');
  assert.equal(embed.origin.kind, 'unknown', 'a conditional set over another one: either value');
  const w = writesOf(facts, 'Access-Control-Allow-Origin')[1];
  assert.equal(w.value.kind, 'request-origin');
  assert.equal(w.value.checked, false);
});

test('apache: half-typed, unclosed quotes and sections, garbage', async () => {
  const { facts } = await run('half-typed.htaccess');
  assert.ok(facts.notes.some((n) => n.includes('not closed')));
  const m = writesOf(facts, 'Access-Control-Allow-Methods')[0];
  assert.equal(m.value.kind, 'unknown', 'an unclosed quote gives no value');
  const { facts: f2 } = await run('unclosed.conf');
  assert.ok(f2.notes.some((n) => n.includes('<Directory> is not closed')));
  assert.equal(writesOf(f2, 'Access-Control-Allow-Origin')[0].value.kind, 'unknown');
  assert.equal(f2.policies.at(-1).origin.kind, 'any');
  for (const junk of ['', '\\', '<', '</', '<If "', 'Header', 'Header always', '"\'\\\n\\\n', '\u0000\u0001<\u00ff>', 'x'.repeat(10000), '<a>'.repeat(2000)]) {
    const facts = apache.extract({ path: '.htaccess', text: junk, tree: () => undefined });
    assert.ok(Array.isArray(facts.policies));
  }
});

test('apache tokenizer: continuations, comments, quotes, spans', () => {
  const text = '# c \\\n  Header set "A\\"b" \'c d\' e\\\\f #x\n<If "%{A} > 1">\n  K v \\\n  w\n</If>\n';
  const { nodes, errors } = parseApache(text);
  assert.equal(errors.length, 0);
  assert.equal(nodes.length, 1, 'a comment line ending in a backslash continues the comment');
  const t2 = 'Header set "A\\"b" \'c d\' e\\\\f #x\n<If "%{A} > 1">\n  K v \\\n  w\n</If>\n';
  const r = parseApache(t2);
  const [h, sec] = r.nodes;
  assert.deepEqual(h.args.map((a) => a.value), ['set', 'A"b', 'c d', 'e\\f', '#x']);
  assert.equal(h.args[1].verbatim, false);
  assert.equal(str(t2, h.args[2].valueSpan), 'c d');
  assert.equal(sec.name, 'If');
  assert.equal(sec.args[0].value, '%{A} > 1');
  assert.equal(sec.children[0].args.map((a) => a.value).join('|'), 'v|w');
  assert.equal(str(t2, sec.children[0].span), 'K v \\\n  w');
  assert.ok(sec.closed);
  const bad = parseApache('<Directory /a>\n</Location>\nHeader set X "y\n');
  assert.ok(bad.errors.length >= 3);
  assert.equal(bad.nodes[0].children[0].args[2].closed, false);
});

test('apache renderFix: set-always', async () => {
  const text = 'Header set Access-Control-Allow-Origin "*"\nHeader onsuccess set Access-Control-Allow-Credentials true\n';
  const { facts, file } = await run('.htaccess', text);
  const [w1, w2] = facts.headerWrites;
  const e1 = apache.renderFix({ kind: 'set-always', writeId: w1.id }, facts, file);
  const e2 = apache.renderFix({ kind: 'set-always', writeId: w2.id }, facts, file);
  const out = applyEdits(text, [...e1, ...e2]);
  assert.equal(out, 'Header always set Access-Control-Allow-Origin "*"\nHeader always set Access-Control-Allow-Credentials true\n');
  const again = await run('.htaccess', out);
  assert.ok(again.facts.headerWrites.every((w) => w.always === true));
});

test('apache renderFix: set-header-value quotes when needed', async () => {
  const text = 'Header always set Access-Control-Allow-Origin https://a.example/\nHeader always set Access-Control-Allow-Methods "GET, patch"\nHeader always set Access-Control-Allow-Headers \'X-A\'\n';
  const { facts, file } = await run('.htaccess', text);
  const [o, m, h] = facts.headerWrites;
  let out = applyEdits(text, apache.renderFix({ kind: 'set-header-value', writeId: o.id, value: 'https://a.example' }, facts, file));
  assert.match(out, /^Header always set Access-Control-Allow-Origin https:\/\/a\.example\n/);
  out = applyEdits(text, apache.renderFix({ kind: 'set-header-value', writeId: o.id, value: 'GET, POST' }, facts, file));
  assert.match(out, /^Header always set Access-Control-Allow-Origin "GET, POST"\n/);
  out = applyEdits(text, apache.renderFix({ kind: 'set-header-value', writeId: m.id, value: 'GET, PATCH' }, facts, file));
  assert.match(out, /Methods "GET, PATCH"\n/);
  out = applyEdits(text, apache.renderFix({ kind: 'set-header-value', writeId: h.id, value: 'X-A, Authorization' }, facts, file));
  assert.match(out, /Headers "X-A, Authorization"\n$/);
  const re = await run('.htaccess', out);
  assert.equal(re.facts.headerWrites[2].value.text, 'X-A, Authorization');
});

test('apache fixes: remove-write (the generic renderer, as the service falls back to it) removes continuation lines too', async () => {
  const text = '<Location /api>\n    Header always set Access-Control-Allow-Origin \\\n        "*"\n    Header always set Access-Control-Allow-Credentials "true"\n</Location>\n';
  const { facts, file } = await run('site.conf', text);
  const [w] = facts.headerWrites;
  const req = { kind: 'remove-write', writeId: w.id };
  assert.equal(apache.renderFix(req, facts, file), undefined, 'apache leaves remove-write to the generic renderer');
  const out = applyEdits(text, renderGenericFix(req, facts, file));
  assert.equal(out, '<Location /api>\n    Header always set Access-Control-Allow-Credentials "true"\n</Location>\n');
  const p = facts.policies[0];
  const out2 = applyEdits(text, apache.renderFix({ kind: 'remove-credentials', policyId: p.id }, facts, file));
  assert.ok(!out2.includes('Credentials'));
});

test('apache renderFix: add-header keeps indentation and table, merges Vary', async () => {
  const text = '<IfModule mod_headers.c>\n\tSetEnvIf Origin "^https://a\\.example$" OK=$0\n\tHeader always set Access-Control-Allow-Origin %{OK}e env=OK\n</IfModule>\n';
  const { facts, file } = await run('.htaccess', text);
  const [w] = facts.headerWrites;
  assert.equal(facts.policies[0].vary, 'absent');
  const out = applyEdits(text, apache.renderFix({ kind: 'add-header', afterWriteId: w.id, name: 'Vary', value: 'Origin' }, facts, file));
  assert.equal(out, '<IfModule mod_headers.c>\n\tSetEnvIf Origin "^https://a\\.example$" OK=$0\n\tHeader always set Access-Control-Allow-Origin %{OK}e env=OK\n\tHeader always merge Vary "Origin"\n</IfModule>\n');
  const re = await run('.htaccess', out);
  assert.equal(re.facts.policies[0].vary, 'explicit');
  const text2 = 'Header set Access-Control-Allow-Origin "https://a.example"\n';
  const r2 = await run('.htaccess', text2);
  const out2 = applyEdits(text2, apache.renderFix({ kind: 'add-header', afterWriteId: r2.facts.headerWrites[0].id, name: 'Access-Control-Allow-Headers', value: 'Content-Type, Authorization' }, r2.facts, r2.file));
  assert.equal(out2, text2 + 'Header set Access-Control-Allow-Headers "Content-Type, Authorization"\n');
});

test('apache renderFix: set-always also moves the same header of nested scopes (no new duplicate)', async () => {
  const { facts, file, text } = await run('classic-wildcard.htaccess');
  const [outer] = facts.headerWrites;
  const edits = apache.renderFix({ kind: 'set-always', writeId: outer.id }, facts, file);
  assert.equal(edits.length, 2);
  const out = applyEdits(text, edits);
  const again = await run('classic-wildcard.htaccess', out);
  assert.ok(again.facts.headerWrites.every((w) => w.always === true));
  for (const r of again.facts.responses) assert.equal(acaoCount(again.facts, r), 1);
  // Already in the always table: nothing to do.
  const r2 = await run('x.htaccess', 'Header always set Access-Control-Allow-Origin "*"\n');
  assert.deepEqual(apache.renderFix({ kind: 'set-always', writeId: r2.facts.headerWrites[0].id }, r2.facts, r2.file), []);
});

test('apache renderFix: set-origins rewrites the SetEnvIf regex, or the value', async () => {
  const { facts, file, text } = await run('setenvif-reflect-any.htaccess');
  const p = facts.policies[0];
  const edits = apache.renderFix({ kind: 'set-origins', policyId: p.id, origins: ['https://app.example.com', 'https://admin.example.com'] }, facts, file);
  const out = applyEdits(text, edits);
  assert.match(out, /^SetEnvIf Origin "\^\(https:\/\/app\\\.example\\\.com\|https:\/\/admin\\\.example\\\.com\)\$" ORIGIN_DOMAIN=\$1$/m);
  const again = await run('setenvif-reflect-any.htaccess', out);
  assert.equal(again.facts.policies[0].origin.kind, 'pattern');
  assert.deepEqual(again.facts.policies[0].origin.check.entries.map((e) => e.value), ['^(https://app\\.example\\.com|https://admin\\.example\\.com)$']);
  const t2 = 'Header always set Access-Control-Allow-Origin "%{HTTP_ORIGIN}e"\nHeader always set Access-Control-Allow-Credentials "true"\n';
  const r2 = await run('.htaccess', t2);
  assert.equal(r2.facts.policies[0].origin.kind, 'reflect');
  const out2 = applyEdits(t2, apache.renderFix({ kind: 'set-origins', policyId: r2.facts.policies[0].id, origins: ['https://app.example.com'] }, r2.facts, r2.file));
  assert.match(out2, /^Header always set Access-Control-Allow-Origin "https:\/\/app\.example\.com"\n/);
  assert.deepEqual(apache.renderFix({ kind: 'set-origins', policyId: r2.facts.policies[0].id, origins: ['https://a.example/x'] }, r2.facts, r2.file), []);
});

test('apache renderFix: remove-origin-entry in an ap_expr list; percent signs are escaped', async () => {
  const { facts, file, text } = await run('expr-if-allowlist.conf');
  const p = facts.policies[0];
  const out = applyEdits(text, apache.renderFix({ kind: 'remove-origin-entry', policyId: p.id, index: 0 }, facts, file));
  assert.match(out, /<If "%\{HTTP:Origin\} in \{ 'https:\/\/admin\.example\.com' \}">/);
  const again = await run('expr-if-allowlist.conf', out);
  assert.deepEqual(again.facts.policies[0].origin.entries.map((e) => e.value), ['https://admin.example.com']);
  const t2 = 'Header set Access-Control-Expose-Headers "X-A"\nHeader set Access-Control-Allow-Origin "*"\n';
  const r2 = await run('.htaccess', t2);
  const out2 = applyEdits(t2, apache.renderFix({ kind: 'set-header-value', writeId: r2.facts.headerWrites[0].id, value: '100%' }, r2.facts, r2.file));
  assert.match(out2, /"100%%"/);
  const again2 = await run('.htaccess', out2);
  assert.equal(again2.facts.headerWrites[0].value.text, '100%');
});
