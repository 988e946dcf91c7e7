/**
 * Kubernetes Ingress resources with ingress-nginx CORS annotations (`nginx.ingress.kubernetes.io/enable-cors`
 * and `cors-*`), in any YAML manifest: multi-document streams, Helm-rendered output, and Helm chart templates
 * (template syntax is unknown, never a finding). One policy per Ingress with `enable-cors: "true"`.
 * Reading: read.ts; what nginx sends: policy.ts; fixes: fix.ts.
 */
import type { FileFacts } from '../../model/index.js';
import type { Extractor, SourceFile } from '../types.js';
import { renderIngressFix } from './fix.js';
import { buildPolicy, EXTRACTOR_ID, type Built } from './policy.js';
import { readIngressFile, type IngressFile } from './read.js';

const MAX_TEXT = 1_000_000;

/** `kind: Ingress` and an ingress-nginx annotation key (line-anchored keys, so prose does not count). A file with
 *  a `nelmio_cors:` key is Symfony's (extract/symfony), so the two never both read one file. */
export function mayHoldIngress(text: string): boolean {
  return (
    /^[ \t]*kind[ \t]*:[ \t]*["']?Ingress\b/m.test(text) &&
    /^[ \t]*["']?nginx\.ingress\.kubernetes\.io\//m.test(text) &&
    !/^[ \t]*nelmio_cors[ \t]*:/m.test(text)
  );
}

function fileOf(file: SourceFile): IngressFile | undefined {
  return file.text.length > MAX_TEXT ? undefined : readIngressFile(file.text);
}

function buildAll(f: IngressFile): { built: Built[]; notes: string[] } {
  const built: Built[] = [];
  const notes: string[] = [];
  f.ingresses.forEach((ing, i) => {
    const b = buildPolicy(ing, `i${i + 1}`);
    if (b.note) notes.push(b.note);
    if (b.policy) built.push(b);
  });
  return { built, notes };
}

const ingress: Extractor = {
  id: EXTRACTOR_ID,
  title: 'Kubernetes Ingress (ingress-nginx CORS annotations)',
  // `yaml` is a generic id: the service gives it to this extractor only when the precheck passes.
  languages: ['yaml'],
  filePatterns: ['**/*.yaml', '**/*.yml'],
  mayContain: mayHoldIngress,
  extract(file): Partial<FileFacts> {
    try {
      const f = fileOf(file);
      if (!f) return {};
      const { built, notes } = buildAll(f);
      return { policies: built.map((b) => b.policy!), optionMentions: f.mentions, notes };
    } catch (e) {
      return { notes: [`ingress extractor failed: ${e instanceof Error ? e.message : String(e)}`] };
    }
  },
  renderFix(req, _facts, file) {
    try {
      const f = fileOf(file);
      if (!f || !('policyId' in req)) return [];
      const b = buildAll(f).built.find((x) => x.policy!.id === req.policyId);
      return b ? renderIngressFix(req, b, file.text) : [];
    } catch {
      return [];
    }
  },
};

export default ingress;
