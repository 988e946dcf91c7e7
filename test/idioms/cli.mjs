// Idioms as real projects write them, each a small file run through the real CLI (--format json): the
// findings must be exactly the expected ones (rule id and line), and none on the correct idioms.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { root } from '../helpers.mjs';

/** `cases`: { path, code, expect: ['<line> <rule-id>', ...] }. Runs the CLI once over all of them. */
export function checkIdioms(cases) {
  const dir = mkdtempSync(join(tmpdir(), 'cors-idioms-'));
  try {
    for (const c of cases) {
      mkdirSync(dirname(join(dir, c.path)), { recursive: true });
      writeFileSync(join(dir, c.path), c.code);
    }
    const r = spawnSync(process.execPath, [join(root, 'dist/server/cli.js'), '--format', 'json', dir], { cwd: dir, encoding: 'utf8', timeout: 60000 });
    assert.ok(r.status === 0 || r.status === 1, r.stderr);
    const got = new Map(cases.map((c) => [c.path, []]));
    for (const f of JSON.parse(r.stdout)) {
      const path = relative(dir, f.filePath);
      for (const m of f.messages) got.get(path)?.push(`${m.line} ${m.ruleId}`);
    }
    for (const c of cases) assert.deepEqual(got.get(c.path).sort(), [...c.expect].sort(), `${c.path}:\n${c.code}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
