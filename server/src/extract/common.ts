/**
 * Helpers shared by extractors: turning hand-written header writes into a policy, and the generic
 * rendering of fixes from spans (used when an extractor does not render a fix itself).
 */
import type {
  CorsPolicy,
  FileFacts,
  FixRequest,
  HeaderWrite,
  Layer,
  ListValue,
  OriginDecision,
  Scope,
  Span,
  TextEdit,
  Valued,
} from '../model/index.js';
import type { Extractor, SourceFile } from './types.js';

export const H = {
  allowOrigin: 'access-control-allow-origin',
  allowCredentials: 'access-control-allow-credentials',
  allowMethods: 'access-control-allow-methods',
  allowHeaders: 'access-control-allow-headers',
  exposeHeaders: 'access-control-expose-headers',
  maxAge: 'access-control-max-age',
  vary: 'vary',
} as const;


export function sameHeader(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

/** Split a comma-separated header value into items with spans (relative to `valueStart`). */
export function splitList(text: string, valueStart: number | undefined): Valued<string>[] {
  const out: Valued<string>[] = [];
  const re = /[^,\s][^,]*/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const item = m[0].replace(/\s+$/, '');
    const start = (valueStart ?? 0) + m.index;
    out.push({ value: item, span: { start, end: start + item.length } });
  }
  return out;
}

/** The writes of one header that are in force at the end of a sequence (set replaces, add/append add,
 *  unset removes). Order = source order. */
export function effectiveWrites(writes: HeaderWrite[], name: string): HeaderWrite[] {
  let cur: HeaderWrite[] = [];
  for (const w of writes) {
    if (!sameHeader(w.name, name)) continue;
    switch (w.op) {
      case 'set':
        cur = [w];
        break;
      case 'unset':
        cur = [];
        break;
      case 'setifempty':
        if (cur.length === 0) cur = [w];
        break;
      case 'add':
      case 'append':
      case 'merge':
        cur.push(w);
        break;
      case 'edit':
        break;
    }
  }
  return cur;
}

function listFrom(w: HeaderWrite | undefined): ListValue | undefined {
  if (!w) return undefined;
  if (w.value.kind !== 'literal') return { kind: 'unknown', span: w.valueSpan };
  const text = w.value.text.trim();
  if (text === '*') return { kind: 'any', span: w.valueSpan };
  // Items only get exact spans when the value is written verbatim (no escapes) at valueSpan.
  return { kind: 'list', items: splitList(w.value.text, w.valueSpan?.start), span: w.valueSpan };
}

/** Origin decision for one Access-Control-Allow-Origin write. */
export function originFromWrite(w: HeaderWrite): OriginDecision {
  const span = w.valueSpan;
  const v = w.value;
  if (v.kind === 'unknown') return { kind: 'unknown', span };
  if (v.kind === 'request-origin') {
    if (!v.checked) return { kind: 'reflect', span, via: v.via };
    if (v.check && v.check.kind === 'exact' && v.check.entries) {
      return {
        kind: 'list',
        entries: v.check.entries.map((e) => ({ value: e.value, span: e.span, elementSpan: e.span, match: 'exact' as const })),
        tolerance: {},
        span,
      };
    }
    if (v.check && v.check.kind !== 'unknown') return { kind: 'pattern', check: v.check, span };
    return { kind: 'predicate', span };
  }
  const text = v.text;
  if (text === '*') return { kind: 'any', span };
  if (text === 'null') return { kind: 'null', span };
  return { kind: 'static', value: text, span };
}

export interface PolicyBase {
  id: string;
  extractor: string;
  layer: Layer;
  scope: Scope;
  span: Span;
  emits?: CorsPolicy['emits'];
  answersPreflight?: CorsPolicy['answersPreflight'];
}

/**
 * Build the policy that a sequence of hand-written writes (all reaching the same response, in order)
 * produces. Returns undefined when no Access-Control-Allow-Origin is in force.
 */
