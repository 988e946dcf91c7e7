/**
 * Laravel's CORS config (`config/cors.php`): laravel-cors (fruitcake, Laravel 7–8), Laravel ≥ 9's built-in
 * HandleCors, and barryvdh/laravel-cors ≤ 1.x (camelCase keys). Decided by content: a PHP file that returns
 * an array with `allowed_origins` / `allowed_origins_patterns` (or the camelCase names). Semantics: policy.ts.
 */
import type { FileFacts } from '../../model/index.js';
import type { Extractor, SourceFile } from '../types.js';
import { renderLaravelFix } from './fix.js';
import { readConfig, type LaravelConfig } from './options.js';
import { buildPolicy, EXTRACTOR_ID } from './policy.js';

const MAY_CONTAIN = /allowed_?origins|allowedOrigins/i;
const MAX_TEXT = 1_000_000;

function configOf(file: SourceFile): LaravelConfig | undefined {
  if (file.text.length > MAX_TEXT) return undefined;
  const tree = file.tree('php');
  if (!tree) return undefined;
  return readConfig(tree.rootNode, file.text);
}

const laravel: Extractor = {
  id: EXTRACTOR_ID,
  title: 'Laravel config/cors.php (laravel-cors, HandleCors)',
  languages: ['php'],
  filePatterns: ['**/*.php'],
  grammarFor: () => 'php',
  mayContain: (text) => MAY_CONTAIN.test(text) && /\breturn\b/.test(text),
  extract(file): Partial<FileFacts> {
    try {
      const cfg = configOf(file);
      if (!cfg) return {};
      const { policy, notes } = buildPolicy(cfg);
      return { policies: policy ? [policy] : [], optionMentions: cfg.mentions, notes };
    } catch (e) {
      return { notes: [`laravel extractor failed: ${e instanceof Error ? e.message : String(e)}`] };
    }
  },
  renderFix(req, facts, file) {
    try {
      const cfg = configOf(file);
      return cfg ? renderLaravelFix(req, facts, file.text, cfg) : [];
    } catch {
      return [];
    }
  },
};

export default laravel;
