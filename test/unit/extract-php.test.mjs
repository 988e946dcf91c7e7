import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import php from '../../dist/lib/extract/php/index.js';
import { extractWith, renderFacts, matchSnapshot, root, fixtureSet, str, applyEdits } from '../helpers.mjs';

const { dir, fixtures, run } = fixtureSet(php, 'php', (f) => f.endsWith('.php'));
const writesOf = (facts, header) => facts.headerWrites.filter((w) => w.name.toLowerCase() === header.toLowerCase());
const acao = (facts) => writesOf(facts, 'Access-Control-Allow-Origin');
async function fix(text, req, name = 'api.php') {
  const { facts, file } = await run(name, text);
  const edits = php.renderFix(typeof req === 'function' ? req(facts) : req, facts, file);
  return { edits, out: edits && edits.length ? applyEdits(text, edits) : undefined, facts };
}

test('php: snapshots of every fixture', async () => {
  assert.ok(fixtures.length >= 15);
  for (const f of fixtures) {
    const { facts, text } = await run(f);
    matchSnapshot(join(dir, '__snapshots__', f + '.facts.txt'), renderFacts(facts, text));
  }
});

test('php: mayContain is a cheap keyword check', () => {
  assert.equal(php.mayContain("<?php header('Access-Control-Allow-Origin: *');"), true);
  assert.equal(php.mayContain("<?php $r->headers->set('access-control-allow-origin', '*');"), true);
  assert.equal(php.mayContain("<?php header('Content-Type: text/html');"), false);
  assert.equal(php.filePatterns.includes('**/*.php'), true);
});

test('php: files without CORS (or only mentioning it) yield no writes or policies', async () => {
  for (const f of ['wordpress-plugin.php']) {
    const { facts } = await run(f);
    assert.equal(facts.headerWrites.length, 0, f);
    assert.equal(facts.policies.length, 0, f);
    assert.equal(facts.responses.length, 0, f);
  }
  const { facts } = await run('x.php', "<?php\n// Access-Control-Allow-Origin is set by nginx\nheader('Cache-Control: no-store');\necho 'hi';\n");
  assert.equal(facts.headerWrites.length, 0);
  assert.equal(facts.policies.length, 0);
});

test('php: wildcard with credentials (api.php)', async () => {
  const { facts, text } = await run('api.php');
  assert.equal(facts.policies.length, 1);
  const p = facts.policies[0];
  assert.equal(p.origin.kind, 'any');
  assert.equal(str(text, p.origin.span), '*');
  assert.equal(p.credentials, true);
  assert.equal(str(text, p.credentialsSpan), 'true');
  assert.equal(p.handWritten, true);
  assert.equal(p.layer, 'app');
  assert.equal(p.scope.kind, 'file');
  const w = acao(facts)[0];
  assert.equal(str(text, w.nameSpan), 'Access-Control-Allow-Origin');
  assert.equal(str(text, w.statementSpan), 'header("Access-Control-Allow-Origin: *");');
  assert.equal(w.op, 'set');
  assert.equal(w.always, 'n/a');
  assert.equal(w.layer, 'app');
});

test('php: unchecked reflection of $_SERVER[HTTP_ORIGIN] with credentials', async () => {
  const { facts, text } = await run('reflect-origin.php');
  const w = acao(facts)[0];
  assert.equal(w.value.kind, 'request-origin');
  assert.equal(w.value.checked, false);
  assert.equal(str(text, w.valueSpan), "$_SERVER['HTTP_ORIGIN']");
  assert.equal(facts.policies.length, 1);
  const p = facts.policies[0];
  assert.equal(p.origin.kind, 'reflect');
  assert.equal(p.credentials, true);
  assert.equal(p.vary, 'absent');
  assert.equal(p.answersPreflight, true);
  // Allow-Headers echoes the request header: unknown, but present (no missing-allow-headers).
  assert.equal(p.allowHeaders?.kind, 'unknown');
  assert.equal(p.maxAge.value, '86400');
});

test('php: reflection idioms: concatenation, interpolation, variable with ??, ternary isset', async () => {
  const cases = [
    ["header('Access-Control-Allow-Origin: ' . $_SERVER['HTTP_ORIGIN']);", "$_SERVER['HTTP_ORIGIN']"],
    ['$origin = $_SERVER[\'HTTP_ORIGIN\'] ?? \'\';\nheader("Access-Control-Allow-Origin: $origin");', '$origin'],
    ["$o = $_SERVER['HTTP_ORIGIN'] ?? '*';\nheader('Access-Control-Allow-Origin: ' . $o);", '$o'],
    ["$o = isset($_SERVER['HTTP_ORIGIN']) ? $_SERVER['HTTP_ORIGIN'] : '*';\nheader(\"Access-Control-Allow-Origin: {$o}\");", '$o'],
    ['header("Access-Control-Allow-Origin: $_SERVER[HTTP_ORIGIN]");', '$_SERVER[HTTP_ORIGIN]'],
    ["header(sprintf('Access-Control-Allow-Origin: %s', getallheaders()['Origin']));", "getallheaders()['Origin']"],
    ["$response->headers->set('Access-Control-Allow-Origin', $request->headers->get('Origin'));", "$request->headers->get('Origin')"],
    ["if (!empty($_SERVER['HTTP_ORIGIN'])) { header('Access-Control-Allow-Origin: ' . $_SERVER['HTTP_ORIGIN']); }", "$_SERVER['HTTP_ORIGIN']"],
  ];
  for (const [code, span] of cases) {
    const text = '<?php\n' + code + '\n';
    const { facts } = await run('api.php', text);
    const w = acao(facts)[0];
    assert.ok(w, code);
    assert.equal(w.value.kind, 'request-origin', code);
    assert.equal(w.value.checked, false, code);
    assert.equal(str(text, w.valueSpan), span, code);
    assert.equal(facts.policies[0].origin.kind, 'reflect', code);
  }
});

