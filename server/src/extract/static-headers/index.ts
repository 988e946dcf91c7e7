/**
 * Static-site header rules of Netlify and Cloudflare Pages: netlify.toml `[[headers]]` (netlifyToml.ts, over
 * the tree-sitter TOML tree) and the `_headers` file both platforms read from the publish folder
 * (headersFile.ts; any folder: `public/`, `static/`, `dist/`). Each path pattern is a policy (headerRules.ts).
 * The platforms send the values as written on the static files they serve — never on functions, edge functions
 * or proxied responses — never echo the request Origin, and what they answer to a preflight is not documented
 * (left unknown).
 */
import type { FileFacts, FixRequest, HeaderWrite, TextEdit } from '../../model/index.js';
import { H, lineEndAt, lineStartAt, tryExtract, tryFix } from '../common.js';
import { quoted, ruleFacts } from '../headerRules.js';
import type { Extractor, SourceFile } from '../types.js';
import { HEADERS_FILE_LIBRARY, headersFileEntries } from './headersFile.js';
import { NETLIFY_LIBRARY, netlifyEntries } from './netlifyToml.js';

const ID = 'static-headers';
const MAX_TEXT = 2_000_000;

type Kind = 'netlify.toml' | '_headers';

function kindOf(path: string): Kind | undefined {
  const name = path.replace(/\\/g, '/').split('/').pop()?.toLowerCase() ?? '';
  return name === 'netlify.toml' ? 'netlify.toml' : name === '_headers' ? '_headers' : undefined;
}

function analyze(file: SourceFile): Partial<FileFacts> {
  const kind = kindOf(file.path);
  if (!kind || file.text.length > MAX_TEXT) return {};
  if (kind === '_headers') return ruleFacts(headersFileEntries(file.text), { extractor: ID, library: HEADERS_FILE_LIBRARY, file: '_headers', prefix: 'hf' });
  return ruleFacts(netlifyEntries(file.tree('toml'), file.text), { extractor: ID, library: NETLIFY_LIBRARY, file: 'netlify.toml', prefix: 'nt' });
}

/** The pair is alone on its line(s) (not in an inline table), so whole lines can go or be copied. */
function aloneOnLine(text: string, w: HeaderWrite): boolean {
  const s = w.statementSpan;
  const before = text.slice(lineStartAt(text, s.start), s.start);
  const after = text.slice(s.end, lineEndAt(text, s.end));
  return /^[ \t]*$/.test(before) && /^[ \t]*(#.*)?$/.test(after);
}

/** netlify.toml: values are TOML strings, so a value is rewritten only inside its quotes, and a pair goes or is
 *  copied only when alone on its line. `_headers`: the generic renderer's line edits fit the format as is. */
function renderFix(req: FixRequest, facts: FileFacts, file: SourceFile): TextEdit[] | undefined {
  if (kindOf(file.path) !== 'netlify.toml') return undefined;
  const text = file.text;
  const write = (id: string) => facts.headerWrites.find((w) => w.id === id);
  const named = (policyId: string, name: string) => {
    const p = facts.policies.find((x) => x.id === policyId);
    return p ? p.writeIds.map(write).filter((w): w is HeaderWrite => !!w && w.name.toLowerCase() === name) : [];
  };
  const ok = (b: boolean) => (b ? undefined : []);
  switch (req.kind) {
    case 'remove-credentials':
      return ok(named(req.policyId, H.allowCredentials).every((w) => aloneOnLine(text, w)));
    case 'remove-write': {
      const w = write(req.writeId);
      return ok(!!w && aloneOnLine(text, w));
    }
    case 'add-header': {
      const w = write(req.afterWriteId);
      return ok(!!w && aloneOnLine(text, w) && quoted(text, w));
    }
    case 'set-origins': {
      const acao = named(req.policyId, H.allowOrigin);
      return ok(acao.length === 1 && quoted(text, acao[0]));
    }
    case 'set-header-value': {
      const w = write(req.writeId);
      return ok(!!w && quoted(text, w));
    }
    case 'set-max-age': {
      const ma = named(req.policyId, H.maxAge);
      return ok(ma.length === 1 && quoted(text, ma[0]));
    }
    case 'set-header-name': {
      const w = write(req.writeId);
      // a bare key stays bare only with the characters a bare key may hold
      return ok(!!w && (/^[A-Za-z0-9_-]+$/.test(req.name) || text[w.nameSpan.start - 1] === '"'));
    }
    case 'replace-text': {
      // a list item (method case): only inside a value written verbatim between quotes
      const s = req.span;
      return ok(facts.headerWrites.some((w) => quoted(text, w) && w.valueSpan!.start <= s.start && s.end <= w.valueSpan!.end));
    }
    default:
      return [];
  }
}

const extractor: Extractor = {
  id: ID,
  title: 'Netlify / Cloudflare Pages header rules (netlify.toml, _headers)',
  // `_headers` has no language of its own (plain text): its exact name decides; netlify.toml by its name too
  languages: ['toml'],
  filePatterns: ['**/netlify.toml', '**/_headers'],
  grammarFor: (file) => (kindOf(file.path) === 'netlify.toml' ? 'toml' : undefined),
  mayContain: (text) => /access-control-/i.test(text),
  extract: (file) => tryExtract(ID, () => analyze(file)),
  renderFix: (req, facts, file) => tryFix(() => renderFix(req, facts, file)),
};

export default extractor;
