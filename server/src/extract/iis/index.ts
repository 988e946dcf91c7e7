/**
 * IIS `web.config`: hand-written headers in `<system.webServer><httpProtocol><customHeaders>` and the
 * IIS CORS module (`<system.webServer><cors>`), at the root and in `<location path="...">` scopes.
 *
 * Semantics (Microsoft docs, MicrosoftDocs/iis-docs):
 * - customHeaders: "custom response headers are returned in every response" → always: true. The collection
 *   is keyed by `name`; a second `<add>` of the same name at one level is a configuration error (500.19),
 *   so it is stated as a second write (op 'add') that reaches the same response. `<remove>` / `<clear/>`
 *   drop inherited entries. A `<location path>` merges over the root (config inheritance).
 * - CORS module (cors-module-configuration-reference): `enabled` defaults to false; each `<add origin>` is a
 *   rule with its own allowCredentials / maxAge (default -1 = header not sent) / allowHeaders
 *   (allowAllRequestedHeaders echoes Access-Control-Request-Headers) / allowMethods / exposeHeaders;
 *   `allowed="false"` denies. `*` matches any origin; `https://*.a.com` wildcards the subdomain. With only `*`
 *   rules the module sends `Access-Control-Allow-Origin: *` and no Vary; otherwise it answers per request
 *   origin (and the docs imply it then adds `Vary: Origin`). Origin comparison is case-sensitive (System
 *   Center Orchestrator docs: "IIS CORS uses case-sensitive comparison").
 */
import type {
  CorsPolicy,
  FileFacts,
  FixRequest,
  HeaderWrite,
  ListValue,
  OriginDecision,
  ResponseHeaders,
  Scope,
  Span,
  TextEdit,
  Valued,
} from '../../model/index.js';
import { H, policyFromWrites, sameHeader } from '../common.js';
import type { Extractor, SourceFile } from '../types.js';
import { attribute, childrenNamed, escapeAttributeValue, parseXml, type XmlAttribute, type XmlElement } from '../../syntax/xml.js';

const ID = 'iis';
const LIBRARY = 'iis-cors';

const CORS_ATTRS = ['enabled', 'failUnlistedOrigins'];
const RULE_ATTRS = ['origin', 'allowed', 'allowCredentials', 'maxAge'];
const RULE_CHILDREN = ['allowHeaders', 'allowMethods', 'exposeHeaders'];
const ALLOW_HEADERS_ATTRS = ['allowAllRequestedHeaders'];

/** Header names worth stating as writes: CORS headers, Vary, and names that look like a CORS header
 *  (so that misspellings reach the rules). */
function isCorsRelevant(name: string): boolean {
  const n = name.trim().toLowerCase();
  if (n === 'vary' || n === 'timing-allow-origin' || n === 'origin') return true;
  return /access.?control|allow.?origin|allow.?credential|allow.?method|allow.?header|expose.?header|max.?age/.test(n);
}

function isCorsHeaderName(name: string): boolean {
  const n = name.trim().toLowerCase();
  return /^access-control-[a-z-]+$/.test(n) || n === 'vary' || n === 'timing-allow-origin';
}

/** Attributes that are not options (namespaces, XDT transform directives). */
function isMetaAttribute(a: XmlAttribute): boolean {
  return a.name.startsWith('xmlns') || a.name.includes(':');
}

function boolAttr(a: XmlAttribute | undefined): boolean | 'unknown' | undefined {
  if (!a) return undefined;
  if (a.value === undefined) return 'unknown';
  const v = a.value.trim().toLowerCase();
  return v === 'true' ? true : v === 'false' ? false : 'unknown';
}

interface Ctx {
  scopeKey: string;
  scope: Scope;
}

interface HeaderOp {
  kind: 'add' | 'remove' | 'clear';
  el: XmlElement;
  name?: string;
  write?: HeaderWrite;
  container: XmlElement;
}

interface CorsSection {
  el: XmlElement;
  ops: { kind: 'add' | 'remove' | 'clear'; el: XmlElement; origin?: string }[];
}

interface ScopeData {
  key: string;
  scope: Scope;
  headerOps: HeaderOp[];
  cors: CorsSection[];
}

function normPath(p: string | undefined): string {
  if (p === undefined) return '';
  const t = p.trim().replace(/\\/g, '/').replace(/^\/+|\/+$/g, '');
  return t === '.' ? '' : t;
}

