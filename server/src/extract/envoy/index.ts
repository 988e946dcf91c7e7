/**
 * CORS of Envoy's CORS filter: Istio `VirtualService` `corsPolicy` and Envoy route configuration `cors:` blocks
 * (read.ts), what the filter sends (policy.ts), fixes (fix.ts). Generic YAML files reach this extractor only when
 * the precheck finds a line-anchored `corsPolicy:` in an Istio VirtualService, or `allow_origin_string_match:`.
 */
import type { FileFacts, FixRequest, TextEdit } from '../../model/index.js';
import { tryExtract, tryFix } from '../common.js';
import type { Extractor, SourceFile } from '../types.js';
import { renderEnvoyFix } from './fix.js';
import { buildPolicy, EXTRACTOR_ID } from './policy.js';
import { readCorsBlocks, type CorsBlock } from './read.js';

const MAX_TEXT = 2_000_000;

export function mayHoldEnvoyCors(text: string): boolean {
  return (
    (/^[ \t]*(-[ \t]*)?corsPolicy[ \t]*:/m.test(text) && /^[ \t]*kind[ \t]*:[ \t]*["']?VirtualService\b/m.test(text) && /networking\.istio\.io\//.test(text)) ||
    /^[ \t]*(-[ \t]*)?allow_origin_string_match[ \t]*:/m.test(text)
  );
}


function analyze(file: SourceFile): { blocks: CorsBlock[]; facts: Partial<FileFacts> } {
  const blocks = file.text.length > MAX_TEXT ? [] : readCorsBlocks(file.text);
  const policies = blocks.map((b, i) => buildPolicy(b, `ev${i + 1}`));
  const mentions = blocks.flatMap((b) => [...b.fields.values()].map((f) => ({ span: f.keySpan, library: b.form, option: f.key })));
  return { blocks, facts: { policies: policies.flatMap((p) => (p ? [p] : [])), optionMentions: mentions } };
}

function renderFix(req: FixRequest, file: SourceFile): TextEdit[] {
  if (!('policyId' in req)) return [];
  const i = Number(/^ev(\d+)$/.exec(req.policyId)?.[1]) - 1;
  const b = analyze(file).blocks[i];
  return b ? renderEnvoyFix(req, b, file.text) : [];
}

const extractor: Extractor = {
  id: EXTRACTOR_ID,
  title: 'Istio VirtualService corsPolicy and Envoy route cors',
  // `yaml` is generic: the content decides (mayHoldEnvoyCors)
  languages: ['yaml'],
  filePatterns: ['**/*.yaml', '**/*.yml'],
  mayContain: mayHoldEnvoyCors,
  extract: (file) => tryExtract(EXTRACTOR_ID, () => analyze(file).facts),
  renderFix: (req, _facts, file) => tryFix(() => renderFix(req, file)),
};

export default extractor;
