// Real servers for the browser tests: one per format (Apache, nginx, php -S, Express, Flask, Django,
// FastAPI/Starlette), each started
// on 127.0.0.1 with a free port and a config that holds a rule example, plus the static pages that give the
// browser its origins. Every process started here is tracked and killed in stopAll() (also after failures);
// every wait is bounded.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { JS_FRAMEWORK_MODULES, jsFrameworkOf, jsFrameworkProgram } from './jsServers.mjs';
import { pythonServerFiles } from './pyServers.mjs';
import { rubyFormatOf, rubyServerFiles } from './rbServers.mjs';
import { buildGoServer, goFrameworkOf, goMissing } from './goServers.mjs';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The JSON resource every server answers on, for every method. */
export const RESOURCE = '/api/data';

export const BIN = {
  chromium: '/usr/bin/chromium',
  nginx: '/usr/sbin/nginx',
  apache: '/usr/sbin/apache2',
  php: '/usr/bin/php',
  python: '/usr/bin/python3',
  caddy: '/usr/bin/caddy',
  ruby: '/usr/bin/ruby',
};
const APACHE_MODULES = '/usr/lib/apache2/modules';

// ---------------------------------------------------------------------------------------------------------
// Origins. Rule examples name origins like https://app.example.com. The browser cannot be served from that
// origin here, so the harness rewrites every `https://<name>.example.com` in an example to
// `http://<name>.example.com:<PORT_B>` — the host text is kept byte for byte (letter case included, so a
// defect such as `https://App.example.com` stays a defect), only the scheme (the page server speaks plain
// HTTP) and the port (the page server's) change; anything after the origin (a path, a trailing slash, a
// second origin in a list) is kept too. Chromium resolves *.example.com and *.example.net to 127.0.0.1
// (--host-resolver-rules), so the page at http://app.example.com:<PORT_B>/ is served by our page server.
// The legitimate page is http://<pageHost>:<PORT_B> (pageHost defaults to app.example.com); the attacker's
// page is http://evil.example.net:<PORT_C>. corsLint.trustedOrigins for the quick fix is [legitimate origin].
// Origins that already carry a port (`https://app.example.com:8443`) are left alone.
// ---------------------------------------------------------------------------------------------------------
export const DEFAULT_PAGE_HOST = 'app.example.com';
export const ATTACKER_HOST = 'evil.example.net';
export const HOST_RESOLVER_RULES = 'MAP *.example.com 127.0.0.1, MAP *.example.net 127.0.0.1';

