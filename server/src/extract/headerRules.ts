/**
 * Path-scoped header rules — `{ source, headers: [{ key, value }] }` as next.config `headers()`, vercel.json and
 * firebase.json write them, or a name → value object (Azure Static Web Apps) — turned into facts: each header a
 * write, the rules of one source one response and (with an Allow-Origin) one policy of that path. The reader of
 * each format gives the entries; what the platform does with them (a later entry of the same source replacing a
 * key, inherited global headers) is said by the entry order and `inherits`.
 */
import type { CorsPolicy, FileFacts, HeaderWrite, OptionMention, ResponseHeaders, Scope, Span } from '../model/index.js';
import { effectiveWrites, H, policyFromWrites } from './common.js';
import { isCorsWriteName } from '../knowledge/headerNames.js';

export interface HeaderItem {
  key: string;
  keySpan: Span;
  /** The value when it is a literal string (with its exact span), else undefined. */
  value?: { text: string; span: Span; exact: boolean };
  /** Where the value is written, known or not. */
  valueAt: Span;
  /** The `{ key, value }` object (or the `"name": "value"` property). */
  span: Span;
  /** How the platform applies it: `set` (default; a later one of the same key replaces it), `add` (sent as a
   *  second value, as a repeated `_headers` line), `unset` (removes the header, Cloudflare's `! Name`). */
  op?: 'set' | 'add' | 'unset';
}

export interface ConfigEntry {
  /** The entry object. */
  span: Span;
  /** The path pattern, when it is a literal. */
  source?: string;
  /** The entry applies only to some requests (`has` / `missing`, or an entry not fully read). */
  conditional: boolean;
  items: HeaderItem[];
  /** The option keys written in the entry and its header objects (for hovers). */
  options: { name: string; span: Span }[];
  /** Headers sent first on this entry's responses, which its own items override (Azure `globalHeaders`). */
  inherits?: ConfigEntry;
}

export interface RuleFormat {
  extractor: string;
  /** Library id of the option hovers (knowledge/libraries). */
  library: string;
  /** The first element of each scope's path, e.g. `next.config`. */
  file: string;
  /** Prefix of write and policy ids. */
  prefix: string;
}

/** A value with a `:name` of the path pattern in it (path-to-regexp, next.config and vercel.json): the platform
 *  fills it in per request, so it is known only at run time (`https://` is no parameter). */
export const hasPathParam = (value: string): boolean => /:(?!\/\/)[A-Za-z_]/.test(value);

/** Facts of the entries, in the order the platform applies them. */
export function ruleFacts(entries: ConfigEntry[], f: RuleFormat): Partial<FileFacts> {
  const writes: HeaderWrite[] = [];
  const mentions: OptionMention[] = [];
  const made = new Map<HeaderItem, HeaderWrite>();
  const groups = new Map<string, { scope: Scope; entry: ConfigEntry; writes: HeaderWrite[] }>();
  const writeOf = (it: HeaderItem, e: ConfigEntry, scope: Scope): HeaderWrite => {
    let w = made.get(it);
    if (w) return w;
    w = {
      id: `${f.prefix}${made.size + 1}`,
      name: it.key,
      nameSpan: it.keySpan,
      value: it.value ? { kind: 'literal', text: it.value.text } : { kind: 'unknown', reason: 'not a literal' },
      valueSpan: it.value?.span ?? it.valueAt,
      statementSpan: it.span,
      op: it.op ?? 'set',
      always: 'n/a',
      layer: 'app',
      scope,
      extractor: f.extractor,
    };
    if (e.conditional) w.condition = 'conditional';
    made.set(it, w);
    writes.push(w);
    return w;
  };
  for (const [i, e] of entries.entries()) {
    for (const o of e.options) mentions.push({ span: o.span, library: f.library, option: o.name });
    const label = e.source ?? `entry ${i + 1}`;
    const group = groups.get(label) ?? { scope: { kind: 'route', label, path: [f.file, label], span: e.span }, entry: e, writes: [] };
    groups.set(label, group);
    const own = e.items.filter((x) => isCorsWriteName(x.key));
    if (e.inherits && own.length) {
      for (const it of e.inherits.items.filter((x) => isCorsWriteName(x.key))) group.writes.push(writeOf(it, e.inherits, group.scope));
    }
    for (const it of own) group.writes.push(writeOf(it, e, group.scope));
  }
  const policies: CorsPolicy[] = [];
  const responses: ResponseHeaders[] = [];
  for (const g of groups.values()) {
    const names = new Set(g.writes.map((w) => w.name.toLowerCase()));
    const sent = new Set([...names].flatMap((nm) => effectiveWrites(g.writes, nm)));
    const ids = g.writes.filter((w) => sent.has(w)).map((w) => w.id);
    if (ids.length) responses.push({ scope: g.scope, writeIds: ids });
    const p = effectiveWrites(g.writes, H.allowOrigin).length
      ? policyFromWrites(g.writes, { id: `${f.prefix}p${policies.length + 1}`, extractor: f.extractor, layer: 'app', scope: g.scope, span: g.entry.span, answersPreflight: 'unknown' })
      : undefined;
    if (p) policies.push(p);
  }
  return { headerWrites: writes, policies, responses, optionMentions: mentions, headerMentions: writes.map((w) => ({ value: w.name, span: w.nameSpan })) };
}

/** The value of a write is a string literal written in place (its span is the inside of the quotes). */
export function quoted(text: string, w: HeaderWrite): boolean {
  const s = w.valueSpan;
  const q = s ? text[s.start - 1] : undefined;
  return !!s && w.value.kind === 'literal' && (q === "'" || q === '"') && text[s.end] === q;
}
