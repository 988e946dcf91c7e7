// The bundled language server spoken to over stdio, as an editor would.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { trackedClients, applyLspEdits } from './client.mjs';
import { root } from '../helpers.mjs';
import { rulePages } from '../../server/docs.mjs';

/** The page installed beside the bundle (dist/server/main.js → docs/rules/<id>.md), as a file: URI. */
const pageUri = (id) => pathToFileURL(join(root, 'docs/rules', `${id}.md`)).href;

const client = trackedClients();

const PHP = "<?php\nheader('Access-Control-Allow-Origin: *');\nheader('Access-Control-Allow-Credentials: true');\necho json_encode(['ok' => true]);\n";

function open(c, uri, languageId, text, version = 1) {
  c.notify('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
}

test('diagnostics on open carry code, codeDescription, source and the exact range', async () => {
  const c = client();
  const init = await c.initialize();
  assert.equal(init.capabilities.hoverProvider, true);
  const uri = 'file:///tmp/ws/api.php';
  open(c, uri, 'php', PHP);
  const diags = await c.diagnosticsFor(uri);
  const d = diags.find((x) => x.code === 'wildcard-origin-with-credentials');
  assert.ok(d, JSON.stringify(diags));
  assert.equal(d.source, 'cors-lint');
  assert.equal(d.severity, 1);
  // The rule link opens: it is the page installed with the server, and that page is the rule's documentation.
  assert.equal(d.codeDescription.href, pageUri('wildcard-origin-with-credentials'));
  const page = readFileSync(fileURLToPath(d.codeDescription.href), 'utf8');
  assert.equal(page, (await rulePages()).get('docs/rules/wildcard-origin-with-credentials.md'));
  assert.deepEqual(d.range, { start: { line: 1, character: 37 }, end: { line: 1, character: 38 } });
  assert.ok(d.relatedInformation?.length === 1, 'points at the credentials line');
  assert.equal(d.relatedInformation[0].location.range.start.line, 2);
  assert.equal((await c.stop()).code, 0);
});

test('a quick fix, applied, clears the finding; disable-for-line and show-docs actions exist', async () => {
  const c = client({ settings: { trustedOrigins: ['https://app.example.com'] } });
  await c.initialize();
  const uri = 'file:///tmp/ws/api.php';
  open(c, uri, 'php', PHP);
  const diags = await c.diagnosticsFor(uri);
  const d = diags.find((x) => x.code === 'wildcard-origin-with-credentials');
  const actions = await c.request('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
  const titles = actions.map((a) => a.title);
  assert.ok(titles.some((t) => /Allow only https:\/\/app\.example\.com/.test(t)), titles.join(' | '));
  assert.ok(titles.includes('Disable wildcard-origin-with-credentials for this line'));
  assert.ok(titles.some((t) => t.startsWith('Show documentation')));
  const fix = actions.find((a) => a.isPreferred);
  assert.ok(fix, 'a preferred fix');
  const fixed = applyLspEdits(PHP, fix.edit.changes[uri]);
  assert.match(fixed, /Access-Control-Allow-Origin: https:\/\/app\.example\.com'/);
  const since = c.notifications.length;
  c.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: fixed }] });
  const after2 = await c.diagnosticsFor(uri, since, 2);
  assert.deepEqual(after2.filter((x) => x.code === 'wildcard-origin-with-credentials'), []);

  // The disable comment silences the finding on the next line.
  const disable = actions.find((a) => a.title.startsWith('Disable'));
  const silenced = applyLspEdits(PHP, disable.edit.changes[uri]);
  assert.match(silenced, /\/\/ cors-lint-disable-next-line wildcard-origin-with-credentials\nheader/);
  const since3 = c.notifications.length;
  c.notify('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ text: silenced }] });
  const after3 = await c.diagnosticsFor(uri, since3, 3);
  assert.deepEqual(after3.filter((x) => x.code === 'wildcard-origin-with-credentials'), []);
  await c.stop();
});

