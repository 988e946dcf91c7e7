// Knowledge tables and browser-fact helpers (server/src/knowledge).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  parseSerializedOrigin,
  SAFELISTED_METHODS,
  NORMALIZED_METHODS,
  normalizeMethod,
  isSafelistedMethod,
  isSafelistedRequestHeader,
  MAX_AGE_CAP,
  editDistance,
} from '../../dist/lib/knowledge/fetch.js';
import { HEADER_DOCS, CORS_HEADER_NAMES, headerDoc } from '../../dist/lib/knowledge/headers.js';

test('parseSerializedOrigin accepts serialized origins as browsers send them', () => {
  for (const o of [
    'https://example.com',
    'http://localhost:3000',
    'http://127.0.0.1:8080',
    'http://[::1]:5173',
    'https://xn--bcher-kva.de',
    'https://a.b.example.co.uk:8443',
    'chrome-extension://abcdefghijklmnop',
  ]) {
    assert.deepEqual(parseSerializedOrigin(o), { ok: true, origin: o, kind: 'tuple' }, o);
  }
  assert.deepEqual(parseSerializedOrigin('null'), { ok: true, origin: 'null', kind: 'null' });
});

test('parseSerializedOrigin rejects values that never equal an Origin, with the fix when there is one', () => {
  const cases = [
    // value, problem codes, normalized suggestion (undefined = none)
    ['https://example.com/', ['trailing-slash'], 'https://example.com'],
    ['https://example.com/api/v1', ['path'], 'https://example.com'],
    ['https://example.com?x=1', ['query'], 'https://example.com'],
    ['https://example.com#top', ['fragment'], 'https://example.com'],
    ['https://example.com:443', ['default-port'], 'https://example.com'],
    ['http://example.com:80', ['default-port'], 'http://example.com'],
    ['http://example.com:8080', null, 'http://example.com:8080'],
    ['HTTPS://Example.COM', ['uppercase'], 'https://example.com'],
    ['example.com', ['no-scheme'], 'https://example.com'],
    ['localhost:3000', ['no-scheme'], 'http://localhost:3000'],
    ['//example.com', ['no-scheme'], 'https://example.com'],
    ['https:example.com', ['missing-slashes'], 'https://example.com'],
    ['"https://example.com"', ['quoted'], 'https://example.com'],
    [' https://example.com ', ['whitespace'], 'https://example.com'],
    ['https://user:pw@example.com', ['userinfo'], 'https://example.com'],
    ['https://example.com:', ['empty-port'], 'https://example.com'],
    ['https://example.com:08443', ['invalid-port'], 'https://example.com:8443'],
    ['https://bücher.de', ['non-canonical-host'], 'https://xn--bcher-kva.de'],
    ['http://127.1', ['non-canonical-host'], 'http://127.0.0.1'],
    ['Null', ['null-case'], 'null'],
    ["'null'", ['quoted'], 'null'],
    ['*', ['wildcard'], undefined],
    ['https://*.example.com', ['wildcard'], undefined],
    ['https://example.com:*', ['wildcard'], undefined],
    ['https://a.example, https://b.example', ['several-origins'], undefined],
    ['https://a.example https://b.example', ['several-origins'], undefined],
    ['^https://(www\\.)?example\\.com$', ['pattern'], undefined],
    ['https://.*\\.example\\.com', ['pattern'], undefined],
    ['file:///home/me/index.html', ['opaque-scheme'], undefined],
    ['data:text/html,hi', ['opaque-scheme'], undefined],
    ['https://', ['no-host'], undefined],
    ['https:', ['no-host'], undefined],
    ['http://example.com:70000', ['invalid-port'], undefined],
    ['', ['empty'], undefined],
  ];
  for (const [value, codes, normalized] of cases) {
    const r = parseSerializedOrigin(value);
    if (codes === null) {
      assert.equal(r.ok, true, value);
      continue;
    }
    assert.equal(r.ok, false, value);
    assert.deepEqual(r.codes, codes, value);
    assert.equal(r.problems.length, r.codes.length, value);
    assert.ok(r.problems.every((p) => typeof p === 'string' && p.length > 0), value);
    assert.equal(r.normalized, normalized, value);
  }
});

