/** A header write as the path analysis sees it (the paths that reach it, and what they prove about the
 *  Origin), and the final value of a write that copies the Origin. */
import type { HeaderValue, OriginCheck, Valued } from '../../model/index.js';
import type { Node } from '../../syntax/treeSitter.js';
import type { OriginCheckResult } from './checks.js';
import type { Path } from './paths.js';
import type { RawWrite } from './writes.js';

export interface Write extends RawWrite {
  index: number;
  id: string;
  scopeNode: Node;
  reach: OriginCheckResult[];
  methods: Set<Path<Write>['method']>;
  constrained: boolean[];
}

function checkStrength(c: OriginCheck): number {
  if (c.kind === 'unknown') return 0;
  if (c.kind === 'exact') return 2;
  return 1;
}

/**
 * The final value of a write that copies the Origin, from what every path reaching it proves. The paths
 * are alternatives an attacker can pick from: any unchecked path makes the copy unchecked, and otherwise
 * the weakest check is the one that counts (entries of equally weak checks add up).
 */
export function finalOriginValue(w: Write): HeaderValue {
  const via = w.source!.via;
  if (w.reach.length === 0) return { kind: 'request-origin', checked: true, check: { kind: 'unknown' }, via };
  const checks: OriginCheck[] = [];
  for (const r of w.reach) {
    if (r.kind !== 'check') return { kind: 'request-origin', checked: false, via };
    checks.push(r.check);
  }
  const weakest = Math.min(...checks.map(checkStrength));
  const weak = checks.filter((c) => checkStrength(c) === weakest);
  const kinds = new Set(weak.map((c) => c.kind));
  if (kinds.size !== 1) return { kind: 'request-origin', checked: true, check: { kind: 'unknown' }, via };
  const kind = weak[0].kind;
  if (kind === 'unknown' || weak.some((c) => !c.entries)) return { kind: 'request-origin', checked: true, check: { kind }, via };
  const entries: Valued<string>[] = [];
  const seen = new Set<string>();
  for (const c of weak) {
    for (const e of c.entries!) {
      const k = `${e.span.start}:${e.span.end}:${e.value}`;
      if (seen.has(k)) continue;
      seen.add(k);
      entries.push(e);
    }
  }
  entries.sort((a, b) => a.span.start - b.span.start);
  return { kind: 'request-origin', checked: true, check: { kind, entries }, via };
}