test('incremental changes: only the newest version is published', async () => {
  const c = client();
  await c.initialize();
  const uri = 'file:///tmp/ws/inc.php';
  open(c, uri, 'php', PHP);
  await c.diagnosticsFor(uri, 0, 1);
  // Two quick incremental edits: '*' → 'https://a.com' in two steps.
  const since = c.notifications.length;
  c.notify('textDocument/didChange', {
    textDocument: { uri, version: 2 },
    contentChanges: [{ range: { start: { line: 1, character: 37 }, end: { line: 1, character: 38 } }, text: 'https://a.' }],
  });
  c.notify('textDocument/didChange', {
    textDocument: { uri, version: 3 },
    contentChanges: [{ range: { start: { line: 1, character: 47 }, end: { line: 1, character: 47 } }, text: 'com' }],
  });
  const latest = await c.diagnosticsFor(uri, since, 3);
  assert.deepEqual(latest.map((d) => d.code).filter((x) => x === 'wildcard-origin-with-credentials'), []);
  const published = c.notifications.slice(since).filter((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri);
  assert.equal(published.at(-1).params.version, 3, 'the last publication is for the newest version');
  await c.stop();
});

test('hover on CORS header names in every supported file type', async () => {
  const c = client();
  await c.initialize();
  const files = [
    ['file:///tmp/ws/api.php', 'php', PHP, 'Access-Control-Allow-Origin'],
    ['file:///tmp/ws/server.js', 'javascript', "res.setHeader('Access-Control-Allow-Credentials', 'true');\n", 'Access-Control-Allow-Credentials'],
    ['file:///tmp/ws/app.py', 'python', "resp.headers['Access-Control-Max-Age'] = '600'\n", 'Access-Control-Max-Age'],
    ['file:///tmp/ws/.htaccess', 'apacheconf', 'Header always set Access-Control-Expose-Headers "X-Total"\n', 'Access-Control-Expose-Headers'],
    ['file:///tmp/ws/nginx.conf', 'nginx', "location / { add_header Vary Origin always; add_header Access-Control-Allow-Methods 'GET'; }\n", 'Access-Control-Allow-Methods'],
    ['file:///tmp/ws/web.config', 'xml', '<configuration><system.webServer><httpProtocol><customHeaders><add name="Access-Control-Allow-Headers" value="Content-Type" /></customHeaders></httpProtocol></system.webServer></configuration>\n', 'Access-Control-Allow-Headers'],
  ];
  for (const [uri, lang, text, header] of files) {
    open(c, uri, lang, text);
    const off = text.indexOf(header) + 5;
    const before = text.slice(0, off);
    const line = before.split('\n').length - 1;
    const character = off - (before.lastIndexOf('\n') + 1);
    const h = await c.request('textDocument/hover', { textDocument: { uri }, position: { line, character } });
    assert.ok(h, `hover in ${uri}`);
    assert.equal(h.contents.kind, 'markdown');
    assert.ok(h.contents.value.includes(header), `${uri}: ${h.contents.value.slice(0, 80)}`);
    assert.ok(h.contents.value.includes('fetch.spec.whatwg.org'));
  }
  // Every CORS request and response header has its own hover.
  const names = ['Origin', 'Access-Control-Request-Method', 'Access-Control-Request-Headers', 'Access-Control-Allow-Origin',
    'Access-Control-Allow-Credentials', 'Access-Control-Allow-Methods', 'Access-Control-Allow-Headers',
    'Access-Control-Expose-Headers', 'Access-Control-Max-Age', 'Vary', 'Access-Control-Allow-Private-Network', 'Timing-Allow-Origin'];
  const all = "// cors\n" + names.map((n) => `res.setHeader('${n}', 'x');`).join('\n') + '\n';
  open(c, 'file:///tmp/ws/all.js', 'javascript', all);
  for (const [i, n] of names.entries()) {
    const hv = await c.request('textDocument/hover', { textDocument: { uri: 'file:///tmp/ws/all.js' }, position: { line: i + 1, character: 16 } });
    assert.ok(hv, `hover for ${n}`);
    const firstLine = hv.contents.value.split('\n').find((l) => l.trim());
    assert.ok(firstLine.includes(n), `hover for ${n} starts with its name: ${firstLine}`);
  }
  // Request headers too.
  const js = "fetch(url, { headers: { 'Access-Control-Request-Headers': 'x' } });\nres.setHeader('Access-Control-Allow-Origin', '*');\n";
  open(c, 'file:///tmp/ws/req.js', 'javascript', js);
  const h = await c.request('textDocument/hover', { textDocument: { uri: 'file:///tmp/ws/req.js' }, position: { line: 0, character: 30 } });
  assert.ok(h?.contents.value.includes('Access-Control-Request-Headers'));
  await c.stop();
});

test('settings change: a rule set to off disappears', async () => {
  const c = client();
  await c.initialize();
  const uri = 'file:///tmp/ws/api.php';
  open(c, uri, 'php', PHP);
  assert.ok((await c.diagnosticsFor(uri)).some((d) => d.code === 'wildcard-origin-with-credentials'));
  c.settings = { rules: { 'wildcard-origin-with-credentials': 'off' } };
  const since = c.notifications.length;
  c.notify('workspace/didChangeConfiguration', { settings: { corsLint: c.settings } });
  const diags = await c.diagnosticsFor(uri, since);
  assert.ok(!diags.some((d) => d.code === 'wildcard-origin-with-credentials'));
  await c.stop();
});

test('pull diagnostics for clients that ask', async () => {
  const c = client({ capabilities: { textDocument: { diagnostic: {} } } });
  const init = await c.initialize();
  assert.ok(init.capabilities.diagnosticProvider);
  const uri = 'file:///tmp/ws/api.php';
  open(c, uri, 'php', PHP);
  const report = await c.request('textDocument/diagnostic', { textDocument: { uri } });
  assert.equal(report.kind, 'full');
  assert.ok(report.items.some((d) => d.code === 'wildcard-origin-with-credentials'));
  await c.stop();
});

test('bad input never kills the server', async () => {
  const c = client();
  await c.initialize();
  const junk = Buffer.from(Array.from({ length: 4000 }, (_, i) => (i * 7919) % 256)).toString('latin1');
  const cases = [
    ['file:///tmp/ws/bin.php', 'php', junk],
    ['file:///tmp/ws/half.js', 'javascript', "const cors = require('cors');\napp.use(cors({ origin: '*', credentials: tr"],
    ['file:///tmp/ws/half.py', 'python', 'from flask_cors import CORS\nCORS(app, origins=["https://a.com"'],
    ['file:///tmp/ws/.htaccess', 'apacheconf', '<IfModule mod_headers.c>\nHeader set Access-Control-Allow-Origin "https://a.com'],
    ['file:///tmp/ws/nginx.conf', 'nginx', 'server { location / { add_header Access-Control-Allow-Origin "*'],
    ['file:///tmp/ws/web.config', 'xml', '<configuration><system.webServer><httpProtocol><customHeaders><add name="Access-Control-Allow-Origin" value='],
    ['file:///tmp/ws/huge.js', 'javascript', "res.setHeader('Access-Control-Allow-Origin', '*');\n".repeat(60000)],
  ];
  for (const [uri, lang, text] of cases) {
    open(c, uri, lang, text);
    await c.diagnosticsFor(uri);
    await c.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 3 } });
    await c.request('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, context: { diagnostics: [] } });
  }
  // A hover on a document that was never opened, and a malformed message.
  assert.equal(await c.request('textDocument/hover', { textDocument: { uri: 'file:///nope.php' }, position: { line: 0, character: 0 } }), null);
  c.writeRaw('{"jsonrpc":"2.0","id":999,"method":"textDocument/hover","params":{"textDocument":null}}');
  c.writeRaw('{ this is not json');
  const ids = await c.request('corsLint/ruleIds', null);
  assert.ok(ids.includes('reflected-origin'));
  assert.equal(c.proc.exitCode, null, 'still running');
  assert.equal((await c.stop()).code, 0);
});

