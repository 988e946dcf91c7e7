/**
 * `SetIsOriginAllowed(origin => …)`: what the function accepts, read with the engine. Its parameter is the
 * request Origin; each `return` is true only when its guards and its own test hold. Every origin accepted
 * with no check → the Origin is echoed (reflect); only after exact comparisons with literals → a list; after
 * a weaker test (suffix, prefix, substring, regex) → a pattern; anything else (a helper, configuration) → a
 * predicate we cannot read.
 */
import { classify, envOf, extendTable, summarize, walkFunc, type Code, type Func } from '../../code/index.js';
import type { OriginCheck, OriginDecision, OriginEntry, Span } from '../../model/index.js';

type Outcome = { k: 'open' } | { k: 'checked'; check: OriginCheck } | { k: 'deny' } | { k: 'unknown' };

export function originPredicate(code: Code, fn: Func, span: Span, via: string): OriginDecision {
  if (fn.params.length !== 1) return { kind: 'predicate', span };
  const c: Code = { ...code, table: extendTable(code.table, { originParam: (f, i) => f === fn && i === 0 }) };
  const env = envOf(c, fn);
  const outs: Outcome[] = [];
  walkFunc(fn, (node, guards) => {
    if (node.stmt.k !== 'return' || node.expr) return;
    const v = node.stmt.value;
    const s = summarize(guards, env);
    const checks = s.checks.flatMap((x) => (x.k === 'check' ? [x.check] : []));
    if (s.checks.length !== checks.length || s.other) return void outs.push({ k: 'unknown' });
    if (v?.k === 'bool') return void outs.push(!v.value ? { k: 'deny' } : checks.length ? { k: 'checked', check: checks[0] } : { k: 'open' });
    const cond = classify(v, true, env);
    if (cond.k === 'check') outs.push({ k: 'checked', check: cond.check });
    else if (cond.k === 'present' && !checks.length) outs.push({ k: 'open' });
    else if (cond.k === 'present') outs.push({ k: 'checked', check: checks[0] });
    else outs.push({ k: 'unknown' });
  });
  if (!outs.length || outs.some((o) => o.k === 'unknown')) return { kind: 'predicate', span };
  if (outs.some((o) => o.k === 'open')) return { kind: 'reflect', span, via, libraryAllowAll: true };
  const checks = outs.flatMap((o) => (o.k === 'checked' ? [o.check] : []));
  if (!checks.length) return { kind: 'predicate', span };
  if (checks.every((x) => x.kind === 'exact' && x.entries)) {
    const entries: OriginEntry[] = checks.flatMap((x) => x.entries!.map((e) => ({ value: e.value, span: e.span, elementSpan: e.span, match: 'exact' as const })));
    return { kind: 'list', entries, tolerance: {}, span };
  }
  return { kind: 'pattern', check: checks.find((x) => x.kind !== 'exact') ?? checks[0], span };
}
