/**
 * What a condition says about the request, once for every language: an exact comparison or allowlist
 * membership (`includes`, `in`, `in_array`, set lookups), a prefix / suffix / substring test, a regex test
 * with the pattern's source, a presence-only test (`if origin:` — it checks nothing), an OPTIONS test; and
 * how conditions combine under `&&`, `||` and `!`.
 */
import type { OriginCheck, Valued } from '../model/index.js';
import { matches } from './chain.js';
import type { Expr } from './form.js';
import { argOf, bindingOf, evaluate, findForm, isRequestRoot, mentionsOrigin, resolvedChain, type Env, type Val } from './values.js';

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
      if (v.k === 'unknown' && v.at !== e && v.at.k !== 'name') return again(v.at);
      return opaque(e, env) ? unknownCheck() : NONE;
    }
    case 'member':
    case 'index':
      if (isOrigin(e, env)) return positive ? { k: 'present' } : { k: 'absent' };
      // `allowed[origin]` of a map whose values are all `true`: the origin is one of its keys
      if (e.k === 'index' && positive && isOrigin(e.index, env)) {
        const m = evaluate(e.object, env);
        if (m.k === 'map' && !m.open && m.entries.every((x) => x.value.k === 'bool' && x.value.value)) return { k: 'check', check: membership(m) };
      }
      return mention();
    case 'binary':
      return binary(e, positive, env, depth);
    case 'call':
      return call(e, positive, env);
    default:
      return mention();
  }
}

/** A flag whose value the file does not say (set in a loop, a parameter, never assigned here): it may
 *  well hold the result of an origin check (`$allowed = true` inside a loop over the allowlist). */
function opaque(e: Expr, env: Env): boolean {
  if (e.k !== 'name') return false;
  const v = evaluate(e, env);
  if (v.k === 'param') return true;
  // `foreach (...) { if ($a === $origin) $ok = true; } if ($ok)`: set only on some paths, the flag is the test
  const at = bindingOf(e.name, env);
  if (at?.b.k === 'value' && at.b.maybe && isFlagLiteral(v)) return true;
  if (v.k !== 'unknown' || v.at !== e) return false;
  const found = bindingOf(e.name, env);
  return !found || found.b.k === 'variable' || found.b.k === 'param';
}

/** The entries a loop variable runs over, when they are all literals. */
function loopEntries(e: Expr, env: Env): Valued<string>[] | undefined {
  if (e.k !== 'name') return undefined;
  const found = bindingOf(e.name, env);
  if (found?.b.k !== 'element') return undefined;
  const of = evaluate(found.b.of, found.env);
  // (over a map the variable takes the values, not the keys entriesOf would give)
  return of.k === 'list' ? entriesOf(of) : undefined;
}

const isFlagLiteral = (v: Val) => v.k === 'bool' || v.k === 'num' || v.k === 'nil';

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
        // foreach ($allowed as $a) { if ($origin === $a) ... }: one of the list's entries
        const each = eq ? loopEntries(b, env) : undefined;
        if (each) return { k: 'check', check: { kind: 'exact', entries: each } };
        // `origin !== 'https://a.com'`: every other origin passes — no check
        if (entry) return NONE;
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
      // `$allowed === true`, `$ok == 0`: a flag compared with a constant
      if (opaque(a, env) && isFlagLiteral(evaluate(b, env))) return unknownCheck();
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
    // isset($allowed[$origin]): the origin is a key of that map
    if ((f.kind === 'present' || f.kind === 'absent') && o?.k === 'index' && isOrigin(o.index, env)) {
      return (f.kind === 'present') === positive ? { k: 'check', check: membership(evaluate(o.object, env)) } : unknownCheck();
    }
    if (!isOrigin(o, env)) continue;
    if (f.kind === 'present' || f.kind === 'absent') return (f.kind === 'present') === positive ? { k: 'present' } : { k: 'absent' };
    // the write runs when the origin fails the test (a denylist): every other origin passes — no check
    if (!positive) return NONE;
    const other = evaluate(argOf(e, f.other), env);
    if (f.kind === 'member') return { k: 'check', check: membership(other) };
    if (f.kind === 'regex' && f.delimited) return { k: 'check', check: other.k === 'str' ? delimitedRegex(other) : { kind: 'unknown' } };
    if (f.kind === 'regex') return { k: 'check', check: other.k === 'regex' || other.k === 'str' ? { kind: 'regex', entries: entriesOf(other) } : { kind: 'unknown' } };
    if (f.kind === 'glob') return unknownCheck();
    const entries = entriesOf(other);
    return { k: 'check', check: { kind: f.kind, entries } };
  }
  if (mentionsOrigin(e, env)) return unknownCheck();
  // isAllowedOrigin(), $this->cors->check(): a helper that may read the Origin itself
  const callee = env.code.text.slice(e.callee.span.start, e.callee.span.end);
  return t.checkLike?.test(callee) ? unknownCheck() : NONE;
}

const CLOSERS: Record<string, string> = { '(': ')', '[': ']', '{': '}', '<': '>' };

/** `'/^a$/i'`: the pattern between the delimiters (a span inside the literal when it is written verbatim);
 *  unknown when the delimiters do not close or a flag changes what matches beyond case. */
function delimitedRegex(v: Val & { k: 'str' }): OriginCheck {
  const s = v.value;
  const open = s[0];
  if (!open || /[\w\s\\]/.test(open)) return { kind: 'unknown' };
  const close = s.lastIndexOf(CLOSERS[open] ?? open);
  if (close <= 0) return { kind: 'unknown' };
  const flags = s.slice(close + 1);
  if (!/^[imsuxADSUXJ]*$/.test(flags) || /x/.test(flags)) return { kind: 'unknown' };
  const pattern = s.slice(1, close);
  const inner = v.lit?.verbatim ? { start: v.lit.inner.start + 1, end: v.lit.inner.start + close } : v.at.span;
  return { kind: 'regex', entries: [{ value: pattern, span: inner }] };
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
