// The CLI on the Django and Starlette/FastAPI fixtures: which rule fires at which line (and that the valid
// files stay clean).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { root } from '../helpers.mjs';

function lint(dir) {
  const r = spawnSync(process.execPath, [join(root, 'dist/server/cli.js'), '--format', 'json', join(root, 'test/fixtures', dir)], { encoding: 'utf8', timeout: 60000 });
  const out = {};
  for (const f of JSON.parse(r.stdout)) out[f.filePath.split('/').pop()] = f.messages.map((m) => `${m.ruleId}@${m.line}:${m.column}`).sort();
  return out;
}

test('cli: django settings fixtures', () => {
  const got = lint('django');
  assert.deepEqual(got['settings_allow_all_credentials.py'], ['reflected-origin-with-credentials@15:1']);
  assert.deepEqual(got['settings_old_names.py'], ['reflected-origin-with-credentials@5:1']);
  assert.deepEqual(got['config_settings_local.py'], ['reflected-origin-with-credentials@4:1']);
  assert.deepEqual(got['settings_trailing_slash.py'], ['invalid-allowlist-entry@5:6']);
  assert.deepEqual(got['settings_bad_entries.py'], ['invalid-allowlist-entry@6:6', 'invalid-allowlist-entry@7:6', 'invalid-allowlist-entry@8:6', 'invalid-allowlist-entry@9:6']);
  assert.deepEqual(got['settings_null_origin.py'], ['null-origin-allowed@5:53']);
  assert.deepEqual(got['settings_headers_max_age.py'], ['max-age-over-browser-cap@10:26', 'method-case-mismatch@9:48']);
  assert.deepEqual(got['settings_typo.py'], ['misspelled-cors-header@4:1']);
  for (const clean of ['settings_valid.py', 'settings_allow_all.py', 'settings_missing_middleware.py', 'settings_env.py', 'config_settings_production.py', 'flask_config.py', 'half_typed.py', 'settings_regexes.py']) {
    assert.deepEqual(got[clean] ?? [], [], clean);
  }
});

test('cli: starlette / fastapi fixtures', () => {
  const got = lint('starlette');
  assert.deepEqual(got['fastapi_wildcard_credentials.py'], ['reflected-origin-with-credentials@8:21']);
  assert.deepEqual(got['starlette_middleware_list.py'], ['invalid-allowlist-entry@15:25', 'invalid-allowlist-entry@15:53', 'method-case-mismatch@16:32']);
  assert.deepEqual(got['starlette_null_origin.py'], ['null-origin-allowed@7:79']);
  assert.deepEqual(got['asgi_wrap.py'], ['max-age-over-browser-cap@9:13']);
  for (const clean of ['fastapi_valid.py', 'fastapi_public.py', 'fastapi_regex.py', 'fastapi_kwargs.py', 'fastapi_factory_env.py', 'fastapi_typo.py', 'no_cors.py', 'other_corsmiddleware.py', 'half_typed.py']) {
    assert.deepEqual(got[clean] ?? [], [], clean);
  }
});
