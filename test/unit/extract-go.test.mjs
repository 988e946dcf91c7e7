// The Go extractor (rs/cors, gin-contrib/cors, hand-written net/http / gin / echo headers): facts snapshots of
// every fixture, what the libraries' options mean, the findings through the real CLI, fixes applied through
// the CLI and re-checked, and robustness.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import go from '../../dist/lib/extract/go/index.js';
import { renderFacts, matchSnapshot, fixtureSet, str, root } from '../helpers.mjs';

const { dir, fixtures, run } = fixtureSet(go, 'go');

function cli(args, cwd = root) {
  const r = spawnSync(process.execPath, [join(root, 'dist/server/cli.js'), ...args], { cwd, encoding: 'utf8', timeout: 60000 });
  assert.ok(r.status === 0 || r.status === 1, r.stderr);
  return r;
}
function findings(path) {
  const out = [];
  for (const f of JSON.parse(cli(['--format', 'json', path]).stdout)) for (const m of f.messages) out.push(`${relative(dir, f.filePath)}:${m.line}:${m.column} ${m.ruleId}`);
  return out.sort();
}

test('go: snapshots of every fixture', async () => {
  assert.ok(fixtures.length >= 22);
  for (const f of fixtures) {
    const { facts, text } = await run(f);
    matchSnapshot(join(dir, '__snapshots__', f + '.facts.txt'), renderFacts(facts, text) + (facts.notes.length ? 'notes ' + JSON.stringify(facts.notes) + '\n' : ''));
  }
});

test('go: mayContain is a cheap keyword check', () => {
  assert.equal(go.mayContain('import "github.com/rs/cors"\n'), true);
  assert.equal(go.mayContain('import "github.com/gin-contrib/cors"\n'), true);
  assert.equal(go.mayContain('w.Header().Set("Access-Control-Allow-Origin", "*")'), true);
  assert.equal(go.mayContain('c.Response().Header().Set(echo.HeaderAccessControlAllowOrigin, o)'), true);
  assert.equal(go.mayContain('package main\nimport "net/http"\n'), false);
});

test('go: the findings on every fixture, through the CLI', () => {
  assert.deepEqual(findings(dir), [
    'chi_cors.go:21:12 wildcard-origin-with-credentials',
    'echo_cors.go:16:83 invalid-allowlist-entry',
    'echo_cors.go:17:63 method-case-mismatch',
    'echo_cors.go:23:55 reflected-origin-with-credentials',
    'echo_handwritten.go:12:66 missing-vary-origin',
    'echo_handwritten.go:12:66 reflected-origin',
    'fiber_cors.go:16:21 max-age-over-browser-cap',
    'fiber_cors.go:18:46 wildcard-origin-with-credentials',
    'gin_cors_all_credentials.go:11:3 wildcard-origin-with-credentials',
    'gin_cors_default_config.go:13:34 invalid-allowlist-entry',
    'gin_cors_default_config.go:15:18 max-age-over-browser-cap',
    'gin_cors_wildcard.go:11:53 invalid-allowlist-entry',
    'gin_fiber_writes.go:24:39 missing-vary-origin',
    'gin_fiber_writes.go:24:39 reflected-origin-with-credentials',
    'gin_handwritten.go:11:44 wildcard-origin-with-credentials',
    'gorilla_cors.go:14:37 wildcard-origin-with-credentials',
    'gorilla_cors.go:23:38 missing-vary-origin',
    'gorilla_cors.go:23:38 reflected-origin',
    'half_typed.go:7:31 wildcard-origin-with-credentials',
    // a realistic gin service: the suffix-checked legacy middleware sends no Vary; a trailing-slash entry
    'large_gin_app.go:106:28 invalid-allowlist-entry',
    'large_gin_app.go:59:44 missing-vary-origin',
    'large_server.go:61:36 max-age-over-browser-cap',
    'nethttp_reflect_credentials.go:13:19 missing-allow-headers',
    'nethttp_reflect_credentials.go:13:49 missing-vary-origin',
    'nethttp_reflect_credentials.go:13:49 reflected-origin-with-credentials',
    'nethttp_reflect_credentials.go:32:31 wildcard-origin-with-credentials',
    'nethttp_reflect_credentials.go:34:21 max-age-over-browser-cap',
    'nethttp_subscript.go:14:46 reflected-origin',
    'nethttp_subscript.go:7:37 invalid-allow-origin-value',
    'nethttp_subscript.go:8:42 invalid-credentials-value',
    'rs_cors_origin_func.go:11:3 reflected-origin-with-credentials',
    'rs_cors_wildcard_credentials.go:12:31 wildcard-origin-with-credentials',
    'rs_cors_wildcard_credentials.go:16:21 max-age-over-browser-cap',
  ]);
});

