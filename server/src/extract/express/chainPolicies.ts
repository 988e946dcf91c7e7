/**
 * One policy for the hand-written headers of several middleware that all reach the same responses:
 * `app.use((req, res, next) => { res.setHeader('Access-Control-Allow-Credentials', 'true'); next(); })` and
 * another `app.use` that reflects the Origin make one credentialed, reflecting answer.
 *
 * For the requests under one mount path of one app (or router), the middleware mounted with `use` on that
 * object whose path covers it run in mount order. When every one of them passes every request on
 * (passThrough.ts) and none is a CORS library (whose headers are not written as header facts), the writes
 * they carry are applied in order, as one function's writes are, and the result is the policy of every
 * response sent after them — when exactly one of them writes Access-Control-Allow-Origin and the others
 * write unconditionally. A middleware whose every CORS write is carried then has no response of its own
 * beyond that one: its own policy is replaced, so it is not judged twice.
 */
import type { CorsPolicy, Span } from '../../model/index.js';
import type { Node } from '../../syntax/treeSitter.js';
import { policyFromWrites } from '../common.js';
import type { Found, Unit } from './assembly.js';
import { isAcao, widenEntries } from './handWritten.js';
import { pathCovers } from './mounts.js';

export function addChainPolicies(found: Found, root: Node): void {
  const uses = found.units.filter((u) => u.mount.method === 'use').sort((a, b) => a.order - b.order);
  if (uses.filter((u) => u.kind === 'hand' && u.pass?.carried.length).length < 2) return;
  const byApp = new Map<string, Unit[]>();
  for (const u of uses) {
    const k = u.mount.app;
    if (k === undefined) continue;
    const list = byApp.get(k);
    if (list) list.push(u);
    else byApp.set(k, [u]);
  }
  for (const list of byApp.values()) addForApp(found, list, root);
}

function addForApp(found: Found, uses: Unit[], root: Node): void {
  const replaced = new Set<CorsPolicy>();
  const paths = new Set<string | undefined>();
  for (const u of uses) {
    if (u.kind !== 'hand' || !u.pass || paths.has(u.mount.path)) continue;
    paths.add(u.mount.path); // the middleware for one path are the same whichever of them is looked at
    // every middleware that sees the requests under u's path (before or after u)
    const seq = uses.filter((v) => v === u || pathCovers(v.mount.path, u.mount.path));
    if (seq.some((v) => v.kind !== 'hand' || !v.pass)) continue;
    if (seq.filter((v) => v.pass!.carried.length > 0).length < 2) continue;
    // One middleware decides the origin; the others add headers on every request. Two that write the origin
    // under their own conditions, or a header another one adds only when some check passes, do not combine
    // as one function's writes do (each replaces the other only when its own condition holds).
    const origins = seq.filter((v) => v.pass!.carried.some(isAcao));
    if (origins.length !== 1) continue;
    if (seq.some((v) => v !== origins[0] && v.pass!.carried.some((w) => w.condition === 'conditional'))) continue;
    const writes = seq.flatMap((v) => v.pass!.carried);
    const allCarried = seq.every((v) => v.pass!.allCarried);
    const policy = policyFromWrites(writes, {
      id: `express-p${found.policyN + 1}`,
      extractor: 'express',
      layer: 'app',
      scope: samePath(origins[0].mount.path, u.mount.path) ? origins[0].scope : u.scope,
      span: spanOfPolicy(seq, writes),
      // a preflight answered inside one of them carries only part of these headers
      answersPreflight: allCarried ? undefined : 'unknown',
    });
    if (!policy) continue;
    found.policyN++;
    widenEntries(policy, root);
    found.policies.push(policy);
    for (const v of seq) {
      if (!v.policy || !samePath(v.mount.path, u.mount.path)) continue;
      if (v.pass!.allCarried) replaced.add(v.policy);
      else withCarriedIn(found, v, seq);
    }
  }
  if (replaced.size) found.policies = found.policies.filter((p) => !replaced.has(p));
}

/** A middleware that also answers some requests itself (a preflight branch): its answers carry the headers
 *  of the middleware before it as well; its own policy is rebuilt with them. */
function withCarriedIn(found: Found, v: Unit, seq: Unit[]): void {
  const before = seq.filter((o) => o.order < v.order).flatMap((o) => o.pass!.carried);
  const old = v.policy!;
  if (!before.length || before.some(isAcao)) return;
  const p = policyFromWrites([...before, ...v.pass!.own], { id: old.id, extractor: 'express', layer: 'app', scope: old.scope, span: old.span, emits: old.emits, answersPreflight: old.answersPreflight });
  if (!p) return;
  p.origin = old.origin; // the origin is still this function's own choice among its branches
  const i = found.policies.indexOf(old);
  if (i >= 0) found.policies[i] = p;
  v.policy = p;
}

function samePath(a: string | undefined, b: string | undefined): boolean {
  return a === b;
}

/** The declaration of the middleware whose Access-Control-Allow-Origin write is in force. */
function spanOfPolicy(seq: Unit[], writes: { id: string; name: string }[]): Span {
  const acao = [...writes].reverse().find((w) => w.name.trim().toLowerCase() === 'access-control-allow-origin');
  const owner = seq.find((v) => v.pass!.carried.some((w) => w.id === acao?.id));
  return owner?.policy?.span ?? owner?.scope.span ?? seq[seq.length - 1].scope.span ?? seq[0].mount.span;
}
