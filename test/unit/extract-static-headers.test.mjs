// Netlify / Cloudflare Pages header rules (netlify.toml `[[headers]]`, the `_headers` file; semantics in
// knowledge/libraries/netlify.ts and headers-file.ts): fixture snapshots, the generic TOML reader
// (syntax/toml.ts), selection by exact file name, repeated headers joined, placeholders unknown, fixes, and
// robustness (truncated files, binary-ish text, a huge file).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ext from '../../dist/lib/extract/static-headers/index.js';
import { extractorsFor } from '../../dist/lib/service/select.js';
import { readToml, tomlGet, tomlTables } from '../../dist/lib/syntax/toml.js';
import { ensureGrammar, parseWith } from '../../dist/lib/syntax/treeSitter.js';
import { applyEdits, extractWith, matchSnapshot, renderFacts, root, str } from '../helpers.mjs';

const dir = join(root, 'test/fixtures/static-headers');
const cases = readdirSync(dir).filter((f) => !f.startsWith('__'));
const fileOf = (c) => join(c, readdirSync(join(dir, c))[0]);
async function run(c, text) {
  const f = fileOf(c);
  const t = text ?? readFileSync(join(dir, f), 'utf8');
  return { ...(await extractWith(ext, f, t)), text: t };
}
async function toml(text) {
  await ensureGrammar('toml');
  return readToml(parseWith('toml', text), text);
}

test('static-headers: snapshots of every fixture (at least 4 per format)', async () => {
  for (const p of ['netlify', 'headers']) assert.ok(cases.filter((c) => c.startsWith(p + '-')).length >= 4, p);
  for (const c of cases) {
    const { facts, text } = await run(c);
    matchSnapshot(join(dir, '__snapshots__', c + '.facts.txt'), renderFacts(facts, text));
  }
});

test('toml reader: arrays of tables, sub-tables of their last element, dotted keys, the four string kinds', async () => {
  const text =
    '[[headers]]\nfor = "/a"\n[headers.values]\nX = "1"\n[[headers]]\nfor = \'/b\'\nvalues.Y = """\nmulti\\\n  line"""\n' +
    "values.\"Z-Q\" = '''raw\\n'''\nvalues.W = \"esc\\\"aped\\u0041\"\n[a.b.c]\nn = 1_000\nt = true\nl = [\"x\", 2]\ni = { k = \"v\" }\n";
  const root = await toml(text);
  const hs = tomlTables(root, 'headers');
  assert.deepEqual(hs.map((h) => tomlGet(h, 'for').value), ['/a', '/b']);
  const v1 = tomlGet(hs[0], 'values');
  assert.equal(tomlGet(v1, 'X').value, '1');
  assert.equal(str(text, tomlGet(v1, 'X').inner), '1');
  const v2 = tomlGet(hs[1], 'values');
  assert.deepEqual(v2.props.map((p) => [p.key, str(text, p.keySpan)]), [['Y', 'Y'], ['Z-Q', 'Z-Q'], ['W', 'W']]);
  const y = tomlGet(v2, 'Y');
  assert.deepEqual([y.value, y.multiline, y.verbatim], ['multiline', true, false]);
  assert.deepEqual([tomlGet(v2, 'Z-Q').value, tomlGet(v2, 'Z-Q').verbatim], ['raw\\n', false]);
  assert.deepEqual([tomlGet(v2, 'W').value, tomlGet(v2, 'W').verbatim], ['esc"apedA', false]);
  const c = tomlGet(tomlGet(tomlGet(root, 'a'), 'b'), 'c');
  assert.deepEqual([tomlGet(c, 'n').value, tomlGet(c, 't').value, tomlGet(c, 'l').items.length, tomlGet(tomlGet(c, 'i'), 'k').value], [1000, true, 2, 'v']);
  // read up to the first error at the top level; a pair with an error is unknown
  const broken = await toml('[x]\na = "1"\nb = "2\n[[y\nc = "3"\n');
  assert.equal(tomlGet(tomlGet(broken, 'x'), 'a').value, '1');
  assert.equal(tomlGet(broken, 'y'), undefined);
  for (const t of ['', '\u0000\u0001[[', '"""', '[a]\n[a.b]\nx.y.z = {', 'a = [1, {b = 2}, [3]]']) assert.ok(await toml(t), t);
});

