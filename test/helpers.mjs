// Shared test helpers: build a SourceFile the way the service does, render facts as readable
// snapshots (spans as line:col "text"), and compare against snapshot files (UPDATE_SNAPSHOTS=1 rewrites).
import { cpSync, readFileSync, writeFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';
import { setWasmLocator, ensureGrammar, parseWith } from '../dist/lib/syntax/treeSitter.js';
import { emptyFacts } from '../dist/lib/model/index.js';
import { envOf, evaluate, summarize, walkFunc } from '../dist/lib/code/index.js';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
setWasmLocator((f) => join(root, 'dist/server/wasm', f));

/** Run one extractor on a text, as the service would (grammar loaded, file parsed). `workspace`: the
 *  other files ({ read(path), list(dir) }, see extract/types.ts), e.g. from memWorkspace. */
export async function extractWith(extractor, path, text, languageId, workspace) {
  const grammar = extractor.grammarFor?.({ path, languageId });
  if (grammar) assert.ok(await ensureGrammar(grammar), `grammar ${grammar} loads`);
  const trees = new Map();
  const file = {
    path,
    text,
    languageId,
    workspace,
    tree(g) {
      if (!trees.has(g)) trees.set(g, parseWith(g, text));
      return trees.get(g);
    },
  };
  const facts = { ...emptyFacts() };
  if (!extractor.mayContain(text)) return { facts, file, skipped: true };
  const part = extractor.extract(file);
  for (const k of Object.keys(part)) facts[k] = part[k];
  return { facts, file, skipped: false };
}

export function lineCol(text, offset) {
  let line = 1;
  let ls = 0;
  for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) { line++; ls = i + 1; }
  return `${line}:${offset - ls + 1}`;
}

export function spanStr(text, span) {
  if (!span) return '-';
  const t = text.slice(span.start, span.end);
  const shown = t.length > 60 ? t.slice(0, 57) + '...' : t;
  return `${lineCol(text, span.start)} ${JSON.stringify(shown)}`;
}

function val(text, v) {
  if (v === undefined) return undefined;
  if (Array.isArray(v)) return v.map((x) => val(text, x));
  if (v && typeof v === 'object') {
    if (typeof v.start === 'number' && typeof v.end === 'number' && Object.keys(v).length === 2) return spanStr(text, v);
    const o = {};
    for (const [k, x] of Object.entries(v)) {
      if (x === undefined) continue;
      o[k] = val(text, x);
    }
    return o;
  }
  return v;
}

/** Facts as a stable, readable text. */
export function renderFacts(facts, text) {
  const out = [];
  for (const w of facts.headerWrites) out.push('write ' + JSON.stringify(val(text, w)));
  for (const p of facts.policies) out.push('policy ' + JSON.stringify(val(text, p)));
  for (const r of facts.responses) out.push('response ' + JSON.stringify(val(text, r)));
  for (const r of facts.requests) out.push('request ' + JSON.stringify(val(text, r)));
  for (const m of facts.optionMentions ?? []) out.push(`option ${m.library} ${m.option} ${spanStr(text, m.span)}`);
  return out.join('\n') + '\n';
}

export function matchSnapshot(snapshotPath, actual) {
  if (process.env.UPDATE_SNAPSHOTS || !existsSync(snapshotPath)) {
    mkdirSync(dirname(snapshotPath), { recursive: true });
    writeFileSync(snapshotPath, actual);
    // A new snapshot is written for review, and the test fails until it is committed.
    if (!process.env.UPDATE_SNAPSHOTS) assert.fail(`missing snapshot ${snapshotPath} (written now: review it)`);
    return;
  }
  assert.equal(actual, readFileSync(snapshotPath, 'utf8'), `snapshot ${snapshotPath}`);
}

/** The text a span covers. */
export const str = (text, span) => text.slice(span.start, span.end);

/** Apply non-overlapping edits (as fixes produce them) to a text. */
export function applyEdits(text, edits) {
  const sorted = [...edits].sort((a, b) => b.span.start - a.span.start);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.span.start) + e.newText + out.slice(e.span.end);
  return out;
}

/** An extractor's fixture folder (test/fixtures/<name>) and a runner that extracts one fixture or text. */
export function fixtureSet(extractor, name, keep = (f) => !f.startsWith('__')) {
  const dir = join(root, 'test/fixtures', name);
  const fixtures = readdirSync(dir).filter(keep);
  async function run(file, text) {
    const t = text ?? readFileSync(join(dir, file), 'utf8');
    const r = await extractWith(extractor, file, t);
    return { ...r, text: t };
  }
  return { dir, fixtures, run };
}

/** An in-memory workspace from a Map (or object) of absolute path → text; folders are implied by the paths. */
export function memWorkspace(files) {
  const map = files instanceof Map ? files : new Map(Object.entries(files));
  return {
    read: (p) => map.get(p),
    list(dir) {
      const pre = dir.endsWith('/') ? dir : dir + '/';
      const names = new Set();
      for (const p of map.keys()) if (p.startsWith(pre)) names.add(p.slice(pre.length).split('/')[0]);
      return names.size ? [...names] : undefined;
    },
  };
}

/** The CLI's `--format json` output as workspace-relative path → `line:column rule-id` rows (files with findings). */
/** Copy a fixture (path under test/fixtures) into the workspace `ws` at `rel`, making its folders. */
export function putFixture(ws, fixture, rel) {
  mkdirSync(join(ws, rel, '..'), { recursive: true });
  cpSync(join(root, 'test/fixtures', fixture), join(ws, rel));
}

export function findingsByFile(stdout, ws) {
  const got = {};
  for (const f of JSON.parse(stdout)) {
    if (f.messages.length) got[f.filePath.slice(ws.length + 1)] = f.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`);
  }
  return got;
}

/** Every call the engine sees in a file (the module body and every nested function, block and method), with
 *  its text, its evaluated arguments and the guard summary where it is made. */
export function callsWithGuards(code) {
  const out = [];
  const fns = [{ body: code.program.body, fn: undefined }];
  const collect = (scope) => {
    for (const c of scope.children) {
      fns.push({ body: c.fn.body, fn: c.fn });
      collect(c);
    }
  };
  collect(code.scopes.module);
  for (const f of fns) {
    const env = envOf(code, f.fn);
    walkFunc({ body: f.body }, (node, guards) => {
      if (node.expr?.k !== 'call') return;
      const args = node.expr.args.map((a) => evaluate(a.value, env));
      out.push({ text: code.text.slice(node.expr.span.start, node.expr.span.end), call: node.expr, args, guards: summarize(guards, env) });
    });
  }
  return out;
}

/** The first of `calls` whose text starts with `prefix` (the assertion names them all when none does). */
export function callStartingWith(calls, prefix) {
  const c = calls.find((x) => x.text.startsWith(prefix));
  assert.ok(c, `a call starting with ${prefix}: ${calls.map((x) => x.text).join(' | ')}`);
  return c;
}
