// The CLI on the Spring fixtures (a Spring Boot shop app: SecurityConfig, WebConfig, controllers; single
// configuration classes; servlet filters writing headers by hand): which rule fires at which line, the clean
// files stay clean, and `--fix` with a trusted origin rewrites the Java so that the finding is gone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findingsByFile, putFixture, root } from '../helpers.mjs';

const cli = join(root, 'dist/server/cli.js');
let ws;
const put = (fixture, rel) => putFixture(ws, fixture, rel);
before(() => {
  ws = mkdtempSync(join(tmpdir(), 'cors-lint-spring-'));
  for (const f of ['SecurityConfig', 'WebConfig', 'AccountController', 'PublicController']) put(`spring/shop/${f}.java`, `shop/src/main/java/com/example/shop/${f}.java`);
  for (const f of ['WebConfigWildcardCredentials', 'WebConfigPatternsCredentials', 'WebConfigGood', 'ControllerCrossOrigin', 'ControllerDefaults', 'CorsFilterConfig', 'NoCors', 'CorsHeaderFilter', 'ReflectingFilter', 'ControllerHeaders', 'WebFluxCorsFilter', 'SubstringInterceptor', 'WebFluxConfig', 'CrossOriginElements', 'HalfTyped', 'AnonymousConfigurer', 'SecurityLambdaSource', 'TypedHeadersFilter', 'FunctionalRoutes']) {
    put(`spring/${f}.java`, `single/${f}.java`);
  }
  put('spring/gateway/application.yml', 'gateway/src/main/resources/application.yml');
  put('spring/gateway/application-clean.yaml', 'gateway/src/main/resources/application-prod.yaml');
  put('spring/gateway/application.properties', 'gateway2/src/main/resources/application.properties');
  put('spring/gateway/application-actuator.yml', 'ops/src/main/resources/application-actuator.yml');
  put('spring/gateway/application-actuator.properties', 'ops/src/main/resources/application.properties');
});
after(() => rmSync(ws, { recursive: true, force: true }));
const run = (args) => spawnSync(process.execPath, [cli, ...args], { cwd: ws, encoding: 'utf8', timeout: 60000 });

test('spring: rule ids at the right lines; correct configurations give nothing', () => {
  const r = run(['--format', 'json', '.']);
  assert.equal(r.status, 1, r.stderr);
  const app = 'shop/src/main/java/com/example/shop/';
  assert.deepEqual(findingsByFile(r.stdout, ws), {
    // the DELETE handler adds `*` to the class's origins while the class allows credentials: Spring refuses it at start-up
    [app + 'AccountController.java']: ['25:29 wildcard-origin-with-credentials'],
    // webhooks: addAllowedOrigin("*") + credentials (IllegalArgumentException per request in a CorsFilter source);
    // previews: setAllowedOriginPatterns(List.of("*")) + credentials echoes any origin
    [app + 'SecurityConfig.java']: ['59:36 wildcard-origin-with-credentials', '69:52 reflected-origin-with-credentials'],
    // trailing slash and upper case are forgiven by Spring; a scheme-less entry is not
    [app + 'WebConfig.java']: ['27:25 max-age-over-browser-cap', '29:94 invalid-allowlist-entry'],
    'single/WebConfigWildcardCredentials.java': ['13:34 wildcard-origin-with-credentials'],
    'single/WebConfigPatternsCredentials.java': ['11:59 reflected-origin-with-credentials'],
    'single/ControllerCrossOrigin.java': ['8:81 invalid-allowlist-entry', '17:29 null-origin-allowed', '17:45 max-age-over-browser-cap'],
    // a bare @CrossOrigin allows `*`: with allowCredentials = "true" Spring refuses it at start-up
    'single/ControllerDefaults.java': ['16:6 wildcard-origin-with-credentials'],
    'single/CorsFilterConfig.java': ['13:77 invalid-allowlist-entry', '19:34 wildcard-origin-with-credentials', '32:57 method-case-mismatch', '33:27 max-age-over-browser-cap'],
    'single/ReflectingFilter.java': [
      '20:63 missing-vary-origin',
      '22:63 missing-vary-origin',
      '22:63 reflected-origin',
      '24:65 invalid-credentials-value',
      '25:55 max-age-over-browser-cap',
    ],
    // (its `contains("example.com")` check is a substring test: the weak-origin-check rule's case, not in this catalog yet)
    'single/SubstringInterceptor.java': ['20:80 method-case-mismatch'],
    // originPatterns = "*" with credentials; allowCredentials = "yes" (refused at start-up) and "a, b" in one
    // string (split by Spring 6.x, not by 5.3) stay unknown
    'single/CrossOriginElements.java': ['15:36 reflected-origin-with-credentials'],
    // the Spring Boot guide's anonymous WebMvcConfigurer bean
    'single/AnonymousConfigurer.java': ['22:64 wildcard-origin-with-credentials'],
    // applyPermitDefaultValues() then addAllowedOrigin(...): the default `*` stays (CorsConfiguration.addAllowedOrigin)
    'single/SecurityLambdaSource.java': ['17:64 wildcard-origin-with-credentials'],
    // Spring Cloud Gateway: entries compared as CorsConfiguration does; `*` + credentials refused at start-up
    'gateway/src/main/resources/application.yml': [
      '16:18 invalid-allowlist-entry',
      '20:17 method-case-mismatch',
      '23:22 max-age-over-browser-cap',
      '28:30 wildcard-origin-with-credentials',
      '42:32 reflected-origin-with-credentials',
    ],
    'gateway2/src/main/resources/application.properties': ['6:71 max-age-over-browser-cap', '7:78 wildcard-origin-with-credentials', '10:104 reflected-origin-with-credentials'],
    // HttpHeaders' typed setters in a WebFilter echo the Origin unchecked
    'single/TypedHeadersFilter.java': ['18:45 missing-vary-origin', '18:45 reflected-origin-with-credentials', '21:40 max-age-over-browser-cap'],
    // WebFlux functional endpoint: ServerResponse.ok().header(...) sends `null` with credentials
    'single/FunctionalRoutes.java': ['23:57 null-origin-allowed'],
    // Spring Boot's Actuator and GraphQL CORS properties (no origins set: no CORS, as in the dev profile)
    'ops/src/main/resources/application-actuator.yml': ['7:27 wildcard-origin-with-credentials'],
    'ops/src/main/resources/application.properties': ['3:39 max-age-over-browser-cap', '4:45 reflected-origin-with-credentials'],
    'single/ControllerHeaders.java': ['15:56 missing-vary-origin', '15:56 reflected-origin-with-credentials', '23:53 invalid-allow-origin-value'],
  });
  assert.match(r.stderr, /28 files read \(spring 27\)/);
});

