/**
 * A small reader over the tree-sitter-hcl tree (@tree-sitter-grammars/tree-sitter-hcl 1.2): a body as its
 * blocks (type, labels, nested body) and attributes, each attribute's value as a JSON-like node when it is a
 * literal (strings without interpolation, numbers, booleans, null, tuples, objects) and `unknown` otherwise
 * (references such as `var.x`, function calls, templates with `${…}`, conditionals, `for` expressions). The
 * reference an unknown value names (`var.origins`, `local.x`) is kept, so a caller may resolve it. Every node
 * keeps its span (UTF-16 offsets). A half-typed file gives the blocks the parser closed around the error; a
 * block with an error inside is left out. Never throws.
 */
import type { Span } from '../model/index.js';
import type { Node } from 'web-tree-sitter';

/** A literal value; the same shape as json.ts's HclValue (so a caller may read HCL and JSON alike), declared
 *  here because syntax modules do not import each other. */
export type HclValue =
  | { k: 'str'; span: Span; value: string; inner: Span; verbatim: boolean }
  | { k: 'num'; span: Span; value: number }
  | { k: 'bool'; span: Span; value: boolean }
  | { k: 'null'; span: Span }
  | { k: 'arr'; span: Span; items: HclValue[] }
  | { k: 'obj'; span: Span; props: HclProp[] }
  | { k: 'unknown'; span: Span };

export interface HclProp {
  key: string;
  keySpan: Span;
  value?: HclValue;
  span: Span;
}

export interface HclAttribute {
  name: string;
  nameSpan: Span;
  value: HclValue;
  /** `var.x` / `local.y` when the value is exactly such a reference. */
  ref?: string;
  span: Span;
}

export interface HclBlock {
  type: string;
  typeSpan: Span;
  labels: { value: string; span: Span }[];
  body: HclBody;
  span: Span;
}

export interface HclBody {
  attributes: HclAttribute[];
  blocks: HclBlock[];
  span: Span;
}

const MAX_DEPTH = 64;

const spanOf = (n: Node): Span => ({ start: n.startIndex, end: n.endIndex });

/** The named children of a node, looking through the `expression` / `collection_value` / `literal_value`
 *  wrappers the grammar puts around every value. */
function unwrap(n: Node): Node {
  let cur = n;
  while (['expression', 'collection_value', 'literal_value', 'template_expr'].includes(cur.type) && cur.namedChildCount === 1) {
    cur = cur.namedChild(0)!;
  }
  return cur;
}

/** A string literal's text when it has no interpolation or directive (escapes resolved for `\"` `\\` `\n`
 *  `\t`; anything else makes it non-verbatim but still read). */
