/**
 * Hand-written CORS headers in JavaScript frameworks on the engine (Koa, Hono, hapi): the framework says which
 * functions handle requests (units) and how its context writes headers (a write table); the engine finds the
 * writes with their values and guards (code/writes.ts); jsAssembly.ts puts them together into the responses
 * the framework sends and the policies those make. The fixes of the writes are rendered here.
 */
import { codeOf, collectWrites, extendTable, JS_TABLE, patterns, type Code, type Func, type LanguageTable, type Val, type WriteForm, type WriteSite, type WriteTable } from '../code/index.js';
import type { CorsPolicy, FileFacts, FixRequest, HeaderWrite, TextEdit } from '../model/index.js';
import { H, indentAt, isPlainValue, lineEndAt, removalSpan, sameHeader } from './common.js';
import { appWide, assemble, libraryWrites, type UnitWrites } from './jsAssembly.js';
import { allCalls, jsGrammarFor, type CallSite } from './jsCalls.js';
import { jsLiteral, quoteOf, removeEntry } from './jsFix.js';
import type { Unit } from './jsHandlers.js';
import type { SourceFile } from './types.js';
import { isCorsWriteName } from '../knowledge/headerNames.js';

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
  /** More of the language table the units are read with. */
  tableExtra?: Partial<LanguageTable>;
  /** Writes that lose to what the CORS library wrote before them (jsAssembly.ts). */
  yields?(site: WriteSite): boolean;
  /** The call that adds header `name` (code, quoted) with `value` on receiver `recv`, written like a write
   *  made with `method` on it (a fix adds `Vary: Origin` next to the Allow-Origin write); undefined: none. */
  adder(recv: string, method: string, name: string, value: string): string | undefined;
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
  return { extractor, calls, assigns: [], stringify: jsStringify, wanted: isCorsWriteName };
}

/** One analysis per file and framework: the fixes of one file's findings are rendered from the analysis
 *  its facts came from, not by reading the file again for each. */
const analysed = new WeakMap<SourceFile, Map<string, { text: string; hw: HandWritten | undefined }>>();

/** The hand-written header writes of a file and the policies they make, or undefined when there are none.
 *  `libs`: the framework's CORS middleware policies of the file (the same on every call for one file). */
export function handWritten(spec: HandWrittenSpec, file: SourceFile, libs: readonly CorsPolicy[] = []): HandWritten | undefined {
  let byId = analysed.get(file);
  if (!byId) analysed.set(file, (byId = new Map()));
  const hit = byId.get(spec.id);
  if (hit && hit.text === file.text) return hit.hw;
  const hw = analyse(spec, file, libs);
  byId.set(spec.id, { text: file.text, hw });
  return hw;
}

function analyse(spec: HandWrittenSpec, file: SourceFile, libs: readonly CorsPolicy[]): HandWritten | undefined {
  if (!spec.uses(file.text)) return undefined;
  const tree = file.tree(jsGrammarFor(file));
  if (!tree) return undefined;
  const base = codeOf(tree.rootNode, file.text, JS_TABLE);
  const units = spec.units(base, allCalls(base));
  if (!units.length) return undefined;
  const byFn = new Map(units.flatMap((u) => (u.fn ? [[u.fn, u] as const] : [])));
  const fns = new Set(byFn.keys());
  const table = extendTable(JS_TABLE, {
    originSources: patterns(...spec.origins),
    requestParam: (fn, i) => JS_TABLE.requestParam(fn, i) || (i === 0 && fns.has(fn)),
    ...spec.tableExtra,
  });
  const code = codeOf(tree.rootNode, file.text, table);
  // only writes made by the unit itself: in a callback inside it, the guards around the callback are not
  // on the write's path as the engine reads it, so an allowlist check there would be missed
  const unitOf = (fn: Func | undefined): Unit | undefined => (fn ? byFn.get(fn) : undefined);
  const sites = new Map<string, WriteSite>();
  const perUnit: UnitWrites = new Map();
  const writes: HeaderWrite[] = [];
  const yields = new Set<string>();
  for (const site of collectWrites(code, spec.table(fns))) {
    const u = unitOf(site.fn);
    if (!u) continue;
    // numbered in source order (a builder chain is visited outermost call first)
    const w = { ...site.write, id: `${spec.id}-w${writes.length + 1}`, scope: u.scope };
    writes.push(w);
    sites.set(w.id, { ...site, write: w });
    if (spec.yields?.(site)) yields.add(w.id);
    if (!perUnit.has(u)) perUnit.set(u, []);
    perUnit.get(u)!.push({ w, site });
  }
  if (!writes.length) return undefined;
  const mentions = writes.map((w) => ({ value: w.name, span: w.nameSpan }));
  writes.push(...libraryWrites(spec.id, libs, perUnit));
  const { policies, responses } = assemble(spec.id, perUnit, yields);
  return { sites, facts: { headerWrites: writes, policies, responses, headerMentions: mentions } };
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
    if (p.vary === 'absent' && varying.some((l) => appWide(l.scope) || l.scope.label === p.scope.label)) p.vary = 'library';
  }
  return out;
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
export function renderWriteFix(spec: HandWrittenSpec, req: FixRequest, file: SourceFile, hw: HandWritten | undefined): TextEdit[] | undefined {
  const id = spec.id;
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
    case 'add-header': {
      const s = hw.sites.get(req.afterWriteId);
      const e = s && addition(spec, text, s, req.name, req.value);
      return e ? [e] : [];
    }
    default:
      return [];
  }
}

/** A new write of `name: value` beside an existing one: one more step of its builder chain, or a statement
 *  after its own, on the same receiver. */
function addition(spec: HandWrittenSpec, text: string, site: WriteSite, name: string, value: string): TextEdit | undefined {
  const node = site.node;
  if (!('k' in node) || node.k !== 'call' || node.callee.k !== 'member') return undefined;
  const q = quoteOf(text);
  const n = jsLiteral(name, q);
  const v = jsLiteral(value, q);
  if (!n || !v) return undefined;
  const recv = node.callee.object;
  // a chain step: `.header(n, v)` on the response the write returns
  if (recv.k === 'call') {
    const step = spec.adder('', node.callee.name, n, v);
    return step ? { span: { start: node.span.end, end: node.span.end }, newText: step } : undefined;
  }
  if (site.stmt.k !== 'expr' || site.stmt.expr !== node) return undefined;
  const call = spec.adder(text.slice(recv.span.start, recv.span.end), node.callee.name, n, v);
  const end = lineEndAt(text, site.stmt.span.end);
  if (!call || !/^[ \t;]*$/.test(text.slice(site.stmt.span.end, end))) return undefined;
  return { span: { start: end, end }, newText: `\n${indentAt(text, site.stmt.span.start)}${call};` };
}
