/**
 * Fixes in the Fetch-API forms. A write from a headers record (`{ 'Access-Control-Allow-Origin': '*' }`,
 * also inside a `corsHeaders` constant spread into responses) is an object entry: removing it removes the
 * entry, adding a header adds an entry after it. `set-origins` with one origin writes it as the value
 * (a literal, or in place of the echoed request Origin). Writes by `h.set(...)` / `h.append(...)` are
 * statements: the generic renderer (extract/common.ts) edits them.
 */
import type { FileFacts, FixRequest, HeaderWrite, TextEdit } from '../../model/index.js';
import { H, indentAt, isPlainValue, lineEndAt, lineStartAt, sameHeader } from '../common.js';
import { jsLiteral, quoteOf, removeEntry } from '../jsFix.js';
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
      if (!w || !isEntry(w)) return undefined;
      const q = quote(w);
      const name = jsLiteral(req.name, q);
      const value = jsLiteral(req.value, q);
      if (!name || !value) return [];
      const s = w.statementSpan;
      const alone = /^[ \t]*$/.test(text.slice(lineStartAt(text, s.start), s.start)) && /^[ \t]*,?[ \t]*(\/\/.*)?$/.test(text.slice(s.end, lineEndAt(text, s.end)));
      const sep = alone ? `,\n${indentAt(text, s.start)}` : ', ';
      return [{ span: { start: s.end, end: s.end }, newText: `${sep}${name}: ${value}` }];
    }
    default:
      return undefined;
  }
}
