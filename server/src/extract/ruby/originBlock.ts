/**
 * `origins { |source, env| … }` (rack-cors): the block allows the request Origin (its first parameter) when
 * it returns a truthy value. What its returns say: `true` with no origin test on the way (every origin is
 * echoed), an exact allowlist test, a weaker test (a pattern), or something we cannot read (a predicate).
 */
import { classify, envOf, evaluate, extendTable, summarize, walkFunc, type Code, type Func } from '../../code/index.js';
import type { OriginCheck, OriginDecision, OriginEntry, Span } from '../../model/index.js';

export function originBlock(code: Code, fn: Func): OriginDecision {
  const c: Code = { ...code, table: extendTable(code.table, { originParam: (f, i) => f === fn && i === 0 }) };
  const env = envOf(c, fn);
  const span = fn.span;
  const allows: OriginCheck[][] = [];
  let opaque = false;
  walkFunc(fn, (node, guards) => {
    if (node.stmt.k !== 'return' || node.expr) return;
    const value = node.stmt.value;
    const v = evaluate(value, env);
    if (!value || v.k === 'nil' || (v.k === 'bool' && !v.value)) return;
    const checks = summarize(guards, env).checks.flatMap((x) => (x.k === 'check' ? [x.check] : []));
    if (v.k === 'bool' || v.k === 'str' || v.k === 'num') return void allows.push(checks);
    const t = classify(value, true, env);
    if (t.k === 'check') allows.push([...checks, t.check]);
    // `source` itself: truthy whenever there is an Origin
    else if (t.k === 'present') allows.push(checks);
    else if (!checks.length) opaque = true;
    else allows.push(checks);
  });
  if (opaque || !allows.length) return { kind: 'predicate', span };
  if (allows.some((a) => a.length === 0)) return { kind: 'reflect', span, via: 'origins block' };
  const best = allows.map((a) => a.find((x) => x.kind === 'exact') ?? a[0]);
  if (best.every((x) => x.kind === 'exact' && x.entries)) {
    const entries: OriginEntry[] = best.flatMap((x) => x.entries!.map((e) => ({ value: e.value, span: e.span, elementSpan: element(code.text, e.span), match: 'exact' as const })));
    return { kind: 'list', entries, tolerance: {}, span };
  }
  return { kind: 'pattern', check: best.find((x) => x.kind !== 'exact') ?? best[0], span };
}

function element(text: string, s: Span): Span {
  const q = text[s.start - 1];
  return (q === '"' || q === "'") && text[s.end] === q ? { start: s.start - 1, end: s.end + 1 } : s;
}