test('rule documentation request: the markdown and the installed page', async () => {
  const c = client();
  await c.initialize();
  const doc = await c.request('corsLint/ruleDocumentation', { ruleId: 'null-origin-allowed' });
  assert.match(doc.markdown, /^# null-origin-allowed/);
  assert.equal(doc.uri, pageUri('null-origin-allowed'));
  assert.equal(await c.request('corsLint/ruleDocumentation', { ruleId: 'nope' }), null);
  await c.stop();
});

test('"Show documentation" for editors without our client command: window/showDocument of the installed page', async () => {
  const c = client({ capabilities: { window: { showDocument: { support: true } } } });
  await c.initialize();
  const uri = 'file:///tmp/ws/docs.php';
  open(c, uri, 'php', PHP);
  const d = (await c.diagnosticsFor(uri)).find((x) => x.code === 'wildcard-origin-with-credentials');
  const actions = await c.request('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
  const show = actions.find((a) => a.title.startsWith('Show documentation'));
  assert.equal(show.command.command, 'corsLint.server.openRuleDocumentation');
  assert.equal(await c.request('workspace/executeCommand', { command: show.command.command, arguments: show.command.arguments }), null);
  const req = c.serverRequests.find((m) => m.method === 'window/showDocument');
  assert.ok(req, 'the server asked the editor to show a document');
  assert.equal(req.params.uri, pageUri('wildcard-origin-with-credentials'));
  assert.ok(!req.params.external, 'opened in the editor, not handed to a browser');
  await c.stop();
});

test('nginx include: the server reads the included file from disk and reports at the include line', async () => {
  const { mkdtempSync, mkdirSync, writeFileSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const dir = mkdtempSync(join(tmpdir(), 'cors-lint-lsp-inc-'));
  try {
    mkdirSync(join(dir, 'snippets'));
    writeFileSync(join(dir, 'snippets/cors.conf'), "add_header Access-Control-Allow-Origin '*' always;\nadd_header Access-Control-Allow-Credentials 'true' always;\n");
    const c = client();
    await c.initialize();
    const uri = `file://${dir}/nginx.conf`;
    const text = 'server {\n  listen 80;\n  location /api/ {\n    include snippets/cors.conf;\n  }\n}\n';
    open(c, uri, 'nginx', text);
    const diags = await c.diagnosticsFor(uri);
    const d = diags.find((x) => x.code === 'wildcard-origin-with-credentials');
    assert.ok(d, JSON.stringify(diags));
    assert.equal(d.range.start.line, 3, 'on the include line');
    const actions = await c.request('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
    assert.ok(actions.every((a) => !a.edit || a.title.startsWith('Disable')), 'no fix edits the including file for settings of another file');
    await c.stop();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('settings: enable=false publishes nothing; run=onSave analyses saved text only', async () => {
  const off = client({ settings: { enable: false } });
  await off.initialize();
  open(off, 'file:///tmp/ws/off.php', 'php', PHP);
  assert.deepEqual(await off.diagnosticsFor('file:///tmp/ws/off.php'), []);
  await off.stop();

  const c = client({ settings: { run: 'onSave' } });
  await c.initialize();
  const uri = 'file:///tmp/ws/save.php';
  const clean = "<?php\nheader('Access-Control-Allow-Origin: https://app.example.com');\n";
  open(c, uri, 'php', clean);
  assert.deepEqual(await c.diagnosticsFor(uri, 0, 1), []);
  // Typing the problem in: no new analysis until the file is saved.
  c.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: PHP }] });
  const pulled = await c.request('corsLint/ruleIds', null); // a round trip: the change has been processed
  assert.ok(pulled.length > 0);
  assert.ok(!c.notifications.some((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri && m.params.version === 2));
  const since = c.notifications.length;
  c.notify('textDocument/didSave', { textDocument: { uri } });
  const saved = await c.diagnosticsFor(uri, since);
  assert.ok(saved.some((d) => d.code === 'wildcard-origin-with-credentials'), JSON.stringify(saved));
  await c.stop();
});
