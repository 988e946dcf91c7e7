// `npm run test:e2e`: the extension's tests inside a real VS Code, through @vscode/test-electron's runTests().
//
// Runs, each on a fresh temporary copy of test/e2e/workspace:
//   1. development: the repository as --extensionDevelopmentPath, suite test/e2e/suite/index.ts;
//   2. installed: the .vsix (server/package.mjs, as `npm run package`; contents checked) installed into a fresh
//      extensions dir, suite test/e2e/suite/installed.ts (the development path is an empty host extension);
//   3. UI smoke (code-server only): test/e2e/ui-smoke.mjs — squiggle, Problems panel, hover, Ctrl+. fix.
//
// Which VS Code: by default test/e2e/code-server-launcher.mjs as vscodeExecutablePath (a real VS Code served
// by code-server and driven through Chromium; needs test/e2e/install-code-server.sh), because these machines
// cannot download desktop VS Code. CORS_LINT_E2E_VSCODE=desktop lets runTests download desktop VS Code
// instead (machines with internet; on Linux it needs a display, e.g. xvfb-run -a npm run test:e2e).
//
// Environment: CORS_LINT_E2E_SKIP_VSIX=1 / CORS_LINT_E2E_SKIP_UI=1 skip runs 2 / 3; CORS_LINT_E2E_GREP=<regex>
// selects tests; CORS_LINT_E2E_TIMEOUT=<s> bounds each editor run (default 240), CORS_LINT_E2E_TOTAL_TIMEOUT
// the whole script (default 900); CORS_LINT_E2E_VERBOSE=1 prints the editor's logs. Expects `npm run build`
// to have run (the test:e2e script does that).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { runTests, resolveCliArgsFromVSCodeExecutablePath, downloadAndUnzipVSCode } from '@vscode/test-electron';
import { installVsix } from './code-server.mjs';
import { packageExtension } from '../../server/package.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
// The extension under test: the repository itself, or (CORS_LINT_E2E_EXTENSION) a copy of its package.json,
// LICENSE, dist/, syntaxes/ and docs/ — useful while other builds rewrite dist/ in the same checkout.
const EXT = resolve(process.env.CORS_LINT_E2E_EXTENSION ?? ROOT);
const E2E = join(ROOT, 'test/e2e');
const OUT = join(EXT, 'dist/test/e2e/suite');
const DESKTOP = process.env.CORS_LINT_E2E_VSCODE === 'desktop';
const LAUNCHER = join(E2E, 'code-server-launcher.mjs');
const VSIX = join(ROOT, '.e2e/cors-lint.vsix');
const TOTAL_TIMEOUT_S = Number(process.env.CORS_LINT_E2E_TOTAL_TIMEOUT ?? 900);
const pkg = JSON.parse(readFileSync(join(EXT, 'package.json'), 'utf8'));

