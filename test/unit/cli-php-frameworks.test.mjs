// The CLI on a Laravel and a Symfony project made on disk: which rule fires at which line, from the
// framework's own CORS config (config/cors.php, config/packages/nelmio_cors.yaml, app/config/config.yml).
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
  ws = mkdtempSync(join(tmpdir(), 'cors-lint-phpfw-'));
  put('laravel/sanctum-credentials-star.php', 'shop/config/cors.php');
  put('laravel/trailing-slash.php', 'blog/config/cors.php');
  put('laravel/laravel9-default.php', 'clean/config/cors.php');
  put('laravel/env-origins.php', 'envs/config/cors.php');
  put('laravel/not-cors-config.php', 'shop/config/services.php');
  put('symfony/star-credentials.yaml', 'sf/config/packages/nelmio_cors.yaml');
  put('symfony/trailing-slash.yaml', 'sf2/config/packages/prod/nelmio_cors.yaml');
  put('symfony/app/config/config.yml', 'sf3/app/config/config.yml');
  put('symfony/config/packages/nelmio_cors.yaml', 'recipe/config/packages/nelmio_cors.yaml');
  put('symfony/no-cors.yaml', 'sf/config/packages/framework.yaml');
});
after(() => rmSync(ws, { recursive: true, force: true }));

test('rule ids at the right lines; valid and unknown configs give nothing', () => {
  const r = spawnSync(process.execPath, [cli, '--format', 'json', '.'], { cwd: ws, encoding: 'utf8', timeout: 60000 });
  assert.equal(r.status, 1, r.stderr);
  assert.deepEqual(findingsByFile(r.stdout, ws), {
    'shop/config/cors.php': ['9:28 reflected-origin-with-credentials'],
    'blog/config/cors.php': ['6:28 invalid-allowlist-entry'],
    'sf/config/packages/nelmio_cors.yaml': ['4:25 reflected-origin-with-credentials'],
    'sf2/config/packages/prod/nelmio_cors.yaml': ['4:16 invalid-allowlist-entry'],
  });
});

test('--fix writes the preferred fixes in PHP array and YAML form, and the files then pass', () => {
  const run = (args) => spawnSync(process.execPath, [cli, ...args], { cwd: ws, encoding: 'utf8', timeout: 60000 });
  const files = ['blog/config/cors.php', 'sf2/config/packages/prod/nelmio_cors.yaml'];
  const r = run(['--fix', '--format', 'json', ...files]);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  const text = (p) => readFileSync(join(ws, p), 'utf8');
  assert.match(text(files[0]), /'allowed_origins' => \['https:\/\/shop\.example\.com', 'https:\/\/www\.example\.com'\],/);
  assert.match(text(files[1]), /allow_origin:\n            - 'https:\/\/app\.example\.com'\n            - 'https:\/\/admin\.example\.com'\n/);
});
