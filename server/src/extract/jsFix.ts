/**
 * Fix edits in JavaScript/TypeScript for the engine-based framework extractors: string literals in the
 * file's quote style, setting / removing one option of an options object literal, or writing the options
 * argument where there is none.
 */
import type { Expr } from '../code/index.js';
import type { Span, TextEdit } from '../model/index.js';
import { lineEndAt, lineStartAt, removeListElement } from './common.js';
import type { MapVal, Options } from './jsOptions.js';

/** The quote most string literals of the file use. */
export function quoteOf(text: string): string {
  const single = (text.match(/(^|[\s(,[{:=])'/g) ?? []).length;
  const double = (text.match(/(^|[\s(,[{:=])"/g) ?? []).length;
  return double > single ? '"' : "'";
}

/** A string literal for `value`, or undefined when it cannot be written safely. */
export function jsLiteral(value: string, q: string): string | undefined {
  if (/[\u0000-\u001f\u2028\u2029\\]/.test(value)) return undefined;
  return q + value.split(q).join('\\' + q) + q;
}

/** `['a', 'b']`, or undefined. */
export function jsArray(values: string[], q: string): string | undefined {
  const parts = values.map((v) => jsLiteral(v, q));
  return values.length && parts.every((p) => p !== undefined) ? `[${parts.join(', ')}]` : undefined;
}

/** Remove one entry of an object literal or element of an array: its whole line when it stands alone on it. */
export function removeEntry(text: string, s: Span): Span {
  const ls = lineStartAt(text, s.start);
  const le = lineEndAt(text, s.end);
  if (/^[ \t]*$/.test(text.slice(ls, s.start)) && /^[ \t]*,?[ \t]*(\/\/.*)?$/.test(text.slice(s.end, le))) {
    return { start: ls, end: le < text.length ? le + 1 : le };
  }
  return removeListElement(text, s);
}

/** Insert the code of one more entry (object entry or array element) after the entry at `s`: on its own line
 *  when that one stands alone on its line, else after `, `. */
export function insertAfterEntry(text: string, s: Span, code: string): TextEdit {
  const alone = /^[ \t]*$/.test(text.slice(lineStartAt(text, s.start), s.start)) && /^[ \t]*,?[ \t]*(\/\/.*)?$/.test(text.slice(s.end, lineEndAt(text, s.end)));
  const indent = /^[ \t]*/.exec(text.slice(lineStartAt(text, s.start)))![0];
  return { span: { start: s.end, end: s.end }, newText: `${alone ? `,\n${indent}` : ', '}${code}` };
}

/** Set `key` to the code `valueText` in an options object literal (replace the value, or add the entry). */
export function setInMap(text: string, map: MapVal, key: string, valueText: string): TextEdit[] {
  const at = map.at;
  const hit = at.entries.filter((e) => e.key === key).at(-1);
  if (hit) {
    const shorthand = hit.value.span.start === hit.span.start && hit.value.span.end === hit.span.end;
    return [{ span: shorthand ? hit.span : hit.value.span, newText: shorthand ? `${key}: ${valueText}` : valueText }];
  }
  const first = at.entries[0];
  if (!first) return [{ span: at.span, newText: `{ ${key}: ${valueText} }` }];
  const between = text.slice(at.span.start + 1, first.span.start);
  const sep = between.includes('\n') ? `,\n${between.slice(between.lastIndexOf('\n') + 1)}` : ', ';
  return [{ span: { start: first.span.start, end: first.span.start }, newText: `${key}: ${valueText}${sep}` }];
}

/**
 * Set one option: in the options object literal when there is one, as a new `{ key: value }` argument when
 * the call has none (`insertAt`: where the argument goes, `prefix` before it, e.g. ', '); nothing otherwise.
 */
export function setOption(text: string, o: Options, key: string, valueText: string, insert?: { at: number; prefix: string }): TextEdit[] {
  if (o.k === 'map') return setInMap(text, o.map, key, valueText);
  if (o.k === 'none' && insert) return [{ span: { start: insert.at, end: insert.at }, newText: `${insert.prefix}{ ${key}: ${valueText} }` }];
  return [];
}

/** Remove one option from the options object literal. */
export function removeOption(text: string, o: Options, key: string): TextEdit[] {
  if (o.k !== 'map') return [];
  const hits = o.map.at.entries.filter((e) => e.key === key);
  return hits.map((e) => ({ span: removeEntry(text, e.span), newText: '' }));
}

/** Where a missing options argument goes in `f()` / `f(a)`: after the last argument, or inside the parentheses. */
export function argumentInsert(text: string, call: Expr & { k: 'call' }, index: number): { at: number; prefix: string } | undefined {
  if (call.args.length > index) return undefined;
  if (call.args.length !== index) return undefined;
  if (index > 0) return { at: call.args[index - 1].span.end, prefix: ', ' };
  const close = text.lastIndexOf(')', call.span.end - 1);
  return close > call.callee.span.end ? { at: close, prefix: '' } : undefined;
}
