/**
 * The responses a JavaScript framework sends, put together from hand-written writes (jsWrites.ts) per
 * function (unit): app-wide middleware around each route's handler, in registration order up to `next()`
 * and in reverse after it (Koa's onion; Hono's compose is koa-compose), hapi's onPreResponse after the
 * handler. The framework's CORS middleware (@koa/cors, hono/cors), mounted app-wide, takes part as one more
 * middleware whose Allow-Origin (and, when it sends them to every origin, Allow-Credentials) are on the
 * response: a hand-written write after it replaces or adds to them.
 */
import type { WriteSite } from '../code/index.js';
import type { CorsPolicy, FileFacts, HeaderValue, HeaderWrite, Scope } from '../model/index.js';
import { effectiveWrites, H, policyFromWrites } from './common.js';
import type { Unit } from './jsHandlers.js';

/** A unit's writes; library writes have no site. */
export type UnitWrites = Map<Unit, { w: HeaderWrite; site?: WriteSite }[]>;

interface Part {
  before: HeaderWrite[];
  after: HeaderWrite[];
  /** The writes of a library that sends Allow-Origin to every origin are among them. */
  lib: boolean;
}

/** Mounted for the whole app: `app.use(cors())`, `app.use('*', cors())`. */
export function appWide(scope: Scope): boolean {
  return scope.kind === 'app' || (scope.kind === 'route' && scope.path.length === 2 && (scope.path[1] === '*' || scope.path[1] === '/*') && scope.label === scope.path.join(' '));
}

/** The writes the framework's CORS middleware makes, as stand-ins (value unknown: the library's own policy
 *  says what it sends), for each app-wide mount of it whose origin decision is known. */
export function libraryWrites(id: string, libs: readonly CorsPolicy[], into: UnitWrites): HeaderWrite[] {
  const out: HeaderWrite[] = [];
  for (const p of libs) {
    if (p.handWritten || !appWide(p.scope) || !p.scope.span || p.origin.kind === 'unknown') continue;
    const o = p.origin;
    const write = (name: string, value: HeaderValue, at = p.span): HeaderWrite => ({ id: `${id}-lib-w${out.length + 1}`, name, nameSpan: at, value, valueSpan: at, statementSpan: p.span, op: 'set', always: 'n/a', layer: 'app', scope: p.scope, extractor: id });
    let value: HeaderValue = { kind: 'unknown', reason: `chosen by ${p.library}` };
    if (o.kind === 'any') value = { kind: 'literal', text: '*' };
    else if (o.kind === 'static') value = { kind: 'literal', text: o.value };
    else if (o.kind === 'null') value = { kind: 'literal', text: 'null' };
    else if (o.kind === 'reflect') value = { kind: 'request-origin', checked: false, via: o.via };
    const every = value.kind !== 'unknown';
    const ws = [write('Access-Control-Allow-Origin', value, o.span ?? p.span)];
    out.push(ws[0]);
    if (p.credentials === true && every) {
      ws.push(write('Access-Control-Allow-Credentials', { kind: 'literal', text: 'true' }, p.credentialsSpan));
      out.push(ws[1]);
    }
    into.set({ kind: 'app', order: p.scope.span.start, scope: p.scope, library: every ? 'every-origin' : 'some-origins' }, ws.map((w) => ({ w })));
  }
  return out;
}

/** The writes in force at the end of a sequence, in order (each header's writes taken apart: one pass). */
function inForce(seq: HeaderWrite[]): HeaderWrite[] {
  const byName = new Map<string, HeaderWrite[]>();
  for (const w of seq) {
    const n = w.name.toLowerCase();
    if (!byName.has(n)) byName.set(n, []);
    byName.get(n)!.push(w);
  }
  const keep = new Set<HeaderWrite>();
  for (const [n, ws] of byName) for (const w of effectiveWrites(ws, n)) keep.add(w);
  return seq.filter((w) => keep.has(w));
}

/** Groups of one unit's writes that can reach the same response (none in exclusive arms), split into the
 *  part that runs before the handlers downstream and the part after. */
function groupsOf(u: Unit, list: { w: HeaderWrite; site?: WriteSite }[]): Part[] {
  const out: Part[] = [];
  const keys = new Set<string>();
  const late = (w: HeaderWrite) => !!u.after || (u.nextAt !== undefined && w.statementSpan.start > u.nextAt);
  for (const seed of list) {
    const g = [seed];
    for (const x of list) if (x !== seed && g.every((y) => compatible(x.site, y.site))) g.push(x);
    g.sort((a, b) => a.w.statementSpan.start - b.w.statementSpan.start || a.w.nameSpan.start - b.w.nameSpan.start);
    const key = g.map((x) => x.w.id).join(',');
    if (keys.has(key)) continue;
    keys.add(key);
    out.push({ before: g.map((x) => x.w).filter((w) => !late(w)), after: g.map((x) => x.w).filter(late), lib: u.library === 'every-origin' });
    if (out.length >= 16) break;
  }
  return out;
}

