// The editor reaches every file the server reads: each extractor's file patterns and languages are covered
// by the VS Code client's document selector (client/src/selector.ts) and by package.json's activationEvents.
// VS Code matches document-filter globs case-sensitively, so this test does too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { transformSync } from 'esbuild';
import { root } from '../helpers.mjs';
import { extractors } from '../../dist/lib/extract/registry.js';
import { globToRegExp } from '../../dist/lib/service/glob.js';

const source = readFileSync(join(root, 'client/src/selector.ts'), 'utf8');
const { code } = transformSync(source, { loader: 'ts', format: 'esm' });
const selector = await import('data:text/javascript;base64,' + Buffer.from(code).toString('base64'));
const events = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).activationEvents;

/** The language VS Code gives a file by its extension when no extension claims it otherwise. */
const DEFAULT_LANGUAGE = {
  js: 'javascript', mjs: 'javascript', cjs: 'javascript', jsx: 'javascriptreact',
  ts: 'typescript', mts: 'typescript', cts: 'typescript', tsx: 'typescriptreact',
  py: 'python', php: 'php', java: 'java', cs: 'csharp', go: 'go', rb: 'ruby', ru: 'ruby',
  yaml: 'yaml', yml: 'yaml', json: 'json', xml: 'xml', properties: 'properties', conf: 'properties',
};

/** `{a,b}` alternatives spelled out. */
function expand(glob) {
  const m = /\{([^{}]*)\}/.exec(glob);
  if (!m) return [glob];
  return m[1].split(',').flatMap((alt) => expand(glob.slice(0, m.index) + alt + glob.slice(m.index + m[0].length)));
}

/** Paths a pattern stands for: at the workspace root and two folders down. */
function samples(glob) {
  return expand(glob).flatMap((g) => {
    const named = g.replace(/\*\*\//g, '').replace(/\*/g, 'x').replace(/\?/g, 'x');
    return [named, 'proj/deploy/' + named];
  });
}

const caseSensitive = (glob) => new RegExp(globToRegExp(glob).source);
const patterns = [...selector.FILE_PATTERNS, ...selector.CONFIG_PATTERNS].map(caseSensitive);
const languages = new Set([...selector.LANGUAGES, ...selector.GENERIC_LANGUAGES_SENT]);

function sent(path) {
  const ext = /\.([^./]+)$/.exec(path)?.[1];
  return patterns.some((re) => re.test(path)) || (ext !== undefined && languages.has(DEFAULT_LANGUAGE[ext]));
}

test('every file an extractor reads is sent by the VS Code client', () => {
  const missed = [];
  for (const e of extractors) {
    for (const glob of e.filePatterns) for (const path of samples(glob)) if (!sent(path)) missed.push(`${e.id}: ${path}`);
  }
  assert.deepEqual(missed, []);
});

test('every language and file pattern of the selector activates the extension', () => {
  const expanded = new Set(events.flatMap((e) => expand(e)));
  for (const l of languages) assert.ok(expanded.has(`onLanguage:${l}`), `onLanguage:${l}`);
  for (const p of [...selector.FILE_PATTERNS, ...selector.CONFIG_PATTERNS]) {
    for (const x of expand(p)) assert.ok(expanded.has(`workspaceContains:${x}`), `workspaceContains:${x}`);
  }
});

test('the check itself: a file kind no pattern or language covers is reported', () => {
  assert.equal(sent('proj/deploy/Cargo.lock'), false);
  assert.equal(sent('proj/deploy/netlify.toml'), true);
  assert.equal(sent('proj/deploy/Web.config'), true);
  assert.equal(sent('proj/deploy/WEB.CONFIG'), false);
});
