// The findings the CLI (its real entry point, dist/server/cli.js) reports on the Express and Flask fixtures:
// pinned as a whole (test/fixtures/fixtures.findings.txt, UPDATE_SNAPSHOTS=1 rewrites it), and the ones that
// the fixtures about Flask config precedence are written for, checked one by one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join, relative } from 'node:path';
import { root, matchSnapshot } from '../helpers.mjs';

function findings(...paths) {
  const r = spawnSync(process.execPath, [join(root, 'dist/server/cli.js'), '--format', 'json', ...paths], { cwd: root, encoding: 'utf8', timeout: 60000 });
  assert.ok(r.status === 0 || r.status === 1, r.stderr);
  return JSON.parse(r.stdout).flatMap((f) => f.messages.map((m) => ({ file: relative(root, f.filePath), ...m })));
}

const rows = (list) => list.map((m) => `${m.file}:${m.line}:${m.column} ${m.ruleId}`).sort();
const py = (name) => `test/fixtures/flask/${name}`;
const rulesIn = (all, file) => all.filter((m) => m.file === file).map((m) => `${m.line}:${m.column} ${m.ruleId}`);

let all;
function every() {
  all ??= findings('test/fixtures/express', 'test/fixtures/flask');
  return all;
}

test('the findings on every Express and Flask fixture, through the CLI', () => {
  matchSnapshot(join(root, 'test/fixtures/fixtures.findings.txt'), rows(every()).join('\n') + '\n');
});

test('flask: kwargs and resource options win over config loaded from elsewhere; unset options stay unknown', () => {
  const a = every();
  assert.deepEqual(rulesIn(a, py('config_loaded_kwargs_win.py')), ['10:73 reflected-origin-with-credentials']);
  assert.deepEqual(rulesIn(a, py('config_key_unknown_kwargs_win.py')), ['10:20 reflected-origin-with-credentials']);
  // origins not given in code: the loaded config may set CORS_ORIGINS
  assert.deepEqual(rulesIn(a, py('config_loaded_origins_unset.py')), []);
  assert.deepEqual(rulesIn(a, py('config_key_unknown_origins.py')), []);
});
