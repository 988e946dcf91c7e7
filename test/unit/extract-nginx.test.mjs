import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import nginx from '../../dist/lib/extract/nginx/index.js';
import { parseNginx, splitVariables, argSubSpan } from '../../dist/lib/syntax/nginx.js';
import { analyzeDocument, applyEdits } from '../../dist/lib/service/index.js';
import { DEFAULT_SETTINGS, emptyFacts } from '../../dist/lib/model/index.js';
import { extractWith, renderFacts, matchSnapshot, root, memWorkspace } from '../helpers.mjs';

const dir = join(root, 'test/fixtures/nginx');
function listFixtures(d) {
  const out = [];
  for (const n of readdirSync(d)) {
    if (n.startsWith('__')) continue;
    const p = join(d, n);
    if (statSync(p).isDirectory()) out.push(...listFixtures(p));
    else out.push(relative(dir, p).split('\\').join('/'));
  }
  return out.sort();
}
const fixtures = listFixtures(dir);

async function run(name, text) {
  const t = text ?? readFileSync(join(dir, name), 'utf8');
  const r = await extractWith(nginx, name, t);
  return { ...r, text: t };
}
/** Extract from inline text (always through the precheck). */
function ex(text, path = 'site.conf') {
  const facts = { ...emptyFacts(), ...nginx.extract({ path, text, tree: () => undefined }) };
  return facts;
}
const str = (text, span) => text.slice(span.start, span.end);
const W = (facts, id) => facts.headerWrites.find((w) => w.id === id);
const writesOf = (facts, header) => facts.headerWrites.filter((w) => w.name.toLowerCase() === header.toLowerCase());
const policyAt = (facts, label) => facts.policies.find((p) => p.scope.label === label);
const responseAt = (facts, label) => facts.responses.find((r) => r.scope.label === label);
const namesIn = (facts, resp) => resp.writeIds.map((id) => W(facts, id).name);
const acaoCount = (facts, resp) => namesIn(facts, resp).filter((n) => n.toLowerCase() === 'access-control-allow-origin').length;
function fix(req, facts, text, path = 'site.conf') {
  return nginx.renderFix(req, facts, { path, text, tree: () => undefined });
}

// ---------------------------------------------------------------------------------------------------
// Snapshots

