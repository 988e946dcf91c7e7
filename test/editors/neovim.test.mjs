// A real Neovim (Debian 12's 0.7.2, headless) with the README's config (editors/neovim/cors_lint.lua)
// against the bundled server: diagnostics on open and after an edit, hover, a code action applied in
// Neovim, trustedOrigins delivered the way 0.7 can. Neovim runs in its own process group with its own
// HOME and XDG folders; every wait is bounded and the group is killed at the end.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from '../helpers.mjs';
import { findTool, missingTool, runBounded } from './tools.mjs';

const CONFIG = join(root, 'editors/neovim/cors_lint.lua');
const DRIVER = join(root, 'test/editors/neovim-driver.lua');
const TRUSTED = 'https://app.example.com'; // the trustedOrigins of editors/neovim/cors_lint.lua
const PLACEHOLDER = 'https://trusted-origin.example';

const FILES = {
  'package.json': '{ "name": "ws", "private": true }\n',
  'server.js': "const express = require('express');\nconst cors = require('cors');\nconst app = express();\napp.use(cors({ origin: true, credentials: true }));\napp.listen(3000);\n",
  '.htaccess': 'Header always set Access-Control-Allow-Origin "*"\nHeader always set Access-Control-Allow-Credentials "true"\n',
  'web.config': '<configuration>\n  <system.webServer>\n    <httpProtocol>\n      <customHeaders>\n        <add name="Access-Control-Allow-Origin" value="*" />\n        <add name="Access-Control-Allow-Credentials" value="true" />\n      </customHeaders>\n    </httpProtocol>\n  </system.webServer>\n</configuration>\n',
};

