/** Rule fixes written in the YAML of nelmio_cors. */
import type { CorsPolicy, FixRequest, TextEdit } from '../../model/index.js';
import { lineEndAt, lineStartAt, removeListElement } from '../common.js';
import { yamlQuote } from '../../syntax/yaml.js';
import type { Built } from './policy.js';

const escapeRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** `replace-text` on the forced_allow_origin_value scalar (a normalised origin holds no quote or backslash). */
export function replaceScalarText(req: FixRequest & { kind: 'replace-text' }): TextEdit[] {
  return /['"\\]/.test(req.text) ? [] : [{ span: req.span, newText: req.text }];
}

export function renderNelmioFix(req: FixRequest, p: CorsPolicy, built: Built, text: string): TextEdit[] {
  const regex = (() => {
    const v = built.srcs.get('origin_regex')?.value;
    return v?.k === 'scalar' && v.value === true;
  })();
  switch (req.kind) {
    case 'set-origins': {
      const v = built.srcs.get('allow_origin')?.value;
      if (!v || !req.origins.length) return [];
      const items = req.origins.map((o) => yamlQuote(regex ? '^' + escapeRegex(o) + '$' : o));
      return [{ span: v.span, newText: '[' + items.join(', ') + ']' }];
    }
    case 'remove-credentials': {
      const src = built.srcs.get('allow_credentials');
      if (!src?.value) return [];
      // Under a path, `false` is filtered out by the bundle and the defaults' value applies again.
      if (src.level === 'path') return [];
      return [{ span: src.value.span, newText: 'false' }];
    }
    case 'replace-origin-entry': {
      if (p.origin.kind !== 'list') return [];
      const e = p.origin.entries[req.index];
      return e ? [{ span: e.elementSpan, newText: yamlQuote(regex ? '^' + escapeRegex(req.value) + '$' : req.value) }] : [];
    }
    case 'remove-origin-entry': {
      if (p.origin.kind !== 'list' || p.origin.entries.length < 2) return [];
      const e = p.origin.entries[req.index];
      const v = built.srcs.get('allow_origin')?.value;
      if (!e || v?.k !== 'seq') return [];
      if (v.flow) return [{ span: removeListElement(text, e.elementSpan), newText: '' }];
      // A block sequence: remove the `- entry` line.
      const ls = lineStartAt(text, e.elementSpan.start);
      if (!/^[ \t]*-[ \t]*$/.test(text.slice(ls, e.elementSpan.start))) return [];
      const le = lineEndAt(text, e.elementSpan.end);
      return [{ span: { start: ls, end: Math.min(text.length, le + 1) }, newText: '' }];
    }
    case 'set-max-age': {
      const v = built.srcs.get('max_age')?.value;
      return v ? [{ span: v.span, newText: String(req.value) }] : [];
    }
    default:
      return [];
  }
}