export function localizeOrigins(text, portB) {
  return text.replace(/https:\/\/([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.example\.com)(?![A-Za-z0-9.:-])/gi, (_m, host) => `http://${host}:${portB}`);
}

// ---------------------------------------------------------------------------------------------------------
// Processes
// ---------------------------------------------------------------------------------------------------------
const live = new Set();

/** Start a process in its own process group (so that nginx/apache children die with it). */
function startProcess(cmd, args, opts = {}) {
  const proc = spawn(cmd, args, { ...opts, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const rec = { proc, out: '', exited: false, exitCode: null };
  proc.stdout.on('data', (d) => (rec.out = (rec.out + d).slice(-20000)));
  proc.stderr.on('data', (d) => (rec.out = (rec.out + d).slice(-20000)));
  rec.exit = new Promise((r) =>
    proc.on('exit', (code, signal) => {
      rec.exited = true;
      rec.exitCode = code ?? signal;
      live.delete(rec);
      r();
    }),
  );
  proc.on('error', (e) => {
    rec.out += `\nspawn error: ${e.message}`;
    rec.exited = true;
    live.delete(rec);
  });
  live.add(rec);
  return rec;
}

async function killProcess(rec) {
  if (rec.exited || !rec.proc.pid) return;
  const signalGroup = (sig) => {
    try {
      process.kill(-rec.proc.pid, sig);
    } catch {
      /* already gone */
    }
  };
  // Test servers need no graceful shutdown; a short grace period, then SIGKILL (Apache -X otherwise waits
  // for the browser's keep-alive connections to time out).
  signalGroup('SIGTERM');
  const t = setTimeout(() => signalGroup('SIGKILL'), 300);
  await Promise.race([rec.exit, new Promise((r) => setTimeout(r, 3000))]);
  clearTimeout(t);
  signalGroup('SIGKILL'); // the group's stragglers (nginx workers) if the leader went first
}

/** Kill every process this module started and close every page server. */
export async function stopAll() {
  await Promise.all([...live].map(killProcess));
  await Promise.all([...pageServers].map((s) => new Promise((r) => s.close(() => r()))));
  pageServers.clear();
}
process.on('exit', () => {
  for (const rec of live) {
    try {
      process.kill(-rec.proc.pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
});

export function freePort() {
  return new Promise((resolvePort, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolvePort(port));
    });
  });
}

function canConnect(port) {
  return new Promise((r) => {
    const sock = net.connect({ port, host: '127.0.0.1' });
    const done = (ok) => {
      sock.destroy();
      r(ok);
    };
    sock.setTimeout(500, () => done(false));
    sock.once('connect', () => done(true));
    sock.once('error', () => done(false));
  });
}

/** Poll until the port accepts connections: at most `attempts` tries, 100 ms apart. */
async function waitForPort(port, rec, what, attempts = 80) {
  for (let i = 0; i < attempts; i++) {
    if (rec.exited) throw new Error(`${what} exited (${rec.exitCode}) before listening:\n${rec.out}`);
    if (await canConnect(port)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} did not listen on ${port} after ${attempts} attempts:\n${rec.out}`);
}

function tempDir(prefix) {
  const d = mkdtempSync(join(tmpdir(), `cors-lint-browser-${prefix}-`));
  chmodSync(d, 0o755); // nginx workers and Apache drop root privileges and must read the document root
  return d;
}

function jsonBody(server) {
  return JSON.stringify({ ok: true, server, secret: 'account 4711' }) + '\n';
}

// ---------------------------------------------------------------------------------------------------------
// Tools present?
// ---------------------------------------------------------------------------------------------------------
let toolCache;
/** For each format: null when it can run here, else why not. */
export function missingTools() {
  if (toolCache) return toolCache;
  const has = (p) => existsSync(p);
  const python = () => {
    if (!has(BIN.python)) return `${BIN.python} not installed`;
    const r = spawnSync(BIN.python, ['-c', 'import flask, flask_cors'], { timeout: 10000 });
    return r.status === 0 ? null : 'python3-flask / python3-flask-cors not installed';
  };
  const pyModules = (mods, pkgs) => {
    if (!has(BIN.python)) return `${BIN.python} not installed`;
    const r = spawnSync(BIN.python, ['-c', `import ${mods}`], { timeout: 10000 });
    return r.status === 0 ? null : `${pkgs} not installed`;
  };
  const rubyLibs = (lib, pkgs) => {
    if (!has(BIN.ruby)) return `${BIN.ruby} not installed`;
    const r = spawnSync(BIN.ruby, ['-e', `require 'rack'; require 'webrick'; require 'rack/handler/webrick'; require '${lib}'`], { timeout: 10000 });
    return r.status === 0 ? null : `${pkgs} not installed`;
  };
  const nodeModule = (m) => (existsSync(join(root, 'node_modules', m, 'package.json')) ? null : `npm package ${m} not installed`);
  toolCache = {
    browser: has(BIN.chromium) ? nodeModule('playwright-core') : `${BIN.chromium} not installed`,
    apache: has(BIN.apache) && has(join(APACHE_MODULES, 'mod_headers.so')) ? null : 'apache2 not installed',
    nginx: has(BIN.nginx) ? null : 'nginx not installed',
    caddy: has(BIN.caddy) ? null : 'caddy not installed',
    php: has(BIN.php) ? null : 'php-cli not installed',
    express: nodeModule('express') ?? nodeModule('cors'),
    flask: python(),
    django: pyModules('django, corsheaders', 'python3-django / python3-django-cors-headers'),
    starlette: pyModules('starlette, fastapi, uvicorn', 'python3-starlette / python3-fastapi / python3-uvicorn'),
    iis: 'IIS cannot run on this machine',
    rack: rubyLibs('rack/cors', 'ruby / ruby-rack / ruby-rack-cors / ruby-webrick'),
    sinatra: rubyLibs('sinatra/base', 'ruby / ruby-rack / ruby-sinatra / ruby-webrick'),
    ...goMissing(),
  };
  for (const [f, mods] of Object.entries(JS_FRAMEWORK_MODULES)) toolCache[f] = mods.map(nodeModule).find((x) => x) ?? null;
  return toolCache;
}

/** The server kind that runs an example's file, or undefined. */
export function formatOf(path) {
  const name = path.split('/').pop();
  if (name === '.htaccess' || /^(httpd|apache2)\.conf$/.test(name) || /apache/.test(path)) return 'apache';
  if (name === 'nginx.conf' || name.endsWith('.nginx') || /nginx\//.test(path)) return 'nginx';
  if (name === 'Caddyfile' || name.endsWith('.caddyfile')) return 'caddy';
  if (name.endsWith('.php')) return 'php';
  if (rubyFormatOf(path)) return rubyFormatOf(path);
  if (goFrameworkOf(name)) return goFrameworkOf(name);
  if (jsFrameworkOf(name)) return jsFrameworkOf(name);
  if (/\.(c|m)?js$/.test(name)) return 'express';
  // Python: a Django settings module or middleware module, a FastAPI/Starlette app (main.py, asgi.py), else Flask.
  if (name === 'settings.py' || name === 'middleware.py' || /(^|\/)settings\/[^/]+\.py$/.test(path)) return 'django';
  if (name === 'main.py' || name === 'asgi.py') return 'starlette';
  if (name.endsWith('.py')) return 'flask';
  if (name === 'web.config') return 'iis';
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------
// The servers
// ---------------------------------------------------------------------------------------------------------

/**
 * Start a real server for `path` (the example's file name, which selects the format) with `code` as its
 * configuration / application. Resolves to { url, port, format, stop(), log() }.
 */
export async function startServer(path, code) {
  const format = formatOf(path);
  const starters = { apache: startApache, nginx: startNginx, caddy: startCaddy, php: startPhp, express: startExpress, flask: startPython, django: startPython, starlette: startPython,
    rack: startRuby, sinatra: startRuby, go: startGo, gin: startGo, gorilla: startGo,
    ...Object.fromEntries(Object.keys(JS_FRAMEWORK_MODULES).map((f) => [f, startJs])) };
  if (!starters[format]) throw new Error(`no server for ${path}`);
  const port = await freePort();
  const dir = tempDir(format);
  let rec;
  try {
    rec = starters[format](dir, port, path, code);
    await waitForPort(port, rec, format);
  } catch (e) {
    if (rec) await killProcess(rec);
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  return {
    format,
    port,
    url: `http://127.0.0.1:${port}`,
    dir,
    log: () => rec.out + readLogs(dir),
    async stop() {
      await killProcess(rec);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function readLogs(dir) {
  let s = '';
  for (const f of ['error.log']) if (existsSync(join(dir, f))) s += readFileSync(join(dir, f), 'utf8');
  return s;
}

// Apache: its own minimal main config in a temp dir, `-X` (one process, foreground). The example goes in as
// `.htaccess` in the document root (AllowOverride All), or is included in the main config when it is an
// httpd.conf-style file. /api/data is a tiny CGI script, so the resource answers every method the way an
// application would (OPTIONS is answered by Apache's core, as for any CGI).
function startApache(dir, port, path, code) {
  const docroot = join(dir, 'htdocs');
  mkdirSync(join(docroot, 'api'), { recursive: true });
  chmodSync(docroot, 0o755);
  chmodSync(join(docroot, 'api'), 0o755);
  const script = join(docroot, 'api', 'data');
  writeFileSync(script, `#!/bin/sh\nprintf 'Content-Type: application/json\\r\\n\\r\\n'\nprintf '%s' '${jsonBody('apache').trim()}'\n`);
  chmodSync(script, 0o755);
  const isHtaccess = path.split('/').pop() === '.htaccess';
  if (isHtaccess) writeFileSync(join(docroot, '.htaccess'), code);
  else writeFileSync(join(dir, 'example.conf'), code);
  const mods = ['mpm_prefork', 'authz_core', 'authz_host', 'headers', 'rewrite', 'setenvif', 'mime', 'dir', 'alias', 'env', 'cgi', 'unixd'];
  const load = mods
    .filter((m) => existsSync(join(APACHE_MODULES, `mod_${m}.so`)))
    .map((m) => `LoadModule ${m}_module ${APACHE_MODULES}/mod_${m}.so`)
    .join('\n');
  const conf = `ServerRoot "${dir}"
PidFile "${dir}/httpd.pid"
DefaultRuntimeDir "${dir}"
Mutex file:${dir} default
ErrorLog "${dir}/error.log"
LogLevel warn
Listen 127.0.0.1:${port}
ServerName 127.0.0.1
${load}
User www-data
Group www-data
${existsSync('/etc/mime.types') ? 'TypesConfig /etc/mime.types' : ''}
DocumentRoot "${docroot}"
<Directory />
  AllowOverride None
  Require all denied
</Directory>
<Directory "${docroot}">
  AllowOverride All
  Options FollowSymLinks
  Require all granted
</Directory>
<Directory "${docroot}/api">
  Options +ExecCGI
  SetHandler cgi-script
</Directory>
${isHtaccess ? '' : `Include "${dir}/example.conf"`}
`;
  writeFileSync(join(dir, 'httpd.conf'), conf);
  return startProcess(BIN.apache, ['-X', '-f', join(dir, 'httpd.conf')], { cwd: dir, env: { ...process.env, APACHE_RUN_DIR: dir, APACHE_LOCK_DIR: dir, APACHE_LOG_DIR: dir } });
}

// nginx: `events {}` and an `http {}` around the example's `server {}` blocks (an example without one is
// wrapped in one). Each server block gets `listen 127.0.0.1:PORT;` and the document root injected; the
// example's own `listen` lines are commented out. `error_page 405 =200 $uri;` at http level makes the static
// resource answer every method (POST, PUT, PATCH, OPTIONS) with the JSON, as an application behind nginx
// would; an example's own `return` or `error_page` still wins.
function startNginx(dir, port, _path, code) {
  const docroot = join(dir, 'htdocs');
  mkdirSync(join(docroot, 'api'), { recursive: true });
  chmodSync(docroot, 0o755);
  chmodSync(join(docroot, 'api'), 0o755);
  writeFileSync(join(docroot, 'api', 'data'), jsonBody('nginx'));
  let body = code.replace(/^(\s*)(listen\s[^;]*;)/gm, '$1# $2');
  if (!/(^|[\s;}])server\s*\{/.test(body)) body = `server {\n${body}\n}\n`;
  body = body.replace(/(^|[\s;}])server\s*\{/g, `$1server {\n    listen 127.0.0.1:${port};\n    root ${docroot};\n`);
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `  ${t}_temp_path ${dir}/${t};`).join('\n');
  const conf = `pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
worker_processes 1;
events { worker_connections 64; }
http {
  access_log off;
${temp}
  default_type application/json;
  error_page 405 =200 $uri;
${body}
}
`;
  writeFileSync(join(dir, 'nginx.conf'), conf);
  return startProcess(BIN.nginx, ['-p', dir, '-c', join(dir, 'nginx.conf'), '-e', join(dir, 'error.log'), '-g', 'daemon off;'], { cwd: dir });
}

// Caddy (Debian's caddy 2.6.2): global options turn off the admin API and automatic HTTPS and keep its storage
// in the temp dir; the example's one site block gets the address http://127.0.0.1:PORT and a `respond` for
// /api/data (every method, OPTIONS included, answered 200 with the JSON; the example's `header` directives
// run before it, as Caddy orders directives).
function startCaddy(dir, port, _path, code) {
  const body = code.replace(/^[^\s#({@][^\n{]*\{[ \t]*$/m, `http://127.0.0.1:${port} {\n\trespond ${RESOURCE} \`${jsonBody('caddy').trim()}\` 200`);
  const conf = `{\n\tadmin off\n\tauto_https off\n\tstorage file_system ${dir}/data\n}\n${body}\n`;
  writeFileSync(join(dir, 'Caddyfile'), conf);
  const env = { ...process.env, HOME: dir, XDG_DATA_HOME: dir, XDG_CONFIG_HOME: dir };
  return startProcess(BIN.caddy, ['run', '--config', join(dir, 'Caddyfile'), '--adapter', 'caddyfile'], { cwd: dir, env });
}

// php -S: the example is api.php; a router sends /api/data (any method) to it and lets everything else 404.
// After the example's own code, the script prints the JSON.
function startPhp(dir, port, _path, code) {
  const docroot = join(dir, 'htdocs');
  mkdirSync(docroot, { recursive: true });
  const inPhp = code.lastIndexOf('?>') < code.lastIndexOf('<?php');
  const tail = `echo ${JSON.stringify(jsonBody('php'))};\n`;
  writeFileSync(join(docroot, 'api.php'), code + (inPhp ? `\n${tail}` : `<?php\n${tail}`));
  writeFileSync(
    join(dir, 'router.php'),
    `<?php\nif (parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH) === '${RESOURCE}') { require '${docroot}/api.php'; return true; }\nhttp_response_code(404);\necho "not found\\n";\n`,
  );
  return startProcess(BIN.php, ['-S', `127.0.0.1:${port}`, '-t', docroot, join(dir, 'router.php')], { cwd: dir });
}

// Express: a CommonJS wrapper that defines `app` (unless the example does), runs the example, then adds the
// resource for every method and listens. `require` resolves from the project's node_modules.
function startExpress(dir, port, _path, code) {
  const definesApp = /\b(const|let|var)\s+app\s*=/.test(code);
  const src = `'use strict';
const express = require('express');
${definesApp ? '' : 'const app = express();'}
// ---- example ----
${code}
// ---- harness ----
app.all(${JSON.stringify(RESOURCE)}, (req, res) => res.type('application/json').send(${JSON.stringify(jsonBody('express'))}));
app.listen(${port}, '127.0.0.1');
`;
  writeFileSync(join(dir, 'server.cjs'), src);
  return startProcess(process.execPath, [join(dir, 'server.cjs')], { cwd: dir, env: { ...process.env, NODE_PATH: join(root, 'node_modules') } });
}

// Koa, Hono (@hono/node-server) and hapi: the program around the example is built in jsServers.mjs.
function startJs(dir, port, path, code) {
  const framework = jsFrameworkOf(path.split('/').pop());
  writeFileSync(join(dir, 'server.cjs'), jsFrameworkProgram(framework, code, port, RESOURCE, jsonBody(framework)));
  return startProcess(process.execPath, [join(dir, 'server.cjs')], { cwd: dir, env: { ...process.env, NODE_PATH: join(root, 'node_modules') } });
}

// Go net/http and gin (goServers.mjs): the example plus a main(), built with Debian's Go, then run.
function startGo(dir, port, path, code) {
  const framework = goFrameworkOf(path.split('/').pop());
  return startProcess(buildGoServer(framework, dir, port, code, jsonBody(framework), RESOURCE), [], { cwd: dir });
}

// Flask (Debian's python3-flask and python3-flask-cors, run by /usr/bin/python3): `app` is defined, the
// example runs in that namespace (it may define its own app), then the resource is added for every method
// unless the example already routes it.
// Flask, Django and FastAPI/Starlette: the files pyServers.mjs gives, run by /usr/bin/python3.
function startPython(dir, port, path, code) {
  const format = formatOf(path);
  for (const [name, text] of Object.entries(pythonServerFiles(format, dir, port, path, code, jsonBody(format), RESOURCE))) writeFileSync(join(dir, name), text);
  return startProcess(BIN.python, [join(dir, 'run.py')], { cwd: dir, env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' } });
}

// Rack (rack-cors, a Rails initializer on a stand-in middleware stack) and Sinatra on WEBrick: the files
// rbServers.mjs gives, run by /usr/bin/ruby.
function startRuby(dir, port, path, code) {
  const format = formatOf(path);
  for (const [name, text] of Object.entries(rubyServerFiles(format, dir, port, path, code, jsonBody(format), RESOURCE))) writeFileSync(join(dir, name), text);
  return startProcess(BIN.ruby, [join(dir, 'run.rb')], { cwd: dir });
}

// ---------------------------------------------------------------------------------------------------------
// Page servers (origins B and C) and raw requests
// ---------------------------------------------------------------------------------------------------------
const pageServers = new Set();

/** A static page server on 127.0.0.1: any path answers an empty HTML page. Resolves to its port. */
export async function startPageServer(title) {
  const s = http.createServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(`<!doctype html><meta charset="utf-8"><title>${title}</title><body></body>`);
  });
  pageServers.add(s);
  await new Promise((r, j) => {
    s.once('error', j);
    s.listen(0, '127.0.0.1', r);
  });
  return s.address().port;
}

/**
 * One HTTP request from Node, as the browser would send it (Origin and the other headers given), returning
 * status and the raw header lines (duplicates kept, in order). Bounded by a timeout.
 */
export function rawRequest(url, { method = 'GET', headers = {} } = {}, timeoutMs = 5000) {
  return new Promise((resolveReq, reject) => {
    const req = http.request(url, { method, headers, timeout: timeoutMs, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (body += d));
      res.on('end', () => {
        const lines = [];
        for (let i = 0; i < res.rawHeaders.length; i += 2) lines.push(`${res.rawHeaders[i]}: ${res.rawHeaders[i + 1]}`);
        resolveReq({ status: res.statusCode, headers: lines, body: body.slice(0, 300) });
      });
    });
    req.on('timeout', () => req.destroy(new Error(`raw ${method} ${url} timed out`)));
    req.on('error', reject);
    req.end();
  });
}
