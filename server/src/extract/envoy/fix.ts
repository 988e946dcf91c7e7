/** Rule fixes in the YAML of an Istio corsPolicy or an Envoy `cors:` block: the origin list rewritten as exact
 *  matchers (block or flow), credentials set to false, max-age rewritten; nothing where a value is templated
 *  or not a plain scalar. */
import type { FixRequest, TextEdit } from '../../model/index.js';
import { isPlainValue, lineStartAt } from '../common.js';
import type { CorsBlock } from './read.js';

function setOrigins(b: CorsBlock, origins: string[], text: string): TextEdit[] {
  const n = b.originsNode;
  if (n?.k !== 'seq' || !origins.length || !origins.every(isPlainValue)) return [];
  const legacy = b.form === 'istio' && !b.fields.has('allowOrigins');
  const item = (o: string) => (legacy ? JSON.stringify(o) : `exact: ${JSON.stringify(o)}`);
  if (n.flow) return [{ span: n.span, newText: `[${origins.map((o) => (legacy ? item(o) : `{ ${item(o)} }`)).join(', ')}]` }];
  const ls = lineStartAt(text, n.span.start);
  const indent = text.slice(ls, n.span.start);
  if (!/^[ \t]*$/.test(indent) || !n.items.length) return [];
  // a block map item's range runs to the next line: stop at its last character
  let end = n.items[n.items.length - 1].span.end;
  while (end > n.span.start && /\s/.test(text[end - 1])) end--;
  return [{ span: { start: ls, end }, newText: origins.map((o) => `${indent}- ${item(o)}`).join('\n') }];
}

export function renderEnvoyFix(req: FixRequest, b: CorsBlock, text: string): TextEdit[] {
  if (b.broken) return [];
  const field = (istio: string, envoy: string) => b.fields.get(b.form === 'istio' ? istio : envoy)?.value;
  switch (req.kind) {
    case 'set-origins':
      return setOrigins(b, req.origins, text);
    case 'remove-credentials': {
      const v = field('allowCredentials', 'allow_credentials');
      return v?.k === 'scalar' && typeof v.value === 'boolean' ? [{ span: v.span, newText: 'false' }] : [];
    }
    case 'set-max-age': {
      const v = field('maxAge', 'max_age');
      if (v?.k !== 'scalar' || !Number.isInteger(req.value) || req.value < 0) return [];
      return [{ span: v.span, newText: JSON.stringify(b.form === 'istio' ? `${req.value}s` : String(req.value)) }];
    }
    case 'replace-origin-entry': {
      const m = Array.isArray(b.origins) ? b.origins[req.index] : undefined;
      return m?.value.exact && isPlainValue(req.value) ? [{ span: m.value.span, newText: req.value }] : [];
    }
    default:
      return [];
  }
}
