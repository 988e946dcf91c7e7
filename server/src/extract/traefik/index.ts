/**
 * Traefik `headers` middlewares: the file provider's dynamic config (YAML, TOML), the Kubernetes `Middleware`
 * CRD and docker-compose / Swarm labels (read.ts); what Traefik sends for them (policy.ts, from traefik v3.7.9 and
 * v2.11.53); fixes in each form (fix.ts). Generic YAML and TOML files reach this extractor only when the
 * precheck finds one of these forms and a CORS field.
 */
import type { FileFacts, FixRequest, TextEdit } from '../../model/index.js';
import type { GrammarName } from '../../syntax/treeSitter.js';
import { tryExtract, tryFix } from '../common.js';
import type { Extractor, SourceFile } from '../types.js';
import { renderTraefikFix } from './fix.js';
import { buildPolicy, EXTRACTOR_ID, type Built } from './policy.js';
import { LIBRARY, readTomlMiddlewares, readYamlMiddlewares } from './read.js';

const MAX_TEXT = 2_000_000;

const isToml = (path: string) => /\.toml$/i.test(path);

/** A CORS field of the headers middleware, in any spelling (labels are lower case). */
const CORS_FIELD = /accesscontrol(alloworiginlist|allowcredentials|allowmethods|allowheaders|exposeheaders|maxage)|customresponseheaders[\s\S]{0,400}access-control-/i;

/** Line-anchored: a compose label, a Traefik CRD's apiVersion, `http:`→`middlewares:` in YAML, or the TOML table. */
export function mayHoldTraefik(text: string): boolean {
  if (!CORS_FIELD.test(text)) return false;
  return (
    /^[ \t]*(-[ \t]*)?["']?traefik\.http\.middlewares\./im.test(text) ||
    (/^[ \t]*kind[ \t]*:[ \t]*["']?Middleware\b/m.test(text) && /^[ \t]*apiVersion[ \t]*:[ \t]*["']?traefik\.(io|containo\.us)\/v1alpha1/m.test(text)) ||
    (/^http[ \t]*:/m.test(text) && /^[ \t]+middlewares[ \t]*:/m.test(text)) ||
    /^[ \t]*\[[ \t]*http\.middlewares\./m.test(text)
  );
}

function builtOf(file: SourceFile): Built[] {
  if (file.text.length > MAX_TEXT) return [];
  const mws = isToml(file.path) ? readTomlMiddlewares(file.tree('toml'), file.text) : readYamlMiddlewares(file.text);
  return mws.map((mw, i) => buildPolicy(mw, `tr${i + 1}`));
}

function extract(file: SourceFile): Partial<FileFacts> {
  const built = builtOf(file);
  const mentions = built.flatMap((b) => [...b.mw.fields.values()].map((f) => ({ span: f.keySpan, library: LIBRARY, option: f.field })));
  const writes = built.flatMap((b) => b.writes);
  return {
    policies: built.flatMap((b) => (b.policy ? [b.policy] : [])),
    headerWrites: writes,
    optionMentions: mentions,
    headerMentions: writes.map((w) => ({ value: w.name, span: w.nameSpan })),
  };
}

function renderFix(req: FixRequest, file: SourceFile): TextEdit[] | undefined {
  const built = builtOf(file);
  if ('policyId' in req) {
    const b = built.find((x) => x.policy?.id === req.policyId);
    if (!b) return [];
    // a policy of custom headers only: their values are plain scalars, the generic renderer can edit them
    return b.policy?.writeIds.length ? undefined : renderTraefikFix(req, b, file.text);
  }
  if ('writeId' in req) {
    const w = built.flatMap((b) => b.writes).find((x) => x.id === req.writeId);
    // only a value written verbatim (its span holds exactly the value)
    return w?.valueSpan && w.value.kind === 'literal' && file.text.slice(w.valueSpan.start, w.valueSpan.end) === w.value.text ? undefined : [];
  }
  return [];
}

const extractor: Extractor = {
  id: EXTRACTOR_ID,
  title: 'Traefik headers middleware (dynamic config YAML/TOML, Kubernetes CRD, docker-compose labels)',
  // generic ids: the content decides (mayHoldTraefik)
  languages: ['yaml', 'toml'],
  filePatterns: ['**/*.yaml', '**/*.yml', '**/*.toml'],
  grammarFor: (file): GrammarName | undefined => (isToml(file.path) ? 'toml' : undefined),
  mayContain: mayHoldTraefik,
  extract: (file) => tryExtract(EXTRACTOR_ID, () => extract(file)),
  renderFix: (req, _facts, file) => tryFix(() => renderFix(req, file)),
};

export default extractor;
