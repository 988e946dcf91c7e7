// Ruby through the bundled server over stdio: a rack-cors initializer gets its diagnostics, an option hover
// says what rack-cors (the version read) makes the server send, and the disable comment is a Ruby comment.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hoverAt, trackedClients } from './client.mjs';

const client = trackedClients();

test('ruby: rack-cors diagnostics, option hovers and a Ruby disable comment', async () => {
  const c = client();
  await c.initialize();
  const text =
    'Rails.application.config.middleware.insert_before 0, Rack::Cors do\n' +
    '  allow do\n' +
    "    origins '*'\n" +
    "    resource '*', headers: :any, methods: [:get, :post], credentials: true, max_age: 600\n" +
    '  end\n' +
    'end\n';
  const uri = 'file:///tmp/ws/config/initializers/cors.rb';
  const diags = await c.openAndDiagnose(uri, 'ruby', text);
  assert.deepEqual(diags.map((d) => [d.code, d.range.start.line]), [['wildcard-origin-with-credentials', 2]]);
  assert.match(await hoverAt(c, uri, text, 2, 'origins'), /rack-cors 3\.0\.0[\s\S]*compared \*\*exactly\*\*/);
  assert.match(await hoverAt(c, uri, text, 3, 'credentials'), /raises[\s\S]*CorsMisconfigurationError/);
  assert.match(await hoverAt(c, uri, text, 3, 'max_age'), /Default \*\*7200\*\*/);
  const actions = await c.request('textDocument/codeAction', {
    textDocument: { uri },
    range: diags[0].range,
    context: { diagnostics: diags },
  });
  const disable = actions.find((a) => /disable/i.test(a.title));
  assert.ok(disable, actions.map((a) => a.title).join(' | '));
  const edit = Object.values(disable.edit.changes)[0][0];
  assert.match(edit.newText, /^\s*# cors-lint-disable-next-line wildcard-origin-with-credentials\n$/);
  await c.stop();
});
