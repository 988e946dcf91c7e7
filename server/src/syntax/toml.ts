/**
 * A small generic reader over the tree-sitter TOML tree (@tree-sitter-grammars/tree-sitter-toml 0.7): the
 * document as nested tables that keep their spans. `[a.b]` tables, `[[a.b]]` arrays of tables (a later header
 * under `a.b` goes to its last element), dotted keys (`a.b = 1`), inline tables, arrays, strings of the four
 * kinds (basic, literal, multi-line basic and literal) with the value TOML reads and the span of its text.
 * Half-typed text: the document is read up to the first syntax error at its top level; a pair holding an error
 * has an `unknown` value. Never throws.
 */
import type { Span } from '../model/index.js';
import type { Node, Tree } from 'web-tree-sitter';

export type TomlNode =
  /** `inner` = the characters between the delimiters; `verbatim` when they are exactly the value (one line,
   *  no escapes), so a fix may write a new value there. */
  | { k: 'str'; span: Span; value: string; inner: Span; verbatim: boolean; multiline: boolean }
  | { k: 'num'; span: Span; value: number }
  | { k: 'bool'; span: Span; value: boolean }
  | { k: 'arr'; span: Span; items: TomlNode[] }
  /** A table: `[x]`, an element of `[[x]]`, an inline `{ … }`, or one made by a dotted key. `inline` when
   *  its keys are written inside one `{ … }`. */
  | { k: 'table'; span: Span; props: TomlProp[]; inline: boolean; array?: false }
  | { k: 'tables'; span: Span; items: (TomlNode & { k: 'table' })[] }
  | { k: 'unknown'; span: Span };

export type TomlTable = TomlNode & { k: 'table' };

export interface TomlProp {
  key: string;
  /** The key as written (inside the quotes for a quoted key). */
  keySpan: Span;
  value: TomlNode;
  /** The whole `key = value` pair (or the table header that made this key). */
  span: Span;
}

const MAX_DEPTH = 100;
const spanOf = (n: Node): Span => ({ start: n.startIndex, end: n.endIndex });

/** The value of a key in a table (the last one written). */
export function tomlGet(t: TomlNode | undefined, key: string): TomlNode | undefined {
  if (t?.k !== 'table') return undefined;
  return t.props.findLast((p) => p.key === key)?.value;
}

export function tomlProp(t: TomlNode | undefined, key: string): TomlProp | undefined {
  return t?.k === 'table' ? t.props.findLast((p) => p.key === key) : undefined;
}

/** The tables under a key: the elements of `[[key]]`, or one `[key]` / inline table. */
export function tomlTables(t: TomlNode | undefined, key: string): TomlTable[] {
  const v = tomlGet(t, key);
  if (v?.k === 'tables') return v.items;
  if (v?.k === 'table') return [v];
  if (v?.k === 'arr') return v.items.filter((x): x is TomlTable => x.k === 'table');
  return [];
}

const ESCAPES: Record<string, string> = { b: '\b', t: '\t', n: '\n', f: '\f', r: '\r', '"': '"', '\\': '\\', e: '\x1b' };

/** A basic string's escapes (`\"`, `\\`, `\n`, `\uXXXX`, line-ending backslash); undefined if one is invalid. */
function unescape(raw: string): string | undefined {
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c !== '\\') {
      out += c;
      continue;
    }
    const n = raw[++i];
    if (n === undefined) return undefined;
    if (n in ESCAPES) out += ESCAPES[n];
    else if (n === 'u' || n === 'U') {
      const len = n === 'u' ? 4 : 8;
      const hex = raw.slice(i + 1, i + 1 + len);
      if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length !== len) return undefined;
      const cp = parseInt(hex, 16);
      if (cp > 0x10ffff) return undefined;
      out += String.fromCodePoint(cp);
      i += len;
    } else if (/[ \t\r\n]/.test(n)) {
      // line-ending backslash (multi-line basic strings): drop the whitespace up to the next text
      const m = /^[ \t]*\r?\n[ \t\r\n]*/.exec(raw.slice(i));
      if (!m) return undefined;
      i += m[0].length - 1;
    } else return undefined;
  }
  return out;
}

function stringOf(n: Node, text: string): TomlNode {
  const span = spanOf(n);
  const raw = text.slice(span.start, span.end);
  const delim = raw.startsWith('"""') ? '"""' : raw.startsWith("'''") ? "'''" : raw[0];
  if ((delim !== '"' && delim !== "'" && delim.length !== 3) || raw.length < delim.length * 2 || !raw.endsWith(delim)) return { k: 'unknown', span };
  const multiline = delim.length === 3;
  let start = span.start + delim.length;
  // a newline right after the opening delimiter of a multi-line string is not part of it
  if (multiline && text.startsWith('\r\n', start)) start += 2;
  else if (multiline && text[start] === '\n') start += 1;
  const inner = { start, end: span.end - delim.length };
  const body = text.slice(inner.start, inner.end);
  const value = delim[0] === '"' ? unescape(body) : body;
  if (value === undefined) return { k: 'unknown', span };
  return { k: 'str', span, value, inner, verbatim: !multiline && value === body && !/[\r\n]/.test(value), multiline };
}

