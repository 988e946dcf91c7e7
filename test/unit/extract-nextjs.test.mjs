// next.config headers() (semantics of Next.js 13.x–16.0, knowledge/libraries/nextjs.ts): fixture snapshots (one folder per
// case, each holding a next.config.*), entries per source, and fixes on the { key, value } objects.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import nextjs, { isNextConfig } from '../../dist/lib/extract/nextjs/index.js';
import { extractorsFor } from '../../dist/lib/service/select.js';
import { applyEdits, extractWith, matchSnapshot, renderFacts, root, str } from '../helpers.mjs';

const dir = join(root, 'test/fixtures/nextjs');
const cases = readdirSync(dir).filter((f) => !f.startsWith('__'));
const fileOf = (c) => join(c, readdirSync(join(dir, c))[0]);
async function run(c, text) {
  const f = fileOf(c);
  const t = text ?? readFileSync(join(dir, f), 'utf8');
  return { ...(await extractWith(nextjs, f, t)), text: t };
}

test('nextjs: snapshots of every fixture', async () => {
  assert.ok(cases.length >= 6);
  for (const c of cases) {
    const { facts, text } = await run(c);
    matchSnapshot(join(dir, '__snapshots__', c + '.facts.txt'), renderFacts(facts, text));
  }
});

test('nextjs: the extractor reads next.config files only', async () => {
  const ids = (p, lang) => extractorsFor(p, lang).map((e) => e.id);
  for (const p of ['next.config.js', 'web/next.config.mjs', 'next.config.ts', 'next.config.cjs']) assert.ok(ids(p).includes('nextjs'), p);
  assert.ok(ids('/w/next.config.js', 'javascript').includes('nextjs'));
  assert.ok(!ids('next.config.json').includes('nextjs'));
  // any JavaScript file an editor opens reaches it by its language id, but only a next.config is read
  const cfg = readFileSync(join(dir, fileOf('star-credentials')), 'utf8');
  assert.equal((await extractWith(nextjs, 'src/config.js', cfg)).facts.policies.length, 0);
  assert.ok(isNextConfig('C:\\app\\next.config.ts') && isNextConfig('next.config.mjs') && !isNextConfig('my-next.config.js'));
});

test('nextjs: an entry is a path-scoped policy; options are mentioned for hovers', async () => {
  const { facts, text } = await run('star-credentials');
  assert.equal(facts.policies.length, 1);
  const p = facts.policies[0];
  assert.deepEqual([p.scope.kind, p.scope.label], ['route', '/api/:path*']);
  assert.equal(p.origin.kind, 'any');
  assert.equal(p.credentials, true);
  assert.equal(p.answersPreflight, 'unknown');
  assert.deepEqual([...new Set(facts.optionMentions.map((m) => m.option))].sort(), ['headers', 'key', 'source', 'value']);
  assert.ok(facts.optionMentions.every((m) => m.library === 'nextjs' && str(text, m.span) === m.option));
});

test('nextjs: entries of one source make one response, the later key wins', async () => {
  const { facts } = await run('same-source-override');
  const api = facts.policies.find((p) => p.scope.label === '/api/:path*');
  assert.equal(api.origin.kind, 'static');
  assert.equal(api.origin.value, 'https://app.example.com');
  assert.equal(api.credentials, true);
  assert.equal(facts.responses.find((r) => r.scope.label === '/api/:path*').writeIds.length, 2);
  assert.equal(facts.policies.find((p) => p.scope.label === '/feeds/:path*').origin.kind, 'static');
});

test('nextjs: constants from the environment and :param values stay unknown', async () => {
  const { facts } = await run('dynamic-value');
  assert.deepEqual(facts.policies.map((p) => p.origin.kind), ['unknown', 'unknown']);
  assert.equal(facts.headerWrites.at(-1).condition, 'conditional');
});

test('nextjs: wrapped and typed configs, half-typed files, files without CORS', async () => {
  assert.equal((await run('typed-wrapped')).facts.policies[0].origin.value, 'https://app.example.com/');
  assert.equal((await run('module-const')).facts.policies.length, 1);
  assert.equal((await run('no-cors')).facts.policies.length, 0);
  const half = (await run('half-typed')).facts;
  assert.equal(half.policies.length, 1);
  assert.equal(half.policies[0].credentials, true);
});

test('nextjs: fixes remove the credentials object, add a header object, replace a literal origin', async () => {
  const { facts, file, text } = await run('star-credentials');
  const p = facts.policies[0];
  let out = applyEdits(text, nextjs.renderFix({ kind: 'remove-credentials', policyId: p.id }, facts, file));
  assert.doesNotMatch(out, /Credentials/);
  assert.match(out, /value: '\*' \},\n {10}\{ key: 'Access-Control-Allow-Methods'/);
  assert.equal((await run('star-credentials', out)).facts.policies[0].credentials, false);
  const acao = facts.headerWrites[0];
  out = applyEdits(text, nextjs.renderFix({ kind: 'add-header', afterWriteId: acao.id, name: 'Vary', value: 'Origin' }, facts, file));
  assert.match(out, /value: '\*' \},\n {10}\{ key: 'Vary', value: 'Origin' \},\n/);
  assert.equal((await run('star-credentials', out)).facts.policies[0].vary, 'explicit');
  // set-origins: the generic renderer replaces the literal (undefined here), never a constant's name
  assert.equal(nextjs.renderFix({ kind: 'set-origins', policyId: p.id, origins: ['https://app.example.com'] }, facts, file), undefined);
  const dyn = await run('dynamic-value');
  assert.deepEqual(nextjs.renderFix({ kind: 'set-origins', policyId: dyn.facts.policies[0].id, origins: ['https://app.example.com'] }, dyn.facts, dyn.file), []);
});

test('nextjs: truncated configs never throw; an entry is read only as far as it is written', async () => {
  const { text } = await run('star-credentials');
  for (let i = 0; i < text.length; i += 29) {
    const { facts } = await extractWith(nextjs, 'next.config.js', text.slice(0, i));
    assert.ok(facts.policies.every((p) => p.origin.kind === 'any' && p.scope.label === '/api/:path*'), `cut at ${i}`);
  }
});
