// Real browser, real servers: for each rule whose claim is about what the browser (or an attacker) does,
// every invalid example of the rule in a format that runs here is served by the real server (Apache, nginx,
// php -S, Express, Flask) and fetched by headless Chromium from another origin; the outcome must be the one
// the rule claims. Then the quick fix is taken from the language server over stdio (trustedOrigins = the
// legitimate page's origin), applied, the server restarted with the fixed file, and the legitimate request
// must succeed while the attacker's no longer does. See test/browser/README.md.
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  ATTACKER_HOST,
  BIN,
  DEFAULT_PAGE_HOST,
  HOST_RESOLVER_RULES,
  RESOURCE,
  formatOf,
  localizeOrigins,
  missingTools,
  rawRequest,
  root,
  startPageServer,
  startServer,
  stopAll,
} from './harness.mjs';
import { LspClient, applyLspEdits } from '../lsp/client.mjs';
import { CHROMIUM_FLAGS } from '../chromium-flags.mjs';
import { requireTool } from '../missing-tool.mjs';

const { ruleById } = await import(pathToFileURL(join(root, 'dist/lib/rules/registry.js')).href);

const TEST_TIMEOUT = 90_000;
const FETCH_TIMEOUT = 8_000;
const COOKIE_API_HOST = 'api.example.net';
const tools = missingTools();

// ---- the cases: one small file per rule --------------------------------------------------------------
const casesDir = join(root, 'test/browser/cases');
const cases = [];
for (const f of readdirSync(casesDir).filter((n) => n.endsWith('.mjs')).sort()) {
  cases.push({ file: f, ...(await import(pathToFileURL(join(casesDir, f)).href)).default });
}

/** The settings for one example: the case's defaults, overridden by `examples['path#n']` or `examples[path]`. */
function settingsFor(c, path, n) {
  const o = c.examples?.[`${path}#${n}`] ?? c.examples?.[path] ?? {};
  return {
    skip: o.skip,
    pageHost: o.pageHost ?? c.pageHost ?? DEFAULT_PAGE_HOST,
    request: { method: 'GET', credentials: 'omit', path: RESOURCE, headers: {}, ...c.request, ...o.request },
    attackerFrom: o.attackerFrom ?? c.attackerFrom ?? 'page',
    before: { ...c.before, ...o.before },
    after: { ...c.after, ...o.after },
    fixTitle: o.fixTitle ?? c.fixTitle,
    noFix: o.noFix,
    todo: o.todo,
  };
}

// ---- browser and origins -------------------------------------------------------------------------------
let browser;
let portB;
let portC;
let browserHome;

before(async () => {
  portB = await startPageServer('origin B (legitimate)');
  portC = await startPageServer('origin C (attacker)');
  if (tools.browser) return;
  const { chromium } = await import('playwright-core');
  browserHome = mkdtempSync(join(tmpdir(), 'cors-lint-chromium-home-'));
  browser = await chromium.launch({
    executablePath: BIN.chromium,
    timeout: 30_000,
    env: { ...process.env, HOME: browserHome, XDG_CONFIG_HOME: join(browserHome, '.config'), XDG_CACHE_HOME: join(browserHome, '.cache') },
    args: [...CHROMIUM_FLAGS, `--host-resolver-rules=${HOST_RESOLVER_RULES}`],
  });
});

after(async () => {
  await browser?.close().catch(() => {});
  await stopAll();
  if (browserHome) rmSync(browserHome, { recursive: true, force: true });
});

const legitOrigin = (s) => `http://${s.pageHost}:${portB}`;
const attackerOrigin = () => `http://${ATTACKER_HOST}:${portC}`;

/**
 * Open `pageOrigin`'s page in a fresh browser context and run fetch(url, request) there — directly, or from
 * a sandboxed iframe (opaque origin, `Origin: null`). Returns { outcome: 'readable' | 'blocked' | 'timeout',
 * status, body, origin (the fetching document's), error, corsErrors (Chromium's reasons, via CDP) }.
 */