test('static-headers: netlify.toml and _headers by exact name only, in any publish folder', async () => {
  const ids = (p, lang) => extractorsFor(p, lang).map((e) => e.id);
  for (const p of ['netlify.toml', 'site/netlify.toml', 'public/_headers', 'static/_headers', 'dist/_headers', '_headers', 'C:\\w\\public\\_headers']) assert.ok(ids(p).includes('static-headers'), p);
  for (const p of ['headers', '_headers.txt', 'my_headers', 'netlify.toml.bak', 'config.toml']) assert.ok(!ids(p, 'plaintext').includes('static-headers'), p);
  // a TOML file of another name is not read even when it holds the same rules
  const t = readFileSync(join(dir, fileOf('netlify-star-credentials')), 'utf8');
  assert.equal((await extractWith(ext, 'config/site.toml', t)).facts.policies.length, 0);
});

test('static-headers: each path is a policy; options are mentioned for hovers', async () => {
  const { facts, text } = await run('netlify-star-credentials');
  assert.deepEqual(facts.policies.map((p) => [p.scope.label, p.origin.kind, p.credentials, p.answersPreflight]), [['/api/*', 'any', true, 'unknown']]);
  assert.deepEqual(facts.optionMentions.map((m) => [m.library, m.option, str(text, m.span)]), [['netlify', 'for', 'for'], ['netlify', 'values', 'values']]);
  const site = await run('headers-pages-site');
  assert.deepEqual(site.facts.policies.map((p) => p.scope.label), ['/fonts/*', '/widget/*', '/data/*.json', '/tenants/:tenant/*']);
  assert.ok(site.facts.optionMentions.some((m) => m.option === '!' && str(site.text, m.span) === '!'));
  assert.ok(site.facts.optionMentions.filter((m) => m.option === 'path').every((m) => /^(\/|https:)/.test(str(site.text, m.span))));
});

test('static-headers: a header written twice for one path is sent twice; `! Name` removes it; placeholders are unknown', async () => {
  const dup = await run('headers-duplicate-origin');
  assert.deepEqual(dup.facts.headerWrites.filter((w) => /origin$/i.test(w.name)).map((w) => w.op), ['set', 'add']);
  assert.equal(dup.facts.policies[0].origin.kind, 'unknown');
  const t = '/x\n  Access-Control-Allow-Origin: *\n  ! Access-Control-Allow-Origin\n  Access-Control-Allow-Origin: https://a.example\n';
  const { facts } = await extractWith(ext, '_headers', t);
  assert.deepEqual(facts.headerWrites.map((w) => w.op), ['set', 'unset', 'set']);
  assert.equal(facts.policies[0].origin.kind, 'static');
  const site = await run('headers-pages-site');
  assert.equal(site.facts.policies.find((p) => p.scope.label === '/tenants/:tenant/*').origin.kind, 'unknown');
  const inline = await run('netlify-inline-values');
  assert.deepEqual(inline.facts.policies.map((p) => [p.scope.label, p.origin.kind, p.credentials]), [['/data/*', 'any', true], ['/img/:name', 'unknown', false]]);
  // a multi-line string of several lines (Netlify's multi-value form) is unknown; of one line, a literal
  const ml = await extractWith(ext, 'netlify.toml', '[[headers]]\nfor = "/*"\n[headers.values]\nAccess-Control-Allow-Origin = """\nhttps://a.example\nhttps://b.example"""\n');
  assert.equal(ml.facts.policies[0].origin.kind, 'unknown');
  const one = await extractWith(ext, 'netlify.toml', "[[headers]]\nfor = \"/*\"\n[headers.values]\nAccess-Control-Allow-Origin = '''*'''\nAccess-Control-Allow-Credentials = \"true\"\n");
  assert.deepEqual([one.facts.policies[0].origin.kind, one.facts.policies[0].credentials], ['any', true]);
});

const fix = (req, r) => ext.renderFix(req, r.facts, r.file);

