// Half-typed and damaged input never breaks the analysis: every fixture of every extractor, cut, spliced, with
// stray quotes / brackets / NUL / U+FFFD, with CRLF, with a BOM and repeated, goes through the whole service.
// No exception escapes, every finding's range lies inside the text, no extractor reports that it failed, and
// no analysis takes longer than a generous bound. Deterministic (a fixed seed): a failure names its input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { root } from '../helpers.mjs';
import { analyzeDocument } from '../../dist/lib/service/index.js';

const SETTINGS = { enable: true, rules: {}, trustedOrigins: [] };
const BOUND_MS = 3000;
const fixtures = join(root, 'test/fixtures');

function filesOf(dir) {
  const out = [];
  for (const n of readdirSync(dir)) {
    const p = join(dir, n);
    if (n === '__snapshots__') continue;
    if (statSync(p).isDirectory()) out.push(...filesOf(p));
    else out.push(p);
  }
  return out;
}

/** The damaged variants of one text, from a seeded generator. */
function variants(text, next) {
  const out = [];
  for (let i = 0; i < 12; i++) out.push(['cut', text.slice(0, next(text.length + 1))]);
  for (let i = 0; i < 6; i++) {
    const a = next(text.length + 1);
    const b = next(text.length + 1);
    out.push(['splice', text.slice(0, Math.min(a, b)) + text.slice(Math.max(a, b))]);
  }
  for (let i = 0; i < 4; i++) {
    const a = next(text.length + 1);
    out.push(['junk', text.slice(0, a) + '"{[(\u0000\uFFFD' + text.slice(a)]);
  }
  out.push(['crlf', text.replace(/\n/g, '\r\n')], ['bom', '\uFEFF' + text], ['thrice', text.repeat(3)]);
  return out;
}

for (const folder of readdirSync(fixtures).filter((d) => statSync(join(fixtures, d)).isDirectory()).sort()) {
  test(`${folder}: damaged fixtures never throw, stay in range and within ${BOUND_MS} ms`, async () => {
    let seed = 7;
    const next = (n) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const problems = [];
    let runs = 0;
    for (const file of filesOf(join(fixtures, folder))) {
      const path = relative(root, file).split('\\').join('/');
      for (const [kind, text] of variants(readFileSync(file, 'utf8'), next)) {
        runs++;
        const t0 = performance.now();
        try {
          const a = await analyzeDocument({ path, text }, SETTINGS);
          for (const f of a.findings) {
            if (!(f.span.start >= 0 && f.span.start <= f.span.end && f.span.end <= text.length)) problems.push(`${path} (${kind}): ${f.ruleId} range ${f.span.start}-${f.span.end} outside ${text.length}`);
          }
          for (const n of a.notes) if (/\bfailed\b/.test(n)) problems.push(`${path} (${kind}): ${n.slice(0, 200)}`);
        } catch (e) {
          problems.push(`${path} (${kind}): threw ${e instanceof Error ? e.message : e}`);
        }
        const ms = performance.now() - t0;
        if (ms > BOUND_MS) problems.push(`${path} (${kind}): ${Math.round(ms)} ms`);
      }
    }
    assert.ok(runs > 0, `no fixture in ${folder}`);
    assert.deepEqual(problems, []);
  });
}
