// Django settings and FastAPI/Starlette apps through the bundled server over stdio: option hovers, the
// finding at the right place, and the framework-form quick fix applied and re-checked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { trackedClients, applyLspEdits } from './client.mjs';

const client = trackedClients();
const SETTINGS =
  'INSTALLED_APPS = ["corsheaders"]\nMIDDLEWARE = ["corsheaders.middleware.CorsMiddleware"]\n\n' +
  'CORS_ALLOW_ALL_ORIGINS = True\nCORS_ALLOW_CREDENTIALS = True\n';
const MAIN =
  'from fastapi import FastAPI\nfrom fastapi.middleware.cors import CORSMiddleware\n\napp = FastAPI()\n' +
  'app.add_middleware(CORSMiddleware, allow_origins=["*"], allow_credentials=True)\n';

async function open(c, uri, text) {
  const since = c.notifications.length;
  c.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text } });
  return c.diagnosticsFor(uri, since, 1);
}

async function fixOnce(c, uri, text, d) {
  const actions = await c.request('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
  const a = actions.find((x) => x.title.startsWith('Allow only'));
  assert.ok(a, JSON.stringify(actions.map((x) => x.title)));
  return applyLspEdits(text, a.edit.changes[uri]);
}

test('django settings: hover on a CORS_* setting, the finding and the allowlist fix', async () => {
  const c = client({ settings: { trustedOrigins: ['https://app.example.com'] } });
  await c.initialize();
  const uri = 'file:///tmp/ws/proj/settings.py';
  const diags = await open(c, uri, SETTINGS);
  const d = diags.find((x) => x.code === 'reflected-origin-with-credentials');
  assert.ok(d, JSON.stringify(diags));
  assert.equal(d.range.start.line, 3);
  const hover = await c.request('textDocument/hover', { textDocument: { uri }, position: { line: 3, character: 5 } });
  assert.match(hover?.contents.value ?? '', /django-cors-headers/);
  assert.match(hover?.contents.value ?? '', /echoed/);
  const fixed = await fixOnce(c, uri, SETTINGS, d);
  assert.match(fixed, /^CORS_ALLOWED_ORIGINS = \["https:\/\/app\.example\.com"\]$/m);
  const since = c.notifications.length;
  c.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: fixed }] });
  const after = await c.diagnosticsFor(uri, since, 2);
  assert.equal(after.filter((x) => x.code === 'reflected-origin-with-credentials').length, 0);
  await c.stop();
});

test('fastapi: hover on a CORSMiddleware option, the finding and the allow_origins fix', async () => {
  const c = client({ settings: { trustedOrigins: ['https://app.example.com'] } });
  await c.initialize();
  const uri = 'file:///tmp/ws/api/main.py';
  const diags = await open(c, uri, MAIN);
  const d = diags.find((x) => x.code === 'reflected-origin-with-credentials');
  assert.ok(d, JSON.stringify(diags));
  assert.equal(d.range.start.line, 4);
  const col = MAIN.split('\n')[4].indexOf('allow_origins') + 3;
  const hover = await c.request('textDocument/hover', { textDocument: { uri }, position: { line: 4, character: col } });
  assert.match(hover?.contents.value ?? '', /Starlette/);
  assert.match(hover?.contents.value ?? '', /Cookie/);
  const fixed = await fixOnce(c, uri, MAIN, d);
  assert.match(fixed, /allow_origins=\["https:\/\/app\.example\.com"\], allow_credentials=True/);
  await c.stop();
});

test('flask-cors: hover on a keyword option and on a CORS_* config key says what it sends, with the version', async () => {
  const c = client();
  await c.initialize();
  const uri = 'file:///tmp/ws/flaskapp/app.py';
  const text =
    'from flask import Flask\nfrom flask_cors import CORS\n\napp = Flask(__name__)\n' +
    "app.config['CORS_ORIGINS'] = ['https://app.example.com']\n" +
    "CORS(app, supports_credentials=True, origins=r'https://app\\.example\\.com')\n";
  await open(c, uri, text);
  const at = async (line, word) => {
    const h = await c.request('textDocument/hover', { textDocument: { uri }, position: { line, character: text.split('\n')[line].indexOf(word) + 2 } });
    return h?.contents.value ?? '';
  };
  const origins = await at(5, 'origins');
  assert.match(origins, /flask-cors 3\.0\.10/);
  assert.match(origins, /not to its end/);
  assert.match(await at(5, 'supports_credentials'), /Access-Control-Allow-Credentials: true/);
  assert.match(await at(4, 'CORS_ORIGINS'), /echoed/);
  await c.stop();
});
// Hand-written headers: a Django middleware and a FastAPI http middleware echoing the Origin with credentials.
const DJANGO_MW =
  'class CorsMiddleware:\n    def __init__(self, get_response):\n        self.get_response = get_response\n\n' +
  '    def __call__(self, request):\n        response = self.get_response(request)\n' +
  '        response["Access-Control-Allow-Origin"] = request.META.get("HTTP_ORIGIN")\n' +
  '        response["Access-Control-Allow-Credentials"] = "true"\n        return response\n';
const FASTAPI_MW =
  'from fastapi import FastAPI, Request\n\napp = FastAPI()\n\n\n@app.middleware("http")\nasync def add_cors(request: Request, call_next):\n' +
  '    response = await call_next(request)\n    response.headers["Access-Control-Allow-Origin"] = request.headers.get("origin")\n' +
  '    response.headers["Access-Control-Allow-Credentials"] = "true"\n    return response\n';

for (const [name, uri, text, line, echoed] of [
  ['django middleware', 'file:///tmp/ws/proj/middleware.py', DJANGO_MW, 6, 'request.META.get("HTTP_ORIGIN")'],
  ['fastapi http middleware', 'file:///tmp/ws/api/cors.py', FASTAPI_MW, 8, 'request.headers.get("origin")'],
]) {
  test(`${name}: the echoed Origin with credentials is reported once and fixed in place`, async () => {
    const c = client({ settings: { trustedOrigins: ['https://app.example.com'] } });
    await c.initialize();
    const diags = await open(c, uri, text);
    const ds = diags.filter((x) => x.code === 'reflected-origin-with-credentials');
    assert.equal(ds.length, 1, JSON.stringify(diags));
    assert.equal(ds[0].range.start.line, line);
    const fixed = await fixOnce(c, uri, text, ds[0]);
    assert.equal(fixed, text.replace(echoed, '"https://app.example.com"'));
    const since = c.notifications.length;
    c.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: fixed }] });
    const after = await c.diagnosticsFor(uri, since, 2);
    assert.deepEqual(after.map((x) => x.code), []);
    await c.stop();
  });
}