export function policyFromWrites(writes: HeaderWrite[], base: PolicyBase): CorsPolicy | undefined {
  const acao = effectiveWrites(writes, H.allowOrigin);
  if (acao.length === 0) return undefined;
  const origin: OriginDecision = acao.length === 1 ? originFromWrite(acao[0]) : { kind: 'unknown', span: acao[0].valueSpan };
  const acac = effectiveWrites(writes, H.allowCredentials).at(-1);
  let credentials: CorsPolicy['credentials'] = false;
  if (acac) credentials = acac.value.kind === 'literal' ? acac.value.text === 'true' : 'unknown';
  const methods = effectiveWrites(writes, H.allowMethods).at(-1);
  const allowHeaders = effectiveWrites(writes, H.allowHeaders).at(-1);
  const expose = effectiveWrites(writes, H.exposeHeaders).at(-1);
  const maxAgeW = effectiveWrites(writes, H.maxAge).at(-1);
  const varyWrites = effectiveWrites(writes, H.vary);
  let vary: CorsPolicy['vary'] = 'absent';
  for (const v of varyWrites) {
    if (v.value.kind !== 'literal') vary = vary === 'explicit' ? vary : 'unknown';
    else if (v.value.text.split(',').some((s) => s.trim().toLowerCase() === 'origin' || s.trim() === '*')) vary = 'explicit';
    else if (vary === 'absent') vary = 'absent';
  }
  const used = [...acao, ...(acac ? [acac] : []), ...(methods ? [methods] : []), ...(allowHeaders ? [allowHeaders] : []), ...(expose ? [expose] : []), ...(maxAgeW ? [maxAgeW] : []), ...varyWrites];
  const conds = new Set(acao.map((w) => w.condition ?? 'none'));
  const allAlways = acao.every((w) => w.always === true || w.always === 'n/a');
  return {
    id: base.id,
    extractor: base.extractor,
    layer: base.layer,
    scope: base.scope,
    span: base.span,
    origin,
    credentials,
    credentialsSpan: acac?.valueSpan ?? acac?.statementSpan,
    methods: listFrom(methods),
    allowHeaders: listFrom(allowHeaders),
    exposeHeaders: listFrom(expose),
    maxAge:
      maxAgeW && maxAgeW.value.kind === 'literal' && maxAgeW.valueSpan
        ? { value: maxAgeW.value.text, span: maxAgeW.valueSpan }
        : undefined,
    vary,
    emits: base.emits ?? (conds.size === 1 && conds.has('options-only') ? 'options-only' : allAlways ? 'always' : 'success-only'),
    answersPreflight: base.answersPreflight ?? (methods ? true : 'unknown'),
    handWritten: true,
    writeIds: used.map((w) => w.id),
  };
}

// ---------------------------------------------------------------------------------------------------
// Text helpers for fixes

/** Each item once per span (the first one found), in file order: mentions that several readings of a file
 *  find again (config layers applied per CORS() call, option objects read per call site). */
