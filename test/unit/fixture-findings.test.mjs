// The findings the CLI (its real entry point, dist/server/cli.js) reports on the Express, Flask and PHP fixtures:
// pinned as a whole (test/fixtures/fixtures.findings.txt, UPDATE_SNAPSHOTS=1 rewrites it), and the ones that
// the fixtures about middleware chains, array header values and Flask config precedence are written for,
// checked one by one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join, relative } from 'node:path';
import { root, matchSnapshot } from '../helpers.mjs';

function findings(...paths) {
  const r = spawnSync(process.execPath, [join(root, 'dist/server/cli.js'), '--format', 'json', ...paths], { cwd: root, encoding: 'utf8', timeout: 60000 });
  assert.ok(r.status === 0 || r.status === 1, r.stderr);
  return JSON.parse(r.stdout).flatMap((f) => f.messages.map((m) => ({ file: relative(root, f.filePath), ...m })));
}

const rows = (list) => list.map((m) => `${m.file}:${m.line}:${m.column} ${m.ruleId}`).sort();
const ex = (name) => `test/fixtures/express/${name}`;
const py = (name) => `test/fixtures/flask/${name}`;
const php = (name) => `test/fixtures/php/${name}`;
const rulesIn = (all, file) => all.filter((m) => m.file === file).map((m) => `${m.line}:${m.column} ${m.ruleId}`);

let all;
function every() {
  all ??= findings('test/fixtures/express', 'test/fixtures/flask', 'test/fixtures/php');
  return all;
}

test('the findings on every Express, Flask and PHP fixture, through the CLI', () => {
  matchSnapshot(join(root, 'test/fixtures/fixtures.findings.txt'), rows(every()).join('\n') + '\n');
});

test('express: credentials in one app.use middleware and a reflected Origin in another make one policy', () => {
  const a = every();
  assert.deepEqual(rulesIn(a, ex('middleware-chain-credentials.js')), ['11:48 reflected-origin-with-credentials']);
  // an exact allowlist with credentials and Vary written by the middleware before it: nothing to report
  assert.deepEqual(rulesIn(a, ex('middleware-chain-allowlist.js')), []);
});

test('express: middleware that do not reach the same responses are not combined', () => {
  const a = every();
  // the reflection is on the preflight only, answered before the credentials middleware runs
  assert.deepEqual(rulesIn(a, ex('middleware-options-ends.js')), ['8:50 reflected-origin']);
  // routes on different paths, another app, a router's sibling paths
  assert.deepEqual(rulesIn(a, ex('middleware-not-chained.js')), ['13:48 reflected-origin', '24:44 reflected-origin', '30:48 reflected-origin']);
  // next() called only on some paths
  assert.deepEqual(rulesIn(a, ex('middleware-conditional-next.js')), ['12:48 reflected-origin']);
});

test('express: an array value sends Allow-Origin / Allow-Credentials once per element', () => {
  const a = every().filter((m) => m.file === ex('array-header-values.js'));
  assert.deepEqual(
    a.map((m) => `${m.line}:${m.column}-${m.endColumn} ${m.ruleId}`),
    [
      '4:44-65 duplicate-allow-origin', // the second element of ORIGINS, sent by res.set(name, ORIGINS)
      '8:75-96 duplicate-allow-origin', // setHeader(name, [a, b])
      '15:60-64 duplicate-allow-origin', // res.header(ACAC, ['true', 'true'])
      '22:15-42 duplicate-allow-origin', // res.append after res.set
      '28:82-103 duplicate-allow-origin', // writeHead(200, { name: [a, b] })
    ],
  );
  assert.ok(a.every((m) => m.severity === 2));
});

test('flask: kwargs and resource options win over config loaded from elsewhere; unset options stay unknown', () => {
  const a = every();
  assert.deepEqual(rulesIn(a, py('config_loaded_kwargs_win.py')), ['10:73 reflected-origin-with-credentials']);
  assert.deepEqual(rulesIn(a, py('config_key_unknown_kwargs_win.py')), ['10:20 reflected-origin-with-credentials']);
  // origins not given in code: the loaded config may set CORS_ORIGINS
  assert.deepEqual(rulesIn(a, py('config_loaded_origins_unset.py')), []);
  assert.deepEqual(rulesIn(a, py('config_key_unknown_origins.py')), []);
});

test('express: the fixes for one element of an array value remove that element only, and leave a shared constant alone', () => {
  const file = ex('array-header-values.js');
  const r = spawnSync(process.execPath, [join(root, 'dist/server/cli.js'), '--format', 'sarif', file], { cwd: root, encoding: 'utf8', timeout: 60000 });
  const results = JSON.parse(r.stdout).runs[0].results;
  const at = (line) => results.find((x) => x.locations[0].physicalLocation.region.startLine === line);
  const edits = (res) =>
    (res.fixes ?? []).map((f) => f.artifactChanges.flatMap((c) => c.replacements.map((x) => `${x.deletedRegion.startLine}:${x.deletedRegion.startColumn}-${x.deletedRegion.endColumn}=${JSON.stringify(x.insertedContent.text)}`)));
  // `, 'https://b.example.com'` or `'https://a.example.com', `: one line of two is left, in the call itself
  assert.deepEqual(edits(at(8)), [['8:72-97=""'], ['8:49-74=""']]);
  assert.deepEqual(edits(at(28)), [['28:79-104=""'], ['28:56-81=""']]);
  // ORIGINS may be an allowlist elsewhere too: no edit of it is offered
  assert.deepEqual(edits(at(4)), []);
  // which line to keep is the user's choice: --fix leaves the file as it is
  const d = spawnSync(process.execPath, [join(root, 'dist/server/cli.js'), '--fix-dry-run', '--format', 'json', file], { cwd: root, encoding: 'utf8', timeout: 60000 });
  const [out] = JSON.parse(d.stdout);
  assert.equal(out.output, undefined);
  assert.equal(out.messages.length, 5);
});

test('php: the framework forms on the engine give the findings a browser would justify', () => {
  const a = every();
  // Laravel $response->header() copying $request->header('Origin'), with credentials
  assert.deepEqual(rulesIn(a, php('laravel-header-middleware.php')), ['14:58 missing-vary-origin', '14:58 reflected-origin-with-credentials']);
  // Slim: echoed only for the allowlist, with Vary: nothing to report
  assert.deepEqual(rulesIn(a, php('slim-allowlist.php')), []);
  // Symfony subscriber: a trailing slash never equals a browser's Origin
  assert.deepEqual(rulesIn(a, php('symfony-subscriber.php')), ['11:58 invalid-allowlist-entry']);
  // response()->json(..., [ACAO *]) then ->withHeaders([ACAC true])
  assert.deepEqual(rulesIn(a, php('laravel-route-json.php')), ['7:43 wildcard-origin-with-credentials']);
  // new JsonResponse(..., [ACAO => $origin]) on both the preflight and the normal response
  assert.deepEqual(rulesIn(a, php('psr7-json-response.php')), ['15:50 reflected-origin', '16:18 missing-allow-headers', '20:46 missing-vary-origin', '20:46 reflected-origin']);
  assert.deepEqual(rulesIn(a, php('foreach-sprintf.php')), []);
});
