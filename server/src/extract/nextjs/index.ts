/**
 * Next.js config headers: `headers()` in next.config.{js,mjs,cjs,ts,mts} (config.ts reads the entries).
 * Semantics (knowledge/libraries/nextjs.ts, read in Next.js 16.0 and 13.x, the same loop): every entry whose `source` matches applies, in
 * order, and a later entry replaces a header an earlier one set. Entries with the same `source` therefore
 * make one response together; entries with different sources are policies of their own paths (an overlap
 * of two patterns is not computed: a header one adds for part of the other's paths is not combined).
 */
import { codeOf, JS_TABLE } from '../../code/index.js';
import type { CorsPolicy, FileFacts, FixRequest, HeaderWrite, OptionMention, ResponseHeaders, Scope, TextEdit } from '../../model/index.js';
import { corsLike, effectiveWrites, H, policyFromWrites, tryExtract, tryFix } from '../common.js';
import { jsGrammarFor, JS_LANGUAGES } from '../jsCalls.js';
import { insertAfterEntry, jsLiteral, quoteOf, removeEntry } from '../jsFix.js';
import type { Extractor, SourceFile } from '../types.js';
import { configEntries, type ConfigEntry } from './config.js';

const ID = 'nextjs';
const LIBRARY = 'nextjs';

function analyze(file: SourceFile): Partial<FileFacts> | undefined {
  const tree = file.tree(jsGrammarFor(file));
  if (!tree) return undefined;
  const entries = configEntries(codeOf(tree.rootNode, file.text, JS_TABLE));
  const writes: HeaderWrite[] = [];
  const mentions: OptionMention[] = [];
  const bySource = new Map<string, { scope: Scope; entry: ConfigEntry; writes: HeaderWrite[] }>();
  let n = 0;
  for (const [i, e] of entries.entries()) {
    for (const o of e.options) mentions.push({ span: o.span, library: LIBRARY, option: o.name });
    const label = e.source ?? `entry ${i + 1}`;
    const group = bySource.get(label) ?? { scope: { kind: 'route', label, path: ['next.config', label], span: e.span }, entry: e, writes: [] };
    bySource.set(label, group);
    for (const it of e.items.filter((x) => corsLike(x.key))) {
      const w: HeaderWrite = {
        id: `nx${++n}`,
        name: it.key,
        nameSpan: it.keySpan,
        value: it.value ? { kind: 'literal', text: it.value.text } : { kind: 'unknown', reason: 'not a literal' },
        valueSpan: it.value?.span ?? it.valueAt,
        statementSpan: it.span,
        op: 'set',
        always: 'n/a',
        layer: 'app',
        scope: group.scope,
        extractor: ID,
      };
      if (e.conditional) w.condition = 'conditional';
      writes.push(w);
      group.writes.push(w);
    }
  }
  const policies: CorsPolicy[] = [];
  const responses: ResponseHeaders[] = [];
  for (const g of bySource.values()) {
    const names = new Set(g.writes.map((w) => w.name.toLowerCase()));
    const ids = g.writes.filter((w) => [...names].some((nm) => effectiveWrites(g.writes, nm).includes(w))).map((w) => w.id);
    if (ids.length) responses.push({ scope: g.scope, writeIds: ids });
    const acao = effectiveWrites(g.writes, H.allowOrigin);
    const p = acao.length
      ? policyFromWrites(g.writes, { id: `nxp${policies.length + 1}`, extractor: ID, layer: 'app', scope: g.scope, span: g.entry.span, answersPreflight: 'unknown' })
      : undefined;
    if (p) policies.push(p);
  }
  return { headerWrites: writes, policies, responses, optionMentions: mentions, headerMentions: writes.map((w) => ({ value: w.name, span: w.nameSpan })) };
}

/** The value of a write is a string literal written in place (its span is the inside of the quotes). */
function quoted(text: string, w: HeaderWrite): boolean {
  const s = w.valueSpan;
  const q = s ? text[s.start - 1] : undefined;
  return !!s && w.value.kind === 'literal' && (q === "'" || q === '"') && text[s.end] === q;
}

/** Fixes on the `{ key, value }` objects: remove one, add one after another, replace a literal origin. */
function renderFix(req: FixRequest, facts: FileFacts, file: SourceFile): TextEdit[] | undefined {
  const text = file.text;
  const write = (id: string) => facts.headerWrites.find((w) => w.id === id);
  const acacOf = (id: string) => {
    const p = facts.policies.find((x) => x.id === id);
    return p ? p.writeIds.map(write).filter((w): w is HeaderWrite => !!w && w.name.toLowerCase() === H.allowCredentials) : [];
  };
  switch (req.kind) {
    case 'remove-credentials':
      return acacOf(req.policyId).map((w) => ({ span: removeEntry(text, w.statementSpan), newText: '' }));
    case 'remove-write': {
      const w = write(req.writeId);
      return w ? [{ span: removeEntry(text, w.statementSpan), newText: '' }] : [];
    }
    case 'add-header': {
      const w = write(req.afterWriteId);
      const q = quoteOf(text);
      const name = jsLiteral(req.name, q);
      const value = jsLiteral(req.value, q);
      if (!w || !name || !value) return [];
      return [insertAfterEntry(text, w.statementSpan, `{ key: ${name}, value: ${value} }`)];
    }
    case 'set-origins': {
      const p = facts.policies.find((x) => x.id === req.policyId);
      const acao = p ? p.writeIds.map(write).filter((w): w is HeaderWrite => !!w && w.name.toLowerCase() === H.allowOrigin) : [];
      // one fixed origin in place of a literal value (next.config cannot echo an allowlisted Origin)
      return acao.length === 1 && req.origins.length === 1 && quoted(text, acao[0]) ? undefined : [];
    }
    case 'set-header-value': {
      const w = write(req.writeId);
      return w && quoted(text, w) ? undefined : [];
    }
    case 'set-header-name':
    case 'set-max-age':
      // the generic renderer replaces the text of a literal
      return undefined;
    default:
      return [];
  }
}

/** `next.config.js` and its .mjs/.cjs/.ts variants, in any folder. */
export const isNextConfig = (path: string): boolean => /(^|[\\/])next\.config\.[cm]?[jt]s$/i.test(path);

const extractor: Extractor = {
  id: ID,
  title: 'Next.js config (next.config.js headers())',
  // an editor's JavaScript/TypeScript ids select it too: the name decides (extract reads next.config.* only)
  languages: JS_LANGUAGES,
  filePatterns: ['**/next.config.{js,cjs,mjs,ts,mts,cts}'],
  grammarFor: jsGrammarFor,
  mayContain: (text) => /access-control-/i.test(text),
  extract: (file) => tryExtract(ID, () => (isNextConfig(file.path) ? analyze(file) ?? { notes: ['no syntax tree'] } : {})),
  renderFix: (req, facts, file) => tryFix(() => renderFix(req, facts, file)),
};

export default extractor;
