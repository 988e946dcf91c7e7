// The language ids editors really send (Neovim's `apache`, `conf`; Helix's `jsx`; `NGINX`; VS Code's
// `properties` for `*.conf`), through the bundled server over stdio.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { trackedClients, applyLspEdits } from './client.mjs';

const client = trackedClients();
const RULE = 'wildcard-origin-with-credentials';
const HTACCESS = 'Header always set Access-Control-Allow-Origin "*"\nHeader always set Access-Control-Allow-Credentials "true"\n';
const NGINX = 'location /api/ {\n  add_header Access-Control-Allow-Origin * always;\n  add_header Access-Control-Allow-Credentials true always;\n}\n';
const JSX = "const cors = require('cors');\napp.use(cors({ origin: '*', credentials: true }));\nexport const App = () => <div />;\n";

test("Neovim's `apache` id: site.conf and .htaccess yield the finding, hover and a # disable comment", async () => {
  const c = client();
  await c.initialize();
  for (const uri of ['file:///tmp/ws/site.conf', 'file:///tmp/ws/www/.htaccess']) {
    const diags = await c.openForDiagnostics(uri, 'apache', HTACCESS);
    const d = diags.find((x) => x.code === RULE);
    assert.ok(d, `${uri}: ${JSON.stringify(diags)}`);
    assert.deepEqual(d.range.start, { line: 0, character: 47 });
    const hover = await c.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 25 } });
    assert.match(hover?.contents.value ?? '', /Access-Control-Allow-Origin/);
    const actions = await c.request('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
    const disable = actions.find((a) => a.title.startsWith('Disable'));
    assert.match(applyLspEdits(HTACCESS, disable.edit.changes[uri]), /^# cors-lint-disable-next-line wildcard-origin-with-credentials\nHeader/);
  }
  await c.stop();
});

test('generic ids: decided by content (conf as nginx or Apache, xml as IIS), never by guessing', async () => {
  const c = client();
  await c.initialize();
  const iis = '<?xml version="1.0"?>\n<configuration><system.webServer><httpProtocol><customHeaders>\n<add name="Access-Control-Allow-Origin" value="*" />\n<add name="Access-Control-Allow-Credentials" value="true" />\n</customHeaders></httpProtocol></system.webServer></configuration>\n';
  const found = [
    ['file:///tmp/ws/api.conf', 'conf', NGINX],
    ['file:///tmp/ws/vhost.conf', 'conf', HTACCESS],
    ['file:///tmp/ws/notes.txt', 'plaintext', HTACCESS],
    ['file:///tmp/ws/site/iis.xml', 'xml', iis],
    ['file:///tmp/ws/default', 'NGINX', NGINX],
    ['file:///tmp/ws/App.jsx', 'jsx', JSX],
    ['file:///tmp/ws/Page.tsx', 'tsx', JSX.replace('<div />', '<div></div>')],
  ];
  for (const [uri, lang, text] of found) {
    const diags = await c.openForDiagnostics(uri, lang, text);
    assert.ok(diags.some((d) => d.code === RULE), `${uri} (${lang}): ${JSON.stringify(diags)}`);
  }
  const nothing = [
    ['file:///tmp/ws/both.conf', 'conf', HTACCESS + NGINX],
    ['file:///tmp/ws/pom.xml', 'xml', '<project><configuration><system.webServer/></configuration></project>\n'],
    ['file:///tmp/ws/ingress.yaml', 'yaml', NGINX],
    ['file:///tmp/ws/cors.json', 'json', JSON.stringify({ snippet: NGINX })],
  ];
  for (const [uri, lang, text] of nothing) assert.deepEqual(await c.openForDiagnostics(uri, lang, text), [], `${uri} (${lang})`);
  assert.equal(c.proc.exitCode, null);
  await c.stop();
});

// Config files whose name does not say Apache or nginx (VS Code: `plaintext` for `sites-available/default`,
// `properties` for every `*.conf`).
const CONF = {
  nginx: 'server {\n  listen 80;\n  location /api/ {\n    add_header Access-Control-Allow-Origin * always;\n    add_header Access-Control-Allow-Credentials true always;\n  }\n}\n',
  apache: '<VirtualHost *:80>\n  Header always set Access-Control-Allow-Origin "*"\n  Header always set Access-Control-Allow-Credentials "true"\n</VirtualHost>\n',
  supervisord: '[program:api]\ncommand=/usr/bin/gunicorn app:app\nenvironment=ACCESS_CONTROL_ALLOW_ORIGIN="*"\n',
};

test('plaintext, conf and properties documents with Apache or nginx content get that format’s diagnostics', async () => {
  const c = client();
  await c.initialize();
  const found = [
    ['file:///tmp/ws/sites-available/api', 'plaintext', CONF.nginx, 3],
    ['file:///tmp/ws/vhost.d/example.com', 'conf', CONF.nginx, 3],
    ['file:///tmp/ws/site.conf', 'properties', CONF.apache, 1],
    // An editor's nginx id for a *.conf that is Apache (some nginx extensions claim every .conf), and back.
    ['file:///tmp/ws/legacy.conf', 'nginx', CONF.apache, 1],
    ['file:///tmp/ws/apache2/other.conf', 'apacheconf', CONF.nginx, 3],
  ];
  for (const [uri, lang, text, line] of found) {
    const diags = await c.openForDiagnostics(uri, lang, text);
    const d = diags.find((x) => x.code === RULE);
    assert.ok(d, `${uri} (${lang}): ${JSON.stringify(diags)}`);
    assert.equal(d.range.start.line, line, `${uri}: the finding on its own line`);
  }
  for (const [uri, lang, text] of [
    ['file:///tmp/ws/sites-available/worker.conf', 'properties', CONF.supervisord],
    ['file:///tmp/ws/mixed.conf', 'plaintext', CONF.apache + CONF.nginx],
  ]) {
    assert.deepEqual(await c.openForDiagnostics(uri, lang, text), [], `${uri} (${lang})`);
  }
  assert.equal(c.proc.exitCode, null);
  await c.stop();
});

test('corsLint/serverConfigLanguage: the language the client may give a plain-text config file', async () => {
  const c = client();
  await c.initialize();
  const ask = (uri, languageId, text) => c.request('corsLint/serverConfigLanguage', { uri, languageId, text });
  assert.equal(await ask('file:///tmp/ws/sites-enabled/default', 'plaintext', CONF.nginx), 'nginx');
  assert.equal(await ask('file:///tmp/ws/site.conf', 'properties', CONF.apache), 'apacheconf');
  assert.equal(await ask('file:///tmp/ws/supervisord.conf', 'properties', CONF.supervisord), null);
  assert.equal(await ask('file:///tmp/ws/mixed.conf', 'plaintext', CONF.apache + CONF.nginx), null);
  assert.equal(await ask('file:///tmp/ws/app.js', 'javascript', CONF.nginx), null);
  assert.equal(await ask('file:///tmp/ws/x.conf', 'plaintext'), null, 'bad params: null, no crash');
  assert.equal(c.proc.exitCode, null);
  await c.stop();
});
