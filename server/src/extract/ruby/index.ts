/**
 * Ruby: rack-cors (`Rack::Cors` in Rails, Sinatra and config.ru) and hand-written CORS headers (Rails
 * controllers and callbacks, Sinatra filters and routes, Rack apps and middleware).
 */
import type { FileFacts } from '../../model/index.js';
import { codeOf, RUBY_TABLE } from '../../code/index.js';
import { onceBySpan, tryExtract, tryFix } from '../common.js';
import type { Extractor, SourceFile } from '../types.js';
import { EXTRACTOR_ID, type Ctx } from './ctx.js';
import { extractRackCors } from './rackCors.js';
import { extractHandWritten } from './handWritten.js';
import { renderRubyFix } from './fix.js';
import { resetParentCache } from '../pySyntax.js';

const MAY_CONTAIN = /Rack::Cors|access-control-/i;
const MAX_TEXT = 2_000_000;

function analyze(file: SourceFile): Ctx | undefined {
  if (file.text.length > MAX_TEXT || file.text.includes('\u0000')) return undefined;
  const tree = file.tree('ruby');
  if (!tree) return undefined;
  resetParentCache();
  const root = tree.rootNode;
  const ctx: Ctx = {
    text: file.text,
    root,
    code: codeOf(root, file.text, RUBY_TABLE),
    policies: [],
    writes: [],
    responses: [],
    mentions: [],
    options: [],
    notes: [],
    meta: new Map(),
    nextPolicy: 0,
    nextWrite: 0,
  };
  if (root.hasError) ctx.notes.push('syntax errors: facts from the readable parts only');
  const step = (name: string, fn: () => void) => {
    try {
      fn();
    } catch (e) {
      ctx.notes.push(`${name} failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  step('rack-cors', () => extractRackCors(ctx));
  step('headers', () => extractHandWritten(ctx));
  return ctx;
}

const ruby: Extractor = {
  id: EXTRACTOR_ID,
  title: 'Ruby (rack-cors, Rails / Sinatra / Rack hand-written headers)',
  languages: ['ruby'],
  filePatterns: ['**/*.rb', '**/*.ru'],
  grammarFor: () => 'ruby',
  mayContain: (text) => MAY_CONTAIN.test(text),
  extract: (file: SourceFile): Partial<FileFacts> =>
    tryExtract(EXTRACTOR_ID, () => {
      const ctx = analyze(file);
      if (!ctx) return undefined;
      return { policies: ctx.policies, headerWrites: ctx.writes, responses: ctx.responses, headerMentions: ctx.mentions, optionMentions: onceBySpan(ctx.options), notes: ctx.notes };
    }),
  renderFix: (req, facts, file) =>
    tryFix(() => {
      const ctx = analyze(file);
      return ctx ? renderRubyFix(req, facts, file, ctx) : [];
    }),
};

export default ruby;
