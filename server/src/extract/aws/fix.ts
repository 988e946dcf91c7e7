/**
 * Fixes in the file's own form (JSON, YAML, HCL; XML: an entry replaced or removed): an origin entry replaced or removed, the origin list
 * replaced by `["…", "…"]` (valid in all three), SAM's AllowOrigin as `"'…'"`, AllowCredentials set to `false`,
 * a max-age number replaced. [] whenever the value is not written as a plain literal there.
 */
import type { FixRequest, TextEdit } from '../../model/index.js';
import { removeJsonEntry, type JsonNode } from '../../syntax/json.js';
import { isPlainValue, lineEndAt, lineStartAt, removalSpan, removeListElement } from '../common.js';
import type { Built } from './template.js';

export type Form = 'json' | 'yaml' | 'hcl' | 'xml';

const list = (origins: string[]) => '[' + origins.map((o) => JSON.stringify(o)).join(', ') + ']';

function removeEntry(b: Built, index: number, text: string, form: Form): TextEdit[] {
  const node = b.entryNodes[index];
  const all = b.kind === 'sam-rest' ? undefined : b.kind === 's3' ? b.originsNode : b.originNode;
  if (!node || all?.k !== 'arr' || all.items.length < 2) return [];
  if (form === 'json') return removeJsonEntry(text, node.span.start);
  if (form === 'xml') return [{ span: removalSpan(text, node.span), newText: '' }];
  const ls = lineStartAt(text, node.span.start);
  if (form === 'yaml' && /^[ \t]*-[ \t]*$/.test(text.slice(ls, node.span.start))) {
    if (text.slice(node.span.end, lineEndAt(text, node.span.end)).trim() !== '') return [];
    const le = lineEndAt(text, node.span.end);
    return [{ span: { start: ls, end: le < text.length ? le + 1 : le }, newText: '' }];
  }
  return [{ span: removeListElement(text, node.span), newText: '' }];
}

const literal = (n: JsonNode | undefined, k: JsonNode['k']): n is JsonNode => n?.k === k;

export function renderAwsFix(req: FixRequest, b: Built, text: string, form: Form): TextEdit[] {
  switch (req.kind) {
    case 'replace-origin-entry': {
      const node = b.entryNodes[req.index];
      return node?.verbatim && isPlainValue(req.value) && !req.value.includes(' ') ? [{ span: node.inner, newText: req.value }] : [];
    }
    case 'remove-origin-entry':
      return removeEntry(b, req.index, text, form);
    case 'set-origins': {
      if (form === 'xml' || !req.origins.length || !req.origins.every((o) => isPlainValue(o) && !o.includes(' '))) return [];
      if (b.kind === 'sam-rest') {
        // one static value: SAM's REST CORS cannot echo one of several origins
        if (req.origins.length !== 1 || !b.originNode || b.originNode.k !== 'str') return [];
        return [{ span: b.originNode.span, newText: JSON.stringify(`'${req.origins[0]}'`) }];
      }
      const node = b.kind === 's3' ? b.originsNode : b.originNode;
      // serverless.yml `origin: '…'`: one origin in place (several would need `origins:`)
      if (node?.k === 'str') return req.origins.length === 1 ? [{ span: node.span, newText: JSON.stringify(req.origins[0]) }] : [];
      // a YAML block sequence's range ends after its last line break
      const end = node ? node.span.start + text.slice(node.span.start, node.span.end).trimEnd().length : 0;
      return node?.k === 'arr' ? [{ span: { start: node.span.start, end }, newText: list(req.origins) }] : [];
    }
    case 'remove-credentials':
      return b.kind !== 's3' && literal(b.credNode, 'bool') ? [{ span: b.credNode.span, newText: 'false' }] : [];
    case 'set-max-age':
      return literal(b.maxAgeNode, 'num') && Number.isInteger(req.value) ? [{ span: b.maxAgeNode.span, newText: String(req.value) }] : [];
    default:
      return [];
  }
}