test('spring: --fix with a trusted origin rewrites allowedOrigins("*"), @CrossOrigin and CorsConfiguration; then they pass', () => {
  const files = ['single/WebConfigWildcardCredentials.java', 'single/ControllerDefaults.java', 'single/WebConfigPatternsCredentials.java'];
  const r = run(['--fix', '--trusted-origin', 'https://app.example.com', '--format', 'json', ...files]);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.match(readFileSync(join(ws, files[0]), 'utf8'), /\.allowedOrigins\("https:\/\/app\.example\.com"\)\n/);
  assert.match(readFileSync(join(ws, files[1]), 'utf8'), /@CrossOrigin\(origins = "https:\/\/app\.example\.com", allowCredentials = "true", maxAge = 600\)/);
  assert.match(readFileSync(join(ws, files[2]), 'utf8'), /addMapping\("\/\*\*"\)\.allowedOrigins\("https:\/\/app\.example\.com"\)\.allowCredentials\(true\)/);
});

test('spring: a pom.xml on Spring Boot before 2.4 (Spring before 5.3): allowedOrigins("*") with credentials echoes the Origin', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cors-lint-spring-legacy-'));
  try {
    // Boot 2.1.5 in the parent pom, read through the module's pom that names no Spring version
    putFixture(dir, 'spring/legacy/pom.xml', 'pom.xml');
    putFixture(dir, 'spring/legacy/api/pom.xml', 'api/pom.xml');
    putFixture(dir, 'spring/legacy/api/LegacyCorsConfig.java', 'api/src/main/java/com/example/legacy/LegacyCorsConfig.java');
    // the same class beside a Boot 3 pom: Spring 6 refuses the combination
    putFixture(dir, 'spring/legacy/api/LegacyCorsConfig.java', 'modern/src/main/java/com/example/LegacyCorsConfig.java');
    const boot3 = readFileSync(join(root, 'test/fixtures/spring/legacy/pom.xml'), 'utf8').replace('2.1.5.RELEASE', '3.2.0');
    writeFileSync(join(dir, 'modern/pom.xml'), boot3);
    const r = spawnSync(process.execPath, [cli, '--format', 'json', '.'], { cwd: dir, encoding: 'utf8', timeout: 60000 });
    assert.equal(r.status, 1, r.stderr);
    assert.deepEqual(findingsByFile(r.stdout, dir), {
      'api/src/main/java/com/example/legacy/LegacyCorsConfig.java': ['15:34 reflected-origin-with-credentials'],
      'modern/src/main/java/com/example/LegacyCorsConfig.java': ['15:34 wildcard-origin-with-credentials'],
    });
    assert.match(JSON.parse(r.stdout).find((f) => f.filePath.includes('/api/')).messages[0].message, /Spring before 5\.3/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