test('php: in_array allowlist with Vary: Origin is a list policy, checked exact', async () => {
  const { facts, text } = await run('allowlist.php');
  const w = acao(facts)[0];
  assert.equal(w.value.kind, 'request-origin');
  assert.equal(w.value.checked, true);
  assert.equal(w.value.check.kind, 'exact');
  assert.deepEqual(
    w.value.check.entries.map((e) => str(text, e.span)),
    ['https://app.example.com', 'https://admin.example.com'],
  );
  assert.equal(facts.policies.length, 1);
  const p = facts.policies[0];
  assert.equal(p.origin.kind, 'list');
  assert.deepEqual(p.origin.entries.map((e) => e.value), ['https://app.example.com', 'https://admin.example.com']);
  assert.equal(p.vary, 'explicit');
  assert.equal(p.credentials, true);
  assert.equal(p.answersPreflight, true);
  assert.equal(p.allowHeaders.kind, 'list');
});

test('php: origin checks of every kind', async () => {
  const pre = "<?php\n$origin = $_SERVER['HTTP_ORIGIN'] ?? '';\n";
  const cases = [
    ["if ($origin === 'https://a.com') { header(\"Access-Control-Allow-Origin: $origin\"); }", 'exact', ['https://a.com']],
    ["if ('https://a.com' == $origin) { header(\"Access-Control-Allow-Origin: $origin\"); }", 'exact', ['https://a.com']],
    ["if (preg_match('/^https:\\/\\/(www\\.)?a\\.com$/', $origin)) { header(\"Access-Control-Allow-Origin: $origin\"); }", 'regex', ['^https:\\/\\/(www\\.)?a\\.com$']],
    ["if (str_ends_with($origin, '.a.com')) { header(\"Access-Control-Allow-Origin: $origin\"); }", 'suffix', ['.a.com']],
    ["if (strpos($origin, 'a.com') !== false) { header(\"Access-Control-Allow-Origin: $origin\"); }", 'substring', ['a.com']],
    ["if (str_contains($origin, 'a.com')) { header(\"Access-Control-Allow-Origin: $origin\"); }", 'substring', ['a.com']],
    ["if (str_starts_with($origin, 'https://a.com')) { header(\"Access-Control-Allow-Origin: $origin\"); }", 'prefix', ['https://a.com']],
    ["$map = ['https://a.com' => 1];\nif (array_key_exists($origin, $map)) { header(\"Access-Control-Allow-Origin: $origin\"); }", 'exact', ['https://a.com']],
    ["$map = ['https://a.com' => 1];\nif (isset($map[$origin])) { header(\"Access-Control-Allow-Origin: $origin\"); }", 'exact', ['https://a.com']],
    ["if (!in_array($origin, ['https://a.com', 'https://b.com'])) { exit; }\nheader('Access-Control-Allow-Origin: ' . $origin);", 'exact', ['https://a.com', 'https://b.com']],
    ["if (!preg_match('#^https://a\\.com$#', $origin)) {\n  http_response_code(403);\n  die('no');\n}\nheader('Access-Control-Allow-Origin: ' . $origin);", 'regex', ['^https://a\\.com$']],
    ["foreach (['https://a.com'] as $allowed) {\n  if ($origin === $allowed) { header(\"Access-Control-Allow-Origin: $origin\"); }\n}", 'exact', ['https://a.com']],
    ["switch ($origin) {\n  case 'https://a.com':\n  case 'https://b.com':\n    header(\"Access-Control-Allow-Origin: $origin\");\n    break;\n}", 'exact', ['https://a.com', 'https://b.com']],
    ["$ok = in_array($origin, ['https://a.com'], true);\nif ($ok) header(\"Access-Control-Allow-Origin: $origin\");", 'exact', ['https://a.com']],
    ["if (isAllowedOrigin($origin)) { header(\"Access-Control-Allow-Origin: $origin\"); }", 'unknown', undefined],
    ["if (in_array($origin, $allowed) || $debug) { header(\"Access-Control-Allow-Origin: $origin\"); }", 'unknown', undefined],
  ];
  for (const [code, kind, entries] of cases) {
    const text = pre + code + '\n';
    const { facts } = await run('api.php', text);
    const w = acao(facts)[0];
    assert.ok(w, code);
    assert.equal(w.value.kind, 'request-origin', code);
    assert.equal(w.value.checked, true, code);
    assert.equal(w.value.check.kind, kind, code);
    if (entries) {
      assert.deepEqual(w.value.check.entries.map((e) => e.value), entries, code);
      for (const e of w.value.check.entries) assert.ok(text.slice(e.span.start, e.span.end).length > 0, code);
    } else assert.equal(w.value.check.entries, undefined, code);
  }
});

