import type { Rule } from './types.js';
import duplicateAllowOrigin from './duplicate-allow-origin.js';
import headersMissingOnErrors from './headers-missing-on-errors.js';
import invalidAllowOriginValue from './invalid-allow-origin-value.js';
import invalidAllowlistEntry from './invalid-allowlist-entry.js';
import invalidCredentialsValue from './invalid-credentials-value.js';
import maxAgeOverBrowserCap from './max-age-over-browser-cap.js';
import methodCaseMismatch from './method-case-mismatch.js';
import misspelledCorsHeader from './misspelled-cors-header.js';
import missingAllowHeaders from './missing-allow-headers.js';
import missingVaryOrigin from './missing-vary-origin.js';
import nullOriginAllowed from './null-origin-allowed.js';
import reflectedOrigin from './reflected-origin.js';
import reflectedOriginWithCredentials from './reflected-origin-with-credentials.js';
import wildcardOriginWithCredentials from './wildcard-origin-with-credentials.js';

/** Every rule, one file each, named by its id (the meta test checks registry = directory). */
export const rules: readonly Rule[] = [
  wildcardOriginWithCredentials,
  reflectedOriginWithCredentials,
  reflectedOrigin,
  nullOriginAllowed,
  invalidAllowOriginValue,
  invalidAllowlistEntry,
  invalidCredentialsValue,
  misspelledCorsHeader,
  duplicateAllowOrigin,
  missingAllowHeaders,
  missingVaryOrigin,
  maxAgeOverBrowserCap,
  headersMissingOnErrors,
  methodCaseMismatch,
];

export function ruleById(id: string): Rule | undefined {
  return rules.find((r) => r.id === id);
}
