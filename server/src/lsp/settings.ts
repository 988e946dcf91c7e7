/**
 * The `corsLint` settings section, wherever a client puts it: `initializationOptions`,
 * `workspace/didChangeConfiguration` and answers to `workspace/configuration`.
 */
import type { RuleLevel, Settings } from '../model/index.js';
import { DEFAULT_SETTINGS } from '../model/index.js';

const LEVELS = new Set<RuleLevel>(['off', 'info', 'warning', 'error']);

function isObject(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

/** Turn whatever the client sent for the `corsLint` section into valid settings (unknown keys and invalid
 *  values ignored). Keys the client did not send keep their value from `base`. */
export function normalizeSettings(raw: unknown, base: Settings = DEFAULT_SETTINGS): Settings {
  const s: Settings = { ...base, rules: { ...base.rules }, trustedOrigins: [...base.trustedOrigins] };
  if (!isObject(raw)) return s;
  if (typeof raw.enable === 'boolean') s.enable = raw.enable;
  if (raw.run === 'onType' || raw.run === 'onSave') s.run = raw.run;
  if (Array.isArray(raw.trustedOrigins)) s.trustedOrigins = raw.trustedOrigins.filter((o): o is string => typeof o === 'string');
  if (isObject(raw.rules)) {
    s.rules = {};
    for (const [k, v] of Object.entries(raw.rules)) {
      if (typeof v === 'string' && LEVELS.has(v as RuleLevel)) s.rules[k] = v as RuleLevel;
    }
  }
  return s;
}

/** The `corsLint` section in `initializationOptions`: `{ corsLint: {...} }` (Helix's `config`, Neovim's
 *  `init_options`), `{ settings: { corsLint: {...} } }`, or the section itself under `settings`
 *  (`{ settings: { trustedOrigins: [...] } }`). Undefined when there is none. */
export function sectionFromInitializationOptions(opts: unknown): Record<string, unknown> | undefined {
  if (!isObject(opts)) return undefined;
  if (isObject(opts.corsLint)) return opts.corsLint;
  if (isObject(opts.settings)) return isObject(opts.settings.corsLint) ? opts.settings.corsLint : opts.settings;
  return undefined;
}

/** The `corsLint` section of a `workspace/didChangeConfiguration` notification, if it carries one
 *  (VS Code's client sends `{ settings: null }` as a mere "ask me again"). */
export function sectionFromDidChangeConfiguration(params: unknown): Record<string, unknown> | undefined {
  if (!isObject(params) || !isObject(params.settings)) return undefined;
  return isObject(params.settings.corsLint) ? params.settings.corsLint : undefined;
}

/** An answer to `workspace/configuration` that really holds settings (not null, not an empty list). */
export function isRealAnswer(answer: unknown): answer is Record<string, unknown> {
  return isObject(answer);
}
