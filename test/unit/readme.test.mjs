import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from '../helpers.mjs';
import { RULES_DIR, renderReadme, rulePages } from '../../server/docs.mjs';
import { rules } from '../../dist/lib/rules/registry.js';

test('README starts with the two set-up commands', () => {
  const text = readFileSync(join(root, 'README.md'), 'utf8');
  const head = text.split('\n').slice(0, 30).join('\n');
  assert.match(head, /npm ci && npm start/);
  assert.match(head, /npm ci && npm test/);
});

test('README rules table is generated from the rule metadata (run `npm run docs`)', async () => {
  const text = readFileSync(join(root, 'README.md'), 'utf8');
  assert.equal(text, await renderReadme(text), 'README.md is stale: run `npm run docs`');
});

test('docs/rules/: one committed page per rule plus the index, each as generated (run `npm run docs`)', async () => {
  const pages = await rulePages();
  assert.deepEqual(
    readdirSync(join(root, RULES_DIR)).sort(),
    [...pages.keys()].map((p) => p.slice(RULES_DIR.length + 1)).sort(),
    `${RULES_DIR}/ holds exactly the generated pages: run \`npm run docs\``,
  );
  for (const [rel, text] of pages) assert.equal(readFileSync(join(root, rel), 'utf8'), text, `${rel} is stale: run \`npm run docs\``);
  for (const r of rules) {
    const page = pages.get(`${RULES_DIR}/${r.id}.md`);
    assert.ok(page.includes(`# ${r.id}\n`) && page.includes(r.docs.why) && page.includes(r.examples.invalid[0].code.trim()), r.id);
  }
});

test('relative links in the committed markdown point at files that exist', () => {
  const files = ['README.md', 'docs/extension/README.md', ...readdirSync(join(root, RULES_DIR)).map((f) => `${RULES_DIR}/${f}`)];
  for (const f of files) {
    const text = readFileSync(join(root, f), 'utf8').replace(/```[\s\S]*?```/g, '');
    for (const m of text.matchAll(/!?\[[^\]]*\]\(([^)\s]+)\)/g)) {
      const target = m[1].split('#')[0];
      if (!target || /^[a-z][a-z0-9+.-]*:/i.test(target)) continue;
      assert.ok(existsSync(join(root, f, '..', decodeURIComponent(target))), `${f}: link to ${m[1]} goes nowhere`);
    }
  }
});

test('the extension README (docs/extension/README.md) shows one example per rule, and the rule flags it', async () => {
  await import('../helpers.mjs'); // tree-sitter's .wasm location
  const { analyzeDocument } = await import('../../dist/lib/service/analyze.js');
  const { DEFAULT_SETTINGS } = await import('../../dist/lib/model/index.js');
  const text = readFileSync(join(root, 'docs/extension/README.md'), 'utf8');
  assert.doesNotMatch(text, /npm ci|npm test/, 'written for users of the extension, not for developers');
  const examples = [...text.matchAll(/^#### `([a-z-]+)`\n[\s\S]*?^`([^`\n]+)`\n\n```[a-z]*\n([\s\S]*?)^```$/gm)];
  assert.deepEqual(examples.map((m) => m[1]).sort(), rules.map((r) => r.id).sort(), 'one example for every rule');
  for (const [, id, path, code] of examples) {
    const a = await analyzeDocument({ path, text: code }, DEFAULT_SETTINGS);
    assert.ok(a.findings.some((f) => f.ruleId === id), `${id}: its example (${path}) gives ${a.findings.map((f) => f.ruleId).join(', ') || 'no finding'}`);
  }
});
