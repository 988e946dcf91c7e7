/**
 * A small, tolerant view over `jsonc-parser` (Microsoft, 3.3.1): a JSON document (comments and trailing
 * commas allowed) as plain nodes that keep their spans (UTF-16 offsets, as LSP wants). Half-typed text gives
 * the part that could be read; anything else is `unknown`. Never throws. Also the edit that removes one
 * array element or object property with its comma (a property through the library's own `modify`), so that a fix
 * keeps the JSON valid.
 */
import { findNodeAtOffset, getNodePath, modify, parseTree, type Node as JNode } from 'jsonc-parser';
import type { Span, TextEdit } from '../model/index.js';

export type JsonNode =
  /** `inner` = the characters between the quotes; `verbatim` when they are exactly the value (no escapes). */
  | { k: 'str'; span: Span; value: string; inner: Span; verbatim: boolean }
  | { k: 'num'; span: Span; value: number }
  | { k: 'bool'; span: Span; value: boolean }
  | { k: 'null'; span: Span }
  | { k: 'arr'; span: Span; items: JsonNode[] }
  | { k: 'obj'; span: Span; props: JsonProp[] }
  | { k: 'unknown'; span: Span };

export interface JsonProp {
  key: string;
  /** Inside the quotes. */
  keySpan: Span;
  /** Undefined: `"key":` with nothing readable after it. */
  value?: JsonNode;
  /** From the key to the end of the value. */
  span: Span;
}

const OPTIONS = { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true };
const MAX_DEPTH = 200;

const spanOf = (n: JNode): Span => ({ start: n.offset, end: n.offset + n.length });

function convert(n: JNode, text: string, depth: number): JsonNode {
  const span = spanOf(n);
  if (depth > MAX_DEPTH) return { k: 'unknown', span };
  switch (n.type) {
    case 'string': {
      const closed = n.length >= 2 && text[span.end - 1] === '"';
      const inner = { start: span.start + 1, end: closed ? span.end - 1 : span.end };
      const raw = text.slice(inner.start, inner.end);
      if (typeof n.value !== 'string' || !closed) return { k: 'unknown', span };
      return { k: 'str', span, value: n.value, inner, verbatim: raw === n.value };
    }
    case 'number':
      return typeof n.value === 'number' ? { k: 'num', span, value: n.value } : { k: 'unknown', span };
    case 'boolean':
      return { k: 'bool', span, value: n.value === true };
    case 'null':
      return { k: 'null', span };
    case 'array':
      return { k: 'arr', span, items: (n.children ?? []).map((c) => convert(c, text, depth + 1)) };
    case 'object': {
      const props: JsonProp[] = [];
      for (const p of n.children ?? []) {
        const [key, value] = p.children ?? [];
        if (key?.type !== 'string' || typeof key.value !== 'string') continue;
        props.push({ key: key.value, keySpan: { start: key.offset + 1, end: key.offset + Math.max(1, key.length - 1) }, value: value ? convert(value, text, depth + 1) : undefined, span: spanOf(p) });
      }
      return { k: 'obj', span, props };
    }
    default:
      return { k: 'unknown', span };
  }
}

/** The document's root value, or undefined when nothing could be read. */
export function parseJson(text: string): JsonNode | undefined {
  try {
    const root = parseTree(text, [], OPTIONS);
    return root ? convert(root, text, 0) : undefined;
  } catch {
    return undefined;
  }
}

/** The value of `key` in an object node. */
export function prop(n: JsonNode | undefined, key: string): JsonNode | undefined {
  return n?.k === 'obj' ? n.props.findLast((p) => p.key === key)?.value : undefined;
}

/** Remove the array element or object property that starts at `start` (a property: its key's offset), comma
 *  included; [] when no such node is found. */
export function removeJsonEntry(text: string, start: number): TextEdit[] {
  try {
    const root = parseTree(text, [], OPTIONS);
    let node = root && findNodeAtOffset(root, start + 1, true);
    while (node && !(node.offset === start && (node.type === 'property' || node.parent?.type === 'array'))) node = node.parent;
    const at = node?.type === 'property' ? node.children?.[1] : node;
    if (!at) return [];
    // An array element: from it to the next one, or from the previous one to it. (jsonc-parser 3.3.1's own
    // removal of a last element assumes a character before `]` and leaves the element's last one when none is.)
    const siblings = node?.type !== 'property' ? node?.parent?.children : undefined;
    if (node && siblings) {
      const i = siblings.indexOf(node);
      const next = siblings[i + 1];
      const prev = siblings[i - 1];
      const span = next ? { start: node.offset, end: next.offset } : prev ? { start: prev.offset + prev.length, end: node.offset + node.length } : { start: node.offset, end: node.offset + node.length };
      return [{ span, newText: '' }];
    }
    // no formattingOptions: the library then leaves the neighbours as written
    const edits = modify(text, getNodePath(at), undefined, {});
    return edits.map((e) => ({ span: { start: e.offset, end: e.offset + e.length }, newText: e.content }));
  } catch {
    return [];
  }
}