function compatible(a: WriteSite | undefined, b: WriteSite | undefined): boolean {
  if (!a || !b) return true;
  for (const [at, arm] of a.branches) if (b.branches.has(at) && b.branches.get(at) !== arm) return false;
  return true;
}

/**
 * The responses and hand-written policies of a file. `yields`: writes that lose to what a library wrote
 * before them (Hono: headers passed to c.json & co. when hono/cors already made `c.res`, whose headers are
 * copied back over the handler's response) — they write only when the header is absent then, which it never
 * is after a library that answers every origin. (A library that answers some origins leaves the header
 * absent for the others, an attacker's among them: there the hand-written value is what is sent.)
 */
export function assemble(id: string, perUnit: UnitWrites, yields: ReadonlySet<string>): { policies: CorsPolicy[]; responses: FileFacts['responses'] } {
  const units = [...perUnit.keys()].sort((a, b) => a.order - b.order);
  const groups = new Map(units.map((u) => [u, groupsOf(u, perUnit.get(u)!)]));
  const apps = units.filter((u) => u.kind === 'app');
  const memo = new Map<string, Part[]>();
  const combos = (list: Unit[]): Part[] => {
    const key = list.map((u) => apps.indexOf(u)).join(',');
    const hit = memo.get(key);
    if (hit) return hit;
    let out: Part[] = [{ before: [], after: [], lib: false }];
    for (const a of list) {
      const next: Part[] = [];
      for (const c of out) for (const g of groups.get(a)!) if (next.length < 24) next.push({ before: [...c.before, ...g.before], after: [...g.after, ...c.after], lib: c.lib || g.lib });
      out = next;
    }
    // what the middleware before the handler leave in force is all the handler's writes meet
    out = out.map((c) => ({ ...c, before: inForce(c.before) }));
    memo.set(key, out);
    return out;
  };
  const seqs: { scope: Scope; seq: HeaderWrite[]; unit: Unit }[] = [];
  if (apps.length) for (const c of combos(apps)) seqs.push({ scope: apps[0].scope, seq: [...c.before, ...c.after], unit: apps[0] });
  for (const u of units) {
    if (u.kind === 'app') continue;
    const around = u.kind === 'route' ? combos(apps.filter((a) => a.after || a.order < u.order)) : combos([]);
    for (const g of groups.get(u)!) {
      for (const c of around) {
        const own = [...g.before, ...g.after].map((w) => (c.lib && yields.has(w.id) ? { ...w, op: 'setifempty' as const } : w));
        seqs.push({ scope: u.scope, seq: [...c.before, ...own, ...c.after], unit: u });
      }
    }
  }
  const policies: CorsPolicy[] = [];
  const responses: FileFacts['responses'] = [];
  const seenPolicy = new Set<string>();
  const seenResp = new Set<string>();
  for (const s of seqs) {
    const seq = inForce(s.seq);
    const ids = seq.map((w) => w.id);
    if (ids.length && !seenResp.has(ids.join(','))) {
      seenResp.add(ids.join(','));
      responses.push({ scope: s.scope, writeIds: ids });
    }
    const acao = effectiveWrites(seq, H.allowOrigin);
    // where the library's Allow-Origin is in force, its own policy says what is sent — unless a
    // hand-written Allow-Credentials joins an origin it sends to everyone
    const lib = (w: HeaderWrite) => w.id.startsWith(`${id}-lib-`);
    const acac = effectiveWrites(seq, H.allowCredentials);
    if (!acao.length || (acao.some(lib) && (acao.length > 1 || acao[0].value.kind === 'unknown' || !acac.length || acac.some(lib)))) continue;
    const conds = new Set(acao.map((w) => w.condition));
    let answersPreflight: CorsPolicy['answersPreflight'] | undefined;
    if (conds.size === 1 && conds.has('non-options')) answersPreflight = false;
    else if (conds.has('options-only') || s.unit.mount === 'options') answersPreflight = true;
    const p = policyFromWrites(seq, { id: `${id}-hw-p${policies.length + 1}`, extractor: id, layer: 'app', scope: s.scope, span: acao[0].statementSpan, answersPreflight });
    if (!p) continue;
    const key = [...p.writeIds].sort().join(',');
    if (seenPolicy.has(key)) continue;
    seenPolicy.add(key);
    policies.push(p);
  }
  return { policies, responses };
}
