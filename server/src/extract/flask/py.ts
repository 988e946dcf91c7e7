/**
 * Small helpers over the tree-sitter Python tree: evaluating literals (strings with their prefixes and
 * escapes, numbers, lists, dicts), resolving names through simple module-level constants, and walking.
 */
import type { Node } from '../../syntax/treeSitter.js';
import type { Span } from '../../model/index.js';

export { spanOf, namedChildren, parentOf, resetParentCache, pyQuote, escapeFor } from '../pySyntax.js';
import { namedChildren, parentOf, spanOf } from '../pySyntax.js';

export function children(n: Node): Node[] {
  const out: Node[] = [];
  for (let i = 0; i < n.childCount; i++) {
    const c = n.child(i);
    if (c) out.push(c);
  }
  return out;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '\\': '\\', "'": "'", '"': '"', n: '\n', t: '\t', r: '\r', a: '\x07', b: '\b', f: '\f', v: '\v', '0': '\0',
};

/** Evaluate one `string` node. Returns undefined for f-strings with interpolation, bytes and unknown escapes. */
export function evalStringNode(n: Node): { text: string; inner: Span; verbatim: boolean } | undefined {
  if (n.type !== 'string') return undefined;
  const kids = children(n);
  const start = kids.find((k) => k.type === 'string_start');
  const end = kids.find((k) => k.type === 'string_end');
  if (!start || !end) return undefined;
  const prefix = start.text.replace(/["']+$/, '').toLowerCase();
  if (prefix.includes('b')) return undefined;
  const raw = prefix.includes('r');
  let text = '';
  let verbatim = true;
  for (const k of kids) {
    if (k.type === 'interpolation') return undefined;
    if (k.type !== 'string_content') continue;
    // string_content holds escape_sequence children; walk its text with offsets.
    let pos = k.startIndex;
    const subs = children(k);
    for (const s of subs) {
      if (s.type === 'interpolation') return undefined;
      if (s.type === 'escape_sequence' || s.type === 'escape_interpolation') {
        text += k.text.slice(pos - k.startIndex, s.startIndex - k.startIndex);
        const esc = s.text;
        if (raw) {
          text += esc;
          pos = s.endIndex;
          continue;
        }
        verbatim = false;
        if (s.type === 'escape_interpolation') text += esc[0];
        else if (esc.length === 2 && esc[1] in SIMPLE_ESCAPES) text += SIMPLE_ESCAPES[esc[1]];
        else if (/^\\x[0-9a-fA-F]{2}$/.test(esc) || /^\\u[0-9a-fA-F]{4}$/.test(esc)) text += String.fromCharCode(parseInt(esc.slice(2), 16));
        else if (/^\\\n$/.test(esc) || esc === '\\\r\n') text += '';
        else return undefined;
        pos = s.endIndex;
      }
    }
    text += k.text.slice(pos - k.startIndex);
  }
  const inner = { start: start.endIndex, end: end.startIndex };
  // Triple-quoted strings spanning lines are not something a fix should rewrite in place.
  if (text.includes('\n')) verbatim = false;
  return { text, inner, verbatim };
}

/** Nodes at the places where `re` (global) matches the text: the smallest node covering each match. */
export function locate(root: Node, text: string, re: RegExp): Node[] {
  const out: Node[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    const n = root.descendantForIndex(m.index, m.index + m[0].length);
    if (n) out.push(n);
  }
  return out;
}

/** Climb from a node to the nearest ancestor (or itself) of one of the types, at most `max` levels. */
export function climb(n: Node | null, types: string[], max = 6): Node | undefined {
  for (let i = 0; n && i <= max; i++, n = parentOf(n)) if (types.includes(n.type)) return n;
  return undefined;
}

/** The dotted text of a callee (`a.b.c`) or undefined for complex expressions. */
export function dotted(n: Node | null | undefined): string | undefined {
  if (!n) return undefined;
  if (n.type === 'identifier') return n.text;
  if (n.type === 'attribute') {
    const o = dotted(n.childForFieldName('object'));
    const a = n.childForFieldName('attribute');
    return o && a ? o + '.' + a.text : undefined;
  }
  return undefined;
}
