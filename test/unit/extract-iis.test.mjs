import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import iis from '../../dist/lib/extract/iis/index.js';
import { parseXml } from '../../dist/lib/syntax/xml.js';
import { extractWith, renderFacts, matchSnapshot, root } from '../helpers.mjs';

const dir = join(root, 'test/fixtures/iis');
const cases = readdirSync(dir).filter((c) => !c.startsWith('__'));

function load(c) {
  const f = readdirSync(join(dir, c))[0];
  return { path: `${c}/${f}`, text: readFileSync(join(dir, c, f), 'utf8') };
}
async function facts(c) {
  const { path, text } = load(c);
  return { ...(await extractWith(iis, path, text)), text };
}
async function factsOf(text, path = 'site/web.config') {
  return { ...(await extractWith(iis, path, text)), text };
}
const slice = (text, span) => text.slice(span.start, span.end);
function apply(text, edits) {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.span.start - a.span.start)) out = out.slice(0, e.span.start) + e.newText + out.slice(e.span.end);
  return out;
}
const acaoWrites = (f) => f.headerWrites.filter((w) => w.name.toLowerCase() === 'access-control-allow-origin' && w.op !== 'unset');

for (const c of cases) {
  test(`iis snapshot: ${c}`, async () => {
    const { facts: f, text } = await facts(c);
    matchSnapshot(join(dir, '__snapshots__', `${c}.facts.txt`), renderFacts(f, text));
  });
}

test('customHeaders: ACAO * with ACAC true is a wildcard policy with credentials, sent on every response', async () => {
  const { facts: f, text } = await facts('wildcard-credentials');
  assert.equal(f.policies.length, 1);
  const p = f.policies[0];
  assert.equal(p.handWritten, true);
  assert.equal(p.origin.kind, 'any');
  assert.equal(slice(text, p.origin.span), '*');
  assert.equal(p.credentials, true);
  assert.equal(p.emits, 'always');
  assert.equal(p.layer, 'server-config');
  for (const w of f.headerWrites) {
    assert.equal(w.always, true);
    assert.equal(w.layer, 'server-config');
    assert.equal(slice(text, w.nameSpan), w.name);
    assert.ok(slice(text, w.statementSpan).startsWith('<add name='));
    assert.ok(slice(text, w.statementSpan).endsWith('/>'));
  }
  assert.deepEqual(f.responses.map((r) => r.writeIds.length), [4]);
});

test('customHeaders: trailing slash and misspelled credentials header are stated as written', async () => {
  const { facts: f, text } = await facts('trailing-slash');
  const p = f.policies[0];
  assert.deepEqual(p.origin, { kind: 'static', value: 'https://www.contoso.com/', span: p.origin.span });
  assert.equal(slice(text, p.origin.span), 'https://www.contoso.com/');
  assert.equal(p.credentials, false, 'Access-Control-Allow-Credential is not the credentials header');
  assert.ok(f.headerWrites.some((w) => w.name === 'Access-Control-Allow-Credential'));
  assert.equal(p.maxAge.value, '86400');
});

test('location inheritance: an <add> in a location on top of the root <add> reaches one response twice', async () => {
  const { facts: f } = await facts('duplicate-location');
  const api = f.responses.find((r) => r.scope.label === 'location api');
  const ids = api.writeIds.filter((id) => f.headerWrites.find((w) => w.id === id).name === 'Access-Control-Allow-Origin');
  assert.equal(ids.length, 2);
  const reports = f.responses.find((r) => r.scope.label === 'location reports');
  assert.equal(reports.writeIds.length, 1, '<remove> then <add> replaces the inherited header');
  assert.equal(f.headerWrites.find((w) => w.id === reports.writeIds[0]).value.text, 'https://reports.contoso.com');
  const root = f.responses.find((r) => r.scope.kind === 'file');
  assert.equal(root.writeIds.length, 1);
  assert.ok(!f.responses.some((r) => r.scope.label === 'location static'), 'a location without headers adds nothing new');
  assert.equal(f.policies.find((p) => p.scope.label === 'location api').origin.kind, 'unknown');
});