test('php: flags and helpers that may check the origin make the echo checked (unknown), never unchecked', async () => {
  const pre = "<?php\n$origin = $_SERVER['HTTP_ORIGIN'] ?? '';\n";
  for (const code of [
    "$allowed = false;\nforeach ($trusted as $t) {\n  if ($t === $origin) { $allowed = true; break; }\n}\nif ($allowed) {\n  header(\"Access-Control-Allow-Origin: $origin\");\n}",
    "if (!$allowed) { exit; }\nheader(\"Access-Control-Allow-Origin: $origin\");",
    // set only inside the loop: at the test it is true or never set — the flag is the check
    "foreach ($trusted as $t) {\n  if ($t === $origin) { $ok = true; }\n}\nif ($ok) { header(\"Access-Control-Allow-Origin: $origin\"); }",
    "if (isAllowedOrigin()) { header(\"Access-Control-Allow-Origin: $origin\"); }",
    "$ok = $this->cors->check();\nif ($ok) { header(\"Access-Control-Allow-Origin: $origin\"); }",
  ]) {
    const { facts } = await run('api.php', pre + code + '\n');
    const w = acao(facts)[0];
    assert.equal(w.value.kind, 'request-origin', code);
    assert.equal(w.value.checked, true, code);
    assert.equal(w.value.check.kind, 'unknown', code);
  }
});

test('php: conditions that do not restrict the origin leave the echo unchecked', async () => {
  const pre = "<?php\n$origin = $_SERVER['HTTP_ORIGIN'] ?? '';\n";
  for (const code of [
    "if ($origin) { header(\"Access-Control-Allow-Origin: $origin\"); }",
    "if (isset($_SERVER['HTTP_ORIGIN'])) { header(\"Access-Control-Allow-Origin: $origin\"); }",
    "if ($origin !== '') { header(\"Access-Control-Allow-Origin: $origin\"); }",
    "if (!in_array($origin, ['https://a.com'])) { header(\"Access-Control-Allow-Origin: $origin\"); }",
    "if ($_SERVER['REQUEST_METHOD'] === 'OPTIONS') { header(\"Access-Control-Allow-Origin: $origin\"); exit; }",
    "if (in_array($origin, ['https://a.com'])) { $x = 1; }\nheader(\"Access-Control-Allow-Origin: $origin\");",
    "if (!headers_sent()) { header(\"Access-Control-Allow-Origin: $origin\"); }",
    "$debug = true;\nif ($debug) { header(\"Access-Control-Allow-Origin: $origin\"); }",
  ]) {
    const { facts } = await run('api.php', pre + code + '\n');
    const w = acao(facts)[0];
    assert.equal(w.value.kind, 'request-origin', code);
    assert.equal(w.value.checked, false, code);
  }
});

test('php: a variable assigned twice is not resolved (unknown, never reflect)', async () => {
  const text =
    "<?php\n$origin = $_SERVER['HTTP_ORIGIN'];\nif (!in_array($origin, $allowed)) {\n  $origin = 'https://a.com';\n}\nheader('Access-Control-Allow-Origin: ' . $origin);\n";
  const { facts } = await run('api.php', text);
  assert.equal(acao(facts)[0].value.kind, 'unknown');
  assert.equal(facts.policies[0].origin.kind, 'unknown');
  const t2 = "<?php\nfunction cors($origin) {\n  header('Access-Control-Allow-Origin: ' . $origin);\n}\n";
  const r2 = await run('api.php', t2);
  assert.equal(acao(r2.facts)[0].value.kind, 'unknown');
});

test('php: header(..., false) twice sends the header twice; set replaces', async () => {
  const { facts } = await run('add-twice.php');
  const ws = acao(facts);
  assert.equal(ws.length, 2);
  assert.deepEqual(ws.map((w) => w.op), ['add', 'add']);
  const top = facts.responses.filter((r) => r.scope.kind === 'file');
  assert.equal(top.length, 1);
  assert.deepEqual(top[0].writeIds, ws.map((w) => w.id));
  // The function's header is its own scope.
  const fn = facts.headerWrites.find((w) => w.name === 'Access-Control-Allow-Methods');
  assert.equal(fn.scope.kind, 'block');
  assert.equal(fn.scope.label, 'function send_cors_headers');

  const text = "<?php\nheader('Access-Control-Allow-Origin: https://a.com');\nheader('Access-Control-Allow-Origin: https://b.com');\n";
  const r = await run('api.php', text);
  assert.equal(r.facts.responses.length, 1);
  assert.deepEqual(r.facts.responses[0].writeIds, [acao(r.facts)[1].id]);
  assert.equal(r.facts.policies[0].origin.value, 'https://b.com');

  const t3 = "<?php\nheader('Access-Control-Allow-Origin: *');\nheader_remove('Access-Control-Allow-Origin');\nheader('Access-Control-Allow-Origin: https://a.com', false);\n";
  const r3 = await run('api.php', t3);
  assert.deepEqual(r3.facts.headerWrites.map((w) => w.op), ['set', 'unset', 'add']);
  assert.deepEqual(r3.facts.responses[0].writeIds, [r3.facts.headerWrites[2].id]);
  assert.equal(r3.facts.policies[0].origin.kind, 'static');
});

test('php: if/else branches are separate responses (no false duplicate)', async () => {
  const text =
    "<?php\nif ($mobile) {\n  header('Access-Control-Allow-Origin: https://m.example.com', false);\n} else {\n  header('Access-Control-Allow-Origin: https://www.example.com', false);\n}\n";
  const { facts } = await run('api.php', text);
  assert.equal(facts.responses.length, 2);
  for (const r of facts.responses) assert.equal(r.writeIds.length, 1);
  assert.equal(facts.policies.length, 2);
});

