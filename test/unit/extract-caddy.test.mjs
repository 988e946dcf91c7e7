// Caddyfiles (semantics in knowledge/libraries/caddy.ts): the tokenizer (syntax/caddy.ts), fixture snapshots,
// selection by name, scopes and matchers, the echoed Origin, fixes, robustness.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import caddy from '../../dist/lib/extract/caddy/index.js';
import { caddyTokens, parseCaddyfile } from '../../dist/lib/syntax/caddy.js';
import { extractorsFor } from '../../dist/lib/service/select.js';
import { applyEdits, extractWith, fixtureSet, matchSnapshot, renderFacts, str } from '../helpers.mjs';

const { dir, fixtures, run } = fixtureSet(caddy, 'caddy');

test('caddy: snapshots of every fixture', async () => {
  assert.ok(fixtures.length >= 4);
  for (const f of fixtures) {
    const { facts, text } = await run(f);
    matchSnapshot(join(dir, '__snapshots__', f + '.facts.txt'), renderFacts(facts, text));
  }
});

test('caddy tokenizer: words, quotes, comments, continuations, placeholders, blocks', () => {
  const text = 'a.com {\n\theader X "a \\"b\\" c" # note\n\theader Y `raw \\n` \\\n\t\tmore\n\trespond {header.Origin}\n}\n';
  const toks = caddyTokens(text);
  assert.deepEqual(toks.map((t) => t.text), ['a.com', '{', 'header', 'X', 'a "b" c', 'header', 'Y', 'raw \\n', 'more', 'respond', '{header.Origin}', '}']);
  assert.equal(toks[4].escapes, true);
  assert.equal(toks[8].line, toks[5].line); // the continued line
  const f = parseCaddyfile(text);
  assert.equal(f.errors.length, 0);
  assert.deepEqual(f.lines[0].block.map((l) => l.tokens.map((t) => t.text).join(' ')), ['header X a "b" c', 'header Y raw \\n more', 'respond {header.Origin}']);
  const broken = parseCaddyfile('a {\n  header "x\n');
  assert.ok(broken.errors.length >= 1);
  assert.doesNotThrow(() => parseCaddyfile('}}}{{{\n"`\u0000'));
});

test('caddy: Caddyfile, Caddyfile.*, *.caddyfile by name', () => {
  for (const p of ['Caddyfile', 'deploy/Caddyfile', 'Caddyfile.prod', 'site.caddyfile']) assert.ok(extractorsFor(p).map((e) => e.id).includes('caddy'), p);
  for (const p of ['caddy.json', 'Caddyfile.md.txt/x', 'README.md']) assert.ok(!extractorsFor(p, 'plaintext').map((e) => e.id).includes('caddy'), p);
  assert.ok(extractorsFor('conf/site', 'caddyfile').map((e) => e.id).includes('caddy'));
});

test('caddy: scopes, matchers and the echoed Origin', async () => {
  const { facts, text } = await run('Caddyfile');
  const by = Object.fromEntries(facts.policies.map((p) => [p.scope.label, p]));
  assert.deepEqual(Object.keys(by).sort(), ['admin.example.com', 'admin.example.com › handle /static/*', 'api.example.com', 'snippet (cors-open)', 'www.example.com /fonts/*']);
  assert.deepEqual([by['api.example.com'].origin.kind, by['api.example.com'].credentials], ['reflect', true]);
  // the @cors matcher checks the Origin exactly; header_down in reverse_proxy then sets a fixed value
  const admin = facts.headerWrites.find((w) => w.value.kind === 'request-origin' && w.value.checked);
  assert.deepEqual(admin.value.check.entries.map((e) => str(text, e.span)), ['https://admin.example.com', 'https://ops.example.com']);
  assert.equal(by['admin.example.com'].origin.kind, 'static');
  assert.ok(facts.optionMentions.some((m) => m.option === '+' && str(text, m.span) === '+'));
  const ok = await run('correct.caddyfile');
  assert.deepEqual(ok.facts.policies.map((p) => [p.scope.label, p.origin.kind]), [['app.example.com', 'list'], ['app.example.com /assets/*', 'any']]);
});

test('caddy: fixes rewrite value tokens (quoted when needed) and remove field lines', async () => {
  const r = await run('Caddyfile');
  const api = r.facts.policies.find((p) => p.scope.label === 'api.example.com');
  let out = applyEdits(r.text, caddy.renderFix({ kind: 'set-origins', policyId: api.id, origins: ['https://app.example.com'] }, r.facts, r.file));
  assert.match(out, /\t\tAccess-Control-Allow-Origin https:\/\/app\.example\.com\n/);
  out = applyEdits(r.text, caddy.renderFix({ kind: 'remove-credentials', policyId: api.id }, r.facts, r.file));
  assert.match(out, /\{header\.Origin\}\n\t\tAccess-Control-Allow-Methods/);
  const m = r.facts.headerWrites.find((w) => w.name === 'Access-Control-Allow-Methods');
  out = applyEdits(r.text, caddy.renderFix({ kind: 'set-header-value', writeId: m.id, value: 'GET, POST' }, r.facts, r.file));
  assert.match(out, /Access-Control-Allow-Methods "GET, POST"\n/);
  const acao = r.facts.headerWrites.find((w) => w.value.kind === 'request-origin' && !w.value.checked);
  out = applyEdits(r.text, caddy.renderFix({ kind: 'add-header', afterWriteId: acao.id, name: 'Vary', value: 'Origin' }, r.facts, r.file));
  assert.match(out, /\{header\.Origin\}\n\t\tVary Origin\n\t\tAccess-Control-Allow-Credentials/);
  // a value with a quote cannot be written as one token
  assert.deepEqual(caddy.renderFix({ kind: 'set-header-value', writeId: m.id, value: 'a"b' }, r.facts, r.file), []);
});

test('caddy: truncated, binary-ish and huge files', async () => {
  const text = readFileSync(join(dir, 'Caddyfile'), 'utf8');
  for (let i = 0; i <= text.length; i += 7) {
    const { facts } = await extractWith(caddy, 'Caddyfile', text.slice(0, i));
    for (const w of facts.headerWrites) if (w.value.kind === 'literal') assert.ok(w.valueSpan.end <= i && text.slice(w.valueSpan.start, w.valueSpan.end) === w.value.text);
  }
  const half = await run('half-typed.caddyfile');
  assert.ok(half.facts.policies.every((p) => p.origin.kind === 'unknown'));
  for (const t of ['\u0000\u0001access-control-{{{', 'access-control-\n}\n}\n"']) assert.doesNotThrow(() => extractWith(caddy, 'Caddyfile', t));
  const big = Array.from({ length: 4000 }, (_, i) => `s${i}.example.com {\n\theader Access-Control-Allow-Origin https://a${i}.example\n\trespond ok\n}\n`).join('');
  const t0 = Date.now();
  const { facts } = await extractWith(caddy, 'Caddyfile', big);
  assert.equal(facts.policies.length, 4000);
  assert.ok(Date.now() - t0 < 10000);
});