function valueOf(n: Node | null | undefined, text: string, depth: number, at: Span): TomlNode {
  if (!n) return { k: 'unknown', span: at };
  const span = spanOf(n);
  if (depth > MAX_DEPTH || n.hasError || n.isMissing) return { k: 'unknown', span };
  switch (n.type) {
    case 'string':
      return stringOf(n, text);
    case 'integer':
    case 'float': {
      const v = Number(n.text.replace(/_/g, ''));
      return Number.isFinite(v) ? { k: 'num', span, value: v } : { k: 'unknown', span };
    }
    case 'boolean':
      return { k: 'bool', span, value: n.text === 'true' };
    case 'array':
      return { k: 'arr', span, items: n.namedChildren.filter((c) => c && c.type !== 'comment').map((c) => valueOf(c, text, depth + 1, span)) };
    case 'inline_table': {
      const t: TomlTable = { k: 'table', span, props: [], inline: true };
      for (const p of n.namedChildren) if (p?.type === 'pair') addPair(t, p, text, depth + 1);
      return t;
    }
    default:
      return { k: 'unknown', span };
  }
}

/** The keys of a `bare_key` / `quoted_key` / `dotted_key`, each with its span (inside quotes when quoted). */
function keysOf(n: Node | null | undefined, text: string): { key: string; span: Span }[] | undefined {
  if (!n) return undefined;
  if (n.type === 'bare_key') return [{ key: n.text, span: spanOf(n) }];
  if (n.type === 'quoted_key') {
    const s = stringOf(n, text);
    return s.k === 'str' ? [{ key: s.value, span: s.inner }] : undefined;
  }
  if (n.type === 'dotted_key') {
    const out: { key: string; span: Span }[] = [];
    for (const c of n.namedChildren) {
      const k = keysOf(c, text);
      if (!k) return undefined;
      out.push(...k);
    }
    return out;
  }
  return undefined;
}

/** The table at a key, made when missing; the last element of an array of tables. */
function child(t: TomlTable, key: string, keySpan: Span, span: Span): TomlTable | undefined {
  const v = tomlGet(t, key);
  if (v?.k === 'table') return v;
  if (v?.k === 'tables') return v.items[v.items.length - 1];
  if (v) return undefined;
  const made: TomlTable = { k: 'table', span, props: [], inline: false };
  t.props.push({ key, keySpan, value: made, span });
  return made;
}

function addPair(t: TomlTable, p: Node, text: string, depth: number): void {
  const keys = keysOf(p.namedChildren[0], text);
  if (!keys?.length) return;
  const span = spanOf(p);
  let at: TomlTable | undefined = t;
  for (const k of keys.slice(0, -1)) at = at && child(at, k.key, k.span, span);
  const last = keys[keys.length - 1];
  const value = p.hasError ? { k: 'unknown' as const, span } : valueOf(p.namedChildren[1], text, depth, span);
  at?.props.push({ key: last.key, keySpan: last.span, value, span });
}

/** The document's root table. */
export function readToml(tree: Tree | undefined, text: string): TomlTable {
  const root: TomlTable = { k: 'table', span: { start: 0, end: text.length }, props: [], inline: false };
  if (!tree) return root;
  for (const n of tree.rootNode.children) {
    if (!n) continue;
    if (n.type === 'ERROR' || n.isMissing) break;
    if (n.type === 'pair') addPair(root, n, text, 0);
    if (n.type !== 'table' && n.type !== 'table_array_element') continue;
    const keys = keysOf(n.namedChildren[0], text);
    if (!keys?.length) break;
    const span = spanOf(n);
    let at: TomlTable | undefined = root;
    for (const k of keys.slice(0, -1)) at = at && child(at, k.key, k.span, span);
    if (!at) continue;
    const last = keys[keys.length - 1];
    let table: TomlTable | undefined;
    if (n.type === 'table') table = child(at, last.key, last.span, span);
    else {
      const existing = tomlProp(at, last.key);
      table = { k: 'table', span, props: [], inline: false };
      if (existing?.value.k === 'tables') existing.value.items.push(table);
      else if (!existing) at.props.push({ key: last.key, keySpan: last.span, value: { k: 'tables', span, items: [table] }, span });
      else table = undefined;
    }
    if (!table) continue;
    for (const p of n.namedChildren.slice(1)) if (p?.type === 'pair') addPair(table, p, text, 0);
    if (n.hasError) break;
  }
  return root;
}
