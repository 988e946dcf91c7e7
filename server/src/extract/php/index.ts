/**
 * PHP: hand-written CORS headers — `header('Access-Control-Allow-Origin: ...')`, `header_remove()`,
 * Symfony `$response->headers->set()`, Laravel `->header()` / `->withHeaders()`, PSR-7 `->withHeader()`.
 *
 * A file's top level is one response path, each function or method another. Inside a scope the extractor
 * follows the branches (see paths.ts): `header()` replaces an earlier header of the same name unless its
 * second argument is false; an `if` on `$_SERVER['REQUEST_METHOD'] === 'OPTIONS'` makes the preflight
 * response; `exit`/`return` end a response. An echoed Origin counts as checked only under a condition that
 * tests it (in_array, ===, preg_match, str_ends_with ...), directly or as an early-exit guard.
 *
 * Names and conditions are read by bindings.ts → values.ts → origin.ts → conditions.ts (`PhpNames`);
 * the header calls by locate.ts and writes.ts; fixes are rendered by fix.ts.
 */
import type { CorsPolicy, FileFacts, HeaderWrite, Scope } from '../../model/index.js';
import type { Node } from '../../syntax/treeSitter.js';
import { H, effectiveWrites, policyFromWrites, sameHeader } from '../common.js';
import type { Extractor, SourceFile } from '../types.js';
import { scopeNodeOf } from './bindings.js';
import { andResult } from './checks.js';
import { PhpNames } from './conditions.js';
import { renderPhpFix } from './fix.js';
import { findWriteCalls, headerMentions } from './locate.js';
import { PathRunner, pathCheck, type CallStep, type Path } from './paths.js';
import { finalOriginValue, type Write } from './reach.js';
import { scopeFor, structurallyConditional } from './scopes.js';
import { callEffect } from './writes.js';

const ID = 'php';

