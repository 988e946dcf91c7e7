// Spring CORS (@CrossOrigin, CorsRegistry chains, CorsConfiguration objects) on the code engine: facts
// snapshots of every fixture, the precheck, the fixes written in Java and read back, and robustness.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import spring from '../../dist/lib/extract/spring/index.js';
import { renderFacts, matchSnapshot, fixtureSet, applyEdits, extractWith, memWorkspace } from '../helpers.mjs';

const { dir, run } = fixtureSet(spring, 'spring');
const java = (d) => readdirSync(d).filter((f) => f.endsWith('.java'));
const fixtures = [...java(dir), ...java(join(dir, 'shop')).map((f) => `shop/${f}`), ...readdirSync(join(dir, 'gateway')).map((f) => `gateway/${f}`)];

test('spring: snapshots of every fixture', async () => {
  assert.ok(fixtures.length >= 18);
  for (const f of fixtures) {
    const { facts, text } = await run(f);
    matchSnapshot(join(dir, '__snapshots__', f.replace('/', '_') + '.facts.txt'), renderFacts(facts, text));
  }
});

test('spring: the precheck wants a Spring import and a CORS name', () => {
  assert.equal(spring.mayContain('import org.springframework.web.bind.annotation.CrossOrigin;\n'), true);
  assert.equal(spring.mayContain('import org.springframework.web.cors.CorsConfiguration;\n'), true);
  assert.equal(spring.mayContain('import org.springframework.web.bind.annotation.RestController;\n'), false);
  assert.equal(spring.mayContain('class CrossOrigin {}\n'), false);
});

test('spring: a controller without CORS yields nothing; another library\'s addMapping is no CorsRegistry', async () => {
  const { facts } = await run('NoCors.java');
  assert.equal(facts.policies.length, 0);
  const other =
    'import org.springframework.context.annotation.Bean;\nimport org.springframework.web.cors.CorsConfiguration;\n' +
    'class Mapping { @Bean ModelMapper mapper(ModelMapper m) { m.typeMap(A.class, B.class).addMapping(A::getX, B::setY); return m; } }\n';
  assert.equal((await run('Mapping.java', other)).facts.policies.length, 0);
  // request headers of a RestTemplate call are no response's
  const client =
    'import org.springframework.http.HttpHeaders;\nimport org.springframework.web.client.RestTemplate;\n' +
    'class Client { String get(RestTemplate rest) { HttpHeaders headers = new HttpHeaders();\n' +
    '  headers.set("Access-Control-Allow-Origin", "*");\n  return rest.exchange("https://x", HttpMethod.GET, new HttpEntity<>(headers), String.class).getBody(); } }\n';
  const c = await run('Client.java', client);
  assert.deepEqual([c.facts.policies.length, c.facts.headerWrites.length], [0, 0]);
});

/** Apply a fix request to a fixture and read the result back. */
async function fixed(name, req) {
  const { facts, file, text } = await run(name);
  const edits = spring.renderFix(req(facts), facts, file);
  assert.ok(edits.length > 0, `fix produced edits: ${JSON.stringify(req(facts))}`);
  const out = applyEdits(text, edits);
  const again = await run(name, out);
  return { out, facts: again.facts };
}

test('spring: allowedOrigins("*") with credentials → the explicit list, or no credentials', async () => {
  const a = await fixed('WebConfigWildcardCredentials.java', () => ({ kind: 'set-origins', policyId: 'p0', origins: ['https://a.example', 'https://b.example'] }));
  assert.match(a.out, /\.allowedOrigins\("https:\/\/a\.example", "https:\/\/b\.example"\)\n/);
  assert.deepEqual(a.facts.policies[0].origin.entries.map((e) => e.value), ['https://a.example', 'https://b.example']);
  const b = await fixed('WebConfigWildcardCredentials.java', () => ({ kind: 'remove-credentials', policyId: 'p0' }));
  assert.match(b.out, /\.allowedHeaders\("\*"\)\n {16}\.maxAge\(3600\);/);
  assert.equal(b.facts.policies[0].credentials, false);
});

test('spring: allowedOriginPatterns("*") becomes allowedOrigins with the trusted origins', async () => {
  const a = await fixed('WebConfigPatternsCredentials.java', () => ({ kind: 'set-origins', policyId: 'p0', origins: ['https://a.example'] }));
  assert.match(a.out, /addMapping\("\/\*\*"\)\.allowedOrigins\("https:\/\/a\.example"\)\.allowCredentials\(true\);/);
  assert.equal(a.facts.policies[0].origin.kind, 'list');
});

