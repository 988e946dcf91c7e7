/**
 * Symfony's NelmioCorsBundle configuration: `nelmio_cors:` in config/packages/nelmio_cors.yaml (Symfony ≥ 4)
 * or app/config/config*.yml (Symfony 2–3). One policy per entry of `paths` (merged with `defaults`), and one
 * for `defaults` when no catch-all path hides them. Semantics: policy.ts; option merging: options.ts.
 */
import type { CorsPolicy, FileFacts } from '../../model/index.js';
import { parseYaml } from '../../syntax/yaml.js';
import type { Extractor, SourceFile } from '../types.js';
import { renderNelmioFix, replaceScalarText } from './fix.js';
import { OPTIONS, readNelmio, truthy, type NelmioConfig } from './options.js';
import { buildPolicy, EXTRACTOR_ID, type Built } from './policy.js';

const MAX_TEXT = 1_000_000;
/** Path regexes that match every path info (so `defaults` alone never applies). */
const CATCH_ALL = new Set(['', '^', '/', '^/', '^/.*', '.*', '^.*']);

function configOf(file: SourceFile): NelmioConfig | undefined {
  if (file.text.length > MAX_TEXT) return undefined;
  return readNelmio(parseYaml(file.text).root);
}

function buildAll(cfg: NelmioConfig): { built: Built[]; notes: string[] } {
  const built: Built[] = [];
  const notes: string[] = [];
  let n = 0;
  const add = (b: Built) => {
    if (b.note) notes.push(b.note);
    if (!b.policy) return;
    // A path that only inherits the defaults says the same thing at the same places: report it once.
    const same = (x: CorsPolicy) => JSON.stringify({ ...x, id: '', scope: '', span: '' });
    if (built.some((o) => same(o.policy!) === same(b.policy!))) return;
    built.push(b);
  };
  for (const p of cfg.paths) {
    const hosts = p.level.opts.get('hosts')?.value;
    const hostList = hosts?.k === 'seq' ? hosts.items.map((h) => (h.k === 'scalar' ? String(h.value) : '?')) : [];
    const label = `path ${p.regex}` + (hostList.length ? ` (hosts ${hostList.join(', ')})` : '');
    add(buildPolicy(cfg, p.level, { kind: 'route', label, path: ['nelmio_cors', label], span: p.keySpan }, p.keySpan, `p${++n}`));
  }
  // A catch-all path restricted to some hosts leaves the defaults to the other hosts.
  if (!cfg.paths.some((p) => CATCH_ALL.has(p.regex) && truthy(p.level.opts.get('hosts')?.value) === false)) {
    const d = cfg.defaults.map;
    const label = cfg.paths.length ? 'defaults (requests no entry of paths matches)' : 'defaults (every path)';
    add(buildPolicy(cfg, undefined, { kind: 'app', label, path: ['nelmio_cors', 'defaults'] }, d?.span ?? cfg.span, `p${++n}`));
  }
  return { built, notes };
}

const symfony: Extractor = {
  id: EXTRACTOR_ID,
  title: 'Symfony NelmioCorsBundle (nelmio_cors YAML)',
  // `yaml` is a generic id: the service gives it to this extractor only for a top-level `nelmio_cors:` key.
  languages: ['yaml'],
  // Any YAML file: the precheck (a top-level `nelmio_cors:` key) keeps the others to a regex test.
  filePatterns: ['**/*.yaml', '**/*.yml'],
  mayContain: (text) => /^nelmio_cors[ \t]*:/m.test(text),
  extract(file): Partial<FileFacts> {
    try {
      const cfg = configOf(file);
      if (!cfg) return {};
      const { built, notes } = buildAll(cfg);
      const policies = built.map((b) => b.policy!);
      for (const p of policies) {
        if (cfg.unknown.length) p.unknownOptions = cfg.unknown.map((name) => ({ name, known: ['defaults', 'paths', ...OPTIONS] }));
      }
      return { policies, optionMentions: cfg.mentions, notes };
    } catch (e) {
      return { notes: [`symfony extractor failed: ${e instanceof Error ? e.message : String(e)}`] };
    }
  },
  renderFix(req, facts, file) {
    try {
      const cfg = configOf(file);
      if (!cfg) return [];
      if (req.kind === 'replace-text') return replaceScalarText(req);
      if (!('policyId' in req)) return [];
      const { built } = buildAll(cfg);
      const b = built.find((x) => x.policy!.id === req.policyId);
      const p = facts.policies.find((x) => x.id === req.policyId);
      return b && p ? renderNelmioFix(req, p, b, file.text) : [];
    } catch {
      return [];
    }
  },
};

export default symfony;
