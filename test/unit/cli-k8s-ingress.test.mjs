// The CLI on a Kubernetes repository made on disk: Ingress manifests with ingress-nginx CORS annotations (plain,
// multi-document, a Helm chart template) next to a Symfony nelmio_cors.yaml; which rule fires at which line.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findingsByFile, putFixture, root } from '../helpers.mjs';

const cli = join(root, 'dist/server/cli.js');
let ws;

const put = (fixture, rel) => putFixture(ws, fixture, rel);

before(() => {
  ws = mkdtempSync(join(tmpdir(), 'cors-lint-ingress-'));
  for (const f of ['default-enable-only', 'allowlist-credentials', 'star-credentials', 'trailing-slash', 'multi-document', 'cors-disabled', 'half-typed', 'max-age-over-cap', 'wildcard-subdomain-null']) {
    put(`ingress/${f}.yaml`, `k8s/${f}.yaml`);
  }
  put('ingress/chart/templates/ingress.yaml', 'charts/api/templates/ingress.yaml');
  put('symfony/star-credentials.yaml', 'sf/config/packages/nelmio_cors.yaml');
});
after(() => rmSync(ws, { recursive: true, force: true }));

const run = (args) => spawnSync(process.execPath, [cli, ...args], { cwd: ws, encoding: 'utf8', timeout: 60000 });

test('rule ids at the right annotation lines; templates, disabled CORS and half-typed YAML give nothing', () => {
  const r = run(['--format', 'json', '.']);
  assert.equal(r.status, 1, r.stderr);
  assert.deepEqual(findingsByFile(r.stdout, ws), {
    // enable-cors alone: the defaults send `*` with credentials true, reported at enable-cors
    'k8s/default-enable-only.yaml': ['6:47 wildcard-origin-with-credentials'],
    // nginx echoes the matched Origin and never sends Vary: Origin
    'k8s/allowlist-credentials.yaml': ['7:53 missing-vary-origin'],
    'k8s/star-credentials.yaml': ['7:53 wildcard-origin-with-credentials'],
    // the validator refuses the value whole: `*` again, with the default credentials
    'k8s/trailing-slash.yaml': ['9:53 wildcard-origin-with-credentials'],
    // the second Ingress of the stream; the Service's annotation is not read
    'k8s/multi-document.yaml': ['40:53 wildcard-origin-with-credentials'],
    'k8s/max-age-over-cap.yaml': ['9:48 max-age-over-browser-cap'],
    // `null` in the list: the built regex `(null)$` matches the opaque Origin and echoes it
    'k8s/wildcard-subdomain-null.yaml': ['7:53 missing-vary-origin', '7:76 null-origin-allowed'],
    // the Symfony file is still read by the Symfony extractor alone
    'sf/config/packages/nelmio_cors.yaml': ['4:25 reflected-origin-with-credentials'],
  });
  assert.match(r.stderr, /\(ingress 10, symfony 1\)/);
});

test('--fix adds cors-allow-origin with the trusted origin under enable-cors, and the file then passes', () => {
  const file = 'k8s/default-enable-only.yaml';
  const r = run(['--fix', '--trusted-origin', 'https://app.example.com', '--format', 'json', file]);
  assert.match(readFileSync(join(ws, file), 'utf8'), /enable-cors: "true"\n    nginx\.ingress\.kubernetes\.io\/cors-allow-origin: "https:\/\/app\.example\.com"\nspec:/);
  assert.equal(r.status, 0, r.stdout + r.stderr);
});
