// Every rule's documented examples are tests: each invalid example yields exactly one finding of that
// rule, each valid one none, and applying the first offered fix makes the invalid example valid.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import './../helpers.mjs';
import { analyzeDocument, applyEdits } from '../../dist/lib/service/analyze.js';
import { rules } from '../../dist/lib/rules/registry.js';
import { DEFAULT_SETTINGS } from '../../dist/lib/model/index.js';

const settings = { ...DEFAULT_SETTINGS, trustedOrigins: ['https://app.example.com'] };

for (const rule of rules) {
  describe(`rule ${rule.id}`, () => {
    rule.examples.invalid.forEach((ex, i) => {
      test(`invalid #${i + 1} (${ex.path}) is flagged once and its fix clears it`, async () => {
        const a = await analyzeDocument({ path: ex.path, text: ex.code }, settings);
        const mine = a.findings.filter((f) => f.ruleId === rule.id);
        assert.equal(mine.length, 1, `expected 1 ${rule.id} finding, got ${JSON.stringify(mine, null, 1)}\nall: ${a.findings.map((f) => f.ruleId)}`);
        const f = mine[0];
        assert.ok(f.span.end > f.span.start, 'finding has a non-empty span');
        if (rule.fixable && f.fixes.length > 0) {
          const fixed = applyEdits(ex.code, f.fixes[0].edits);
          const b = await analyzeDocument({ path: ex.path, text: fixed }, settings);
          assert.deepEqual(b.findings.filter((x) => x.ruleId === rule.id).map((x) => x.message), [], `after fix:\n${fixed}`);
        }
      });
    });
    rule.examples.valid.forEach((ex, i) => {
      test(`valid #${i + 1} (${ex.path}) is not flagged`, async () => {
        const a = await analyzeDocument({ path: ex.path, text: ex.code }, settings);
        assert.ok(a.extractors.length > 0, 'an extractor read the example');
        assert.deepEqual(a.findings.filter((f) => f.ruleId === rule.id).map((f) => f.message), []);
      });
    });
    test('a fixable rule offers a fix for at least one invalid example', async () => {
      if (!rule.fixable) return;
      let offered = 0;
      for (const ex of rule.examples.invalid) {
        const a = await analyzeDocument({ path: ex.path, text: ex.code }, settings);
        offered += a.findings.filter((f) => f.ruleId === rule.id && f.fixes.length > 0).length;
      }
      assert.ok(offered > 0, 'no fix was rendered for any invalid example');
    });
    test('every message is used by an invalid example', async () => {
      const used = new Set();
      for (const ex of rule.examples.invalid) {
        const a = await analyzeDocument({ path: ex.path, text: ex.code }, settings);
        for (const f of a.findings.filter((x) => x.ruleId === rule.id)) used.add(f.message);
      }
      for (const [id, template] of Object.entries(rule.messages)) {
        const re = new RegExp('^' + template.split(/\{\{\w+\}\}/).map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[\\s\\S]*') + '$');
        assert.ok([...used].some((m) => re.test(m)), `message "${id}" of ${rule.id} is never produced by an invalid example`);
      }
    });
  });
}