const t0 = Date.now();
const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(1)} s`;
const say = (msg) => console.log(`[e2e ${elapsed()}] ${msg}`);
const temps = [];
function tempDir(prefix) {
  const d = mkdtempSync(join(tmpdir(), prefix));
  temps.push(d);
  return d;
}
function cleanup() {
  for (const d of temps.splice(0)) rmSync(d, { recursive: true, force: true, maxRetries: 3 });
}

// A last line of defence: runTests' child (the launcher) has its own timeout; this one also covers
// packaging and installing. On expiry, stop our direct children (the launcher cleans up after itself).
setTimeout(() => {
  console.error(`[e2e] timed out after ${TOTAL_TIMEOUT_S} s`);
  killChildren();
  cleanup();
  process.exit(1);
}, TOTAL_TIMEOUT_S * 1000).unref();
function killChildren() {
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === process.pid) process.kill(Number(name), 'SIGTERM');
    } catch {
      /* gone, or not ours */
    }
  }
}

function workspaceCopy() {
  const ws = join(tempDir('cors-lint-ws-'), 'workspace');
  cpSync(join(E2E, 'workspace'), ws, { recursive: true });
  return ws;
}

/** Bundles one suite to dist/test/e2e/suite/<name>.js (CommonJS, vscode external), right before its run. */
async function bundleSuite(name) {
  const outfile = join(OUT, `${name}.js`);
  rmSync(outfile, { force: true });
  await build({
    entryPoints: [join(E2E, `suite/${name}.ts`)],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['vscode'],
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  return outfile;
}

/** Packages the extension as `npm run package` does (server/package.mjs, without rebuilding): the user
 *  README as readme.md with its links inside the package, the rule pages, bundles and .wasm files, no
 *  sources or maps, at most 5 MB — packageExtension checks all that and throws otherwise. */
function packageVsix() {
  rmSync(VSIX, { force: true });
  const { size, entries } = packageExtension({ dir: EXT, out: VSIX });
  say(`packaged ${entries.length} files, ${(size / 1024 / 1024).toFixed(2)} MB`);
}

/** Installs the .vsix into a fresh extensions dir with the same VS Code the tests run in. */
async function installExtension(vscodeExecutablePath, extensionsDir) {
  if (DESKTOP) {
    const scratch = tempDir('cors-lint-install-');
    const [cli, ...args] = resolveCliArgsFromVSCodeExecutablePath(vscodeExecutablePath, { reuseMachineInstall: true });
    args.push('--user-data-dir', join(scratch, 'ud'), '--extensions-dir', extensionsDir, '--install-extension', VSIX, '--force');
    const r = spawnSync(cli, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
    if (r.status !== 0) throw new Error(`installing the .vsix failed (${r.status ?? r.signal}):\n${r.stdout}${r.stderr}`);
  } else {
    await installVsix(VSIX, extensionsDir);
  }
  const installed = readdirSync(extensionsDir).filter((d) => d.startsWith(`${pkg.publisher}.${pkg.name}-`));
  if (installed.length !== 1) throw new Error(`expected one installed ${pkg.publisher}.${pkg.name} in ${extensionsDir}, found: ${readdirSync(extensionsDir).join(', ')}`);
  say(`installed ${installed[0]}`);
}

/** One editor run; resolves to true when the suite passed. */
async function editorRun(title, { vscodeExecutablePath, extensionDevelopmentPath, extensionTestsPath, extensionsDir, extraArgs = [] }) {
  const profile = tempDir('cors-lint-profile-');
  const launchArgs = [
    workspaceCopy(),
    `--user-data-dir=${join(profile, 'user-data')}`,
    `--extensions-dir=${extensionsDir ?? join(profile, 'extensions')}`,
    ...extraArgs,
  ];
  say(`${title}: starting ${DESKTOP ? 'desktop VS Code' : 'code-server + Chromium'}`);
  try {
    await runTests({
      vscodeExecutablePath,
      extensionDevelopmentPath,
      extensionTestsPath,
      launchArgs,
      extensionTestsEnv: { CORS_LINT_E2E_REPO: EXT, CORS_LINT_E2E_VERSION: pkg.version },
    });
    say(`${title}: passed`);
    return true;
  } catch (err) {
    say(`${title}: FAILED (${err?.message ?? err})`);
    return false;
  }
}

let ok = true;
try {
  for (const f of ['dist/client/extension.js', 'dist/server/main.js']) {
    if (!existsSync(join(EXT, f))) throw new Error(`${f} is missing: run npm run build first`);
  }
  const doVsix = !process.env.CORS_LINT_E2E_SKIP_VSIX;
  if (doVsix) packageVsix();

  const vscodeExecutablePath = DESKTOP ? await downloadAndUnzipVSCode() : LAUNCHER;
  ok = await editorRun('development run', {
    vscodeExecutablePath,
    extensionDevelopmentPath: EXT,
    extensionTestsPath: await bundleSuite('index'),
    extraArgs: ['--disable-extensions'],
  });

  if (doVsix) {
    const extensionsDir = join(tempDir('cors-lint-exts-'), 'extensions');
    mkdirSync(extensionsDir);
    await installExtension(vscodeExecutablePath, extensionsDir);
    ok =
      (await editorRun('installed-.vsix run', {
        vscodeExecutablePath,
        extensionDevelopmentPath: join(E2E, 'vsix-host'),
        extensionTestsPath: await bundleSuite('installed'),
        extensionsDir,
      })) && ok;
  }

  // 3. The UI smoke test (code-server only): squiggle, Problems panel, hover, Ctrl+. quick fix.
  if (!DESKTOP && !process.env.CORS_LINT_E2E_SKIP_UI) {
    say('UI smoke run: starting');
    const r = spawnSync(process.execPath, [join(E2E, 'ui-smoke.mjs')], { stdio: 'inherit', timeout: 180_000, env: { ...process.env, CORS_LINT_E2E_EXTENSION: EXT } });
    const passed = r.status === 0;
    say(`UI smoke run: ${passed ? 'passed' : `FAILED (${r.status ?? r.signal})`}`);
    ok = passed && ok;
  }
} catch (err) {
  console.error(`[e2e] ${err?.stack ?? err}`);
  ok = false;
} finally {
  cleanup();
}
say(ok ? 'all editor runs passed' : 'editor tests FAILED');
process.exit(ok ? 0 : 1);