test('several defects are all reported, and the suggestion is itself a valid origin', () => {
  const r = parseSerializedOrigin('HTTPS://Example.com:443/path/');
  assert.equal(r.ok, false);
  assert.deepEqual(r.codes, ['uppercase', 'default-port', 'path']);
  assert.equal(r.normalized, 'https://example.com');
  for (const v of ['https://EXAMPLE.com/', 'example.com:443/x', 'http://127.1:80/', "'Null'", 'https:/Example.com']) {
    const res = parseSerializedOrigin(v);
    assert.equal(res.ok, false, v);
    assert.ok(res.normalized, v);
    assert.equal(parseSerializedOrigin(res.normalized).ok, true, `${v} -> ${res.normalized}`);
  }
});

test('methods: safelisted and normalised sets', () => {
  assert.deepEqual([...SAFELISTED_METHODS].sort(), ['GET', 'HEAD', 'POST']);
  assert.deepEqual([...NORMALIZED_METHODS].sort(), ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT']);
  assert.equal(normalizeMethod('delete'), 'DELETE');
  assert.equal(normalizeMethod('Put'), 'PUT');
  assert.equal(normalizeMethod('patch'), 'patch', 'PATCH is not normalised');
  assert.equal(normalizeMethod('PATCH'), 'PATCH');
  assert.equal(isSafelistedMethod('post'), true);
  assert.equal(isSafelistedMethod('PUT'), false);
  assert.equal(isSafelistedMethod('PATCH'), false);
});

test('isSafelistedRequestHeader follows the Fetch standard', () => {
  // Names alone.
  for (const n of ['Accept', 'accept-language', 'Content-Language', 'CONTENT-TYPE', 'Range']) assert.equal(isSafelistedRequestHeader(n), true, n);
  for (const n of ['Authorization', 'X-Requested-With', 'Cache-Control', 'Origin', 'X-Api-Key']) assert.equal(isSafelistedRequestHeader(n), false, n);
  // Content-Type: only three essences, parameters ignored, no unsafe bytes.
  assert.equal(isSafelistedRequestHeader('Content-Type', 'text/plain'), true);
  assert.equal(isSafelistedRequestHeader('Content-Type', 'text/plain;charset=UTF-8'), true);
  assert.equal(isSafelistedRequestHeader('Content-Type', 'Multipart/Form-Data; boundary=x'), true);
  assert.equal(isSafelistedRequestHeader('Content-Type', 'application/x-www-form-urlencoded'), true);
  assert.equal(isSafelistedRequestHeader('Content-Type', 'application/json'), false);
  assert.equal(isSafelistedRequestHeader('Content-Type', 'text/plain; charset="utf-8"'), false, 'quote is a CORS-unsafe byte');
  assert.equal(isSafelistedRequestHeader('Content-Type', 'text'), false);
  // Languages: restricted byte set.
  assert.equal(isSafelistedRequestHeader('Accept-Language', 'en-US,en;q=0.9'), true);
  assert.equal(isSafelistedRequestHeader('Content-Language', 'en_US'), false);
  // Accept: anything without unsafe bytes.
  assert.equal(isSafelistedRequestHeader('Accept', 'application/json'), true);
  assert.equal(isSafelistedRequestHeader('Accept', 'a(b)'), false);
  // Range: one byte range with a start.
  assert.equal(isSafelistedRequestHeader('Range', 'bytes=0-'), true);
  assert.equal(isSafelistedRequestHeader('Range', 'bytes=10-20'), true);
  assert.equal(isSafelistedRequestHeader('Range', 'bytes=-500'), false);
  assert.equal(isSafelistedRequestHeader('Range', 'bytes=20-10'), false);
  assert.equal(isSafelistedRequestHeader('Range', 'bytes=0-1,5-6'), false);
  assert.equal(isSafelistedRequestHeader('Range', 'bytes = 0-'), false);
  // Length limit.
  assert.equal(isSafelistedRequestHeader('Accept', 'a'.repeat(128)), true);
  assert.equal(isSafelistedRequestHeader('Accept', 'a'.repeat(129)), false);
});

test('preflight cache caps', () => {
  assert.deepEqual({ ...MAX_AGE_CAP }, { chromium: 7200, firefox: 86400, default: 5 });
});

test('editDistance counts insertions, deletions, substitutions and adjacent swaps', () => {
  assert.equal(editDistance('', ''), 0);
  assert.equal(editDistance('', 'abc'), 3);
  assert.equal(editDistance('abc', ''), 3);
  assert.equal(editDistance('kitten', 'sitting'), 3);
  assert.equal(editDistance('access-control-allow-origins', 'access-control-allow-origin'), 1);
  assert.equal(editDistance('access-control-allow-credential', 'access-control-allow-credentials'), 1);
  assert.equal(editDistance('access-control-allow-orgiin', 'access-control-allow-origin'), 1, 'transposition');
  assert.equal(editDistance('access-control-alow-origin', 'access-control-allow-origin'), 1);
  assert.equal(editDistance('Vary', 'vary'), 1, 'case-sensitive');
  assert.equal(editDistance('abc', 'cab'), 2);
  assert.equal(editDistance('a', 'b'), 1);
});

test('header docs: every CORS header documented, with links and a body of reasonable size', () => {
  const expected = [
    'Origin',
    'Access-Control-Request-Method',
    'Access-Control-Request-Headers',
    'Access-Control-Request-Private-Network',
    'Access-Control-Allow-Origin',
    'Access-Control-Allow-Credentials',
    'Access-Control-Allow-Methods',
    'Access-Control-Allow-Headers',
    'Access-Control-Expose-Headers',
    'Access-Control-Max-Age',
    'Access-Control-Allow-Private-Network',
    'Vary',
    'Timing-Allow-Origin',
  ];
  assert.deepEqual(HEADER_DOCS.map((d) => d.name).sort(), [...expected].sort());
  assert.deepEqual([...CORS_HEADER_NAMES].sort(), expected.map((n) => n.toLowerCase()).sort());
  for (const d of HEADER_DOCS) {
    assert.match(d.kind, /^(request|response)$/, d.name);
    assert.ok(d.summary.length > 20 && !d.summary.includes('\n'), d.name);
    const lines = d.markdown.split('\n').length;
    assert.ok(lines >= 4 && lines <= 15, `${d.name}: ${lines} lines`);
    assert.match(d.spec, /^https:\/\/(fetch\.spec\.whatwg\.org\/#|wicg\.github\.io\/)/, d.name);
    assert.match(d.mdn, /^https:\/\//, d.name);
    assert.equal(headerDoc(d.name.toUpperCase()), d);
    assert.equal(headerDoc(d.name.toLowerCase()), d);
  }
  assert.equal(headerDoc('Access-Control-Allow-Origin:')?.name, 'Access-Control-Allow-Origin');
  assert.equal(headerDoc('X-Frame-Options'), undefined);
  assert.equal(headerDoc('access-control-allow-origins'), undefined);
});

test('request headers are marked as such', () => {
  const kinds = Object.fromEntries(HEADER_DOCS.map((d) => [d.name, d.kind]));
  assert.equal(kinds['Origin'], 'request');
  assert.equal(kinds['Access-Control-Request-Method'], 'request');
  assert.equal(kinds['Access-Control-Request-Headers'], 'request');
  assert.equal(kinds['Access-Control-Request-Private-Network'], 'request');
  assert.equal(kinds['Access-Control-Allow-Origin'], 'response');
  assert.equal(kinds['Vary'], 'response');
});

test('the hovers state the key facts people get wrong', () => {
  const acao = headerDoc('access-control-allow-origin').markdown;
  assert.match(acao, /read/);
  assert.match(acao, /`null` denies no one/);
  assert.match(acao, /omit the header/);
  assert.match(acao, /not the request from the server/);
  assert.match(acao, /`\*` never works with credentials/);
  assert.match(headerDoc('access-control-max-age').markdown, /7200[\s\S]*86400/);
  assert.match(headerDoc('access-control-max-age').markdown, /5 seconds/);
  assert.match(headerDoc('access-control-allow-headers').markdown, /never covers `Authorization`/);
  assert.match(headerDoc('access-control-allow-methods').markdown, /`patch` here does not allow `PATCH`/);
  assert.match(headerDoc('access-control-allow-credentials').markdown, /exactly `true`/);
});

test('header names recorded as CORS facts: one test for every source', async () => {
  const { isCorsWriteName } = await import('../../dist/lib/knowledge/headerNames.js');
  for (const n of ['Access-Control-Allow-Origin', 'access-control-allow-credentials', ' Vary ', 'Timing-Allow-Origin', 'Access-Control-Anything']) assert.ok(isCorsWriteName(n), n);
  // typos within two edits of a documented header reach misspelled-cors-header
  for (const n of ['Acess-Control-Allow-Origin', 'Access-Control-Allow-Credential', 'Acces-Contorl-Max-Age', 'Timing-Allow-Orign']) assert.ok(isCorsWriteName(n), n);
  for (const n of ['Cache-Control', 'Content-Type', 'Cross-Origin-Opener-Policy', 'X-Frame-Options', 'Access Control', 'Vry', '']) assert.ok(!isCorsWriteName(n), n);
});
