/**
 * The text of Express fixes: JS string literals in the file's quote, and the span that removes one element of
 * a comma-separated list.
 */
import type { Node } from '../../syntax/treeSitter.js';
import type { Span } from '../../model/index.js';
import { lineEndAt, lineStartAt } from '../common.js';

/** A JS string literal for `value` in quote `q`, or undefined when the value cannot be written safely. */
export function jsString(value: string, q: string): string | undefined {
  if (/[\u0000-\u001f\u2028\u2029]/.test(value)) return undefined;
  let out = value.replace(/\\/g, '\\\\').split(q).join('\\' + q);
  if (q === '`') out = out.replace(/\$\{/g, '\\${');
  return q + out + q;
}

/** The inside of an existing literal, escaped for its quote. */
export function inner(value: string, q: string): string | undefined {
  const s = jsString(value, q);
  return s === undefined ? undefined : s.slice(1, -1);
}

/** The quote the file's first plain string literal uses (the fix writes new strings in it). */
export function quoteOf(root: Node): string {
  for (const s of root.descendantsOfType('string')) {
    const c = s?.text[0];
    if (c === '"' || c === "'") return c;
  }
  return "'";
}

/** Span that removes an element of a comma-separated list (object member, array element, argument). */
export function removeDelimited(text: string, s: Span): Span {
  const ls = lineStartAt(text, s.start);
  const le = lineEndAt(text, s.end);
  const before = text.slice(ls, s.start);
  const after = text.slice(s.end, le);
  if (/^[ \t]*$/.test(before) && /^[ \t]*,?[ \t]*(\/\/.*)?$/.test(after)) {
    return { start: ls, end: le < text.length ? le + 1 : le };
  }
  const m = /^\s*,[ \t]*/.exec(text.slice(s.end));
  if (m) return { start: s.start, end: s.end + m[0].length };
  const b = /,\s*$/.exec(text.slice(Math.max(0, s.start - 400), s.start));
  if (b) return { start: s.start - b[0].length, end: s.end };
  return s;
}