/** Scope keys from the outermost to `key` itself ('' = the whole application). */
function chainOf(key: string, keys: string[]): string[] {
  const lower = key.toLowerCase();
  const out = keys.filter((k) => k === '' || k.toLowerCase() === lower || lower.startsWith(k.toLowerCase() + '/'));
  return out.sort((a, b) => a.length - b.length);
}

/** True when the XDT transform (if any) on this element or an ancestor makes it part of the output. */
function transformWrites(el: XmlElement): boolean {
  for (let e: XmlElement | undefined = el; e; e = e.parent) {
    const t = e.attributes.find((a) => a.name.endsWith(':Transform'))?.value?.trim();
    if (t === undefined) continue;
    return /^(Insert|InsertIfMissing|InsertBefore|InsertAfter|Replace|SetAttributes)\b/.test(t);
  }
  return false;
}

export function extractIis(file: SourceFile): Partial<FileFacts> {
  const text = file.text;
  const notes: string[] = [];
  const headerWrites: HeaderWrite[] = [];
  const policies: CorsPolicy[] = [];
  const responses: ResponseHeaders[] = [];
  const headerMentions: Valued<string>[] = [];
  const doc = parseXml(text);
  if (doc.errors.length) notes.push(`${doc.errors.length} XML error(s), recovered: ${doc.errors[0]}`);
  const root = doc.roots.find((r) => r.name === 'configuration');

  // Hover mentions: any attribute value that is a CORS header name, and URL Rewrite server variables.
  const visit = (el: XmlElement) => {
    for (const a of el.attributes) {
      if (!a.valueSpan || a.raw === undefined) continue;
      const v = a.raw;
      const lead = v.length - v.trimStart().length;
      const trimmed = v.trim();
      if (isCorsHeaderName(trimmed)) {
        headerMentions.push({ value: trimmed, span: { start: a.valueSpan.start + lead, end: a.valueSpan.start + lead + trimmed.length } });
        continue;
      }
      // URL Rewrite server variables: RESPONSE_Access_Control_Allow_Origin, HTTP_ORIGIN ...
      const sv = /^\{?(RESPONSE_|HTTP_)([A-Za-z_-]+)\}?$/.exec(trimmed);
      if (sv) {
        const header = sv[2].replace(/_/g, '-');
        const isResponse = sv[1] === 'RESPONSE_' && isCorsHeaderName(header);
        const isRequest = sv[1] === 'HTTP_' && /^(origin|access-control-request-[a-z-]+)$/i.test(header);
        if (isResponse || isRequest) {
          const s = a.valueSpan.start + lead + (trimmed.startsWith('{') ? 1 : 0) + sv[1].length;
          headerMentions.push({ value: header, span: { start: s, end: s + sv[2].length } });
        }
      }
    }
    el.children.forEach(visit);
  };
  doc.roots.forEach(visit);
  if (!root) return { headerWrites, policies, responses, headerMentions, notes };

  const fileLabel = file.path.split('/').pop() || 'web.config';
  const transform = root.attributes.some((a) => a.name.startsWith('xmlns:') && /XML-Document-Transform/i.test(a.value ?? ''));

  // Collect the system.webServer sections per scope.
  const scopes = new Map<string, ScopeData>();
  const scopeFor = (key: string, label: string, span: Span | undefined): ScopeData => {
    const k = key.toLowerCase();
    let s = scopes.get(k);
    if (!s) {
      const scope: Scope =
        key === ''
          ? { kind: 'file', label: fileLabel, path: ['configuration'] }
          : { kind: 'block', label, path: ['configuration', label], span };
      s = { key, scope, headerOps: [], cors: [] };
      scopes.set(k, s);
    }
    return s;
  };
  const sections: { data: ScopeData; ws: XmlElement }[] = [];
  scopeFor('', '', undefined);
  for (const child of root.children) {
    if (child.name === 'system.webServer') sections.push({ data: scopeFor('', '', undefined), ws: child });
    else if (child.name === 'location') {
      const p = attribute(child, 'path');
      const key = normPath(p?.value);
      const data = scopeFor(key, `location ${key}`, child.span);
      for (const ws of childrenNamed(child, 'system.webServer')) sections.push({ data, ws });
    }
  }

  let wn = 0;
  for (const { data, ws } of sections) {
    for (const hp of childrenNamed(ws, 'httpProtocol')) {
      for (const ch of childrenNamed(hp, 'customHeaders')) {
        for (const el of ch.children) {
          if (el.name === 'clear') {
            if (!transform || transformWrites(el)) data.headerOps.push({ kind: 'clear', el, container: ch });
            continue;
          }
          if (el.name !== 'add' && el.name !== 'remove') continue;
          const nameAttr = attribute(el, 'name');
          if (!nameAttr?.valueSpan || nameAttr.value === undefined) continue;
          const name = nameAttr.value;
          if (!isCorsRelevant(name)) {
            data.headerOps.push({ kind: el.name, el, name, container: ch });
            continue;
          }
          if (transform && !transformWrites(el)) continue;
          const valueAttr = attribute(el, 'value');
          const isAdd = el.name === 'add';
          const w: HeaderWrite = {
            id: `w${++wn}`,
            name,
            nameSpan: nameAttr.valueSpan,
            value: isAdd
              ? valueAttr
                ? valueAttr.value !== undefined
                  ? { kind: 'literal', text: valueAttr.value }
                  : { kind: 'unknown', reason: 'unterminated value' }
                : { kind: 'literal', text: '' }
              : { kind: 'unknown', reason: 'remove' },
            valueSpan: isAdd ? valueAttr?.valueSpan : undefined,
            statementSpan: el.span,
            op: isAdd ? 'add' : 'unset',
            always: true,
            layer: 'server-config',
            scope: data.scope,
            extractor: ID,
          };
          headerWrites.push(w);
          data.headerOps.push({ kind: el.name, el, name, write: w, container: ch });
        }
      }
    }
    for (const cors of childrenNamed(ws, 'cors')) {
      if (transform) {
        notes.push('CORS module settings in a config transform are not modelled');
        continue;
      }
      const sec: CorsSection = { el: cors, ops: [] };
      for (const el of cors.children) {
        if (el.name === 'clear') sec.ops.push({ kind: 'clear', el });
        else if (el.name === 'add' || el.name === 'remove') sec.ops.push({ kind: el.name, el, origin: attribute(el, 'origin')?.value });
      }
      data.cors.push(sec);
    }
  }

  const keys = [...scopes.values()].map((s) => s.key);
  const byKey = (k: string) => scopes.get(k.toLowerCase())!;

  // ---- customHeaders: responses and hand-written policies
  const seenResp = new Set<string>();
  const seenPol = new Set<string>();
  let pn = 0;
  for (const data of scopes.values()) {
    const chain = chainOf(data.key, keys);
    if (!chain.some((k) => byKey(k).headerOps.length > 0)) continue;
    let entries: HeaderOp[] = [];
    for (const k of chain) {
      for (const op of byKey(k).headerOps) {
        if (op.kind === 'clear') entries = [];
        else if (op.kind === 'remove') entries = entries.filter((e) => !sameHeader(e.name ?? '', op.name ?? ''));
        else entries.push(op);
      }
    }
    const writes = entries.map((e) => e.write).filter((w): w is HeaderWrite => !!w);
    if (writes.length === 0) continue;
    const rkey = writes.map((w) => w.id).join(',');
    if (!seenResp.has(rkey)) {
      seenResp.add(rkey);
      responses.push({ scope: data.scope, writeIds: writes.map((w) => w.id) });
    }
    const acao = writes.find((w) => sameHeader(w.name, H.allowOrigin));
    const container = data.headerOps.at(-1)?.container ?? entries.find((e) => e.write === acao)?.container;
    const base = {
      id: 'tmp',
      extractor: ID,
      layer: 'server-config' as const,
      scope: data.scope,
      span: container?.span ?? acao?.statementSpan ?? { start: 0, end: 0 },
      emits: 'always' as const,
      ...(transform ? { answersPreflight: 'unknown' as const } : {}),
    };
    const pol = policyFromWrites(writes, base);
    if (!pol) continue;
    const pkey = pol.writeIds.join(',');
    if (seenPol.has(pkey)) continue;
    seenPol.add(pkey);
    pol.id = `p${++pn}`;
    if (transform) {
      // The base web.config may add what the transform does not mention.
      if (!writes.some((w) => sameHeader(w.name, H.allowCredentials))) pol.credentials = 'unknown';
      if (!writes.some((w) => sameHeader(w.name, H.vary))) pol.vary = 'unknown';
    }
    policies.push(pol);
  }

  // ---- CORS module
  const seenRule = new Map<XmlElement, string>();
  for (const data of scopes.values()) {
    const chain = chainOf(data.key, keys);
    if (data.cors.length === 0) continue;
    let enabled: boolean | 'unknown' | undefined;
    const unknownCorsAttrs: { name: Valued<string>; known: string[] }[] = [];
    let rules: XmlElement[] = [];
    for (const k of chain) {
      for (const sec of byKey(k).cors) {
        const en = boolAttr(attribute(sec.el, 'enabled'));
        if (en !== undefined) enabled = en;
        if (k.toLowerCase() === data.key.toLowerCase()) {
          for (const a of sec.el.attributes) {
            if (a.valueSpan && !isMetaAttribute(a) && !CORS_ATTRS.includes(a.name)) unknownCorsAttrs.push({ name: { value: a.name, span: a.nameSpan }, known: CORS_ATTRS });
          }
        }
        for (const op of sec.ops) {
          if (op.kind === 'clear') rules = [];
          else if (op.kind === 'remove') rules = rules.filter((r) => attribute(r, 'origin')?.value !== op.origin);
          else rules.push(op.el);
        }
      }
    }
    if (enabled === false) continue;
    if (enabled !== true && unknownCorsAttrs.length === 0) {
      notes.push(`CORS module rules in ${data.scope.label} without enabled="true" (disabled unless a parent config enables it)`);
      continue;
    }
    const allowedRules = rules.filter((r) => {
      const o = attribute(r, 'origin')?.value;
      return o !== undefined && o.trim() !== '' && boolAttr(attribute(r, 'allowed')) !== false;
    });
    const onlyStar = allowedRules.every((r) => attribute(r, 'origin')?.value?.trim() === '*');
    let first = true;
    for (const r of allowedRules) {
      if (boolAttr(attribute(r, 'allowed')) === 'unknown') continue;
      const pol = rulePolicy(r, data.scope, onlyStar);
      if (!pol) continue;
      if (first && unknownCorsAttrs.length) pol.unknownOptions = [...unknownCorsAttrs, ...(pol.unknownOptions ?? [])];
      first = false;
      const sig = JSON.stringify({ o: pol.origin, v: pol.vary, c: pol.credentials, u: pol.unknownOptions?.length ?? 0 });
      if (seenRule.get(r) === sig) continue;
      seenRule.set(r, sig);
      pol.id = `p${++pn}`;
      policies.push(pol);
    }
  }

  return { headerWrites, policies, responses, headerMentions, notes };
}