test('php: credentials True and trailing slash are literal values with exact spans', async () => {
  const a = await run('credentials-case.php');
  const c = writesOf(a.facts, 'Access-Control-Allow-Credentials')[0];
  assert.deepEqual(c.value, { kind: 'literal', text: 'True' });
  assert.equal(str(a.text, c.valueSpan), 'True');
  assert.equal(a.facts.policies[0].credentials, false);

  const b = await run('trailing-slash.php');
  const p = b.facts.policies[0];
  assert.equal(p.origin.kind, 'static');
  assert.equal(p.origin.value, 'https://a.com/');
  assert.equal(str(b.text, p.origin.span), 'https://a.com/');
});

test('php: request getters are not header writes', async () => {
  const text =
    "<?php\n$o = $request->header('Origin', '');\n$h = $this->request->header('Access-Control-Request-Headers', '');\nreturn response()->json($request->all())->header('Access-Control-Allow-Origin', $o);\n";
  const { facts } = await run('api.php', text);
  assert.deepEqual(facts.headerWrites.map((w) => w.name), ['Access-Control-Allow-Origin']);
  assert.equal(facts.headerWrites[0].value.kind, 'request-origin');
  assert.equal(facts.headerWrites[0].value.checked, false);
});

test('php: Laravel ->header(name, true) sends "1"', async () => {
  const { facts, text } = await run('bool-credentials.php');
  const c = writesOf(facts, 'Access-Control-Allow-Credentials')[0];
  assert.deepEqual(c.value, { kind: 'literal', text: '1' });
  assert.equal(str(text, c.valueSpan), 'true');
  assert.equal(facts.policies[0].origin.value, 'https://reports.example.com');
});

test('php: OPTIONS block: options-only writes, preflight policy merged with the normal response', async () => {
  const { facts, text } = await run('preflight.php');
  const m = writesOf(facts, 'Access-Control-Allow-Methods')[0];
  assert.equal(m.condition, 'options-only');
  assert.equal(acao(facts)[0].condition, undefined);
  assert.equal(facts.policies.length, 1);
  const p = facts.policies[0];
  assert.equal(p.answersPreflight, true);
  assert.equal(p.emits, 'always');
  assert.equal(p.allowHeaders, undefined);
  assert.deepEqual(p.methods.items.map((i) => str(text, i.span)), ['GET', 'POST', 'PUT', 'DELETE', 'OPTIONS']);
  // Two responses: the preflight (ACAO + methods) and the normal one (ACAO only).
  assert.equal(facts.responses.length, 2);
  assert.deepEqual(facts.responses.map((r) => r.writeIds.length).sort(), [1, 2]);
});

test('php: method checks in their common spellings', async () => {
  for (const cond of [
    "$_SERVER['REQUEST_METHOD'] === 'OPTIONS'",
    '$_SERVER["REQUEST_METHOD"] == "OPTIONS"',
    "'OPTIONS' === $_SERVER['REQUEST_METHOD']",
    "strtoupper($_SERVER['REQUEST_METHOD']) === 'OPTIONS'",
    "$request->isMethod('OPTIONS')",
    "$request->getMethod() === 'OPTIONS'",
  ]) {
    const text = `<?php\nheader('Access-Control-Allow-Origin: *');\nif (${cond}) {\n  header('Access-Control-Allow-Methods: GET');\n  exit;\n}\n`;
    const { facts } = await run('api.php', text);
    assert.equal(writesOf(facts, 'Access-Control-Allow-Methods')[0].condition, 'options-only', cond);
    assert.equal(facts.policies.length, 1, cond);
    assert.equal(facts.policies[0].answersPreflight, true, cond);
  }
  // A negated early return: everything after it is the preflight answer.
  const t2 = "<?php\nif ($_SERVER['REQUEST_METHOD'] !== 'OPTIONS') {\n  return;\n}\nheader('Access-Control-Allow-Origin: *');\n";
  const r2 = await run('api.php', t2);
  assert.equal(acao(r2.facts)[0].condition, 'options-only');
  assert.equal(r2.facts.policies[0].emits, 'options-only');
});

test('php: OPTIONS answered first, normal response after it', async () => {
  const { facts } = await run('options-first.php');
  const [pre, normal] = acao(facts);
  assert.equal(pre.condition, 'options-only');
  assert.equal(normal.condition, 'non-options');
  assert.equal(facts.policies.length, 2);
  const [p1, p2] = facts.policies;
  assert.equal(p1.emits, 'options-only');
  assert.equal(p1.answersPreflight, true);
  assert.equal(p2.answersPreflight, false);
  assert.equal(p2.methods, undefined);
});

test('php: Symfony/Laravel middleware with allowlist constant', async () => {
  const { facts, text } = await run('LaravelCorsMiddleware.php');
  assert.equal(facts.policies.length, 1);
  const p = facts.policies[0];
  assert.equal(p.scope.label, 'method Cors::handle');
  assert.equal(p.origin.kind, 'list');
  assert.deepEqual(p.origin.entries.map((e) => str(text, e.span)), ['https://app.example.com', 'https://staging.example.com']);
  assert.equal(p.credentials, true);
  assert.equal(p.vary, 'explicit');
  assert.equal(p.answersPreflight, true);
  assert.equal(writesOf(facts, 'Vary')[0].condition, undefined);
  assert.ok(facts.headerMentions.some((m) => m.value === 'Origin' && str(text, m.span) === 'Origin'));
});

