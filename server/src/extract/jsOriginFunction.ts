/**
 * An `origin` option written as a function (`origin: (ctx) => …` in @koa/cors, `origin: (origin, c) => …` in
 * Hono): what its return values make the library send, read with the engine — the request Origin returned
 * unchecked (reflection), returned only after an exact allowlist test (a list), after a weaker test (a
 * pattern), fixed strings, or something we cannot read (a predicate).
 */
import { envOf, evaluate, extendTable, summarize, walkFunc, type Code, type Func, type Guard, type Val } from '../code/index.js';
import type { OriginCheck, OriginDecision, OriginEntry, Span, Valued } from '../model/index.js';

type Outcome = { k: 'origin'; checks: OriginCheck[] } | { k: 'str'; value: string; span: Span } | { k: 'falsy' } | { k: 'unknown' };

function outcomes(v: Val, guards: readonly Guard[], code: Code, fn: Func, out: Outcome[], depth = 0): void {
  if (depth > 8) return void out.push({ k: 'unknown' });
  switch (v.k) {
    case 'origin': {
      const s = summarize(guards, envOf(code, fn));
      out.push({ k: 'origin', checks: s.checks.flatMap((c) => (c.k === 'check' ? [c.check] : [])) });
      return;
    }
    case 'choice':
      outcomes(v.then, [...guards, { test: v.test, positive: true }], code, fn, out, depth + 1);
      outcomes(v.else, [...guards, { test: v.test, positive: false }], code, fn, out, depth + 1);
      return;
    case 'str':
      if (v.value === '') out.push({ k: 'falsy' });
      else out.push({ k: 'str', value: v.value, span: v.lit?.verbatim ? v.lit.inner : v.at.span });
      return;
    case 'nil':
      return void out.push({ k: 'falsy' });
    case 'bool':
      return void out.push(v.value ? { k: 'unknown' } : { k: 'falsy' });
    default:
      out.push({ k: 'unknown' });
  }
}

/** The element span of an entry written as a quoted literal (quotes included), else the entry's own span. */
function element(text: string, e: Valued<string>): Span {
  const q = text[e.span.start - 1];
  if ((q === '"' || q === "'" || q === '`') && text[e.span.end] === q) return { start: e.span.start - 1, end: e.span.end + 1 };
  return e.span;
}

/**
 * What an origin function decides. `originParam`: the index of the parameter that holds the request Origin
 * (Hono passes it), or undefined when the function reads it from the request itself (Koa's `ctx.get('Origin')`).
 */
export function originFunction(fn: Func, code: Code, originParam: number | undefined, via: string): OriginDecision {
  const c: Code = originParam === undefined ? code : { ...code, table: extendTable(code.table, { originParam: (f, i) => f === fn && i === originParam }) };
  const env = envOf(c, fn);
  const outs: Outcome[] = [];
  walkFunc(fn, (node, guards) => {
    if (node.stmt.k === 'return' && !node.expr) {
      if (node.stmt.value) outcomes(evaluate(node.stmt.value, env), guards, c, fn, outs);
      else outs.push({ k: 'falsy' });
    }
  });
  const span = fn.span;
  if (outs.length === 0 || outs.some((o) => o.k === 'unknown')) return { kind: 'predicate', span };
  const origins = outs.filter((o): o is Outcome & { k: 'origin' } => o.k === 'origin');
  const strs = outs.filter((o): o is Outcome & { k: 'str' } => o.k === 'str');
  if (origins.length && strs.length) return { kind: 'predicate', span };
  if (origins.some((o) => o.checks.length === 0)) return { kind: 'reflect', span, via };
  if (origins.length) {
    const checks = origins.map((o) => o.checks.find((x) => x.kind === 'exact') ?? o.checks[0]);
    if (checks.every((x) => x.kind === 'exact' && x.entries)) {
      const entries: OriginEntry[] = checks.flatMap((x) => x.entries!.map((e) => ({ value: e.value, span: e.span, elementSpan: element(code.text, e), match: 'exact' as const })));
      return { kind: 'list', entries, tolerance: {}, span };
    }
    const weak = checks.find((x) => x.kind !== 'exact') ?? checks[0];
    return { kind: 'pattern', check: weak, span };
  }
  // only fixed strings (and falsy results): one value is a fixed header, several are the function's choice
  if (new Set(strs.map((s) => s.value)).size !== 1) return { kind: 'predicate', span };
  const only = strs[0];
  if (only.value === '*') return { kind: 'any', span: only.span };
  if (only.value === 'null') return { kind: 'null', span: only.span };
  return { kind: 'static', value: only.value, span: only.span };
}
