/** Rendering rule fixes in Python / flask-cors syntax. */
import type { FileFacts, FixRequest, TextEdit } from '../../model/index.js';
import type { SourceFile } from '../types.js';
import { removalSpan, removeListElement } from '../common.js';
import type { Ctx, LibMeta, OptSrc } from './ctx.js';
import { renderWriteFix } from '../pyWriteFix.js';
import { escapeFor, pyQuote } from '../pySyntax.js';

const pyList = (origins: string[]) => '[' + origins.map((o) => pyQuote(o)).join(', ') + ']';

/** Remove an option source: a kwarg / dict pair as a list element, a config statement as a line. */
function removeSource(text: string, s: OptSrc): TextEdit {
  if (s.holderKind === 'element') return { span: removeListElement(text, s.holder), newText: '' };
  // a statement alone in its block leaves `pass` behind
  return s.alone ? { span: s.holder, newText: 'pass' } : { span: removalSpan(text, s.holder), newText: '' };
}

export function renderFlaskFix(req: FixRequest, facts: FileFacts, file: SourceFile, ctx: Ctx): TextEdit[] | undefined {
  const text = file.text;
  switch (req.kind) {
    case 'set-origins': {
      const meta = ctx.meta.get(req.policyId);
      if (!meta) return [];
      if (meta.kind !== 'lib') return undefined; // hand-written: the generic renderer replaces one literal value
      if (!req.origins.length) return [];
      return setOrigins(meta, req.origins);
    }
    case 'remove-credentials': {
      const meta = ctx.meta.get(req.policyId);
      if (!meta) return [];
      if (meta.kind !== 'lib') return undefined;
      if (meta.credUnknown || !meta.credSrcs.length) return [];
      const edits = meta.credSrcs.map((s) => removeSource(text, s));
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
      // The list may sit in a module-level constant (origins=FRONTENDS): its value says where it is written.
      const v = meta.originsSrc?.val;
      // Only inside a written list with other entries left: an empty list would turn CORS off silently.
      if (!e || v?.k !== 'list' || p.origin.entries.length < 2) return [];
      if (!v.at.items.some((c) => c.span.start === e.elementSpan.start && c.span.end === e.elementSpan.end)) return [];
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
    case 'set-header-value':
    case 'add-header':
    case 'remove-write':
    case 'set-header-name':
      return renderWriteFix(req, facts, text, ctx.meta);
    case 'set-always':
      return [];
    default:
      return undefined;
  }
}

function setOrigins(meta: LibMeta, origins: string[]): TextEdit[] {
  const list = pyList(origins);
  if (meta.originsSrc) return [{ span: meta.originsSrc.value.span, newText: list }];
  const into = meta.insertInto;
  if (!into) return [];
  if (into.k === 'map') {
    const open = into.span.start + 1;
    return [{ span: { start: open, end: open }, newText: `"origins": ${list}` + (into.entries.length ? ', ' : '') }];
  }
  const last = into.args.at(-1);
  // no arguments: just before the closing parenthesis
  if (!last) return [{ span: { start: into.span.end - 1, end: into.span.end - 1 }, newText: `origins=${list}` }];
  return [{ span: { start: last.span.end, end: last.span.end }, newText: `, origins=${list}` }];
}
