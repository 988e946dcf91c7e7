/** Rule fixes in Ruby: rack-cors `origins` / `resource` options, and hand-written header writes. */
import type { FileFacts, FixRequest, HeaderWrite, TextEdit } from '../../model/index.js';
import type { SourceFile } from '../types.js';
import { H, isPlainValue, removalSpan, removeListElement, renderGenericFix, sameHeader } from '../common.js';
import type { WriteMeta } from '../writeMeta.js';
import type { Ctx, LibMeta } from './ctx.js';

const quote = (s: string) => `'${s}'`;

function libMeta(ctx: Ctx, id: string): LibMeta | undefined {
  const m = ctx.meta.get(id);
  return m?.kind === 'lib' ? (m as LibMeta) : undefined;
}

/** Remove one hand-written write: a `'X' => v` pair inside its hash / argument list, else its statement. */
function removeWrite(ctx: Ctx, w: HeaderWrite): TextEdit {
  const m = ctx.meta.get(w.id) as WriteMeta | undefined;
  if (m?.form === 'pair') return { span: removeListElement(ctx.text, w.statementSpan), newText: '' };
  return { span: removalSpan(ctx.text, w.statementSpan), newText: '' };
}

function writeFix(req: FixRequest, facts: FileFacts, file: SourceFile, ctx: Ctx): TextEdit[] {
  const write = (id: string) => facts.headerWrites.find((w) => w.id === id);
  const exact = (w: HeaderWrite | undefined) => !!w && (ctx.meta.get(w.id) as WriteMeta | undefined)?.verbatimValue === true;
  switch (req.kind) {
    case 'set-header-value':
    case 'add-header':
      return exact(write(req.kind === 'add-header' ? req.afterWriteId : req.writeId)) ? renderGenericFix(req, facts, file) : [];
    case 'set-origins': {
      const p = facts.policies.find((x) => x.id === req.policyId);
      const acao = p?.writeIds.map(write).filter((w) => w && sameHeader(w.name, H.allowOrigin)) ?? [];
      if (acao.length !== 1 || req.origins.length !== 1 || !isPlainValue(req.origins[0])) return [];
      if (exact(acao[0])) return renderGenericFix(req, facts, file);
      // the request Origin written at the write (`origin`, `request.origin`): one trusted origin in its place
      const w = acao[0]!;
      return w.value.kind === 'request-origin' && w.valueSpan ? [{ span: w.valueSpan, newText: quote(req.origins[0]) }] : [];
    }
    case 'remove-write': {
      const w = write(req.writeId);
      return w ? [removeWrite(ctx, w)] : [];
    }
    case 'remove-credentials': {
      const p = facts.policies.find((x) => x.id === req.policyId);
      const ws = (p?.writeIds.map(write) ?? []).filter((w): w is HeaderWrite => !!w && sameHeader(w.name, H.allowCredentials));
      return ws.map((w) => removeWrite(ctx, w));
    }
    case 'set-header-name':
    case 'replace-text':
      return renderGenericFix(req, facts, file);
    default:
      return [];
  }
}

export function renderRubyFix(req: FixRequest, facts: FileFacts, file: SourceFile, ctx: Ctx): TextEdit[] {
  const text = ctx.text;
  const policyId = 'policyId' in req ? req.policyId : undefined;
  const p = policyId ? facts.policies.find((x) => x.id === policyId) : undefined;
  const lib = policyId ? libMeta(ctx, policyId) : undefined;
  if (!lib) return p && !p.handWritten ? [] : writeFix(req, facts, file, ctx);
  switch (req.kind) {
    case 'set-origins': {
      // the last `origins` call becomes the list (its block, if any, goes); the other calls go
      const calls = lib.origins;
      const last = calls[calls.length - 1];
      if (!last || !req.origins.length || !req.origins.every(isPlainValue)) return [];
      const callee = text.slice(last.callee.span.start, last.callee.span.end);
      const edits: TextEdit[] = calls.slice(0, -1).map((c) => ({ span: removalSpan(text, c.span), newText: '' }));
      edits.push({ span: last.span, newText: `${callee} ${req.origins.map(quote).join(', ')}` });
      return edits;
    }
    case 'remove-credentials':
      return lib.credentials ? [{ span: removeListElement(text, lib.credentials), newText: '' }] : [];
    case 'replace-origin-entry': {
      if (p?.origin.kind !== 'list' || !isPlainValue(req.value) || /\s/.test(req.value)) return [];
      const e = p.origin.entries[req.index];
      // inside the quotes of a literal written as is, or a `%w[]` word
      if (!e || e.match === 'regex' || text.slice(e.span.start, e.span.end) !== e.value) return [];
      return [{ span: e.span, newText: req.value }];
    }
    case 'remove-origin-entry': {
      if (p?.origin.kind !== 'list' || p.origin.entries.length < 2) return [];
      const e = p.origin.entries[req.index];
      if (!e) return [];
      const q = text[e.elementSpan.start];
      if (q === "'" || q === '"' || q === '/') return [{ span: removeListElement(text, e.elementSpan), newText: '' }];
      // a `%w[]` word: its line when it stands alone there, else it and the blank after it (or before it)
      const line = removalSpan(text, e.elementSpan);
      if (line.start !== e.elementSpan.start) return [{ span: line, newText: '' }];
      const after = /^[ \t]+/.exec(text.slice(e.elementSpan.end));
      if (after) return [{ span: { start: e.elementSpan.start, end: e.elementSpan.end + after[0].length }, newText: '' }];
      const before = /[ \t]+$/.exec(text.slice(Math.max(0, e.elementSpan.start - 100), e.elementSpan.start));
      return before ? [{ span: { start: e.elementSpan.start - before[0].length, end: e.elementSpan.end }, newText: '' }] : [];
    }
    case 'set-max-age':
      return p?.maxAge ? [{ span: p.maxAge.span, newText: String(req.value) }] : [];
    default:
      return [];
  }
}
