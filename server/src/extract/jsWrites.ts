/**
 * Hand-written CORS headers in JavaScript frameworks on the engine (Koa, Hono, hapi): the framework says which
 * functions handle requests (units) and how its context writes headers (a write table); the engine finds the
 * writes with their values and guards (code/writes.ts); here they are put together into the responses the
 * framework sends — app-wide middleware around each route's handler — and the policies those make.
 */
import { codeOf, collectWrites, extendTable, JS_TABLE, patterns, type Code, type Func, type Val, type WriteForm, type WriteSite, type WriteTable } from '../code/index.js';
import type { CorsPolicy, FileFacts, FixRequest, HeaderWrite, Scope, TextEdit } from '../model/index.js';
import { corsLike, effectiveWrites, H, isPlainValue, policyFromWrites, removalSpan, sameHeader } from './common.js';
import { allCalls, jsGrammarFor, type CallSite } from './jsCalls.js';
import { jsLiteral, quoteOf, removeEntry } from './jsFix.js';
import type { Unit } from './jsHandlers.js';
import type { SourceFile } from './types.js';

export interface HandWrittenSpec {
  id: string;
  /** Does the text use the framework at all (a cheap check before anything is read)? */
  uses(text: string): boolean;
  /** The functions of the file that handle requests. */
  units(code: Code, calls: CallSite[]): Unit[];
  /** How the units' context writes headers. */
  table(fns: ReadonlySet<Func>): WriteTable;
  /** Where the framework's context reads the request Origin (patterns; `@req` = a unit's first parameter). */
  origins: string[];
}

export interface HandWritten {
  facts: Partial<FileFacts>;
  sites: Map<string, WriteSite>;
}

/** A file that writes CORS headers by hand names one (the precheck before a framework file is parsed). */
export const CORS_HEADER = /access-control-/i;

/** What Node's setHeader and the Fetch API's Headers send for a number or a boolean: its String(). */
export function jsStringify(v: Val): string | undefined {
  if (v.k === 'bool') return String(v.value);
  if (v.k === 'num' && /^-?\d+$/.test(v.raw)) return String(v.value);
  return undefined;
}

/** A JavaScript framework's write table: its call forms, CORS header names only. */
export function jsWriteTable(extractor: string, calls: WriteForm[]): WriteTable {
  return { extractor, calls, assigns: [], stringify: jsStringify, wanted: corsLike };
}

type CodeScope = Code['scopes']['module'];

/** The hand-written header writes of a file and the policies they make, or undefined when there are none. */
export function handWritten(spec: HandWrittenSpec, file: SourceFile): HandWritten | undefined {
  if (!spec.uses(file.text)) return undefined;
  const tree = file.tree(jsGrammarFor(file));
  if (!tree) return undefined;
  const base = codeOf(tree.rootNode, file.text, JS_TABLE);
  const units = spec.units(base, allCalls(base));
  if (!units.length) return undefined;
  const byFn = new Map(units.map((u) => [u.fn, u]));
  const fns = new Set(byFn.keys());
  const table = extendTable(JS_TABLE, {
    originSources: patterns(...spec.origins),
    requestParam: (fn, i) => JS_TABLE.requestParam(fn, i) || (i === 0 && fns.has(fn)),
  });
  const code = codeOf(tree.rootNode, file.text, table);
  const unitOf = (fn: Func | undefined): Unit | undefined => {
    for (let s: CodeScope | undefined = fn ? code.scopes.of(fn) : undefined; s; s = s.parent) if (s.fn && byFn.has(s.fn)) return byFn.get(s.fn);
    return undefined;
  };
  const sites = new Map<string, WriteSite>();
  const perUnit = new Map<Unit, { w: HeaderWrite; site: WriteSite }[]>();
  const writes: HeaderWrite[] = [];
  for (const site of collectWrites(code, spec.table(fns))) {
    const u = unitOf(site.fn);
    if (!u) continue;
    // numbered in source order (a builder chain is visited outermost call first)
    const w = { ...site.write, id: `${spec.id}-w${writes.length + 1}`, scope: u.scope };
    writes.push(w);
    sites.set(w.id, { ...site, write: w });
    if (!perUnit.has(u)) perUnit.set(u, []);
    perUnit.get(u)!.push({ w, site });
  }
  if (!writes.length) return undefined;
  const { policies, responses } = assemble(spec.id, perUnit);
  return { sites, facts: { headerWrites: writes, policies, responses, headerMentions: writes.map((w) => ({ value: w.name, span: w.nameSpan })) } };
}

