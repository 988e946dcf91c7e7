// `cors-lint --fix` and `--fix-dry-run` through the real CLI (dist/server/cli.js), on projects on disk.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { root } from '../helpers.mjs';

const cli = join(root, 'dist/server/cli.js');
const run = (args, cwd) => {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', timeout: 60000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

function project(files) {
  const dir = mkdtempSync(join(tmpdir(), 'cors-lint-fix-'));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(join(dir, rel, '..'), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  return dir;
}

function snapshot(dir) {
  const out = {};
  (function walk(d) {
    for (const n of readdirSync(d)) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(dir, p)] = readFileSync(p, 'utf8');
    }
  })(dir);
  return out;
}

const TRUSTED = JSON.stringify({ trustedOrigins: ['https://app.example.com'] });
const PHP = "<?php\nheader('Access-Control-Allow-Origin: ' . $_SERVER['HTTP_ORIGIN']);\nheader('Access-Control-Allow-Credentials: true');\nheader('Vary: Origin');\n";
const HTACCESS = 'Header always set Access-Control-Allow-Origin "https://app.example.com"\nHeader always set Access-Control-Allow-Methods "GET, patch"\nHeader always set Access-Control-Max-Age "86400"\n';

test('--fix-dry-run reports what it would change and writes nothing; --fix writes it and reports what is left', () => {
  const dir = project({ '.corslintrc.json': TRUSTED, 'api.php': PHP, 'public/.htaccess': HTACCESS });
  try {
    const before = snapshot(dir);
    const dry = run(['--fix-dry-run', '--format', 'json', '.'], dir);
    assert.deepEqual(snapshot(dir), before, 'dry run changed nothing on disk');
    assert.match(dry.err, /api\.php:2:\d+: would fix reflected-origin-with-credentials: Allow only https:\/\/app\.example\.com/);
    assert.match(dry.err, /\.htaccess:2:\d+: would fix method-case-mismatch: Change to PATCH/);
    const report = JSON.parse(dry.out);
    const php = report.find((f) => f.filePath.endsWith('api.php'));
    assert.equal(php.output, PHP.replace("' . $_SERVER['HTTP_ORIGIN']", "https://app.example.com'"), 'ESLint-style output field');
    assert.equal(php.messages.length, 0, 'the report is of the fixed text');
    assert.equal(dry.code, 0);

    const fix = run(['--fix', '.'], dir);
    assert.equal(fix.code, 0, fix.out + fix.err);
    assert.match(fix.err, /api\.php:2:\d+: fixed reflected-origin-with-credentials/);
    const after = snapshot(dir);
    assert.equal(after['api.php'], php.output);
    assert.equal(
      after['public/.htaccess'],
      HTACCESS.replace('patch', 'PATCH').replace('86400', '7200').replace('"\nHeader always set Access-Control-Max-Age', '"\nHeader always set Access-Control-Allow-Headers "Content-Type, Authorization"\nHeader always set Access-Control-Max-Age'),
    );
    // Fixing again changes nothing; the project is clean.
    const again = run(['--fix', '--format', 'json', '.'], dir);
    assert.equal(again.err, 'cors-lint: 2 files read (apache 1, php 1)\n', 'nothing fixed: only the coverage line');
    assert.deepEqual(JSON.parse(again.out).flatMap((f) => f.messages), []);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--fix leaves the findings that need a choice: no trustedOrigins means no origin is invented', () => {
  const dir = project({ 'api.php': PHP, 'server.js': "const cors = require('cors');\napp.use(cors({ origin: '*', credentials: true, maxAge: 86400 }));\n" });
  try {
    const r = run(['--fix', '--format', 'json', '.'], dir);
    const files = snapshot(dir);
    assert.equal(files['api.php'], PHP, 'the reflected origin stays: which origin to allow is a human choice');
    assert.equal(files['server.js'], "const cors = require('cors');\napp.use(cors({ origin: '*', credentials: true, maxAge: 7200 }));\n", 'the safe fix is applied');
    const left = JSON.parse(r.out).flatMap((f) => f.messages.map((m) => m.ruleId)).sort();
    assert.deepEqual(left, ['reflected-origin-with-credentials', 'wildcard-origin-with-credentials']);
    assert.equal(r.code, 1, 'errors remain');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--fix keeps a byte order mark, the file mode and untouched files as they were', () => {
  const dir = project({ 'a.php': '\ufeff' + "<?php\nheader('Access-Control-Allow-Credentials: True');\nheader('Access-Control-Allow-Origin: https://app.example.com');\n", 'clean.php': "<?php\nheader('Access-Control-Allow-Origin: https://app.example.com');\n" });
  try {
    const mtime = statSync(join(dir, 'clean.php')).mtimeMs;
    const r = run(['--fix', '.'], dir);
    assert.equal(r.code, 0, r.out + r.err);
    assert.equal(readFileSync(join(dir, 'a.php'), 'utf8'), '\ufeff' + "<?php\nheader('Access-Control-Allow-Credentials: true');\nheader('Access-Control-Allow-Origin: https://app.example.com');\n");
    assert.equal(statSync(join(dir, 'clean.php')).mtimeMs, mtime, 'a file without fixes is not rewritten');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--fix on examples/ with trustedOrigins leaves only findings that need a human choice', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cors-lint-fix-examples-'));
  try {
    cpSync(join(root, 'examples'), dir, { recursive: true });
    writeFileSync(join(dir, '.corslintrc.json'), TRUSTED);
    const r = run(['--fix', '--format', 'json', '.'], dir);
    const left = JSON.parse(r.out).flatMap((f) => f.messages);
    // Every finding left has no fix that is safe without a choice.
    assert.deepEqual(left.map((m) => m.ruleId), []);
    assert.ok(r.err.split('\n').filter((l) => / fixed /.test(l)).length >= 10, r.err);
    const check = run(['--format', 'json', '.'], dir);
    assert.deepEqual(JSON.parse(check.out).flatMap((f) => f.messages), [], 'a plain run after --fix agrees');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--fix and --fix-dry-run exclude each other', () => {
  const r = run(['--fix', '--fix-dry-run', '.'], root);
  assert.equal(r.code, 2);
  assert.match(r.err, /exclude each other/);
});
