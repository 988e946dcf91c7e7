/**
 * Static-hosting configs that send response headers: vercel.json `headers`, firebase.json `hosting.headers`
 * (one site or a list of sites) and Azure Static Web Apps staticwebapp.config.json `globalHeaders` /
 * `routes[].headers` (read.ts; JSON with comments and trailing commas through syntax/json.ts). Each rule is a
 * policy of its path pattern (headerRules.ts). These platforms send the values as written: they never echo the
 * request Origin, and what they answer to a preflight of a static path is not documented (left unknown).
 */
import type { FileFacts, FixRequest, HeaderWrite, TextEdit } from '../../model/index.js';
import { removeJsonEntry } from '../../syntax/json.js';
import { H, tryExtract, tryFix } from '../common.js';
import { quoted, ruleFacts } from '../headerRules.js';
import type { Extractor, SourceFile } from '../types.js';
import { hostingEntries, platformOf } from './read.js';

const ID = 'hosting';
const FILES: Record<string, string> = { vercel: 'vercel.json', 'firebase-hosting': 'firebase.json', 'azure-static-web-apps': 'staticwebapp.config.json' };
const PREFIX: Record<string, string> = { vercel: 'vc', 'firebase-hosting': 'fb', 'azure-static-web-apps': 'sw' };

function analyze(file: SourceFile): Partial<FileFacts> {
  const platform = platformOf(file.path);
  if (!platform) return {};
  return ruleFacts(hostingEntries(platform, file.text), { extractor: ID, library: platform, file: FILES[platform], prefix: PREFIX[platform] });
}

/** Fixes in the JSON: remove the credentials header (comma included), replace a literal value in place. */
function renderFix(req: FixRequest, facts: FileFacts, file: SourceFile): TextEdit[] | undefined {
  const text = file.text;
  const write = (id: string) => facts.headerWrites.find((w) => w.id === id);
  const named = (policyId: string, name: string) => {
    const p = facts.policies.find((x) => x.id === policyId);
    return p ? p.writeIds.map(write).filter((w): w is HeaderWrite => !!w && w.name.toLowerCase() === name) : [];
  };
  switch (req.kind) {
    case 'remove-credentials': {
      const acac = named(req.policyId, H.allowCredentials);
      // one edit: a second removal computed on the unedited text could overlap the first
      return acac.length === 1 ? removeJsonEntry(text, acac[0].statementSpan!.start) : [];
    }
    case 'set-origins': {
      const acao = named(req.policyId, H.allowOrigin);
      return acao.length === 1 && req.origins.length === 1 && quoted(text, acao[0]) ? undefined : [];
    }
    case 'set-header-value': {
      const w = write(req.writeId);
      return w && quoted(text, w) ? undefined : [];
    }
    case 'set-header-name': {
      const w = write(req.writeId);
      return w && text[w.nameSpan!.start - 1] === '"' && text[w.nameSpan!.end] === '"' ? undefined : [];
    }
    case 'set-max-age': {
      const ma = named(req.policyId, H.maxAge);
      return ma.length === 1 && quoted(text, ma[0]) ? undefined : [];
    }
    default:
      return [];
  }
}

const extractor: Extractor = {
  id: ID,
  title: 'Static hosting config (vercel.json, firebase.json, staticwebapp.config.json)',
  // the editor's ids for these files; JSON is too generic an id to claim a file (service/languages.ts), so the
  // exact file name decides
  languages: ['json', 'jsonc'],
  filePatterns: ['**/vercel.json', '**/firebase.json', '**/staticwebapp.config.json'],
  mayContain: (text) => /access-control-/i.test(text),
  extract: (file) => tryExtract(ID, () => analyze(file)),
  renderFix: (req, facts, file) => tryFix(() => renderFix(req, facts, file)),
};

export default extractor;
