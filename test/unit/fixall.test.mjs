// Fix-all's safety net (service/fixall.ts): a fix is kept only when the text reads back to the same
// findings minus the fixed ones. The analysis is stubbed here to make a fix misbehave on purpose; the real
// analysis is exercised through the CLI (cli-fix.test.mjs) and the server (test/lsp/fix.test.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixAll } from '../../dist/lib/service/fixall.js';
import { DEFAULT_SETTINGS } from '../../dist/lib/model/index.js';

const finding = (ruleId, start, end, newText, severity = 'warning', preferred = true) => ({
  ruleId,
  severity,
  message: `${ruleId} here`,
  span: { start, end },
  related: [],
  fixes: [{ title: `fix ${ruleId}`, preferred, edits: [{ span: { start, end }, newText }] }],
});
const analysis = (findings) => ({ findings, facts: {}, extractors: ['x'], notes: [] });

test('a fix whose result has a new finding is not applied; the others are', async () => {
  const text = 'aaa bbb';
  const first = analysis([finding('rule-a', 0, 3, 'AAA', 'error'), finding('rule-b', 4, 7, 'BBB')]);
  const analyze = async (t) => {
    const out = [];
    if (t.startsWith('aaa')) out.push(finding('rule-a', 0, 3, 'AAA', 'error'));
    if (t.endsWith('bbb')) out.push(finding('rule-b', 4, 7, 'BBB'));
    if (t.startsWith('AAA')) out.push(finding('rule-new', 0, 3, 'x')); // fixing rule-a breaks something
    return analysis(out);
  };
  const r = await fixAll({ path: 'x.php', text }, DEFAULT_SETTINGS, first, analyze);
  assert.equal(r.text, 'aaa BBB');
  assert.deepEqual(r.applied.map((a) => a.ruleId), ['rule-b']);
  assert.deepEqual(r.remaining.map((f) => f.ruleId), ['rule-a']);
});

test('a fix after which the file is read by other extractors (it no longer parses the same) is refused', async () => {
  const first = analysis([finding('rule-a', 0, 3, 'AAA')]);
  const analyze = async () => ({ ...analysis([]), extractors: [] });
  const r = await fixAll({ path: 'x.php', text: 'aaa' }, DEFAULT_SETTINGS, first, analyze);
  assert.equal(r.text, 'aaa');
  assert.deepEqual(r.applied, []);
});

test('fixes that are not preferred (they need a choice) are never applied; passes are bounded', async () => {
  const first = analysis([finding('rule-a', 0, 3, 'AAA', 'error', false)]);
  const r = await fixAll({ path: 'x.php', text: 'aaa' }, DEFAULT_SETTINGS, first, async () => first);
  assert.equal(r.text, 'aaa');
  // A fix that "works" but whose finding keeps coming back stops after the pass bound.
  let calls = 0;
  const again = async (t) => (calls++, analysis([finding('rule-a', 0, t.length, t + 'x')]));
  await fixAll({ path: 'x.php', text: 'a' }, DEFAULT_SETTINGS, undefined, again);
  assert.ok(calls <= 25, `bounded (${calls} analyses)`);
});
