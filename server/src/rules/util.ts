import type { CorsPolicy, FileFacts, HeaderWrite, Settings } from '../model/index.js';
import type { FixOffer } from './types.js';
import { parseSerializedOrigin } from '../knowledge/fetch.js';

/** Shown in fixes when the user has not configured `corsLint.trustedOrigins`. */
export const PLACEHOLDER_ORIGIN = 'https://trusted-origin.example';

/** The trusted origins a fix may write, and whether they are real (configured) or the placeholder. */
export function trustedOrigins(settings: Settings): { origins: string[]; configured: boolean } {
  const ok = settings.trustedOrigins.filter((o) => parseSerializedOrigin(o).ok && o !== 'null');
  return ok.length > 0 ? { origins: ok, configured: true } : { origins: [PLACEHOLDER_ORIGIN], configured: false };
}

export function writesOf(facts: FileFacts, policy: CorsPolicy, headerLower: string): HeaderWrite[] {
  const ids = new Set(policy.writeIds);
  return facts.headerWrites.filter((w) => ids.has(w.id) && w.name.toLowerCase() === headerLower);
}

export function originsTitle(origins: string[], configured: boolean): string {
  const list = origins.join(', ');
  return configured ? list : `${list} (placeholder: set corsLint.trustedOrigins)`;
}

/** "Allow only the trusted origins" for a policy: the list in the framework's form, or (hand-written
 *  headers, which hold one value) the first trusted origin. Preferred only with configured origins. */
export function allowOnlyTrusted(policy: CorsPolicy, settings: Settings): FixOffer {
  const { origins, configured } = trustedOrigins(settings);
  const chosen = policy.handWritten ? origins.slice(0, 1) : origins;
  return {
    title: `Allow only ${originsTitle(chosen, configured)}`,
    requests: [{ kind: 'set-origins', policyId: policy.id, origins: chosen }],
    preferred: configured,
  };
}
