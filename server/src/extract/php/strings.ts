/**
 * PHP string values as sequences of pieces: literal characters (each with the source span it was written
 * at) and embedded expressions (interpolations, concatenated operands, sprintf arguments). This is what
 * lets the extractor split `header("Name: value")` at the colon and still point at the exact source text.
 */
import type { Node } from '../../syntax/treeSitter.js';

export type Piece =
  /** One character of the runtime string; [start, end) is its source text (an escape maps to all of it). */
  | { kind: 'char'; ch: string; start: number; end: number }
  /** A value computed at run time; [start, end) covers it as written (with `{ }` for `{$x}` interpolation). */
  | { kind: 'expr'; node: Node; start: number; end: number };

/** Decode one escape sequence of a double-quoted string or heredoc (PHP semantics). */
function decodeDoubleQuoted(raw: string): string {
  if (raw.length < 2 || raw[0] !== '\\') return raw;
  const c = raw[1];
  switch (c) {
    case 'n':
      return '\n';
    case 't':
      return '\t';
    case 'r':
      return '\r';
    case 'v':
      return '\v';
    case 'e':
      return '\x1b';
    case 'f':
      return '\f';
    case '\\':
      return '\\';
    case '$':
      return '$';
    case '"':
      return '"';
  }
  if (/^\\[0-7]{1,3}$/.test(raw)) return String.fromCharCode(parseInt(raw.slice(1), 8) & 0xff);
  if (/^\\x[0-9A-Fa-f]{1,2}$/.test(raw)) return String.fromCharCode(parseInt(raw.slice(2), 16));
  const u = /^\\u\{([0-9A-Fa-f]+)\}$/.exec(raw);
  if (u) {
    const cp = parseInt(u[1], 16);
    return cp <= 0x10ffff ? String.fromCodePoint(cp) : raw;
  }
  return raw;
}

function decodeSingleQuoted(raw: string): string {
  if (raw === "\\'") return "'";
  if (raw === '\\\\') return '\\';
  return raw;
}

function pushChars(out: Piece[], text: string, start: number): void {
  for (let i = 0; i < text.length; i++) out.push({ kind: 'char', ch: text[i], start: start + i, end: start + i + 1 });
}

function pushDecoded(out: Piece[], decoded: string, start: number, end: number): void {
  for (const ch of decoded) {
    // A code point outside the BMP is two UTF-16 units; both map to the escape.
    for (let i = 0; i < ch.length; i++) out.push({ kind: 'char', ch: ch[i], start, end });
  }
}

/** Pieces of a quoted string literal node (`string` or `encapsed_string`); undefined for other nodes. */
export function literalPieces(node: Node): Piece[] | undefined {
  if (node.type === 'string') {
    const out: Piece[] = [];
    for (const c of node.children) {
      if (c.type === 'string_content') pushChars(out, c.text, c.startIndex);
      else if (c.type === 'escape_sequence') pushDecoded(out, decodeSingleQuoted(c.text), c.startIndex, c.endIndex);
    }
    return out;
  }
  if (node.type === 'encapsed_string') {
    const out: Piece[] = [];
    const kids = node.children;
    for (let i = 0; i < kids.length; i++) {
      const c = kids[i];
      if (c.type === 'string_content') pushChars(out, c.text, c.startIndex);
      else if (c.type === 'escape_sequence') pushDecoded(out, decodeDoubleQuoted(c.text), c.startIndex, c.endIndex);
      else if (c.type === '{' && !c.isNamed) {
        // `{$expr}`: the expression sits between the braces.
        let j = i + 1;
        while (j < kids.length && !(kids[j].type === '}' && !kids[j].isNamed)) j++;
        const inner = kids.slice(i + 1, j).find((k) => k.isNamed);
        const end = j < kids.length ? kids[j].endIndex : c.endIndex;
        if (inner) out.push({ kind: 'expr', node: inner, start: c.startIndex, end });
        i = j;
      } else if (c.isNamed) out.push({ kind: 'expr', node: c, start: c.startIndex, end: c.endIndex });
    }
    return out;
  }
  return undefined;
}

/** Callback that turns a variable or constant into the node of its (single) value, when known. */
export type Resolver = (node: Node) => Node | undefined;

