#!/usr/bin/env node
// Stands in for the VS Code executable that @vscode/test-electron spawns (`vscodeExecutablePath`), on
// machines that cannot download desktop VS Code (see /work/shared/E2E.md). It takes the same arguments —
// `--extensionDevelopmentPath=…`, `--extensionTestsPath=…`, a workspace folder and assorted flags — starts
// code-server (a real VS Code, on Node 24) on a free 127.0.0.1 port, opens the workbench in Debian's
// Chromium with the test payload, forwards the suite's console output, and exits with the code the test
// run reports (the workbench calls window.codeAutomationExit).
//
// Every run gets its own HOME and TMPDIR, and a fresh user-data-dir and extensions dir unless the caller
// passes them (run.mjs passes fresh ones; the installed-.vsix run passes a prepared extensions dir).
// Bounded by CORS_LINT_E2E_TIMEOUT seconds (default 240); everything it starts is killed on exit.
// CORS_LINT_E2E_VERBOSE=1 also prints the server's log and every browser console message;
// CORS_LINT_E2E_KEEP=1 keeps the run's directory.
import { resolve } from 'node:path';
import { closeAllEditors, startEditor } from './code-server.mjs';

const TIMEOUT_S = Number(process.env.CORS_LINT_E2E_TIMEOUT ?? 240);
const VERBOSE = !!process.env.CORS_LINT_E2E_VERBOSE;
const say = (msg) => process.stdout.write(`[launcher] ${msg}\n`);

/** The arguments desktop VS Code accepts, as far as a test run needs them; the rest are ignored. */
function parseArgs(argv) {
  const out = { devPaths: [], testsPath: undefined, folder: undefined, extensionsDir: undefined, userDataDir: undefined, ignored: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const eq = a.startsWith('--') ? a.indexOf('=') : -1;
    const flag = eq > 0 ? a.slice(0, eq) : a;
    const value = () => (eq > 0 ? a.slice(eq + 1) : argv[++i]);
    if (flag === '--extensionDevelopmentPath') out.devPaths.push(resolve(value()));
    else if (flag === '--extensionTestsPath') out.testsPath = resolve(value());
    else if (flag === '--extensions-dir') out.extensionsDir = resolve(value());
    else if (flag === '--user-data-dir') out.userDataDir = resolve(value());
    else if (!a.startsWith('-')) out.folder = resolve(a);
    else out.ignored.push(a); // --disable-extensions (the extensions dir is fresh anyway), --no-sandbox, …
  }
  return out;
}

const args = parseArgs(process.argv.slice(2));
if (!args.testsPath) {
  console.error('code-server-launcher: --extensionTestsPath is required');
  process.exit(2);
}

const started = Date.now();
const secs = () => ((Date.now() - started) / 1000).toFixed(1);
let editor;
let finishing = false;
async function finish(code, reason) {
  if (finishing) return;
  finishing = true;
  if (reason) say(reason);
  if (code !== 0 && !VERBOSE && editor?.serverLog.length) {
    say('---- last lines of the code-server log ----');
    process.stdout.write(editor.serverLog.slice(-40).join('\n') + '\n');
  }
  setTimeout(() => process.exit(code), 15_000).unref(); // in case cleanup itself hangs
  await closeAllEditors();
  process.exit(code);
}
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => void finish(130, `received ${sig}`));
process.on('uncaughtException', (err) => void finish(1, `launcher error: ${err?.stack ?? err}`));
process.on('unhandledRejection', (err) => void finish(1, `launcher error: ${err?.stack ?? err}`));
setTimeout(() => void finish(1, `timed out after ${TIMEOUT_S} s`), TIMEOUT_S * 1000).unref();

try {
  editor = await startEditor({
    folder: args.folder,
    extensionsDir: args.extensionsDir,
    userDataDir: args.userDataDir,
    keep: !!process.env.CORS_LINT_E2E_KEEP,
    log: VERBOSE ? (line) => process.stdout.write(`[code-server] ${line}\n`) : undefined,
  });
} catch (err) {
  await finish(1, String(err?.message ?? err));
}
editor.onCrash = (reason) => void finish(1, reason);
say(`code-server ${editor.base} ready after ${secs()} s${VERBOSE && args.ignored.length ? `; ignoring ${args.ignored.join(' ')}` : ''}`);

const { page } = editor;
await page.exposeFunction('codeAutomationExit', (code) => {
  const n = Number(code);
  void finish(Number.isInteger(n) ? n : 1, `tests finished with code ${code} after ${secs()} s`);
});
page.on('console', (msg) => {
  const text = msg.text();
  // The suite marks its lines with "[e2e] " (suite/runner.ts); the workbench wraps them in its log format.
  const marked = /\[e2e\] (.*)$/s.exec(text);
  if (marked) process.stdout.write(marked[1] + '\n');
  else if (VERBOSE) process.stdout.write(`[browser ${msg.type()}] ${text}\n`);
  else if (msg.type() === 'error' && /cors-lint|Cannot find module|extensionTests/i.test(text)) {
    process.stdout.write(`[browser error] ${text.split('\n').slice(0, 8).join('\n')}\n`);
  }
});
page.on('pageerror', (err) => {
  if (VERBOSE) process.stdout.write(`[page error] ${err.message}\n`);
});

await editor.open([
  ...args.devPaths.map((p) => ['extensionDevelopmentPath', editor.remote(p)]),
  ['extensionTestsPath', editor.remote(args.testsPath)],
]);
say('workbench opened; waiting for the test run');