/** The library's facts of a file (`a`) and its hand-written ones (`b`) together. A library that adds
 *  `Vary: Origin` on every response of the app (@koa/cors, hono/cors with an origin other than '*', hapi's
 *  cors setting) — or of the route a hand-written policy is on — adds it to the hand-written responses too. */
export function mergeFacts(a: Partial<FileFacts>, b: Partial<FileFacts>): Partial<FileFacts> {
  const out: Partial<FileFacts> = { ...a };
  for (const k of ['policies', 'headerWrites', 'responses', 'headerMentions', 'optionMentions', 'notes'] as const) {
    if (a[k] || b[k]) (out as Record<string, unknown[]>)[k] = [...(a[k] ?? []), ...(b[k] ?? [])];
  }
  const varying = (a.policies ?? []).filter((p) => !p.handWritten && p.vary === 'library');
  for (const p of b.policies ?? []) {
    if (p.vary === 'absent' && varying.some((l) => l.scope.kind === 'app' || l.scope.label === p.scope.label)) p.vary = 'library';
  }
  return out;
}

/** Groups of one unit's writes that can reach the same response (none in exclusive arms), split into the
 *  part that runs before the handlers downstream and the part after. */
function groupsOf(u: Unit, list: { w: HeaderWrite; site: WriteSite }[]): { before: HeaderWrite[]; after: HeaderWrite[] }[] {
  const out: { before: HeaderWrite[]; after: HeaderWrite[] }[] = [];
  const keys = new Set<string>();
  for (const seed of list) {
    const g = [seed];
    for (const x of list) if (x !== seed && g.every((y) => compatibleSites(x.site, y.site))) g.push(x);
    g.sort((a, b) => a.w.statementSpan.start - b.w.statementSpan.start || a.w.nameSpan.start - b.w.nameSpan.start);
    const key = g.map((x) => x.w.id).join(',');
    if (keys.has(key)) continue;
    keys.add(key);
    const late = (w: HeaderWrite) => !!u.after || (u.nextAt !== undefined && w.statementSpan.start > u.nextAt);
    out.push({ before: g.map((x) => x.w).filter((w) => !late(w)), after: g.map((x) => x.w).filter(late) });
    if (out.length >= 16) break;
  }
  return out;
}

function compatibleSites(a: WriteSite, b: WriteSite): boolean {
  for (const [at, arm] of a.branches) if (b.branches.has(at) && b.branches.get(at) !== arm) return false;
  return true;
}

function assemble(id: string, perUnit: Map<Unit, { w: HeaderWrite; site: WriteSite }[]>): { policies: CorsPolicy[]; responses: FileFacts['responses'] } {
  const units = [...perUnit.keys()].sort((a, b) => a.order - b.order);
  const groups = new Map(units.map((u) => [u, groupsOf(u, perUnit.get(u)!)]));
  const apps = units.filter((u) => u.kind === 'app');
  // app-wide middleware run in registration order up to `next()`, then unwind in reverse (Koa's onion;
  // Hono's compose does the same); hapi's onPreResponse runs after the handler
  const combos = (list: Unit[]): { before: HeaderWrite[]; after: HeaderWrite[] }[] => {
    let out = [{ before: [] as HeaderWrite[], after: [] as HeaderWrite[] }];
    for (const a of list) {
      const next: typeof out = [];
      for (const c of out) for (const g of groups.get(a)!) if (next.length < 24) next.push({ before: [...c.before, ...g.before], after: [...g.after, ...c.after] });
      out = next;
    }
    return out;
  };
  const seqs: { scope: Scope; seq: HeaderWrite[]; unit: Unit }[] = [];
  for (const c of combos(apps)) if (apps.length) seqs.push({ scope: apps[0].scope, seq: [...c.before, ...c.after], unit: apps[0] });
  for (const u of units) {
    if (u.kind === 'app') continue;
    const around = u.kind === 'route' ? combos(apps.filter((a) => a.after || a.order < u.order)) : [{ before: [], after: [] }];
    for (const g of groups.get(u)!) for (const c of around) seqs.push({ scope: u.scope, seq: [...c.before, ...g.before, ...g.after, ...c.after], unit: u });
  }
  const policies: CorsPolicy[] = [];
  const responses: FileFacts['responses'] = [];
  const seenPolicy = new Set<string>();
  const seenResp = new Set<string>();
  for (const s of seqs) {
    const reach = new Set<string>();
    for (const n of new Set(s.seq.map((w) => w.name.toLowerCase()))) for (const w of effectiveWrites(s.seq, n)) reach.add(w.id);
    const ids = s.seq.filter((w) => reach.has(w.id)).map((w) => w.id);
    if (ids.length && !seenResp.has(ids.join(','))) {
      seenResp.add(ids.join(','));
      responses.push({ scope: s.scope, writeIds: ids });
    }
    const acao = effectiveWrites(s.seq, H.allowOrigin);
    if (!acao.length) continue;
    const conds = new Set(acao.map((w) => w.condition));
    let answersPreflight: CorsPolicy['answersPreflight'] | undefined;
    if (conds.size === 1 && conds.has('non-options')) answersPreflight = false;
    else if (conds.has('options-only') || s.unit.mount === 'options') answersPreflight = true;
    const p = policyFromWrites(s.seq, { id: `${id}-hw-p${policies.length + 1}`, extractor: id, layer: 'app', scope: s.scope, span: acao[0].statementSpan, answersPreflight });
    if (!p) continue;
    const key = [...p.writeIds].sort().join(',');
    if (seenPolicy.has(key)) continue;
    seenPolicy.add(key);
    policies.push(p);
  }
  return { policies, responses };
}