test('Neovim 0.7 with editors/neovim/cors_lint.lua: open, edit, hover, code action, trustedOrigins', { timeout: 120_000 }, async (t) => {
  const nvim = findTool('nvim');
  if (!nvim) return missingTool(t, 'nvim (Neovim; Debian: apt-get install neovim)');
  assert.ok(existsSync(join(root, 'dist/server/main.js')), 'dist/server/main.js: run `npm run build` first');
  assert.ok(readFileSync(CONFIG, 'utf8').includes(`'${TRUSTED}'`), `the config's trustedOrigins is ${TRUSTED}`);

  const tmp = mkdtempSync(join(tmpdir(), 'cors-lint-nvim-'));
  try {
    const ws = join(tmp, 'ws');
    mkdirSync(ws);
    for (const [name, text] of Object.entries(FILES)) writeFileSync(join(ws, name), text);
    const home = join(tmp, 'home');
    const env = { PATH: process.env.PATH, TERM: 'dumb', LANG: 'C.UTF-8', HOME: home, TMPDIR: tmp };
    for (const [k, dir] of [['XDG_CONFIG_HOME', 'config'], ['XDG_DATA_HOME', 'data'], ['XDG_STATE_HOME', 'state'], ['XDG_CACHE_HOME', 'cache'], ['XDG_RUNTIME_DIR', 'run']]) {
      env[k] = join(home, dir);
      mkdirSync(env[k], { recursive: true, mode: 0o700 });
    }
    const results = join(tmp, 'results.json');
    Object.assign(env, {
      NVIM_LOG_FILE: join(tmp, 'nvim.log'),
      CORS_LINT_WS: ws,
      CORS_LINT_RESULTS: results,
      CORS_LINT_WAIT_MS: '15000',
      CORS_LINT_TEST_CMD: JSON.stringify([process.execPath, join(root, 'dist/server/main.js'), '--stdio']),
    });
    const run = await runBounded(
      nvim,
      ['--headless', '--clean', '--cmd', 'lua vim.g.cors_lint_cmd = vim.fn.json_decode(vim.env.CORS_LINT_TEST_CMD)', '-u', CONFIG, '-c', `luafile ${DRIVER}`],
      { cwd: ws, env, timeoutMs: 90_000 },
    );
    const r = existsSync(results) ? JSON.parse(readFileSync(results, 'utf8')) : {};
    const context = `nvim exit ${run.code ?? run.signal}${run.timedOut ? ' (timed out, killed)' : ''}\nresults: ${JSON.stringify(r, null, 1).slice(0, 4000)}\nstderr: ${run.stderr.slice(-2000)}`;
    assert.ok(!r.error, `the driver failed: ${r.error}\n${context}`);
    assert.equal(r.done, true, context);
    const version = `${r.nvim.major}.${r.nvim.minor}.${r.nvim.patch}`;
    t.diagnostic(`Neovim ${version}`);
    assert.ok(r.nvim.major === 0 && r.nvim.minor >= 7 && r.nvim.minor <= 10, `the config is for Neovim 0.7 to 0.10, this is ${version}`);
    // Neovim's own filetypes reach the server as language ids; one client for the folder with package.json.
    assert.deepEqual([r.js_filetype, r.htaccess_filetype, r.webconfig_filetype], ['javascript', 'apache', 'xml']);
    assert.equal(r.root_dir, ws);
    assert.equal(r.clients, 1);
    const s = r.steps;
    assert.ok(s.js_open.includes('reflected-origin-with-credentials'), context);
    // The edit made in Neovim (origin: true → '*') changed the finding.
    assert.ok(s.js_edit.includes('wildcard-origin-with-credentials') && !s.js_edit.includes('reflected-origin-with-credentials'), context);
    assert.ok(s.htaccess_open.includes('wildcard-origin-with-credentials'), context);
    assert.match(s.htaccess_hover, /^\*\*Access-Control-Allow-Origin\*\* \(response header\)/, 'the header documentation');
    assert.match(s.htaccess_hover, /fetch\.spec\.whatwg\.org/);
    for (const [name, fix] of [['server.js', s.js_fix], ['.htaccess', s.htaccess_fix]]) {
      assert.ok(fix.title.includes(TRUSTED), `${name}: ${fix.title}`);
      assert.ok(fix.text.includes(TRUSTED) && !fix.text.includes(PLACEHOLDER), `${name} after the fix:\n${fix.text}`);
      assert.ok(!fix.codes_after.includes('wildcard-origin-with-credentials'), `${name}: ${fix.codes_after}`);
    }
    assert.match(s.htaccess_fix.text, new RegExp(`^Header always set Access-Control-Allow-Origin "${TRUSTED}"`, 'm'));
    assert.ok(s.webconfig_open.includes('wildcard-origin-with-credentials'), context);
    assert.equal(run.timedOut, false);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

// Neovim 0.11 cannot be installed here: its config is only loaded by 0.7's LuaJIT with vim.lsp.config,
// vim.lsp.enable and vim.filetype.add stubbed, to check that it parses and says the same as the 0.7 one.
test('editors/neovim/cors_lint_0_11.lua parses and configures what the tested 0.7 config does', { timeout: 60_000 }, async (t) => {
  const nvim = findTool('nvim');
  if (!nvim) return missingTool(t, 'nvim (Neovim; Debian: apt-get install neovim)');
  const tmp = mkdtempSync(join(tmpdir(), 'cors-lint-nvim011-'));
  try {
    const out = join(tmp, 'captured.json');
    const script = join(tmp, 'capture.lua');
    writeFileSync(script, `
local captured = {}
vim.lsp.config = function(name, config) captured.name = name; captured.config = config end
vim.lsp.enable = function(name) captured.enabled = name end
vim.filetype.add = function(spec) captured.filetype = spec end
local ok, err = pcall(dofile, ${JSON.stringify(join(root, 'editors/neovim/cors_lint_0_11.lua'))})
if not ok then captured.error = tostring(err) end
local f = io.open(${JSON.stringify(out)}, 'w'); f:write(vim.fn.json_encode(captured)); f:close()
vim.cmd('qall!')
`);
    const env = { PATH: process.env.PATH, HOME: tmp, XDG_CONFIG_HOME: tmp, XDG_DATA_HOME: tmp, XDG_STATE_HOME: tmp, XDG_CACHE_HOME: tmp, NVIM_LOG_FILE: join(tmp, 'nvim.log') };
    const run = await runBounded(nvim, ['--headless', '--clean', '-u', 'NONE', '-c', `luafile ${script}`], { cwd: tmp, env, timeoutMs: 30_000 });
    assert.ok(existsSync(out), `no result: ${run.stderr}`);
    const c = JSON.parse(readFileSync(out, 'utf8'));
    assert.equal(c.error, undefined);
    assert.equal(c.name, 'cors_lint');
    assert.equal(c.enabled, 'cors_lint');
    assert.deepEqual(c.config.cmd, ['cors-language-server', '--stdio']);
    const tested = readFileSync(CONFIG, 'utf8');
    const filetypes = /local filetypes = \{([^}]*)\}/.exec(tested)[1].match(/'[^']+'/g).map((s) => s.slice(1, -1));
    assert.deepEqual(c.config.filetypes, filetypes, 'the same filetypes as the tested 0.7 config');
    for (const key of ['init_options', 'settings']) assert.deepEqual(c.config[key], { corsLint: { trustedOrigins: [TRUSTED] } }, key);
    assert.equal(c.filetype.filename['web.config'], 'xml');
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});
