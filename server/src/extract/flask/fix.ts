/** Rendering rule fixes in Python / flask-cors syntax. */
import type { FileFacts, FixRequest, TextEdit } from '../../model/index.js';
import type { SourceFile } from '../types.js';
import { indentAt, lineEndAt, lineStartAt, removalSpan, removeListElement } from '../common.js';
import type { Ctx, LibMeta, OptSrc, WriteMeta } from './ctx.js';
import { escapeFor, evaluate, namedChildren, pyQuote, spanOf } from './py.js';
import { parentOf } from './py.js';
import type { Node } from '../../syntax/treeSitter.js';

const pyList = (origins: string[]) => '[' + origins.map((o) => pyQuote(o)).join(', ') + ']';

/** Remove an option source: a kwarg / dict pair as a list element, a config statement as a line. */
function removeSource(text: string, s: OptSrc): TextEdit | undefined {
  if (s.holderKind === 'element') return { span: removeListElement(text, spanOf(s.holder)), newText: '' };
  return removeStatement(text, s.holder);
}

/** Remove a statement; a block left empty gets `pass`. */
function removeStatement(text: string, stmt: Node): TextEdit | undefined {
  const block = parentOf(stmt);
  if (block?.type === 'block' && namedChildren(block).length === 1) return { span: spanOf(stmt), newText: 'pass' };
  return { span: removalSpan(text, spanOf(stmt)), newText: '' };
}

export function renderFlaskFix(req: FixRequest, facts: FileFacts, file: SourceFile, ctx: Ctx): TextEdit[] | undefined {
  const text = file.text;
  switch (req.kind) {
    case 'set-origins': {
      const meta = ctx.meta.get(req.policyId);
      if (!meta) return [];
      if (meta.kind !== 'lib') return undefined; // hand-written: the generic renderer replaces one literal value
      if (!req.origins.length) return [];
      return setOrigins(text, meta, req.origins);
    }
    case 'remove-credentials': {
      const meta = ctx.meta.get(req.policyId);
      if (!meta) return [];
      if (meta.kind !== 'lib') return undefined;
      if (meta.credUnknown || !meta.credSrcs.length) return [];
      const edits = meta.credSrcs.map((s) => removeSource(text, s)).filter((e): e is TextEdit => !!e);
      // Several kwargs removed from one call must not overlap.
      edits.sort((a, b) => a.span.start - b.span.start);
      for (let i = 1; i < edits.length; i++) if (edits[i].span.start < edits[i - 1].span.end) return [];
      return edits;
    }
    case 'remove-origin-entry': {
      const meta = ctx.meta.get(req.policyId);
      const p = facts.policies.find((x) => x.id === req.policyId);
      if (!meta || !p || p.origin.kind !== 'list') return [];
      if (meta.kind !== 'lib') return undefined;
      const e = p.origin.entries[req.index];
      // The list may sit in a module-level constant (origins=FRONTENDS).
      const src = meta.originsSrc ? evaluate(meta.originsSrc.value, { consts: ctx.consts }) : undefined;
      const v = src?.kind === 'seq' ? src.node : undefined;
      // Only inside a written list with other entries left: an empty list would turn CORS off silently.
      if (!e || !v || !/^(list|tuple|set)$/.test(v.type) || p.origin.entries.length < 2) return [];
      if (!namedChildren(v).some((c) => c.startIndex === e.elementSpan.start && c.endIndex === e.elementSpan.end)) return [];
      return [{ span: removeListElement(text, e.elementSpan), newText: '' }];
    }
    case 'replace-origin-entry': {
      const meta = ctx.meta.get(req.policyId);
      const p = facts.policies.find((x) => x.id === req.policyId);
      if (!meta || !p || p.origin.kind !== 'list') return [];
      if (meta.kind !== 'lib') return undefined;
      const e = p.origin.entries[req.index];
      if (!e) return [];
      const q = text[e.span.start - 1];
      if (e.span.start === e.elementSpan.start || (q !== '"' && q !== "'")) {
        // The entry is not a plain quoted literal (escapes, a compiled regex): rewrite the element.
        return [{ span: e.elementSpan, newText: pyQuote(req.value) }];
      }
      return [{ span: e.span, newText: escapeFor(req.value, q) }];
    }
    case 'set-header-value': {
      const meta = ctx.meta.get(req.writeId);
      const w = facts.headerWrites.find((x) => x.id === req.writeId);
      if (!meta || meta.kind !== 'write' || !w?.valueSpan) return [];
      if (meta.verbatimValue) return [{ span: w.valueSpan, newText: escapeFor(req.value, meta.quote) }];
      return [{ span: w.valueSpan, newText: pyQuote(req.value, meta.quote) }];
    }
    case 'add-header': {
      const meta = ctx.meta.get(req.afterWriteId);
      if (!meta || meta.kind !== 'write') return [];
      return addHeader(text, meta, req.name, req.value);
    }
    case 'remove-write': {
      const meta = ctx.meta.get(req.writeId);
      if (!meta || meta.kind !== 'write') return [];
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
    case 'set-always':
      return [];
    default:
      return undefined;
  }
}

function setOrigins(text: string, meta: LibMeta, origins: string[]): TextEdit[] {
  const list = pyList(origins);
  if (meta.originsSrc) return [{ span: spanOf(meta.originsSrc.value), newText: list }];
  const into = meta.insertInto;
  if (!into) return [];
  const n = into.node;
  if (into.kind === 'dict') {
    if (n.type !== 'dictionary') return [];
    const items = namedChildren(n);
    const open = n.startIndex + 1;
    return [{ span: { start: open, end: open }, newText: `"origins": ${list}` + (items.length ? ', ' : '') }];
  }
  if (n.type !== 'argument_list') return [];
  const args = namedChildren(n);
  const last = args.at(-1);
  if (!last) return [{ span: { start: n.startIndex + 1, end: n.startIndex + 1 }, newText: `origins=${list}` }];
  return [{ span: { start: last.endIndex, end: last.endIndex }, newText: `, origins=${list}` }];
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
