/**
 * Rule fixes in Go: the options of rs/cors and gin-contrib/cors set in their struct literal or by
 * `cfg.Field = value`; hand-written writes through the shared write fixes (../pyWriteFix.ts: a string inside
 * its quotes, a `Set`/`Add` call copied), except a header added next to `h["X"] = []string{…}`, written here.
 */
import type { FileFacts, FixRequest, TextEdit } from '../../model/index.js';
import { indentAt, isPlainValue, lineEndAt, lineStartAt, removeListElement } from '../common.js';
import type { Decl } from './decls.js';

export const goStr = (s: string): string => JSON.stringify(s);
export const goList = (items: string[]): string => `[]string{${items.map(goStr).join(', ')}}`;

const ORIGINS: Record<Decl['lib'], string> = {
  'rs-cors': 'AllowedOrigins',
  'go-chi-cors': 'AllowedOrigins',
  'gin-contrib-cors': 'AllowOrigins',
  'echo-cors': 'AllowOrigins',
  'gorilla-handlers': 'AllowedOrigins',
  'fiber-cors': 'AllowOrigins',
};

/** gorilla/handlers: options are the arguments of `handlers.CORS(…)`, each a call of the package. */
function gorillaFix(req: FixRequest, text: string, d: Decl): TextEdit[] | undefined {
  const pkg = d.call.callee.k === 'member' ? text.slice(d.call.callee.object.span.start, d.call.callee.object.span.end) : undefined;
  switch (req.kind) {
    case 'set-origins': {
      if (!req.origins.length || !pkg) return [];
      const cur = d.fields.get('AllowedOrigins');
      const validator = d.fields.get('AllowedOriginValidator');
      const arg = `${pkg}.AllowedOrigins(${goList(req.origins)})`;
      // a validator decides alone: it gives way to the list
      if (validator) return cur ? [] : [{ span: validator.span, newText: arg }];
      if (cur) return [{ span: cur.value.span, newText: goList(req.origins) }];
      const last = d.call.args.at(-1);
      if (last) return [{ span: { start: last.span.end, end: last.span.end }, newText: `, ${arg}` }];
      const close = d.call.span.end - 1;
      return text[close] === ')' ? [{ span: { start: close, end: close }, newText: arg }] : [];
    }
    case 'remove-credentials': {
      const c = d.fields.get('AllowCredentials');
      return c ? [{ span: removeListElement(text, c.span), newText: '' }] : [];
    }
    default:
      return undefined;
  }
}

/** A new field in the options literal, after its last element (or first in an empty one). */
function addField(d: Decl, text: string, field: string, value: string): TextEdit[] {
  const m = d.literal;
  if (!m) return [];
  const last = m.entries.at(-1);
  if (last) {
    // keep a multi-line literal multi-line (a trailing comma is there already: Go requires it)
    const after = text.slice(last.span.end, m.span.end);
    if (after.trimStart().startsWith(',')) {
      const comma = last.span.end + after.indexOf(',') + 1;
      const ls = lineStartAt(text, last.span.start);
      const sameLine = lineEndAt(text, last.span.end) >= m.span.end - 1;
      return [{ span: { start: comma, end: comma }, newText: sameLine ? ` ${field}: ${value},` : `\n${indentAt(text, ls)}${field}: ${value},` }];
    }
    return [{ span: { start: last.span.end, end: last.span.end }, newText: `, ${field}: ${value}` }];
  }
  const open = text.indexOf('{', m.span.start);
  if (open < 0 || open >= m.span.end) return [];
  return [{ span: { start: open + 1, end: open + 1 }, newText: `${field}: ${value}` }];
}

export function renderLibFix(req: FixRequest, facts: FileFacts, text: string, d: Decl | undefined): TextEdit[] | undefined {
  if (!d) return undefined;
  if (d.form !== 'New' || d.opaque) return [];
  if (d.lib === 'gorilla-handlers') return gorillaFix(req, text, d);
  const fiber = d.lib === 'fiber-cors';
  switch (req.kind) {
    case 'set-origins': {
      if (!req.origins.length) return [];
      const name = ORIGINS[d.lib];
      // fiber v2: one comma-separated string
      const list = fiber ? goStr(req.origins.join(', ')) : goList(req.origins);
      const funcs = ['AllowOriginsFunc', 'AllowOriginFunc', 'AllowOriginRequestFunc', 'AllowOriginVaryRequestFunc', 'AllowOriginWithContextFunc'];
      const inLiteral = (f: { span: { start: number; end: number } }) => !!d.literal && f.span.start >= d.literal.span.start && f.span.end <= d.literal.span.end;
      const cur = d.fields.get(name);
      // one origin func that decides alone, with no list beside it: the func gives way to the list
      const fns = funcs.filter((f) => d.fields.has(f));
      if (fns.length) return fns.length === 1 && !cur && !d.fields.has('AllowAllOrigins') && inLiteral(d.fields.get(fns[0])!) ? [{ span: d.fields.get(fns[0])!.span, newText: `${name}: ${list}` }] : [];
      const all = d.fields.get('AllowAllOrigins');
      if (all && cur) return [];
      if (all) return inLiteral(all) ? [{ span: all.span, newText: `${name}: ${list}` }] : [];
      if (cur) return [{ span: cur.value.span, newText: list }];
      return addField(d, text, name, list);
    }
    case 'remove-credentials': {
      const c = d.fields.get('AllowCredentials');
      return c ? [{ span: c.value.span, newText: 'false' }] : [];
    }
    case 'set-max-age': {
      const m = d.fields.get('MaxAge');
      if (!m) return [];
      if (d.lib !== 'gin-contrib-cors') return [{ span: m.value.span, newText: String(req.value) }];
      return [{ span: m.value.span, newText: req.value % 3600 === 0 ? `${req.value / 3600} * time.Hour` : `${req.value} * time.Second` }];
    }
    case 'replace-origin-entry': {
      const p = facts.policies.find((x) => x.id === req.policyId);
      const e = p?.origin.kind === 'list' ? p.origin.entries[req.index] : undefined;
      if (!e) return [];
      // fiber: inside the comma-separated string (a whole literal with escapes is not edited)
      if (fiber) return /["`]/.test(text[e.span.start]) || !isPlainValue(req.value) || /[",\\]/.test(req.value) ? [] : [{ span: e.span, newText: req.value }];
      return text[e.span.start - 1] === '"' && text[e.span.end] === '"' ? [{ span: e.span, newText: goStr(req.value).slice(1, -1) }] : [{ span: e.span, newText: goStr(req.value) }];
    }
    default:
      return undefined;
  }
}

/** `h["Vary"] = []string{"Origin"}` next to a subscript write (the shared renderer writes Python there). */
export function addSubscriptHeader(text: string, stmtStart: number, stmtEnd: number, receiver: string, name: string, value: string): TextEdit[] {
  const ls = lineStartAt(text, stmtStart);
  if (!/^[ \t]*$/.test(text.slice(ls, stmtStart))) return [];
  const le = lineEndAt(text, stmtEnd);
  return [{ span: { start: le, end: le }, newText: `\n${indentAt(text, stmtStart)}${receiver}[${goStr(name)}] = ${goList([value])}` }];
}
