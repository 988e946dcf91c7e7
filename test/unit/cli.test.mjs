// The CLI through its real entry point (the bundled dist/server/cli.js), on a project made on disk.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from '../helpers.mjs';

const cli = join(root, 'dist/server/cli.js');
let ws;

function run(args, cwd = ws) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd, encoding: 'utf8', timeout: 60000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function write(rel, text) {
  const p = join(ws, rel);
  mkdirSync(join(p, '..'), { recursive: true });
  writeFileSync(p, text);
}

before(() => {
  ws = mkdtempSync(join(tmpdir(), 'cors-lint-cli-'));
  write('public/api.php', "<?php\nheader('Access-Control-Allow-Origin: *');\nheader('Access-Control-Allow-Credentials: true');\n");
  write('public/ok.php', "<?php\nheader('Access-Control-Allow-Origin: https://app.example.com');\n");
  write('src/readme.txt', 'Access-Control-Allow-Origin: *\n');
  write('node_modules/dep/index.php', "<?php\nheader('Access-Control-Allow-Origin: *');\nheader('Access-Control-Allow-Credentials: true');\n");
  // dependency folders of Go (go mod vendor), Composer, Bundler and a Python virtualenv; a folder merely named
  // vendor is the project's own
  const bad = "<?php\nheader('Access-Control-Allow-Origin: *');\nheader('Access-Control-Allow-Credentials: true');\n";
  write('gosvc/vendor/modules.txt', '# github.com/rs/cors v1.7.0\n');
  write('gosvc/vendor/github.com/rs/cors/cors.go', 'package cors\n\nfunc f(w http.ResponseWriter) {\n\tw.Header().Set("Access-Control-Allow-Origin", "*")\n\tw.Header().Set("Access-Control-Allow-Credentials", "true")\n}\n');
  write('vendor/autoload.php', '<?php\n');
  write('vendor/fruitcake/php-cors/src/Cors.php', bad);
  write('rails/vendor/bundle/ruby/3.1.0/gems/x/lib/x.rb', "require 'sinatra'\n\nbefore do\n  headers 'Access-Control-Allow-Origin' => '*', 'Access-Control-Allow-Credentials' => 'true'\nend\n");
  write('.venv/pyvenv.cfg', 'home = /usr/bin\n');
  write('.venv/lib/python3.11/site-packages/x/app.py', "from flask import Flask\napp = Flask(__name__)\n@app.after_request\ndef a(r):\n    r.headers['Access-Control-Allow-Origin'] = '*'\n    r.headers['Access-Control-Allow-Credentials'] = 'true'\n    return r\n");
  write('theme/vendor/own.php', bad);
  write('build/gen.php', "<?php\nheader('Access-Control-Allow-Origin: *');\nheader('Access-Control-Allow-Credentials: true');\n");
  write('.gitignore', 'build/\n');
  write('bin/blob.php', Buffer.from([0x3c, 0x3f, 0x70, 0, 1, 2, 0x41, 0x63, 0x63, 0x65, 0x73, 0x73]).toString('latin1') + 'Access-Control-Allow-Origin: *');
  write('clean/ok.php', "<?php\nheader('Access-Control-Allow-Origin: https://app.example.com');\n");
  write('warn/w.php', "<?php\nheader('Access-Control-Allow-Origin: https://app.example.com');\nheader('Access-Control-Allow-Credentials: True');\n");
});
after(() => rmSync(ws, { recursive: true, force: true }));