test('two adds of the same header at one level are both sent (configuration error in IIS)', async () => {
  const text = `<configuration><system.webServer><httpProtocol><customHeaders>
  <add name="Access-Control-Allow-Origin" value="https://a.example.com" />
  <add name="access-control-allow-origin" value="https://a.example.com" />
</customHeaders></httpProtocol></system.webServer></configuration>`;
  const { facts: f } = await factsOf(text);
  assert.equal(f.responses.length, 1);
  assert.equal(f.responses[0].writeIds.length, 2);
  assert.ok(f.headerWrites.every((w) => w.op === 'add'));
});

test('<clear/> in a location drops inherited headers; location path="." is the root', async () => {
  const text = `<configuration>
  <location path="." inheritInChildApplications="false"><system.webServer><httpProtocol><customHeaders>
    <add name="Access-Control-Allow-Origin" value="*" />
  </customHeaders></httpProtocol></system.webServer></location>
  <location path="api"><system.webServer><httpProtocol><customHeaders>
    <clear />
    <add name="Access-Control-Allow-Origin" value="https://a.example.com" />
  </customHeaders></httpProtocol></system.webServer></location>
</configuration>`;
  const { facts: f } = await factsOf(text);
  const rootW = f.headerWrites[0];
  assert.equal(rootW.scope.kind, 'file');
  const api = f.responses.find((r) => r.scope.label === 'location api');
  assert.deepEqual(api.writeIds, [f.headerWrites[1].id]);
});

test('CORS module: origin="*" alone with allowCredentials is a wildcard-with-credentials library policy', async () => {
  const { facts: f, text } = await facts('cors-module-star-credentials');
  assert.equal(f.policies.length, 1);
  const p = f.policies[0];
  assert.equal(p.library, 'iis-cors');
  assert.equal(p.handWritten, false);
  assert.equal(p.origin.kind, 'any');
  assert.equal(p.credentials, true);
  assert.equal(slice(text, p.credentialsSpan), 'allowCredentials="true"');
  assert.equal(p.vary, 'absent', 'only-* rules send * and no Vary (documented)');
  assert.equal(p.maxAge.value, '86400');
  assert.equal(slice(text, p.maxAge.span), '86400');
  assert.equal(p.allowHeaders.kind, 'reflect-request');
  assert.deepEqual(p.methods.items.map((m) => slice(text, m.span)), ['GET', 'POST', 'patch']);
  assert.equal(p.answersPreflight, true);
  assert.equal(f.headerWrites.length, 0);
});

test('CORS module: specific rules are one policy each, with Vary from the module and case-sensitive matching', async () => {
  const { facts: f, text } = await facts('cors-module-correct');
  assert.equal(f.policies.length, 2, 'the allowed="false" rule is no policy');
  const [a, b] = f.policies;
  assert.equal(a.origin.kind, 'list');
  assert.equal(a.origin.entries[0].value, 'https://app.contoso.com');
  assert.equal(slice(text, a.origin.entries[0].span), 'https://app.contoso.com');
  assert.equal(a.origin.tolerance.caseInsensitive, undefined);
  assert.equal(a.credentials, true);
  assert.equal(a.vary, 'library');
  assert.deepEqual(a.allowHeaders.items.map((i) => i.value), ['Content-Type', 'Authorization']);
  assert.deepEqual(a.exposeHeaders.items.map((i) => i.value), ['X-Total-Count']);
  assert.equal(b.origin.tolerance.wildcardSubdomains, true);
  assert.equal(b.credentials, false);
  assert.equal(b.methods.kind, 'unknown', 'no allowMethods collection: what the module sends is not documented');
});

test('CORS module: "*" beside specific rules echoes the origin; typos become unknownOptions', async () => {
  const { facts: f, text } = await facts('cors-module-mixed');
  const star = f.policies.find((p) => p.origin.span && slice(text, p.origin.span) === '*');
  assert.equal(star.origin.kind, 'reflect');
  assert.equal(star.credentials, true);
  const admin = f.policies.find((p) => p.origin.kind === 'list' && p.origin.entries[0].value === 'https://admin.contoso.com');
  assert.equal(admin.credentials, false);
  const names = admin.unknownOptions.map((o) => o.name.value);
  assert.deepEqual(names, ['allowCredential', 'allowMethod']);
  assert.ok(admin.unknownOptions[0].known.includes('allowCredentials'));
  assert.ok(admin.unknownOptions[1].known.includes('allowMethods'));
  assert.equal(slice(text, admin.unknownOptions[0].name.span), 'allowCredential');
  assert.ok(f.policies.some((p) => p.origin.kind === 'list' && p.origin.entries[0].value === 'null'));
  assert.equal(f.policies.length, 4, 'the disabled location adds no policy');
});