test('nginx: snapshots of every fixture', async () => {
  assert.ok(fixtures.length >= 17, `fixtures: ${fixtures.length}`);
  for (const f of fixtures) {
    const { facts, text } = await run(f);
    matchSnapshot(join(dir, '__snapshots__', f.replace(/\//g, '__') + '.facts.txt'), renderFacts(facts, text));
  }
});

test('nginx: correct and CORS-free configs yield no findings', async () => {
  for (const f of ['nginx.conf', 'static-site.conf', 'websocket-proxy.conf', 'map-allowlist.conf', 'public-fonts.conf', 'conf.d/cors.conf']) {
    const text = readFileSync(join(dir, f), 'utf8');
    const a = await analyzeDocument({ path: 'test/fixtures/nginx/' + f, text }, DEFAULT_SETTINGS);
    assert.deepEqual(a.findings.map((x) => `${x.ruleId}@${x.span.start}`), [], f);
  }
  // Without CORS headers there are no policies and no responses at all.
  for (const f of ['static-site.conf', 'websocket-proxy.conf']) {
    const { facts } = await run(f);
    assert.equal(facts.policies.length, 0, f);
    assert.equal(facts.responses.length, 0, f);
  }
  const { skipped } = await run('nginx.conf');
  assert.ok(skipped, 'nginx.conf without CORS keywords is not parsed');
});

// ---------------------------------------------------------------------------------------------------
// Precheck and file patterns

test('nginx: mayContain needs an nginx header directive and a CORS keyword', () => {
  assert.equal(nginx.mayContain('add_header Access-Control-Allow-Origin *;'), true);
  assert.equal(nginx.mayContain("more_set_headers 'Access-Control-Allow-Origin: *';"), true);
  assert.equal(nginx.mayContain('set $cors 1;\nadd_header X-A b;'), true);
  assert.equal(nginx.mayContain('Header always set Access-Control-Allow-Origin "*"'), false, 'Apache syntax');
  assert.equal(nginx.mayContain('add_header X-Frame-Options DENY;'), false);
  assert.equal(nginx.mayContain(''), false);
  assert.deepEqual(nginx.languages, ['nginx']);
  assert.equal(nginx.id, 'nginx');
});

// ---------------------------------------------------------------------------------------------------
// Tokenizer

test('nginx tokenizer: words, strings, escapes, variables, comments, exact spans', () => {
  const text = `# head\nadd_header 'X-A' "a \\"b\\" c" always; # tail\nlocation ~* \\.(png)$ {\n  return 200 "\${x}y";\n}\n`;
  const cfg = parseNginx(text);
  assert.equal(cfg.errors.length, 0);
  assert.equal(cfg.comments.length, 2);
  const [add, loc] = cfg.directives;
  assert.equal(add.name, 'add_header');
  assert.equal(add.args[0].text, 'X-A');
  assert.equal(str(text, add.args[0].inner), 'X-A');
  assert.equal(str(text, add.args[0].span), "'X-A'");
  assert.equal(add.args[1].text, 'a "b" c');
  assert.equal(add.args[1].escapes, true);
  assert.equal(str(text, argSubSpan(add.args[1], 2, 5)), '\\"b\\"');
  assert.equal(str(text, add.span), `add_header 'X-A' "a \\"b\\" c" always;`);
  assert.equal(loc.name, 'location');
  assert.equal(loc.args[1].text, '\\.(png)$');
  assert.equal(loc.block.length, 1);
  assert.equal(loc.block[0].args[1].text, '${x}y');
  assert.equal(loc.block[0].parent, loc);
  assert.deepEqual(
    splitVariables('a$b${c}d$').map((p) => (p.kind === 'var' ? '$' + p.name : p.text)),
    ['a', '$b', '$c', 'd$'],
  );
});

test('nginx tokenizer: recovers from unbalanced braces, unterminated strings and missing semicolons', () => {
  const text = '}\nserver {\n  location /a {\n    add_header X "oops\n    add_header Y z\n  return 204;\n';
  const cfg = parseNginx(text);
  assert.ok(cfg.errors.some((e) => e.message.includes('unexpected "}"')));
  assert.ok(cfg.errors.some((e) => e.message.includes('unterminated string')));
  assert.ok(cfg.errors.some((e) => e.message.includes('missing "}"')));
  const server = cfg.directives.find((d) => d.name === 'server');
  const loc = server.block[0];
  assert.deepEqual(loc.block.map((d) => d.name), ['add_header', 'add_header', 'return']);
  assert.equal(loc.block[0].args[1].text, 'oops');
  assert.equal(loc.block[0].args[1].unterminated, true);
  assert.equal(loc.block[1].args[1].text, 'z');
  // Never throws on junk.
  for (const junk of ['', '{', '}', ';', '"', "'", '\\', '${', '{{{{', '}}}};;;', '\u0000\uffff', 'a'.repeat(10000)]) parseNginx(junk);
});

test('nginx: never throws on prefixes of every fixture', async () => {
  for (const f of fixtures) {
    const text = readFileSync(join(dir, f), 'utf8');
    for (let i = 0; i <= text.length; i += 7) {
      const facts = ex(text.slice(0, i), f);
      assert.ok(!facts.notes.some((n) => n.includes('internal error')), `${f} prefix ${i}: ${facts.notes.join('; ')}`);
    }
  }
});

// ---------------------------------------------------------------------------------------------------
// add_header semantics

test('nginx: the wide-open OPTIONS snippet', async () => {
  const { facts, text } = await run('wide-open-cors.conf');
  const pre = policyAt(facts, "if ($request_method = 'OPTIONS')");
  assert.equal(pre.origin.kind, 'any');
  assert.equal(pre.credentials, true);
  assert.equal(pre.emits, 'options-only');
  assert.equal(pre.answersPreflight, true);
  assert.equal(pre.maxAge.value, '1728000');
  assert.equal(str(text, pre.maxAge.span), '1728000');
  assert.deepEqual(pre.scope.path, ['server api.example.com', 'location /', "if ($request_method = 'OPTIONS')"]);
  for (const id of pre.writeIds) assert.equal(W(facts, id).condition, 'options-only');
  const post = policyAt(facts, "if ($request_method = 'POST')");
  assert.equal(post.answersPreflight, false, 'a POST branch never sees the preflight');
  assert.equal(post.emits, 'success-only');
  const acao = W(facts, post.writeIds[0]);
  assert.equal(acao.always, false);
  assert.equal(acao.condition, 'conditional');
  assert.equal(str(text, acao.valueSpan), '*');
  assert.equal(str(text, acao.nameSpan), 'Access-Control-Allow-Origin');
  assert.equal(str(text, acao.statementSpan), "add_header 'Access-Control-Allow-Origin' '*';");
  assert.equal(acao.layer, 'server-config');
  // The location itself has no add_header: it answers nothing of its own.
  assert.equal(responseAt(facts, 'location /'), undefined);
});

test('nginx: $http_origin reflected with credentials', async () => {
  const { facts, text } = await run('reflect-credentials.conf');
  const loc = policyAt(facts, 'location /api/');
  assert.equal(loc.origin.kind, 'reflect');
  assert.equal(loc.origin.via, '$http_origin');
  assert.equal(loc.credentials, true);
  assert.equal(loc.vary, 'absent');
  assert.equal(loc.emits, 'always');
  assert.equal(loc.answersPreflight, false, 'the OPTIONS branch has its own headers');
  const pre = policyAt(facts, 'if ($request_method = OPTIONS)');
  assert.equal(pre.origin.kind, 'reflect');
  assert.equal(str(text, pre.origin.span), '$http_origin', 'inside the quotes');
  assert.equal(pre.answersPreflight, true);
  // Writes of the location only reach non-OPTIONS requests.
  for (const id of loc.writeIds) assert.equal(W(facts, id).condition, 'non-options');
});

test('nginx: map allowlist is an exact + regex list, case-insensitive, with Vary', async () => {
  const { facts, text } = await run('map-allowlist.conf');
  const p = policyAt(facts, 'location /v1/');
  assert.equal(p.origin.kind, 'list');
  assert.deepEqual(
    p.origin.entries.map((e) => [e.value, e.match, str(text, e.span)]),
    [
      ['https://app.example.com', 'exact', 'https://app.example.com'],
      ['https://admin.example.com', 'exact', 'https://admin.example.com'],
      ['^https://[a-z0-9-]+\\.preview\\.example\\.com$', 'regex', '^https://[a-z0-9-]+\\.preview\\.example\\.com$'],
    ],
  );
  assert.equal(p.origin.tolerance.caseInsensitive, true);
  assert.equal(str(text, p.origin.entries[0].elementSpan), '"https://app.example.com"            $http_origin;');
  assert.equal(p.vary, 'explicit');
  assert.equal(p.credentials, true);
  const acao = W(facts, p.writeIds[0]);
  assert.equal(acao.value.kind, 'request-origin');
  assert.equal(acao.value.checked, true);
  assert.equal(acao.value.via, 'map $http_origin $cors_origin');
});

test('nginx: map default $http_origin or a match-all key reflects anyone', () => {
  for (const body of ['default $http_origin;', 'default ""; "~.*" $http_origin;', 'default ""; ~^.+$ $http_origin;']) {
    const text = `map $http_origin $o { ${body} }\nserver { location / { add_header Access-Control-Allow-Origin $o; } }\n`;
    const f = ex(text);
    assert.equal(f.policies[0].origin.kind, 'reflect', body);
  }
  // A map over another variable, or with fixed values, is not guessed.
  for (const m of ['map $host $o { default $http_origin; }', 'map $http_origin $o { default "https://a.com"; https://b.com $http_origin; }']) {
    const f = ex(`${m}\nserver { location / { add_header Access-Control-Allow-Origin $o; } }\n`);
    assert.equal(f.policies[0].origin.kind, 'unknown', m);
  }
});

test('nginx: if ($http_origin ~ ...) guards, flag variables and set chains', async () => {
  const a = await run('if-origin-regex.conf');
  const flag = policyAt(a.facts, "if ($cors = 'true')");
  assert.equal(flag.origin.kind, 'pattern');
  assert.equal(flag.origin.check.kind, 'regex');
  assert.deepEqual(flag.origin.check.entries.map((e) => e.value), ['(https?://[^/]*\\.example\\.com(:[0-9]+)?)$']);
  assert.equal(str(a.text, flag.origin.check.entries[0].span), '(https?://[^/]*\\.example\\.com(:[0-9]+)?)$');
  const direct = policyAt(a.facts, "if ($http_origin ~ '^https://(www|app)\\.example\\.com$')");
  assert.equal(direct.origin.kind, 'pattern');
  assert.equal(str(a.text, direct.origin.check.entries[0].span), '^https://(www|app)\\.example\\.com$');
  assert.equal(policyAt(a.facts, 'if ($http_origin)').origin.kind, 'reflect', 'a presence test checks nothing');
  assert.equal(policyAt(a.facts, 'if ($cors = "trueoptions")').origin.kind, 'predicate', 'not evaluated: no guess');

  const b = await run('set-chain.conf');
  const cart = policyAt(b.facts, 'location /cart/');
  assert.equal(cart.origin.kind, 'list');
  assert.deepEqual(cart.origin.entries.map((e) => e.value), ['https://shop.example.de', 'https://www.example.de']);
  assert.equal(policyAt(b.facts, 'location /open/').origin.kind, 'reflect');
  assert.equal(policyAt(b.facts, 'location /any/').origin.kind, 'reflect');
  assert.equal(policyAt(b.facts, 'location /upstream/').origin.kind, 'unknown');
});

test('nginx: a reset after the reflection is order-dependent: unknown, not reflect', () => {
  const text =
    'server {\n  set $o $http_origin;\n  if ($http_origin !~ "^https://a\\.com$") { set $o ""; }\n' +
    '  location / { add_header Access-Control-Allow-Origin $o always; }\n}\n';
  const f = ex(text);
  assert.equal(f.policies[0].origin.kind, 'unknown');
});

test('nginx: inheritance — a location with its own add_header loses the server ones', async () => {
  const { facts } = await run('inheritance-loss.conf');
  assert.deepEqual(namesIn(facts, responseAt(facts, 'server files.example.org')), [
    'Access-Control-Allow-Origin',
    'Access-Control-Allow-Methods',
    'X-Content-Type-Options',
  ]);
  assert.deepEqual(namesIn(facts, responseAt(facts, 'location /')), namesIn(facts, responseAt(facts, 'server files.example.org')));
  assert.deepEqual(namesIn(facts, responseAt(facts, 'location /assets/')), ['Cache-Control']);
  assert.deepEqual(namesIn(facts, responseAt(facts, 'location /downloads/')), ['Content-Disposition', 'Access-Control-Allow-Origin']);
  assert.equal(policyAt(facts, 'location /assets/'), undefined, 'no ACAO reaches /assets/');
  assert.equal(policyAt(facts, 'location /'), undefined, 'the server policy covers an inheriting location');
  assert.deepEqual(responseAt(facts, 'location /assets/').scope.path, ['server files.example.org', 'location /assets/']);
});

test('nginx: add_header_inherit, empty values and includes', () => {
  const text =
    'server {\n  add_header Access-Control-Allow-Origin https://a.com always;\n' +
    '  location /merge/ { add_header_inherit merge; add_header X-Foo bar; }\n' +
    '  location /off/ { add_header_inherit off; }\n' +
    '  location /empty/ { add_header X-Empty ""; }\n' +
    '  location /snippet/ { include snippets/cors.conf; }\n' +
    '  location /mime/ { include mime.types; }\n}\n';
  const f = ex(text);
  assert.deepEqual(namesIn(f, responseAt(f, 'location /merge/')), ['X-Foo', 'Access-Control-Allow-Origin']);
  assert.equal(responseAt(f, 'location /off/'), undefined);
  assert.deepEqual(responseAt(f, 'location /empty/').writeIds, [], 'an empty add_header still blocks inheritance');
  assert.equal(writesOf(f, 'X-Empty').length, 0, 'an empty value sends nothing');
  assert.equal(responseAt(f, 'location /snippet/'), undefined, 'an included file may replace the headers: not claimed');
  assert.deepEqual(namesIn(f, responseAt(f, 'location /mime/')), ['Access-Control-Allow-Origin']);
});

test('nginx: duplicates — two add_header, more_set_headers + add_header; more_set_headers replaces', async () => {
  const { facts } = await run('duplicate.conf');
  assert.equal(acaoCount(facts, responseAt(facts, 'location /graphql')), 2);
  assert.equal(acaoCount(facts, responseAt(facts, 'location /legacy/')), 2);
  assert.equal(acaoCount(facts, responseAt(facts, 'location /replaced/')), 1);
  const replaced = policyAt(facts, 'location /replaced/');
  assert.equal(replaced.origin.kind, 'static');
  assert.equal(replaced.origin.value, 'https://b.example.net');
});

test('nginx: headers-more — always by default, -s makes it conditional, clear removes inherited', async () => {
  const { facts, text } = await run('headers-more.conf');
  const star = writesOf(facts, 'Access-Control-Allow-Origin').find((w) => w.value.text === '*');
  assert.equal(star.op, 'set');
  assert.equal(star.always, true);
  assert.equal(str(text, star.nameSpan), 'Access-Control-Allow-Origin');
  assert.equal(str(text, star.valueSpan), '*');
  const fonts = policyAt(facts, 'location /fonts/');
  assert.equal(fonts.origin.kind, 'any', 'more_set_headers accumulate from outer levels');
  assert.equal(fonts.maxAge.value, '3600');
  const priv = responseAt(facts, 'location /private/');
  assert.deepEqual(namesIn(facts, priv), ['Server', 'Access-Control-Allow-Origin', 'Access-Control-Allow-Credentials']);
  const portal = W(facts, priv.writeIds[1]);
  assert.equal(portal.condition, 'conditional');
  assert.equal(portal.always, false, '-s 200 204 only');
});

test('nginx: always flag, lowercase methods and their spans', async () => {
  const a = await run('no-always.conf');
  const acao = writesOf(a.facts, 'Access-Control-Allow-Origin')[0];
  assert.equal(acao.always, false);
  assert.equal(acao.condition, undefined);
  assert.equal(a.facts.policies[0].emits, 'success-only');
  assert.equal(a.facts.policies[0].answersPreflight, 'unknown', 'no OPTIONS branch: not claimed');
  const b = await run('lowercase-methods.conf');
  const p = policyAt(b.facts, 'location /rpc/');
  assert.deepEqual(p.methods.items.map((i) => [i.value, str(b.text, i.span)]), [
    ['get', 'get'],
    ['post', 'post'],
    ['patch', 'patch'],
    ['delete', 'delete'],
  ]);
});

test('nginx: OPTIONS conditions in every spelling', () => {
  const forms = ['= OPTIONS', "= 'OPTIONS'", '= "OPTIONS"', '~ ^OPTIONS$', "~* '^options$'", '~ OPTIONS'];
  for (const c of forms) {
    const f = ex(`location / {\n if ($request_method ${c}) {\n  add_header Access-Control-Allow-Origin https://a.com;\n  return 204;\n }\n}\n`);
    assert.equal(f.headerWrites[0].condition, 'options-only', c);
    assert.equal(f.policies[0].answersPreflight, true, c);
    assert.equal(f.policies[0].emits, 'options-only', c);
  }
  for (const c of ['= options', '~ ^(GET|OPTIONS)$', '= GET']) {
    const f = ex(`location / {\n if ($request_method ${c}) {\n  add_header Access-Control-Allow-Origin https://a.com;\n }\n}\n`);
    assert.equal(f.headerWrites[0].condition, 'conditional', c);
  }
  const neg = ex(`location / {\n if ($request_method != OPTIONS) {\n  add_header Access-Control-Allow-Origin https://a.com;\n }\n}\n`);
  assert.equal(neg.headerWrites[0].condition, 'non-options');
  // An OPTIONS branch without headers of its own answers with the location's headers.
  const inherit = ex(`location / {\n add_header Access-Control-Allow-Origin https://a.com always;\n if ($request_method = OPTIONS) { return 204; }\n}\n`);
  assert.equal(inherit.headerWrites[0].condition, undefined);
  assert.equal(inherit.policies[0].answersPreflight, true);
  assert.deepEqual(responseAt(inherit, 'if ($request_method = OPTIONS)').writeIds, [inherit.headerWrites[0].id]);
});

test('nginx: add_header in a server-level if is refused by nginx: noted, not claimed', () => {
  const f = ex('server {\n if ($host = a) { add_header Access-Control-Allow-Origin *; }\n}\n');
  assert.equal(f.headerWrites.length, 0);
  assert.equal(f.policies.length, 0);
  assert.ok(f.notes.some((n) => n.includes('not allowed')));
});

test('nginx: half-typed values are unknown, never guessed', async () => {
  const { facts } = await run('unbalanced.conf');
  const b = writesOf(facts, 'Access-Control-Allow-Origin').find((w) => w.scope.label === 'location /b/');
  assert.equal(b.value.kind, 'unknown');
  const h = await run('half-typed.conf');
  assert.ok(h.facts.notes.length > 0);
  assert.equal(policyAt(h.facts, 'location /api/').origin.value, 'https://app.example.com');
  const g = await run('garbage.conf');
  assert.equal(g.facts.policies.length, 0);
});

test('nginx: header mentions cover names and CORS names in Vary / Allow-Headers values', () => {
  const text =
    "add_header Vary 'Origin, Accept-Encoding';\nadd_header Access-Control-Allow-Headers \"Origin,Content-Type\";\n" +
    "more_set_headers 'Access-Control-Max-Age: 60';\nproxy_hide_header Access-Control-Allow-Origin;\nadd_header X-Other 1;\n";
  const f = ex(text);
  assert.deepEqual(f.headerMentions.map((m) => [m.value, str(text, m.span)]), [
    ['Vary', 'Vary'],
    ['Origin', 'Origin'],
    ['Access-Control-Allow-Headers', 'Access-Control-Allow-Headers'],
    ['Origin', 'Origin'],
    ['Access-Control-Max-Age', 'Access-Control-Max-Age'],
    ['Access-Control-Allow-Origin', 'Access-Control-Allow-Origin'],
  ]);
});

// ---------------------------------------------------------------------------------------------------
// renderFix

test('nginx renderFix: set-always inserts " always" before the semicolon', async () => {
  const { facts, text } = await run('no-always.conf');
  const w = writesOf(facts, 'Access-Control-Allow-Origin')[0];
  const edits = fix({ kind: 'set-always', writeId: w.id }, facts, text);
  const out = applyEdits(text, edits);
  assert.match(out, /add_header Access-Control-Allow-Origin https:\/\/dashboard\.internal\.example always;/);
  assert.equal(writesOf(ex(out), 'Access-Control-Allow-Origin')[0].always, true);
  // Already always, or a more_set_headers: nothing to write.
  const m = await run('headers-more.conf');
  assert.deepEqual(fix({ kind: 'set-always', writeId: m.facts.headerWrites[1].id }, m.facts, m.text), []);
});

test('nginx renderFix: set-header-value quotes when needed and keeps the quote style', () => {
  const text = 'location / {\n    add_header Access-Control-Allow-Methods GET;\n    add_header Access-Control-Allow-Origin "https://a.com/";\n}\n';
  const f = ex(text);
  const [methods, acao] = f.headerWrites;
  assert.equal(applyEdits(text, fix({ kind: 'set-header-value', writeId: methods.id, value: 'GET, POST' }, f, text)).split('\n')[1],
    "    add_header Access-Control-Allow-Methods 'GET, POST';");
  assert.equal(applyEdits(text, fix({ kind: 'set-header-value', writeId: methods.id, value: 'PATCH' }, f, text)).split('\n')[1],
    '    add_header Access-Control-Allow-Methods PATCH;');
  assert.equal(applyEdits(text, fix({ kind: 'set-header-value', writeId: acao.id, value: 'https://a.com' }, f, text)).split('\n')[2],
    '    add_header Access-Control-Allow-Origin "https://a.com";');
  assert.deepEqual(fix({ kind: 'set-header-value', writeId: acao.id, value: '$evil' }, f, text), [], 'a $ would become a variable');
  // more_set_headers: the 'Name: value' string is rewritten.
  const t2 = "more_set_headers 'Access-Control-Allow-Origin: https://a.com/' 'X-A: b';\n";
  const f2 = ex(t2);
  assert.equal(applyEdits(t2, fix({ kind: 'set-header-value', writeId: f2.headerWrites[0].id, value: 'https://a.com' }, f2, t2)),
    "more_set_headers 'Access-Control-Allow-Origin: https://a.com' 'X-A: b';\n");
});

test('nginx renderFix: remove-write removes the line, or one header of a more_set_headers', async () => {
  const { facts, text } = await run('duplicate.conf');
  const star = writesOf(facts, 'Access-Control-Allow-Origin').find((w) => w.value.text === '*');
  const out = applyEdits(text, fix({ kind: 'remove-write', writeId: star.id }, facts, text));
  assert.ok(!out.includes('Access-Control-Allow-Origin * always;'));
  assert.equal(out.split('\n').length, text.split('\n').length - 1);
  const t2 = "location / {\n  more_set_headers 'Access-Control-Allow-Origin: *' 'Access-Control-Allow-Credentials: true';\n}\n";
  const f2 = ex(t2);
  const cred = writesOf(f2, 'Access-Control-Allow-Credentials')[0];
  assert.equal(applyEdits(t2, fix({ kind: 'remove-write', writeId: cred.id }, f2, t2)),
    "location / {\n  more_set_headers 'Access-Control-Allow-Origin: *';\n}\n");
  const p = f2.policies[0];
  assert.equal(applyEdits(t2, fix({ kind: 'remove-credentials', policyId: p.id }, f2, t2)),
    "location / {\n  more_set_headers 'Access-Control-Allow-Origin: *';\n}\n");
});

test('nginx renderFix: add-header writes a new line with the same indentation and always flag', async () => {
  const { facts, text } = await run('reflect-credentials.conf');
  const acao = writesOf(facts, 'Access-Control-Allow-Origin')[0];
  const out = applyEdits(text, fix({ kind: 'add-header', afterWriteId: acao.id, name: 'Vary', value: 'Origin' }, facts, text));
  assert.match(out, /add_header Access-Control-Allow-Origin \$http_origin always;\n        add_header Vary 'Origin' always;\n/);
  const pre = writesOf(facts, 'Access-Control-Allow-Origin')[1];
  const out2 = applyEdits(text, fix({ kind: 'add-header', afterWriteId: pre.id, name: 'Vary', value: 'Origin' }, facts, text));
  assert.match(out2, /add_header Access-Control-Allow-Origin "\$http_origin";\n            add_header Vary 'Origin';\n/);
  const after = ex(out);
  assert.equal(policyAt(after, 'location /api/').vary, 'explicit');
  // After a more_set_headers, a more_set_headers (an add_header would cut the inherited ones).
  const m = await run('headers-more.conf');
  const w = writesOf(m.facts, 'Access-Control-Max-Age')[0];
  const out3 = applyEdits(m.text, fix({ kind: 'add-header', afterWriteId: w.id, name: 'Vary', value: 'Origin' }, m.facts, m.text));
  assert.match(out3, /more_set_headers "Access-Control-Max-Age: 3600";\n            more_set_headers 'Vary: Origin';\n/);
});

test('nginx renderFix: map allowlist entries can be removed or replaced; set-origins with one origin', async () => {
  const { facts, text } = await run('map-allowlist.conf');
  const p = policyAt(facts, 'location /v1/');
  const removed = applyEdits(text, fix({ kind: 'remove-origin-entry', policyId: p.id, index: 1 }, facts, text));
  assert.ok(!removed.includes('admin.example.com'));
  assert.equal(removed.split('\n').length, text.split('\n').length - 1);
  const replaced = applyEdits(text, fix({ kind: 'replace-origin-entry', policyId: p.id, index: 0, value: 'https://app.example.org' }, facts, text));
  assert.match(replaced, /"https:\/\/app\.example\.org" {12}\$http_origin;/);
  assert.deepEqual(fix({ kind: 'replace-origin-entry', policyId: p.id, index: 2, value: 'https://x.com' }, facts, text), [], 'regex entry');
  assert.deepEqual(fix({ kind: 'set-origins', policyId: p.id, origins: ['https://a.com', 'https://b.com'] }, facts, text), []);
  const r = await run('reflect-credentials.conf');
  const rp = policyAt(r.facts, 'location /api/');
  const fixed = applyEdits(r.text, fix({ kind: 'set-origins', policyId: rp.id, origins: ['https://shop.example'] }, r.facts, r.text));
  assert.match(fixed, /add_header Access-Control-Allow-Origin https:\/\/shop\.example always;/);
});

test('nginx: every quick fix offered on the fixtures applies cleanly and removes its finding', async () => {
  let checked = 0;
  for (const f of fixtures) {
    const text = readFileSync(join(dir, f), 'utf8');
    const path = 'test/fixtures/nginx/' + f;
    const a = await analyzeDocument({ path, text }, DEFAULT_SETTINGS);
    const errorsBefore = parseNginx(text).errors.length;
    for (const finding of a.findings) {
      for (const fx of finding.fixes) {
        const out = applyEdits(text, fx.edits);
        assert.equal(parseNginx(out).errors.length, errorsBefore, `${f}: ${fx.title} keeps the file parseable`);
        const b = await analyzeDocument({ path, text: out }, DEFAULT_SETTINGS);
        const count = (x) => x.findings.filter((y) => y.ruleId === finding.ruleId).length;
        assert.ok(count(b) < count(a), `${f}: ${fx.title} removes a ${finding.ruleId} finding`);
        checked++;
      }
    }
  }
  assert.ok(checked >= 10, `fixes checked: ${checked}`);
});

test('nginx: the example project shows its mistakes', async () => {
  const path = 'examples/nginx-proxy/nginx/conf.d/api.conf';
  const text = readFileSync(join(root, path), 'utf8');
  const a = await analyzeDocument({ path, text }, DEFAULT_SETTINGS);
  const ids = a.findings.map((x) => x.ruleId);
  assert.ok(ids.includes('reflected-origin-with-credentials'));
  assert.ok(ids.includes('max-age-over-browser-cap'));
  const facts = a.facts;
  const invoices = facts.responses.find((r) => r.scope.label === 'location /invoices/');
  assert.deepEqual(invoices.writeIds.map((id) => facts.headerWrites.find((w) => w.id === id).name), ['Cache-Control'],
    'the CORS headers of the server do not reach /invoices/');
});

// ---------------------------------------------------------------------------------------------------
// include of workspace files

const SITE = '/proj/nginx/sites-enabled/site.conf';
const CORS_SNIPPET = 'add_header Access-Control-Allow-Origin *;\nadd_header Access-Control-Allow-Credentials true;\n';
const includeSpan = (text, needle) => {
  const start = text.indexOf(needle);
  return { start, end: start + needle.length };
};

test('nginx include: a location whose CORS headers come from a workspace snippet', async () => {
  const ws = memWorkspace({
    '/proj/nginx/nginx.conf': 'events {}\nhttp { include sites-enabled/*; }\n',
    '/proj/nginx/snippets/cors.conf': CORS_SNIPPET,
  });
  for (const inc of ['include snippets/cors.conf;', 'include /etc/nginx/snippets/cors.conf;', "include '/etc/nginx/snippets/cors*.conf';"]) {
    const text = `server {\n  listen 80;\n  location /api/ {\n    ${inc}\n  }\n}\n`;
    const { facts, skipped } = await extractWith(nginx, SITE, text, undefined, ws);
    assert.equal(skipped, false, 'an include of a cors file passes the precheck');
    const p = policyAt(facts, 'location /api/');
    assert.ok(p, inc);
    assert.equal(p.origin.kind, 'any', inc);
    assert.equal(p.credentials, true, inc);
    const span = includeSpan(text, inc);
    assert.deepEqual(p.origin.span, span, 'the origin points at the include line');
    assert.deepEqual(p.credentialsSpan, span);
    assert.equal(facts.headerWrites.length, 2);
    for (const w of facts.headerWrites) {
      assert.match(w.id, /^nginx-i\d+$/);
      for (const s of [w.nameSpan, w.valueSpan, w.statementSpan]) assert.deepEqual(s, span, `${inc}: ${w.name}`);
    }
    assert.deepEqual(facts.headerMentions, [], 'hovers only for this file\'s own text');
    // Through the service: the finding is on the include line, and no fix edits it.
    const a = await analyzeDocument({ path: SITE, text, workspace: ws }, DEFAULT_SETTINGS);
    const f = a.findings.find((x) => x.ruleId === 'wildcard-origin-with-credentials');
    assert.ok(f, `${inc}: ${a.findings.map((x) => x.ruleId)}`);
    assert.equal(text.slice(f.span.start, f.span.end), inc);
    for (const x of a.findings) for (const fx of x.fixes) for (const e of fx.edits) {
      assert.ok(e.span.end <= span.start || e.span.start >= span.end, `${x.ruleId}: ${fx.title} edits the include line`);
    }
    // Without a workspace: as before, nothing is claimed for the location.
    const alone = await analyzeDocument({ path: SITE, text }, DEFAULT_SETTINGS);
    assert.deepEqual(alone.findings, []);
  }
});

test('nginx include: inheritance from the server level is computed with the included add_header', async () => {
  const text =
    'server {\n  server_name api.example.com;\n  add_header Access-Control-Allow-Origin https://a.example.com always;\n' +
    '  location /x/ { include snippets/security.conf; }\n' +
    '  location /y/ { include snippets/cors.conf; }\n' +
    '  location /z/ { include snippets/comment-only.conf; }\n}\n';
  const ws = memWorkspace({
    '/proj/nginx/snippets/security.conf': 'add_header X-Frame-Options DENY;\n',
    '/proj/nginx/snippets/cors.conf': CORS_SNIPPET,
    '/proj/nginx/snippets/comment-only.conf': '# nothing here\n',
  });
  const { facts } = await extractWith(nginx, SITE, text, undefined, ws);
  assert.deepEqual(namesIn(facts, responseAt(facts, 'location /x/')), ['X-Frame-Options'], 'an included add_header stops the inheritance');
  assert.equal(policyAt(facts, 'location /x/'), undefined, 'no ACAO reaches /x/');
  assert.deepEqual(namesIn(facts, responseAt(facts, 'location /y/')), ['Access-Control-Allow-Origin', 'Access-Control-Allow-Credentials']);
  assert.equal(policyAt(facts, 'location /y/').origin.kind, 'any');
  assert.deepEqual(namesIn(facts, responseAt(facts, 'location /z/')), ['Access-Control-Allow-Origin'], 'an include without add_header inherits');
  // Without the workspace the three locations are not claimed.
  const alone = ex(text, SITE);
  for (const l of ['location /x/', 'location /y/', 'location /z/']) assert.equal(responseAt(alone, l), undefined, l);
});

test('nginx include: unresolvable includes keep the single-file behaviour', async () => {
  const text =
    'server {\n  add_header Access-Control-Allow-Origin https://a.example.com always;\n' +
    '  location /snippet/ { include snippets/missing.conf; }\n' +
    '  location /var/ { include $conf_dir/cors.conf; }\n' +
    '  location /mime/ { include mime.types; }\n}\n';
  const ws = memWorkspace({ '/proj/nginx/snippets/other.conf': CORS_SNIPPET, '/proj/nginx/mime.types': 'add_header X-No 1;\n' });
  const { facts } = await extractWith(nginx, SITE, text, undefined, ws);
  assert.equal(responseAt(facts, 'location /snippet/'), undefined);
  assert.equal(responseAt(facts, 'location /var/'), undefined);
  assert.deepEqual(namesIn(facts, responseAt(facts, 'location /mime/')), ['Access-Control-Allow-Origin'], 'mime.types is not read');
  assert.deepEqual(facts, ex(text, SITE), 'same facts as without a workspace');
});

test('nginx include: cycles and deep chains terminate', async () => {
  const a = '# cors\nserver {\n  location / {\n    include b.conf;\n  }\n}\n';
  const ws = memWorkspace({
    '/proj/nginx/a.conf': a,
    '/proj/nginx/b.conf': 'add_header Access-Control-Allow-Origin *;\ninclude a.conf;\n',
    '/proj/nginx/self.conf': 'location / { add_header Access-Control-Allow-Origin *; include self.conf; }\n',
  });
  const { facts } = await extractWith(nginx, '/proj/nginx/a.conf', a, undefined, ws);
  assert.ok(facts.notes.some((n) => n.includes('includes itself')), facts.notes.join('; '));
  assert.equal(policyAt(facts, 'location /').origin.kind, 'any');
  const b = await extractWith(nginx, '/proj/nginx/b.conf', 'add_header Access-Control-Allow-Origin *;\ninclude a.conf;\n', undefined, ws);
  assert.ok(b.facts.notes.some((n) => n.includes('includes itself')));
  const self = await extractWith(nginx, '/proj/nginx/self.conf', 'location / { add_header Access-Control-Allow-Origin *; include self.conf; }\n', undefined, ws);
  assert.ok(self.facts.notes.some((n) => n.includes('includes itself')));
  // A chain longer than the depth limit: followed up to the limit, then left alone.
  const chain = {};
  for (let i = 0; i < 10; i++) chain[`/proj/nginx/c${i}.conf`] = i === 9 ? CORS_SNIPPET : `include c${i + 1}.conf;\n`;
  const text = 'server {\n  location / { include c0.conf; }\n}\n# cors\n';
  const deep = await extractWith(nginx, '/proj/nginx/site.conf', text, undefined, memWorkspace(chain));
  assert.ok(deep.facts.notes.some((n) => n.includes('too deep')), deep.facts.notes.join('; '));
  assert.equal(responseAt(deep.facts, 'location /'), undefined, 'the unread rest may add headers: not claimed');
});

test('nginx include: fixes never edit settings that come from an included file', async () => {
  const text = 'server {\n  location /api/ {\n    add_header Vary Origin;\n    include snippets/cors.conf;\n  }\n}\n';
  const ws = memWorkspace({ '/proj/nginx/snippets/cors.conf': CORS_SNIPPET + 'add_header Access-Control-Max-Age 999999;\n' });
  const { facts, file } = await extractWith(nginx, SITE, text, undefined, ws);
  const acao = writesOf(facts, 'Access-Control-Allow-Origin')[0];
  const acac = writesOf(facts, 'Access-Control-Allow-Credentials')[0];
  const own = writesOf(facts, 'Vary')[0];
  assert.match(acao.id, /^nginx-i/);
  assert.match(own.id, /^nginx-w/);
  const p = policyAt(facts, 'location /api/');
  const span = includeSpan(text, 'include snippets/cors.conf;');
  for (const req of [
    { kind: 'set-always', writeId: acao.id },
    { kind: 'set-header-value', writeId: acao.id, value: 'https://a.example.com' },
    { kind: 'set-header-name', writeId: acac.id, name: 'Access-Control-Allow-Credentials' },
    { kind: 'remove-write', writeId: acac.id },
    { kind: 'add-header', afterWriteId: acao.id, name: 'Vary', value: 'Origin' },
    { kind: 'set-origins', policyId: p.id, origins: ['https://a.example.com'] },
    { kind: 'remove-credentials', policyId: p.id },
    { kind: 'set-max-age', policyId: p.id, value: 7200 },
    { kind: 'replace-text', span, text: 'x' },
  ]) {
    assert.deepEqual(nginx.renderFix(req, facts, file), [], req.kind);
  }
  // The file's own writes are still fixable.
  assert.ok(nginx.renderFix({ kind: 'set-always', writeId: own.id }, facts, file).length === 1);
});

test('nginx include: server blocks of included files are not repeated at the include line', async () => {
  const text = 'events {}\nhttp {\n  include conf.d/*.conf;\n}\n';
  const ws = memWorkspace({
    '/proj/nginx/conf.d/api.conf': 'server {\n  location /api/ {\n' + CORS_SNIPPET + '  }\n}\n',
    '/proj/nginx/conf.d/map.conf': 'map $http_origin $cors { default ""; https://a.example.com $http_origin; }\n',
  });
  const facts = { ...emptyFacts(), ...nginx.extract({ path: '/proj/nginx/nginx.conf', text, workspace: ws, tree: () => undefined }) };
  assert.deepEqual([facts.policies.length, facts.responses.length, facts.headerWrites.length], [0, 0, 0], 'conf.d/api.conf states them itself');
  // ... but headers of this file's levels that include a map from conf.d are resolved with it.
  const site = 'http {\n  include conf.d/map.conf;\n  server {\n    add_header Access-Control-Allow-Origin $cors;\n  }\n}\n';
  const withMap = { ...emptyFacts(), ...nginx.extract({ path: '/proj/nginx/nginx.conf', text: site, workspace: ws, tree: () => undefined }) };
  const p = withMap.policies[0];
  assert.equal(p.origin.kind, 'list');
  assert.deepEqual(p.origin.entries.map((e) => site.slice(e.span.start, e.span.end)), ['include conf.d/map.conf;']);
  assert.equal(ex(site, '/proj/nginx/nginx.conf').policies[0].origin.kind, 'unknown');
  // An entry of the included map cannot be edited from here.
  assert.deepEqual(nginx.renderFix({ kind: 'remove-origin-entry', policyId: p.id, index: 0 }, withMap, { path: '/proj/nginx/nginx.conf', text: site, tree: () => undefined }), []);
});

test('nginx include: precheck', () => {
  assert.equal(nginx.mayContain('location / { include snippets/cors.conf; }'), true);
  assert.equal(nginx.mayContain('location / { include snippets/headers.conf; }'), false, 'no CORS keyword');
  assert.equal(nginx.mayContain('# cors\ninclude mime.types;\ninclude fastcgi_params;'), false);
});
