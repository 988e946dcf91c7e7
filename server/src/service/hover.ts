/** Hover content: header documentation and the effective policy at a position. Pure. */
import type { CorsPolicy, FileFacts, ListValue, Span } from '../model/index.js';
import { headerDoc } from '../knowledge/headers.js';
import { optionDoc } from '../knowledge/libraries/index.js';

export interface HoverResult {
  markdown: string;
  span: Span;
}

const inside = (s: Span | undefined, off: number) => !!s && s.start <= off && off <= s.end;

export function headerHover(name: string, span: Span): HoverResult | undefined {
  const doc = headerDoc(name);
  if (!doc) return undefined;
  return {
    span,
    markdown: `**${doc.name}** (${doc.kind} header)\n\n${doc.markdown}\n\n[Specification](${doc.spec}) · [MDN](${doc.mdn})`,
  };
}

/** The header name under the cursor in raw text: a run of letters and dashes. */
export function wordAt(text: string, offset: number): { word: string; span: Span } | undefined {
  const isW = (c: string) => /[A-Za-z-]/.test(c);
  let s = offset;
  let e = offset;
  while (s > 0 && isW(text[s - 1])) s--;
  while (e < text.length && isW(text[e])) e++;
  if (e - s < 3 || e - s > 60) return undefined;
  return { word: text.slice(s, e), span: { start: s, end: e } };
}

function listText(v: ListValue | undefined, dflt: string): string {
  if (!v) return dflt;
  switch (v.kind) {
    case 'any':
      return '`*` (any, for requests without credentials)';
    case 'reflect-request':
      return 'whatever the preflight asks for';
    case 'unknown':
      return 'not known statically';
    case 'list':
      return v.items.length ? v.items.map((i) => '`' + i.value + '`').join(', ') : 'none';
  }
}

function originText(p: CorsPolicy): string {
  const o = p.origin;
  switch (o.kind) {
    case 'any':
      return p.credentials === true ? '`*` — any site; the browser rejects it on credentialed requests' : '`*` — any site, for requests without credentials';
    case 'reflect':
      return `**any site**: the request Origin is echoed (${o.via})`;
    case 'list':
      return o.entries.map((e) => '`' + e.value + '`').join(', ') + ' (the matching origin is echoed)';
    case 'pattern':
      return `origins passing a ${o.check.kind} check` + (o.check.entries?.length ? ': ' + o.check.entries.map((e) => '`' + e.value + '`').join(', ') : '');
    case 'static':
      return '`' + o.value + '` (sent as is)';
    case 'predicate':
      return 'decided by custom code';
    case 'null':
      return '`null` — every sandboxed or data: document, on any site';
    case 'unknown':
      return 'not known statically';
  }
}

export function policyMarkdown(p: CorsPolicy): string {
  const rows: [string, string][] = [
    ['Allowed origins', originText(p)],
    ['Credentials', p.credentials === 'unknown' ? 'not known' : p.credentials ? 'allowed (`Access-Control-Allow-Credentials: true`)' : 'not allowed'],
    ['Methods', listText(p.methods, p.handWritten ? 'only GET, HEAD, POST (no Allow-Methods)' : 'library default')],
    ['Request headers', listText(p.allowHeaders, p.handWritten ? 'only CORS-safelisted ones (no Allow-Headers)' : 'library default')],
    ['Exposed headers', listText(p.exposeHeaders, 'only CORS-safelisted response headers')],
    ['Preflight cache', p.maxAge ? `${p.maxAge.value} s (Chromium caps at 7200, Firefox at 86400)` : '5 s (browser default)'],
    ['Vary: Origin', { library: 'added by the library', explicit: 'sent', absent: 'not sent', unknown: 'not known' }[p.vary]],
    ['Sent on', { always: 'every response, errors included', 'success-only': 'successful responses only (not on 4xx/5xx)', 'options-only': 'preflight (OPTIONS) responses only', unknown: 'not known' }[p.emits]],
  ];
  const source = p.library ? `${p.library}` : 'hand-written headers';
  return [
    `**Effective CORS policy** — ${source}, ${p.scope.path.length ? p.scope.path.join(' › ') : p.scope.label}`,
    '',
    '| | |',
    '|---|---|',
    ...rows.map(([k, v]) => `| ${k} | ${v} |`),
  ].join('\n');
}

/** Hover at `offset` given the facts of the file. */
export function hoverFromFacts(facts: FileFacts, text: string, offset: number): HoverResult | undefined {
  // 1. A header name the extractors saw.
  for (const w of facts.headerWrites) if (inside(w.nameSpan, offset)) {
    const h = headerHover(w.name, w.nameSpan);
    if (h) return h;
  }
  for (const m of facts.headerMentions) if (inside(m.span, offset)) {
    const h = headerHover(m.value, m.span);
    if (h) return h;
  }
  // 2. A library option: what it makes the server send.
  for (const m of facts.optionMentions ?? []) if (inside(m.span, offset)) {
    const d = optionDoc(m.library, m.option);
    if (d) return { span: m.span, markdown: `**${d.option}** — ${d.library} ${d.version}\n\n${d.markdown}` + (d.docs ? `\n\n[Documentation](${d.docs})` : '') };
  }
  // 3. A policy value: the smallest policy span around the cursor.
  let best: { p: CorsPolicy; span: Span } | undefined;
  for (const p of facts.policies) {
    for (const s of [p.origin.span, p.credentialsSpan, p.maxAge?.span, p.span]) {
      if (s && inside(s, offset) && (!best || s.end - s.start < best.span.end - best.span.start)) best = { p, span: s };
    }
  }
  for (const w of facts.headerWrites) {
    if (!inside(w.valueSpan, offset)) continue;
    const p = facts.policies.find((pp) => pp.writeIds.includes(w.id));
    if (p && (!best || w.valueSpan!.end - w.valueSpan!.start <= best.span.end - best.span.start)) best = { p, span: w.valueSpan! };
  }
  if (best) return { markdown: policyMarkdown(best.p), span: best.span };
  // 4. Any CORS header name in the text (strings, comments) of a supported file.
  const w = wordAt(text, offset);
  if (w) return headerHover(w.word, w.span);
  return undefined;
}
