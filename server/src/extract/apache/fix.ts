/**
 * Fix rendering for Apache: `always` (moving writes to the always table without creating a second header
 * line), value quoting, whole-directive removal (continuation lines included), new `Header` lines in the
 * same table, and the SetEnvIf allowlist for `set-origins`.
 */
import type { FileFacts, FixRequest, HeaderWrite, TextEdit } from '../../model/index.js';
import { parseApache, type ApacheDirective, type ApacheNode } from '../../syntax/apache.js';
import { H, indentAt, lineEndAt, removalSpan, removeListElement } from '../common.js';
import type { SourceFile } from '../types.js';
import { analyze, extract } from './analyze.js';
import { ID } from './model.js';
import { settersFor } from './values.js';

// ---------------------------------------------------------------------------------------------------
// Fixes

function needsQuotes(v: string): boolean {
  return v === '' || /[\s,"'\\]/.test(v) || v.startsWith('expr=') || v.includes('%');
}

/** mod_headers reads values as format strings: a literal percent sign is written `%%`. */
function formatEscape(v: string): string {
  return v.replace(/%/g, '%%');
}

function quoteValue(v: string): string {
  return '"' + formatEscape(v).replace(/\\/g, '\\\\').replace(/"/g, '\\"') + '"';
}

export function renderFix(req: FixRequest, facts: FileFacts, file: SourceFile): TextEdit[] | undefined {
  try {
    return render(req, facts, file);
  } catch {
    return [];
  }
}

function render(req: FixRequest, facts: FileFacts, file: SourceFile): TextEdit[] | undefined {
  const text = file.text;
  const write = (id: string) => facts.headerWrites.find((w) => w.id === id && w.extractor === ID);
  const directiveAt = (w: HeaderWrite) => {
    const d = findDirective(parseApache(text).nodes, w.statementSpan.start);
    return d && d.name.toLowerCase() === 'header' ? d : undefined;
  };
  switch (req.kind) {
    case 'set-always':
      return setAlways(req.writeId, facts, file);
    case 'set-header-value': {
      const w = write(req.writeId);
      if (!w || !w.valueSpan || w.op === 'unset' || w.op === 'edit') return [];
      if (/[\r\n]/.test(req.value) || req.value.startsWith('expr=')) return [];
      const d = directiveAt(w);
      const arg = d?.args.find((a) => a.valueSpan.start === w.valueSpan!.start && a.valueSpan.end === w.valueSpan!.end);
      if (!arg || !arg.closed) return [];
      if (arg.quote === '"') return [{ span: arg.valueSpan, newText: formatEscape(req.value).replace(/\\/g, '\\\\').replace(/"/g, '\\"') }];
      if (arg.quote === "'") return [{ span: arg.span, newText: quoteValue(req.value) }];
      return [{ span: arg.span, newText: needsQuotes(req.value) ? quoteValue(req.value) : req.value }];
    }
    case 'remove-origin-entry': {
      // Entries of an ap_expr list `{ 'a', 'b' }` are quoted: remove the quotes and the comma with them.
      const p = facts.policies.find((x) => x.id === req.policyId && x.extractor === ID);
      const e = p?.origin.kind === 'list' ? p.origin.entries[req.index] : undefined;
      if (!p || p.origin.kind !== 'list' || !e || p.origin.entries.length < 2) return [];
      const q = text[e.span.start - 1];
      if ((q !== "'" && q !== '"') || text[e.span.end] !== q) return [];
      return [{ span: removeListElement(text, { start: e.span.start - 1, end: e.span.end + 1 }), newText: '' }];
    }
    case 'set-header-name': {
      const w = write(req.writeId);
      if (!w || !/^[A-Za-z0-9-]+$/.test(req.name)) return [];
      return [{ span: w.nameSpan, newText: req.name }];
    }
    case 'add-header': {
      const w = write(req.afterWriteId);
      if (!w || !/^[A-Za-z0-9-]+$/.test(req.name) || /[\r\n]/.test(req.value)) return [];
      const d = directiveAt(w);
      if (!d) return [];
      // Same table (always / onsuccess) as the write it follows, but no env=/expr= clause: a header like
      // Vary must also be sent when the origin did not pass the check. Vary is merged, not replaced, so
      // that `Vary: Accept-Encoding` from mod_deflate survives.
      const action = req.name.toLowerCase() === H.vary ? 'merge' : 'set';
      const line = `${d.name} ${w.always === true ? 'always ' : ''}${action} ${req.name} ${quoteValue(req.value)}`;
      const le = lineEndAt(text, w.statementSpan.end);
      return [{ span: { start: le, end: le }, newText: '\n' + indentAt(text, w.statementSpan.start) + line }];
    }
    case 'remove-credentials': {
      const p = facts.policies.find((x) => x.id === req.policyId && x.extractor === ID);
      if (!p) return [];
      return p.writeIds
        .map(write)
        .filter((x): x is HeaderWrite => !!x && x.name.toLowerCase() === H.allowCredentials)
        .map((x) => ({ span: removalSpan(text, x.statementSpan), newText: '' }));
    }
    case 'set-origins':
      return setOrigins(req.policyId, req.origins, facts, file);
    default:
      return undefined;
  }
}

/** `always` for one write: insert it after `Header`, or replace `onsuccess`. */
function alwaysEdit(text: string, w: HeaderWrite): TextEdit | undefined {
  const d = findDirective(parseApache(text).nodes, w.statementSpan.start);
  if (!d || d.name.toLowerCase() !== 'header' || !d.args[0]) return undefined;
  const first = d.args[0];
  if (first.value.toLowerCase() === 'always') return undefined;
  if (first.value.toLowerCase() === 'onsuccess') return { span: first.span, newText: 'always' };
  return { span: { start: first.span.start, end: first.span.start }, newText: 'always ' };
}

function applyTextEdits(text: string, edits: TextEdit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.span.start - a.span.start)) out = out.slice(0, e.span.start) + e.newText + out.slice(e.span.end);
  return out;
}

/**
 * Move a write to the `always` table. When an inner or outer onsuccess write of the same header would then
 * reach the same response as a second header line (the two tables are both sent), move those too, so that
 * they replace each other inside the always table as before. Checked by extracting the edited text.
 */
function setAlways(writeId: string, facts: FileFacts, file: SourceFile): TextEdit[] {
  const text = file.text;
  const first = facts.headerWrites.find((w) => w.id === writeId && w.extractor === ID);
  if (!first || first.always === true) return [];
  const lname = first.name.toLowerCase();
  const dupCount = (f: Partial<FileFacts>) => {
    const byId = new Map((f.headerWrites ?? []).map((w) => [w.id, w]));
    return (f.responses ?? []).map((r) => r.writeIds.filter((id) => byId.get(id)?.name.toLowerCase() === lname).length);
  };
  const before = dupCount(facts);
  const ids = [writeId];
  for (let round = 0; round < 8; round++) {
    const edits: TextEdit[] = [];
    for (const id of ids) {
      const w = facts.headerWrites.find((x) => x.id === id);
      const e = w && alwaysEdit(text, w);
      if (!e) return [];
      edits.push(e);
    }
    const after = extract({ ...file, text: applyTextEdits(text, edits) });
    if ((after.headerWrites ?? []).length !== facts.headerWrites.filter((w) => w.extractor === ID).length) return [];
    const counts = dupCount(after);
    const byId = new Map((after.headerWrites ?? []).map((w) => [w.id, w]));
    const more: string[] = [];
    (after.responses ?? []).forEach((r, i) => {
      if (counts[i] < 2 || (before[i] ?? 0) >= 2) return;
      for (const id of r.writeIds) {
        const w = byId.get(id);
        if (w && w.name.toLowerCase() === lname && w.always === false && !ids.includes(id)) more.push(id);
      }
    });
    if (!more.length) return edits;
    ids.push(...more);
  }
  return [];
}

function findDirective(nodes: ApacheNode[], start: number): ApacheDirective | undefined {
  for (const n of nodes) {
    if (n.type === 'directive') {
      if (n.span.start === start) return n;
    } else if (n.span.start <= start && start < n.span.end) {
      const d = findDirective(n.children, start);
      if (d) return d;
    }
  }
  return undefined;
}


const ORIGIN_RE = /^[a-z][a-z0-9+.-]*:\/\/[A-Za-z0-9.-]+(?::[0-9]{1,5})?$/;

/**
 * Allow only the given origins. For the SetEnvIf idiom (`SetEnvIf Origin "re" VAR=$0` + `%{VAR}e`), the
 * regex becomes an anchored, escaped alternation of the origins; otherwise one origin can replace the
 * value of the single Access-Control-Allow-Origin write.
 */
function setOrigins(policyId: string, origins: string[], facts: FileFacts, file: SourceFile): TextEdit[] {
  const p = facts.policies.find((x) => x.id === policyId && x.extractor === ID);
  if (!p || origins.length === 0 || !origins.every((o) => ORIGIN_RE.test(o))) return [];
  const acao = p.writeIds
    .map((id) => facts.headerWrites.find((w) => w.id === id))
    .filter((x): x is HeaderWrite => !!x && x.name.toLowerCase() === H.allowOrigin);
  if (acao.length !== 1) return [];
  const w = acao[0];
  if (w.value.kind === 'request-origin') {
    const { ctx } = analyze(file);
    const draft = ctx?.drafts.find((d) => d.write.id === w.id);
    if (ctx && draft?.envVar) {
      const { all, here } = settersFor(ctx, draft, draft.envVar);
      const s = here[0];
      if (all.length === 1 && here.length === 1 && s.kind === 'origin' && s.reArg && s.reArg.closed) {
        const re = '^(' + origins.map((o) => o.replace(/[.+]/g, (c) => '\\' + c)).join('|') + ')$';
        return [{ span: s.reArg.span, newText: '"' + re + '"' }];
      }
    }
  }
  if (origins.length !== 1) return [];
  return render({ kind: 'set-header-value', writeId: w.id, value: origins[0] }, facts, file) ?? [];
}
