/**
 * What a condition proves about the request Origin (`OriginCheckResult`), how the results of `&&` / `||`
 * combine, and the small builders of origin checks (entries, PCRE pattern bodies).
 */
import type { OriginCheck, Valued } from '../../model/index.js';

export type OriginCheckResult =
  /** The condition says nothing about the Origin. */
  | { kind: 'silent' }
  /** It mentions the Origin but does not restrict it (presence test, negated allowlist ...). */
  | { kind: 'none' }
  | { kind: 'check'; check: OriginCheck };

export function single(v: Valued<string> | undefined): Valued<string>[] | undefined {
  return v ? [v] : undefined;
}

export function withEntries(kind: OriginCheck['kind'], entries: Valued<string>[] | undefined): OriginCheck {
  return entries ? { kind, entries } : { kind };
}

/** A PCRE pattern without its delimiters and flags; undefined when the flags change its meaning. */
export function regexBody(p: Valued<string>): Valued<string> | undefined {
  const s = p.value;
  if (s.length < 2) return undefined;
  const open = s[0];
  if (/[A-Za-z0-9\\\s]/.test(open)) return undefined;
  const close = open === '(' ? ')' : open === '{' ? '}' : open === '[' ? ']' : open === '<' ? '>' : open;
  const end = s.lastIndexOf(close);
  if (end <= 0) return undefined;
  const flags = s.slice(end + 1);
  if (!/^[imsuDU]*$/.test(flags)) return undefined;
  const body = s.slice(1, end);
  // Only give a span when the literal is written verbatim (no escapes inside the quotes).
  const raw = p.span.end - p.span.start === s.length;
  return { value: body, span: raw ? { start: p.span.start + 1, end: p.span.start + end } : p.span };
}

function strength(c: OriginCheck): number {
  if (c.kind === 'exact') return c.entries ? 4 : 3;
  if (c.kind === 'unknown') return 0;
  return c.entries ? 2 : 1;
}

/** Both conditions hold: the stronger origin check wins. */
export function andResult(a: OriginCheckResult, b: OriginCheckResult): OriginCheckResult {
  if (a.kind === 'check' && b.kind === 'check') return strength(b.check) >= strength(a.check) ? b : a;
  if (a.kind === 'check') return a;
  if (b.kind === 'check') return b;
  if (a.kind === 'none' || b.kind === 'none') return { kind: 'none' };
  return { kind: 'silent' };
}

/** One of the conditions holds: checked only if both are; unrelated alternatives make it unsure. */
export function orResult(a: OriginCheckResult, b: OriginCheckResult): OriginCheckResult {
  if (a.kind === 'none' || b.kind === 'none') return { kind: 'none' };
  if (a.kind === 'silent' && b.kind === 'silent') return { kind: 'silent' };
  if (a.kind === 'silent' || b.kind === 'silent') return { kind: 'check', check: { kind: 'unknown' } };
  if (a.kind !== 'check' || b.kind !== 'check') return { kind: 'check', check: { kind: 'unknown' } };
  if (a.check.kind !== b.check.kind) return { kind: 'check', check: { kind: 'unknown' } };
  const entries = a.check.entries && b.check.entries ? [...a.check.entries, ...b.check.entries] : undefined;
  return { kind: 'check', check: withEntries(a.check.kind, entries) };
}