function collectionList(el: XmlElement | undefined, itemAttr: string, unknown: { name: Valued<string>; known: string[] }[]): ListValue | undefined {
  if (!el) return undefined;
  let items: Valued<string>[] = [];
  for (const c of el.children) {
    if (c.name === 'clear') items = [];
    else if (c.name === 'add' || c.name === 'remove') {
      for (const a of c.attributes) {
        if (a.valueSpan && !isMetaAttribute(a) && a.name !== itemAttr) unknown.push({ name: { value: a.name, span: a.nameSpan }, known: [itemAttr] });
      }
      const a = attribute(c, itemAttr);
      if (!a?.valueSpan || a.value === undefined) continue;
      if (c.name === 'remove') items = items.filter((i) => i.value.toLowerCase() !== a.value!.toLowerCase());
      else {
        const lead = a.raw !== undefined && a.raw === a.value ? a.raw.length - a.raw.trimStart().length : 0;
        const v = a.value.trim();
        const span = a.raw === a.value ? { start: a.valueSpan.start + lead, end: a.valueSpan.start + lead + v.length } : a.valueSpan;
        items.push({ value: v, span });
      }
    }
  }
  return { kind: 'list', items, span: el.nameSpan };
}

function rulePolicy(r: XmlElement, scope: Scope, onlyStar: boolean): CorsPolicy | undefined {
  const originAttr = attribute(r, 'origin');
  if (!originAttr?.valueSpan || originAttr.value === undefined) return undefined;
  const origin = originAttr.value.trim();
  const span = originAttr.valueSpan;
  const unknownOptions: { name: Valued<string>; known: string[] }[] = [];
  for (const a of r.attributes) {
    if (a.valueSpan && !isMetaAttribute(a) && !RULE_ATTRS.includes(a.name)) unknownOptions.push({ name: { value: a.name, span: a.nameSpan }, known: RULE_ATTRS });
  }
  for (const c of r.children) {
    if (!RULE_CHILDREN.includes(c.name)) unknownOptions.push({ name: { value: c.name, span: c.nameSpan }, known: RULE_CHILDREN });
  }
  const credAttr = attribute(r, 'allowCredentials');
  const cred = boolAttr(credAttr);
  const credentials: CorsPolicy['credentials'] = cred === undefined ? false : cred;

  let decision: OriginDecision;
  let vary: CorsPolicy['vary'] = onlyStar ? 'absent' : 'library';
  if (origin === '*') {
    // Only `*` rules: the module sends `*` itself. Next to specific rules it answers per request origin;
    // with credentials that is an echo of any origin, without them it is equivalent to `*`.
    decision = !onlyStar && credentials === true ? { kind: 'reflect', span, via: 'IIS CORS origin="*" beside specific origin rules' } : { kind: 'any', span };
  } else if (/^[a-z][a-z0-9+.-]*:\/\/\*(:\d+)?$/i.test(origin)) {
    // `http://*`: any origin of that scheme.
    const prefix = origin.slice(0, origin.indexOf('://') + 3);
    decision = { kind: 'pattern', check: { kind: 'prefix', entries: [{ value: prefix, span }] }, span };
  } else {
    decision = {
      kind: 'list',
      entries: [{ value: origin, span, elementSpan: r.span, match: 'exact' }],
      tolerance: { wildcardSubdomains: true },
      span,
    };
  }

  const maxAttr = attribute(r, 'maxAge');
  const maxAge = maxAttr?.valueSpan && maxAttr.value !== undefined && maxAttr.value.trim() !== '-1' ? { value: maxAttr.value.trim(), span: maxAttr.valueSpan } : undefined;

  const ahEl = childrenNamed(r, 'allowHeaders')[0];
  let allowHeaders: ListValue;
  if (ahEl) {
    for (const a of ahEl.attributes) {
      if (a.valueSpan && !isMetaAttribute(a) && !ALLOW_HEADERS_ATTRS.includes(a.name)) unknownOptions.push({ name: { value: a.name, span: a.nameSpan }, known: ALLOW_HEADERS_ATTRS });
    }
    const all = boolAttr(attribute(ahEl, 'allowAllRequestedHeaders'));
    if (all === true) allowHeaders = { kind: 'reflect-request', span: attribute(ahEl, 'allowAllRequestedHeaders')!.span };
    else if (all === 'unknown') allowHeaders = { kind: 'unknown', span: ahEl.nameSpan };
    else allowHeaders = collectionList(ahEl, 'header', unknownOptions)!;
  } else {
    // allowAllRequestedHeaders defaults to false and the collection is empty: no request header is allowed.
    allowHeaders = { kind: 'list', items: [] };
  }
  const methods = collectionList(childrenNamed(r, 'allowMethods')[0], 'method', unknownOptions) ?? { kind: 'unknown' };
  const exposeHeaders = collectionList(childrenNamed(r, 'exposeHeaders')[0], 'header', unknownOptions);

  return {
    id: 'tmp',
    extractor: ID,
    library: LIBRARY,
    layer: 'server-config',
    scope,
    span: r.span,
    origin: decision,
    credentials,
    credentialsSpan: credAttr?.span,
    methods,
    allowHeaders,
    exposeHeaders,
    maxAge,
    vary,
    emits: 'unknown',
    answersPreflight: true,
    handWritten: false,
    writeIds: [],
    unknownOptions: unknownOptions.length ? unknownOptions : undefined,
  };
}