test('spring: @CrossOrigin fixes: origins added to a bare annotation or beside other elements; credentials removed', async () => {
  const a = await fixed('ControllerDefaults.java', () => ({ kind: 'set-origins', policyId: 'p1', origins: ['https://a.example', 'https://b.example'] }));
  assert.match(a.out, /@CrossOrigin\(origins = \{"https:\/\/a\.example", "https:\/\/b\.example"\}, allowCredentials = "true", maxAge = 600\)/);
  assert.equal(a.facts.policies[1].origin.kind, 'list');
  const b = await fixed('ControllerDefaults.java', () => ({ kind: 'set-origins', policyId: 'p0', origins: ['https://a.example'] }));
  assert.match(b.out, /@CrossOrigin\(origins = "https:\/\/a\.example"\)\n {4}@GetMapping\("\/status"\)/);
  const c = await fixed('ControllerDefaults.java', () => ({ kind: 'remove-credentials', policyId: 'p1' }));
  assert.match(c.out, /@CrossOrigin\(maxAge = 600\)/);
  assert.equal(c.facts.policies[1].credentials, false);
  // the method's `*` replaced; the class annotation's origin stays (Spring adds them up)
  const d = await fixed('shop/AccountController.java', (f) => ({ kind: 'set-origins', policyId: f.policies.find((p) => p.origin.kind === 'any').id, origins: ['https://a.example'] }));
  assert.match(d.out, /@CrossOrigin\(origins = "https:\/\/a\.example", methods = \{RequestMethod\.DELETE\}\)/);
});

test('spring: entries replaced or removed inside the written list only', async () => {
  const a = await fixed('ControllerCrossOrigin.java', () => ({ kind: 'replace-origin-entry', policyId: 'p1', index: 2, value: 'https://shop.example.com' }));
  assert.match(a.out, /"http:\/\/shop\.example\.com", "https:\/\/shop\.example\.com"\}/);
  const b = await fixed('ControllerCrossOrigin.java', () => ({ kind: 'remove-origin-entry', policyId: 'p1', index: 1 }));
  assert.match(b.out, /origins = \{"https:\/\/shop\.example\.com", "https:\/\/shop\.example\.com\/app"\}/);
  // `origins = "null"` is a single value: removing it would leave `origins =` behind
  const { facts, file } = await run('ControllerCrossOrigin.java');
  assert.deepEqual(spring.renderFix({ kind: 'remove-origin-entry', policyId: 'p0', index: 3 }, facts, file), []);
});

test('spring: CorsConfiguration fixes: addAllowedOrigin("*") rewritten, setAllowCredentials removed, max-age as a long', async () => {
  const a = await fixed('CorsFilterConfig.java', () => ({ kind: 'set-origins', policyId: 'p0', origins: ['https://a.example', 'https://b.example'] }));
  assert.match(a.out, /config\.setAllowedOrigins\(List\.of\("https:\/\/a\.example", "https:\/\/b\.example"\)\);/);
  assert.equal(a.facts.policies[0].origin.kind, 'list');
  const b = await fixed('CorsFilterConfig.java', () => ({ kind: 'remove-credentials', policyId: 'p0' }));
  assert.doesNotMatch(b.out, /setAllowCredentials/);
  assert.match(b.out, /new CorsConfiguration\(\);\n {8}config\.addAllowedOrigin\("\*"\);/);
  const c = await fixed('CorsFilterConfig.java', () => ({ kind: 'set-max-age', policyId: 'p1', value: 7200 }));
  assert.match(c.out, /partner\.setMaxAge\(7200L\);/);
  // applyPermitDefaultValues() then addAllowedOrigin(x): rewriting the call would leave the default `*`
  const l = await run('SecurityLambdaSource.java');
  assert.deepEqual(spring.renderFix({ kind: 'set-origins', policyId: 'p0', origins: ['https://a.example'] }, l.facts, l.file), []);
  // the origins come from a constant: not rewritten here
  const { facts, file } = await run('CorsFilterConfig.java');
  assert.deepEqual(spring.renderFix({ kind: 'set-origins', policyId: 'p1', origins: ['https://a.example'] }, facts, file), []);
});