test('CORS module without enabled="true" states nothing; enabled in a parent location scope is inherited', async () => {
  const off = await factsOf(`<configuration><system.webServer><cors><add origin="*" allowCredentials="true" /></cors></system.webServer></configuration>`);
  assert.equal(off.facts.policies.length, 0);
  assert.ok(off.facts.notes.some((n) => /enabled/.test(n)));
  const inherited = await factsOf(`<configuration>
  <system.webServer><cors enabled="true"><add origin="https://a.example.com" /></cors></system.webServer>
  <location path="api"><system.webServer><cors><add origin="https://b.example.com" allowCredentials="true" /></cors></system.webServer></location>
</configuration>`);
  const origins = inherited.facts.policies.map((p) => p.origin.entries[0].value);
  assert.deepEqual(origins, ['https://a.example.com', 'https://b.example.com']);
  const misspelled = await factsOf(`<configuration><system.webServer><cors enable="true"><add origin="https://a.example.com" /></cors></system.webServer></configuration>`);
  assert.equal(misspelled.facts.policies[0].unknownOptions[0].name.value, 'enable');
});

test('a big ASP.NET web.config without CORS yields nothing (precheck and full extraction)', async () => {
  const { path, text } = load('aspnet-big');
  assert.equal(iis.mayContain(text), false);
  const part = iis.extract({ path, text, tree: () => undefined });
  assert.equal(part.policies.length, 0);
  assert.equal(part.headerWrites.length, 0);
  assert.equal(part.responses.length, 0);
});

test('correct configurations yield policies without problems', async () => {
  const core = (await facts('aspnetcore-correct')).facts;
  assert.equal(core.policies.length, 1);
  assert.deepEqual(core.policies[0].origin.kind, 'static');
  assert.equal(core.policies[0].origin.value, 'https://shop.northwind.com');
  assert.equal(core.responses[0].writeIds.length, 6);
  const fonts = (await facts('custom-headers-correct')).facts;
  assert.equal(fonts.policies[0].origin.kind, 'any');
  assert.equal(fonts.policies[0].credentials, false);
});

test('BOM + CRLF: spans are UTF-16 offsets into the original text', async () => {
  const { facts: f, text } = await facts('bom-crlf');
  assert.equal(text.charCodeAt(0), 0xfeff);
  assert.ok(text.includes('\r\n'));
  const [acao, acac] = f.headerWrites;
  assert.equal(slice(text, acao.nameSpan), 'Access-Control-Allow-Origin');
  assert.equal(slice(text, acao.valueSpan), 'https://intranet.exemple.fr, https://extranet.exemple.fr');
  assert.equal(slice(text, acac.valueSpan), 'true');
  assert.equal(f.policies[0].origin.kind, 'static');
});

test('non-ASCII (astral) text before the element keeps spans exact', async () => {
  const text = `<?xml version="1.0"?>\n<!-- 😀 équipe -->\n<configuration><system.webServer><httpProtocol><customHeaders><add name="X-Note" value="😀" /><add name="Access-Control-Allow-Origin" value="https://a.example.com" /></customHeaders></httpProtocol></system.webServer></configuration>`;
  const { facts: f } = await factsOf(text);
  assert.equal(slice(text, f.headerWrites[0].valueSpan), 'https://a.example.com');
  assert.equal(slice(text, f.headerWrites[0].nameSpan), 'Access-Control-Allow-Origin');
});

test('XML entities are decoded in values; spans cover the raw text', async () => {
  const text = `<configuration><system.webServer><httpProtocol><customHeaders><add name="Access-Control-Allow-Origin" value="https://a.example.com&#x2F;" /></customHeaders></httpProtocol></system.webServer></configuration>`;
  const { facts: f } = await factsOf(text);
  assert.equal(f.headerWrites[0].value.text, 'https://a.example.com/');
  assert.equal(slice(text, f.headerWrites[0].valueSpan), 'https://a.example.com&#x2F;');
});

