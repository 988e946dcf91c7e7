/**
 * Hand-written CORS headers in server code, put together into responses and policies — the part the Python
 * (Flask, Django, Starlette / FastAPI), Go, Ruby and Spring extractors share (none of it depends on the
 * language: the writes come from the engine). Each extractor says what role every writing function plays:
 * - `after`: runs on the response of every request it covers, after the view (Flask @after_request, a
 *   Django middleware's `__call__` / `process_response`, a Starlette `@app.middleware('http')` / `dispatch`);
 * - `producer`: makes a response (a route view, a before_request / error handler) or stands alone (`other`:
 *   a helper or a method we cannot place).
 * A response = one path through a producer, then the `after` functions that apply (in reverse order of
 * definition) on the same response object; plus the `after` functions alone, for the responses of views
 * that write nothing.
 */
import type { CorsPolicy, HeaderWrite, ResponseHeaders, Scope, Valued } from '../model/index.js';
import { collectWrites, type Code, type Func, type WriteSite, type WriteTable } from '../code/index.js';
import { effectiveWrites, policyFromWrites, H } from './common.js';
import { writeMeta, type PyFile, type WriteMeta } from './writeMeta.js';

export type Role =
  /** `first`: it runs before the producer (a Sinatra `before` filter, a Rails `before_action`), so the
   *  producer's own write of the same header wins over it. */
  | { kind: 'after'; scope: Scope; receiver?: string; app: boolean; first?: boolean }
  | { kind: 'producer'; scope: Scope; receiver?: string; sub: 'route' | 'before' | 'error' | 'other'; methods?: string[] };

export interface FnInfo {
  /** Identifies the function (a syntax node id or its start offset). */
  key: number;
  /** Where the function starts: `after` functions apply in reverse order of it. */
  start: number;
  role: Role;
  writes: HeaderWrite[];
  /** Branch signature of each write: branching statement → arm. */
  sig: Map<string, Map<number, number>>;
}

/** Where the facts of one file are gathered. */
export interface Sink extends PyFile {
  policies: CorsPolicy[];
  writes: HeaderWrite[];
  responses: ResponseHeaders[];
  mentions: Valued<string>[];
  meta: Map<string, WriteMeta | { kind: string }>;
  nextPolicy: number;
  nextWrite: number;
}

export interface Assembly {
  extractor: string;
  /** The scope of the responses the app-wide `after` functions alone make. */
  appScope: Scope;
  /** Does the policy answer a preflight: `conds` are the conditions of its Allow-Origin writes,
   *  `fromAfter` whether one of them is written by an `after` function. */
  preflight(role: Role, conds: Set<HeaderWrite['condition']>, fromAfter: boolean): CorsPolicy['answersPreflight'];
}

/** Record each write site (ids, scope, fix metadata, the header name as a mention) under its function. */
export function collectInto(sink: Sink, sites: WriteSite[], place: (site: WriteSite) => { key: number; start: number; role: () => Role } | undefined): FnInfo[] {
  const infos = new Map<number, FnInfo>();
  for (const site of sites) {
    const at = place(site);
    if (!at) continue;
    let info = infos.get(at.key);
    if (!info) {
      info = { key: at.key, start: at.start, role: at.role(), writes: [], sig: new Map() };
      infos.set(at.key, info);
    }
    const w = { ...site.write, id: `w${sink.nextWrite++}`, scope: info.role.scope };
    sink.writes.push(w);
    info.writes.push(w);
    info.sig.set(w.id, site.branches);
    sink.meta.set(w.id, writeMeta(sink, site, w));
    sink.mentions.push({ value: w.name, span: w.nameSpan });
  }
  return [...infos.values()].filter((f) => f.writes.length);
}

