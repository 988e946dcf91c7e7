// Shared by the editor-layer tests: find an external tool, fail (or skip) when it is missing, and run a
// command in its own process group with a bound, killing the whole group at the end.
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { requireTool } from '../missing-tool.mjs';

/** The absolute path of an executable on PATH, or undefined. */
export function findTool(name) {
  for (const dir of (process.env.PATH ?? '').split(delimiter).filter(Boolean)) {
    const p = join(dir, name);
    try {
      accessSync(p, constants.X_OK);
      return p;
    } catch {
      /* not here */
    }
  }
  return undefined;
}

/** A missing tool fails the test, naming it; with CORS_LINT_ALLOW_MISSING_TOOLS=1 the test is skipped. */
export function missingTool(t, what, layer = 'editors') {
  requireTool(t, layer, `${what} is not installed`);
}

function killGroup(pid) {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    /* the group is gone */
  }
}

/**
 * Runs `cmd args` in a new process group. Resolves when it exits or after `timeoutMs` (then the group is
 * killed, timedOut = true); either way every process left in the group (a language server it started) is
 * killed too. Output is kept (the last 200 kB of each stream).
 */
export function runBounded(cmd, args, { cwd, env, timeoutMs, input } = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd, env, detached: true, stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    const out = { stdout: '', stderr: '' };
    child.stdout.on('data', (d) => (out.stdout = (out.stdout + d).slice(-200_000)));
    child.stderr.on('data', (d) => (out.stderr = (out.stderr + d).slice(-200_000)));
    if (input !== undefined) child.stdin.end(input);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(child.pid);
    }, timeoutMs);
    const finish = (code, signal, error) => {
      clearTimeout(timer);
      if (child.pid) killGroup(child.pid);
      resolve({ code, signal, timedOut, error, ...out });
    };
    child.on('error', (e) => finish(null, null, e));
    child.on('close', (code, signal) => finish(code, signal));
  });
}
