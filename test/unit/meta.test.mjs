// Architecture and metadata invariants: rule files = registry, docs present, layering of imports.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { root } from '../helpers.mjs';
import { rules } from '../../dist/lib/rules/registry.js';
import { extractors } from '../../dist/lib/extract/registry.js';

const src = join(root, 'server/src');

test('rule files = registry, file name = id, ids are kebab-case', () => {
  const files = readdirSync(join(src, 'rules')).filter((f) => f.endsWith('.ts') && !['registry.ts', 'types.ts', 'util.ts'].includes(f));
  assert.deepEqual(files.map((f) => f.replace(/\.ts$/, '')).sort(), rules.map((r) => r.id).sort());
  for (const r of rules) assert.match(r.id, /^[a-z]+(-[a-z]+)*$/);
});

test('every rule has docs, references, examples and a valid severity/category', () => {
  for (const r of rules) {
    assert.ok(r.docs.summary.length > 20 && r.docs.why.length > 40 && r.docs.fix.length > 10, r.id);
    assert.ok(r.docs.references.length > 0 && r.docs.references.every((u) => u.startsWith('https://')), r.id);
    assert.ok(r.examples.invalid.length > 0 && r.examples.valid.length > 0, r.id);
    assert.ok(['error', 'warning', 'info'].includes(r.severity), r.id);
    assert.ok(['security', 'correctness', 'compat'].includes(r.category), r.id);
    assert.ok(Object.keys(r.messages).length > 0, r.id);
  }
});

test('extractor folders = registry, ids match folders', () => {
  const dirs = readdirSync(join(src, 'extract')).filter((d) => statSync(join(src, 'extract', d)).isDirectory());
  assert.deepEqual(dirs.sort(), extractors.map((e) => e.id).sort());
  for (const e of extractors) {
    assert.ok(e.filePatterns.length > 0 && e.languages.length > 0, e.id);
    assert.equal(typeof e.mayContain, 'function');
  }
});

function tsFiles(dir) {
  const out = [];
  for (const n of readdirSync(dir)) {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) out.push(...tsFiles(p));
    else if (n.endsWith('.ts')) out.push(p);
  }
  return out;
}

function imports(file) {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]);
}

// Which top-level folders of server/src each layer may import (DESIGN.md "Layout").
const ALLOWED = {
  model: [],
  knowledge: ['model', 'knowledge'],
  syntax: ['model', 'knowledge'],
  code: ['model', 'knowledge', 'syntax', 'code'],
  extract: ['model', 'knowledge', 'syntax', 'code', 'extract'],
  rules: ['model', 'knowledge', 'rules'],
  service: ['model', 'knowledge', 'syntax', 'code', 'extract', 'rules', 'service'],
  lsp: ['model', 'knowledge', 'service', 'lsp'],
  cli: ['model', 'service', 'rules', 'cli'],
};

test('layering: imports only go down the pipeline; only lsp imports vscode-languageserver', () => {
  for (const f of tsFiles(src)) {
    const rel = relative(src, f).split('\\').join('/');
    const layer = rel.includes('/') ? rel.split('/')[0] : null;
    for (const spec of imports(f)) {
      if (spec.startsWith('.')) {
        if (!layer) continue;
        const target = join(f, '..', spec);
        const trel = relative(src, target).split('\\').join('/');
        const tlayer = trel.includes('/') ? trel.split('/')[0] : trel.replace(/\.js$/, '');
        assert.ok(ALLOWED[layer]?.includes(tlayer), `${rel} imports ${spec} (${layer} → ${tlayer})`);
      } else {
        if (spec.startsWith('vscode-languageserver') && spec !== 'vscode-languageserver-textdocument') {
          assert.ok(layer === 'lsp' || rel === 'main.ts', `${rel} imports ${spec}`);
        }
        if (spec.startsWith('node:') || ['fs', 'path', 'child_process'].includes(spec)) {
          // The two node entries, and the CLI's own folder (file walking, writing fixes).
          assert.ok(rel === 'main.ts' || rel === 'cli.ts' || layer === 'cli', `${rel} imports ${spec}: only main.ts, cli.ts and cli/ touch node:*`);
        }
      }
    }
  }
});

test('the client never imports server code', () => {
  for (const f of tsFiles(join(root, 'client/src'))) {
    for (const spec of imports(f)) assert.ok(!spec.includes('server/'), `${f} imports ${spec}`);
  }
});

test('one version: package.json, the CLI, the server and the extension manifest agree', async () => {
  const { VERSION } = await import('../../dist/lib/service/version.js');
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  assert.equal(VERSION, pkg.version);
  for (const f of ['cli.ts', 'main.ts', 'lsp/server.ts']) {
    assert.doesNotMatch(readFileSync(join(src, f), 'utf8'), /['"]\d+\.\d+\.\d+['"]/, `${f} repeats a version literal`);
  }
});

test('files stay small: no source file of the server or the client over 400 lines', () => {
  const files = [...tsFiles(src), ...tsFiles(join(root, 'client/src'))];
  const long = files
    .map((f) => ({ f: relative(root, f), n: readFileSync(f, 'utf8').split('\n').length - 1 }))
    .filter((x) => x.n > 400);
  assert.deepEqual(long, []);
});
