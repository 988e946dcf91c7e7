/**
 * The CORS header names a file mentions, for hovers: quoted names confirmed on the tree, names written as
 * object keys, and `Origin` inside a Vary value.
 */
import type { HeaderWrite, Span, Valued } from '../../model/index.js';
import type { Node } from '../../syntax/treeSitter.js';
import { H, sameHeader } from '../common.js';
import { callArgs, memberCall } from './calls.js';
import { stringLit } from './literals.js';

const HEADER_CALLS = new Set(['header', 'get', 'set', 'setHeader', 'getHeader', 'append', 'appendHeader', 'removeHeader', 'hasHeader', 'has', 'vary']);

/** CORS header names written in the file (for hovers). */
export function mentions(root: Node, writes: HeaderWrite[], text: string): Valued<string>[] {
  const out: Valued<string>[] = [];
  const seen = new Set<number>();
  const push = (value: string, s: Span) => {
    if (seen.has(s.start)) return;
    seen.add(s.start);
    out.push({ value, span: s });
  };
  // Candidates are found in the raw text (a whole quoted string), then confirmed on the tree.
  const re = /(['"`])(access-control-[a-z-]+|vary|timing-allow-origin|origin)\1/gi;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    re.lastIndex = m.index + m[0].length - 1; // the closing quote may open the next string
    const n = root.descendantForIndex(m.index, m.index + m[0].length);
    const strNode = n?.type === 'string' || n?.type === 'template_string' ? n : undefined;
    if (!strNode || strNode.startIndex !== m.index) continue;
    const s = stringLit(strNode);
    if (!s || !s.verbatim) continue;
    const t = s.text;
    if (/^access-control-[a-z-]+$/i.test(t) || /^(vary|timing-allow-origin)$/i.test(t)) push(t, s.span);
    else if (/^origin$/i.test(t)) {
      // only where it names a header: req.header('Origin'), req.headers['origin'], res.vary('Origin')
      const p = s.node.parent;
      const call = p?.type === 'arguments' ? p.parent : undefined;
      const mc = call ? memberCall(call) : undefined;
      const inHeaderCall = !!mc && HEADER_CALLS.has(mc.property) && callArgs(call!)[0]?.equals(s.node);
      const inHeaders = p?.type === 'subscript_expression' && /\.headers?$/.test(p.childForFieldName('object')?.text ?? '');
      if (inHeaderCall || inHeaders) push(t, s.span);
    }
  }
  for (const w of writes) {
    if (w.id.includes('-acao') || w.id.includes('-acac')) continue;
    // names written as bare object keys ({ Vary: 'Origin' })
    if (/^[\w-]+$/.test(w.name) && text.slice(w.nameSpan.start, w.nameSpan.end) === w.name) push(w.name, w.nameSpan);
    if (sameHeader(w.name, H.vary) && w.value.kind === 'literal' && w.valueSpan && w.valueSpan.end - w.valueSpan.start === w.value.text.length) {
      const re = /[^,\s]+/g;
      for (let m = re.exec(w.value.text); m; m = re.exec(w.value.text)) {
        if (m[0].toLowerCase() === 'origin') push(m[0], { start: w.valueSpan.start + m.index, end: w.valueSpan.start + m.index + m[0].length });
      }
    }
  }
  out.sort((a, b) => a.span.start - b.span.start);
  return out;
}
