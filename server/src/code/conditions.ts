/**
 * What a condition says about the request, once for every language: an exact comparison or allowlist
 * membership (`includes`, `in`, `in_array`, set lookups), a prefix / suffix / substring test, a regex test
 * with the pattern's source, a presence-only test (`if origin:` — it checks nothing), an OPTIONS test; and
 * how conditions combine under `&&`, `||` and `!`.
 */
import type { OriginCheck, Valued } from '../model/index.js';
import { matches } from './chain.js';
import type { Expr } from './form.js';
import { argOf, evaluate, findForm, isRequestRoot, mentionsOrigin, resolvedChain, type Env, type Val } from './values.js';

export type Cond =
  /** Says nothing about the origin or the method. */
  | { k: 'none' }
  /** Holds only when the request carries no Origin. */
  | { k: 'absent' }
  /** Holds when the request carries an Origin, whatever its value. */
  | { k: 'present' }
  /** Holds only for OPTIONS (`options`) / only for other methods. */
  | { k: 'method'; options: boolean }
  /** Holds only for origins that pass this check. */
  | { k: 'check'; check: OriginCheck };

const NONE: Cond = { k: 'none' };
const unknownCheck = (): Cond => ({ k: 'check', check: { kind: 'unknown' } });

/** A literal as an entry of a check (its span: inside the quotes when the literal is written verbatim). */
export function entryOf(v: Val): Valued<string> | undefined {
  if (v.k === 'str') return { value: v.value, span: v.lit?.verbatim ? v.lit.inner : v.at.span };
  if (v.k === 'regex') return { value: v.pattern, span: v.patternSpan ?? v.at.span };
  return undefined;
}

/** The entries of a list, set, map (its keys) or single string; undefined when any is not a literal. */
export function entriesOf(v: Val): Valued<string>[] | undefined {
  const all = (xs: (Valued<string> | undefined)[]) => (xs.every((x) => x) ? (xs as Valued<string>[]) : undefined);
  if (v.k === 'list') return all(v.items.map(entryOf));
  if (v.k === 'map') return v.open ? undefined : v.entries.map((e) => ({ value: e.key!, span: e.keySpan ?? e.entry.span }));
  const one = entryOf(v);
  return one ? [one] : undefined;
}

const isOrigin = (e: Expr | undefined, env: Env) => !!e && evaluate(e, env).k === 'origin';

/** `req.method` (maybe case-folded): true when folded. */
export function methodRead(e: Expr | undefined, env: Env): { folded: boolean } | undefined {
  if (!e) return undefined;
  const t = env.code.table;
  let x = e;
  let folded = false;
  const fold = x.k === 'call' ? findForm(x, t.caseFolds) : undefined;
  if (x.k === 'call' && fold) {
    const inner = argOf(x, fold.fn ? 0 : 'recv');
    if (!inner) return undefined;
    x = inner;
    folded = true;
  }
  if (x.k === 'name') {
    const v = evaluate(x, env);
    if (v.at !== x && v.k === 'unknown' && v.at.k !== 'name') return methodRead(v.at, env);
  }
  const { chain, env: at } = resolvedChain(x, env);
  return t.methodSources.some((p) => matches(chain, p, (s) => isRequestRoot(s, at))) ? { folded } : undefined;
}

function isOptionsLiteral(v: Val, folded: boolean, lower = false): boolean {
  if (v.k === 'str') return folded ? v.value.toUpperCase() === 'OPTIONS' : v.value === (lower ? 'options' : 'OPTIONS');
  if (v.k === 'list') return v.items.length === 1 && isOptionsLiteral(v.items[0], folded, lower);
  return false;
}

function isFalsyConst(v: Val): boolean {
  return v.k === 'nil' || (v.k === 'str' && v.value === '') || (v.k === 'bool' && !v.value);
}

function membership(other: Val): OriginCheck {
  if (other.k === 'str') return { kind: 'substring', entries: entriesOf(other) };
  if (other.k === 'list' || other.k === 'map') return { kind: 'exact', entries: entriesOf(other) };
  if (other.k === 'regex') return { kind: 'regex', entries: entriesOf(other) };
  return { kind: 'unknown' };
}

