/**
 * The `origin` option of the cors package given as a function, `(origin, callback) => { … callback(null,
 * true) … }` (cors 2.8.5 lib/index.js: the value passed to the callback goes back through the option rules:
 * true echoes the request Origin, false / null sends no CORS header, an error ends the request). Read with
 * the engine: the guards on the path to each callback call, the value it passes, and whether the callback
 * escapes to code we do not follow.
 */
import type { OriginCheck, OriginDecision, OriginEntry, Span } from '../../model/index.js';
import { classify, envOf, evaluate, extendTable, strongest, summarize, walkFunc, type Code, type Expr, type Func, type Stmt } from '../../code/index.js';

type Contribution = { k: 'reflect'; span: Span } | { k: 'check'; check: OriginCheck } | { k: 'unknown' };

/** How often a name is read anywhere in the statements, nested functions included (depth-capped). */
function countName(name: string, body: Stmt[]): number {
  let n = 0;
  const seen = (x: unknown, depth: number): void => {
    if (!x || typeof x !== 'object' || depth > 300) return;
    if (Array.isArray(x)) {
      for (const y of x) seen(y, depth + 1);
      return;
    }
    const o = x as { k?: string; name?: string; span?: unknown };
    if (o.k === 'name' && o.name === name) n++;
    for (const [key, v] of Object.entries(o)) if (key !== 'span' && key !== 'inner' && key !== 'nameSpan' && key !== 'keySpan') seen(v, depth + 1);
  };
  seen(body, 0);
  return n;
}

/**
 * What the callback calls allow. An allow call reached for any origin echoes it (reflect); allow calls
 * guarded by exact allowlist tests make a list; weaker tests a pattern; anything we cannot read (the
 * callback handed on, called in a nested function, an unknown error or value) makes it a predicate.
 */
export function originFunction(fn: Func, code: Code): OriginDecision {
  const whole: Span = fn.span;
  const originName = fn?.params[0]?.name;
  const cbName = fn?.params[1]?.name;
  if (!originName || !cbName) return { kind: 'predicate', span: whole };
  // the first parameter holds the request Origin
  const env = envOf({ ...code, table: extendTable(code.table, { originParam: (f, i) => f === fn && i === 0 }) }, fn);
  const contributions: Contribution[] = [];
  let direct = 0;
  walkFunc(fn, (node, guards) => {
    const call = node.expr;
    if (call?.k !== 'call' || call.callee.k !== 'name' || call.callee.name !== cbName) return;
    direct++;
    const [err, val] = call.args.map((a) => a.value);
    const e = err ? evaluate(err, env) : undefined;
    if (e && e.k !== 'nil') {
      // cb(new Error(…)) / cb('not allowed'): no CORS headers; cb(err, …) with an unknown err: unknown
      if (e.k === 'unknown' && !(err!.k === 'call' && err!.isNew)) contributions.push({ k: 'unknown' });
      return;
    }
    const g = summarize(guards, env);
    if (g.absent || !val) return; // only for requests without an Origin header; cb(null): nothing sent
    const checks = g.checks.flatMap((c) => (c.k === 'check' ? [c.check] : []));
    const v = evaluate(val, env);
    if ((v.k === 'bool' && !v.value) || v.k === 'nil') return;
    if (!(v.k === 'bool' && v.value) && v.k !== 'origin') {
      const c = classify(val as Expr, true, env);
      if (c.k === 'absent') return;
      if (c.k === 'check') checks.push(c.check);
      else if (c.k !== 'present') {
        contributions.push({ k: 'unknown' });
        return;
      }
    }
    if (checks.length) contributions.push({ k: 'check', check: strongest(checks) });
    else if (g.other) contributions.push({ k: 'unknown' });
    else contributions.push({ k: 'reflect', span: call.span });
  });
  // the callback passed on or called from a nested function: we do not know what it is given
  if (countName(cbName, fn.body) > direct) contributions.push({ k: 'unknown' });
  const reflect = contributions.find((c): c is Extract<Contribution, { k: 'reflect' }> => c.k === 'reflect');
  if (reflect) return { kind: 'reflect', span: reflect.span, via: 'origin callback allows every origin' };
  if (contributions.length === 0 || contributions.some((c) => c.k === 'unknown')) return { kind: 'predicate', span: whole };
  const checks = contributions.map((c) => (c as Extract<Contribution, { k: 'check' }>).check);
  if (checks.some((c) => c.kind === 'unknown')) return { kind: 'predicate', span: whole };
  if (checks.every((c) => c.kind === 'exact' && c.entries)) {
    const seen = new Set<number>();
    const entries: OriginEntry[] = [];
    for (const c of checks) {
      for (const e of c.entries!) {
        if (seen.has(e.span.start)) continue;
        seen.add(e.span.start);
        entries.push({ value: e.value, span: e.span, elementSpan: e.span, match: 'exact' });
      }
    }
    return { kind: 'list', entries, tolerance: {}, span: whole };
  }
  const kinds = new Set(checks.map((c) => c.kind));
  if (kinds.size === 1 && checks.every((c) => c.entries)) {
    return { kind: 'pattern', check: { kind: checks[0].kind, entries: checks.flatMap((c) => c.entries!) }, span: whole };
  }
  if (checks.length === 1) return { kind: 'pattern', check: checks[0], span: whole };
  return { kind: 'predicate', span: whole };
}