/**
 * The pieces of a string-valued expression: literals, interpolation, `.` concatenation and
 * `sprintf('...%s...', ...)`. Anything else becomes one `expr` piece.
 */
export function stringPieces(node: Node, depth = 0): Piece[] {
  if (depth > 20) return [{ kind: 'expr', node, start: node.startIndex, end: node.endIndex }];
  const lit = literalPieces(node);
  if (lit) return lit;
  if (node.type === 'parenthesized_expression') {
    const inner = node.namedChildren[0];
    if (inner) return stringPieces(inner, depth + 1);
  }
  if (node.type === 'binary_expression') {
    const op = node.childForFieldName('operator');
    const l = node.childForFieldName('left');
    const r = node.childForFieldName('right');
    if (op?.type === '.' && l && r) return [...stringPieces(l, depth + 1), ...stringPieces(r, depth + 1)];
  }
  if (node.type === 'function_call_expression' && callName(node) === 'sprintf') {
    const args = callArgs(node);
    const fmt = args[0] ? literalPieces(args[0]) : undefined;
    if (fmt) {
      const out: Piece[] = [];
      let next = 1;
      let ok = true;
      for (let i = 0; i < fmt.length && ok; i++) {
        const p = fmt[i];
        if (p.kind === 'char' && p.ch === '%') {
          const q = fmt[i + 1];
          if (q?.kind === 'char' && q.ch === '%') {
            out.push({ kind: 'char', ch: '%', start: p.start, end: q.end });
            i++;
          } else if (q?.kind === 'char' && q.ch === 's' && args[next]) {
            const a = args[next++];
            out.push(...stringPieces(a, depth + 1));
            i++;
          } else ok = false;
        } else out.push(p);
      }
      if (ok) return out;
    }
  }
  return [{ kind: 'expr', node, start: node.startIndex, end: node.endIndex }];
}

/** The whole value of a literal string node (no interpolation), or undefined. */
export function literalText(node: Node): { text: string; span: { start: number; end: number } } | undefined {
  const pieces = literalPieces(node);
  if (!pieces || pieces.some((p) => p.kind !== 'char')) return undefined;
  const text = pieces.map((p) => (p.kind === 'char' ? p.ch : '')).join('');
  return { text, span: { start: node.startIndex + 1, end: node.endIndex - 1 } };
}

// ---------------------------------------------------------------------------------------------------
// Call helpers

/** Lower-case name of a plain function call (`header`, `\header`), or undefined. */
export function callName(node: Node): string | undefined {
  if (node.type !== 'function_call_expression') return undefined;
  const f = node.childForFieldName('function');
  if (!f) return undefined;
  if (f.type === 'name') return f.text.toLowerCase();
  if (f.type === 'qualified_name') {
    const last = f.namedChildren.filter((c) => c.type === 'name').at(-1);
    return last?.text.toLowerCase();
  }
  return undefined;
}

/** Lower-case method name of `$x->name(...)` / `$x?->name(...)`, or undefined. */
export function methodName(node: Node): string | undefined {
  if (node.type !== 'member_call_expression' && node.type !== 'nullsafe_member_call_expression') return undefined;
  const n = node.childForFieldName('name');
  return n?.type === 'name' ? n.text.toLowerCase() : undefined;
}

/** Argument value nodes of a call, positional; named arguments are placed by `names` when given. */
export function callArgs(node: Node, names?: string[]): Node[] {
  const args = node.childForFieldName('arguments');
  const out: Node[] = [];
  if (!args) return out;
  let pos = 0;
  for (const a of args.namedChildren) {
    if (a.type !== 'argument') continue;
    const nameNode = a.childForFieldName('name');
    const value = a.namedChildren.filter((c) => c.id !== nameNode?.id).at(-1);
    if (!value) continue;
    if (nameNode) {
      const idx = names ? names.indexOf(nameNode.text) : -1;
      if (idx >= 0) out[idx] = value;
      continue;
    }
    out[pos++] = value;
  }
  return out;
}

/** The text of a `name` node used as an unquoted array key inside a string ("$_SERVER[HTTP_ORIGIN]"). */
export function keyText(node: Node): string | undefined {
  if (node.type === 'name' || node.type === 'integer') return node.text;
  return literalText(node)?.text;
}
