/**
 * The `origin` option given as a function, `(origin, callback) => { ... callback(null, true) ... }`: which origins
 * its callback calls allow.
 */
import type { OriginCheck, OriginDecision, OriginEntry, Span } from '../../model/index.js';
import type { Node } from '../../syntax/treeSitter.js';
import { callArgs } from './calls.js';
import { analyzeCond, strongest } from './conditions.js';
import { guardsOf } from './guards.js';
import { span, unwrap } from './literals.js';
import { literal } from './optionValues.js';
import { originRef, type OriginCtx } from './originFlow.js';
import { enclosingFunction, functionBody, paramNames, parentOf } from './scopes.js';

type Contribution = { k: 'reflect'; span: Span } | { k: 'check'; check: OriginCheck } | { k: 'unknown' };

/**
 * `origin: (origin, callback) => { ... callback(null, true) ... }`: what the callback calls allow.
 * An allow call reached for any origin echoes it (reflect); allow calls guarded by an allowlist lookup
 * make a list; anything we cannot read makes it a predicate.
 */
export function originFunction(fn: Node, ctx: OriginCtx): OriginDecision {
  const whole = span(fn);
  const params = paramNames(fn);
  const originName = params[0];
  const cbName = params[1];
  const body = functionBody(fn);
  if (!originName || !cbName || !body) return { kind: 'predicate', span: whole };
  const octx: OriginCtx = { ...ctx, names: new Set([...ctx.names, originName]) };
  const contributions: Contribution[] = [];
  const uses = [body, ...body.descendantsOfType('identifier')].filter((n): n is Node => !!n && n.type === 'identifier' && n.text === cbName);
  for (const use of uses) {
    const call = parentOf(use);
    if (call?.type !== 'call_expression' || !call.childForFieldName('function')?.equals(use)) {
      contributions.push({ k: 'unknown' }); // the callback is handed on to code we do not follow
      continue;
    }
    if (enclosingFunction(call) && !enclosingFunction(call)!.equals(fn)) {
      contributions.push({ k: 'unknown' });
      continue;
    }
    const [err, val] = callArgs(call);
    const errLit = err ? literal(err, octx) : undefined;
    if (errLit && errLit.k !== 'nullish') {
      // cb(new Error(...)) / cb('not allowed'): no CORS headers; cb(err, ...) with an unknown err: unknown
      const eu = unwrap(err);
      if (errLit.k === 'unknown' && eu?.type !== 'new_expression') contributions.push({ k: 'unknown' });
      continue;
    }
    const g = guardsOf(call, octx);
    if (g.absent) continue; // only for requests without an Origin header
    const checks = [...g.checks];
    if (!val) continue;
    const vl = literal(val, octx);
    if (vl.k === 'bool' && !vl.v) continue;
    if (vl.k === 'nullish') continue;
    if (!(vl.k === 'bool' && vl.v) && !originRef(val, octx)) {
      const c = analyzeCond(val, true, octx);
      if (c.k === 'absent') continue;
      if (c.k === 'check') checks.push(c.check);
      else if (c.k !== 'present') {
        contributions.push({ k: 'unknown' });
        continue;
      }
    }
    if (checks.length) contributions.push({ k: 'check', check: strongest(checks) });
    else if (g.other) contributions.push({ k: 'unknown' });
    else contributions.push({ k: 'reflect', span: span(call) });
  }
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
        entries.push({ value: e.value, span: e.span, elementSpan: ctx.elementSpans.get(e.span.start) ?? e.span, match: 'exact' });
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
