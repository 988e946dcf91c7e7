// The editor layer inside `npm test`: installs code-server once (test/e2e/install-code-server.sh, idempotent),
// then runs test/e2e/run.mjs — the extension's suite in a real VS Code through @vscode/test-electron's
// runTests() (development host, the packaged .vsix installed into a fresh editor, and a UI smoke run).
// Their output is kept and shown when they fail.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { root } from '../helpers.mjs';
import { ALLOW_MISSING } from '../missing-tool.mjs';

function run(cmd, args, timeoutMs) {
  return new Promise((resolve) => {
    // A clean environment: not the npm-script one of `npm test` (npm_config_*, Node 20's paths).
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(npm_|NODE$|NODE_OPTIONS$|INIT_CWD$)/.test(k)));
    env.PATH = (env.PATH ?? '').split(':').filter((p) => !/\/node_modules\/\.bin$|node-gyp-bin$/.test(p)).join(':');
    const child = spawn(cmd, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const timer = setTimeout(() => {
      out += `\n[killed after ${timeoutMs / 1000} s]\n`;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* gone */
      }
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
  });
}

const tail = (s, n = 80) => s.trim().split('\n').slice(-n).join('\n');

// test/provision.sh installed it before the tests; this finds it installed (or says why it is not).
let installed = false;
test('code-server (a real VS Code) is installed', { timeout: 16 * 60_000 }, async (t) => {
  const r = await run('bash', [join(root, 'test/e2e/install-code-server.sh')], 15 * 60_000);
  if (r.code !== 0 && ALLOW_MISSING) return t.skip(`editor layer: ${tail(r.out, 3)} (CORS_LINT_ALLOW_MISSING_TOOLS=1)`);
  assert.equal(r.code, 0, `layer "editor" cannot run:\n${tail(r.out)}`);
  installed = true;
});

test('the extension in a real VS Code: diagnostics, hover, quick fix, disable, settings, .vsix, UI', { timeout: 17 * 60_000 }, async (t) => {
  if (!installed && ALLOW_MISSING) return t.skip('code-server is not installed (CORS_LINT_ALLOW_MISSING_TOOLS=1)');
  assert.ok(installed, 'layer "editor" cannot run: code-server is not installed (see the test above)');
  const r = await run(process.execPath, [join(root, 'test/e2e/run.mjs')], 16 * 60_000);
  for (const line of r.out.split('\n').filter((l) => /✔|✖|passed|failed|PASS|FAIL/.test(l)).slice(-60)) t.diagnostic(line);
  assert.equal(r.code, 0, tail(r.out));
});