/** What the test says when it evaluates to `positive`. */
export function classify(e: Expr | undefined, positive: boolean, env: Env, depth = 0): Cond {
  if (!e || depth > 40) return NONE;
  const again = (x: Expr | undefined, pos = positive) => classify(x, pos, env, depth + 1);
  const mention = (): Cond => (mentionsOrigin(e, env) ? unknownCheck() : NONE);
  switch (e.k) {
    case 'not':
      return again(e.expr, !positive);
    case 'assignExpr':
      return again(e.value);
    case 'name': {
      const v = evaluate(e, env);
      if (v.k === 'origin') return positive ? { k: 'present' } : { k: 'absent' };
      // `const ok = allowed.includes(origin); if (ok)`
      return v.k === 'unknown' && v.at !== e && v.at.k !== 'name' ? again(v.at) : NONE;
    }
    case 'member':
    case 'index':
      return isOrigin(e, env) ? (positive ? { k: 'present' } : { k: 'absent' }) : mention();
    case 'binary':
      return binary(e, positive, env, depth);
    case 'call':
      return call(e, positive, env);
    default:
      return mention();
  }
}

function binary(e: Expr & { k: 'binary' }, positive: boolean, env: Env, depth: number): Cond {
  const { op, left, right } = e;
  const mention = (): Cond => (mentionsOrigin(e, env) ? unknownCheck() : NONE);
  if (op === '&&' || op === '||') {
    const l = classify(left, positive, env, depth + 1);
    const r = classify(right, positive, env, depth + 1);
    return (op === '&&') === positive ? andConds(l, r) : orConds(l, r);
  }
  if (op === '==' || op === '!=') {
    const eq = (op === '==') === positive;
    for (const [a, b] of [[left, right], [right, left]] as const) {
      const m = methodRead(a, env);
      if (m) {
        const v = evaluate(b, env);
        if (v.k !== 'str') return NONE;
        return isOptionsLiteral(v, m.folded, env.code.table.lowerMethods) ? { k: 'method', options: eq } : NONE;
      }
    }
    for (const [a, b] of [[left, right], [right, left]] as const) {
      if (isOrigin(a, env)) {
        const v = evaluate(b, env);
        if (isFalsyConst(v)) return eq ? { k: 'absent' } : { k: 'present' };
        const entry = entryOf(v);
        if (entry && eq) return { k: 'check', check: { kind: 'exact', entries: [entry] } };
        return unknownCheck();
      }
      // typeof origin === 'undefined'
      if (a.k === 'unary' && a.op === 'typeof' && isOrigin(a.expr, env)) {
        const v = evaluate(b, env);
        return v.k === 'str' && v.value === 'undefined' ? (eq ? { k: 'absent' } : { k: 'present' }) : unknownCheck();
      }
      // list.indexOf(origin) !== -1, origin.indexOf('x') === 0, strpos($o, 'x') !== false
      const idx = indexTest(a, env);
      if (idx) {
        const bound = evaluate(b, env);
        const notFound = (bound.k === 'num' && bound.value === -1) || (bound.k === 'bool' && !bound.value);
        if (notFound && !eq) return { k: 'check', check: idx.found };
        if (bound.k === 'num' && bound.value === 0 && eq && idx.prefix) return { k: 'check', check: idx.prefix };
        return unknownCheck();
      }
    }
    return mention();
  }
  if (op === '>' || op === '>=') {
    const idx = indexTest(left, env);
    if (idx) {
      const b = evaluate(right, env);
      const ok = b.k === 'num' && ((op === '>' && b.value === -1) || (op === '>=' && b.value === 0));
      return ok && positive ? { k: 'check', check: idx.found } : unknownCheck();
    }
    return mention();
  }
  if (op === 'in' || op === 'not in') {
    const holds = (op === 'in') === positive;
    if (isOrigin(left, env)) return holds ? { k: 'check', check: membership(evaluate(right, env)) } : unknownCheck();
    // 'Origin' in request.headers: a presence test
    const l = evaluate(left, env);
    if (l.k === 'str' && /^(http_)?origin$/i.test(l.value) && /headers|META|environ/.test(env.code.text.slice(right.span.start, right.span.end))) {
      return holds ? { k: 'present' } : { k: 'absent' };
    }
    if (isOrigin(right, env)) return holds ? { k: 'check', check: { kind: 'substring', entries: entriesOf(l) } } : unknownCheck();
    return mention();
  }
  return mention();
}