test('spring: hand-written writes: HttpHeaders constants are header names; fixes only where the name and value are quoted', async () => {
  const { facts, file } = await run('WebFluxCorsFilter.java');
  assert.deepEqual(facts.headerWrites.map((w) => w.name), ['Access-Control-Allow-Origin', 'Access-Control-Allow-Credentials', 'Vary', 'Access-Control-Allow-Methods', 'Access-Control-Allow-Headers']);
  const p = facts.policies[0];
  assert.equal(p.origin.kind, 'list');
  assert.equal(p.credentials, true);
  // `HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS` is no quoted name: the generic clone would write Java that does not compile
  assert.deepEqual(spring.renderFix({ kind: 'remove-credentials', policyId: p.id }, facts, file), []);
  const r = await run('ReflectingFilter.java');
  const acac = r.facts.headerWrites.find((w) => w.name === 'Access-Control-Allow-Credentials');
  // a quoted literal in a statement of its own: the generic renderer writes it (undefined here = use it)
  assert.equal(spring.renderFix({ kind: 'set-header-value', writeId: acac.id, value: 'true' }, r.facts, r.file), undefined);
  const c = await run('ControllerHeaders.java');
  const chained = c.facts.headerWrites.find((w) => w.name === 'Access-Control-Allow-Credentials');
  assert.deepEqual(spring.renderFix({ kind: 'remove-write', writeId: chained.id }, c.facts, c.file), []);
});

test('spring: Spring Cloud Gateway globalcors in application.yml: policies per path, fixes in YAML', async () => {
  const { facts } = await run('gateway/application.yml');
  assert.deepEqual(facts.policies.map((p) => `${p.scope.label} ${p.origin.kind} ${p.credentials}`), [
    'globalcors /api/** list true',
    'globalcors /public/** any false',
    'globalcors /partners/** any true',
    'globalcors /** reflect true',
    'globalcors /env/** unknown true',
  ]);
  const a = await fixed('gateway/application.yml', () => ({ kind: 'set-origins', policyId: 'p2', origins: ['https://a.example', 'https://b.example'] }));
  assert.match(a.out, /'\[\/partners\/\*\*\]':\n {12}allowedOrigins: \['https:\/\/a\.example', 'https:\/\/b\.example'\]\n/);
  assert.equal(a.facts.policies[2].origin.kind, 'list');
  const b = await fixed('gateway/application.yml', () => ({ kind: 'set-origins', policyId: 'p3', origins: ['https://a.example'] }));
  assert.match(b.out, /'\[\/\*\*\]':\n {6}allowedOrigins: 'https:\/\/a\.example'\n/);
  const c = await fixed('gateway/application.yml', () => ({ kind: 'remove-credentials', policyId: 'p2' }));
  assert.equal(c.facts.policies[2].credentials, false);
  // a block list is not rewritten in place
  const { facts: f0, file } = await run('gateway/application.yml');
  assert.deepEqual(spring.renderFix({ kind: 'set-origins', policyId: 'p0', origins: ['https://a.example'] }, f0, file), []);
});

test('spring: Spring Cloud Gateway in application.properties: comma lists, [n] lists, relaxed keys; fixes as plain values', async () => {
  const { facts } = await run('gateway/application.properties');
  assert.deepEqual(facts.policies.map((p) => `${p.scope.label} ${p.origin.kind} ${p.credentials}`), [
    'globalcors /api/** list true',
    'globalcors /open/** any true',
    'globalcors /v2/** reflect true',
    'globalcors /env/** unknown true',
  ]);
  assert.deepEqual(facts.policies[0].origin.entries.map((e) => e.value), ['https://shop.example.com', 'https://admin.example.com/']);
  const a = await fixed('gateway/application.properties', () => ({ kind: 'set-origins', policyId: 'p1', origins: ['https://a.example', 'https://b.example'] }));
  assert.match(a.out, /\[\/open\/\*\*\]\.allowedOrigins=https:\/\/a\.example,https:\/\/b\.example\n/);
  assert.equal(a.facts.policies[1].origin.kind, 'list');
  const b = await fixed('gateway/application.properties', () => ({ kind: 'replace-origin-entry', policyId: 'p0', index: 1, value: 'https://admin.example.com' }));
  assert.match(b.out, /allowed-origins=https:\/\/shop\.example\.com, https:\/\/admin\.example\.com\n/);
  const c = await fixed('gateway/application.properties', () => ({ kind: 'set-max-age', policyId: 'p0', value: 7200 }));
  assert.match(c.out, /max-age=7200\n/);
  // the patterns are written as [0] / [1] lines: not rewritten
  const { facts: f0, file } = await run('gateway/application.properties');
  assert.deepEqual(spring.renderFix({ kind: 'set-origins', policyId: 'p2', origins: ['https://a.example'] }, f0, file), []);
});

