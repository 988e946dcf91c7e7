// The hand-written header reading Flask, Django and Starlette share (extract/handWritten.ts, pyOwner.ts,
// pyWriteFix.ts): one owner per file, and the fixes written in each write's own form.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import flask from '../../dist/lib/extract/flask/index.js';
import django from '../../dist/lib/extract/django/index.js';
import starlette from '../../dist/lib/extract/starlette/index.js';
import { renderGenericFix } from '../../dist/lib/extract/common.js';
import { extractWith, applyEdits, str } from '../helpers.mjs';

const ALL = { flask, django, starlette };
async function owners(text) {
  const out = [];
  for (const [id, x] of Object.entries(ALL)) if (((await extractWith(x, 'app.py', text)).facts.headerWrites ?? []).length) out.push(id);
  return out;
}
const body = (recv) => `    ${recv}["Access-Control-Allow-Origin"] = "*"\n    return response\n`;

test('one owner per file: flask, then django, then starlette / fastapi imports; none: by shape, else django', async () => {
  const fn = `def view(request, response):\n${body('response.headers')}`;
  assert.deepEqual(await owners(`from flask import Flask\n${fn}`), ['flask']);
  assert.deepEqual(await owners(`import flask_cors\nfrom django.http import HttpResponse\n${fn}`), ['flask']);
  assert.deepEqual(await owners(`from django.http import HttpResponse\nfrom fastapi import FastAPI\n${fn}`), ['django']);
  assert.deepEqual(await owners(`from fastapi import FastAPI\n${fn}`), ['starlette']);
  assert.deepEqual(await owners(`import starlette.responses\n${fn}`), ['starlette']);
  assert.deepEqual(await owners(fn), ['django']);
  assert.deepEqual(await owners(`async def mw(request, call_next):\n    response = await call_next(request)\n${body('response.headers')}`), ['starlette']);
});

async function fixed(x, text, req) {
  const { facts, file } = await extractWith(x, 'app.py', text);
  const r = typeof req === 'function' ? req(facts) : req;
  const edits = x.renderFix(r, facts, file) ?? renderGenericFix(r, facts, file);
  return { facts, out: edits.length ? applyEdits(text, edits) : undefined };
}
const policy = (facts) => facts.policies[0].id;

test('remove-credentials removes each Allow-Credentials write in its form', async () => {
  const mw = 'class Cors:\n    def __call__(self, request):\n        response = self.get_response(request)\n        response["Access-Control-Allow-Origin"] = request.META.get("HTTP_ORIGIN")\n        response["Access-Control-Allow-Credentials"] = "true"\n        return response\n';
  let r = await fixed(django, mw, (f) => ({ kind: 'remove-credentials', policyId: policy(f) }));
  assert.equal(r.out, mw.replace('        response["Access-Control-Allow-Credentials"] = "true"\n', ''));
  assert.equal((await extractWith(django, 'app.py', r.out)).facts.policies[0].credentials, false);

  const kw = 'from django.http import JsonResponse\n\ndef v(request):\n    return JsonResponse({}, headers={"Access-Control-Allow-Origin": "*", "Access-Control-Allow-Credentials": "true"})\n';
  r = await fixed(django, kw, (f) => ({ kind: 'remove-credentials', policyId: policy(f) }));
  assert.equal(r.out, kw.replace(', "Access-Control-Allow-Credentials": "true"', ''));

  const st = 'async def mw(request, call_next):\n    response = await call_next(request)\n    if request.headers.get("origin"):\n        response.headers["Access-Control-Allow-Origin"] = request.headers["origin"]\n        response.headers.append("Access-Control-Allow-Credentials", "true")\n    return response\n';
  r = await fixed(starlette, st, (f) => ({ kind: 'remove-credentials', policyId: policy(f) }));
  assert.equal(r.out, st.replace('        response.headers.append("Access-Control-Allow-Credentials", "true")\n', ''));
});

