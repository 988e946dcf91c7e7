// Laravel config/cors.php and Symfony nelmio_cors.yaml through the bundled server over stdio: the finding at
// the right place, the option hover, and the quick fix applied in the file's own form.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { trackedClients, applyLspEdits } from './client.mjs';

const client = trackedClients();
const RULE = 'reflected-origin-with-credentials';
const LARAVEL =
  "<?php\n\nreturn [\n    'paths' => ['api/*', 'sanctum/csrf-cookie'],\n    'allowed_methods' => ['*'],\n    'allowed_origins' => ['*'],\n" +
  "    'allowed_origins_patterns' => [],\n    'allowed_headers' => ['*'],\n    'exposed_headers' => [],\n    'max_age' => 0,\n    'supports_credentials' => true,\n];\n";
const NELMIO = "nelmio_cors:\n    defaults:\n        allow_credentials: true\n        allow_origin: ['*']\n        allow_methods: ['GET', 'POST']\n    paths:\n        '^/api/': ~\n";

test('laravel config/cors.php: finding on the *, hover on the option, fix to the trusted list', async () => {
  const c = client({ settings: { trustedOrigins: ['https://app.example.com'] } });
  await c.initialize();
  const uri = 'file:///tmp/ws/config/cors.php';
  const diags = await c.openAndDiagnose(uri, 'php', LARAVEL);
  const d = diags.find((x) => x.code === RULE);
  assert.ok(d, JSON.stringify(diags));
  assert.deepEqual(d.range.start, { line: 5, character: 27 });
  const hover = await c.request('textDocument/hover', { textDocument: { uri }, position: { line: 10, character: 10 } });
  assert.match(hover?.contents.value ?? '', /supports_credentials.*php-cors/s);
  const actions = await c.request('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
  const fix = actions.find((a) => a.title.startsWith('Allow only'));
  assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
  assert.match(applyLspEdits(LARAVEL, fix.edit.changes[uri]), /'allowed_origins' => \['https:\/\/app\.example\.com'\],/);
  await c.stop();
});

test('nelmio_cors.yaml (yaml language id): finding, hover, YAML fix', async () => {
  const c = client({ settings: { trustedOrigins: ['https://app.example.com'] } });
  await c.initialize();
  const uri = 'file:///tmp/ws/config/packages/nelmio_cors.yaml';
  const diags = await c.openAndDiagnose(uri, 'yaml', NELMIO);
  const d = diags.find((x) => x.code === RULE);
  assert.ok(d, JSON.stringify(diags));
  assert.deepEqual(d.range.start, { line: 3, character: 24 });
  const hover = await c.request('textDocument/hover', { textDocument: { uri }, position: { line: 3, character: 12 } });
  assert.match(hover?.contents.value ?? '', /allow_origin.*NelmioCorsBundle 2\.6\.0/s);
  const actions = await c.request('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
  const fix = actions.find((a) => a.title.startsWith('Allow only'));
  assert.match(applyLspEdits(NELMIO, fix.edit.changes[uri]), /allow_origin: \['https:\/\/app\.example\.com'\]/);
  await c.stop();
});