async function browserFetch(pageOrigin, url, request, { sandboxed = false } = {}) {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(FETCH_TIMEOUT + 5000);
    const corsErrors = [];
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    cdp.on('Network.loadingFailed', (e) => {
      if (e.corsErrorStatus) corsErrors.push(e.corsErrorStatus.corsError + (e.corsErrorStatus.failedParameter ? ` (${e.corsErrorStatus.failedParameter})` : ''));
    });
    const consoleLines = [];
    page.on('console', (m) => consoleLines.push(m.text()));
    // `cookie`: the victim's browser holds a session cookie for the API, as a logged-in user's would. The API
    // is then fetched as http://api.example.net:<port> (resolved to 127.0.0.1). Chromium's test contexts block
    // third-party cookies, so the cookie is sent to same-site pages only: the attacker's page
    // (evil.example.net, a sibling subdomain) sends it, the legitimate page (app.example.com) does not.
    if (request.cookie) {
      url = url.replace('//127.0.0.1:', `//${COOKIE_API_HOST}:`);
      await context.addCookies([{ name: 'session', value: 'victim', domain: COOKIE_API_HOST, path: '/', sameSite: 'Lax' }]);
    }
    await page.goto(`${pageOrigin}/`, { timeout: 10_000 });
    const init = { method: request.method, credentials: request.credentials, headers: request.headers, cache: 'no-store' };
    if (request.body !== undefined && !['GET', 'HEAD'].includes(request.method)) init.body = request.body;
    const result = await page.evaluate(
      async ({ url, init, sandboxed, timeoutMs }) => {
        const run = async (url, init, timeoutMs) => {
          try {
            const r = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
            return { outcome: 'readable', status: r.status, body: (await r.text()).slice(0, 200), origin: self.origin };
          } catch (e) {
            return { outcome: e.name === 'TimeoutError' ? 'timeout' : 'blocked', error: String(e), origin: self.origin };
          }
        };
        if (!sandboxed) return run(url, init, timeoutMs);
        return new Promise((resolve) => {
          const frame = document.createElement('iframe');
          frame.setAttribute('sandbox', 'allow-scripts');
          addEventListener('message', (e) => e.source === frame.contentWindow && resolve(e.data));
          setTimeout(() => resolve({ outcome: 'timeout', error: 'no answer from the sandboxed iframe' }), timeoutMs + 2000);
          frame.srcdoc = `<script>(${run})(${JSON.stringify(url)}, ${JSON.stringify(init)}, ${timeoutMs}).then((r) => parent.postMessage(r, '*'));<\/script>`;
          document.body.append(frame);
        });
      },
      { url, init, sandboxed, timeoutMs: FETCH_TIMEOUT },
    );
    // Chromium reports the CORS reason (Network.loadingFailed) around the time fetch() rejects: allow it a
    // moment to arrive.
    for (let i = 0; i < 20 && result.outcome === 'blocked' && corsErrors.length === 0 && !sandboxed; i++) await new Promise((r) => setTimeout(r, 50));
    return { ...result, corsErrors, console: consoleLines };
  } finally {
    await context.close().catch(() => {});
  }
}

// ---- what the server really sent ---------------------------------------------------------------------
const SAFE_METHODS = ['GET', 'HEAD', 'POST'];
function preflighted(request) {
  if (!SAFE_METHODS.includes(request.method)) return true;
  for (const [k, v] of Object.entries(request.headers ?? {})) {
    const name = k.toLowerCase();
    if (['accept', 'accept-language', 'content-language'].includes(name)) continue;
    if (name === 'content-type' && /^(application\/x-www-form-urlencoded|multipart\/form-data|text\/plain)\b/i.test(v)) continue;
    return true;
  }
  return false;
}

/** The exchange as raw header lines: the preflight (when the browser would send one) and the request. */
async function rawExchange(serverUrl, request, origin) {
  const out = [];
  const url = serverUrl + request.path;
  if (preflighted(request)) {
    const names = Object.keys(request.headers ?? {}).map((h) => h.toLowerCase()).sort();
    const headers = { Origin: origin, 'Access-Control-Request-Method': request.method };
    if (names.length) headers['Access-Control-Request-Headers'] = names.join(',');
    const r = await rawRequest(url, { method: 'OPTIONS', headers });
    out.push(`OPTIONS ${request.path} (Origin: ${origin}) -> ${r.status}\n    ${r.headers.join('\n    ')}`);
  }
  const cookie = request.cookie ? { Cookie: 'session=victim' } : {};
  const r = await rawRequest(url, { method: request.method, headers: { Origin: origin, ...cookie, ...request.headers } });
  out.push(`${request.method} ${request.path} (Origin: ${origin}) -> ${r.status}\n    ${r.headers.join('\n    ')}`);
  return out.join('\n  ');
}

