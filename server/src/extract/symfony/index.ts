/**
 * Symfony's NelmioCorsBundle configuration: `nelmio_cors:` in config/packages/nelmio_cors.yaml (Symfony ≥ 4)
 * or app/config/config*.yml (Symfony 2–3), and under `when@<env>:` (Symfony ≥ 5.3). One policy per entry of `paths` (merged with `defaults`), and one
 * for `defaults` when no catch-all path hides them. Semantics: policy.ts; option merging: options.ts.
 */
import type { CorsPolicy, FileFacts } from '../../model/index.js';
import { parseYaml } from '../../syntax/yaml.js';
import type { Extractor, SourceFile } from '../types.js';
import { renderNelmioFix, replaceScalarText } from './fix.js';
import { OPTIONS, readNelmio, truthy, type NelmioConfig, type NelmioFile } from './options.js';
import { buildPolicy, EXTRACTOR_ID, type Built } from './policy.js';

const MAX_TEXT = 1_000_000;
/** Path regexes that match every path info (so `defaults` alone never applies). */
const CATCH_ALL = new Set(['', '^', '/', '^/', '^/.*', '.*', '^.*']);

function fileOf(file: SourceFile): NelmioFile | undefined {
  if (file.text.length > MAX_TEXT) return undefined;
  return readNelmio(parseYaml(file.text).root);
}

function buildAll(nf: NelmioFile): { built: Built[]; notes: string[] } {
  const built: Built[] = [];
  const notes: string[] = [];
  let n = 0;
  const add = (b: Built, cfg: NelmioConfig) => {
    if (b.note) notes.push(b.note);
    if (!b.policy) return;
    // A path that only inherits the defaults (or an environment that changes nothing here) says the same
    // thing at the same places: report it once.
    const same = (x: CorsPolicy) => JSON.stringify({ ...x, id: '', scope: '', span: '', unknownOptions: '' });
    if (built.some((o) => same(o.policy!) === same(b.policy!))) return;
    // Unknown option names go with the config's first policy only (one finding per name).
    if (cfg.unknown.length && !built.some((o) => o.cfg === cfg)) {
      b.policy.unknownOptions = cfg.unknown.map((name) => ({ name, known: ['defaults', 'paths', ...OPTIONS] }));
    }
    built.push({ ...b, cfg });
  };
  for (const cfg of nf.configs) {
    const root = cfg.env ? [`when@${cfg.env}`, 'nelmio_cors'] : ['nelmio_cors'];
    const prefix = cfg.env ? `when@${cfg.env}: ` : '';
    for (const p of cfg.paths) {
      const hosts = p.level.opts.get('hosts')?.value;
      const hostList = hosts?.k === 'seq' ? hosts.items.map((h) => (h.k === 'scalar' ? String(h.value) : '?')) : [];
      const label = `${prefix}path ${p.regex}` + (hostList.length ? ` (hosts ${hostList.join(', ')})` : '');
      add(buildPolicy(cfg, p.level, { kind: 'route', label, path: [...root, label], span: p.keySpan }, p.keySpan, `p${++n}`), cfg);
    }
    // A catch-all path restricted to some hosts leaves the defaults to the other hosts.
    if (!cfg.paths.some((p) => CATCH_ALL.has(p.regex) && truthy(p.level.opts.get('hosts')?.value) === false)) {
      const d = cfg.defaults.map;
      const label = prefix + (cfg.paths.length ? 'defaults (requests no entry of paths matches)' : 'defaults (every path)');
      add(buildPolicy(cfg, undefined, { kind: 'app', label, path: [...root, 'defaults'] }, d?.span ?? cfg.span, `p${++n}`), cfg);
    }
  }
  return { built, notes };
}

const symfony: Extractor = {
  id: EXTRACTOR_ID,
  title: 'Symfony NelmioCorsBundle (nelmio_cors YAML)',
  // `yaml` is a generic id: the service gives it to this extractor only for a `nelmio_cors:` key.
  languages: ['yaml'],
  // Any YAML file: the precheck (a `nelmio_cors:` key) keeps the others to a regex test.
  filePatterns: ['**/*.yaml', '**/*.yml'],
  // At the top level, or under `when@<env>:`.
  mayContain: (text) => /^[ \t]*nelmio_cors[ \t]*:/m.test(text),
  extract(file): Partial<FileFacts> {
    try {
      const nf = fileOf(file);
      if (!nf) return {};
      const { built, notes } = buildAll(nf);
      return { policies: built.map((b) => b.policy!), optionMentions: nf.mentions, notes };
    } catch (e) {
      return { notes: [`symfony extractor failed: ${e instanceof Error ? e.message : String(e)}`] };
    }
  },
  renderFix(req, facts, file) {
    try {
      const nf = fileOf(file);
      if (!nf) return [];
      if (req.kind === 'replace-text') return replaceScalarText(req);
      if (!('policyId' in req)) return [];
      const { built } = buildAll(nf);
      const b = built.find((x) => x.policy!.id === req.policyId);
      const p = facts.policies.find((x) => x.id === req.policyId);
      return b && p ? renderNelmioFix(req, p, b, file.text) : [];
    } catch {
      return [];
    }
  },
};

export default symfony;
