/**
 * Putting one file's findings together: what the extraction has found so far, the middleware units in mount
 * order, and which header writes reach one response, in one function and across a chain of middleware.
 */
import type { CorsPolicy, HeaderWrite, ResponseHeaders, Scope } from '../../model/index.js';
import { H, effectiveWrites, sameHeader } from '../common.js';
import { pathCovers, type Mount } from './mounts.js';
import type { PassThrough } from './passThrough.js';

export interface Unit {
  kind: 'lib' | 'hand';
  mount: Mount;
  order: number;
  scope: Scope;
  /** hand: the writes of the function; lib: built lazily. */
  writes: HeaderWrite[];
  policy?: CorsPolicy;
  /** hand, mounted with `use`: set when the function passes every request on (see passThrough.ts). */
  pass?: PassThrough;
}

/** What one extraction has found so far; the steps of run() in index.ts add to it in order. */
export interface Found {
  policies: CorsPolicy[];
  headerWrites: HeaderWrite[];
  responses: ResponseHeaders[];
  /** Mounted middleware (library calls and hand-written functions), for responses across middleware. */
  units: Unit[];
  /** The branch signature of each hand-written write (branching statement → arm taken, from the engine):
   *  two writes in different arms of one branch never reach the same response. */
  branchesOf: Map<string, Map<number, number>>;
  /** How many policies have been made (numbers the next policy id). */
  policyN: number;
}

function exclusive(a: Map<number, number> | undefined, b: Map<number, number> | undefined): boolean {
  if (!a || !b) return false;
  for (const [at, arm] of a) if (b.has(at) && b.get(at) !== arm) return true;
  return false;
}

/** Drop writes that can never run together with an earlier kept one. */
function pruneExclusive(ws: HeaderWrite[], branchesOf: Map<string, Map<number, number>>): HeaderWrite[] {
  const kept: HeaderWrite[] = [];
  for (const w of ws) {
    if (kept.some((k) => exclusive(branchesOf.get(k.id), branchesOf.get(w.id)))) continue;
    kept.push(w);
  }
  return kept;
}

export function responseWrites(writes: HeaderWrite[], branchesOf: Map<string, Map<number, number>>): string[] {
  const names: string[] = [];
  for (const w of writes) if (!names.some((n) => sameHeader(n, w.name))) names.push(w.name);
  const ids = new Set<string>();
  for (const n of names) for (const w of pruneExclusive(effectiveWrites(writes, n), branchesOf)) ids.add(w.id);
  return writes.filter((w) => ids.has(w.id)).map((w) => w.id);
}

/** Responses in which two middleware of one chain both send Access-Control-Allow-Origin or -Credentials (looked
 *  for only when a hand-written write appends one, as `res.append` does); a library's headers stand in as
 *  writes of their own, added to the writes when a response names them. */
export function addChainResponses(found: Found): void {
  const { headerWrites, responses, units, branchesOf } = found;
  const seen = new Set(responses.map((r) => r.writeIds.join(',')));
  const pseudo = new Map<string, HeaderWrite>();
  const libWrites = (u: Unit): HeaderWrite[] => {
    if (u.kind === 'hand' || !u.policy) return u.writes;
    const p = u.policy;
    const mk = (suffix: string, name: string): HeaderWrite => {
      const id = `${p.id}-${suffix}`;
      let w = pseudo.get(id);
      if (!w) {
        w = {
          id,
          name,
          nameSpan: p.span,
          value: { kind: 'unknown', reason: `sent by the ${p.library} library` },
          valueSpan: name === 'Access-Control-Allow-Origin' ? p.origin.span ?? p.span : p.credentialsSpan ?? p.span,
          statementSpan: u.mount.stmtSpan ?? u.mount.span,
          op: 'set',
          always: 'n/a',
          layer: 'app',
          scope: u.scope,
          extractor: 'express',
        };
        pseudo.set(id, w);
      }
      return w;
    };
    const out = [mk('acao', 'Access-Control-Allow-Origin')];
    if (p.credentials === true) out.push(mk('acac', 'Access-Control-Allow-Credentials'));
    return out;
  };
  const usedPseudo = new Set<string>();
  // Only `add` writes (res.append) can make a second value across middleware; without one, skip.
  const relevant = new Map<Unit, HeaderWrite[]>();
  const isWatched = (w: HeaderWrite) => sameHeader(w.name.trim(), H.allowOrigin) || sameHeader(w.name.trim(), H.allowCredentials);
  const anyAdd = units.some((u) => u.kind === 'hand' && u.writes.some((w) => w.op === 'add' && isWatched(w)));
  const ordered = anyAdd ? [...units].sort((a, b) => a.order - b.order) : [];
  for (const u of ordered) relevant.set(u, libWrites(u).filter(isWatched));
  for (const u of ordered) {
    const chain = ordered.filter(
      (o) =>
        o === u ||
        (o.order < u.order && o.mount.object === u.mount.object && o.mount.method === 'use' && pathCovers(o.mount.path, u.mount.path) && relevant.get(o)!.length > 0),
    );
    if (chain.length < 2) continue;
    const owner = new Map<string, number>();
    chain.forEach((c, i) => relevant.get(c)!.forEach((w) => owner.set(w.id, i)));
    const seq = chain.flatMap((c) => relevant.get(c)!);
    const ids: string[] = [];
    let dup = false;
    for (const name of [H.allowOrigin, H.allowCredentials]) {
      const eff = pruneExclusive(effectiveWrites(seq, name), branchesOf);
      if (eff.length >= 2 && new Set(eff.map((w) => owner.get(w.id))).size >= 2) dup = true;
      ids.push(...eff.map((w) => w.id));
    }
    if (!dup) continue;
    const key = ids.join(',');
    if (seen.has(key)) continue;
    seen.add(key);
    for (const id of ids) if (pseudo.has(id)) usedPseudo.add(id);
    responses.push({ scope: u.scope, writeIds: ids });
  }
  for (const id of usedPseudo) headerWrites.push(pseudo.get(id)!);
}
