/**
 * Reading a Laravel `config/cors.php`: the array the file returns, through the code engine (constants and
 * `env()` calls evaluate; `env()` is unknown). Option names as fruitcake/php-cors 1.x reads them: the
 * snake_case keys of laravel-cors 2.x/3.x and Laravel ≥ 9, and the camelCase keys of barryvdh/laravel-cors
 * ≤ 1.x (php-cors prefers the camelCase one when both are set, `$o['allowedOrigins'] ?? $o['allowed_origins']`).
 */
import type { OptionMention, Span, Valued } from '../../model/index.js';
import { codeOf, envOf, evaluate, PHP_TABLE, type Stmt, type Val } from '../../code/index.js';
import type { Node } from '../../syntax/treeSitter.js';

export const LIBRARY = 'laravel-cors';

/** Option → [snake_case, camelCase]. */
export const OPTION_NAMES = {
  origins: ['allowed_origins', 'allowedOrigins'],
  patterns: ['allowed_origins_patterns', 'allowedOriginsPatterns'],
  methods: ['allowed_methods', 'allowedMethods'],
  headers: ['allowed_headers', 'allowedHeaders'],
  exposed: ['exposed_headers', 'exposedHeaders'],
  maxAge: ['max_age', 'maxAge'],
  credentials: ['supports_credentials', 'supportsCredentials'],
} as const;
export type OptionKey = keyof typeof OPTION_NAMES;

const KNOWN = new Set<string>(['paths', ...Object.values(OPTION_NAMES).flat()]);
const ORIGIN_KEYS = new Set<string>([...OPTION_NAMES.origins, ...OPTION_NAMES.patterns]);

export interface Opt {
  name: string;
  keySpan: Span;
  /** The key => value pair (what removing the option deletes). */
  entrySpan: Span;
  val: Val;
}

export interface LaravelConfig {
  /** The returned array literal. */
  span: Span;
  opts: Map<string, Opt>;
  /** True when the array has entries the file does not spell out (spread, computed keys). */
  open: boolean;
  unknownKeys: Valued<string>[];
  mentions: OptionMention[];
  /** snake_case (laravel-cors ≥ 2, Laravel ≥ 9: `paths` decides where CORS runs) or camelCase (≤ 1.x). */
  style: 'snake' | 'camel';
}

/** The option that php-cors reads for `key` (camelCase first, as its `??` does). Undefined: not written. */
export function option(cfg: LaravelConfig, key: OptionKey): Opt | undefined {
  const [snake, camel] = OPTION_NAMES[key];
  return cfg.opts.get(camel) ?? cfg.opts.get(snake);
}

function topReturn(body: Stmt[]): (Stmt & { k: 'return' }) | undefined {
  for (const s of body) if (s.k === 'return' && s.value) return s;
  return undefined;
}

/** The CORS config the file returns, or undefined when the file is not one. */
export function readConfig(root: Node, text: string): LaravelConfig | undefined {
  const code = codeOf(root, text, PHP_TABLE);
  const ret = topReturn(code.program.body);
  if (!ret?.value) return undefined;
  const v = evaluate(ret.value, envOf(code));
  if (v.k !== 'map') return undefined;
  if (!v.entries.some((e) => e.key !== undefined && ORIGIN_KEYS.has(e.key))) return undefined;
  const opts = new Map<string, Opt>();
  const unknownKeys: Valued<string>[] = [];
  const mentions: OptionMention[] = [];
  let camel = 0;
  let snake = 0;
  for (const e of v.entries) {
    if (e.key === undefined || !e.keySpan) continue;
    const keySpan = innerKey(text, e.keySpan);
    if (!KNOWN.has(e.key)) {
      unknownKeys.push({ value: e.key, span: keySpan });
      continue;
    }
    if (/[A-Z]/.test(e.key)) camel++;
    else if (e.key !== 'paths') snake++;
    // A key written twice: PHP keeps the last one.
    opts.set(e.key, { name: e.key, keySpan, entrySpan: e.entry.span, val: e.value });
    mentions.push({ span: keySpan, library: LIBRARY, option: e.key });
  }
  return { span: v.at.span, opts, open: v.open, unknownKeys, mentions, style: camel > snake && !opts.has('paths') ? 'camel' : 'snake' };
}

/** The characters of a quoted key between its quotes. */
function innerKey(text: string, span: Span): Span {
  const q = text[span.start];
  if ((q === "'" || q === '"') && text[span.end - 1] === q && span.end - span.start >= 2) return { start: span.start + 1, end: span.end - 1 };
  return span;
}

/** A value as a list of string literals (a PHP array of strings), or undefined when not known. */
export function stringList(v: Val): { value: string; lit?: Val & { k: 'str' }; span: Span; inner: Span; verbatim: boolean }[] | undefined {
  if (v.k !== 'list') return undefined;
  const out = [];
  for (const i of v.items) {
    if (i.k !== 'str') return undefined;
    const lit = i.lit;
    out.push({ value: i.value, lit: i, span: i.at.span, inner: lit ? lit.inner : i.at.span, verbatim: !!lit?.verbatim });
  }
  return out;
}