function stringOf(n: Node): HclValue {
  const span = spanOf(n);
  const parts = n.namedChildren.filter((c): c is Node => !!c && c.type !== 'quoted_template_start' && c.type !== 'quoted_template_end');
  if (parts.some((p) => p.type !== 'template_literal')) return { k: 'unknown', span };
  const closed = n.text.length >= 2 && n.text.endsWith('"');
  if (!closed) return { k: 'unknown', span };
  const inner = { start: span.start + 1, end: span.end - 1 };
  const raw = n.text.slice(1, -1);
  const value = raw.replace(/\\(["\\nt])/g, (_m, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : c));
  return { k: 'str', span, value, inner, verbatim: value === raw && !raw.includes('$${') && !raw.includes('%%{') };
}

function keyOf(n: Node): { key: string; span: Span } | undefined {
  const k = unwrap(n);
  if (k.type === 'variable_expr' && k.namedChildCount === 1) return { key: k.text, span: spanOf(k) };
  if (k.type === 'identifier') return { key: k.text, span: spanOf(k) };
  if (k.type === 'string_lit' || k.type === 'quoted_template') {
    const s = stringOf(k);
    if (s.k === 'str') return { key: s.value, span: s.inner };
  }
  return undefined;
}

/** A value expression as a JSON-like node (see the header). */
export function hclValue(n: Node, depth = 0): HclValue {
  const v = unwrap(n);
  const span = spanOf(v);
  if (depth > MAX_DEPTH || v.hasError) return { k: 'unknown', span };
  switch (v.type) {
    case 'string_lit':
    case 'quoted_template':
      return stringOf(v);
    case 'numeric_lit': {
      const num = Number(v.text);
      return Number.isFinite(num) ? { k: 'num', span, value: num } : { k: 'unknown', span };
    }
    case 'bool_lit':
      return { k: 'bool', span, value: v.text === 'true' };
    case 'null_lit':
      return { k: 'null', span };
    case 'tuple':
      return { k: 'arr', span, items: v.namedChildren.filter((c): c is Node => !!c && c.type === 'expression').map((c) => hclValue(c, depth + 1)) };
    case 'object': {
      const props: HclProp[] = [];
      for (const el of v.namedChildren) {
        if (el?.type !== 'object_elem') continue;
        const kn = el.childForFieldName('key');
        const vn = el.childForFieldName('val');
        const key = kn && keyOf(kn);
        if (!key) continue;
        props.push({ key: key.key, keySpan: key.span, value: vn ? hclValue(vn, depth + 1) : undefined, span: spanOf(el) });
      }
      return { k: 'obj', span, props };
    }
    default:
      return { k: 'unknown', span };
  }
}

/** `var.x` / `local.x` / `module.m.out`: a variable followed by attribute accesses only. */
function refOf(n: Node): string | undefined {
  const v = unwrap(n);
  if (v.type !== 'expression') return undefined;
  const parts = v.namedChildren;
  if (parts[0]?.type !== 'variable_expr' || parts.slice(1).some((p) => p?.type !== 'get_attr')) return undefined;
  return parts.map((p) => (p!.type === 'get_attr' ? '.' + p!.text.replace(/^\./, '') : p!.text)).join('');
}

function readBody(n: Node, depth: number): HclBody {
  const body: HclBody = { attributes: [], blocks: [], span: spanOf(n) };
  if (depth > MAX_DEPTH) return body;
  for (const c of n.namedChildren) {
    if (c?.type === 'attribute') {
      const id = c.namedChildren.find((x) => x?.type === 'identifier');
      const ex = c.namedChildren.find((x) => x?.type === 'expression');
      if (!id) continue;
      body.attributes.push({
        name: id.text,
        nameSpan: spanOf(id),
        value: ex ? hclValue(ex) : { k: 'unknown', span: spanOf(c) },
        ref: ex ? refOf(ex) : undefined,
        span: spanOf(c),
      });
    } else if (c?.type === 'block') {
      const b = readBlock(c, depth + 1);
      if (b) body.blocks.push(b);
    }
  }
  return body;
}

function readBlock(n: Node, depth: number): HclBlock | undefined {
  // a block holding a syntax error (a half-typed value may have swallowed the lines after it) is left out
  if (n.hasError) return undefined;
  const id = n.namedChildren.find((x) => x?.type === 'identifier');
  if (!id) return undefined;
  const labels: HclBlock['labels'] = [];
  for (const c of n.namedChildren) {
    if (c?.type !== 'string_lit') continue;
    const s = stringOf(c);
    if (s.k === 'str') labels.push({ value: s.value, span: s.inner });
  }
  const bodyNode = n.namedChildren.find((x) => x?.type === 'body');
  const body = bodyNode ? readBody(bodyNode, depth) : { attributes: [], blocks: [], span: spanOf(n) };
  return { type: id.text, typeSpan: spanOf(id), labels, body, span: spanOf(n) };
}

/** The file's top-level body (a `config_file` root). When the parser could not read the file whole, the root
 *  (or a top-level ERROR node) holds the blocks it did read, and those are returned. */
export function readHcl(root: Node): HclBody {
  try {
    const out: HclBody = { attributes: [], blocks: [], span: spanOf(root) };
    for (const c of root.namedChildren) {
      if (c?.type === 'body') {
        const b = readBody(c, 0);
        out.attributes.push(...b.attributes);
        out.blocks.push(...b.blocks);
      } else if (c?.type === 'block') {
        const b = readBlock(c, 1);
        if (b) out.blocks.push(b);
      } else if (c?.type === 'ERROR') {
        // only the blocks the parser closed; attributes beside them may be cut off
        out.blocks.push(...readBody(c, 0).blocks);
      }
    }
    return out;
  } catch {
    return { attributes: [], blocks: [], span: { start: 0, end: 0 } };
  }
}

/** The last attribute of that name in a body. */
export function hclAttr(body: HclBody | undefined, name: string): HclAttribute | undefined {
  return body?.attributes.findLast((a) => a.name === name);
}
