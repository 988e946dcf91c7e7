// The code-analysis engine (server/src/code): adapters, constants, the request Origin, conditions and guards,
// the same questions asked of JavaScript, Python and PHP.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ensureGrammar, parseWith } from '../../dist/lib/syntax/treeSitter.js';
import { codeOf, collectWrites, envOf, evaluate, classify, JS_TABLE, PY_TABLE, PHP_TABLE } from '../../dist/lib/code/index.js';
import { callStartingWith as find, callsWithGuards } from './../helpers.mjs';

const TABLES = { javascript: JS_TABLE, python: PY_TABLE, php: PHP_TABLE };

async function load(lang, text) {
  assert.ok(await ensureGrammar(lang));
  const tree = parseWith(lang, text);
  return codeOf(tree.rootNode, text, TABLES[lang]);
}

test('engine: a presence test guards nothing, in every language', async () => {
  const cases = {
    python: `origin = request.headers.get("Origin")\nif origin:\n    resp.headers["Access-Control-Allow-Origin"] = origin\n    resp.headers.set("X", origin)\n`,
    javascript: `function h(req, res) { const origin = req.headers.origin; if (origin) { res.setHeader('Access-Control-Allow-Origin', origin); } }`,
    php: `<?php $origin = $_SERVER['HTTP_ORIGIN'] ?? ''; if ($origin) { header("Access-Control-Allow-Origin: $origin"); }`,
  };
  for (const [lang, text] of Object.entries(cases)) {
    const calls = callsWithGuards(await load(lang, text));
    const w = calls.find((c) => /setHeader|headers\.set|header\(/.test(c.text));
    assert.ok(w, lang);
    assert.equal(w.guards.present, true, lang);
    assert.deepEqual(w.guards.checks, [], lang);
  }
});

test('engine: allowlist membership is an exact check with its entries', async () => {
  const cases = {
    python: `ALLOWED = ["https://a.com", "https://b.com"]\ndef f():\n    origin = request.headers.get("Origin")\n    if origin in ALLOWED:\n        resp.headers.set("Access-Control-Allow-Origin", origin)\n`,
    javascript: `const allowed = ['https://a.com', 'https://b.com'];\napp.use((req, res, next) => { const o = req.get('origin'); if (allowed.includes(o)) res.set('Access-Control-Allow-Origin', o); next(); });`,
    php: `<?php $allowed = ['https://a.com', 'https://b.com'];\n$o = $_SERVER['HTTP_ORIGIN'];\nif (in_array($o, $allowed, true)) { header('Access-Control-Allow-Origin: ' . $o); }`,
  };
  for (const [lang, text] of Object.entries(cases)) {
    const calls = callsWithGuards(await load(lang, text));
    const w = calls.find((c) => /^(resp\.headers\.set|res\.set|header)\(/.test(c.text));
    assert.ok(w, lang);
    assert.equal(w.guards.checks.length, 1, lang);
    const check = w.guards.checks[0].check;
    assert.equal(check.kind, 'exact', lang);
    assert.deepEqual(check.entries.map((e) => e.value), ['https://a.com', 'https://b.com'], lang);
    const o = w.args.find((a) => a.k === 'origin' || a.k === 'concat');
    assert.ok(o, `${lang}: the origin flows into the value`);
  }
});

test('engine: suffix, prefix, substring and regex tests', async () => {
  const js = await load('javascript', `function h(req, res) {
  const o = req.headers.origin;
  if (o.endsWith('example.com')) res.setHeader('A', o);
  if (o.indexOf('https://a') === 0) res.setHeader('B', o);
  if (/^https:\\/\\/a\\.com$/.test(o)) res.setHeader('C', o);
  if (o.includes('a.com')) res.setHeader('D', o);
  if (['x'].indexOf(o) !== -1) res.setHeader('E', o);
}`);
  const calls = callsWithGuards(js);
  assert.equal(find(calls, "res.setHeader('A'").guards.checks[0].check.kind, 'suffix');
  assert.equal(find(calls, "res.setHeader('B'").guards.checks[0].check.kind, 'prefix');
  const re = find(calls, "res.setHeader('C'").guards.checks[0].check;
  assert.equal(re.kind, 'regex');
  assert.equal(re.entries[0].value, '^https:\\/\\/a\\.com$');
  assert.equal(find(calls, "res.setHeader('D'").guards.checks[0].check.kind, 'substring');
  assert.deepEqual(find(calls, "res.setHeader('E'").guards.checks[0].check.entries.map((e) => e.value), ['x']);

  const py = await load('python', `import re\nPAT = re.compile(r"^https://.*\\.a\\.com$")\ndef f(resp):\n    o = request.headers.get('Origin', '')\n    if o.endswith('.a.com'):\n        resp.headers['A'] = o\n    if PAT.match(o):\n        resp.headers.add('B', o)\n    if re.match(r'^https://b', o):\n        resp.headers.add('C', o)\n`);
  const pc = callsWithGuards(py);
  assert.equal(find(pc, "resp.headers.add('B'").guards.checks[0].check.kind, 'regex');
  assert.equal(find(pc, "resp.headers.add('B'").guards.checks[0].check.entries[0].value, '^https://.*\\.a\\.com$');
  assert.equal(find(pc, "resp.headers.add('C'").guards.checks[0].check.entries[0].value, '^https://b');

  const php = await load('php', `<?php\n$o = $request->headers->get('Origin');\nif (preg_match('/^https:\\/\\/a\\.com$/', $o)) { $response->headers->set('A', $o); }\nif (strpos($o, 'a.com') !== false) { $response->headers->set('B', $o); }\nif (str_ends_with($o, '.a.com')) { $response->headers->set('C', $o); }`);
  const hc = callsWithGuards(php);
  assert.equal(find(hc, "$response->headers->set('A'").guards.checks[0].check.kind, 'regex');
  assert.equal(find(hc, "$response->headers->set('B'").guards.checks[0].check.kind, 'substring');
  assert.equal(find(hc, "$response->headers->set('C'").guards.checks[0].check.kind, 'suffix');
});

test('engine: early exits, else branches, OPTIONS tests and && guards', async () => {
  const js = await load('javascript', `const allowed = new Set(['https://a.com']);
app.use(function (req, res, next) {
  if (!allowed.includes(req.headers.origin)) return next();
  res.setHeader('A', req.headers.origin);
  if (req.method === 'OPTIONS') { res.setHeader('B', 'x'); return res.end(); }
  res.setHeader('C', 'y');
  req.method.toUpperCase() !== 'OPTIONS' && res.setHeader('D', 'z');
});`);
  const c = callsWithGuards(js);
  assert.equal(find(c, "res.setHeader('A'").guards.checks[0].check.kind, 'exact');
  assert.equal(find(c, "res.setHeader('B'").guards.method, 'options-only');
  assert.equal(find(c, "res.setHeader('C'").guards.method, 'non-options');
  assert.equal(find(c, "res.setHeader('D'").guards.method, 'non-options');

  const py = await load('python', `def after(resp):\n    if request.method == 'OPTIONS':\n        resp.headers['A'] = '1'\n    elif request.headers.get('Origin') == 'https://a.com':\n        resp.headers.set('B', request.headers.get('Origin'))\n    else:\n        abort(403)\n`);
  const p = callsWithGuards(py);
  const b = find(p, "resp.headers.set('B'");
  assert.equal(b.guards.method, 'non-options');
  assert.deepEqual(b.guards.checks[0].check.entries.map((e) => e.value), ['https://a.com']);

  const php = await load('php', `<?php\nif ($_SERVER['REQUEST_METHOD'] === 'OPTIONS') { header('A: 1'); exit; }\nheader('B: 2');`);
  const h = callsWithGuards(php);
  assert.equal(find(h, "header('A").guards.method, 'options-only');
  assert.equal(find(h, "header('B").guards.method, 'non-options');
});

test('engine: constants, joins, f-strings and reassigned names', async () => {
  const py = await load('python', `METHODS = ["GET", "POST"]\nSEP = ", "\nx = 1\nx = 2\nh = SEP.join(METHODS)\nv = f"{h}!"\n`);
  const env = envOf(py);
  const body = py.program.body;
  assert.equal(evaluate(body.at(-2).value, env).value, 'GET, POST');
  assert.equal(evaluate(body.at(-1).value, env).value, 'GET, POST!');
  assert.equal(evaluate({ k: 'name', name: 'x', span: body[2].span }, env).k, 'unknown');

  const js = await load('javascript', `let a = 'x'; a = 'y'; const b = ['GET', 'PUT'].join(','); const { origin } = req.headers;`);
  const je = envOf(js);
  assert.equal(evaluate({ k: 'name', name: 'a', span: js.program.body[0].span }, je).k, 'unknown');
  assert.equal(evaluate({ k: 'name', name: 'b', span: js.program.body[0].span }, je).value, 'GET,PUT');
  assert.equal(evaluate({ k: 'name', name: 'origin', span: js.program.body[0].span }, je).k, 'origin');

  // PHP functions do not see outer variables; closures see what they `use`
  const php = await load('php', `<?php $o = $_SERVER['HTTP_ORIGIN'];\nfunction f() { header("Access-Control-Allow-Origin: $o"); }\n$g = function () use ($o) { header("Access-Control-Allow-Origin: $o"); };`);
  const calls = callsWithGuards(php);
  const [inF, inG] = calls.filter((c) => c.text.startsWith('header('));
  assert.equal(inF.args[0].parts.some((p) => p.k === 'origin'), false);
  assert.equal(inG.args[0].parts.some((p) => p.k === 'origin'), true);
});

test('engine: Python lists and dicts changed in place are not constants; class bases and attributes', async () => {
  const py = await load('python', `A = ["https://a.com"]\nA.append("https://b.com")\nB = {"origins": "x"}\nB["origins"] = "y"\nC = {"k": ["z"]}\nC["k"].append("w")\nD = {"k": 1}\ndel D["k"]\nE = ["kept"]\nclass Base:\n    X = 1\n    X = 2\nclass Sub(Base, metaclass=M):\n    Y += 1\n`);
  const env = envOf(py);
  const at = py.program.body[0].span;
  for (const n of ['A', 'B', 'C', 'D']) assert.equal(evaluate({ k: 'name', name: n, span: at }, env).k, 'unknown', n);
  assert.equal(evaluate({ k: 'name', name: 'E', span: at }, env).k, 'list');
  const [base, sub] = py.scopes.classes;
  assert.deepEqual(base.bases, []);
  assert.deepEqual(base.attrs.map((a) => evaluate(a.value, env).value), [1, 2], 'every assignment of the class body, in order');
  assert.deepEqual(sub.bases.map((b) => b.name), ['Base'], 'keyword arguments are not bases');
  assert.equal(sub.attrs[0].value.k, 'unknown', '`Y += 1` is not followed');
});

test('engine: half-typed and deeply nested code neither throws nor loses the rest', async () => {
  const deep = 'if (a) {'.repeat(2000) + '}'.repeat(2000);
  const js = await load('javascript', `function h(req, res) { res.setHeader('X', req.headers.origin); }\n${deep}\nfunction g(req, res) { res.setHeader('Y', req.headers.origin`);
  const calls = callsWithGuards(js);
  assert.ok(calls.some((c) => c.text.startsWith("res.setHeader('X'")));
  const py = await load('python', `def f(:\n  resp.headers['A'] = request.origin\n`);
  callsWithGuards(py);
  const c = classify({ k: 'unknown', span: { start: 0, end: 0 } }, true, envOf(py));
  assert.equal(c.k, 'none');
});

test('engine: bindingOf tells where a name comes from (import, require, destructured require)', async () => {
  const { bindingOf } = await import('../../dist/lib/code/index.js');
  const text = "import cors from '@koa/cors';\nimport { cors as honoCors } from 'hono/cors';\nconst Hapi = require('@hapi/hapi');\nconst { server } = require('@hapi/hapi');\nfunction f(ctx) { return ctx; }\n";
  const code = await load('javascript', text);
  const env = envOf(code);
  const b = (n) => bindingOf(n, env)?.b;
  assert.deepEqual({ ...b('cors') }, { k: 'import', name: 'cors', module: '@koa/cors', imported: 'default' });
  assert.equal(b('honoCors').imported, 'cors');
  assert.equal(b('Hapi').k, 'value');
  assert.equal(code.text.slice(b('Hapi').value.span.start, b('Hapi').value.span.end), "require('@hapi/hapi')");
  assert.equal(b('server').prop, 'server');
  assert.equal(b('f').k, 'func');
  assert.equal(bindingOf('nothing', env), undefined);
});

test('engine writes: a fixed header with a list value, and `del x[Name]` as a removal', async () => {
  const text = 'def mw(request, response):\n    patch(response, ["Origin", "Cookie"])\n    del response["X-A"], other["X-B"]\n    patch(response, NAMES)\n';
  const code = await load('python', text);
  const table = {
    extractor: 't',
    calls: [
      { fn: 'patch', header: 'Vary', value: 1, op: 'add', minArgs: 2 },
      { fn: 'del', item: 0, recv: (o) => o.k === 'name' && o.name === 'response', op: 'set' },
    ],
    assigns: [],
    stringify: () => undefined,
    wanted: () => true,
  };
  const got = collectWrites(code, table).map((s) => [s.write.name, s.write.op, s.write.value.kind === 'literal' ? s.write.value.text : s.write.value.kind, text.slice(s.write.nameSpan.start, s.write.nameSpan.end)]);
  assert.deepEqual(got, [
    ['Vary', 'add', 'Origin, Cookie', 'patch'],
    ['X-A', 'unset', 'unknown', 'X-A'], // `other` does not pass recv: X-B is not removed from a response
    ['Vary', 'add', 'unknown', 'patch'],
  ]);
});

test('engine: an opaque flag or a check-like helper guards as an unknown check, in every language', async () => {
  const cases = {
    python: `def f(resp, allowed):\n    origin = request.headers.get("Origin")\n    if allowed:\n        resp.headers.set("A", origin)\n    if is_allowed_origin():\n        resp.headers.set("B", origin)\n    if headers_sent():\n        resp.headers.set("C", origin)\n`,
    javascript: `function h(req, res, allowed) { const o = req.headers.origin; if (allowed) res.setHeader('A', o); if (isAllowedOrigin()) res.setHeader('B', o); if (headersSent()) res.setHeader('C', o); }`,
    php: `<?php $o = $_SERVER['HTTP_ORIGIN'];\nforeach ($list as $x) { if ($x === $o) { $ok = true; } }\nif ($ok === true) { header('A: ' . $o); }\nif (isAllowedOrigin()) { header('B: ' . $o); }\nif (headers_sent()) { header('C: ' . $o); }`,
  };
  for (const [lang, text] of Object.entries(cases)) {
    const calls = callsWithGuards(await load(lang, text));
    const at = (name) => calls.find((c) => new RegExp(`\\(['"]${name}`).test(c.text));
    assert.equal(at('A').guards.checks[0]?.check.kind, 'unknown', `${lang}: flag`);
    assert.equal(at('B').guards.checks[0]?.check.kind, 'unknown', `${lang}: helper`);
    assert.deepEqual(at('C').guards.checks, [], `${lang}: unrelated call`);
    assert.equal(at('C').guards.other, true, lang);
  }
});

test('engine: a denylist test (the origin fails it) is no check; its negation in an early exit is', async () => {
  const cases = {
    python: `def f(resp):\n    o = request.headers.get("Origin")\n    if o not in BLOCKED:\n        resp.headers.set("A", o)\n    if o != "https://evil.com":\n        resp.headers.set("B", o)\n`,
    javascript: `const BLOCKED = ['https://evil.com'];\nfunction h(req, res) { const o = req.headers.origin; if (!BLOCKED.includes(o)) res.setHeader('A', o); if (o !== 'https://evil.com') res.setHeader('B', o); }`,
    php: `<?php $o = $_SERVER['HTTP_ORIGIN'];\nif (!in_array($o, ['https://evil.com'])) { header('A: ' . $o); }\nif ($o !== 'https://evil.com') { header('B: ' . $o); }`,
  };
  for (const [lang, text] of Object.entries(cases)) {
    const calls = callsWithGuards(await load(lang, text));
    for (const name of ['A', 'B']) {
      const c = calls.find((x) => new RegExp(`\\(['"]${name}`).test(x.text));
      assert.deepEqual(c.guards.checks.filter((k) => k.check.kind !== 'unknown'), [], `${lang} ${name}`);
      assert.ok(!c.guards.checks.some((k) => k.check.entries), `${lang} ${name}`);
    }
  }
});

test('engine: PHP idioms — sprintf, PCRE delimiters, class constants, foreach variables, switch fall-through, isset($map[$o])', async () => {
  const code = await load('php', `<?php
class C {
  const LIST = ['https://a.com', 'https://b.com'];
  function f() {
    $o = $_SERVER['HTTP_ORIGIN'];
    $line = sprintf('X: %s', $o);
    if (in_array($o, self::LIST, true)) { header('A: ' . $o); }
    if (preg_match('#^https://c\\.com$#i', $o)) { header('B: ' . $o); }
    foreach (['https://d.com', 'https://e.com'] as $ok) { if ($o === $ok) { header('C: ' . $o); } }
    switch ($o) { case 'https://f.com': case 'https://g.com': header('D: ' . $o); break; }
    $map = ['https://h.com' => true];
    if (isset($map[$o])) { header('E: ' . $o); }
  }
}`);
  const calls = callsWithGuards(code);
  const entries = (name) => find(calls, `header('${name}`).guards.checks[0].check.entries.map((e) => e.value);
  assert.deepEqual(entries('A'), ['https://a.com', 'https://b.com']);
  assert.deepEqual(entries('B'), ['^https://c\\.com$']);
  assert.equal(code.text.slice(...Object.values(find(calls, "header('B").guards.checks[0].check.entries[0].span)), '^https://c\\.com$');
  assert.deepEqual(entries('C'), ['https://d.com', 'https://e.com']);
  assert.deepEqual(entries('D'), ['https://f.com', 'https://g.com']);
  assert.deepEqual(entries('E'), ['https://h.com']);
  const s = find(calls, 'sprintf(');
  const env = envOf(code, code.scopes.module.children[0].fn);
  const v = evaluate(code.program.body[0].body[1].fn.body[1].value, env);
  assert.equal(v.k, 'concat');
  assert.deepEqual(v.parts.map((p) => p.k), ['str', 'origin']);
  assert.equal(code.text.slice(v.parts[0].lit.inner.start, v.parts[0].lit.inner.end), 'X: ');
  assert.ok(s);
});
