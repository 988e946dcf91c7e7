// The language ids editors send (service/languages.ts) and the content decisions for generic ids.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  GENERIC_LANGUAGES,
  LANGUAGE_ALIASES,
  looksLikeApache,
  looksLikeIisConfig,
  looksLikeNginx,
  resolveLanguage,
} from '../../dist/lib/service/languages.js';
import { analyzeDocument, extractorsFor } from '../../dist/lib/service/analyze.js';
import { disableComment } from '../../dist/lib/service/suppress.js';
import { extractors } from '../../dist/lib/extract/registry.js';
import { DEFAULT_SETTINGS } from '../../dist/lib/model/index.js';
import '../helpers.mjs'; // locates the grammars

const ids = (path, languageId, text) => extractorsFor(path, languageId, text).map((e) => e.id).sort();

test('alias table: every target is read by an extractor, every extractor language is reachable', () => {
  const read = new Set(extractors.flatMap((e) => e.languages));
  for (const [from, to] of Object.entries(LANGUAGE_ALIASES)) {
    assert.equal(from, from.toLowerCase(), from);
    assert.ok(read.has(to), `${from} → ${to}: no extractor reads ${to}`);
  }
  for (const lang of read) assert.ok(Object.values(LANGUAGE_ALIASES).includes(lang) || GENERIC_LANGUAGES.has(lang), lang);
});

test('the ids Neovim, Helix and the VS Code extensions send', () => {
  const expected = {
    // Neovim (filetype = language id)
    apache: 'apacheconf', nginx: 'nginx', javascriptreact: 'javascriptreact', typescriptreact: 'typescriptreact',
    // Helix (language name, or its language-id)
    javascript: 'javascript', typescript: 'typescript', jsx: 'javascriptreact', tsx: 'typescriptreact', python: 'python', php: 'php',
    // VS Code: this extension and mrmlnc.vscode-apache; nginx extensions in either case
    apacheconf: 'apacheconf', NGINX: 'nginx', Nginx: 'nginx',
  };
  for (const [id, lang] of Object.entries(expected)) assert.equal(resolveLanguage(id), lang, id);
  assert.equal(resolveLanguage(undefined), undefined);
  assert.equal(resolveLanguage('rust'), 'rust', 'unknown ids pass through; no extractor reads them');
  assert.deepEqual(ids('/srv/site.conf', 'rust', 'Header set X y\n'), []);
});

test('a specific id claims a file whatever its name; a generic one does not', () => {
  assert.deepEqual(ids('/srv/site.conf', 'apache'), ['apache']);
  assert.deepEqual(ids('/srv/site.conf', 'apacheconf'), ['apache']);
  assert.deepEqual(ids('/srv/default', 'NGINX'), ['nginx']);
  assert.deepEqual(ids('/src/App', 'tsx'), ['express', 'fetch', 'hapi', 'hono', 'koa', 'nextjs']);
  assert.deepEqual(ids('/www/.htaccess', 'apache'), ['apache']);
  for (const g of GENERIC_LANGUAGES) assert.deepEqual(ids('/srv/thing', g), [], g);
  // The file name still decides for generic ids.
  assert.deepEqual(ids('/site/web.config', 'xml'), ['iis']);
  assert.deepEqual(ids('/etc/nginx/nginx.conf', 'conf'), ['nginx']);
});

const IIS = '<configuration>\n  <system.webServer>\n    <httpProtocol><customHeaders><add name="Access-Control-Allow-Origin" value="*" /><add name="Access-Control-Allow-Credentials" value="true" /></customHeaders></httpProtocol>\n  </system.webServer>\n</configuration>\n';

test('xml: read as IIS config only with a <configuration> root holding <system.webServer>', () => {
  assert.ok(looksLikeIisConfig(IIS));
  assert.ok(looksLikeIisConfig('\uFEFF<?xml version="1.0" encoding="utf-8"?>\n<!-- site -->\n<!DOCTYPE configuration>\n' + IIS));
  assert.ok(!looksLikeIisConfig('<configuration><appSettings /></configuration>'), 'no system.webServer');
  // A Maven POM has <configuration> elements, never as the root.
  assert.ok(!looksLikeIisConfig('<project><build><configuration><system.webServer/></configuration></build></project>'));
  assert.ok(!looksLikeIisConfig('<!-- unclosed comment <configuration><system.webServer>'));
  assert.ok(!looksLikeIisConfig(''));
  assert.deepEqual(ids('/site/app.xml', 'xml', IIS), ['iis']);
  assert.deepEqual(ids('/site/pom.xml', 'xml', '<project><configuration/></project>'), []);
  assert.equal(resolveLanguage('xml', 'Header set Access-Control-Allow-Origin "*"\n'), undefined, 'xml is never Apache');
});

