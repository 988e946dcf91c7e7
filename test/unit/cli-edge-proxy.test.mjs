// The CLI (dist/server/cli.js --format json) on the edge and proxy config fixtures — Netlify / Cloudflare Pages
// header rules (netlify.toml, _headers), Traefik headers middlewares, Istio / Envoy CORS, Caddyfiles —: exactly which rule fires at which line, and nothing on correct files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join, relative } from 'node:path';
import { root } from '../helpers.mjs';

function findings(folder) {
  const dir = join(root, 'test/fixtures', folder);
  const r = spawnSync(process.execPath, [join(root, 'dist/server/cli.js'), '--format', 'json', dir], { cwd: root, encoding: 'utf8', timeout: 60000 });
  assert.ok(r.status === 0 || r.status === 1, r.stderr);
  return JSON.parse(r.stdout)
    .flatMap((f) => f.messages.map((m) => `${relative(dir, f.filePath).replace(/\\/g, '/')}:${m.line}:${m.column} ${m.ruleId}`))
    .sort();
}

test('cli: netlify.toml and _headers fixtures', () => {
  assert.deepEqual(findings('static-headers'), [
    // two Allow-Origin lines for one path: sent joined, `a, b`
    'headers-duplicate-origin/_headers:4:3 duplicate-allow-origin',
    // the rule read as far as it is written
    'headers-half-typed/_headers:2:32 wildcard-origin-with-credentials',
    'headers-pages-site/_headers:15:32 wildcard-origin-with-credentials',
    'headers-pages-site/_headers:22:37 invalid-credentials-value',
    'headers-pages-site/_headers:23:27 max-age-over-browser-cap',
    // a second block of the same path adds its Allow-Credentials to the first one's
    'headers-pages-site/_headers:36:3 duplicate-allow-origin',
    'netlify-inline-values/netlify.toml:3:45 wildcard-origin-with-credentials',
    'netlify-site/netlify.toml:60:31 max-age-over-browser-cap',
    'netlify-site/netlify.toml:66:38 invalid-allow-origin-value',
    'netlify-site/netlify.toml:67:5 misspelled-cors-header',
    'netlify-star-credentials/netlify.toml:11:48 method-case-mismatch',
    'netlify-star-credentials/netlify.toml:9:36 wildcard-origin-with-credentials',
  ]);
});

test('cli: Traefik headers middlewares in compose labels, file-provider YAML and TOML, and CRDs', () => {
  assert.deepEqual(findings('traefik'), [
    // the compose file runs traefik:v2.11.14: `*` is sent as written, with credentials
    'compose-v2.yaml:9:80 wildcard-origin-with-credentials',
    // accesscontrolalloworiginlist=* with credentials: Traefik ≥ 3.7.6 echoes the Origin, and adds no Vary by default
    'docker-compose.yml:25:81 missing-vary-origin',
    'docker-compose.yml:25:81 reflected-origin-with-credentials',
    'docker-compose.yml:29:72 max-age-over-browser-cap',
    // compared byte for byte: the trailing slash never matches
    'docker-compose.yml:38:104 invalid-allowlist-entry',
    // two origins in a deploy.labels map, no addvaryheader
    'docker-compose.yml:47:86 missing-vary-origin',
    'docker-compose.yml:48:87 method-case-mismatch',
    // customresponseheaders are sent as written
    'docker-compose.yml:53:104 wildcard-origin-with-credentials',
    'dynamic.toml:18:34 invalid-allow-origin-value',
    'dynamic.toml:7:36 missing-vary-origin',
    'dynamic.toml:7:36 reflected-origin-with-credentials',
    'dynamic.yml:50:11 missing-vary-origin',
    'dynamic.yml:50:14 null-origin-allowed',
    'dynamic.yml:57:30 max-age-over-browser-cap',
    // addVaryHeader is on: only the echo with credentials
    'middleware-crd.yaml:15:10 reflected-origin-with-credentials',
  ]);
});

