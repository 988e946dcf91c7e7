/**
 * Allowlist values (`['https://a.com']`, `new Set([...])`, a constant holding either), and where each entry
 * stands in its array, so that a fix edits the whole element.
 */
import type { CorsPolicy, Valued } from '../../model/index.js';
import type { Node } from '../../syntax/treeSitter.js';
import { memberCall } from './calls.js';
import { stringLit, unwrap } from './literals.js';
import type { OriginCtx } from './originFlow.js';
import { resolveValue } from './resolve.js';

export interface ListInfo {
  kind: 'array' | 'string' | 'opaque-array' | 'unknown';
  entries: Valued<string>[];
}

/** Entries of an allowlist value: `['https://a.com']`, `new Set([...])`, a const holding either. */
export function listEntries(node: Node | null | undefined, ctx: OriginCtx): ListInfo {
  const v = resolveValue(node, ctx);
  if (!v) return { kind: 'unknown', entries: [] };
  const s = stringLit(v);
  if (s) return { kind: 'string', entries: [{ value: s.text, span: s.span }] };
  if (v.type === 'new_expression') {
    const ctor = v.childForFieldName('constructor')?.text;
    const args = v.childForFieldName('arguments');
    const first = args?.namedChildren.find((c) => c && c.type !== 'comment');
    if (ctor === 'Set' && first) {
      const inner = listEntries(first, ctx);
      return inner.kind === 'array' ? inner : { kind: 'opaque-array', entries: [] };
    }
    return { kind: 'unknown', entries: [] };
  }
  if (v.type === 'array') {
    const entries: Valued<string>[] = [];
    for (const el of v.namedChildren) {
      if (!el || el.type === 'comment') continue;
      const es = stringLit(el) ?? stringLit(resolveValue(el, ctx));
      if (es) {
        entries.push({ value: es.text, span: es.span });
        const u = unwrap(el);
        if (u && es.node.equals(u)) ctx.elementSpans.set(es.span.start, { start: el.startIndex, end: el.endIndex });
        else ctx.elementSpans.set(es.span.start, { start: es.node.startIndex, end: es.node.endIndex });
      }
    }
    return { kind: 'array', entries };
  }
  if (v.type === 'call_expression') {
    const mc = memberCall(v);
    if (mc && ['split', 'map', 'filter', 'concat', 'slice'].includes(mc.property)) return { kind: 'opaque-array', entries: [] };
  }
  return { kind: 'unknown', entries: [] };
}

/** List entries found through an allowlist constant: point `elementSpan` at the whole array element. */
export function fixEntrySpans(p: CorsPolicy, ctx: OriginCtx): void {
  if (p.origin.kind !== 'list') return;
  for (const e of p.origin.entries) {
    if (e.elementSpan.start === e.span.start && e.elementSpan.end === e.span.end) {
      const el = ctx.elementSpans.get(e.span.start);
      if (el) e.elementSpan = el;
    }
  }
}