test('spring: Spring Boot Actuator / GraphQL CORS properties: GET, HEAD and 1800 s unless set; nothing without origins', async () => {
  const { facts } = await run('gateway/application-actuator.yml');
  assert.deepEqual(facts.policies.map((p) => `${p.scope.label} ${p.origin.kind} ${p.credentials} ${p.maxAge?.value} ${p.methods.items.map((i) => i.value).join(',')}`), [
    'Actuator /actuator/** any true 3600 GET,HEAD',
    'GraphQL /graphql predicate true 1800 GET,POST',
  ]);
  const p = await run('gateway/application-actuator.properties');
  assert.deepEqual(p.facts.policies.map((x) => `${x.scope.label} ${x.origin.kind} ${x.maxAge?.value}`), ['Actuator /actuator/** list 100000', 'GraphQL /graphql reflect 1800']);
});

test('spring: half-typed, binary-ish and huge files: no crash, no wrong fact', async () => {
  const { text } = await run('WebConfigWildcardCredentials.java');
  // cut inside the chain: the part before stays readable, nothing is invented
  for (const cut of [text.indexOf('.allowedMethods'), text.indexOf('.allowCredentials') + 5, text.length - 10, 40]) {
    const { facts } = await run('WebConfigWildcardCredentials.java', text.slice(0, cut));
    for (const p of facts.policies) assert.ok(p.credentials !== true || cut > text.indexOf('.allowCredentials(true)'), `cut ${cut}`);
  }
  const bin = await run('x.java', 'import org.springframework.web.cors.CorsConfiguration;\n\u0000\u0001\u0002 registry.addMapping("/**")');
  assert.equal(bin.facts.policies.length, 0);
  const huge = 'import org.springframework.web.bind.annotation.CrossOrigin;\nclass A {\n' + '  void f() { int x = 1; }\n'.repeat(60000) + '}\n';
  const t0 = Date.now();
  const h = await run('Huge.java', huge);
  assert.equal(h.facts.policies.length, 0);
  assert.ok(Date.now() - t0 < 20000);
  // application.yml cut inside a quoted value (the open quote runs to the end of the file): nothing, rather
  // than an origin made of the following lines
  const yml = "spring.cloud.gateway.globalcors.cors-configurations:\n  '[/**]':\n    allowedOrigins: \"*\n    allowCredentials: true\n---\n" +
    "spring.cloud.gateway.globalcors.cors-configurations:\n  '[/b/**]':\n    allowedOrigins: https://b.example.com\n";
  const y = await run('gateway/application.yml', yml);
  assert.deepEqual(y.facts.policies, []);
  const ok = await run('gateway/application.yml', yml.replace('"*\n', '"*"\n'));
  assert.deepEqual(ok.facts.policies.map((p) => p.scope.label), ['globalcors /**', 'globalcors /b/**']);
  const props = await run('gateway/application.properties', 'spring.cloud.gateway.globalcors.cors-configurations.[/**].allowed-origins=\u0000\\\n');
  assert.equal(props.facts.policies.length, 0);
  const deep = 'import org.springframework.web.cors.CorsConfiguration;\nclass A { void f() { x = ' + '('.repeat(5000) + '1' + ')'.repeat(5000) + '; } }\n';
  assert.doesNotThrow(() => run('Deep.java', deep));
});

test('spring: the Spring version from the nearest pom.xml that states it (legacy/: Boot 2.1 → Spring 5.1 echoes `*` + credentials)', async () => {
  const read = (f) => readFileSync(join(dir, f), 'utf8');
  const text = read('legacy/api/LegacyCorsConfig.java');
  const ws = memWorkspace({ '/p/pom.xml': read('legacy/pom.xml'), '/p/api/pom.xml': read('legacy/api/pom.xml') });
  const { facts } = await extractWith(spring, '/p/api/src/main/java/LegacyCorsConfig.java', text, undefined, ws);
  matchSnapshot(join(dir, '__snapshots__', 'legacy_api_LegacyCorsConfig.java.facts.txt'), renderFacts(facts, text));
  assert.equal(facts.policies[0].origin.kind, 'reflect');
  assert.equal(facts.policies[0].refusal, undefined);
  // no pom (or one on Boot 2.4+): the 5.3+ refusal stands
  const alone = await extractWith(spring, '/q/LegacyCorsConfig.java', text, undefined, memWorkspace({}));
  assert.equal(alone.facts.policies[0].origin.kind, 'any');
  assert.match(alone.facts.policies[0].refusal, /5\.3 and later/);
  const boot24 = memWorkspace({ '/r/pom.xml': read('legacy/pom.xml').replace('2.1.5.RELEASE', '2.4.0') });
  assert.equal((await extractWith(spring, '/r/src/LegacyCorsConfig.java', text, undefined, boot24)).facts.policies[0].origin.kind, 'any');
});