test('php: PSR-7 withHeader chain in a closure', async () => {
  const { facts, text } = await run('slim-middleware.php');
  assert.equal(facts.policies.length, 1);
  const p = facts.policies[0];
  assert.equal(p.scope.kind, 'block');
  assert.equal(p.origin.kind, 'any');
  assert.equal(p.credentials, false);
  assert.equal(str(text, p.allowHeaders.span), 'Content-Type, Accept, Origin');
  assert.equal(facts.responses.length, 1);
  assert.equal(facts.responses[0].writeIds.length, 3);
});

test('php: template mostly HTML, and half-typed PHP', async () => {
  const t = await run('template.php');
  assert.equal(t.facts.policies.length, 1);
  assert.equal(t.facts.policies[0].origin.value, 'https://widgets.example.com');
  // The paragraph text is HTML, not a header name in PHP code.
  assert.equal(t.facts.headerMentions.length, 1);

  const h = await run('half-typed.php');
  assert.ok(h.facts.notes.length > 0);
  assert.equal(acao(h.facts).length, 1);
  assert.ok(writesOf(h.facts, 'Access-Control-Allow-Methods').length === 1);

  // Garbage never throws.
  for (const junk of ['<?php header(', '<?php header("Access-Control-Allow-Origin: ', "<?php if (\u0000\u0001 header('Access-Control-Allow-Origin: *'", '<?php ' + 'if ($a) { '.repeat(300) + "header('Access-Control-Allow-Origin: *');"]) {
    const r = await run('junk.php', junk);
    assert.ok(Array.isArray(r.facts.headerWrites));
  }
});

test('php: many independent branches do not explode', async () => {
  let code = "<?php\nheader('Access-Control-Allow-Origin: *');\n";
  for (let i = 0; i < 40; i++) code += `if ($f${i}) { header('Access-Control-Allow-Methods: GET'); } else { exit; }\n`;
  const t0 = Date.now();
  const { facts } = await run('api.php', code);
  assert.ok(Date.now() - t0 < 2000);
  assert.ok(facts.policies.length >= 1);
});

test('php: spans are UTF-16 offsets also after non-ASCII text', async () => {
  const text =
    "<?php\n// Überprüfung 🚀\n$o = $_SERVER['HTTP_ORIGIN'] ?? '';\n$ok = ['https://ä.example'];\nif (in_array($o, $ok, true)) { header(\"Access-Control-Allow-Origin: $o\"); } // 🚀\n";
  const { facts } = await run('api.php', text);
  const w = acao(facts)[0];
  assert.equal(str(text, w.nameSpan), 'Access-Control-Allow-Origin');
  assert.equal(str(text, w.valueSpan), '$o');
  assert.equal(str(text, w.value.check.entries[0].span), 'https://ä.example');
});

test('php: header mentions cover names in strings', async () => {
  const text =
    "<?php\n$h = ['Access-Control-Expose-Headers' => 'X-Total'];\nheader('Vary: Origin');\n$o = $request->getHeaderLine('Origin');\nheader('Timing-Allow-Origin: *');\nheader('Access-Control-Allow-Origin: *');\n";
  const { facts } = await run('api.php', text);
  assert.deepEqual(
    facts.headerMentions.map((m) => str(text, m.span)),
    ['Access-Control-Expose-Headers', 'Vary', 'Origin', 'Timing-Allow-Origin', 'Access-Control-Allow-Origin'],
  );
});

// ---------------------------------------------------------------------------------------------------
// Fixes

test('php fix: set-header-value keeps the literal or rewrites the argument', async () => {
  const t1 = "<?php\nheader('Access-Control-Allow-Credentials: True');\n";
  const r1 = await fix(t1, (f) => ({ kind: 'set-header-value', writeId: f.headerWrites[0].id, value: 'true' }));
  assert.equal(r1.out, "<?php\nheader('Access-Control-Allow-Credentials: true');\n");

  const t2 = "<?php\nheader('Access-Control-Allow-Origin: ' . $_SERVER['HTTP_ORIGIN']);\n";
  const r2 = await fix(t2, (f) => ({ kind: 'set-header-value', writeId: f.headerWrites[0].id, value: 'https://a.com' }));
  assert.equal(r2.out, "<?php\nheader('Access-Control-Allow-Origin: https://a.com');\n");

  const t3 = "<?php\n$response->headers->set('Access-Control-Allow-Credentials', 'TRUE');\n";
  const r3 = await fix(t3, (f) => ({ kind: 'set-header-value', writeId: f.headerWrites[0].id, value: 'true' }));
  assert.equal(r3.out, "<?php\n$response->headers->set('Access-Control-Allow-Credentials', 'true');\n");

  const t4 = "<?php\nreturn response('')->header('Access-Control-Allow-Credentials', true);\n";
  const r4 = await fix(t4, (f) => ({ kind: 'set-header-value', writeId: f.headerWrites[0].id, value: 'true' }));
  assert.equal(r4.out, "<?php\nreturn response('')->header('Access-Control-Allow-Credentials', 'true');\n");

  const r5 = await fix(t1, (f) => ({ kind: 'set-header-value', writeId: f.headerWrites[0].id, value: "a\nb" }));
  assert.deepEqual(r5.edits, []);
});

