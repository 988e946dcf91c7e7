/** Rule fixes written as ingress-nginx annotations: a value rewritten in place, or a new annotation line
 *  under `enable-cors` when the default applies. Nothing when the annotations are templated or not a block map. */
import type { FixRequest, TextEdit } from '../../model/index.js';
import { indentAt, lineEndAt, lineStartAt } from '../common.js';
import type { Built } from './policy.js';
import { PREFIX, type Annotation } from './read.js';

const ENTRY = /^[a-z]+:\/\/[A-Za-z0-9\-.]+(:\d+)?$/;

function setAnnotation(b: Built, text: string, name: Annotation, value: string): TextEdit[] {
  const v = b.ing.values.get(name);
  if (v?.k === 'string') return [{ span: v.node.span, newText: JSON.stringify(value) }];
  const enable = b.ing.values.get('enable-cors');
  const ann = b.ing.annotations;
  if (v?.k !== 'absent' || enable?.k !== 'string' || ann?.k !== 'map' || ann.flow) return [];
  // The enable-cors pair must sit alone on its line(s) for a line to go after it.
  const ls = lineStartAt(text, enable.pair.keySpan.start);
  if (text.slice(ls, enable.pair.keySpan.start).trim() !== '') return [];
  const le = lineEndAt(text, enable.pair.span.end);
  if (text.slice(enable.pair.span.end, le).trim() !== '') return [];
  const indent = indentAt(text, enable.pair.keySpan.start);
  return [{ span: { start: le, end: le }, newText: `\n${indent}${PREFIX}${name}: ${JSON.stringify(value)}` }];
}

export function renderIngressFix(req: FixRequest, b: Built, text: string): TextEdit[] {
  switch (req.kind) {
    case 'set-origins':
      // Each origin must pass the controller's own checks, or the whole value falls back to `*`.
      if (!req.origins.length || !req.origins.every((o) => ENTRY.test(o))) return [];
      return setAnnotation(b, text, 'cors-allow-origin', req.origins.join(', '));
    case 'remove-credentials':
      return setAnnotation(b, text, 'cors-allow-credentials', 'false');
    case 'set-max-age': {
      const v = b.ing.values.get('cors-max-age');
      return v?.k === 'string' && Number.isInteger(req.value) ? [{ span: v.node.span, newText: JSON.stringify(String(req.value)) }] : [];
    }
    default:
      return [];
  }
}