test('static-headers: netlify.toml fixes edit inside the quotes and whole lines only', async () => {
  const r = await run('netlify-star-credentials');
  const p = r.facts.policies[0];
  // the generic renderer does these: undefined = allowed
  assert.equal(fix({ kind: 'set-origins', policyId: p.id, origins: ['https://app.example.com'] }, r), undefined);
  assert.equal(fix({ kind: 'remove-credentials', policyId: p.id }, r), undefined);
  const inline = await run('netlify-inline-values');
  const ip = inline.facts.policies[0];
  assert.deepEqual(fix({ kind: 'remove-credentials', policyId: ip.id }, inline), []);
  const ml = await extractWith(ext, 'netlify.toml', "[[headers]]\nfor = \"/*\"\n[headers.values]\nAccess-Control-Allow-Origin = '''*'''\n");
  assert.deepEqual(fix({ kind: 'set-origins', policyId: ml.facts.policies[0].id, origins: ['https://a.example'] }, ml), []);
});

test('static-headers: fixes applied through the CLI make the files pass', async () => {
  const { spawnSync } = await import('node:child_process');
  const { mkdtempSync, writeFileSync, mkdirSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const ws = mkdtempSync(join(tmpdir(), 'cors-lint-static-'));
  try {
    mkdirSync(join(ws, 'public'));
    writeFileSync(join(ws, 'netlify.toml'), readFileSync(join(dir, fileOf('netlify-star-credentials')), 'utf8'));
    writeFileSync(join(ws, 'public/_headers'), readFileSync(join(dir, fileOf('headers-pages-site')), 'utf8'));
    const cli = (args) => spawnSync(process.execPath, [join(root, 'dist/server/cli.js'), ...args], { cwd: ws, encoding: 'utf8', timeout: 60000 });
    cli(['--fix', '--trusted-origin', 'https://app.example.com', '.']);
    const toml = readFileSync(join(ws, 'netlify.toml'), 'utf8');
    assert.match(toml, /Access-Control-Allow-Origin = "https:\/\/app\.example\.com"\n    Access-Control-Allow-Credentials = "true"/);
    const hf = readFileSync(join(ws, 'public/_headers'), 'utf8');
    assert.match(hf, /\/widget\/\*\n  Access-Control-Allow-Origin: https:\/\/app\.example\.com\n/);
    const r = cli(['--format', 'json', '.']);
    const rules = JSON.parse(r.stdout).flatMap((f) => f.messages.map((m) => m.ruleId));
    assert.ok(!rules.includes('wildcard-origin-with-credentials'), rules.join());
    assert.ok(!rules.includes('method-case-mismatch'), rules.join());
    assert.match(toml, /"GET, POST, PATCH"/);
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
});

test('static-headers: truncated files never throw and never report more than written; binary-ish and huge text', async () => {
  for (const c of ['netlify-site', 'headers-pages-site', 'netlify-inline-values']) {
    const text = readFileSync(join(dir, fileOf(c)), 'utf8');
    for (let i = 0; i <= text.length; i += 5) {
      const { facts } = await extractWith(ext, fileOf(c), text.slice(0, i));
      for (const w of facts.headerWrites) if (w.value.kind === 'literal') assert.ok(text.slice(0, i).includes(w.value.text));
    }
  }
  for (const t of ['\u0000\u0001access-control-\uFFFD[[headers]]', 'access-control-\n\t\t\n:::\n!']) {
    assert.doesNotThrow(() => extractWith(ext, 'netlify.toml', t));
    assert.doesNotThrow(() => extractWith(ext, '_headers', t));
  }
  const big = Array.from({ length: 20000 }, (_, i) => `/p${i % 2 ? '' : i}/*\n  X-Frame-Options: DENY\n  Access-Control-Allow-Origin: https://a.example\n`).join('');
  const t0 = Date.now();
  const { facts } = await extractWith(ext, '_headers', big);
  assert.ok(Date.now() - t0 < 5000);
  assert.equal(facts.policies.length, 10001);
  const bigToml = '[[headers]]\nfor = "/p/*"\n[headers.values]\nAccess-Control-Allow-Origin = "https://a.example"\n'.repeat(5000);
  assert.equal((await extractWith(ext, 'netlify.toml', bigToml)).facts.policies.length, 1);
});
