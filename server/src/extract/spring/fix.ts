/**
 * Rule fixes in Java / Spring syntax: origins set in `allowedOrigins(...)` / `origins = {...}` /
 * `setAllowedOrigins(List.of(...))` (a `*` or an `allowedOriginPatterns("*")` replaced by the explicit list),
 * the credentials call or element removed, one entry replaced or removed, max-age set. Returns [] when the
 * value is not written in place (a constant, a placeholder) or several calls make it.
 */
import type { Expr } from '../../code/index.js';
import type { FileFacts, FixRequest, Span, TextEdit } from '../../model/index.js';
import type { SourceFile } from '../types.js';
import { isPlainValue, removalSpan, removeListElement } from '../common.js';
import { yamlQuote } from '../../syntax/yaml.js';
import { literalsInPlace, type Conf, type Src } from './conf.js';

export type Meta =
  | { kind: 'annotation'; conf: Conf; annotations: (Expr & { k: 'call' })[] }
  | { kind: 'registry'; conf: Conf; insertAt?: Span }
  /** `listImported`: the file imports java.util.List (a fix may write `List.of(...)`). */
  | { kind: 'config'; conf: Conf; listImported: boolean }
  | { kind: 'gateway'; conf: Conf; format: 'yaml' | 'properties' };

export const javaStr = (s: string): string => '"' + s.replace(/\\/g, '\\\\').replace(/"/g, '\\"') + '"';
const args = (origins: string[]) => origins.map(javaStr).join(', ');

function remove(text: string, src: Src): TextEdit {
  if (src.form === 'element') return { span: removeListElement(text, src.holder), newText: '' };
  if (src.form === 'stmt') return { span: removalSpan(text, src.holder), newText: '' };
  return { span: src.holder, newText: '' };
}

/** application.yml: a scalar or flow list rewritten in place. */
function gatewayFix(req: FixRequest, m: Meta): TextEdit[] {
  const c = m.conf;
  switch (req.kind) {
    case 'set-origins': {
      const src = c.origins?.src ?? (c.origins ? undefined : c.patterns?.src);
      if (!src?.inPlace || (c.origins?.src && c.patterns?.src)) return [];
      // application.properties: a comma-separated value, only where the origins are written
      if (m.kind === 'gateway' && m.format === 'properties') return c.origins?.src && req.origins.every((o) => !/[,\s\\]/.test(o)) ? [{ span: src.value, newText: req.origins.join(',') }] : [];
      const value = req.origins.length === 1 ? yamlQuote(req.origins[0]) : `[${req.origins.map(yamlQuote).join(', ')}]`;
      // allowedOriginPatterns: ["*"] → allowedOrigins: [...] (the key is the source's `step`)
      if (!c.origins?.src && !src.step) return [];
      return [...(c.origins?.src ? [] : [{ span: src.step!, newText: 'allowedOrigins' }]), { span: src.value, newText: value }];
    }
    case 'remove-credentials':
      return c.credentials?.src?.inPlace ? [{ span: c.credentials.src.value, newText: 'false' }] : [];
    case 'set-max-age':
      return c.maxAge?.src?.inPlace ? [{ span: c.maxAge.src.value, newText: String(req.value) }] : [];
    default:
      return [];
  }
}

function setOrigins(text: string, m: Meta, origins: string[]): TextEdit[] {
  const o = m.conf.origins;
  const p = m.conf.patterns;
  if (m.kind === 'annotation') return annotationOrigins(text, m, origins);
  if (m.kind === 'registry') {
    if (o?.src && o.src.inPlace && !p?.src) return [{ span: o.src.value, newText: args(origins) }];
    if (!o?.src && p?.src?.inPlace && p.src.step) return [{ span: p.src.step, newText: `allowedOrigins(${args(origins)})` }];
    if (!o?.src && !p && m.insertAt) return [{ span: m.insertAt, newText: `.allowedOrigins(${args(origins)})` }];
    return [];
  }
  if (m.kind !== 'config') return [];
  // CorsConfiguration: one call sets the origins
  const src = o?.src ?? (o ? undefined : p?.src);
  if (!src?.inPlace || !src.step || (o?.src && p?.src)) return [];
  if (origins.length > 1 && !m.listImported) return [];
  return [{ span: src.step, newText: origins.length === 1 ? `addAllowedOrigin(${javaStr(origins[0])})` : `setAllowedOrigins(List.of(${args(origins)}))` }];
}

const ORIGIN_ELEMENTS = new Set(['origins', 'value', 'originPatterns']);

/** `@CrossOrigin`: the origins element of the annotation written last (the method's) rewritten, or added when
 *  no annotation names origins; refused when a `*` or a pattern would stay in the other annotation. */
function annotationOrigins(text: string, m: Meta & { kind: 'annotation' }, origins: string[]): TextEdit[] {
  const value = origins.length === 1 ? javaStr(origins[0]) : `{${args(origins)}}`;
  const own = m.annotations.at(-1)!;
  const others = m.annotations.slice(0, -1);
  const el = (a: Expr & { k: 'call' }) => a.args.filter((x) => ORIGIN_ELEMENTS.has(x.name ?? 'value'));
  // what stays from the class annotation must be plain origins
  for (const o of others) {
    for (const a of el(o)) {
      if (a.name === 'originPatterns') return [];
      if (!literalsInPlace([a.value]) || text.slice(a.value.span.start, a.value.span.end).includes('"*"')) return [];
    }
  }
  const mine = el(own);
  if (mine.length === 1 && mine[0].name !== 'originPatterns' && literalsInPlace([mine[0].value])) return [{ span: mine[0].value.span, newText: value }];
  if (mine.length === 1 && mine[0].name === 'originPatterns') return [{ span: mine[0].span, newText: `origins = ${value}` }];
  if (mine.length || others.some((o) => el(o).length)) return [];
  const end = own.span.end;
  if (text[end - 1] !== ')') return [{ span: { start: end, end }, newText: `(origins = ${value})` }];
  const open = text.indexOf('(', own.callee.span.end);
  if (open < 0 || open >= end) return [];
  return [{ span: { start: open + 1, end: open + 1 }, newText: `origins = ${value}` + (own.args.length ? ', ' : '') }];
}

/** Hand-written writes: the generic renderer (undefined) when every write it edits is a statement of its own
 *  with its name and value in quotes; else nothing (a builder chain's `.header(...)`, `HttpHeaders.VARY`, a
 *  constant's value). */
function handWritten(req: FixRequest, facts: FileFacts, text: string): TextEdit[] | undefined {
  // the entries of a hand-written check are read from a constant's literals: removing one there is not ours
  if (req.kind === 'remove-origin-entry') return [];
  const id = 'writeId' in req ? req.writeId : 'afterWriteId' in req ? req.afterWriteId : undefined;
  const p = 'policyId' in req ? facts.policies.find((x) => x.id === req.policyId) : undefined;
  const ids = id !== undefined ? [id] : p?.handWritten ? p.writeIds : [];
  const writes = facts.headerWrites.filter((w) => ids.includes(w.id));
  const quoted = (s: { start: number } | undefined) => !s || text[s.start - 1] === '"';
  const ok = writes.length > 0 && writes.every((w) => text.slice(w.statementSpan.start, w.statementSpan.end).trimEnd().endsWith(';') && quoted(w.nameSpan) && (w.value.kind !== 'literal' || quoted(w.valueSpan)));
  return ok ? undefined : [];
}

/** One origin entry of a gateway list replaced by a quoted scalar. */
function gatewayEntry(req: FixRequest & { kind: 'replace-origin-entry' }, p: FileFacts['policies'][number], text: string): TextEdit[] {
  if (p.origin.kind !== 'list') return [];
  const e = p.origin.entries[req.index];
  if (!e) return [];
  // a whole quoted YAML scalar is written again quoted; a plain one (or a part of `a,b`) as plain text
  if (/^['"]/.test(text.slice(e.elementSpan.start, e.elementSpan.end)) && e.elementSpan.end - e.elementSpan.start === e.span.end - e.span.start + 2) return [{ span: e.elementSpan, newText: yamlQuote(req.value) }];
  return isPlainValue(req.value) && !req.value.includes(',') ? [{ span: e.span, newText: req.value }] : [];
}

export function renderSpringFix(req: FixRequest, facts: FileFacts, file: SourceFile, meta: Map<string, Meta>): TextEdit[] | undefined {
  const text = file.text;
  if (!('policyId' in req) || facts.policies.find((x) => x.id === req.policyId)?.handWritten) return handWritten(req, facts, text);
  const m = meta.get(req.policyId);
  const p = facts.policies.find((x) => x.id === req.policyId);
  if (!m || !p) return [];
  if (m.kind === 'gateway') return req.kind === 'replace-origin-entry' ? gatewayEntry(req, p, text) : gatewayFix(req, m);
  switch (req.kind) {
    case 'set-origins':
      return req.origins.length ? setOrigins(text, m, req.origins) : [];
    case 'remove-credentials': {
      const src = m.conf.credentials?.src;
      return src && (m.kind !== 'annotation' || m.annotations.length === 1 || src.holder.start >= m.annotations.at(-1)!.span.start) ? [remove(text, src)] : [];
    }
    case 'replace-origin-entry':
    case 'remove-origin-entry': {
      if (p.origin.kind !== 'list') return [];
      const e = p.origin.entries[req.index];
      const src = m.conf.origins?.src;
      if (!e || !src || e.elementSpan.start < src.value.start || e.elementSpan.end > src.value.end) return [];
      if (req.kind === 'replace-origin-entry') return text[e.span.start - 1] === '"' ? [{ span: e.span, newText: javaStr(req.value).slice(1, -1) }] : [{ span: e.elementSpan, newText: javaStr(req.value) }];
      // only from a list written there that keeps another entry
      const inside = p.origin.entries.filter((x) => x.elementSpan.start >= src.value.start && x.elementSpan.end <= src.value.end);
      const listed = src.form !== 'element' || text[src.value.start] === '{';
      return listed && inside.length > 1 ? [{ span: removeListElement(text, e.elementSpan), newText: '' }] : [];
    }
    case 'set-max-age': {
      const src = m.conf.maxAge?.src;
      if (!src?.inPlace) return [];
      return [{ span: src.value, newText: m.kind === 'config' ? `${req.value}L` : String(req.value) }];
    }
    default:
      return [];
  }
}