// ---- the quick fix, through the real language server -------------------------------------------------
const LANGUAGE = { apache: 'apacheconf', nginx: 'nginx', caddy: 'caddyfile', php: 'php', express: 'javascript', flask: 'python', django: 'python', starlette: 'python', iis: 'xml', koa: 'javascript', hono: 'javascript', hapi: 'javascript', nest: 'javascript', rack: 'ruby', sinatra: 'ruby', go: 'go', gin: 'go', gorilla: 'go' };

/**
 * Open `text` as `path` in the language server (dist/server/main.js --stdio) with the given trusted origins,
 * and apply the rule's quick fix (the one matching fixTitle, else the preferred one, else the first) until
 * the rule no longer reports (at most 4 rounds). Returns { text, applied (titles), before (the rule's
 * diagnostics on the original), remaining }.
 */
async function quickFix(path, text, ruleId, trusted, fixTitle) {
  const ws = mkdtempSync(join(tmpdir(), 'cors-lint-browser-ws-'));
  const uri = pathToFileURL(join(ws, path)).href;
  const c = new LspClient({ settings: { trustedOrigins: trusted } });
  try {
    await c.initialize();
    c.notify('textDocument/didOpen', { textDocument: { uri, languageId: LANGUAGE[formatOf(path)], version: 1, text } });
    let diags = (await c.diagnosticsFor(uri, 0, 1)).filter((d) => d.code === ruleId);
    const first = diags;
    let current = text;
    let version = 1;
    const applied = [];
    for (let round = 0; round < 4 && diags.length > 0; round++) {
      const d = diags[0];
      const actions = await c.request('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d], only: ['quickfix'] } });
      const fixes = (actions ?? []).filter((a) => a.edit && !/^(Disable |Show documentation)/.test(a.title));
      const pick = (fixTitle && fixes.find((a) => fixTitle.test(a.title))) ?? fixes.find((a) => a.isPreferred) ?? fixes[0];
      if (!pick) {
        if (applied.length === 0) return { text, applied, before: first, remaining: diags, none: (actions ?? []).map((a) => a.title) };
        throw new Error(`no further quick fix for ${ruleId}; actions: ${(actions ?? []).map((a) => a.title).join(' | ')}`);
      }
      const edits = pick.edit.changes?.[uri] ?? pick.edit.documentChanges?.find((x) => x.textDocument?.uri === uri)?.edits ?? [];
      current = applyLspEdits(current, edits);
      applied.push(pick.title);
      const since = c.notifications.length;
      version++;
      c.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text: current }] });
      diags = (await c.diagnosticsFor(uri, since, version)).filter((d2) => d2.code === ruleId);
    }
    return { text: current, applied, before: first, remaining: diags };
  } finally {
    await c.stop();
    rmSync(ws, { recursive: true, force: true });
  }
}

// ---- assertions -------------------------------------------------------------------------------------------
function describeResult(r) {
  const bits = [r.outcome];
  if (r.status !== undefined) bits.push(`status ${r.status}`);
  if (r.origin) bits.push(`document origin ${r.origin}`);
  if (r.corsErrors?.length) bits.push(`Chromium: ${r.corsErrors.join(', ')}`);
  if (r.error) bits.push(r.error);
  if (r.body) bits.push(`body ${JSON.stringify(r.body.slice(0, 80))}`);
  return bits.join('; ');
}

function expectOutcome(who, expected, r, { corsError, status } = {}) {
  const msg = `${who}: expected ${expected}, got ${describeResult(r)}`;
  if (expected === 'readable') {
    assert.equal(r.outcome, 'readable', msg);
    if (status !== undefined) assert.equal(r.status, status, msg);
    else {
      assert.ok(r.status >= 200 && r.status < 300, msg);
      assert.match(r.body, /account 4711/, `${msg} (the response body is readable)`);
    }
  } else {
    assert.equal(r.outcome, 'blocked', msg);
    if (corsError) assert.ok(r.corsErrors.some((e) => e.startsWith(corsError)), `${msg} (expected Chromium's reason ${corsError})`);
  }
}

