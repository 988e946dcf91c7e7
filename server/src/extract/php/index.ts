/**
 * PHP: hand-written CORS headers — `header('Access-Control-Allow-Origin: ...')`, `header_remove()`,
 * Symfony `$response->headers->set()`, Laravel `->header()` / `->withHeaders()`, PSR-7 `->withHeader()`.
 *
 * On the code engine: the writes, their values (the request Origin followed through variables, `sprintf`,
 * interpolation) and the checks guarding them come from `collectWrites` with the PHP write table
 * (writeTable.ts). What is PHP here: a file's top level is one response path and each function or method
 * another; inside one, responses.ts follows the paths (`exit`/`die`/`return` send what was written so far,
 * `header()` replaces an earlier header unless its second argument is false, `header_remove()` drops them).
 * Fixes are rendered by fix.ts.
 */
import { codeOf, envOf, PHP_TABLE, type Func, type WriteSite } from '../../code/index.js';
import type { CorsPolicy, FileFacts, HeaderWrite } from '../../model/index.js';
import { H, effectiveWrites, policyFromWrites, sameHeader } from '../common.js';
import type { Extractor, SourceFile } from '../types.js';
import { renderPhpFix } from './fix.js';
import { headerMentions } from './mentions.js';
import { pathsOf, type Path } from './responses.js';
import { phpSites } from './sites.js';
import { PHP_ID } from './writeTable.js';

function extractFacts(file: SourceFile): Partial<FileFacts> {
  const notes: string[] = [];
  const tree = file.tree('php');
  if (!tree) return { notes: ['php grammar not available'] };
  const root = tree.rootNode;
  if (root.hasError) notes.push('syntax errors: facts are partial');
  const mentions = headerMentions(root, file.text);
  const sites = phpSites(file) ?? [];
  if (!sites.length) return { headerMentions: mentions, notes };
  const code = codeOf(root, file.text, PHP_TABLE);

  const headerWrites: HeaderWrite[] = sites.map((s) => s.write);
  const index = new Map(headerWrites.map((w, i) => [w.id, i]));
  const policies: CorsPolicy[] = [];
  const responses: FileFacts['responses'] = [];
  const byFn = new Map<Func | undefined, WriteSite[]>();
  for (const s of sites) {
    const l = byFn.get(s.fn);
    if (l) l.push(s);
    else byFn.set(s.fn, [s]);
  }
  let pn = 0;
  for (const [fn, own] of byFn) {
    const scope = own[0].write.scope;
    const { paths, overflow } = pathsOf(fn ? fn.body : code.program.body, own, envOf(code, fn));
    if (overflow) notes.push(`too many branches in ${scope.label}: some responses were not followed`);
    for (const p of policiesOf(paths, index, headerWrites, responses)) {
      const acao = p.writes.at(-1)!;
      const policy = policyFromWrites(p.seq, { id: `p${++pn}`, extractor: PHP_ID, layer: 'app', scope, span: acao.statementSpan, answersPreflight: p.answers });
      if (policy) policies.push(policy);
    }
  }
  return { headerWrites, policies, responses, headerMentions: mentions, notes };
}

/**
 * Responses: one per distinct set of headers that reach the client together. Policies: one per origin
 * decision (the Allow-Origin and Allow-Credentials writes in force); the other headers are merged over the
 * paths that share it — the preflight path adds its Allow-Methods/-Headers to the normal response's
 * headers, and a header sent under some request condition counts as sent.
 */
function policiesOf(paths: Path[], index: Map<string, number>, all: HeaderWrite[], responses: FileFacts['responses']) {
  const seen = new Set<string>();
  const groups = new Map<string, { union: Set<number>; methods: Set<Path['method']>; acao: number[] }>();
  for (const p of paths) {
    const seq = p.sites.map((s) => s.write);
    const names = [...new Set(seq.map((w) => w.name.toLowerCase()))];
    const eff = names.flatMap((n) => effectiveWrites(seq, n)).map((w) => index.get(w.id)!);
    eff.sort((a, b) => a - b);
    if (!eff.length) continue;
    const rkey = eff.join(',');
    if (!seen.has(rkey)) {
      seen.add(rkey);
      responses.push({ scope: all[eff[0]].scope, writeIds: eff.map((i) => all[i].id) });
    }
    const acao = eff.filter((i) => sameHeader(all[i].name, H.allowOrigin));
    if (!acao.length) continue;
    const key = eff.filter((i) => acao.includes(i) || sameHeader(all[i].name, H.allowCredentials)).join(',');
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { union: new Set(), methods: new Set(), acao }));
    for (const i of eff) g.union.add(i);
    g.methods.add(p.method);
  }
  return [...groups.values()].map((g) => ({
    seq: [...g.union].sort((a, b) => a - b).map((i) => all[i]),
    writes: g.acao.map((i) => all[i]),
    answers: g.methods.has('options') ? true : [...g.methods].every((m) => m === 'non-options') ? false : undefined,
  }));
}

const php: Extractor = {
  id: PHP_ID,
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
