/** Rule fixes written in the middleware's own form: a YAML block or flow list, a TOML array, or a
 *  comma-separated label value; a scalar rewritten in place. Nothing when a value is not written verbatim. */
import type { FixRequest, TextEdit } from '../../model/index.js';
import { isPlainValue, lineEndAt, lineStartAt, removeListElement } from '../common.js';
import type { Built } from './policy.js';
import type { Scalar, TValue } from './read.js';

const exactScalar = (v: TValue | undefined): Scalar | undefined => (v?.k === 'scalar' && v.s.exact ? v.s : undefined);

function writeList(v: TValue | undefined, values: string[], text: string): TextEdit[] {
  if (v?.k !== 'list' || !values.length || !values.every(isPlainValue)) return [];
  if (v.form === 'flow') return [{ span: v.span, newText: `[${values.map((x) => JSON.stringify(x)).join(', ')}]` }];
  if (v.form === 'csv') return v.items.every((i) => i.exact) || !v.items.length ? [{ span: v.span, newText: values.join(',') }] : [];
  if (!/^[ \t]*$/.test(v.indent ?? 'x')) return [];
  const ls = lineStartAt(text, v.span.start);
  // the block list ends at its last item (trailing comments and blank lines stay)
  const end = v.items.length ? v.items[v.items.length - 1].elementSpan.end : v.span.end;
  return [{ span: { start: ls, end }, newText: values.map((x) => `${v.indent}- ${JSON.stringify(x)}`).join('\n') }];
}

function removeEntry(v: TValue | undefined, index: number, text: string): TextEdit[] {
  if (v?.k !== 'list') return [];
  const item = v.items[index];
  if (!item) return [];
  if (v.form !== 'block') return item.exact ? [{ span: removeListElement(text, item.elementSpan), newText: '' }] : [];
  const ls = lineStartAt(text, item.elementSpan.start);
  const le = lineEndAt(text, item.elementSpan.end);
  if (!/^[ \t]*-[ \t]*$/.test(text.slice(ls, item.elementSpan.start)) || text.slice(item.elementSpan.end, le).trim() !== '') return [];
  return [{ span: { start: ls, end: Math.min(text.length, le + 1) }, newText: '' }];
}

export function renderTraefikFix(req: FixRequest, b: Built, text: string): TextEdit[] {
  const f = (name: Parameters<typeof b.mw.fields.get>[0]) => b.mw.fields.get(name)?.value;
  const origins = f('accessControlAllowOriginList');
  const regex = f('accessControlAllowOriginListRegex');
  switch (req.kind) {
    case 'set-origins':
      // the regex list would still admit other origins: only when there is none
      return regex ? [] : writeList(origins, req.origins, text);
    case 'remove-credentials': {
      const s = exactScalar(f('accessControlAllowCredentials'));
      return s ? [{ span: s.span, newText: 'false' }] : [];
    }
    case 'set-max-age': {
      const s = exactScalar(f('accessControlMaxAge'));
      return s && Number.isInteger(req.value) ? [{ span: s.span, newText: String(req.value) }] : [];
    }
    case 'replace-origin-entry': {
      const p = b.policy;
      const e = p?.origin.kind === 'list' ? p.origin.entries[req.index] : undefined;
      const item = e && [origins, regex].flatMap((v) => (v?.k === 'list' ? v.items : [])).find((i) => i.span.start === e.span.start);
      return item?.exact && isPlainValue(req.value) ? [{ span: item.span, newText: req.value }] : [];
    }
    case 'remove-origin-entry': {
      const p = b.policy;
      const e = p?.origin.kind === 'list' ? p.origin.entries[req.index] : undefined;
      if (!e) return [];
      for (const v of [origins, regex]) {
        const i = v?.k === 'list' ? v.items.findIndex((x) => x.span.start === e.span.start) : -1;
        if (i >= 0) return removeEntry(v, i, text);
      }
      return [];
    }
    default:
      return [];
  }
}
