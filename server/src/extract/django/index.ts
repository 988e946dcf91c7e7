/**
 * Django: django-cors-headers settings in any settings module (settings.py, settings/*.py,
 * config/settings/base.py ...), recognised by what it says: a module assigning django-cors-headers' CORS_*
 * names or naming 'corsheaders' / its middleware. Semantics in policy.ts, reading in settings.ts.
 * And CORS headers written by hand (middleware, views) in the files Django owns (../pyOwner.ts):
 * handwritten.ts.
 */
import type { FileFacts, OptionMention } from '../../model/index.js';
import { codeOf, PY_TABLE } from '../../code/index.js';
import type { SourceFile } from '../types.js';
import { pythonExtractor } from '../common.js';
import { buildPolicy, LIBRARY, type Built } from './policy.js';
import { CORS_MIDDLEWARE, CORS_SETTINGS, readSettings, stringItems, type SettingsModule } from './settings.js';
import { renderDjangoFix } from './fix.js';
import { layoutOf } from '../pyOwner.js';
import { handWrittenFacts, renderHandWrittenFix, type HandWritten } from '../handWrittenFacts.js';
import { extractDjangoHandWritten } from './handwritten.js';

export const EXTRACTOR_ID = 'django';
const MAY_CONTAIN = /\bCORS_[A-Z_]+\s*[+]?=|corsheaders|[Aa][Cc][Cc][Ee][Ss][Ss]-[Cc][Oo][Nn][Tt][Rr][Oo][Ll]-|patch_vary_headers/;
const MAX_TEXT = 2_000_000;

/** Middleware that may answer a request before CorsMiddleware sees it (its own answer then has no CORS
 *  headers): CommonMiddleware's APPEND_SLASH / PREPEND_WWW redirects, WhiteNoise's static files. */
const ANSWERS_FIRST = ['django.middleware.common.CommonMiddleware', 'whitenoise.middleware.WhiteNoiseMiddleware'];

export interface Analysis {
  module: SettingsModule;
  built?: Built;
  facts: Partial<FileFacts>;
  hand?: HandWritten;
}

export function analyze(file: SourceFile): Analysis | undefined {
  if (file.text.length > MAX_TEXT || file.text.includes('\u0000')) return undefined;
  const tree = file.tree('python');
  if (!tree) return undefined;
  const code = codeOf(tree.rootNode, file.text, PY_TABLE);
  const module = readSettings(code, tree.rootNode.hasError);
  const a = module.isDjango ? analyzeSettings(module, tree.rootNode.hasError) : undefined;
  const layout = layoutOf(code.program);
  if (layout.owner !== 'django') return a;
  const hand = handWrittenFacts(tree.rootNode, file.text, a?.facts, (sink) => extractDjangoHandWritten(sink, code, layout, EXTRACTOR_ID));
  if (!hand) return a;
  return { module, built: a?.built, facts: hand.facts, hand };
}

function analyzeSettings(module: SettingsModule, hasError: boolean): Analysis {
  const notes: string[] = [];
  if (hasError) notes.push('syntax errors: facts from the readable parts only');
  const known = new Set<string>(CORS_SETTINGS);
  const optionMentions: OptionMention[] = [];
  const unknownOptions: NonNullable<Built['policy']['unknownOptions']> = [];
  const cors = [...module.settings.values()].filter((a) => a.name.startsWith('CORS_')).sort((a, b) => a.stmt.span.start - b.stmt.span.start);
  for (const a of cors) {
    if (known.has(a.name)) optionMentions.push({ span: a.nameSpan, library: LIBRARY, option: a.name });
    else unknownOptions.push({ name: { value: a.name, span: a.nameSpan }, known: [...CORS_SETTINGS] });
  }
  const facts: Partial<FileFacts> = { optionMentions, notes };
  if (!cors.length) return { module, facts };

  // MIDDLEWARE as this module states it.
  const mw = module.settings.get('MIDDLEWARE');
  const items = mw ? stringItems(mw.value) : undefined;
  if (items) {
    const at = items.findIndex((i) => i.value === CORS_MIDDLEWARE);
    if (at < 0) {
      notes.push(`${CORS_MIDDLEWARE} is not in MIDDLEWARE: the CORS_* settings of this module do nothing (no CORS headers are sent)`);
      return { module, facts };
    }
    const before = items.slice(0, at).filter((i) => ANSWERS_FIRST.includes(i.value));
    if (before.length) {
      notes.push(
        `CorsMiddleware comes after ${before.map((i) => i.value).join(', ')} in MIDDLEWARE: answers made there ` +
          '(redirects, static files) carry no CORS headers; django-cors-headers asks for it as high as possible',
      );
    }
  }

  const decl = ['CORS_ALLOW_ALL_ORIGINS', 'CORS_ORIGIN_ALLOW_ALL', 'CORS_ALLOWED_ORIGINS', 'CORS_ORIGIN_WHITELIST', 'CORS_ALLOWED_ORIGIN_REGEXES', 'CORS_ORIGIN_REGEX_WHITELIST']
    .map((n) => module.settings.get(n))
    .find((a) => a !== undefined) ?? cors[0];
  const built = buildPolicy(module, 'p0', EXTRACTOR_ID, decl.stmt.span);
  if (unknownOptions.length) built.policy.unknownOptions = unknownOptions;
  if (module.starImports.length) notes.push(`star import of ${module.starImports.join(', ')}: settings not assigned here are unknown`);
  facts.policies = [built.policy];
  return { module, built, facts };
}

const django = pythonExtractor({
  id: EXTRACTOR_ID,
  title: 'Django (django-cors-headers settings and hand-written headers)',
  mayContain: MAY_CONTAIN,
  analyze,
  facts: (a) => a.facts,
  render: (req, facts, file, a) => renderHandWrittenFix(req, facts, file, a.hand) ?? (a.built ? renderDjangoFix(req, facts, file, a) : a.hand ? undefined : []),
});

export default django;
