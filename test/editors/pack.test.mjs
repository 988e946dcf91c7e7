// Installing the server without a registry, as the README says: `npm ci` (its install script builds), `npm pack` →
// `npm install -g --prefix <dir> ./cors-lint-<version>.tgz --offline` with an empty cache → the installed
// `cors-language-server --stdio` answers over LSP with a finding, and `cors-lint` reports one.
// The pack runs in a copy of the checkout (node_modules linked), so the build it makes never replaces the
// dist/ that other tests are using.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { root } from '../helpers.mjs';
import { LspClient } from '../lsp/client.mjs';
import { findTool, missingTool, runBounded } from './tools.mjs';

const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const SERVER_JS = "const express = require('express');\nconst cors = require('cors');\nconst app = express();\napp.use(cors({ origin: true, credentials: true }));\n";
const RULE = 'reflected-origin-with-credentials';

/** The environment of a user's shell: not the npm-script one of `npm test` (npm_config_*, npm's bin paths). */
function userEnv(extra) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(npm_|NODE_OPTIONS$|INIT_CWD$)/i.test(k)));
  const path = (env.PATH ?? '').split(delimiter).filter((p) => p && !/node_modules[/\\]\.bin$|node-gyp-bin$/.test(p));
  env.PATH = [dirname(process.execPath), ...path].join(delimiter); // `#!/usr/bin/env node` finds this Node
  return { ...env, ...extra };
}

/** The checkout's files (tracked, and new ones not ignored) as they are in the working tree. */
function copyCheckout(to) {
  const r = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8', timeout: 30_000 });
  assert.equal(r.status, 0, `git ls-files: ${r.stderr ?? r.error}`);
  for (const f of r.stdout.split('\0').filter(Boolean)) {
    if (!existsSync(join(root, f))) continue; // deleted in the working tree
    mkdirSync(dirname(join(to, f)), { recursive: true });
    copyFileSync(join(root, f), join(to, f));
  }
  symlinkSync(join(root, 'node_modules'), join(to, 'node_modules'), 'dir');
}

test('npm pack → npm install -g --offline from the tarball → cors-language-server and cors-lint work', { timeout: 300_000 }, async (t) => {
  const npm = findTool('npm');
  if (!npm) return missingTool(t, 'npm');
  if (!findTool('git')) return missingTool(t, 'git');
  const tmp = mkdtempSync(join(tmpdir(), 'cors-lint-pack-'));
  try {
    const src = join(tmp, 'src');
    const out = join(tmp, 'out');
    mkdirSync(out);
    copyCheckout(src);
    const env = userEnv({ npm_config_cache: join(tmp, 'npm-cache'), npm_config_update_notifier: 'false' });

    // What `npm ci` ends with in a checkout: the package's install script builds dist/ (node_modules is
    // linked here, so run that script alone rather than a whole `npm ci`).
    const build = await runBounded(npm, ['run', 'install'], { cwd: src, env, timeoutMs: 240_000 });
    assert.equal(build.code, 0, `the install script (build) failed:\n${build.stdout}\n${build.stderr}`);
    const pack = await runBounded(npm, ['pack', '--pack-destination', out], { cwd: src, env, timeoutMs: 240_000 });
    assert.equal(pack.code, 0, `npm pack failed:\n${pack.stdout}\n${pack.stderr}`);
    const tgz = join(out, `cors-lint-${version}.tgz`);
    assert.ok(existsSync(tgz), pack.stdout);
    const listing = spawnSync('tar', ['-tzf', tgz], { encoding: 'utf8', timeout: 30_000 });
    const files = listing.stdout.split('\n').filter(Boolean).map((f) => f.replace(/^package\//, ''));
    for (const f of ['dist/server/main.js', 'dist/server/cli.js', 'dist/server/wasm/web-tree-sitter.wasm', 'dist/server/wasm/tree-sitter-javascript.wasm', 'package.json', 'README.md', 'LICENSE']) {
      assert.ok(files.includes(f), `the tarball holds ${f}: ${files.join(', ')}`);
    }
    for (const f of files) assert.doesNotMatch(f, /^(server|client|test|node_modules|dist\/lib)\/|\.map$/, `not shipped: ${f}`);
    const manifest = JSON.parse(readFileSync(join(src, 'package.json'), 'utf8'));
    assert.deepEqual(manifest.dependencies ?? {}, {}, 'the bundles need no dependency at run time');

    // An empty cache and --offline: installing the tarball cannot download anything.
    const prefix = join(tmp, 'prefix');
    const install = await runBounded(npm, ['install', '-g', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', tgz], { cwd: tmp, env, timeoutMs: 120_000 });
    assert.equal(install.code, 0, `npm install failed:\n${install.stdout}\n${install.stderr}`);
    const bin = (name) => join(prefix, 'bin', name);
    assert.ok(existsSync(bin('cors-language-server')) && existsSync(bin('cors-lint')));

    // The language server, started by its bin name as an editor would.
    const ws = join(tmp, 'ws');
    mkdirSync(ws);
    writeFileSync(join(ws, 'server.js'), SERVER_JS);
    const c = new LspClient({ command: bin('cors-language-server'), args: ['--stdio'], env: userEnv() });
    try {
      await c.initialize();
      const uri = `file://${ws}/server.js`;
      c.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'javascript', version: 1, text: SERVER_JS } });
      const diags = await c.diagnosticsFor(uri);
      assert.ok(diags.some((d) => d.code === RULE), `${JSON.stringify(diags)}\n${c.stderr}`);
      assert.equal((await c.stop()).code, 0);
    } finally {
      if (c.proc.exitCode === null) c.proc.kill('SIGKILL');
    }

    // The CLI, by its bin name and through npx with the tarball.
    const cli = await runBounded(bin('cors-lint'), ['--format', 'json', 'server.js'], { cwd: ws, env: userEnv(), timeoutMs: 60_000 });
    assert.equal(cli.code, 1, `exit 1 for an error-level finding:\n${cli.stdout}\n${cli.stderr}`);
    assert.deepEqual(JSON.parse(cli.stdout)[0].messages.map((m) => m.ruleId), [RULE]);
    const npx = await runBounded(findTool('npx') ?? 'npx', ['--offline', '--yes', '--package', tgz, 'cors-lint', 'server.js'], { cwd: ws, env, timeoutMs: 120_000 });
    assert.equal(npx.code, 1, `npx:\n${npx.stdout}\n${npx.stderr}`);
    assert.match(npx.stdout, new RegExp(RULE));
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});