test('php fix: remove-write removes the statement, or the chain link', async () => {
  const t1 = "<?php\nheader('Access-Control-Allow-Origin: *');\nheader('Access-Control-Allow-Origin: *', false);\necho 1;\n";
  const r1 = await fix(t1, (f) => ({ kind: 'remove-write', writeId: f.headerWrites[1].id }));
  assert.equal(r1.out, "<?php\nheader('Access-Control-Allow-Origin: *');\necho 1;\n");

  const t2 = "<?php\nreturn $response\n    ->withHeader('Access-Control-Allow-Origin', '*')\n    ->withHeader('Access-Control-Allow-Credentials', 'true');\n";
  const r2 = await fix(t2, (f) => ({ kind: 'remove-write', writeId: f.headerWrites[1].id }));
  assert.equal(r2.out, "<?php\nreturn $response\n    ->withHeader('Access-Control-Allow-Origin', '*');\n");

  const t2b = "<?php\n$response->withHeader('Access-Control-Allow-Origin', '*')->withHeader('Access-Control-Allow-Credentials', 'true');\n";
  const r2b = await fix(t2b, (f) => ({ kind: 'remove-write', writeId: f.headerWrites[1].id }));
  assert.equal(r2b.out, "<?php\n$response->withHeader('Access-Control-Allow-Origin', '*');\n");
  const r2c = await fix(t2b, (f) => ({ kind: 'remove-write', writeId: f.headerWrites[0].id }));
  assert.equal(r2c.out, "<?php\n$response->withHeader('Access-Control-Allow-Credentials', 'true');\n");

  const t3 = "<?php\nif ($x) header('Access-Control-Allow-Origin: *');\necho 1;\n";
  const r3 = await fix(t3, (f) => ({ kind: 'remove-write', writeId: f.headerWrites[0].id }));
  assert.equal(r3.out, '<?php\nif ($x) {}\necho 1;\n');

  const t4 = "<?php\nreturn response()->json([])->withHeaders([\n    'Access-Control-Allow-Origin' => '*',\n    'Access-Control-Allow-Credentials' => 'true',\n]);\n";
  const r4 = await fix(t4, (f) => ({ kind: 'remove-write', writeId: f.headerWrites[1].id }));
  assert.equal(r4.out, "<?php\nreturn response()->json([])->withHeaders([\n    'Access-Control-Allow-Origin' => '*',\n]);\n");
});

test('php fix: add-header after a write, same indentation', async () => {
  const t1 = "<?php\nif (in_array($o, $a)) {\n    header('Access-Control-Allow-Origin: ' . $o);\n}\n";
  const r1 = await fix(t1, (f) => ({ kind: 'add-header', afterWriteId: f.headerWrites[0].id, name: 'Vary', value: 'Origin' }));
  assert.equal(r1.out, "<?php\nif (in_array($o, $a)) {\n    header('Access-Control-Allow-Origin: ' . $o);\n    header('Vary: Origin');\n}\n");

  const t2 = "<?php\nif ($m === 'OPTIONS') { header('Access-Control-Allow-Methods: GET'); exit; }\n";
  const r2 = await fix(t2, (f) => ({ kind: 'add-header', afterWriteId: f.headerWrites[0].id, name: 'Access-Control-Allow-Headers', value: 'Content-Type' }));
  assert.equal(r2.out, "<?php\nif ($m === 'OPTIONS') { header('Access-Control-Allow-Methods: GET'); header('Access-Control-Allow-Headers: Content-Type'); exit; }\n");

  const t3 = "<?php\n        $response->headers->set('Access-Control-Allow-Origin', $origin);\n";
  const r3 = await fix(t3, (f) => ({ kind: 'add-header', afterWriteId: f.headerWrites[0].id, name: 'Vary', value: 'Origin' }));
  assert.equal(r3.out, "<?php\n        $response->headers->set('Access-Control-Allow-Origin', $origin);\n        $response->headers->set('Vary', 'Origin');\n");

  const t4 = "<?php\nreturn $response->withHeader('Access-Control-Allow-Origin', $origin);\n";
  const r4 = await fix(t4, (f) => ({ kind: 'add-header', afterWriteId: f.headerWrites[0].id, name: 'Vary', value: 'Origin' }));
  assert.equal(r4.out, "<?php\nreturn $response->withHeader('Access-Control-Allow-Origin', $origin)->withHeader('Vary', 'Origin');\n");

  const t5 = "<?php\nif ($x) header('Access-Control-Allow-Origin: *');\n";
  const r5 = await fix(t5, (f) => ({ kind: 'add-header', afterWriteId: f.headerWrites[0].id, name: 'Vary', value: 'Origin' }));
  assert.deepEqual(r5.edits, []);
});

