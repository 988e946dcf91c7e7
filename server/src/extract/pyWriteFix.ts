/**
 * Fixes of hand-written header writes in Python, shared by Flask, Django and Starlette: replace a value or a
 * name inside its quotes, remove a write (a statement, or a pair of a headers dict / list), add a header
 * next to a write in the same form. Each needs the write's metadata (writeMeta.ts); anything else: [].
 */
import type { FileFacts, FixRequest, TextEdit } from '../model/index.js';
import type { Node } from '../syntax/treeSitter.js';
import { H, indentAt, lineEndAt, lineStartAt, removalSpan, removeListElement, sameHeader } from './common.js';
import type { WriteMeta } from './writeMeta.js';
import { escapeFor, namedChildren, parentOf, pyQuote, spanOf } from './pySyntax.js';

type Metas = Map<string, WriteMeta | { kind: string }>;
const writeMetaOf = (metas: Metas, id: string): WriteMeta | undefined => {
  const m = metas.get(id);
  return m?.kind === 'write' ? (m as WriteMeta) : undefined;
};

/** Remove a statement; a block left empty gets `pass`. */
export function removeStatement(text: string, stmt: Node): TextEdit | undefined {
  const block = parentOf(stmt);
  if (block?.type === 'block' && namedChildren(block).length === 1) return { span: spanOf(stmt), newText: 'pass' };
  return { span: removalSpan(text, spanOf(stmt)), newText: '' };
}

export function renderWriteFix(req: FixRequest, facts: FileFacts, text: string, metas: Metas): TextEdit[] {
  switch (req.kind) {
    case 'set-header-value': {
      const meta = writeMetaOf(metas, req.writeId);
      const w = facts.headerWrites.find((x) => x.id === req.writeId);
      if (!meta || !w?.valueSpan) return [];
      if (meta.verbatimValue) return [{ span: w.valueSpan, newText: escapeFor(req.value, meta.quote) }];
      return [{ span: w.valueSpan, newText: pyQuote(req.value, meta.quote) }];
    }
    case 'add-header': {
      const meta = writeMetaOf(metas, req.afterWriteId);
      if (!meta) return [];
      return addHeader(text, meta, req.name, req.value);
    }
    case 'remove-write': {
      const meta = writeMetaOf(metas, req.writeId);
      if (!meta) return [];
      if (meta.form === 'pair' || meta.form === 'tuple') return [{ span: removeListElement(text, spanOf(meta.holder)), newText: '' }];
      if (meta.holder.type !== 'expression_statement') return [];
      const e = removeStatement(text, meta.holder);
      return e ? [e] : [];
    }
    case 'set-header-name': {
      const w = facts.headerWrites.find((x) => x.id === req.writeId);
      if (!w) return [];
      const q = text[w.nameSpan.start - 1];
      if (q !== '"' && q !== "'") return [];
      return [{ span: w.nameSpan, newText: escapeFor(req.name, q) }];
    }
    case 'remove-credentials': {
      // A hand-written policy: every Allow-Credentials write it was built from, each removed in its form.
      const p = facts.policies.find((x) => x.id === req.policyId);
      if (!p?.handWritten) return [];
      const ids = p.writeIds.filter((id) => sameHeader(facts.headerWrites.find((w) => w.id === id)?.name ?? '', H.allowCredentials));
      const edits = ids.flatMap((id) => renderWriteFix({ kind: 'remove-write', writeId: id }, facts, text, metas));
      if (!ids.length || edits.length !== ids.length) return [];
      edits.sort((a, b) => a.span.start - b.span.start);
      for (let i = 1; i < edits.length; i++) if (edits[i].span.start < edits[i - 1].span.end) return [];
      return edits;
    }
    case 'set-origins': {
      // A hand-written policy with one Allow-Origin write, a literal or the request Origin echoed: the value
      // written there becomes the one trusted origin (a fixed origin needs no check and no Vary).
      const p = facts.policies.find((x) => x.id === req.policyId);
      if (!p?.handWritten || req.origins.length !== 1) return [];
      const acao = p.writeIds.map((id) => facts.headerWrites.find((w) => w.id === id)).filter((w) => !!w && sameHeader(w.name, H.allowOrigin));
      if (acao.length !== 1 || (acao[0]!.value.kind !== 'literal' && acao[0]!.value.kind !== 'request-origin')) return [];
      return renderWriteFix({ kind: 'set-header-value', writeId: acao[0]!.id, value: req.origins[0] }, facts, text, metas);
    }
    default:
      return [];
  }
}

function addHeader(text: string, meta: WriteMeta, name: string, value: string): TextEdit[] {
  const q = meta.quote;
  const h = pyQuote(name, q);
  const v = pyQuote(value, q);
  if (meta.form === 'pair' || meta.form === 'tuple') {
    const end = meta.holder.endIndex;
    return [{ span: { start: end, end }, newText: meta.form === 'pair' ? `, ${h}: ${v}` : `, (${h}, ${v})` }];
  }
  const stmt = meta.holder;
  if (stmt.type !== 'expression_statement') return [];
  // The statement must start its line (not `if x: stmt`) so that the new line can copy its indentation.
  const ls = lineStartAt(text, stmt.startIndex);
  if (!/^[ \t]*$/.test(text.slice(ls, stmt.startIndex))) return [];
  let line: string;
  if (meta.form === 'subscript' && meta.receiver) line = `${meta.receiver}[${h}] = ${v}`;
  else if (meta.form === 'method' && meta.receiver && meta.method) {
    const m = meta.method === 'setdefault' || meta.method === 'add_header' ? 'set' : meta.method;
    line = `${meta.receiver}.${m}(${h}, ${v})`;
  } else return [];
  const le = lineEndAt(text, stmt.endIndex);
  return [{ span: { start: le, end: le }, newText: '\n' + indentAt(text, stmt.startIndex) + line }];
}