test('cli: --fix writes the trusted origins in the label and the YAML list, and the files then pass that rule', async () => {
  const { mkdtempSync, copyFileSync, readFileSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const ws = mkdtempSync(join(tmpdir(), 'cors-lint-traefik-'));
  try {
    for (const f of ['docker-compose.yml', 'middleware-crd.yaml', 'dynamic.toml']) copyFileSync(join(root, 'test/fixtures/traefik', f), join(ws, f));
    const cli = (args) => spawnSync(process.execPath, [join(root, 'dist/server/cli.js'), ...args], { cwd: ws, encoding: 'utf8', timeout: 60000 });
    cli(['--fix', '--trusted-origin', 'https://app.example.com', '.']);
    assert.match(readFileSync(join(ws, 'docker-compose.yml'), 'utf8'), /headers\.accesscontrolalloworiginlist=https:\/\/app\.example\.com"\n/);
    assert.match(readFileSync(join(ws, 'middleware-crd.yaml'), 'utf8'), /accessControlAllowOriginList:\n      - "https:\/\/app\.example\.com"\n    accessControlAllowCredentials: true/);
    assert.match(readFileSync(join(ws, 'dynamic.toml'), 'utf8'), /accessControlAllowOriginList = \["https:\/\/app\.example\.com"\]\n  accessControlAllowCredentials = true/);
    const r = cli(['--format', 'json', '.']);
    const rules = JSON.parse(r.stdout).flatMap((f) => f.messages.map((m) => m.ruleId));
    assert.ok(!rules.includes('reflected-origin-with-credentials'), rules.join());
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
});

test('cli: Istio VirtualService corsPolicy and Envoy route cors', () => {
  assert.deepEqual(findings('envoy'), [
    // typed_per_filter_config: a prefix "*" accepts `*`, so every Origin is echoed
    'envoy-per-route.yaml:12:26 missing-vary-origin',
    'envoy-per-route.yaml:12:26 reflected-origin-with-credentials',
    // safe_regex ".*" accepts `*`: every Origin is echoed, with credentials, and Envoy adds no Vary
    'envoy.yaml:20:39 missing-vary-origin',
    'envoy.yaml:20:39 reflected-origin-with-credentials',
    'envoy.yaml:23:35 max-age-over-browser-cap',
    // an exact and a suffix matcher: chosen per request, no Vary (the suffix stays a fact for weak-origin-check)
    'envoy.yaml:32:27 missing-vary-origin',
    'istio-mesh.yaml:37:11 missing-vary-origin',
    'istio-mesh.yaml:38:21 invalid-allowlist-entry',
    'istio-mesh.yaml:42:13 method-case-mismatch',
    // maxAge "24h" = 86400 s
    'istio-mesh.yaml:47:18 max-age-over-browser-cap',
    'istio-mesh.yaml:57:11 missing-vary-origin',
    'istio-mesh.yaml:67:21 missing-vary-origin',
    'istio-mesh.yaml:67:21 reflected-origin-with-credentials',
    // the deprecated allowOrigin ["*"]: echoed too, without credentials
    'istio-mesh.yaml:83:14 missing-vary-origin',
  ]);
});

test('cli: Caddyfiles', () => {
  assert.deepEqual(findings('caddy'), [
    // `header ACAO *` then `header +ACAO *` in a site without braces: sent twice
    'Caddyfile.dev:5:9 duplicate-allow-origin',
    // {header.Origin} with no matcher: every Origin echoed, with credentials, no Vary
    'Caddyfile:13:31 missing-vary-origin',
    'Caddyfile:13:31 reflected-origin-with-credentials',
    'Caddyfile:16:26 max-age-over-browser-cap',
    // header_down in reverse_proxy
    'Caddyfile:35:43 invalid-allow-origin-value',
    'Caddyfile:42:18 misspelled-cors-header',
  ]);
});
