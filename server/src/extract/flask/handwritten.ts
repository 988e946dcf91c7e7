/**
 * Hand-written CORS headers in Flask code (the forms of a write: writeTable.ts), inside @after_request
 * hooks (every response: scope app), route views (scope route), before_request / error handlers and
 * helpers (handlers.ts). Here the writes of each function are put together into responses and policies:
 * one path through a view (or before_request / error handler), then the after_request hooks that apply.
 */
import type { HeaderWrite, Scope } from '../../model/index.js';
import { effectiveWrites, policyFromWrites, H } from '../common.js';
import { APP_SCOPE, EXTRACTOR_ID, type Ctx } from './ctx.js';
import { codeOf, collectWrites, PY_TABLE } from '../../code/index.js';
import { afterRequestByCall, roleOf, type FnInfo, type Role } from './handlers.js';
import { defNode, writeMeta } from './writeMeta.js';
import { FLASK_WRITES } from './writeTable.js';

export function extractHandWritten(ctx: Ctx): void {
  if (!ctx.flask) return;
  const afterByName = afterRequestByCall(ctx);
  // The engine finds every header write (forms: writeTable.ts) with its value and the guards on its path;
  // here they are put together per function, by the role the function plays in Flask.
  const code = codeOf(ctx.root, ctx.text, PY_TABLE);
  const infos = new Map<number, FnInfo>();
  for (const site of collectWrites(code, FLASK_WRITES)) {
    const def = site.fn && defNode(ctx.root, site.fn.span);
    if (!def) continue;
    let info = infos.get(def.id);
    if (!info) {
      info = { def, role: roleOf(ctx, def, afterByName), writes: [], sig: new Map() };
      infos.set(def.id, info);
    }
    const w = { ...site.write, id: `w${ctx.nextWrite++}`, scope: info.role.scope };
    ctx.writes.push(w);
    info.writes.push(w);
    info.sig.set(w.id, site.branches);
    ctx.meta.set(w.id, writeMeta(ctx, site, w));
    ctx.mentions.push({ value: w.name, span: w.nameSpan });
  }
  const fns = [...infos.values()].filter((f) => f.writes.length);
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
    ctx.responses.push({ scope, writeIds: ids });
  };

  const groupsOf = new Map<FnInfo, HeaderWrite[][]>();
  for (const f of fns) groupsOf.set(f, groups(f));

  // A response = one path through a view (or before_request / error handler), then the after_request
  // hooks that apply (they run in reverse registration order) on the same response object; plus the
  // hooks alone for the responses of views that write nothing. Helpers stand alone.
  const afterCombos = (list: FnInfo[]): HeaderWrite[][] => {
    let combos: HeaderWrite[][] = [[]];
    for (const a of list) {
      const next: HeaderWrite[][] = [];
      for (const c of combos) for (const g of groupsOf.get(a)!) if (next.length < 24) next.push([...c, ...g]);
      combos = next;
    }
    return combos;
  };
  const byReverseOrder = (a: FnInfo, b: FnInfo) => b.def.startIndex - a.def.startIndex;
  const appAfters = afters.filter((a) => a.role.kind === 'after' && a.role.app).sort(byReverseOrder);
  const aftersFor = (receiver?: string) =>
    afters.filter((a) => a.role.kind === 'after' && (a.role.app || (!!receiver && a.role.receiver === receiver))).sort(byReverseOrder);

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
      for (const c of combos) seqs.push({ scope: role.scope, seq: [...g, ...c], role, fromAfter: new Set(c.map((w) => w.id)) });
    }
  }
  for (const c of afterCombos(appAfters)) seqs.push({ scope: APP_SCOPE, seq: c, role: { kind: 'after', app: true, scope: APP_SCOPE }, fromAfter: new Set(c.map((w) => w.id)) });
  for (const a of afters) {
    if (a.role.kind === 'after' && !a.role.app) {
      for (const c of afterCombos([a, ...appAfters])) seqs.push({ scope: a.role.scope, seq: c, role: a.role, fromAfter: new Set(c.map((w) => w.id)) });
    }
  }

  for (const s of seqs) {
    addResponse(s.scope, s.seq);
    const acao = effectiveWrites(s.seq, H.allowOrigin);
    if (!acao.length) continue;
    const conds = new Set(acao.map((w) => w.condition));
    let answersPreflight: boolean | 'unknown' = 'unknown';
    const role = s.role;
    if (conds.has('non-options') && conds.size === 1) answersPreflight = false;
    // Flask's automatic OPTIONS answer passes through the after_request hooks.
    else if (role.kind === 'after' || acao.some((w) => s.fromAfter.has(w.id))) answersPreflight = true;
    else if (role.sub === 'before' && conds.has('options-only')) answersPreflight = true;
    else if (role.sub === 'route' && role.methods?.includes('OPTIONS')) answersPreflight = true;
    const p = policyFromWrites(s.seq, {
      id: `p${ctx.nextPolicy}`,
      extractor: EXTRACTOR_ID,
      layer: 'app',
      scope: s.scope,
      span: acao[0].statementSpan,
      answersPreflight,
    });
    if (!p) continue;
    const key = [...p.writeIds].sort().join(',') + '|' + s.scope.label;
    if (seenPolicy.has(key)) continue;
    seenPolicy.add(key);
    ctx.nextPolicy++;
    ctx.policies.push(p);
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