test('php fix: set-origins replaces a reflected value or a wildcard', async () => {
  const t1 = "<?php\nheader(\"Access-Control-Allow-Origin: {$_SERVER['HTTP_ORIGIN']}\");\nheader('Access-Control-Allow-Credentials: true');\n";
  const r1 = await fix(t1, (f) => ({ kind: 'set-origins', policyId: f.policies[0].id, origins: ['https://app.example.com'] }));
  assert.equal(r1.out, "<?php\nheader('Access-Control-Allow-Origin: https://app.example.com');\nheader('Access-Control-Allow-Credentials: true');\n");

  const t2 = "<?php\nheader(\"Access-Control-Allow-Origin: *\");\n";
  const r2 = await fix(t2, (f) => ({ kind: 'set-origins', policyId: f.policies[0].id, origins: ['https://app.example.com'] }));
  assert.equal(r2.out, '<?php\nheader("Access-Control-Allow-Origin: https://app.example.com");\n');

  // Several origins: echo only the listed ones, and say that the answer varies.
  const t3 = "<?php\n    header('Access-Control-Allow-Origin: *');\n";
  const r3 = await fix(t3, (f) => ({ kind: 'set-origins', policyId: f.policies[0].id, origins: ['https://a.com', 'https://b.com'] }));
  assert.equal(
    r3.out,
    "<?php\n    if (in_array($_SERVER['HTTP_ORIGIN'] ?? '', ['https://a.com', 'https://b.com'], true)) {\n        header('Access-Control-Allow-Origin: ' . $_SERVER['HTTP_ORIGIN']);\n        header('Vary: Origin', false);\n    }\n",
  );
  const after = await run('api.php', r3.out);
  assert.equal(after.facts.policies[0].origin.kind, 'list');
  assert.equal(after.facts.policies[0].vary, 'explicit');

  const t4 = "<?php\n$origin = $_SERVER['HTTP_ORIGIN'] ?? '';\nheader('Access-Control-Allow-Origin: ' . $origin);\nheader('Vary: Origin');\n";
  const r4 = await fix(t4, (f) => ({ kind: 'set-origins', policyId: f.policies[0].id, origins: ['https://a.com', 'https://b.com'] }));
  assert.equal(
    r4.out,
    "<?php\n$origin = $_SERVER['HTTP_ORIGIN'] ?? '';\nif (in_array($origin, ['https://a.com', 'https://b.com'], true)) {\n    header('Access-Control-Allow-Origin: ' . $origin);\n}\nheader('Vary: Origin');\n",
  );
  const after4 = await run('api.php', r4.out);
  assert.equal(after4.facts.policies[0].origin.kind, 'list');

  const r5 = await fix(t2, (f) => ({ kind: 'set-origins', policyId: f.policies[0].id, origins: ["https://a.com');evil("] }));
  assert.deepEqual(r5.edits, []);
});

test('php fix: remove-credentials and remove-origin-entry', async () => {
  const { text } = await run('api.php');
  const r1 = await fix(text, (f) => ({ kind: 'remove-credentials', policyId: f.policies[0].id }));
  assert.ok(!r1.out.includes('Access-Control-Allow-Credentials'));
  assert.ok(r1.out.includes('header("Access-Control-Allow-Origin: *");\nheader("Content-Type'));

  const t2 = "<?php\n$allowed = ['https://a.com/', 'https://b.com'];\n$o = $_SERVER['HTTP_ORIGIN'] ?? '';\nif (in_array($o, $allowed, true)) header('Access-Control-Allow-Origin: ' . $o);\n";
  const r2 = await fix(t2, (f) => ({ kind: 'remove-origin-entry', policyId: f.policies[0].id, index: 0 }));
  assert.equal(r2.out, "<?php\n$allowed = ['https://b.com'];\n$o = $_SERVER['HTTP_ORIGIN'] ?? '';\nif (in_array($o, $allowed, true)) header('Access-Control-Allow-Origin: ' . $o);\n");

  // Kinds the generic renderer handles from spans fall through.
  const r3 = await fix(t2, (f) => ({ kind: 'replace-origin-entry', policyId: f.policies[0].id, index: 0, value: 'https://a.com' }));
  assert.equal(r3.edits, undefined);
  const r4 = await fix(t2, (f) => ({ kind: 'set-always', writeId: f.headerWrites[0].id }));
  assert.deepEqual(r4.edits, []);
});

// ---------------------------------------------------------------------------------------------------
// Framework forms on the code engine (PSR-7, Laravel, Symfony) and the engine's PHP idioms

test('php: Slim/PSR-7 middleware echoes the Origin only after an in_array(..., true) early return', async () => {
  const { facts, text } = await run('slim-allowlist.php');
  const w = acao(facts)[0];
  assert.equal(w.value.check.kind, 'exact');
  assert.deepEqual(w.value.check.entries.map((e) => str(text, e.span)), ['https://app.example.com', 'https://admin.example.com']);
  assert.equal(writesOf(facts, 'Vary')[0].op, 'add');
  const p = facts.policies[0];
  assert.equal(p.scope.kind, 'block');
  assert.equal(p.origin.kind, 'list');
  assert.equal(p.credentials, true);
  assert.equal(p.vary, 'explicit');
});

test('php: Laravel $response->header() with $request->header(Origin) reflects; the request getter is no write', async () => {
  const { facts, text } = await run('laravel-header-middleware.php');
  assert.deepEqual(facts.headerWrites.map((w) => w.name), ['Access-Control-Allow-Origin', 'Access-Control-Allow-Credentials']);
  const p = facts.policies[0];
  assert.equal(p.scope.label, 'method AddCorsHeaders::handle');
  assert.equal(p.origin.kind, 'reflect');
  assert.equal(str(text, p.origin.span), "$request->header('Origin')");
  assert.equal(p.credentials, true);
});

test('php: Symfony event subscriber: $event->getRequest() Origin, $event->getResponse()->headers->set()', async () => {
  const { facts, text } = await run('symfony-subscriber.php');
  const p = facts.policies[0];
  assert.equal(p.scope.label, 'method CorsSubscriber::onResponse');
  assert.equal(p.origin.kind, 'list');
  // the class constant self::ALLOWED is followed to its entries
  assert.deepEqual(p.origin.entries.map((e) => str(text, e.span)), ['https://app.example.com', 'https://docs.example.com/']);
});

