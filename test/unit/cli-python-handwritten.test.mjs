// Hand-written CORS headers in Django and Starlette / FastAPI code, through the CLI: which rule fires at
// which line, that the allowlist-guarded and unrelated files stay clean, and that each write is reported
// once although the Flask, Django and Starlette extractors all read every Python file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { root } from '../helpers.mjs';

function lint(...files) {
  const r = spawnSync(process.execPath, [join(root, 'dist/server/cli.js'), '--format', 'json', ...files.map((f) => join(root, 'test/fixtures', f))], { encoding: 'utf8', timeout: 60000 });
  const out = {};
  for (const f of JSON.parse(r.stdout)) out[f.filePath.split('/').slice(-2).join('/')] = f.messages.map((m) => `${m.ruleId}@${m.line}:${m.column}`).sort();
  return out;
}

const DJANGO = ['hw_middleware_reflect.py', 'hw_middleware_allowlist.py', 'hw_presence_only.py', 'hw_function_middleware.py', 'hw_view_headers_kw.py', 'hw_setdefault_literal.py', 'hw_dict_not_response.py', 'hw_half_typed.py', 'hw_view_options.py', 'hw_view_decorator.py', 'hw_test_client.py', 'hw_delete.py'];
const STARLETTE = ['hw_http_middleware_reflect.py', 'hw_http_middleware_allowlist.py', 'hw_presence_only.py', 'hw_route_response_param.py', 'hw_json_response_headers.py', 'hw_no_import_call_next.py', 'hw_half_typed.py', 'hw_plain_text_positional.py', 'hw_request_headers_only.py', 'hw_options_preflight.py', 'hw_test_client.py', 'hw_delete.py', 'hw_asgi_raw.py', 'hw_asgi_allowlist.py'];

test('cli: django hand-written headers', () => {
  const got = lint(...DJANGO.map((f) => `django/${f}`));
  const at = (f) => got[`django/${f}`] ?? [];
  assert.deepEqual(at('hw_middleware_reflect.py'), ['missing-vary-origin@7:51', 'reflected-origin-with-credentials@7:51']);
  // `if origin:` tests presence only: still any origin
  assert.deepEqual(at('hw_presence_only.py'), ['reflected-origin-with-credentials@8:63']);
  assert.deepEqual(at('hw_function_middleware.py'), ['reflected-origin-with-credentials@4:51']);
  assert.deepEqual(at('hw_view_headers_kw.py'), ['wildcard-origin-with-credentials@8:45']);
  assert.deepEqual(at('hw_setdefault_literal.py'), ['invalid-allow-origin-value@6:57']);
  // a view decorator's wrapper: the response is what the wrapped view returns
  assert.deepEqual(at('hw_view_decorator.py'), ['missing-vary-origin@10:51', 'reflected-origin-with-credentials@10:51']);
  // `if origin in ALLOWED:` with patch_vary_headers(response, ['Origin']); a dict that is not a response;
  // half-typed code; a class-based view answering OPTIONS itself; a test client's request headers; headers
  // removed with `del` (under a condition too: a miss rather than a wrong finding)
  for (const clean of ['hw_middleware_allowlist.py', 'hw_dict_not_response.py', 'hw_half_typed.py', 'hw_view_options.py', 'hw_test_client.py', 'hw_delete.py']) assert.deepEqual(at(clean), [], clean);
});

test('cli: starlette / fastapi hand-written headers', () => {
  const got = lint(...STARLETTE.map((f) => `starlette/${f}`));
  const at = (f) => got[`starlette/${f}`] ?? [];
  assert.deepEqual(at('hw_http_middleware_reflect.py'), ['missing-vary-origin@9:55', 'reflected-origin-with-credentials@9:55']);
  assert.deepEqual(at('hw_presence_only.py'), ['reflected-origin-with-credentials@9:63']);
  assert.deepEqual(at('hw_no_import_call_next.py'), ['reflected-origin-with-credentials@5:55']);
  assert.deepEqual(at('hw_route_response_param.py'), ['wildcard-origin-with-credentials@8:56']);
  assert.deepEqual(at('hw_json_response_headers.py'), ['invalid-allow-origin-value@7:86']);
  // a raw ASGI middleware: MutableHeaders(scope=message) in its send wrapper, Headers(scope=scope) read
  assert.deepEqual(at('hw_asgi_raw.py'), ['reflected-origin-with-credentials@16:58']);
  // (hw_test_client.py: a TestClient's request headers; hw_delete.py: `del` then one fixed origin;
  // hw_asgi_allowlist.py: the raw ASGI echo behind `origin in TRUSTED`)
  for (const clean of ['hw_http_middleware_allowlist.py', 'hw_half_typed.py', 'hw_plain_text_positional.py', 'hw_request_headers_only.py', 'hw_options_preflight.py', 'hw_test_client.py', 'hw_delete.py', 'hw_asgi_allowlist.py']) assert.deepEqual(at(clean), [], clean);
});
