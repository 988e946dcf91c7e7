/**
 * The text of Express fixes: JS string literals in the file's quote (list elements are removed with
 * jsFix.ts removeEntry, as in the other JavaScript extractors).
 */
import type { Node } from '../../syntax/treeSitter.js';

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