test('json output: ESLint shape, 1-based positions, errors exit 1; .gitignore, node_modules and dependency folders skipped', () => {
  const r = run(['--format', 'json', '.']);
  assert.equal(r.code, 1, r.err);
  const data = JSON.parse(r.out);
  const files = data.map((f) => f.filePath.slice(ws.length + 1)).sort();
  assert.ok(files.includes('public/api.php'));
  assert.ok(!files.some((f) => f.startsWith('node_modules') || f.startsWith('build/') || f.startsWith('bin/')), files.join(','));
  assert.ok(!files.some((f) => /(^|\/)vendor\/|^\.venv\//.test(f) && f !== 'theme/vendor/own.php'), files.join(','));
  assert.ok(files.includes('theme/vendor/own.php'), files.join(','));
  // named on the command line, a file inside a dependency folder is read
  const named = JSON.parse(run(['--format', 'json', 'vendor/fruitcake/php-cors/src/Cors.php']).out);
  assert.equal(named.length, 1);
  assert.ok(named[0].messages.some((x) => x.ruleId === 'wildcard-origin-with-credentials'));
  const api = data.find((f) => f.filePath.endsWith('public/api.php'));
  const m = api.messages.find((x) => x.ruleId === 'wildcard-origin-with-credentials');
  assert.deepEqual([m.severity, m.line, m.column, m.endLine, m.endColumn], [2, 2, 38, 2, 39]);
  assert.equal(api.errorCount, api.messages.filter((x) => x.severity === 2).length);
  for (const k of ['filePath', 'messages', 'errorCount', 'warningCount']) assert.ok(k in api);
});

test('clean project exits 0 and prints nothing in stylish', () => {
  const r = run(['clean']);
  assert.equal(r.code, 0, r.err);
  assert.equal(r.out, '');
});

test('stylish output lists line:col, severity, message, rule id and a summary', () => {
  const r = run(['public']);
  assert.equal(r.code, 1);
  assert.match(r.out, /public\/api\.php\n\s+2:38\s+error\s+.*wildcard-origin-with-credentials/);
  assert.match(r.out, /✖ \d+ problems? \(\d+ errors?, \d+ warnings?, \d+ info\)/);
});

test('--max-warnings and --rule override levels; --exit-zero', () => {
  assert.equal(run(['warn']).code, 0);
  assert.equal(run(['warn', '--max-warnings', '0']).code, 1);
  assert.equal(run(['warn', '--rule', 'invalid-credentials-value:error']).code, 1);
  assert.equal(run(['public', '--rule', 'wildcard-origin-with-credentials:off', '--rule', 'headers-missing-on-errors:off']).code, 0);
  assert.equal(run(['public', '--exit-zero']).code, 0);
});

test('.corslintrc.json is read from the project root', () => {
  write('cfg/.corslintrc.json', JSON.stringify({ rules: { 'wildcard-origin-with-credentials': 'warning' } }));
  write('cfg/api.php', "<?php\nheader('Access-Control-Allow-Origin: *');\nheader('Access-Control-Allow-Credentials: true');\n");
  const r = run(['--format', 'json', '.'], join(ws, 'cfg'));
  assert.equal(r.code, 0, r.out + r.err);
  const m = JSON.parse(r.out)[0].messages.find((x) => x.ruleId === 'wildcard-origin-with-credentials');
  assert.equal(m.severity, 1);
  write('bad/.corslintrc.json', '{ "rules": { "no-such-rule": "error" } }');
  const b = run(['.'], join(ws, 'bad'));
  assert.equal(b.code, 2);
  assert.match(b.err, /unknown rule "no-such-rule"/);
});

test('usage errors exit 2 with a clear message', () => {
  let r = run(['--format', 'xml']);
  assert.equal(r.code, 2);
  assert.match(r.err, /unknown format "xml"/);
  r = run(['does-not-exist']);
  assert.equal(r.code, 2);
  assert.match(r.err, /no such file or directory: does-not-exist/);
  r = run(['--bogus']);
  assert.equal(r.code, 2);
  r = run(['--rule', 'reflected-origin:loud']);
  assert.equal(r.code, 2);
  assert.equal(run(['--help']).code, 0);
});

test('sarif 2.1.0 with rules, results, regions and fixes', () => {
  const r = run(['--format', 'sarif', 'public'], ws);
  assert.equal(r.code, 1);
  const s = JSON.parse(r.out);
  assert.equal(s.version, '2.1.0');
  const run0 = s.runs[0];
  assert.equal(run0.tool.driver.name, 'cors-lint');
  const res = run0.results.find((x) => x.ruleId === 'wildcard-origin-with-credentials');
  assert.equal(res.level, 'error');
  assert.equal(run0.tool.driver.rules[res.ruleIndex].id, res.ruleId);
  const loc = res.locations[0].physicalLocation;
  assert.equal(loc.artifactLocation.uri, 'public/api.php');
  assert.equal(loc.artifactLocation.uriBaseId, '%SRCROOT%');
  assert.deepEqual([loc.region.startLine, loc.region.startColumn], [2, 38]);
  assert.ok(run0.tool.driver.rules.every((x) => x.help.markdown && x.shortDescription.text && !x.helpUri), 'rule help inline, no web link');
});

test('explicit binary or unknown files give no finding and no crash', () => {
  const r = run(['--format', 'json', 'bin/blob.php', 'src/readme.txt']);
  assert.equal(r.code, 0, r.err);
  assert.deepEqual(JSON.parse(r.out).flatMap((f) => f.messages), []);
});

test('nginx include: a location in nginx.conf with headers from an included snippet; conf.d server blocks once', () => {
  write('inc/nginx/nginx.conf',
    'events {}\nhttp {\n  include /etc/nginx/conf.d/*.conf;\n  server {\n    listen 8080;\n    location /cors/ {\n      include snippets/cors-headers;\n    }\n  }\n}\n');
  write('inc/nginx/snippets/cors-headers', "add_header Access-Control-Allow-Origin '*';\nadd_header Access-Control-Allow-Credentials 'true';\n");
  write('inc/nginx/conf.d/api.conf',
    'server {\n  listen 80;\n  location /api/ {\n    add_header Access-Control-Allow-Origin *;\n    add_header Access-Control-Allow-Credentials true;\n  }\n}\n');
  const r = run(['--format', 'json', 'inc']);
  assert.equal(r.code, 1, r.err);
  const data = JSON.parse(r.out);
  const byFile = (suffix) => data.find((f) => f.filePath.split('\\').join('/').endsWith(suffix));
  const wild = (f) => f.messages.filter((m) => m.ruleId === 'wildcard-origin-with-credentials');
  // The snippet (no nginx file name) is reported where it is used: on the include line of nginx.conf.
  const main = byFile('inc/nginx/nginx.conf');
  assert.deepEqual(wild(main).map((m) => m.line), [7], JSON.stringify(main.messages));
  // The conf.d server block is reported in its own file only, not again at nginx.conf's include line.
  const api = byFile('inc/nginx/conf.d/api.conf');
  assert.deepEqual(wild(api).map((m) => m.line), [4]);
  assert.ok(!main.messages.some((m) => m.line === 3), JSON.stringify(main.messages));
  for (const f of data) {
    const keys = f.messages.map((m) => `${m.ruleId}@${m.line}:${m.column}`);
    assert.equal(new Set(keys).size, keys.length, `${f.filePath}: a finding reported twice`);
  }
  assert.ok(!data.some((f) => f.filePath.includes('snippets')), 'the snippet is not an nginx file name');
});
