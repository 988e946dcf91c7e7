/** Rule fixes written in the config file's own PHP array form. */
import type { FileFacts, FixRequest, TextEdit } from '../../model/index.js';
import { removeListElement } from '../common.js';
import { option, stringList, type LaravelConfig } from './options.js';

/** A PHP single-quoted string. */
export const phpQuote = (s: string): string => "'" + s.replace(/\\/g, '\\\\').replace(/'/g, "\\'") + "'";
const phpList = (items: string[]): string => '[' + items.map(phpQuote).join(', ') + ']';

export function renderLaravelFix(req: FixRequest, facts: FileFacts, text: string, cfg: LaravelConfig): TextEdit[] {
  const p = facts.policies.find((x) => 'policyId' in req && x.id === req.policyId);
  switch (req.kind) {
    case 'set-origins': {
      const o = option(cfg, 'origins');
      if (!o || !req.origins.length) return [];
      const edits: TextEdit[] = [{ span: o.val.at.span, newText: phpList(req.origins) }];
      return edits;
    }
    case 'remove-credentials': {
      const c = option(cfg, 'credentials');
      if (!c) return [];
      return [{ span: c.val.at.span, newText: 'false' }];
    }
    case 'replace-origin-entry': {
      if (!p || p.origin.kind !== 'list') return [];
      const e = p.origin.entries[req.index];
      if (!e) return [];
      return [{ span: e.elementSpan, newText: phpQuote(req.value) }];
    }
    case 'remove-origin-entry': {
      if (!p || p.origin.kind !== 'list' || p.origin.entries.length < 2) return [];
      const e = p.origin.entries[req.index];
      if (!e) return [];
      // Only an element written inside one of the two lists of this file.
      const inList = ['origins', 'patterns'].some((k) => {
        const o = option(cfg, k as 'origins' | 'patterns');
        return o?.val.k === 'list' && stringList(o.val)?.some((i) => i.span.start === e.elementSpan.start);
      });
      return inList ? [{ span: removeListElement(text, e.elementSpan), newText: '' }] : [];
    }
    case 'set-max-age': {
      const m = option(cfg, 'maxAge');
      if (!m) return [];
      return [{ span: m.val.at.span, newText: String(req.value) }];
    }
    default:
      return [];
  }
}
