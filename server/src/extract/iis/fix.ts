/**
 * Fix rendering for web.config: attribute edits on the customHeaders entry or the CORS module rule a fix
 * points at (found again by its span), element removal by whole lines (CRLF aware), new `<add>` siblings
 * with the same indentation, copies of a rule for further origins, and renaming an element with its end tag.
 */
import type { FileFacts, FixRequest, HeaderWrite, Span, TextEdit } from '../../model/index.js';
import { attribute, escapeAttributeValue, parseXml, type XmlAttribute, type XmlElement } from '../../syntax/xml.js';
import { H, sameHeader } from '../common.js';
import type { SourceFile } from '../types.js';
import { LIBRARY } from './model.js';

function lineBounds(text: string, offset: number): { start: number; end: number; eol: string } {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  let end = text.indexOf('\n', offset);
  if (end === -1) end = text.length;
  const crlf = end > 0 && text[end - 1] === '\r' && end < text.length;
  return { start, end: crlf ? end - 1 : end, eol: crlf ? '\r\n' : '\n' };
}

function fileEol(text: string): string {
  return /\r\n/.test(text) ? '\r\n' : '\n';
}

/** Remove an element: its whole line(s) when it stands alone there (CRLF aware), else just the element. */
function removeElement(text: string, span: Span): Span {
  const a = lineBounds(text, span.start);
  const b = lineBounds(text, span.end);
  const before = text.slice(a.start, span.start);
  const after = text.slice(span.end, b.end);
  if (/^[ \t]*$/.test(before) && /^[ \t]*$/.test(after)) {
    const nl = text.indexOf('\n', span.end);
    return { start: a.start, end: nl === -1 ? text.length : nl + 1 };
  }
  return span;
}

/** Insert `snippet` as a sibling after `el` (own line with the same indentation when `el` has its own line). */
function insertAfter(text: string, elSpan: Span, snippet: string): TextEdit {
  const a = lineBounds(text, elSpan.start);
  const b = lineBounds(text, elSpan.end);
  const indent = /^[ \t]*/.exec(text.slice(a.start))![0];
  const alone = /^[ \t]*$/.test(text.slice(a.start, elSpan.start)) && /^[ \t]*$/.test(text.slice(elSpan.end, b.end));
  if (alone) return { span: { start: b.end, end: b.end }, newText: (b.end === text.length ? fileEol(text) : b.eol) + indent + snippet };
  return { span: { start: elSpan.end, end: elSpan.end }, newText: snippet };
}

interface Located {
  el: XmlElement;
  attr: (n: string) => XmlAttribute | undefined;
}

/** Find the element whose span is exactly `span` (re-parse; facts hold no syntax trees). */
function elementAt(text: string, span: Span): Located | undefined {
  const doc = parseXml(text);
  let found: XmlElement | undefined;
  const walk = (e: XmlElement) => {
    if (found) return;
    if (e.span.start === span.start && e.span.end === span.end) found = e;
    else e.children.forEach(walk);
  };
  doc.roots.forEach(walk);
  return found ? { el: found, attr: (n) => attribute(found!, n) } : undefined;
}

function setAttr(a: XmlAttribute | undefined, value: string): TextEdit[] {
  if (!a?.valueSpan) return [];
  return [{ span: a.valueSpan, newText: escapeAttributeValue(value, a.quote ?? '"') }];
}

/** Span removing ` attr="..."` including the whitespace before it. */
function attrRemoval(text: string, a: XmlAttribute): Span {
  let s = a.span.start;
  while (s > 0 && /\s/.test(text[s - 1])) s--;
  return { start: s, end: a.span.end };
}

