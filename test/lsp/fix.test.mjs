// Fixes as ESLint users know them, through the bundled server over stdio: one preferred fix per finding,
// the most severe finding's actions first, and `source.fixAll.cors-lint`.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { LspClient, applyLspEdits } from './client.mjs';

const clients = [];
after(() => {
  for (const c of clients) if (c.proc.exitCode === null) c.proc.kill('SIGKILL');
});
async function start(settings) {
  const c = new LspClient({ settings });
  clients.push(c);
  const init = await c.initialize();
  return { c, init };
}

// An info (max-age) on line 2 comes before the error (reflected origin + credentials) and a warning (no Vary) on line 3.
const JS = [
  "const cors = require('cors');",
  "app.use('/public', cors({ maxAge: 86400 }));",
  "app.get('/me', (req, res) => { res.header('Access-Control-Allow-Origin', req.headers.origin); res.header('Access-Control-Allow-Credentials', 'true'); res.json({}); });",
  '',
].join('\n');

async function openAndWait(c, uri, languageId, text) {
  c.notify('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
  return c.diagnosticsFor(uri);
}

test('actions: most severe finding first, exactly one preferred fix per finding, fixes before disable/docs', async () => {
  const { c, init } = await start({ trustedOrigins: ['https://app.example.com'] });
  assert.ok(init.capabilities.codeActionProvider.codeActionKinds.includes('source.fixAll.cors-lint'));
  const uri = 'file:///tmp/ws-fix/server.js';
  const diags = await openAndWait(c, uri, 'javascript', JS);
  const codes = diags.map((d) => d.code).sort();
  assert.ok(codes.includes('reflected-origin-with-credentials') && codes.includes('missing-vary-origin'), codes.join());
  // As Neovim and Helix ask: every diagnostic of the line range, in document order, no filter.
  const inOrder = [...diags].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  const actions = await c.request('textDocument/codeAction', {
    textDocument: { uri },
    range: { start: { line: 0, character: 0 }, end: { line: 3, character: 0 } },
    context: { diagnostics: inOrder, triggerKind: 1 },
  });
  const first = actions[0];
  assert.equal(first.diagnostics[0].code, 'reflected-origin-with-credentials', actions.map((a) => a.title).join(' | '));
  assert.equal(first.isPreferred, true, 'the error\'s safe fix comes first and is preferred');
  for (const d of diags) {
    const mine = actions.filter((a) => a.kind === 'quickfix' && a.diagnostics?.[0]?.message === d.message);
    assert.ok(mine.filter((a) => a.isPreferred).length <= 1, `at most one preferred fix for ${d.code}`);
  }
  const kinds = actions.map((a) => (a.title.startsWith('Disable') ? 'disable' : a.title.startsWith('Show documentation') ? 'docs' : a.kind === 'quickfix' ? 'fix' : a.kind));
  assert.deepEqual(kinds, [...kinds].sort((a, b) => ['fix', 'disable', 'docs', 'source.fixAll.cors-lint'].indexOf(a) - ['fix', 'disable', 'docs', 'source.fixAll.cors-lint'].indexOf(b)));
  assert.equal(kinds.at(-1), 'source.fixAll.cors-lint', 'an invoked request without filter also offers fix-all');
  await c.stop();
});

test('source.fixAll.cors-lint applies every safe fix; the document is clean after it', async () => {
  const { c } = await start({ trustedOrigins: ['https://app.example.com'] });
  const uri = 'file:///tmp/ws-fix/all.js';
  await openAndWait(c, uri, 'javascript', JS);
  const actions = await c.request('textDocument/codeAction', {
    textDocument: { uri },
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    context: { diagnostics: [], only: ['source.fixAll'], triggerKind: 1 },
  });
  assert.equal(actions.length, 1, JSON.stringify(actions));
  assert.equal(actions[0].kind, 'source.fixAll.cors-lint');
  const fixed = applyLspEdits(JS, actions[0].edit.changes[uri]);
  assert.match(fixed, /'Access-Control-Allow-Origin', 'https:\/\/app\.example\.com'/);
  assert.match(fixed, /maxAge: 7200/);
  const since = c.notifications.length;
  c.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: fixed }] });
  assert.deepEqual(await c.diagnosticsFor(uri, since, 2), []);
  // Nothing left to fix: no fix-all action.
  const none = await c.request('textDocument/codeAction', {
    textDocument: { uri },
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    context: { diagnostics: [], only: ['source.fixAll.cors-lint'] },
  });
  assert.deepEqual(none, []);
  await c.stop();
});

test('without trustedOrigins fix-all leaves the reflected origin alone (it needs a choice); quick-fix requests skip fix-all', async () => {
  const { c } = await start({});
  const uri = 'file:///tmp/ws-fix/choice.js';
  const diags = await openAndWait(c, uri, 'javascript', JS);
  const auto = await c.request('textDocument/codeAction', {
    textDocument: { uri },
    range: diags[0].range,
    context: { diagnostics: diags, triggerKind: 2 },
  });
  assert.ok(!auto.some((a) => a.kind === 'source.fixAll.cors-lint'), 'automatic requests do not compute fix-all');
  const reflected = diags.find((d) => d.code === 'reflected-origin-with-credentials');
  const offered = auto.filter((a) => a.diagnostics?.[0]?.code === reflected.code && a.kind === 'quickfix' && a.edit && !a.title.startsWith('Disable'));
  assert.ok(offered.length > 0 && offered.every((a) => !a.isPreferred), 'a fix with a placeholder origin is offered but not preferred');
  const [all] = await c.request('textDocument/codeAction', {
    textDocument: { uri },
    range: diags[0].range,
    context: { diagnostics: [], only: ['source'] },
  });
  const fixed = applyLspEdits(JS, all.edit.changes[uri]);
  assert.match(fixed, /req\.headers\.origin/, 'the reflected origin stays');
  assert.match(fixed, /maxAge: 7200/);
  await c.stop();
});

test('code actions with bad parameters answer an empty list, not an error', async () => {
  const { c } = await start({});
  assert.deepEqual(await c.request('textDocument/codeAction', { textDocument: { uri: 'file:///nope.js' }, range: null, context: null }), []);
  await c.stop();
});