/** Fetch as the legitimate page and/or the attacker, as the expectations ask, and check each. */
async function checkOutcomes(t, label, server, settings, expect) {
  const s = { ...settings, request: { ...settings.request, ...expect.request } };
  const url = server.url + s.request.path;
  const sandboxed = s.attackerFrom === 'sandboxed-iframe';
  const parties = [];
  if (expect.legit) parties.push(['legitimate', legitOrigin(s), false, expect.legit]);
  if (expect.attacker) parties.push(['attacker', attackerOrigin(), sandboxed, expect.attacker]);
  const failures = [];
  for (const [who, pageOrigin, sb, expected] of parties) {
    const r = await browserFetch(pageOrigin, url, s.request, { sandboxed: sb });
    const sentOrigin = sb ? 'null' : pageOrigin;
    t.diagnostic(`${label} · ${who} page ${pageOrigin}${sb ? ' (sandboxed iframe)' : ''}: ${describeResult(r)}`);
    t.diagnostic(`${label} · server sent:\n  ${await rawExchange(server.url, s.request, sentOrigin)}`);
    if (sb) assert.equal(r.origin, 'null', 'the sandboxed iframe has an opaque origin');
    try {
      expectOutcome(`${label}, ${who}`, expected, r, { corsError: expected === 'blocked' && who === 'legitimate' ? expect.corsError : undefined, status: expect.status });
    } catch (e) {
      failures.push(e);
    }
  }
  if (failures.length) throw failures[0];
}

// ---- the tests -----------------------------------------------------------------------------------------
describe('harness: every server kind serves the resource', () => {
  const kinds = {
    apache: ['.htaccess', 'Header always set X-Harness "1"\n'],
    nginx: ['nginx.conf', 'server {\n  location / {\n    add_header X-Harness 1 always;\n  }\n}\n'],
    php: ['api.php', "<?php\nheader('X-Harness: 1');\n"],
    express: ['server.js', "app.use((req, res, next) => { res.set('X-Harness', '1'); next(); });\n"],
    flask: ['app.py', "@app.after_request\ndef harness(r):\n    r.headers['X-Harness'] = '1'\n    return r\n"],
    django: ['settings.py', "MIDDLEWARE = ['harness_mw.XHarness', 'corsheaders.middleware.CorsMiddleware']\n"],
    starlette: ['main.py', "@app.middleware('http')\nasync def harness(request, call_next):\n    r = await call_next(request)\n    r.headers['X-Harness'] = '1'\n    return r\n"],
    koa: ['koa-server.js', "app.use(async (ctx, next) => { ctx.set('X-Harness', '1'); await next(); });\n"],
    hono: ['hono-app.js', "app.use(async (c, next) => { await next(); c.header('X-Harness', '1'); });\n"],
    nest: ['nest-main.js', "app.use((req, res, next) => { res.set('X-Harness', '1'); next(); });\n"],
    fastify: ['fastify-app.js', "fastify.addHook('onRequest', async (request, reply) => { reply.header('X-Harness', '1'); });\n"],
    hapi: ['hapi-server.js', "server.ext('onPreResponse', (request, h) => { if (!request.response.isBoom) request.response.header('X-Harness', '1'); return h.continue; });\n"],
    rack: ['config.ru', "class XHarness\n  def initialize(app) = @app = app\n  def call(env)\n    s, h, b = @app.call(env)\n    [s, h.merge('X-Harness' => '1'), b]\n  end\nend\nuse XHarness\n"],
    sinatra: ['sinatra-app.rb', "require 'sinatra'\n\nafter do\n  headers 'X-Harness' => '1'\nend\n"],
    go: ['go-server.go', 'package main\n\nimport "net/http"\n\nfunc handler(next http.Handler) http.Handler {\n\treturn http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {\n\t\tw.Header().Set("X-Harness", "1")\n\t\tnext.ServeHTTP(w, r)\n\t})\n}\n'],
    gin: ['gin-server.go', 'package main\n\nimport "github.com/gin-gonic/gin"\n\nfunc setup(r *gin.Engine) {\n\tr.Use(func(c *gin.Context) { c.Header("X-Harness", "1") })\n}\n'],
    fetch: ['fetch-edge.js', "async function handler(request) {\n  return new Response(BODY, { headers: { 'Content-Type': 'application/json', 'X-Harness': '1' } });\n}\n"],
  };
  for (const [kind, [path, code]] of Object.entries(kinds)) {
    it(kind, { timeout: 30_000 }, async (t) => {
      if (requireTool(t, `browser/${kind}`, tools[kind])) return;
      const server = await startServer(path, code);
      try {
        for (const method of ['GET', 'POST', 'PATCH']) {
          const r = await rawRequest(server.url + RESOURCE, { method });
          assert.equal(r.status, 200, `${method}: ${r.status} ${r.body}\n${server.log()}`);
          assert.match(r.body, /account 4711/);
          assert.ok(r.headers.includes('X-Harness: 1') || r.headers.some((h) => /^x-harness: 1$/i.test(h)), r.headers.join('\n'));
        }
        assert.equal((await rawRequest(server.url + '/api/missing')).status, 404);
      } finally {
        await server.stop();
      }
    });
  }
});

