/**
 * Starlette / FastAPI: CORSMiddleware (starlette.middleware.cors, re-exported by fastapi.middleware.cors),
 * added with `app.add_middleware`, listed as `Middleware(CORSMiddleware, ...)`, or wrapping an app.
 * Where it is applied: decls.ts; what it sends: policy.ts. And CORS headers written by hand (http
 * middleware, routes) in the files Starlette owns (../pyOwner.ts): handwritten.ts.
 */
import type { CorsPolicy, FileFacts, OptionMention } from '../../model/index.js';
import { codeOf, PY_TABLE, type Code } from '../../code/index.js';
import type { SourceFile } from '../types.js';
import { pythonExtractor } from '../common.js';
import { findDecls, type Decl } from './decls.js';
import { buildPolicy, LIBRARY } from './policy.js';
import { orderNotes } from './order.js';
import { renderStarletteFix } from './fix.js';
import { layoutOf } from '../pyOwner.js';
import { handWrittenFacts, renderHandWrittenFix, type HandWritten } from '../handWrittenFacts.js';
import { extractStarletteHandWritten } from './handwritten.js';

export const EXTRACTOR_ID = 'starlette';
const MAY_CONTAIN = /CORSMiddleware|access-control-/i;
const MAX_TEXT = 2_000_000;

export interface Analysis {
  decls: Decl[];
  policies: CorsPolicy[];
  hand?: HandWritten;
}

export function analyze(file: SourceFile): (Analysis & { facts: Partial<FileFacts> }) | undefined {
  if (file.text.length > MAX_TEXT || file.text.includes('\u0000')) return undefined;
  const tree = file.tree('python');
  if (!tree) return undefined;
  const code = codeOf(tree.rootNode, file.text, PY_TABLE);
  const decls = findDecls(code);
  const a = decls.length ? analyzeDecls(code, decls, tree.rootNode.hasError) : undefined;
  const layout = layoutOf(code.program);
  if (layout.owner !== 'starlette') return a;
  const hand = handWrittenFacts(tree.rootNode, file.text, a?.facts, (sink) => extractStarletteHandWritten(sink, code, layout, EXTRACTOR_ID));
  if (!hand) return a;
  return { decls, policies: a?.policies ?? [], facts: hand.facts, hand };
}

function analyzeDecls(code: Code, decls: Decl[], hasError: boolean): Analysis & { facts: Partial<FileFacts> } {
  const notes: string[] = [];
  if (hasError) notes.push('syntax errors: facts from the readable parts only');
  const optionMentions: OptionMention[] = [];
  const policies = decls.map((d, i) => {
    for (const [name, o] of d.options) optionMentions.push({ span: o.nameSpan, library: LIBRARY, option: name });
    const p = buildPolicy(d, `p${i}`, EXTRACTOR_ID);
    // An unknown keyword makes CORSMiddleware.__init__ raise TypeError when the stack is built (at
    // add_middleware in 0.26, at start-up in 0.4x): not silently ignored, so not a misspelling finding.
    for (const u of d.unknown) notes.push(`CORSMiddleware has no option ${u.name.value}: Starlette raises TypeError at start-up`);
    if (d.opaque) notes.push(`CORSMiddleware at offset ${d.call.span.start}: options passed as **kwargs or positionally are not read`);
    return p;
  });
  optionMentions.sort((a, b) => a.span.start - b.span.start);
  notes.push(...orderNotes(code, decls));
  return { decls, policies, facts: { policies, optionMentions, notes } };
}

const starlette = pythonExtractor({
  id: EXTRACTOR_ID,
  title: 'Starlette / FastAPI (CORSMiddleware and hand-written headers)',
  mayContain: MAY_CONTAIN,
  analyze,
  facts: (a) => a.facts,
  render: (req, facts, file, a) => renderHandWrittenFix(req, facts, file, a.hand) ?? renderStarletteFix(req, facts, file, a),
});

export default starlette;
