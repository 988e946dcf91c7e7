// A Kubernetes Ingress with ingress-nginx CORS annotations through the bundled server over stdio (yaml language
// id, any file name): the finding at the annotation, the annotation's hover, and the fix written as an annotation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { trackedClients, applyLspEdits } from './client.mjs';

const client = trackedClients();
const INGRESS =
  'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: api\n  annotations:\n' +
  '    nginx.ingress.kubernetes.io/enable-cors: "true"\n    nginx.ingress.kubernetes.io/cors-allow-origin: "*"\n' +
  'spec:\n  rules:\n    - host: api.example.com\n';

test('ingress manifest: wildcard with default credentials, annotation hover, fix rewrites cors-allow-origin', async () => {
  const c = client({ settings: { trustedOrigins: ['https://app.example.com'] } });
  await c.initialize();
  const uri = 'file:///tmp/ws/deploy/api.yaml';
  const diags = await c.openAndDiagnose(uri, 'yaml', INGRESS);
  const d = diags.find((x) => x.code === 'wildcard-origin-with-credentials');
  assert.ok(d, JSON.stringify(diags));
  assert.deepEqual(d.range.start, { line: 6, character: 52 });
  const hover = await c.request('textDocument/hover', { textDocument: { uri }, position: { line: 5, character: 40 } });
  assert.match(hover?.contents.value ?? '', /enable-cors.*Access-Control-Allow-Credentials: true.*ingress-nginx/s);
  const actions = await c.request('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
  const fix = actions.find((a) => a.title.startsWith('Allow only'));
  assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
  assert.match(applyLspEdits(INGRESS, fix.edit.changes[uri]), /cors-allow-origin: "https:\/\/app\.example\.com"\nspec:/);
  const off = actions.find((a) => a.title.startsWith('Stop sending'));
  assert.match(applyLspEdits(INGRESS, off.edit.changes[uri]), /enable-cors: "true"\n    nginx\.ingress\.kubernetes\.io\/cors-allow-credentials: "false"\n    nginx\.ingress\.kubernetes\.io\/cors-allow-origin: "\*"\n/);
  await c.stop();
});