test('set-origins writes the trusted origin in place of the one Allow-Origin value (a literal inside its quotes)', async () => {
  const lit = "from fastapi import FastAPI, Response\napp = FastAPI()\n\n@app.get('/x')\ndef x(response: Response):\n    response.headers['Access-Control-Allow-Origin'] = '*'\n";
  const r = await fixed(starlette, lit, (f) => ({ kind: 'set-origins', policyId: policy(f), origins: ["https://o'k.example"] }));
  assert.equal(r.out, lit.replace("'*'", "'https://o\\'k.example'"));
  const refl = 'class Cors:\n    def __call__(self, request):\n        response = self.get_response(request)\n        response["Access-Control-Allow-Origin"] = request.headers.get("Origin")\n        return response\n';
  const echo = await fixed(django, refl, (f) => ({ kind: 'set-origins', policyId: policy(f), origins: ['https://app.example.com'] }));
  assert.equal(echo.facts.policies[0].origin.kind, 'reflect');
  assert.equal(echo.out, refl.replace('request.headers.get("Origin")', '"https://app.example.com"'));
  // two origins cannot be one header value: no edit
  const two = await fixed(django, refl, (f) => ({ kind: 'set-origins', policyId: policy(f), origins: ['https://a.example.com', 'https://b.example.com'] }));
  assert.equal(two.out, undefined);
});

test('django: a settings module that also writes headers keeps both, with distinct policy ids', async () => {
  const text = 'MIDDLEWARE = ["corsheaders.middleware.CorsMiddleware"]\nCORS_ALLOWED_ORIGINS = ["https://a.example.com"]\n\ndef view(request):\n    response = HttpResponse()\n    response["Access-Control-Allow-Origin"] = "*"\n    return response\n';
  const { facts } = await extractWith(django, 'settings.py', text);
  assert.deepEqual(facts.policies.map((p) => [p.id, p.handWritten]), [['p0', false], ['p1', true]]);
  assert.equal(str(text, facts.headerWrites[0].nameSpan), 'Access-Control-Allow-Origin');
});

test('every prefix of the hand-written fixtures (half-typed code) reads without a failure', async () => {
  const { readdirSync, readFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { root } = await import('../helpers.mjs');
  for (const [dirName, x] of [['django', django], ['starlette', starlette]]) {
    const d = join(root, 'test/fixtures', dirName);
    for (const f of readdirSync(d).filter((n) => n.startsWith('hw_'))) {
      const text = readFileSync(join(d, f), 'utf8');
      for (let n = 0; n <= text.length; n += 13) {
        const { facts } = await extractWith(x, f, text.slice(0, n));
        assert.ok(!(facts.notes ?? []).some((m) => /failed/.test(m)), `${dirName}/${f} cut at ${n}: ${facts.notes}`);
        for (const w of facts.headerWrites ?? []) assert.ok(w.nameSpan.end <= n && (!w.valueSpan || w.valueSpan.end <= n), `${f} cut at ${n}`);
      }
    }
  }
});

test('requests about no write or policy (replace-text) fall back to the generic renderer', async () => {
  const text = 'def v(request):\n    response = HttpResponse()\n    response["Access-Control-Allow-Methods"] = "GET, patch"\n    response["Access-Control-Allow-Origin"] = "*"\n    return response\n';
  for (const x of [django, starlette]) {
    const src = x === starlette ? `async def mw(request, call_next):\n    response = await call_next(request)\n${text.split('\n').slice(2).join('\n').replaceAll('response[', 'response.headers[')}` : text;
    const { facts, file } = await extractWith(x, 'app.py', src);
    assert.equal(facts.headerWrites.length, 2, x.id);
    const at = src.indexOf('patch');
    assert.equal(x.renderFix({ kind: 'replace-text', span: { start: at, end: at + 5 }, text: 'PATCH' }, facts, file), undefined, x.id);
  }
});
