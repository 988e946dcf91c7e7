// The README's pre-commit recipe, with the pre-commit on this machine (Debian's 3.0.4): the hook defined by
// .pre-commit-hooks.yaml, from a clone of this repository's committed HEAD (commit first: the working tree's
// changes are not in it), on a temporary git project. It must fail naming the finding, then pass once the
// file is fixed. pre-commit installs the hook as `language: node` — `npm install` in the clone (which builds
// dist/), `npm pack`, `npm install -g` into its own environment — with the npm registry as the only network.
//
// Without pre-commit on the PATH the test fails, naming it; CORS_LINT_ALLOW_MISSING_TOOLS=1 makes it skip.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from '../helpers.mjs';

const INSTALL_TIMEOUT_MS = 300_000; // first run: clone, npm install (with the build), pack, install
const RUN_TIMEOUT_MS = 120_000;
const BAD = "<?php\nheader('Access-Control-Allow-Origin: *');\nheader('Access-Control-Allow-Credentials: true');\n";
const GOOD = "<?php\nheader('Access-Control-Allow-Origin: https://app.example.com');\nheader('Access-Control-Allow-Credentials: true');\n";

const tmp = mkdtempSync(join(tmpdir(), 'cors-lint-pre-commit-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

function sh(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: 60_000, ...opts });
  if (r.error?.code === 'ETIMEDOUT') assert.fail(`${cmd} ${args.join(' ')}: timed out`);
  return r;
}

function git(cwd, ...args) {
  const r = sh('git', ['-c', 'user.name=cors-lint test', '-c', 'user.email=test@localhost', ...args], { cwd });
  assert.equal(r.status, 0, `git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout.trim();
}

test('pre-commit runs the cors-lint hook from this repository: fails on a CORS error, passes once fixed', { timeout: INSTALL_TIMEOUT_MS + 2 * RUN_TIMEOUT_MS }, (t) => {
  const version = sh('pre-commit', ['--version']);
  if (version.error) {
    const why = 'pre-commit is not installed (Debian: apt-get install pre-commit)';
    if (process.env.CORS_LINT_ALLOW_MISSING_TOOLS === '1') return t.skip(why);
    assert.fail(`${why}; set CORS_LINT_ALLOW_MISSING_TOOLS=1 to skip this test`);
  }
  t.diagnostic(version.stdout.trim());

  const hookRepo = join(tmp, 'cors-lint');
  git(tmp, 'clone', '--quiet', root, hookRepo);
  const rev = git(hookRepo, 'rev-parse', 'HEAD');

  const project = join(tmp, 'project');
  mkdirSync(project);
  git(project, 'init', '--quiet');
  writeFileSync(join(project, '.pre-commit-config.yaml'), `repos:\n  - repo: ${hookRepo}\n    rev: ${rev}\n    hooks:\n      - id: cors-lint\n`);
  writeFileSync(join(project, 'api.php'), BAD);
  git(project, 'add', '-A');

  const env = {
    ...process.env,
    HOME: join(tmp, 'home'),
    PRE_COMMIT_HOME: join(tmp, 'pre-commit-cache'),
    // npm's package cache stays the user's own, so the packages are not downloaded again.
    npm_config_cache: process.env.npm_config_cache || join(homedir(), '.npm'),
  };
  const preCommit = (timeout) => {
    const r = sh('pre-commit', ['run', '--all-files'], { cwd: project, env, timeout });
    return { code: r.status, out: r.stdout + r.stderr };
  };

  const failed = preCommit(INSTALL_TIMEOUT_MS);
  assert.equal(failed.code, 1, failed.out);
  assert.match(failed.out, /cors-lint\.+Failed/, failed.out);
  assert.match(failed.out, /api\.php\n\s+2:38\s+error\s+.*wildcard-origin-with-credentials/, failed.out);

  writeFileSync(join(project, 'api.php'), GOOD);
  git(project, 'add', '-A');
  const passed = preCommit(RUN_TIMEOUT_MS);
  assert.equal(passed.code, 0, passed.out);
  assert.match(passed.out, /cors-lint\.+Passed/, passed.out);
});
