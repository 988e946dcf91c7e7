// Settings for clients that do not (usefully) answer `workspace/configuration`: initializationOptions and
// workspace/didChangeConfiguration, through the bundled server over stdio.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { trackedClients } from './client.mjs';

const client = trackedClients();

const PHP = "<?php\nheader('Access-Control-Allow-Origin: *');\nheader('Access-Control-Allow-Credentials: true');\n";
const RULE = 'wildcard-origin-with-credentials';
const FROM_INIT = 'https://init.example.com';
const FROM_CLIENT = 'https://per-resource.example.com';
const PLACEHOLDER = 'https://trusted-origin.example';
/** The server publishes within this after a didOpen, whatever the client does with configuration. */
const BOUND_MS = 3000;

let n = 0;
/** Opens the PHP file; resolves to its first diagnostics (within BOUND_MS). */
async function openPhp(c) {
  const uri = `file:///tmp/ws/settings-${++n}.php`;
  const since = c.notifications.length;
  c.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'php', version: 1, text: PHP } });
  const m = await c.waitFor((x) => x.method === 'textDocument/publishDiagnostics' && x.params.uri === uri, BOUND_MS, since);
  return { uri, diagnostics: m.params.diagnostics };
}

/** The origin the "Allow only …" quick fix writes (the trusted origin in effect, or the placeholder). */
async function fixOrigin(c, uri, diagnostics) {
  const d = diagnostics.find((x) => x.code === RULE);
  assert.ok(d, JSON.stringify(diagnostics));
  const actions = await c.request('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
  const fix = actions.find((a) => a.title.startsWith('Allow only'));
  assert.ok(fix, actions.map((a) => a.title).join(' | '));
  return fix.edit.changes[uri].map((e) => e.newText).join('');
}

test('no workspace/configuration capability: every initializationOptions form is read, nothing is asked', async () => {
  const section = { trustedOrigins: [FROM_INIT] };
  for (const initializationOptions of [{ corsLint: section }, { settings: { corsLint: section } }, { settings: section }]) {
    const c = client({ advertiseConfiguration: false, initializationOptions });
    await c.initialize();
    const { uri, diagnostics } = await openPhp(c);
    assert.equal(await fixOrigin(c, uri, diagnostics), FROM_INIT, JSON.stringify(initializationOptions));
    assert.equal(c.configurationRequests.length, 0);
    await c.stop();
  }
});

test('no workspace/configuration capability: didChangeConfiguration settings apply and re-check open files', async () => {
  const c = client({ advertiseConfiguration: false });
  await c.initialize();
  const { uri, diagnostics } = await openPhp(c);
  assert.equal(await fixOrigin(c, uri, diagnostics), PLACEHOLDER, 'the placeholder without settings');
  let since = c.notifications.length;
  c.notify('workspace/didChangeConfiguration', { settings: { corsLint: { trustedOrigins: [FROM_INIT] } } });
  const again = await c.diagnosticsFor(uri, since);
  assert.equal(await fixOrigin(c, uri, again), FROM_INIT);
  since = c.notifications.length;
  c.notify('workspace/didChangeConfiguration', { settings: { corsLint: { rules: { [RULE]: 'off' } } } });
  assert.ok(!(await c.diagnosticsFor(uri, since)).some((d) => d.code === RULE));
  // A notification without the section (VS Code's "ask me again") keeps the settings.
  since = c.notifications.length;
  c.notify('workspace/didChangeConfiguration', { settings: null });
  assert.ok(!(await c.diagnosticsFor(uri, since)).some((d) => d.code === RULE));
  assert.equal(c.configurationRequests.length, 0);
  await c.stop();
});

test('the client answers null or an error for the section: initializationOptions apply', async () => {
  for (const configuration of ['null', 'error']) {
    const c = client({ configuration, settings: { trustedOrigins: [FROM_CLIENT] }, initializationOptions: { corsLint: { trustedOrigins: [FROM_INIT] } } });
    await c.initialize();
    const { uri, diagnostics } = await openPhp(c);
    assert.ok(c.configurationRequests.length > 0, 'the server asked');
    assert.equal(await fixOrigin(c, uri, diagnostics), FROM_INIT, configuration);
    await c.stop();
  }
});

test('the client never answers: diagnostics still come, within the bound, with initializationOptions', async () => {
  const c = client({ configuration: 'silent', initializationOptions: { corsLint: { trustedOrigins: [FROM_INIT] } } });
  await c.initialize();
  const t0 = Date.now();
  const first = await openPhp(c);
  assert.ok(Date.now() - t0 < BOUND_MS);
  assert.equal(await fixOrigin(c, first.uri, first.diagnostics), FROM_INIT);
  // Once a question went unanswered past its bound, other files are not held back by new questions.
  const asked = c.configurationRequests.length;
  const t1 = Date.now();
  const second = await openPhp(c);
  assert.ok(Date.now() - t1 < 400, `second file after ${Date.now() - t1} ms`);
  assert.equal(c.configurationRequests.length, asked);
  assert.equal(await fixOrigin(c, second.uri, second.diagnostics), FROM_INIT);
  // didChangeConfiguration still works for such a client.
  const since = c.notifications.length;
  c.notify('workspace/didChangeConfiguration', { settings: { corsLint: { rules: { [RULE]: 'off' } } } });
  const again = await c.waitFor((m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === first.uri, BOUND_MS, since);
  assert.ok(!again.params.diagnostics.some((d) => d.code === RULE));
  await c.stop();
});

test('real per-resource answers win over initializationOptions, key by key', async () => {
  const c = client({ settings: { trustedOrigins: [FROM_CLIENT] }, initializationOptions: { corsLint: { trustedOrigins: [FROM_INIT] } } });
  await c.initialize();
  const a = await openPhp(c);
  assert.equal(await fixOrigin(c, a.uri, a.diagnostics), FROM_CLIENT);
  // An answer without trustedOrigins keeps the ones from initializationOptions.
  c.settings = { run: 'onType' };
  const since = c.notifications.length;
  c.notify('workspace/didChangeConfiguration', { settings: null });
  const again = await c.diagnosticsFor(a.uri, since);
  assert.equal(await fixOrigin(c, a.uri, again), FROM_INIT);
  await c.stop();
});

test('a late answer: first diagnostics do not wait for it, and the file is checked again when it comes', async () => {
  const c = client({ configuration: 1500, settings: { rules: { [RULE]: 'off' } } });
  await c.initialize();
  const t0 = Date.now();
  const { uri, diagnostics } = await openPhp(c);
  assert.ok(Date.now() - t0 < 1400, `first diagnostics after ${Date.now() - t0} ms`);
  assert.ok(diagnostics.some((d) => d.code === RULE), 'the editor-wide (default) settings first');
  const later = await c.waitFor(
    (m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri && !m.params.diagnostics.some((d) => d.code === RULE),
    5000,
  );
  assert.ok(later, 'the late answer (rule off) was applied');
  await c.stop();
});

test('malformed settings in any place are ignored, never fatal', async () => {
  const junk = [42, 'corsLint', [], { corsLint: 5 }, { settings: [] }, { corsLint: { enable: 'no', rules: [1], trustedOrigins: 'x', run: 7 } }];
  for (const initializationOptions of junk) {
    const c = client({ advertiseConfiguration: false, initializationOptions });
    await c.initialize();
    const { uri, diagnostics } = await openPhp(c);
    assert.equal(await fixOrigin(c, uri, diagnostics), PLACEHOLDER, JSON.stringify(initializationOptions));
    for (const settings of [null, 'x', [1], { corsLint: 'x' }, { corsLint: { rules: 'x' } }]) c.notify('workspace/didChangeConfiguration', { settings });
    c.notify('workspace/didChangeConfiguration', null);
    assert.ok((await c.request('corsLint/ruleIds', null)).length > 0);
    await c.stop();
  }
  // Answers to workspace/configuration that are no settings object.
  for (const answer of [42, 'x', [1, 2], { enable: 'no', rules: 'off', trustedOrigins: [1, FROM_CLIENT] }]) {
    const c = client({ settings: answer });
    await c.initialize();
    const { uri, diagnostics } = await openPhp(c);
    const expected = typeof answer === 'object' && !Array.isArray(answer) ? FROM_CLIENT : PLACEHOLDER;
    assert.equal(await fixOrigin(c, uri, diagnostics), expected, JSON.stringify(answer));
    assert.equal(c.proc.exitCode, null);
    await c.stop();
  }
});