const APACHE = '<IfModule mod_headers.c>\n  Header always set Access-Control-Allow-Origin "*"\n  Header always set Access-Control-Allow-Credentials "true"\n</IfModule>\n';
const NGINX = 'server {\n  location /api/ {\n    add_header Access-Control-Allow-Origin * always;\n    add_header Access-Control-Allow-Credentials true always;\n  }\n}\n';

test('conf / plaintext: Apache by its Header directives, nginx by add_header or its blocks, else nothing', () => {
  assert.ok(looksLikeApache(APACHE) && !looksLikeNginx(APACHE));
  assert.ok(looksLikeNginx(NGINX) && !looksLikeApache(NGINX));
  for (const t of ['Header set X-Frame-Options DENY\n', 'header add Vary Origin\n', 'Header onsuccess unset Vary\n']) assert.ok(looksLikeApache(t), t);
  for (const t of ['http {\n  include mime.types;\n}\n', 'location ~ \\.php$ {\n  fastcgi_index index.php;\n}\n', 'more_set_headers "Vary: Origin";\n']) assert.ok(looksLikeNginx(t), t);
  // Braces alone are HOCON's too (Play's application.conf: `http { port = 9000 }`): an nginx block needs a `;` line.
  for (const t of ['http {\n}\n', 'play.server {\n  http {\n    port = 9000\n  }\n}\n']) assert.ok(!looksLikeNginx(t), t);
  // Neither: a prose mention, a key=value file, an HTTP header dump.
  for (const t of ['# set the Header with add_header\n', 'header = set\n', 'Access-Control-Allow-Origin: *\n', 'HeaderName set x\n']) {
    assert.ok(!looksLikeApache(t) && !looksLikeNginx(t), t);
  }
  for (const g of ['conf', 'plaintext', 'text']) {
    assert.equal(resolveLanguage(g, APACHE), 'apacheconf', g);
    assert.equal(resolveLanguage(g, NGINX), 'nginx', g);
    assert.equal(resolveLanguage(g, APACHE + NGINX), undefined, `${g}: both syntaxes, no decision`);
    assert.equal(resolveLanguage(g, 'key = value\n'), undefined, g);
  }
  // JSON and YAML embed nginx snippets (ingress annotations): never read as nginx.
  const yaml = 'metadata:\n  annotations:\n    nginx.ingress.kubernetes.io/configuration-snippet: |\n      add_header Access-Control-Allow-Origin * always;\n';
  assert.equal(resolveLanguage('yaml', yaml), undefined);
  // A YAML buffer is read as YAML only for Symfony's nelmio_cors configuration.
  assert.equal(resolveLanguage('yaml', 'nelmio_cors:\n    defaults:\n        allow_origin: ["*"]\n'), 'yaml');
  assert.equal(resolveLanguage('json', NGINX), undefined);
});

test('analysis: content-decided files yield their findings; undecided ones none', async () => {
  const run = async (path, languageId, text) => (await analyzeDocument({ path, languageId, text }, DEFAULT_SETTINGS)).findings.map((f) => f.ruleId);
  assert.ok((await run('/srv/site.conf', 'conf', APACHE)).includes('wildcard-origin-with-credentials'));
  assert.ok((await run('/srv/api', 'plaintext', NGINX)).includes('wildcard-origin-with-credentials'));
  assert.ok((await run('/srv/iis.xml', 'xml', IIS)).includes('wildcard-origin-with-credentials'));
  assert.deepEqual(await run('/srv/mixed.conf', 'conf', APACHE + NGINX), []);
  assert.deepEqual(await run('/k8s/ingress.yaml', 'yaml', NGINX), []);
  const nelmio = "nelmio_cors:\n    defaults:\n        allow_credentials: true\n        allow_origin: ['*']\n";
  assert.deepEqual(await run('untitled:Untitled-1', 'yaml', nelmio), ['reflected-origin-with-credentials']);
  const a = await analyzeDocument({ path: '/srv/site.conf', languageId: 'apache', text: APACHE }, DEFAULT_SETTINGS);
  assert.equal(a.languageId, 'apacheconf');
  assert.ok(a.findings.some((f) => f.ruleId === 'wildcard-origin-with-credentials'));
});

test('disable comments follow the resolved language', () => {
  assert.equal(disableComment('/etc/apache2/sites-available/site', 'apache', 'x').prefix, '# cors-lint-disable-next-line x');
  assert.equal(disableComment('/srv/default', 'NGINX', 'x').prefix, '# cors-lint-disable-next-line x');
  assert.equal(disableComment('/srv/api', 'conf', 'x').prefix, '# cors-lint-disable-next-line x');
  assert.equal(disableComment('/src/App', 'tsx', 'x').prefix, '// cors-lint-disable-next-line x');
  assert.equal(disableComment('/srv/site', 'xml', 'x').prefix, '<!-- cors-lint-disable-next-line x');
});
