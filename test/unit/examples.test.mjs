// The README's main command scans examples/: the findings (file, line, rule) in the example projects are
// pinned, so a regression in any extractor or rule shows up as a diff here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join, relative } from 'node:path';
import { root, matchSnapshot } from '../helpers.mjs';

test('the CLI finds the planted mistakes of every example project, at their lines, and nothing else', () => {
  const r = spawnSync(process.execPath, [join(root, 'dist/server/cli.js'), '--format', 'json', 'examples'], { cwd: root, encoding: 'utf8', timeout: 60000 });
  assert.equal(r.status, 1, r.stderr); // the examples hold error-level mistakes
  const rows = JSON.parse(r.stdout)
    .flatMap((f) => f.messages.map((m) => `${relative(root, f.filePath)}:${m.line}:${m.column} ${m.ruleId}`))
    .sort();
  const formats = new Set(rows.map((x) => x.split('/')[1]));
  assert.deepEqual([...formats].sort(), ['apache-site', 'django-api', 'express-api', 'fastapi-app', 'flask-api', 'hapi-api', 'hono-edge', 'iis-app', 'koa-api', 'next-shop', 'nginx-proxy', 'php-api', 'supabase-functions']);
  matchSnapshot(join(root, 'test/fixtures/examples.findings.txt'), rows.join('\n') + '\n');
});
