import type { RuleLevel, Settings } from '../model/index.js';
import { DEFAULT_SETTINGS } from '../model/index.js';

const LEVELS = new Set<RuleLevel>(['off', 'info', 'warning', 'error']);

/** Turn whatever the client sent for the `corsLint` section into valid settings (unknown keys ignored). */
export function normalizeSettings(raw: unknown): Settings {
  const s: Settings = { ...DEFAULT_SETTINGS, rules: {}, trustedOrigins: [] };
  if (!raw || typeof raw !== 'object') return s;
  const r = raw as Record<string, unknown>;
  if (typeof r.enable === 'boolean') s.enable = r.enable;
  if (r.run === 'onType' || r.run === 'onSave') s.run = r.run;
  if (Array.isArray(r.trustedOrigins)) s.trustedOrigins = r.trustedOrigins.filter((o): o is string => typeof o === 'string');
  if (r.rules && typeof r.rules === 'object') {
    for (const [k, v] of Object.entries(r.rules as Record<string, unknown>)) {
      if (typeof v === 'string' && LEVELS.has(v as RuleLevel)) s.rules[k] = v as RuleLevel;
    }
  }
  return s;
}
