// The coverage line that ends every CLI run (stderr): files read per source, and files that mention CORS in a
// language cors-lint does not read yet. Through the real CLI (dist/server/cli.js).
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

const FILES = {
  'api/src/main/java/app/CorsConfig.java': 'class CorsConfig { void add(CorsRegistry r) { r.addMapping("/**").allowedOrigins("*"); } }\n',
  'api/src/main/java/app/Hello.java': '@CrossOrigin(origins = "*")\n@RestController\nclass Hello {}\n',
  'api/src/main/java/app/Plain.java': 'class Plain {}\n', // no CORS: not counted
  'gateway/main.go': 'package main\n\nimport "github.com/rs/cors"\n\nvar c = cors.AllowAll()\n',
  'gateway/util.go': 'package main\n\nfunc add(a, b int) int { return a + b }\n', // read by the Go extractor (no CORS in it: still read)
  'web/Gemfile': "gem 'rack-cors'\n", // a Gemfile holds no CORS settings: not counted
  'edge/src/main.rs': 'use tower_http::cors::CorsLayer;\n',
  'web/public/api.php': "<?php\nheader('Access-Control-Allow-Origin: *');\nheader('Access-Control-Allow-Credentials: true');\n",
  'web/app.py': 'print("hello")\n', // read by the Flask extractor (no CORS in it: still read)
  'README.md': 'We set CORS headers (Access-Control-Allow-Origin) in the gateway.\n', // not a kind that is counted
  'java-only/A.java': 'class A { /* Access-Control-Allow-Origin */ }\n',
  'java-only/B.kt': 'fun cors() = CorsConfiguration()\n',
};

before(() => {
  ws = mkdtempSync(join(tmpdir(), 'cors-lint-coverage-'));
  for (const [rel, text] of Object.entries(FILES)) {
    mkdirSync(join(ws, rel, '..'), { recursive: true });
    writeFileSync(join(ws, rel), text);
  }
});
after(() => rmSync(ws, { recursive: true, force: true }));

// 8 files read; a source is named only for the files it found something in (the .java files here import no
// Spring, util.go and app.py hold no CORS setting)
const LINE = 'cors-lint: 8 files read (go 1, php 1); 1 Kotlin file and 1 Rust file mention CORS: not supported yet\n';

test('stylish: the report on stdout, then the coverage line on stderr', () => {
  const r = run(['.']);
  assert.equal(r.code, 1, r.err);
  assert.match(r.out, /web\/public\/api\.php\n/);
  assert.doesNotMatch(r.out, /files read|mention CORS/, 'stdout holds only the report');
  assert.equal(r.err, LINE);
});

test('json: stdout stays an ESLint results array of the files read; the coverage line only on stderr', () => {
  const r = run(['--format', 'json', '.']);
  assert.equal(r.code, 1, r.err);
  const data = JSON.parse(r.out);
  assert.ok(Array.isArray(data));
  assert.deepEqual(data.map((f) => f.filePath.slice(ws.length + 1).split('\\').join('/')).sort(), [
    'api/src/main/java/app/CorsConfig.java',
    'api/src/main/java/app/Hello.java',
    'api/src/main/java/app/Plain.java',
    'gateway/main.go',
    'gateway/util.go',
    'java-only/A.java',
    'web/app.py',
    'web/public/api.php',
  ]);
  assert.equal(r.err, LINE);
});

test('sarif: the same counts in run.properties.coverage and as a note of the invocation', () => {
  const r = run(['--format', 'sarif', '.']);
  const run0 = JSON.parse(r.out).runs[0];
  assert.deepEqual(run0.properties.coverage, {
    filesRead: 8,
    read: { go: 1, php: 1 },
    mentionCors: { 'Kotlin file': 1, 'Rust file': 1 },
  });
  const note = run0.invocations[0].toolExecutionNotifications.find((n) => n.descriptor.id === 'coverage');
  assert.equal(`cors-lint: ${note.message.text}\n`, LINE);
  assert.equal(r.err, LINE);
});

test('nothing read: the line says so; --quiet (errors only) keeps it; a named Kotlin file is not read', () => {
  const r = run(['java-only']);
  assert.equal(r.code, 0);
  assert.equal(r.out, '');
  assert.equal(r.err, 'cors-lint: 1 file read; 1 Kotlin file mentions CORS: not supported yet\n');
  assert.equal(run(['--quiet', 'java-only']).err, r.err);
  const named = run(['--format', 'json', 'java-only/B.kt']);
  assert.deepEqual(JSON.parse(named.out), []);
  assert.equal(
    named.err,
    'cors-lint: java-only/B.kt: not read: no supported format recognised (Kotlin files are not read yet)\n' +
      'cors-lint: 0 files read; 1 Kotlin file mentions CORS: not supported yet\n',
  );
});