function extractFacts(file: SourceFile): Partial<FileFacts> {
  const notes: string[] = [];
  const tree = file.tree('php');
  if (!tree) return { notes: ['php grammar not available'] };
  const root = tree.rootNode;
  if (root.hasError) notes.push('syntax errors: facts are partial');
  const names = new PhpNames(root, file.text);

  // 1. Every header-writing call, in source order.
  const callNodes = findWriteCalls(root, file.text);
  const steps = new Map<number, CallStep<Write>>();
  const writes: Write[] = [];
  const stepCalls: Node[] = [];
  const owner = new Map<number, Node>();
  for (const c of callNodes) {
    const eff = callEffect(c, names);
    if (!eff) continue;
    const sc = scopeNodeOf(c);
    owner.set(c.id, sc);
    const ws: Write[] = eff.writes.map((r) => ({ ...r, index: 0, id: '', scopeNode: sc, reach: [], methods: new Set(), constrained: [] }));
    writes.push(...ws);
    steps.set(c.id, { writes: ws, clearAll: eff.clearAll });
    stepCalls.push(c);
  }
  if (stepCalls.length === 0) return { headerMentions: headerMentions(root, file.text), notes };
  writes.sort((a, b) => a.nameSpan.start - b.nameSpan.start || a.statementSpan.start - b.statementSpan.start);
  writes.forEach((w, i) => {
    w.index = i;
    w.id = `w${i + 1}`;
  });

  // 2. Per scope: follow the paths.
  const scopeNodes = new Map<number, Node>();
  const ownCalls = new Map<number, Node[]>();
  for (const c of stepCalls) {
    const s = owner.get(c.id)!;
    scopeNodes.set(s.id, s);
    let l = ownCalls.get(s.id);
    if (!l) ownCalls.set(s.id, (l = []));
    l.push(c);
  }
  const headerWrites: HeaderWrite[] = [];
  const policies: CorsPolicy[] = [];
  const responses: FileFacts['responses'] = [];
  const scopes = new Map<number, Scope>();
  const finals = new Map<number, Path<Write>[]>();
  for (const [sid, sn] of scopeNodes) {
    scopes.set(sid, scopeFor(sn, file));
    const own = ownCalls.get(sid)!.sort((a, b) => a.endIndex - b.endIndex || b.startIndex - a.startIndex);
    const runner = new PathRunner<Write>(names, steps, own, sn, (w, p) => {
      w.methods.add(p.method);
      w.constrained.push(pathCheck(p.cons).kind === 'check');
      if (w.source) {
        let r = pathCheck(p.cons);
        if (w.source.check) r = andResult(r, { kind: 'check', check: w.source.check });
        w.reach.push(r);
      }
    }, Math.max(-1, ...own.filter((c) => steps.get(c.id)!.writes.some((w) => w.source !== undefined)).map((c) => c.endIndex)));
    let body: Node[];
    if (sn.type === 'program') body = sn.namedChildren;
    else {
      const b = sn.childForFieldName('body');
      body = b ? (b.type === 'compound_statement' ? b.namedChildren : [b]) : [];
    }
    try {
      finals.set(sid, runner.run(body));
    } catch (e) {
      notes.push(`path analysis failed in ${scopes.get(sid)!.label}: ${String(e)}`);
      finals.set(sid, []);
    }
    if (runner.overflow) notes.push(`too many branches in ${scopes.get(sid)!.label}: some responses were not followed`);
  }

  // 3. The write facts.
  const byIndex = new Map<number, HeaderWrite>();
  const indexOf = new Map(writes.map((w) => [w.id, w.index]));
  for (const w of writes) {
    const sn = w.scopeNode;
    let condition: HeaderWrite['condition'];
    if (w.methods.size === 1 && w.methods.has('options')) condition = 'options-only';
    else if (w.methods.size === 1 && w.methods.has('non-options')) condition = 'non-options';
    else if (structurallyConditional(w.call, sn, names) || (w.constrained.length > 0 && w.constrained.every(Boolean))) condition = 'conditional';
    const hw: HeaderWrite = {
      id: w.id,
      name: w.name,
      nameSpan: w.nameSpan,
      value: w.source ? finalOriginValue(w) : w.value,
      valueSpan: w.valueSpan,
      statementSpan: w.statementSpan,
      op: w.op,
      always: 'n/a',
      condition,
      layer: 'app',
      scope: scopes.get(sn.id) ?? scopeFor(sn, file),
      extractor: ID,
    };
    headerWrites.push(hw);
    byIndex.set(w.index, hw);
  }

  // 4. Responses and policies per scope.
  let pn = 0;
  for (const [sid, paths] of finals) {
    const scope = scopes.get(sid)!;
    // Responses: one per distinct set of headers that reach the client together.
    const seen = new Set<string>();
    // Policies: one per origin decision (the Allow-Origin and Allow-Credentials writes in force). The other
    // headers are merged over the paths that share it — the preflight path adds its Allow-Methods/-Headers
    // to the normal response's headers, and a header sent under some request condition counts as sent.
    interface Group {
      union: Set<number>;
      methods: Set<string>;
      acao: number[];
    }
    const groups = new Map<string, Group>();
    for (const p of paths) {
      const seq = p.writes.map((w) => byIndex.get(w.index)!);
      const namesIn = [...new Set(seq.map((w) => w.name.toLowerCase()))];
      const eff = namesIn.flatMap((n) => effectiveWrites(seq, n)).map((w) => indexOf.get(w.id)!);
      eff.sort((a, b) => a - b);
      if (eff.length === 0) continue;
      const rkey = eff.join(',');
      if (!seen.has(rkey)) {
        seen.add(rkey);
        responses.push({ scope, writeIds: eff.map((i) => byIndex.get(i)!.id) });
      }
      const acao = eff.filter((i) => sameHeader(byIndex.get(i)!.name, H.allowOrigin));
      if (acao.length === 0) continue;
      const key = eff.filter((i) => acao.includes(i) || sameHeader(byIndex.get(i)!.name, H.allowCredentials)).join(',');
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { union: new Set(), methods: new Set(), acao }));
      for (const i of eff) g.union.add(i);
      g.methods.add(p.method);
    }
    for (const g of groups.values()) {
      const seq = [...g.union].sort((a, b) => a - b).map((i) => byIndex.get(i)!);
      const answers = g.methods.has('options') ? true : [...g.methods].every((m) => m === 'non-options') ? false : undefined;
      const p = policyFromWrites(seq, {
        id: `p${++pn}`,
        extractor: ID,
        layer: 'app',
        scope,
        span: byIndex.get(g.acao[g.acao.length - 1])!.statementSpan,
        answersPreflight: answers,
      });
      if (p) policies.push(p);
    }
  }

  return { headerWrites, policies, responses, headerMentions: headerMentions(root, file.text), notes };
}

const php: Extractor = {
  id: ID,
  title: 'PHP header() / Symfony / Laravel / PSR-7 response headers',
  languages: ['php'],
  filePatterns: ['**/*.php'],
  grammarFor: () => 'php',
  mayContain: (text) => /access-control-/i.test(text),
  extract(file) {
    try {
      return extractFacts(file);
    } catch (e) {
      return { notes: [`php extractor failed: ${String(e)}`] };
    }
  },
  renderFix(req, facts, file) {
    try {
      return renderPhpFix(req, facts, file);
    } catch {
      return [];
    }
  },
};

export default php;