test('half-typed and garbage input never throws', async () => {
  const { facts: f } = await facts('half-typed');
  assert.ok(f.headerWrites.length >= 2);
  assert.equal(f.policies.find((p) => p.handWritten).credentials, 'unknown');
  for (const junk of ['', '<', '<configuration', '\u0000\u0001<<<>>>&&&access-control-', '<configuration><system.webServer><cors enabled="true"><add origin=', '<a>'.repeat(5000) + 'Access-Control-Allow-Origin']) {
    const part = iis.extract({ path: 'web.config', text: junk, tree: () => undefined });
    assert.ok(part && typeof part === 'object');
  }
  assert.doesNotThrow(() => parseXml('\uFEFF'));
});

test('config transforms: only inserted / set attributes are writes; unknown base settings stay unknown', async () => {
  const { facts: f } = await facts('release-transform');
  assert.equal(f.headerWrites.length, 1, 'xdt:Transform="Remove" is no write');
  const p = f.policies[0];
  assert.equal(p.origin.value, 'https://shop.contoso.com/');
  assert.equal(p.credentials, 'unknown');
  assert.equal(p.vary, 'unknown');
});

test('header mentions: header names in attributes and URL Rewrite server variables', async () => {
  const text = `<configuration><system.webServer><rewrite><outboundRules><rule name="cors">
  <match serverVariable="RESPONSE_Access_Control_Allow_Origin" pattern=".*" />
  <conditions><add input="{HTTP_ORIGIN}" pattern="^https://a\\.example\\.com$" /></conditions>
  <action type="Rewrite" value="{C:0}" /></rule></outboundRules></rewrite></system.webServer></configuration>`;
  const { facts: f } = await factsOf(text);
  const m = f.headerMentions.map((h) => [h.value, slice(text, h.span)]);
  assert.deepEqual(m, [
    ['Access-Control-Allow-Origin', 'Access_Control_Allow_Origin'],
    ['ORIGIN', 'ORIGIN'],
  ]);
});

// ---------------------------------------------------------------------------------------------------
// Fixes

test('fix set-header-value escapes for XML and keeps the quote style', async () => {
  const { facts: f, file, text } = await facts('wildcard-credentials');
  const w = acaoWrites(f)[0];
  const edits = iis.renderFix({ kind: 'set-header-value', writeId: w.id, value: 'https://a.example.com' }, f, file);
  assert.match(apply(text, edits), /<add name="Access-Control-Allow-Origin" value="https:\/\/a\.example\.com" \/>/);
  const odd = iis.renderFix({ kind: 'set-header-value', writeId: w.id, value: 'a&"b' }, f, file);
  assert.equal(odd[0].newText, 'a&amp;&quot;b');
});

test('fix remove-write removes the element and its CRLF line', async () => {
  const { facts: f, file, text } = await facts('bom-crlf');
  const acac = f.headerWrites.find((w) => w.name === 'Access-Control-Allow-Credentials');
  const out = apply(text, iis.renderFix({ kind: 'remove-write', writeId: acac.id }, f, file));
  assert.ok(!out.includes('Access-Control-Allow-Credentials'));
  assert.ok(out.includes('/>\r\n      </customHeaders>'), 'no blank line or stray CR left');
  assert.equal(out.charCodeAt(0), 0xfeff);
});

test('fix add-header inserts a sibling <add> with the same indentation and line ending', async () => {
  const { facts: f, file, text } = await facts('bom-crlf');
  const w = acaoWrites(f)[0];
  const out = apply(text, iis.renderFix({ kind: 'add-header', afterWriteId: w.id, name: 'Vary', value: 'Origin' }, f, file));
  assert.ok(out.includes('extranet.exemple.fr" />\r\n        <add name="Vary" value="Origin" />\r\n'));
  const again = await factsOf(out);
  assert.equal(again.facts.policies[0].vary, 'explicit');
});

test('fix set-origins on the CORS module rewrites the rule and copies it for further origins', async () => {
  const { facts: f, file, text } = await facts('cors-module-star-credentials');
  const p = f.policies[0];
  const out = apply(text, iis.renderFix({ kind: 'set-origins', policyId: p.id, origins: ['https://a.example.com', 'https://b.example.com'] }, f, file));
  const again = (await factsOf(out)).facts;
  assert.deepEqual(
    again.policies.map((q) => [q.origin.kind, q.origin.entries?.[0].value, q.credentials, q.maxAge?.value]),
    [
      ['list', 'https://a.example.com', true, '86400'],
      ['list', 'https://b.example.com', true, '86400'],
    ],
  );
  assert.equal(parseXml(out).errors.length, 0);
});

