/**
 * Rule fixes written in C#: builder calls replaced or removed in the chain (`AllowAnyOrigin()` →
 * `WithOrigins("https://a.example")`, `.AllowCredentials()` removed, `SetPreflightMaxAge(TimeSpan.FromSeconds(7200))`),
 * origin entries edited inside their string literal, Web API 2's origins string rewritten and its
 * `SupportsCredentials = true` removed. Hand-written headers: the generic renderer (undefined).
 */
import type { FileFacts, FixRequest, Span, TextEdit } from '../../model/index.js';
import { removalSpan, removeListElement } from '../common.js';
import type { BuilderCall } from './core.js';
import type { Meta } from './meta.js';

export const csString = (s: string): string => '"' + s.replace(/\\/g, '\\\\').replace(/"/g, '\\"') + '"';
const escapeIn = (s: string): string => s.replace(/\\/g, '\\\\').replace(/"/g, '\\"');

/** The span of `.Name(...)` in a chain: from the end of its receiver to the end of the call. */
function dotted(c: BuilderCall): Span | undefined {
  return c.call.callee.k === 'member' ? { start: c.call.callee.object.span.end, end: c.call.span.end } : undefined;
}

/** Remove one builder call from its chain; a call alone in its statement (`p.AllowCredentials();`) goes
 *  with its line. */
function removeCall(text: string, c: BuilderCall, m: Meta & { kind: 'core' }): TextEdit | undefined {
  const span = dotted(c);
  if (!span || c.call.callee.k !== 'member') return undefined;
  const obj = c.call.callee.object;
  if (obj.k === 'name' && obj.name === m.fn.params[0]?.name) {
    // the first call of a chain: `p.AllowCredentials().X()` → `p.X()`; a whole statement `p.AllowCredentials();`
    const stmt = m.fn.body.find((s) => s.k === 'expr' && s.expr === c.call);
    if (stmt) return m.fn.exprBody ? undefined : { span: removalSpan(text, stmt.span), newText: '' };
    if (m.fn.exprBody && m.fn.body[0]?.k === 'return' && m.fn.body[0].value === c.call) return undefined;
  }
  return { span, newText: '' };
}

/** A hand-written check's entry (`new HashSet<string> { "a", "b" }`): the literal with its quotes, kept
 *  only when another entry stays. */
function removeQuoted(text: string, p: FileFacts['policies'][number], index: number): TextEdit[] {
  if (p.origin.kind !== 'list' || p.origin.entries.length < 2) return [];
  const e = p.origin.entries[index];
  if (!e || text[e.span.start - 1] !== '"' || text[e.span.end] !== '"' || text.slice(e.span.start, e.span.end) !== e.value) return [];
  return [{ span: removeListElement(text, { start: e.span.start - 1, end: e.span.end + 1 }), newText: '' }];
}

export function renderAspNetFix(req: FixRequest, facts: FileFacts, text: string, metas: Map<string, Meta>): TextEdit[] | undefined {
  if (req.kind === 'set-header-name' || req.kind === 'add-header') {
    // a typed property (`Headers.AccessControlAllowOrigin = …`) has no name string to rewrite or copy
    const w = facts.headerWrites.find((x) => x.id === (req.kind === 'add-header' ? req.afterWriteId : req.writeId));
    return w && text[w.nameSpan.start - 1] !== '"' ? [] : undefined;
  }
  if (!('policyId' in req)) return undefined;
  const m = metas.get(req.policyId);
  const p = facts.policies.find((x) => x.id === req.policyId);
  if (!p) return undefined;
  if (!m) return p.handWritten && req.kind === 'remove-origin-entry' ? removeQuoted(text, p, req.index) : undefined;
  if (m.kind === 'webapi') return webApiFix(req, text, m, p);
  switch (req.kind) {
    case 'set-origins': {
      if (!req.origins.length) return [];
      const call = `WithOrigins(${req.origins.map(csString).join(', ')})`;
      const at = m.anyOrigin ?? m.predicate;
      if (at) return [{ span: { start: at.nameSpan.start, end: at.call.span.end }, newText: call }];
      const oc = m.originsCall;
      if (!oc) return [];
      return [{ span: { start: oc.nameSpan.start, end: oc.call.span.end }, newText: call }];
    }
    case 'remove-credentials': {
      if (!m.credCalls.length) return [];
      const edits = m.credCalls.map((c) => removeCall(text, c, m));
      if (edits.some((e) => !e)) return [];
      return (edits as TextEdit[]).sort((a, b) => a.span.start - b.span.start);
    }
    case 'replace-origin-entry': {
      if (p.origin.kind !== 'list') return [];
      const e = p.origin.entries[req.index];
      if (!e) return [];
      const verbatim = text.slice(e.span.start, e.span.end) === e.value && text[e.span.start - 1] === '"' && text[e.span.end] === '"';
      return verbatim ? [{ span: e.span, newText: escapeIn(req.value) }] : [];
    }
    case 'remove-origin-entry': {
      if (p.origin.kind !== 'list' || p.origin.entries.length < 2) return [];
      const e = p.origin.entries[req.index];
      const oc = m.originsCall;
      // only an argument of the WithOrigins call itself (or an element of the array written there)
      if (!e || !oc || e.elementSpan.start < oc.call.span.start || e.elementSpan.end > oc.call.span.end) return [];
      // a string literal written there (not an argument that reads the origins from elsewhere)
      if (!/^@?"/.test(text.slice(e.elementSpan.start, e.elementSpan.end))) return [];
      return [{ span: removeListElement(text, e.elementSpan), newText: '' }];
    }
    case 'set-max-age': {
      const c = m.maxAgeCall;
      const a = c?.call.args[0];
      if (!a || c.call.args.length !== 1) return [];
      return [{ span: a.value.span, newText: `TimeSpan.FromSeconds(${req.value})` }];
    }
    default:
      return [];
  }
}

function webApiFix(req: FixRequest, text: string, m: Meta & { kind: 'webapi' }, p: FileFacts['policies'][number]): TextEdit[] {
  switch (req.kind) {
    case 'set-origins':
      if (!req.origins.length || !m.originsInner) return [];
      return [{ span: m.originsInner, newText: escapeIn(req.origins.join(',')) }];
    case 'remove-credentials':
      return m.credArg ? [{ span: removeListElement(text, m.credArg), newText: '' }] : [];
    case 'replace-origin-entry': {
      if (p.origin.kind !== 'list' || !m.originsInner) return [];
      const e = p.origin.entries[req.index];
      return e && e.span.start >= m.originsInner.start && e.span.end <= m.originsInner.end ? [{ span: e.span, newText: escapeIn(req.value) }] : [];
    }
    case 'set-max-age':
      return m.maxAgeValue ? [{ span: m.maxAgeValue, newText: String(req.value) }] : [];
    default:
      return [];
  }
}
