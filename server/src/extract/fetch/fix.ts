/**
 * Fixes in the Fetch-API forms. A write from a headers record (`{ 'Access-Control-Allow-Origin': '*' }`,
 * also inside a `corsHeaders` constant spread into responses) is an object entry: removing it removes the
 * entry, adding a header adds an entry after it. `set-origins` with one origin writes it as the value
 * (a literal, or in place of the echoed request Origin). Writes by `h.set(...)` / `h.append(...)` are
 * statements: the generic renderer (extract/common.ts) edits them.
 */
import type { FileFacts, FixRequest, HeaderWrite, TextEdit } from '../../model/index.js';
import { H, indentAt, isPlainValue, lineEndAt, sameHeader } from '../common.js';
import { insertAfterEntry, jsLiteral, quoteOf, removeEntry } from '../jsFix.js';
import type { SourceFile } from '../types.js';
import { analyze } from './index.js';

export function renderFetchFix(req: FixRequest, facts: FileFacts, file: SourceFile): TextEdit[] | undefined {
  const a = analyze(file);
  if (!a) return [];
  const text = file.text;
  const write = (id: string) => facts.headerWrites.find((w) => w.id === id);
  const isEntry = (w: HeaderWrite) => {
    const form = a.sites.get(w.id)?.form;
    return !!form && 'map' in form && form.map !== undefined;
  };
  const quote = (w: HeaderWrite) => (text[w.nameSpan.start - 1] === '"' ? '"' : text[w.nameSpan.start - 1] === "'" ? "'" : quoteOf(text));
  const policyWrites = (id: string, name: string) => {
    const p = facts.policies.find((x) => x.id === id);
    return p ? p.writeIds.map(write).filter((w): w is HeaderWrite => !!w && sameHeader(w.name, name)) : [];
  };
  switch (req.kind) {
    case 'set-origins': {
      const acao = policyWrites(req.policyId, H.allowOrigin);
      if (acao.length !== 1 || req.origins.length !== 1 || !acao[0].valueSpan || !isPlainValue(req.origins[0])) return [];
      const w = acao[0];
      const site = a.sites.get(w.id);
      if (w.value.kind === 'literal') return site?.valueExact ? [{ span: w.valueSpan!, newText: req.origins[0] }] : [];
      // the echoed Origin: the expression written at the write becomes the literal
      const lit = jsLiteral(req.origins[0], quote(w));
      return lit && w.value.kind === 'request-origin' ? [{ span: w.valueSpan!, newText: lit }] : [];
    }
    case 'remove-credentials': {
      const ws = policyWrites(req.policyId, H.allowCredentials);
      if (!ws.length || !ws.every(isEntry)) return ws.length ? undefined : [];
      return ws.map((w) => ({ span: removeEntry(text, w.statementSpan), newText: '' }));
    }
    case 'remove-write': {
      const w = write(req.writeId);
      if (!w || !isEntry(w)) return undefined;
      return [{ span: removeEntry(text, w.statementSpan), newText: '' }];
    }
    case 'add-header': {
      const w = write(req.afterWriteId);
      const site = w && a.sites.get(w.id);
      if (!w || !site) return [];
      const q = quote(w);
      const name = jsLiteral(req.name, q);
      const value = jsLiteral(req.value, q);
      if (!name || !value) return [];
      const s = w.statementSpan;
      if (!isEntry(w)) {
        // `h.set(name, value);` on its own line: one more call on the same Headers after it. Vary is appended
        // (Next.js and others may have put values there already), other headers set.
        const call = site.node;
        if (!('callee' in call) || call.callee.k !== 'member' || s.start !== site.stmt.span.start) return [];
        const recv = text.slice(call.callee.object.span.start, call.callee.object.span.end);
        const semi = text.slice(s.start, s.end).trimEnd().endsWith(';') ? ';' : '';
        const method = req.name.toLowerCase() === H.vary ? 'append' : 'set';
        const le = lineEndAt(text, s.end);
        if (text.slice(s.end, le).trim() !== '') return [];
        return [{ span: { start: le, end: le }, newText: `\n${indentAt(text, s.start)}${recv}.${method}(${name}, ${value})${semi}` }];
      }
      return [insertAfterEntry(text, s, `${name}: ${value}`)];
    }
    default:
      return undefined;
  }
}