export function assemble(sink: Sink, fns: FnInfo[], a: Assembly): void {
  if (!fns.length) return;
  const afters = fns.filter((f) => f.role.kind === 'after');
  const producers = fns.filter((f) => f.role.kind === 'producer');
  const seenPolicy = new Set<string>();
  const seenResp = new Set<string>();
  const addResponse = (scope: Scope, seq: HeaderWrite[]) => {
    const names = new Set(seq.map((w) => w.name.toLowerCase()));
    const reach = new Set<string>();
    for (const nm of names) for (const w of effectiveWrites(seq, nm)) reach.add(w.id);
    const ids = seq.filter((w) => reach.has(w.id)).map((w) => w.id);
    if (!ids.length) return;
    const key = ids.join(',');
    if (seenResp.has(key)) return;
    seenResp.add(key);
    sink.responses.push({ scope, writeIds: ids });
  };

  const groupsOf = new Map<FnInfo, HeaderWrite[][]>();
  for (const f of fns) groupsOf.set(f, groups(f));

  const afterCombos = (list: FnInfo[]): HeaderWrite[][] => {
    let combos: HeaderWrite[][] = [[]];
    for (const x of list) {
      const next: HeaderWrite[][] = [];
      for (const c of combos) for (const g of groupsOf.get(x)!) if (next.length < 24) next.push([...c, ...g]);
      combos = next;
    }
    return combos;
  };
  const byReverseOrder = (x: FnInfo, y: FnInfo) => y.start - x.start;
  const firstIds = new Set(afters.flatMap((x) => (x.role.kind === 'after' && x.role.first ? x.writes.map((w) => w.id) : [])));
  const appAfters = afters.filter((x) => x.role.kind === 'after' && x.role.app).sort(byReverseOrder);
  const aftersFor = (receiver?: string) =>
    afters.filter((x) => x.role.kind === 'after' && (x.role.app || (!!receiver && x.role.receiver === receiver))).sort(byReverseOrder);

  interface Seq {
    scope: Scope;
    seq: HeaderWrite[];
    role: Role;
    fromAfter: Set<string>;
  }
  const seqs: Seq[] = [];
  for (const f of producers) {
    const role = f.role;
    const combos = role.kind === 'producer' && role.sub !== 'other' ? afterCombos(aftersFor(role.receiver)) : [[]];
    for (const g of groupsOf.get(f)!) {
      for (const c of combos) {
        const pre = c.filter((w) => firstIds.has(w.id));
        seqs.push({ scope: role.scope, seq: [...pre, ...g, ...c.filter((w) => !firstIds.has(w.id))], role, fromAfter: new Set(c.map((w) => w.id)) });
      }
    }
  }
  const appRole: Role = { kind: 'after', app: true, scope: a.appScope };
  for (const c of afterCombos(appAfters)) seqs.push({ scope: a.appScope, seq: c, role: appRole, fromAfter: new Set(c.map((w) => w.id)) });
  for (const x of afters) {
    if (x.role.kind === 'after' && !x.role.app) {
      for (const c of afterCombos([x, ...appAfters])) seqs.push({ scope: x.role.scope, seq: c, role: x.role, fromAfter: new Set(c.map((w) => w.id)) });
    }
  }

  for (const s of seqs) {
    addResponse(s.scope, s.seq);
    const acao = effectiveWrites(s.seq, H.allowOrigin);
    if (!acao.length) continue;
    const fromAfter = s.role.kind === 'after' || acao.some((w) => s.fromAfter.has(w.id));
    const p = policyFromWrites(s.seq, {
      id: `p${sink.nextPolicy}`,
      extractor: a.extractor,
      layer: 'app',
      scope: s.scope,
      span: acao[0].statementSpan,
      answersPreflight: a.preflight(s.role, new Set(acao.map((w) => w.condition)), fromAfter),
    });
    if (!p) continue;
    const key = [...p.writeIds].sort().join(',') + '|' + s.scope.label;
    if (seenPolicy.has(key)) continue;
    seenPolicy.add(key);
    sink.nextPolicy++;
    sink.policies.push(p);
  }
}

/** Groups of writes that can reach the same response (no two in exclusive branches), source order. */
function groups(f: FnInfo): HeaderWrite[][] {
  const compatible = (a: HeaderWrite, b: HeaderWrite) => {
    const sa = f.sig.get(a.id)!;
    const sb = f.sig.get(b.id)!;
    for (const [k, v] of sa) if (sb.has(k) && sb.get(k) !== v) return false;
    return true;
  };
  const out: HeaderWrite[][] = [];
  const keys = new Set<string>();
  for (const seed of f.writes) {
    const g: HeaderWrite[] = [seed];
    for (const w of f.writes) if (w !== seed && g.every((x) => compatible(x, w))) g.push(w);
    g.sort((a, b) => a.statementSpan.start - b.statementSpan.start || a.nameSpan.start - b.nameSpan.start);
    const key = g.map((w) => w.id).join(',');
    if (!keys.has(key)) {
      keys.add(key);
      out.push(g);
    }
    if (out.length >= 16) break;
  }
  return out;
}

/** Read the writes of `table` in every function of the file, give each function its role, and assemble
 *  (Django and Starlette: a function is identified by where it starts). */
export function readHandWritten(sink: Sink, code: Code, table: WriteTable, roleOf: (fn: Func) => Role, a: Assembly): void {
  const fns = collectInto(sink, collectWrites(code, table), (site) => (site.fn ? { key: site.fn.span.start, start: site.fn.span.start, role: () => roleOf(site.fn!) } : undefined));
  assemble(sink, fns, a);
}

/** When nothing answers OPTIONS on its own (Django, Starlette): a preflight gets the headers written under an
 *  OPTIONS test or by a view / route that takes OPTIONS; writes only for other methods never reach it. */
export function preflightByConditions(role: Role, conds: Set<HeaderWrite['condition']>): CorsPolicy['answersPreflight'] {
  if (conds.has('options-only')) return true;
  if (role.kind === 'producer' && role.methods?.includes('OPTIONS')) return true;
  if (conds.has('non-options') && conds.size === 1) return false;
  return 'unknown';
}