test('go: rs/cors "*" with credentials still sends *; wildcard entries; presets', async () => {
  const a = await run('rs_cors_wildcard_credentials.go');
  const p = a.facts.policies[0];
  assert.equal(p.library, 'rs-cors');
  assert.equal(p.origin.kind, 'any');
  assert.equal(p.credentials, true);
  assert.equal(p.allowHeaders.kind, 'reflect-request');
  assert.deepEqual(p.methods.items.map((i) => i.value), ['GET', 'POST', 'DELETE']);
  const b = await run('rs_cors_valid.go');
  const [opts, dflt, all] = b.facts.policies;
  assert.equal(opts.origin.kind, 'list');
  assert.deepEqual(opts.origin.entries.map((e) => [e.value, e.match]), [
    ['https://app.example.com', 'exact'],
    ['^https://.*\\.example\\.com$', 'regex'],
    ['http://localhost:3000', 'exact'],
  ]);
  assert.equal(opts.vary, 'library');
  assert.equal(dflt.origin.kind, 'any');
  assert.equal(all.allowHeaders.kind, 'reflect-request');
  const c = await run('rs_cors_origin_func.go');
  assert.deepEqual(c.facts.policies.map((x) => x.origin.kind), ['reflect', 'predicate']);
});

test('go: gin-contrib/cors DefaultConfig + field assignments, AllowAllOrigins, AllowWildcard', async () => {
  const a = await run('gin_cors_default_config.go');
  const p = a.facts.policies[0];
  assert.equal(p.library, 'gin-contrib-cors');
  assert.deepEqual(p.origin.entries.map((e) => e.value), ['https://app.example.com/', 'https://admin.example.com']);
  assert.equal(p.credentials, true);
  assert.equal(p.maxAge.value, '86400');
  assert.equal(p.methods.items.length, 7);
  assert.deepEqual(a.facts.optionMentions.map((m) => m.option), ['AllowOrigins', 'AllowCredentials', 'MaxAge']);
  const w = await run('gin_cors_wildcard.go');
  assert.deepEqual(w.facts.policies.map((x) => x.origin.entries[0].match), ['exact', 'regex']);
  const conflict = await run('x.go', 'package main\nimport "github.com/gin-contrib/cors"\nvar h = cors.New(cors.Config{AllowAllOrigins: true, AllowOrigins: []string{"https://a.example.com"}})\n');
  assert.equal(conflict.facts.policies[0].origin.kind, 'unknown');
  assert.match(conflict.facts.notes.join(' '), /panics at start-up/);
});

test('go: echo v4 CORS middleware and go-chi/cors', async () => {
  const e = await run('echo_cors.go');
  const [dflt, api, legacy] = e.facts.policies;
  assert.equal(dflt.library, 'echo-cors');
  assert.equal(dflt.origin.kind, 'any');
  assert.deepEqual(api.origin.entries.map((x) => [x.value, x.match]), [
    ['https://app.example.com', 'exact'],
    ['^https://.*\\.example\\.org$', 'regex'],
    ['https://Admin.example.com', 'exact'],
  ]);
  assert.equal(api.origin.tolerance.caseInsensitive, false);
  assert.deepEqual(api.methods.items.map((i) => i.value), ['GET', 'PUT', 'patch']);
  assert.equal(legacy.origin.kind, 'reflect');
  const c = await run('chi_cors.go');
  assert.deepEqual(c.facts.policies.map((p) => [p.library, p.origin.kind, p.credentials]), [
    ['go-chi-cors', 'list', false],
    ['go-chi-cors', 'any', true],
  ]);
});

test('go: gorilla/handlers option calls and fiber v2 comma strings', async () => {
  const g = await run('gorilla_cors.go');
  const [all, strict, validated] = g.facts.policies;
  assert.equal(all.library, 'gorilla-handlers');
  assert.deepEqual([all.origin.kind, all.credentials, all.maxAge.value], ['any', true, '600']);
  assert.deepEqual(strict.origin.entries.map((e) => e.value), ['https://app.example.com', 'https://admin.example.com']);
  assert.deepEqual([validated.origin.kind, validated.vary], ['reflect', 'absent']);
  assert.deepEqual(g.facts.optionMentions.map((m) => m.option).slice(0, 4), ['AllowedOrigins', 'AllowCredentials', 'AllowedMethods', 'MaxAge']);
  const f = await run('fiber_cors.go');
  const [dflt, api, star] = f.facts.policies;
  assert.equal(dflt.origin.kind, 'any');
  assert.deepEqual(api.origin.entries.map((e) => str(f.text, e.span)), ['https://app.example.com', 'https://Admin.example.com/', 'http://partner.example.org']);
  assert.equal(api.origin.tolerance.trailingSlash, true);
  assert.deepEqual(api.allowHeaders.items.map((i) => i.value), ['Origin', 'Content-Type', 'Accept', 'Authorization']);
  assert.deepEqual([star.origin.kind, star.credentials], ['any', true]);
});