test('fix set-origins on hand-written headers replaces the single ACAO value', async () => {
  const { facts: f, file, text } = await facts('wildcard-credentials');
  const out = apply(text, iis.renderFix({ kind: 'set-origins', policyId: f.policies[0].id, origins: ['https://a.example.com'] }, f, file));
  assert.equal((await factsOf(out)).facts.policies[0].origin.value, 'https://a.example.com');
  assert.deepEqual(iis.renderFix({ kind: 'set-origins', policyId: f.policies[0].id, origins: ['https://a.example.com', 'https://b.example.com'] }, f, file), []);
});

test('fix remove-credentials: the attribute of a module rule, the header of hand-written config', async () => {
  {
    const { facts: f, file, text } = await facts('cors-module-star-credentials');
    const out = apply(text, iis.renderFix({ kind: 'remove-credentials', policyId: f.policies[0].id }, f, file));
    assert.ok(out.includes('<add origin="*" maxAge="86400">'));
    assert.equal((await factsOf(out)).facts.policies[0].credentials, false);
  }
  {
    const { facts: f, file, text } = await facts('wildcard-credentials');
    const out = apply(text, iis.renderFix({ kind: 'remove-credentials', policyId: f.policies[0].id }, f, file));
    assert.ok(!out.includes('Access-Control-Allow-Credentials'));
    assert.ok(out.includes('value="*" />\n        <add name="Access-Control-Allow-Headers"'));
    assert.equal((await factsOf(out)).facts.policies[0].credentials, false);
  }
});

test('fix set-max-age, replace-origin-entry, remove-origin-entry on module rules', async () => {
  const { facts: f, file, text } = await facts('cors-module-mixed');
  const bad = f.policies.find((p) => p.origin.kind === 'list' && p.origin.entries[0].value === 'https://App.Contoso.com/');
  const out = apply(text, iis.renderFix({ kind: 'replace-origin-entry', policyId: bad.id, index: 0, value: 'https://app.contoso.com' }, f, file));
  assert.ok(out.includes('<add origin="https://app.contoso.com" />'));
  const nul = f.policies.find((p) => p.origin.kind === 'list' && p.origin.entries[0].value === 'null');
  const out2 = apply(text, iis.renderFix({ kind: 'remove-origin-entry', policyId: nul.id, index: 0 }, f, file));
  assert.ok(!out2.includes('origin="null"'));
  assert.ok(out2.includes('</add>\n      <add origin="https://App.Contoso.com/" />'));
  const star = (await facts('cors-module-star-credentials'));
  const out3 = apply(star.text, iis.renderFix({ kind: 'set-max-age', policyId: star.facts.policies[0].id, value: 7200 }, star.facts, star.file));
  assert.ok(out3.includes('maxAge="7200"'));
});

test('fix replace-text on a misspelled element renames its end tag too', async () => {
  const { facts: f, file, text } = await facts('cors-module-mixed');
  const admin = f.policies.find((p) => p.unknownOptions?.some((o) => o.name.value === 'allowMethod'));
  const o = admin.unknownOptions.find((x) => x.name.value === 'allowMethod');
  const out = apply(text, iis.renderFix({ kind: 'replace-text', span: o.name.span, text: 'allowMethods' }, f, file));
  assert.ok(out.includes('<allowMethods>') && out.includes('</allowMethods>'));
  const again = (await factsOf(out)).facts;
  const fixed = again.policies.find((p) => p.origin.kind === 'list' && p.origin.entries[0].value === 'https://admin.contoso.com');
  assert.deepEqual(fixed.methods.items.map((m) => m.value), ['PUT']);
});

test('fix set-always: IIS custom headers have no such switch (and need none)', async () => {
  const { facts: f, file } = await facts('wildcard-credentials');
  assert.deepEqual(iis.renderFix({ kind: 'set-always', writeId: f.headerWrites[0].id }, f, file), []);
});
