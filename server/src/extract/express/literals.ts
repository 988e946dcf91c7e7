/**
 * Syntax-node basics over the tree-sitter JavaScript/TypeScript tree: spans, the wrappers that do not change a
 * value (parentheses, TS casts, `!`), and string literals with their escapes resolved.
 */
import type { Span } from '../../model/index.js';
import type { Node } from '../../syntax/treeSitter.js';

export const span = (n: Node): Span => ({ start: n.startIndex, end: n.endIndex });

/** Strip wrappers that do not change the runtime value: parentheses, TS casts, `!`. */
export function unwrap(n: Node | null | undefined): Node | undefined {
  let cur = n ?? undefined;
  for (let i = 0; cur && i < 20; i++) {
    switch (cur.type) {
      case 'parenthesized_expression':
      case 'as_expression':
      case 'satisfies_expression':
      case 'non_null_expression':
      case 'type_assertion': {
        const inner = cur.namedChildren.find((c) => c && !isTypeNode(c));
        if (!inner) return cur;
        cur = inner;
        break;
      }
      default:
        return cur;
    }
  }
  return cur;
}

function isTypeNode(n: Node): boolean {
  return /type|^predefined_type$|^type_arguments$/.test(n.type) && n.type !== 'type_assertion';
}

export interface StrLit {
  /** The runtime string (escapes resolved). */
  text: string;
  /** Inside the quotes. */
  span: Span;
  /** The quote character: ' " or ` */
  quote: string;
  node: Node;
  /** True when the text between the quotes is exactly `text` (no escapes), so sub-spans are exact. */
  verbatim: boolean;
}

const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', '0': '\0' };

function decodeEscape(raw: string): string | undefined {
  // raw starts with a backslash
  const c = raw[1];
  if (c === undefined) return undefined;
  if (c in SIMPLE_ESCAPES && raw.length === 2) return SIMPLE_ESCAPES[c];
  if (c === 'x' && /^\\x[0-9a-fA-F]{2}$/.test(raw)) return String.fromCharCode(parseInt(raw.slice(2), 16));
  if (c === 'u') {
    const m = /^\\u(?:([0-9a-fA-F]{4})|\{([0-9a-fA-F]{1,6})\})$/.exec(raw);
    if (!m) return undefined;
    const cp = parseInt(m[1] ?? m[2], 16);
    return cp <= 0x10ffff ? String.fromCodePoint(cp) : undefined;
  }
  if (c === '\n' || c === '\r') return ''; // line continuation
  if (raw.length === 2) return c; // \' \" \\ \` and identity escapes
  return undefined;
}

/** A string literal, or a template literal without substitutions. */
export function stringLit(node: Node | null | undefined): StrLit | undefined {
  const n = unwrap(node);
  if (!n) return undefined;
  if (n.type !== 'string' && n.type !== 'template_string') return undefined;
  if (n.hasError) return undefined;
  const raw = n.text;
  const quote = raw[0];
  if (raw.length < 2 || raw[raw.length - 1] !== quote) return undefined;
  let text = '';
  let verbatim = true;
  for (const c of n.namedChildren) {
    if (!c) continue;
    if (c.type === 'string_fragment') text += c.text;
    else if (c.type === 'escape_sequence') {
      const d = decodeEscape(c.text);
      if (d === undefined) return undefined;
      text += d;
      verbatim = false;
    } else if (c.type === 'comment') continue;
    else return undefined; // template substitution, html entity, ...
  }
  return { text, span: { start: n.startIndex + 1, end: n.endIndex - 1 }, quote, node: n, verbatim };
}