test('go: echo before v4.10.2 (from go.mod) echoes the origin for "*" with credentials; from v4.10.2 it sends *', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'cors-lint-go-mod-'));
  try {
    mkdirSync(join(tmp, 'cmd/api'), { recursive: true });
    writeFileSync(join(tmp, 'cmd/api/main.go'), 'package main\n\nimport "github.com/labstack/echo/v4/middleware"\n\nvar m = middleware.CORSWithConfig(middleware.CORSConfig{AllowOrigins: []string{"*"}, AllowCredentials: true})\n');
    const rules = () => JSON.parse(cli(['--format', 'json', '.'], tmp).stdout).flatMap((f) => f.messages.map((m) => m.ruleId));
    assert.deepEqual(rules(), ['wildcard-origin-with-credentials']);
    writeFileSync(join(tmp, 'go.mod'), 'module example.com/api\n\ngo 1.19\n\nrequire (\n\tgithub.com/labstack/echo/v4 v4.2.1 // indirect\n)\n');
    assert.deepEqual(rules(), ['reflected-origin-with-credentials']);
    writeFileSync(join(tmp, 'go.mod'), 'module example.com/api\n\nrequire github.com/labstack/echo/v4 v4.10.2\n');
    assert.deepEqual(rules(), ['wildcard-origin-with-credentials']);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

test('go: hand-written checks — map lookup, slices.Contains, range loop, switch cases — are exact allowlists', async () => {
  const a = await run('nethttp_allowlist.go');
  const acao = a.facts.headerWrites.find((w) => w.name === 'Access-Control-Allow-Origin');
  assert.equal(acao.value.check.kind, 'exact');
  assert.equal(a.facts.policies[0].answersPreflight, true);
  const b = await run('nethttp_slices_loop.go');
  const checks = b.facts.headerWrites.filter((w) => w.name === 'Access-Control-Allow-Origin').map((w) => [w.value.check.kind, w.value.check.entries.map((e) => e.value).join(' ')]);
  assert.deepEqual(checks, [
    ['exact', 'https://app.example.com https://admin.example.com'],
    ['exact', 'https://app.example.com https://admin.example.com'],
    ['exact', 'https://app.example.com https://admin.example.com'],
  ]);
  // gin `allowed[origin]` over a map of true values; `c.Header(name, "")` deletes (no empty value sent)
  const gf = await run('gin_fiber_writes.go');
  const [ginAcao, , ginDel] = gf.facts.headerWrites;
  assert.deepEqual([ginAcao.value.check.kind, ginAcao.value.check.entries.map((e) => e.value)], ['exact', ['https://app.example.com']]);
  assert.deepEqual([ginDel.op, ginDel.value.kind], ['unset', 'unknown']);
  const n = await run('no_cors.go');
  assert.equal(n.facts.headerWrites?.length ?? 0, 0);
});

function fixedBy(fixture, rule, settings) {
  const tmp = mkdtempSync(join(tmpdir(), 'cors-lint-go-'));
  try {
    copyFileSync(join(dir, fixture), join(tmp, fixture));
    if (settings) writeFileSync(join(tmp, '.corslintrc.json'), JSON.stringify(settings));
    cli(['--fix', fixture], tmp);
    const text = readFileSync(join(tmp, fixture), 'utf8');
    const after = JSON.parse(cli(['--format', 'json', fixture], tmp).stdout).flatMap((f) => f.messages.map((m) => m.ruleId));
    return { text, after };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

test('go: fixes in Go syntax, applied through the CLI and re-checked', () => {
  const trusted = { trustedOrigins: ['https://app.example.com'] };
  const rs = fixedBy('rs_cors_wildcard_credentials.go', 'wildcard-origin-with-credentials', trusted);
  assert.match(rs.text, /AllowedOrigins: {3}\[\]string\{"https:\/\/app\.example\.com"\}/);
  assert.ok(!rs.after.includes('wildcard-origin-with-credentials'));
  const gin = fixedBy('gin_cors_all_credentials.go', 'wildcard-origin-with-credentials', trusted);
  assert.match(gin.text, /AllowOrigins: \[\]string\{"https:\/\/app\.example\.com"\},\n\t\tAllowCredentials: true/);
  assert.ok(!gin.after.includes('wildcard-origin-with-credentials'));
  const entry = fixedBy('gin_cors_default_config.go', 'invalid-allowlist-entry');
  assert.match(entry.text, /config\.AllowOrigins = \[\]string\{"https:\/\/app\.example\.com", /);
  assert.ok(!entry.after.includes('invalid-allowlist-entry'));
  const sub = fixedBy('nethttp_subscript.go', 'invalid-allow-origin-value');
  assert.match(sub.text, /h\["Access-Control-Allow-Origin"\] = \[\]string\{"https:\/\/app\.example\.com"\}/);
  assert.match(sub.text, /h\["Access-Control-Allow-Credentials"\] = \[\]string\{"true"\}/);
  // (the echo of r.Header["Origin"] needs a trusted origin to be fixed: left for a choice)
  assert.deepEqual(sub.after, ['reflected-origin']);
  const echo = fixedBy('echo_cors.go', 'invalid-allowlist-entry');
  assert.match(echo.text, /"https:\/\/admin\.example\.com"\}/);
  assert.ok(!echo.after.includes('invalid-allowlist-entry'));
  const gor = fixedBy('gorilla_cors.go', 'wildcard-origin-with-credentials', trusted);
  assert.match(gor.text, /handlers\.AllowedOrigins\(\[\]string\{"https:\/\/app\.example\.com"\}\),\n\t\thandlers\.AllowCredentials/);
  assert.ok(!gor.after.includes('wildcard-origin-with-credentials'));
  const fib = fixedBy('fiber_cors.go', 'wildcard-origin-with-credentials', trusted);
  assert.match(fib.text, /cors\.Config\{AllowOrigins: "https:\/\/app\.example\.com", AllowCredentials: true\}/);
  assert.ok(!fib.after.includes('wildcard-origin-with-credentials'));
  const hw = fixedBy('gin_handwritten.go', 'wildcard-origin-with-credentials', trusted);
  assert.match(hw.text, /c\.Header\("Access-Control-Allow-Origin", "https:\/\/app\.example\.com"\)/);
  assert.ok(!hw.after.includes('wildcard-origin-with-credentials'));
});

test('go: half-typed, binary-ish and huge input: no crash, no wrong finding', async () => {
  const h = await run('half_typed.go');
  assert.equal(h.facts.policies[0].origin.kind, 'any');
  const cut = readFileSync(join(dir, 'rs_cors_valid.go'), 'utf8');
  for (let i = 0; i < cut.length; i += 37) {
    const r = await run('cut.go', cut.slice(0, i));
    for (const p of r.facts.policies ?? []) assert.notEqual(p.credentials === true && p.origin.kind === 'any', true, `cut at ${i}`);
  }
  const bin = await run('bin.go', 'package main\nimport "github.com/rs/cors"\n\u0000\u0001\u0002' + 'x'.repeat(100));
  assert.equal(bin.facts.policies?.length ?? 0, 0);
  const big = 'package main\n\nimport "net/http"\n\n' + Array.from({ length: 3000 }, (_, i) => `func h${i}(w http.ResponseWriter, r *http.Request) {\n\tw.Header().Set("Access-Control-Allow-Origin", "https://app.example.com")\n}\n`).join('');
  const t0 = Date.now();
  const g = await run('big.go', big);
  assert.equal(g.facts.headerWrites.length, 3000);
  assert.ok(Date.now() - t0 < 20000);
  const deep = 'package main\nimport "github.com/rs/cors"\nvar x = ' + '('.repeat(2000) + '1' + ')'.repeat(2000) + '\nvar c = cors.New(cors.Options{AllowedOrigins: []string{"*"}, AllowCredentials: true})\n';
  const d = await run('deep.go', deep);
  assert.equal(d.facts.policies[0].origin.kind, 'any');
});

test('go: writes under opposite tests of one flag never meet; the path past the preflight return is no preflight answer', async () => {
  // `if anyOrigin && !opts.Credentials { * }` … `if opts.Credentials { ACAC true }`: never sent together
  const { facts } = await run('nethttp_flag_branches.go');
  const byId = new Map(facts.headerWrites.map((w) => [w.id, w]));
  const star = facts.policies.filter((p) => p.origin.kind === 'any');
  assert.equal(star.length, 2);
  for (const p of star) assert.equal(p.credentials, false);
  for (const p of star) assert.ok(!p.writeIds.some((id) => byId.get(id).name === 'Access-Control-Allow-Credentials'));
  // the Expose-Headers write comes after `if preflight { …; return }`: its responses answer no preflight
  const past = facts.policies.filter((p) => p.exposeHeaders);
  assert.ok(past.length >= 1);
  for (const p of past) assert.equal(p.answersPreflight, false);
  const answer = facts.policies.filter((p) => p.allowHeaders);
  assert.ok(answer.length >= 2 && answer.every((p) => p.answersPreflight === true));
  assert.deepEqual(findings(join(dir, 'nethttp_flag_branches.go')), []);
});
