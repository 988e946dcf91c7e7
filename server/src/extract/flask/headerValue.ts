/**
 * The value of a hand-written header: the request Origin (checked or not by the conditions around the
 * write), a literal as werkzeug will send it, or unknown.
 */
import type { Node } from '../../syntax/treeSitter.js';
import type { HeaderValue, OriginCheck, Span } from '../../model/index.js';
import { evaluate, namedChildren, spanOf, type PyValue } from './py.js';
import type { FnCtx } from './handlers.js';
import { originTest, type Guard } from './conditions.js';
import { originNames, requestOrigin } from './requestOrigin.js';

export function headerValue(fc: FnCtx, n: Node, guards: Guard[]): { value: HeaderValue; span: Span; verbatim: boolean } {
  const via = requestOrigin(n, fc.locals);
  if (via) {
    const names = originNames(n, fc.locals);
    let check: OriginCheck | undefined;
    let mentioned = false;
    for (const g of guards) {
      const c = originTest(g.cond, g.positive, names, fc);
      if (c === 'mention') mentioned = true;
      else if (c && (!check || check.kind === 'unknown')) check = c;
    }
    if (!check && mentioned) check = { kind: 'unknown' };
    const value: HeaderValue = check ? { kind: 'request-origin', checked: true, check, via } : { kind: 'request-origin', checked: false, via };
    return { value, span: spanOf(n), verbatim: false };
  }
  const v = evaluate(n, fc.r);
  const lit = literalText(v, fc);
  if (lit !== undefined) {
    const verbatim = v.kind === 'str' && v.verbatim && v.node.id === n.id;
    return { value: { kind: 'literal', text: lit }, span: verbatim && v.kind === 'str' ? v.inner : spanOf(n), verbatim };
  }
  return { value: { kind: 'unknown', reason: v.kind === 'unknown' ? v.reason : v.kind }, span: spanOf(n), verbatim: false };
}

/** What werkzeug will send for a literal value (str() of it). */
function literalText(v: PyValue, fc: FnCtx): string | undefined {
  if (v.kind === 'str') return v.text;
  if (v.kind === 'bool') return v.value ? 'True' : 'False';
  if (v.kind === 'num' && /^-?\d+$/.test(v.raw)) return String(v.value);
  if (v.kind === 'unknown' && v.node.type === 'call') {
    // ', '.join(['GET', 'POST'])
    const f = v.node.childForFieldName('function');
    const args = v.node.childForFieldName('arguments');
    if (f?.type === 'attribute' && f.childForFieldName('attribute')?.text === 'join' && args) {
      const sep = evaluate(f.childForFieldName('object')!, fc.r);
      const a = namedChildren(args);
      const seq = a.length === 1 ? evaluate(a[0], fc.r) : undefined;
      if (sep.kind === 'str' && seq?.kind === 'seq' && seq.items.every((i) => i.kind === 'str')) {
        return seq.items.map((i) => (i.kind === 'str' ? i.text : '')).join(sep.text);
      }
    }
  }
  return undefined;
}