export function renderIisFix(req: FixRequest, facts: FileFacts, file: SourceFile): TextEdit[] | undefined {
  const text = file.text;
  const write = (id: string) => facts.headerWrites.find((w) => w.id === id);
  const policy = (id: string) => facts.policies.find((p) => p.id === id);
  switch (req.kind) {
    case 'set-header-value': {
      const w = write(req.writeId);
      if (!w || w.op === 'unset') return [];
      const loc = elementAt(text, w.statementSpan);
      if (!loc) return [];
      const v = loc.attr('value');
      if (v) return setAttr(v, req.value);
      const n = loc.attr('name');
      if (!n) return [];
      return [{ span: { start: n.span.end, end: n.span.end }, newText: ` value="${escapeAttributeValue(req.value)}"` }];
    }
    case 'set-header-name': {
      const w = write(req.writeId);
      if (!w) return [];
      const loc = elementAt(text, w.statementSpan);
      return loc ? setAttr(loc.attr('name'), req.name) : [];
    }
    case 'remove-write': {
      const w = write(req.writeId);
      if (!w) return [];
      return [{ span: removeElement(text, w.statementSpan), newText: '' }];
    }
    case 'add-header': {
      const w = write(req.afterWriteId);
      if (!w) return [];
      const loc = elementAt(text, w.statementSpan);
      const q = loc?.attr('name')?.quote ?? '"';
      const close = loc?.el.selfClosing && /\s\/>$/.test(text.slice(w.statementSpan.start, w.statementSpan.end)) ? ' />' : '/>';
      const snippet = `<add name=${q}${escapeAttributeValue(req.name, q)}${q} value=${q}${escapeAttributeValue(req.value, q)}${q}${close}`;
      return [insertAfter(text, w.statementSpan, snippet)];
    }
    case 'set-always':
      // customHeaders are sent on every response already; IIS has no such switch.
      return [];
    case 'set-origins': {
      const p = policy(req.policyId);
      if (!p || req.origins.length === 0) return [];
      if (p.handWritten) {
        if (req.origins.length !== 1) return [];
        const acao = p.writeIds.map(write).filter((w): w is HeaderWrite => !!w && sameHeader(w.name, H.allowOrigin));
        if (acao.length !== 1) return [];
        return renderIisFix({ kind: 'set-header-value', writeId: acao[0].id, value: req.origins[0] }, facts, file);
      }
      if (p.library !== LIBRARY) return [];
      const loc = elementAt(text, p.span);
      const o = loc?.attr('origin');
      if (!loc || !o?.valueSpan) return [];
      const edits = setAttr(o, req.origins[0]);
      // Each further origin becomes a copy of this rule (same credentials, max-age, headers, methods).
      const elText = text.slice(p.span.start, p.span.end);
      const rel = { start: o.valueSpan.start - p.span.start, end: o.valueSpan.end - p.span.start };
      for (const extra of req.origins.slice(1).reverse()) {
        const clone = elText.slice(0, rel.start) + escapeAttributeValue(extra, o.quote ?? '"') + elText.slice(rel.end);
        edits.push(insertAfter(text, p.span, clone));
      }
      return edits;
    }
    case 'remove-credentials': {
      const p = policy(req.policyId);
      if (!p) return [];
      if (p.handWritten) {
        const ws = p.writeIds.map(write).filter((w): w is HeaderWrite => !!w && sameHeader(w.name, H.allowCredentials) && w.op !== 'unset');
        return ws.map((w) => ({ span: removeElement(text, w.statementSpan), newText: '' }));
      }
      if (p.library !== LIBRARY) return [];
      const loc = elementAt(text, p.span);
      const c = loc?.attr('allowCredentials');
      if (!c) return [];
      return [{ span: attrRemoval(text, c), newText: '' }];
    }
    case 'replace-origin-entry': {
      const p = policy(req.policyId);
      if (!p || p.library !== LIBRARY || p.origin.kind !== 'list' || req.index !== 0) return p?.library === LIBRARY ? [] : undefined;
      const loc = elementAt(text, p.span);
      return loc ? setAttr(loc.attr('origin'), req.value) : [];
    }
    case 'remove-origin-entry': {
      const p = policy(req.policyId);
      if (!p || p.library !== LIBRARY || p.origin.kind !== 'list' || req.index !== 0) return p?.library === LIBRARY ? [] : undefined;
      return [{ span: removeElement(text, p.span), newText: '' }];
    }
    case 'set-max-age': {
      const p = policy(req.policyId);
      if (!p?.maxAge || !Number.isInteger(req.value)) return [];
      return [{ span: p.maxAge.span, newText: String(req.value) }];
    }
    case 'replace-text': {
      // Renaming an element (a misspelled CORS module child element) renames its end tag too.
      const doc = parseXml(text);
      let el: XmlElement | undefined;
      const walk = (e: XmlElement) => {
        if (!el && e.nameSpan.start === req.span.start && e.nameSpan.end === req.span.end) el = e;
        else e.children.forEach(walk);
      };
      doc.roots.forEach(walk);
      if (!el) return undefined;
      if (!/^[A-Za-z_][\w.-]*$/.test(req.text)) return [];
      const edits: TextEdit[] = [{ span: req.span, newText: req.text }];
      if (el.endNameSpan) edits.push({ span: el.endNameSpan, newText: req.text });
      return edits;
    }
  }
}