export function onceBySpan<T extends { span: Span }>(items: readonly T[]): T[] {
  const seen = new Set<string>();
  return items
    .filter((m) => {
      const k = `${m.span.start}:${m.span.end}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    })
    .sort((a, b) => a.span.start - b.span.start);
}

export function lineStartAt(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}
export function lineEndAt(text: string, offset: number): number {
  const i = text.indexOf('\n', offset);
  return i === -1 ? text.length : i;
}
export function indentAt(text: string, offset: number): string {
  const ls = lineStartAt(text, offset);
  return /^[ \t]*/.exec(text.slice(ls))![0];
}

/** Span that removes a statement: whole lines when the statement is alone on its lines, else just it. */
export function removalSpan(text: string, span: Span): Span {
  const ls = lineStartAt(text, span.start);
  const le = lineEndAt(text, span.end);
  const before = text.slice(ls, span.start);
  const after = text.slice(span.end, le);
  if (/^[ \t]*$/.test(before) && /^[ \t;,]*$/.test(after)) {
    return { start: ls, end: le < text.length ? le + 1 : le };
  }
  return span;
}

/** Remove one element of a comma-separated list (brackets not included in `element`). */
export function removeListElement(text: string, element: Span): Span {
  let end = element.end;
  const after = /^\s*,[ \t]*/.exec(text.slice(end));
  if (after) return { start: element.start, end: end + after[0].length };
  let start = element.start;
  const before = /,\s*$/.exec(text.slice(Math.max(0, start - 200), start));
  if (before) start -= before[0].length;
  return { start, end };
}

/** Values that may be put between quotes of any of our formats without escaping. */
export function isPlainValue(v: string): boolean {
  return /^[A-Za-z0-9 ,.:/*_+\-]*$/.test(v);
}

/**
 * Generic fix rendering from spans. Works when the write's value is a literal whose valueSpan is the text
 * inside quotes (or a bare token that the new value can replace as is).
 */
export function renderGenericFix(req: FixRequest, facts: FileFacts, file: SourceFile): TextEdit[] {
  const text = file.text;
  const write = (id: string) => facts.headerWrites.find((w) => w.id === id);
  const policy = (id: string) => facts.policies.find((p) => p.id === id);
  switch (req.kind) {
    case 'replace-text':
      return [{ span: req.span, newText: req.text }];
    case 'set-header-value': {
      const w = write(req.writeId);
      if (!w?.valueSpan || w.value.kind !== 'literal' || !isPlainValue(req.value)) return [];
      return [{ span: w.valueSpan, newText: req.value }];
    }
    case 'set-header-name': {
      const w = write(req.writeId);
      if (!w) return [];
      return [{ span: w.nameSpan, newText: req.name }];
    }
    case 'remove-write': {
      const w = write(req.writeId);
      if (!w) return [];
      return [{ span: removalSpan(text, w.statementSpan), newText: '' }];
    }
    case 'add-header': {
      const w = write(req.afterWriteId);
      if (!w || !w.valueSpan || !isPlainValue(req.value)) return [];
      if (w.value.kind !== 'literal') return [];
      const s = w.statementSpan;
      if (!(w.nameSpan.start >= s.start && w.valueSpan.end <= s.end && w.nameSpan.end <= w.valueSpan.start)) return [];
      const clone =
        text.slice(s.start, w.nameSpan.start) +
        req.name +
        text.slice(w.nameSpan.end, w.valueSpan.start) +
        req.value +
        text.slice(w.valueSpan.end, s.end);
      const le = lineEndAt(text, s.end);
      return [{ span: { start: le, end: le }, newText: '\n' + indentAt(text, s.start) + clone }];
    }
    case 'remove-origin-entry': {
      const p = policy(req.policyId);
      if (!p || p.origin.kind !== 'list') return [];
      const e = p.origin.entries[req.index];
      if (!e) return [];
      return [{ span: removeListElement(text, e.elementSpan), newText: '' }];
    }
    case 'replace-origin-entry': {
      const p = policy(req.policyId);
      if (!p || p.origin.kind !== 'list' || !isPlainValue(req.value)) return [];
      const e = p.origin.entries[req.index];
      if (!e) return [];
      return [{ span: e.span, newText: req.value }];
    }
    case 'set-max-age': {
      const p = policy(req.policyId);
      if (!p?.maxAge) return [];
      return [{ span: p.maxAge.span, newText: String(req.value) }];
    }
    case 'set-origins': {
      // Hand-written: a single fixed origin can replace the value of the one ACAO write.
      const p = policy(req.policyId);
      if (!p || !p.handWritten || req.origins.length !== 1) return [];
      const acao = p.writeIds.map(write).filter((w): w is HeaderWrite => !!w && sameHeader(w.name, H.allowOrigin));
      if (acao.length !== 1 || !acao[0].valueSpan || !isPlainValue(req.origins[0])) return [];
      if (acao[0].value.kind !== 'literal') return [];
      return [{ span: acao[0].valueSpan, newText: req.origins[0] }];
    }
    case 'remove-credentials': {
      const p = policy(req.policyId);
      if (!p || !p.handWritten) return [];
      const ws = p.writeIds.map(write).filter((w): w is HeaderWrite => !!w && sameHeader(w.name, H.allowCredentials));
      return ws.map((w) => ({ span: removalSpan(text, w.statementSpan), newText: '' }));
    }
    case 'set-always':
      return [];
  }
}

/** Unquote a simple string literal token: returns the inner text and the inner span, or undefined. */
export function unquote(raw: string, start: number): { text: string; span: Span } | undefined {
  if (raw.length >= 2 && (raw[0] === '"' || raw[0] === "'") && raw[raw.length - 1] === raw[0]) {
    return { text: raw.slice(1, -1), span: { start: start + 1, end: start + raw.length - 1 } };
  }
  return undefined;
}

/** The folders above a file, its own first, at most `levels` of them (paths with forward slashes): where a
 *  project manifest that governs the file may be (go.mod, pom.xml, appsettings.json). */
export function foldersUp(path: string, levels: number): string[] {
  const out: string[] = [];
  const dirOf = (p: string) => p.slice(0, Math.max(0, p.lastIndexOf('/')));
  for (let dir = dirOf(path); dir && out.length < levels; dir = dirOf(dir)) out.push(dir);
  return out;
}

/** Run an extractor's analysis so that it never throws: a failure becomes a note. */
export function tryExtract(id: string, run: () => Partial<FileFacts> | undefined): Partial<FileFacts> {
  try {
    return run() ?? {};
  } catch (e) {
    return { notes: [`${id} extractor failed: ${e instanceof Error ? e.message : String(e)}`] };
  }
}

/** Render a fix so that it never throws: a failure renders nothing. */
export function tryFix(run: () => TextEdit[] | undefined): TextEdit[] | undefined {
  try {
    return run();
  } catch {
    return [];
  }
}

/** A Python string literal (double quotes) and list of them, for fixes in Python files. */
export const pyStr = (s: string): string => '"' + s.replace(/\\/g, '\\\\').replace(/"/g, '\\"') + '"';
export const pyList = (items: string[]): string => '[' + items.map(pyStr).join(', ') + ']';

/** A Python-source extractor built from one analysis: `facts` of it for extract(), `render` for fixes.
 *  Both never throw. */
export function pythonExtractor<A>(spec: {
  id: string;
  title: string;
  mayContain: RegExp;
  analyze: (file: SourceFile) => A | undefined;
  facts: (a: A) => Partial<FileFacts> | undefined;
  render: (req: FixRequest, facts: FileFacts, file: SourceFile, a: A) => TextEdit[] | undefined;
}): Extractor {
  return {
    id: spec.id,
    title: spec.title,
    languages: ['python'],
    filePatterns: ['**/*.py'],
    grammarFor: () => 'python',
    mayContain: (text) => spec.mayContain.test(text),
    extract: (file) =>
      tryExtract(spec.id, () => {
        const a = spec.analyze(file);
        return a === undefined ? undefined : spec.facts(a);
      }),
    renderFix: (req, facts, file) =>
      tryFix(() => {
        const a = spec.analyze(file);
        return a === undefined ? [] : spec.render(req, facts, file, a);
      }),
  };
}