// ---------------------------------------------------------------------------------------------------
// Fixes

function lineBounds(text: string, offset: number): { start: number; end: number; eol: string } {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  let end = text.indexOf('\n', offset);
  if (end === -1) end = text.length;
  const crlf = end > 0 && text[end - 1] === '\r' && end < text.length;
  return { start, end: crlf ? end - 1 : end, eol: crlf ? '\r\n' : '\n' };
}

function fileEol(text: string): string {
  return /\r\n/.test(text) ? '\r\n' : '\n';
}

/** Remove an element: its whole line(s) when it stands alone there (CRLF aware), else just the element. */
function removeElement(text: string, span: Span): Span {
  const a = lineBounds(text, span.start);
  const b = lineBounds(text, span.end);
  const before = text.slice(a.start, span.start);
  const after = text.slice(span.end, b.end);
  if (/^[ \t]*$/.test(before) && /^[ \t]*$/.test(after)) {
    const nl = text.indexOf('\n', span.end);
    return { start: a.start, end: nl === -1 ? text.length : nl + 1 };
  }
  return span;
}

/** Insert `snippet` as a sibling after `el` (own line with the same indentation when `el` has its own line). */
function insertAfter(text: string, elSpan: Span, snippet: string): TextEdit {
  const a = lineBounds(text, elSpan.start);
  const b = lineBounds(text, elSpan.end);
  const indent = /^[ \t]*/.exec(text.slice(a.start))![0];
  const alone = /^[ \t]*$/.test(text.slice(a.start, elSpan.start)) && /^[ \t]*$/.test(text.slice(elSpan.end, b.end));
  if (alone) return { span: { start: b.end, end: b.end }, newText: (b.end === text.length ? fileEol(text) : b.eol) + indent + snippet };
  return { span: { start: elSpan.end, end: elSpan.end }, newText: snippet };
}

