/**
 * What a fix renderer of hand-written writes (pyWriteFix.ts; the Go and Ruby ones) needs to know about a hand-written write beyond the fact: its
 * form (item assignment, a method call, dict pair, tuple pair), the syntax node that holds it, the quotes.
 */
import type { HeaderWrite, Span } from '../model/index.js';
import type { Node } from '../syntax/treeSitter.js';
import type { WriteSite } from '../code/index.js';
import { parentOf } from './pySyntax.js';

export interface WriteMeta {
  kind: 'write';
  form: 'subscript' | 'method' | 'pair' | 'tuple';
  /** The statement (for subscript / method) or pair / tuple element. */
  holder: Node;
  /** Receiver text (`response.headers`) for subscript / method forms. */
  receiver?: string;
  method?: string;
  /** The value node is a verbatim string literal (valueSpan is inside its quotes). */
  verbatimValue: boolean;
  quote: '"' | "'";
}

/** The file being read: its tree and text. */
export interface PyFile {
  root: Node;
  text: string;
}

/** The outermost node that covers exactly this span. */
export function nodeAt(root: Node, span: Span): Node | undefined {
  let n: Node | null | undefined = root.descendantForIndex(span.start, Math.max(span.start, span.end - 1));
  while (n && (n.startIndex > span.start || n.endIndex < span.end)) n = parentOf(n);
  if (!n || n.startIndex !== span.start || n.endIndex !== span.end) return undefined;
  for (let p = parentOf(n); p && p.startIndex === span.start && p.endIndex === span.end; p = parentOf(p)) n = p;
  return n;
}

/** The `def` of a function of the common form. */
export function defNode(root: Node, span: Span): Node | undefined {
  const n = nodeAt(root, span);
  if (!n) return undefined;
  if (n.type === 'function_definition') return n;
  return n.namedChildren.find((c) => c?.type === 'function_definition') ?? undefined;
}

export function writeMeta(ctx: PyFile, site: WriteSite, w: HeaderWrite): WriteMeta {
  const holder = nodeAt(ctx.root, w.statementSpan) ?? ctx.root;
  const node = site.node;
  let form: WriteMeta['form'];
  let receiver: string | undefined;
  let method: string | undefined;
  const removed = 'k' in node && node.k === 'call' && 'item' in site.form && site.form.item !== undefined ? node.args[0]?.value : undefined;
  if ('k' in node && node.k === 'assign' && node.target.k === 'index') {
    form = 'subscript';
    receiver = ctx.text.slice(node.target.object.span.start, node.target.object.span.end);
  } else if (removed?.k === 'index') {
    // `del target[Name]`: edits keep to its name (the statement is no expression statement, so it is
    // neither removed nor copied by a fix)
    form = 'subscript';
    receiver = ctx.text.slice(removed.object.span.start, removed.object.span.end);
  } else if ('k' in node && node.k === 'call' && 'name' in site.form && site.form.name !== undefined && node.callee.k === 'member') {
    form = 'method';
    receiver = ctx.text.slice(node.callee.object.span.start, node.callee.object.span.end);
    method = node.callee.name;
  } else form = holder.type === 'pair' ? 'pair' : 'tuple';
  const quoteChar = site.valueExact ? ctx.text[w.valueSpan!.start - 1] : ctx.text[w.nameSpan.start - 1];
  return { kind: 'write', form, holder, receiver, method, verbatimValue: site.valueExact, quote: quoteChar === "'" ? "'" : '"' };
}
