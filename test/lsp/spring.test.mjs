// Spring through the bundled server over stdio (java language id): the finding at `allowedOrigins("*")` with
// credentials, the hover on a CorsRegistry method and on a @CrossOrigin element, and the quick fix that writes
// the trusted origin in Java.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { trackedClients, applyLspEdits } from './client.mjs';

const client = trackedClients();
const CONFIG =
  'import org.springframework.web.servlet.config.annotation.CorsRegistry;\n' +
  'import org.springframework.web.bind.annotation.CrossOrigin;\n' +
  'public class WebConfig implements WebMvcConfigurer {\n' +
  '    public void addCorsMappings(CorsRegistry registry) {\n' +
  '        registry.addMapping("/api/**").allowedOrigins("*").allowCredentials(true);\n' +
  '    }\n' +
  '    @CrossOrigin(originPatterns = "https://*.example.com")\n' +
  '    @GetMapping("/x") public String x() { return "x"; }\n' +
  '}\n';

test('spring: wildcard with credentials, hovers on registry and annotation options, fix in Java', async () => {
  const c = client({ settings: { trustedOrigins: ['https://app.example.com'] } });
  await c.initialize();
  const uri = 'file:///tmp/ws/src/main/java/WebConfig.java';
  const diags = await c.openAndDiagnose(uri, 'java', CONFIG);
  const d = diags.find((x) => x.code === 'wildcard-origin-with-credentials');
  assert.ok(d, JSON.stringify(diags));
  assert.deepEqual(d.range.start, { line: 4, character: 55 });
  const at = (line, word) => ({ line, character: CONFIG.split('\n')[line].indexOf(word) + 2 });
  const h1 = await c.request('textDocument/hover', { textDocument: { uri }, position: at(4, 'allowCredentials') });
  assert.match(h1?.contents.value ?? '', /Spring Framework CORS[\s\S]*IllegalArgumentException/);
  const h2 = await c.request('textDocument/hover', { textDocument: { uri }, position: at(6, 'originPatterns') });
  assert.match(h2?.contents.value ?? '', /echoes the request origin, never `\*`/);
  const actions = await c.request('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
  const fix = actions.find((a) => a.title.startsWith('Allow only'));
  assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
  assert.match(applyLspEdits(CONFIG, fix.edit.changes[uri]), /\.allowedOrigins\("https:\/\/app\.example\.com"\)\.allowCredentials\(true\);/);
  await c.stop();
});

test('spring: Spring Cloud Gateway application.yml: the finding at the origin, the hover on a relaxed key', async () => {
  const c = client();
  await c.initialize();
  const yml =
    'spring:\n  cloud:\n    gateway:\n      globalcors:\n        cors-configurations:\n' +
    "          '[/**]':\n            allowed-origins: \"*\"\n            allow-credentials: true\n";
  const uri = 'file:///tmp/ws/gateway/src/main/resources/application.yml';
  const diags = await c.openAndDiagnose(uri, 'yaml', yml);
  assert.deepEqual(diags.map((d) => `${d.code}@${d.range.start.line}:${d.range.start.character}`), ['wildcard-origin-with-credentials@6:30']);
  const h = await c.request('textDocument/hover', { textDocument: { uri }, position: { line: 6, character: 16 } });
  assert.match(h?.contents.value ?? '', /Spring Cloud Gateway `globalcors` entry/);
  await c.stop();
});
