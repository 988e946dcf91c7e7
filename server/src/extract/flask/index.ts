/**
 * Flask: flask-cors (CORS(app), init_app, @cross_origin, CORS_* config) and hand-written CORS headers
 * (after_request hooks, views, make_response / Response headers).
 */
import type { FileFacts } from '../../model/index.js';
import { onceBySpan } from '../common.js';
import type { Extractor, SourceFile } from '../types.js';
import { newCtx, type Ctx } from './ctx.js';
import { extractLibrary } from './library.js';
import { extractHandWritten } from './handwritten.js';
import { renderFlaskFix } from './fix.js';
import { collectMentions } from './mentions.js';
import { resetParentCache } from '../pySyntax.js';

const MAY_CONTAIN = /flask_cors|cross_origin|access-control-|CORS_/i;
const MAX_TEXT = 2_000_000;

function analyze(file: SourceFile): Ctx | undefined {
  if (file.text.length > MAX_TEXT || file.text.includes('\u0000')) return undefined;
  const tree = file.tree('python');
  if (!tree) return undefined;
  resetParentCache();
  const ctx = newCtx(file.text, tree.rootNode);
  if (tree.rootNode.hasError) ctx.notes.push('syntax errors: facts from the readable parts only');
  const step = (name: string, fn: () => void) => {
    try {
      fn();
    } catch (e) {
      ctx.notes.push(`${name} failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  step('flask-cors', () => extractLibrary(ctx));
  step('headers', () => extractHandWritten(ctx));
  step('mentions', () => collectMentions(ctx));
  return ctx;
}


const flask: Extractor = {
  id: 'flask',
  title: 'Flask (flask-cors and hand-written headers)',
  languages: ['python'],
  filePatterns: ['**/*.py'],
  grammarFor: () => 'python',
  mayContain: (text) => MAY_CONTAIN.test(text),
  extract(file: SourceFile): Partial<FileFacts> {
    try {
      const ctx = analyze(file);
      if (!ctx) return {};
      return {
        policies: ctx.policies,
        headerWrites: ctx.writes,
        responses: ctx.responses,
        headerMentions: ctx.mentions,
        optionMentions: ctx.flask ? onceBySpan(ctx.options) : [],
        notes: ctx.notes,
      };
    } catch (e) {
      return { notes: [`flask extractor failed: ${e instanceof Error ? e.message : String(e)}`] };
    }
  },
  renderFix(req, facts, file) {
    try {
      const ctx = analyze(file);
      if (!ctx) return [];
      return renderFlaskFix(req, facts, file, ctx);
    } catch {
      return [];
    }
  },
};

export default flask;
