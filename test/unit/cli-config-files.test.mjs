// Apache and nginx files whose name does not say the format (`site.conf`, `sites-available/default`,
// nginx-proxy's `vhost.d/example.com`): read by their content, through the real CLI (dist/server/cli.js).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from '../helpers.mjs';

const cli = join(root, 'dist/server/cli.js');
const RULE = 'wildcard-origin-with-credentials';
let ws;

function run(args) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: ws, encoding: 'utf8', timeout: 60000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const APACHE_LINES = 'Header always set Access-Control-Allow-Origin "*"\nHeader always set Access-Control-Allow-Credentials "true"\n';
const APACHE_VHOST = `<VirtualHost *:80>\n  ServerName api.example.com\n  ${APACHE_LINES.replace('\n', '\n  ')}</VirtualHost>\n`;
const NGINX_SERVER = 'server {\n  listen 80;\n  location /api/ {\n    add_header Access-Control-Allow-Origin * always;\n    add_header Access-Control-Allow-Credentials true always;\n  }\n}\n';
const NGINX_LINES = 'add_header Access-Control-Allow-Origin * always;\nadd_header Access-Control-Allow-Credentials true always;\n';
const SUPERVISORD = '[program:api]\ncommand=/usr/bin/gunicorn app:app\nenvironment=CORS_ALLOW_ORIGIN="*",ACCESS_CONTROL_ALLOW_CREDENTIALS="true"\nautostart=true\n';
// Both kinds of evidence: Apache Header lines and an nginx server block. Read as neither.
const MIXED = `${APACHE_LINES}server {\n  listen 80;\n  add_header Access-Control-Allow-Origin *;\n  add_header Access-Control-Allow-Credentials true;\n}\n`;

const READ = {
  'apache.conf': APACHE_LINES,
  'site.conf': APACHE_VHOST,
  'conf/httpd-cors.conf': `<IfModule mod_headers.c>\n${APACHE_LINES}</IfModule>\n`,
  'sites-available/default': NGINX_SERVER,
  'sites-available/legacy': APACHE_VHOST, // Debian's Apache used extensionless site files too
  'vhost.d/example.com': NGINX_LINES,
  'conf.d/api.conf': NGINX_SERVER,
};
const NOT_READ = { 'supervisord.conf': SUPERVISORD, 'conf.d/worker.conf': SUPERVISORD, 'mixed.conf': MIXED };

before(() => {
  ws = mkdtempSync(join(tmpdir(), 'cors-lint-conf-'));
  for (const [rel, text] of Object.entries({ ...READ, ...NOT_READ })) {
    mkdirSync(join(ws, rel, '..'), { recursive: true });
    writeFileSync(join(ws, rel), text);
  }
});
after(() => rmSync(ws, { recursive: true, force: true }));

const rel = (f) => f.filePath.slice(ws.length + 1).split('\\').join('/');

test('a scan reads Apache and nginx files by their content; other .conf files silently not', () => {
  const r = run(['--format', 'json', '.']);
  assert.equal(r.code, 1, r.err);
  const data = JSON.parse(r.out);
  assert.deepEqual(data.map(rel).sort(), Object.keys(READ).sort(), 'exactly the Apache and nginx files are listed as checked');
  for (const f of data) assert.ok(f.messages.some((m) => m.ruleId === RULE), `${rel(f)}: ${JSON.stringify(f.messages)}`);
  assert.doesNotMatch(r.err, /not read/, 'files found by a scan are not announced');
  assert.match(r.err, /^cors-lint: 7 files read \(apache 4, nginx 3\); 3 config files in no recognised format mention CORS: not supported yet\n$/);
});

test('a named file no format fits: said on stderr, not listed in JSON, exit code from the others', () => {
  let r = run(['--format', 'json', 'supervisord.conf', 'mixed.conf', 'site.conf']);
  assert.equal(r.code, 1, 'site.conf has an error');
  assert.deepEqual(JSON.parse(r.out).map(rel), ['site.conf']);
  assert.match(r.err, /^cors-lint: supervisord\.conf: not read: no supported format recognised \(no Apache or nginx directives found\)$/m);
  assert.match(r.err, /^cors-lint: mixed\.conf: not read: no supported format recognised \(it shows both Apache and nginx directives\)$/m);
  r = run(['--format', 'json', 'conf.d/worker.conf']);
  assert.equal(r.code, 0, r.err);
  assert.deepEqual(JSON.parse(r.out), [], 'never listed as checked and clean');
  assert.match(r.err, /conf\.d\/worker\.conf: not read: no supported format recognised/);
  r = run(['mixed.conf']);
  assert.equal(r.code, 0);
  assert.equal(r.out, '', 'no wrong read: no finding');
});

test('SARIF: unread named files are notifications of the invocation, never results; coverage in properties', () => {
  const r = run(['--format', 'sarif', 'supervisord.conf', 'site.conf']);
  assert.equal(r.code, 1, r.err);
  const run0 = JSON.parse(r.out).runs[0];
  assert.ok(run0.results.length > 0);
  assert.ok(run0.results.every((x) => x.locations[0].physicalLocation.artifactLocation.uri === 'site.conf'));
  const [inv] = run0.invocations;
  assert.equal(inv.executionSuccessful, true);
  const notRead = inv.toolExecutionNotifications.filter((n) => n.descriptor.id === 'not-read');
  assert.deepEqual(notRead.map((n) => n.locations[0].physicalLocation.artifactLocation.uri), ['supervisord.conf']);
  assert.match(notRead[0].message.text, /^not read: no supported format recognised/);
  assert.deepEqual(run0.properties.coverage.read, { apache: 1 });
});
