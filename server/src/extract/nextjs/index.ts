/**
 * Next.js config headers: `headers()` in next.config.{js,mjs,cjs,ts,mts} (config.ts reads the entries).
 * Semantics (knowledge/libraries/nextjs.ts, read in Next.js 16.0 and 13.x, the same loop): every entry whose `source` matches applies, in
 * order, and a later entry replaces a header an earlier one set. Entries with the same `source` therefore
 * make one response together; entries with different sources are policies of their own paths (an overlap
 * of two patterns is not computed: a header one adds for part of the other's paths is not combined).
 */
import { codeOf, JS_TABLE } from '../../code/index.js';
import type { FileFacts, FixRequest, HeaderWrite, TextEdit } from '../../model/index.js';
import { H, tryExtract, tryFix } from '../common.js';
import { quoted, ruleFacts } from '../headerRules.js';
import { jsGrammarFor, JS_LANGUAGES } from '../jsCalls.js';
import { insertAfterEntry, jsLiteral, quoteOf, removeEntry } from '../jsFix.js';
import type { Extractor, SourceFile } from '../types.js';
import { configEntries } from './config.js';

const ID = 'nextjs';
const LIBRARY = 'nextjs';

function analyze(file: SourceFile): Partial<FileFacts> | undefined {
  const tree = file.tree(jsGrammarFor(file));
  if (!tree) return undefined;
  return ruleFacts(configEntries(codeOf(tree.rootNode, file.text, JS_TABLE)), { extractor: ID, library: LIBRARY, file: 'next.config', prefix: 'nx' });
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