interface Located {
  el: XmlElement;
  attr: (n: string) => XmlAttribute | undefined;
}

/** Find the element whose span is exactly `span` (re-parse; facts hold no syntax trees). */
function elementAt(text: string, span: Span): Located | undefined {
  const doc = parseXml(text);
  let found: XmlElement | undefined;
  const walk = (e: XmlElement) => {
    if (found) return;
    if (e.span.start === span.start && e.span.end === span.end) found = e;
    else e.children.forEach(walk);
  };
  doc.roots.forEach(walk);
  return found ? { el: found, attr: (n) => attribute(found!, n) } : undefined;
}

function setAttr(a: XmlAttribute | undefined, value: string): TextEdit[] {
  if (!a?.valueSpan) return [];
  return [{ span: a.valueSpan, newText: escapeAttributeValue(value, a.quote ?? '"') }];
}

/** Span removing ` attr="..."` including the whitespace before it. */
function attrRemoval(text: string, a: XmlAttribute): Span {
  let s = a.span.start;
  while (s > 0 && /\s/.test(text[s - 1])) s--;
  return { start: s, end: a.span.end };
}

function renderIisFix(req: FixRequest, facts: FileFacts, file: SourceFile): TextEdit[] | undefined {
  const text = file.text;
  const write = (id: string) => facts.headerWrites.find((w) => w.id === id);
  const policy = (id: string) => facts.policies.find((p) => p.id === id);
  switch (req.kind) {
    case 'set-header-value': {
      const w = write(req.writeId);
      if (!w || w.op === 'unset') return [];
      const loc = elementAt(text, w.statementSpan);
      if (!loc) return [];
      const v = loc.attr('value');
      if (v) return setAttr(v, req.value);
      const n = loc.attr('name');
      if (!n) return [];
      return [{ span: { start: n.span.end, end: n.span.end }, newText: ` value="${escapeAttributeValue(req.value)}"` }];
    }
    case 'set-header-name': {
      const w = write(req.writeId);
      if (!w) return [];
      const loc = elementAt(text, w.statementSpan);
      return loc ? setAttr(loc.attr('name'), req.name) : [];
    }
    case 'remove-write': {
      const w = write(req.writeId);
      if (!w) return [];
      return [{ span: removeElement(text, w.statementSpan), newText: '' }];
    }
    case 'add-header': {
      const w = write(req.afterWriteId);
      if (!w) return [];
      const loc = elementAt(text, w.statementSpan);
      const q = loc?.attr('name')?.quote ?? '"';
      const close = loc?.el.selfClosing && /\s\/>$/.test(text.slice(w.statementSpan.start, w.statementSpan.end)) ? ' />' : '/>';
      const snippet = `<add name=${q}${escapeAttributeValue(req.name, q)}${q} value=${q}${escapeAttributeValue(req.value, q)}${q}${close}`;
      return [insertAfter(text, w.statementSpan, snippet)];
    }
    case 'set-always':
      // customHeaders are sent on every response already; IIS has no such switch.
      return [];
    case 'set-origins': {
      const p = policy(req.policyId);
      if (!p || req.origins.length === 0) return [];
      if (p.handWritten) {
        if (req.origins.length !== 1) return [];
        const acao = p.writeIds.map(write).filter((w): w is HeaderWrite => !!w && sameHeader(w.name, H.allowOrigin));
        if (acao.length !== 1) return [];
        return renderIisFix({ kind: 'set-header-value', writeId: acao[0].id, value: req.origins[0] }, facts, file);
      }
      if (p.library !== LIBRARY) return [];
      const loc = elementAt(text, p.span);
      const o = loc?.attr('origin');
      if (!loc || !o?.valueSpan) return [];
      const edits = setAttr(o, req.origins[0]);
      // Each further origin becomes a copy of this rule (same credentials, max-age, headers, methods).
      const elText = text.slice(p.span.start, p.span.end);
      const rel = { start: o.valueSpan.start - p.span.start, end: o.valueSpan.end - p.span.start };
      for (const extra of req.origins.slice(1).reverse()) {
        const clone = elText.slice(0, rel.start) + escapeAttributeValue(extra, o.quote ?? '"') + elText.slice(rel.end);
        edits.push(insertAfter(text, p.span, clone));
      }
      return edits;
    }
    case 'remove-credentials': {
      const p = policy(req.policyId);
      if (!p) return [];
      if (p.handWritten) {
        const ws = p.writeIds.map(write).filter((w): w is HeaderWrite => !!w && sameHeader(w.name, H.allowCredentials) && w.op !== 'unset');
        return ws.map((w) => ({ span: removeElement(text, w.statementSpan), newText: '' }));
      }
      if (p.library !== LIBRARY) return [];
      const loc = elementAt(text, p.span);
      const c = loc?.attr('allowCredentials');
      if (!c) return [];
      return [{ span: attrRemoval(text, c), newText: '' }];
    }
    case 'replace-origin-entry': {
      const p = policy(req.policyId);
      if (!p || p.library !== LIBRARY || p.origin.kind !== 'list' || req.index !== 0) return p?.library === LIBRARY ? [] : undefined;
      const loc = elementAt(text, p.span);
      return loc ? setAttr(loc.attr('origin'), req.value) : [];
    }
    case 'remove-origin-entry': {
      const p = policy(req.policyId);
      if (!p || p.library !== LIBRARY || p.origin.kind !== 'list' || req.index !== 0) return p?.library === LIBRARY ? [] : undefined;
      return [{ span: removeElement(text, p.span), newText: '' }];
    }
    case 'set-max-age': {
      const p = policy(req.policyId);
      if (!p?.maxAge || !Number.isInteger(req.value)) return [];
      return [{ span: p.maxAge.span, newText: String(req.value) }];
    }
    case 'replace-text': {
      // Renaming an element (a misspelled CORS module child element) renames its end tag too.
      const doc = parseXml(text);
      let el: XmlElement | undefined;
      const walk = (e: XmlElement) => {
        if (!el && e.nameSpan.start === req.span.start && e.nameSpan.end === req.span.end) el = e;
        else e.children.forEach(walk);
      };
      doc.roots.forEach(walk);
      if (!el) return undefined;
      if (!/^[A-Za-z_][\w.-]*$/.test(req.text)) return [];
      const edits: TextEdit[] = [{ span: req.span, newText: req.text }];
      if (el.endNameSpan) edits.push({ span: el.endNameSpan, newText: req.text });
      return edits;
    }
  }
}

const extractor: Extractor = {
  id: ID,
  title: 'IIS web.config (customHeaders, CORS module)',
  languages: ['xml'],
  filePatterns: ['**/web.config', '**/Web.config', '**/web.*.config', '**/Web.*.config'],
  mayContain(text) {
    return /access[-_]?control|allow[-_]origin|<cors[\s>/]/i.test(text);
  },
  extract(file) {
    try {
      return extractIis(file);
    } catch (e) {
      return { notes: [`iis extractor failed: ${(e as Error)?.message ?? e}`] };
    }
  },
  renderFix(req, facts, file) {
    try {
      return renderIisFix(req, facts, file);
    } catch {
      return [];
    }
  },
};

export default extractor;