/** An indexOf-style call with the origin in it: what `found` (≠ -1) and `=== 0` mean. */
function indexTest(e: Expr, env: Env): { found: OriginCheck; prefix?: OriginCheck } | undefined {
  if (e.k !== 'call') return undefined;
  for (const f of env.code.table.tests) {
    if (f.kind !== 'index' || !findForm(e, [f])) continue;
    const o = argOf(e, f.origin);
    if (!isOrigin(o, env)) continue;
    const other = evaluate(argOf(e, f.other), env);
    if (f.origin !== 'recv' && f.other === 'recv') return { found: membership(other) };
    const entries = entriesOf(other);
    return { found: { kind: 'substring', entries }, prefix: { kind: 'prefix', entries } };
  }
  return undefined;
}

function call(e: Expr & { k: 'call' }, positive: boolean, env: Env): Cond {
  const t = env.code.table;
  const { chain, env: at } = resolvedChain(e, env);
  if (t.optionsTests.some((p) => matches(chain, p, (s) => isRequestRoot(s, at)))) return { k: 'method', options: positive };
  for (const f of t.tests) {
    if (f.kind === 'index' || !findForm(e, [f])) continue;
    const o = argOf(e, f.origin);
    if (!isOrigin(o, env)) continue;
    if (f.kind === 'present' || f.kind === 'absent') return (f.kind === 'present') === positive ? { k: 'present' } : { k: 'absent' };
    if (!positive) return unknownCheck();
    const other = evaluate(argOf(e, f.other), env);
    if (f.kind === 'member') return { k: 'check', check: membership(other) };
    if (f.kind === 'regex') return { k: 'check', check: other.k === 'regex' || other.k === 'str' ? { kind: 'regex', entries: entriesOf(other) } : { kind: 'unknown' } };
    if (f.kind === 'glob') return unknownCheck();
    const entries = entriesOf(other);
    return { k: 'check', check: { kind: f.kind, entries } };
  }
  return mentionsOrigin(e, env) ? unknownCheck() : { k: 'none' };
}

function rank(c: OriginCheck): number {
  if (c.kind === 'exact' && c.entries) return 4;
  if (c.kind === 'unknown') return 0;
  if (c.kind === 'exact') return 1;
  return 2;
}

/** Both conditions hold. */
export function andConds(a: Cond, b: Cond): Cond {
  if (a.k === 'absent' || b.k === 'absent') return { k: 'absent' };
  if (a.k === 'check' && b.k === 'check') return { k: 'check', check: strongest([a.check, b.check]) };
  if (a.k === 'check') return a;
  if (b.k === 'check') return b;
  if (a.k === 'method') return a;
  if (b.k === 'method') return b;
  if (a.k === 'present' || b.k === 'present') return { k: 'present' };
  return NONE;
}

/** Either condition holds. */
export function orConds(a: Cond, b: Cond): Cond {
  // a branch taken only without an Origin sends nothing CORS-relevant
  if (a.k === 'absent') return b;
  if (b.k === 'absent') return a;
  if (a.k === 'check' && b.k === 'check') {
    const x = a.check;
    const y = b.check;
    if (x.kind === y.kind && x.kind !== 'unknown' && x.entries && y.entries) return { k: 'check', check: { kind: x.kind, entries: [...x.entries, ...y.entries] } };
    return unknownCheck();
  }
  if (a.k === 'check' || b.k === 'check') return unknownCheck();
  if (a.k === 'method' && b.k === 'method' && a.options === b.options) return a;
  return NONE;
}

/** Several checks that must all pass: the strongest decides; two different weak checks are unknown. */
export function strongest(checks: OriginCheck[]): OriginCheck {
  const exact = checks.find((c) => rank(c) === 4);
  if (exact) return exact;
  if (checks.length === 1) return checks[0];
  return { kind: 'unknown' };
}