describe('origin substitution', () => {
  it('keeps the host text and what follows, changes scheme and port', () => {
    assert.equal(localizeOrigins('"https://App.example.com/" https://a.example.com, https://b.example.com', 81), '"http://App.example.com:81/" http://a.example.com:81, http://b.example.com:81');
    assert.equal(localizeOrigins('https://app.example.com:8443 https://app.example.org https://trusted-origin.example', 81), 'https://app.example.com:8443 https://app.example.org https://trusted-origin.example');
  });
});

for (const c of cases) {
  describe(c.rule, () => {
    it('names a rule that exists and has examples that run here', () => {
      const rule = ruleById(c.rule);
      assert.ok(rule, `${c.file}: no rule ${c.rule}`);
      assert.ok(rule.examples.invalid.some((ex) => formatOf(ex.path) && formatOf(ex.path) !== 'iis'), `${c.rule}: no invalid example in a format the browser test can serve`);
    });
    const rule = ruleById(c.rule);
    if (!rule) return;
    const seen = {};
    // The rule's own invalid examples, then the case's extra ones (formats the rule's examples lack).
    const examples = [...rule.examples.invalid.map((ex) => ({ ex, extra: false })), ...(c.extraExamples ?? []).map((ex) => ({ ex, extra: true }))];
    for (const { ex, extra } of examples) {
      const n = (seen[ex.path] = (seen[ex.path] ?? -1) + 1);
      const format = formatOf(ex.path);
      const s = settingsFor(c, ex.path, n);
      const name = `${extra ? 'extra example ' : ''}${ex.path}#${n} (${format ?? 'unknown format'})`;
      it(name, { timeout: TEST_TIMEOUT, todo: s.todo }, async (t) => {
        // IIS is the one server that cannot run on Linux: its examples are checked against Microsoft's docs.
        if (format === 'iis') return t.skip(tools.iis);
        if (s.skip) return t.skip(s.skip);
        assert.ok(format, `no server runs ${ex.path}: add its format to the harness`);
        if (requireTool(t, `browser/${format}`, tools[format])) return;
        if (requireTool(t, 'browser', tools.browser)) return;

        // 1. The invalid example, origins substituted (see harness.mjs), on the real server.
        const code = localizeOrigins(ex.code, portB);
        t.diagnostic(`config as served:\n${code}`);
        const server = await startServer(ex.path, code);
        try {
          await checkOutcomes(t, 'before the fix', server, s, s.before);
        } catch (e) {
          e.message += `\nserver log:\n${server.log()}`;
          throw e;
        } finally {
          await server.stop();
        }

        // 2. The quick fix from the language server, trusted origins = the legitimate page's origin.
        const fix = await quickFix(ex.path, code, c.rule, [legitOrigin(s)], s.fixTitle);
        assert.ok(fix.before.length > 0, `the language server reports ${c.rule} on the example as served (origins substituted):\n${code}`);
        if (fix.none) {
          // A known gap is declared in the case (`noFix`); an undeclared one fails.
          if (s.noFix) return t.todo(`no quick fix offered (${fix.none.join(' | ')}): ${s.noFix}`);
          assert.fail(`the language server offers no quick fix for ${c.rule}; actions: ${fix.none.join(' | ')}`);
        }
        t.diagnostic(`quick fix applied: ${fix.applied.join(' → ')}\nfixed file:\n${fix.text}`);
        assert.deepEqual(fix.remaining.map((d) => d.message), [], 'the rule no longer reports after the fix');

        // 3. The fixed file on a fresh server: the legitimate page reads, the attacker does not.
        const fixed = await startServer(ex.path, fix.text);
        try {
          await checkOutcomes(t, 'after the fix', fixed, s, s.after);
        } catch (e) {
          e.message += `\nserver log:\n${fixed.log()}`;
          throw e;
        } finally {
          await fixed.stop();
        }
      });
    }
  });
}