test('php: preg_match reads the pattern between the delimiters (an unanchored one stays as written)', async () => {
  const { facts, text } = await run('preg-unanchored.php');
  const p = facts.policies[0];
  assert.equal(p.origin.kind, 'pattern');
  assert.equal(p.origin.check.kind, 'regex');
  assert.equal(str(text, p.origin.check.entries[0].span), 'example\\.com');
  for (const [re, kind, entry] of [
    ["'~^https://a\\.com$~i'", 'regex', '^https://a\\.com$'],
    ["'{^https://a\\.com$}'", 'regex', '^https://a\\.com$'],
    ['$re', 'unknown', undefined],
    ["'/a/x'", 'unknown', undefined],
  ]) {
    const t = `<?php\n$o = $_SERVER['HTTP_ORIGIN'];\nif (preg_match(${re}, $o)) header('Access-Control-Allow-Origin: ' . $o);\n`;
    const c = acao((await run('api.php', t)).facts)[0].value.check;
    assert.equal(c.kind, kind, re);
    assert.equal(c.entries?.[0].value, entry, re);
  }
});

test('php: PSR-7 getHeader(Origin)[0], new JsonResponse(..., [headers]), response()->json(..., [headers])', async () => {
  const a = await run('psr7-json-response.php');
  assert.deepEqual(acao(a.facts).map((w) => [w.value.kind, w.condition]), [['request-origin', 'options-only'], ['request-origin', 'non-options']]);
  assert.deepEqual(a.facts.policies.map((p) => p.answersPreflight), [true, false]);
  const b = await run('laravel-route-json.php');
  assert.equal(b.facts.policies[0].origin.kind, 'any');
  assert.equal(b.facts.policies[0].credentials, true);
});

test('php: a foreach over literals compared with ===, and sprintf, keep the allowlist and exact spans', async () => {
  const { facts, text } = await run('foreach-sprintf.php');
  const w = acao(facts)[0];
  assert.equal(str(text, w.nameSpan), 'Access-Control-Allow-Origin');
  assert.deepEqual(w.value.check.entries.map((e) => e.value), ['https://a.example.com', 'https://b.example.com']);
  assert.equal(facts.policies[0].origin.kind, 'list');
});

test('php: a denylist (the write runs when the Origin fails a test) checks nothing', async () => {
  const pre = "<?php\n$o = $_SERVER['HTTP_ORIGIN'] ?? '';\n";
  for (const cond of ["!in_array($o, ['https://evil.com'])", "$o !== 'https://evil.com'", "!str_ends_with($o, '.evil.com')", "!preg_match('/evil/', $o)"]) {
    const { facts } = await run('api.php', `${pre}if (${cond}) { header('Access-Control-Allow-Origin: ' . $o); }\n`);
    assert.equal(acao(facts)[0].value.checked, false, cond);
  }
});

test('php fix: a headers array gets one more entry; removing one entry keeps the call', async () => {
  const t = "<?php\nreturn new JsonResponse($d, 200, ['Access-Control-Allow-Origin' => '*', 'Access-Control-Allow-Credentials' => 'true']);\n";
  const r1 = await fix(t, (f) => ({ kind: 'add-header', afterWriteId: f.headerWrites[0].id, name: 'Vary', value: 'Origin' }));
  assert.equal(r1.out, "<?php\nreturn new JsonResponse($d, 200, ['Access-Control-Allow-Origin' => '*', 'Vary' => 'Origin', 'Access-Control-Allow-Credentials' => 'true']);\n");
  const r2 = await fix(t, (f) => ({ kind: 'remove-credentials', policyId: f.policies[0].id }));
  assert.equal(r2.out, "<?php\nreturn new JsonResponse($d, 200, ['Access-Control-Allow-Origin' => '*']);\n");
  const after = await run('api.php', r2.out);
  assert.equal(after.facts.policies[0].credentials, false);
});

test('php: named arguments, define() constants, try/catch responses, OPTIONS inside an && guard', async () => {
  const a = await run('api.php', "<?php\nheader(header: 'Access-Control-Allow-Origin: *', replace: false);\n$response->headers->set(key: 'Access-Control-Allow-Credentials', values: 'true');\n");
  assert.deepEqual(a.facts.headerWrites.map((w) => [w.name, w.op]), [['Access-Control-Allow-Origin', 'add'], ['Access-Control-Allow-Credentials', 'set']]);

  const b = await run('api.php', "<?php\ndefine('ALLOWED', ['https://a.com']);\n$o = $_SERVER['HTTP_ORIGIN'];\nif (in_array($o, ALLOWED, true)) { header(\"Access-Control-Allow-Origin: $o\"); }\n");
  assert.deepEqual(b.facts.policies[0].origin.entries.map((e) => e.value), ['https://a.com']);

  // the try block's response and the catch handler's are both sent, never merged into one
  const c = await run('api.php', "<?php\ntry {\n  header('Access-Control-Allow-Origin: *');\n  work();\n} catch (Exception $e) {\n  header('Access-Control-Allow-Origin: https://a.com');\n  exit;\n}\n");
  assert.deepEqual(c.facts.policies.map((p) => p.origin.kind).sort(), ['any', 'static']);

  const d = await run('api.php', "<?php\n$o = $_SERVER['HTTP_ORIGIN'];\nif (in_array($o, ['https://a.com'], true) && $_SERVER['REQUEST_METHOD'] === 'OPTIONS') {\n  header(\"Access-Control-Allow-Origin: $o\");\n  header('Access-Control-Allow-Methods: GET');\n  exit;\n}\n");
  assert.deepEqual(d.facts.headerWrites.map((w) => w.condition), ['options-only', 'options-only']);
  assert.equal(acao(d.facts)[0].value.check.kind, 'exact');
  assert.equal(d.facts.policies[0].answersPreflight, true);
});