/** The edit that deletes one write: its entry when it is one entry of a headers object written in the
 *  call, its step of a builder chain (`.header(n, v)` returns the response), or its whole call statement
 *  when the call writes nothing else; undefined otherwise. */
function removal(text: string, site: WriteSite, all: Map<string, WriteSite>): TextEdit | undefined {
  const node = site.node;
  if (!('k' in node) || node.k !== 'call' || node.callee.k !== 'member') return undefined;
  const s = site.write.statementSpan;
  if (s.start > node.span.start && s.end <= node.span.end && site.write.nameSpan.start >= s.start) return { span: removeEntry(text, s), newText: '' };
  if ([...all.values()].some((o) => o.node === node && o !== site)) return undefined;
  const recv = node.callee.object;
  if (recv.k === 'call') return { span: { start: recv.span.end, end: node.span.end }, newText: '' };
  if (site.stmt.k === 'expr' && site.stmt.expr === node) return { span: removalSpan(text, site.stmt.span), newText: '' };
  return undefined;
}

/** Fixes for hand-written writes and the policies they make; undefined when the request is not about them. */
export function renderWriteFix(id: string, req: FixRequest, file: SourceFile, hw: HandWritten | undefined): TextEdit[] | undefined {
  const ownPolicy = 'policyId' in req && req.policyId.startsWith(`${id}-hw-`);
  const writeId = 'writeId' in req ? req.writeId : 'afterWriteId' in req ? req.afterWriteId : undefined;
  if (!ownPolicy && writeId === undefined) return undefined;
  if (!hw) return [];
  const text = file.text;
  const policy = 'policyId' in req ? (hw.facts.policies ?? []).find((p) => p.id === req.policyId) : undefined;
  const writesOf = (name: string) => (policy?.writeIds ?? []).map((w) => hw.sites.get(w)).filter((s): s is WriteSite => !!s && sameHeader(s.write.name, name));
  switch (req.kind) {
    case 'set-origins': {
      // one trusted origin: the Allow-Origin value becomes that origin, written as a string literal
      const acao = writesOf(H.allowOrigin);
      if (req.origins.length !== 1 || acao.length !== 1 || !acao[0].write.valueSpan) return [];
      const [s] = acao;
      if (s.valueExact) return isPlainValue(req.origins[0]) ? [{ span: s.write.valueSpan!, newText: req.origins[0] }] : [];
      const lit = jsLiteral(req.origins[0], quoteOf(text));
      return lit ? [{ span: s.write.valueSpan!, newText: lit }] : [];
    }
    case 'remove-credentials': {
      const edits = writesOf(H.allowCredentials).map((s) => removal(text, s, hw.sites));
      return edits.length && edits.every((e) => e) ? (edits as TextEdit[]) : [];
    }
    case 'remove-write': {
      const s = hw.sites.get(req.writeId);
      const e = s && removal(text, s, hw.sites);
      return e ? [e] : [];
    }
    case 'set-header-value': {
      const s = hw.sites.get(req.writeId);
      return s?.valueExact && s.write.valueSpan && isPlainValue(req.value) ? [{ span: s.write.valueSpan, newText: req.value }] : [];
    }
    case 'set-header-name': {
      const s = hw.sites.get(req.writeId);
      const n = s?.write.nameSpan;
      const q = n && text[n.start - 1];
      const quoted = !!n && (q === "'" || q === '"') && text[n.end] === q && text.slice(n.start, n.end) === s!.write.name;
      return quoted && isPlainValue(req.name) ? [{ span: n!, newText: req.name }] : [];
    }
    default:
      return [];
  }
}
