/**
 * Go: github.com/rs/cors, github.com/gin-contrib/cors, github.com/go-chi/cors, echo v4's CORS middleware, gorilla/handlers CORS and fiber v2's CORS middleware set up in a file (decls.ts → policy.ts), and CORS
 * headers written by hand with net/http, gin, echo or fiber (writeTable.ts → handwritten.ts).
 */
import type { CorsPolicy, FileFacts, FixRequest, OptionMention, TextEdit } from '../../model/index.js';
import { codeOf, GO_TABLE } from '../../code/index.js';
import type { Extractor, SourceFile } from '../types.js';
import { tryExtract, tryFix } from '../common.js';
import { handWrittenFacts, renderHandWrittenFix, type HandWritten } from '../handWrittenFacts.js';
import type { WriteMeta } from '../writeMeta.js';
import { findDecls, type Decl } from './decls.js';
import { ginCorsPolicy, rsCorsPolicy } from './policy.js';
import { echoPolicy } from './policyEcho.js';
import { moduleVersion, older } from './goMod.js';
import { fiberPolicy, gorillaPolicy } from './policyMore.js';
import { addSubscriptHeader, renderLibFix } from './fix.js';
import { readHandWritten } from './handwritten.js';
import { EXTRACTOR_ID } from './writeTable.js';

const MAY_CONTAIN = /github\.com\/(rs|gin-contrib|go-chi)\/cors|labstack\/echo\/v4\/middleware|gorilla\/handlers|fiber\/v2\/middleware\/cors|access-control-|HeaderAccessControl/i;
const MAX_TEXT = 2_000_000;

const OPTIONS: Record<Decl['lib'], readonly string[]> = {
  'rs-cors': ['AllowedOrigins', 'AllowOriginFunc', 'AllowOriginRequestFunc', 'AllowOriginVaryRequestFunc', 'AllowedMethods', 'AllowedHeaders', 'ExposedHeaders', 'MaxAge', 'AllowCredentials', 'AllowPrivateNetwork', 'OptionsPassthrough', 'OptionsSuccessStatus', 'Debug', 'Logger'],
  'go-chi-cors': ['AllowedOrigins', 'AllowOriginFunc', 'AllowedMethods', 'AllowedHeaders', 'ExposedHeaders', 'MaxAge', 'AllowCredentials', 'OptionsPassthrough', 'Debug'],
  'echo-cors': ['AllowOrigins', 'AllowOriginFunc', 'AllowMethods', 'AllowHeaders', 'AllowCredentials', 'UnsafeWildcardOriginWithAllowCredentials', 'ExposeHeaders', 'MaxAge', 'Skipper'],
  'gorilla-handlers': ['AllowedOrigins', 'AllowedOriginValidator', 'AllowCredentials', 'AllowedMethods', 'AllowedHeaders', 'ExposedHeaders', 'MaxAge', 'IgnoreOptions', 'OptionStatusCode'],
  'fiber-cors': ['AllowOrigins', 'AllowOriginsFunc', 'AllowMethods', 'AllowHeaders', 'AllowCredentials', 'ExposeHeaders', 'MaxAge', 'Next', 'AllowPrivateNetwork'],
  'gin-contrib-cors': ['AllowAllOrigins', 'AllowOrigins', 'AllowOriginFunc', 'AllowOriginWithContextFunc', 'AllowMethods', 'AllowPrivateNetwork', 'AllowHeaders', 'AllowCredentials', 'ExposeHeaders', 'MaxAge', 'AllowWildcard', 'AllowBrowserExtensions', 'CustomSchemas', 'AllowWebSockets', 'AllowFiles', 'OptionsResponseStatusCode'],
};

interface Analysis {
  decls: Decl[];
  policies: CorsPolicy[];
  hand?: HandWritten;
  facts: Partial<FileFacts>;
}

function analyze(file: SourceFile): Analysis | undefined {
  if (file.text.length > MAX_TEXT || file.text.includes('\u0000')) return undefined;
  const tree = file.tree('go');
  if (!tree) return undefined;
  const code = codeOf(tree.rootNode, file.text, GO_TABLE);
  const decls = findDecls(code);
  const notes: string[] = [];
  if (tree.rootNode.hasError) notes.push('syntax errors: facts from the readable parts only');
  const optionMentions: OptionMention[] = [];
  const policies = decls.map((d, i) => {
    for (const [name, f] of d.fields) if (OPTIONS[d.lib].includes(name)) optionMentions.push({ span: f.keySpan, library: d.lib, option: name });
    if (d.opaque) notes.push(`${d.lib} at offset ${d.call.span.start}: options not written in this file are not read`);
    const id = `p${i}`;
    if (d.lib === 'gin-contrib-cors') return ginCorsPolicy(d, id, EXTRACTOR_ID, notes);
    if (d.lib === 'gorilla-handlers') return gorillaPolicy(d, id, EXTRACTOR_ID);
    if (d.lib === 'fiber-cors') return fiberPolicy(d, id, EXTRACTOR_ID);
    if (d.lib === 'echo-cors') {
      const v = moduleVersion(file, 'github.com/labstack/echo/v4');
      return echoPolicy(d, id, EXTRACTOR_ID, !!v && older(v, [4, 10, 2]));
    }
    return rsCorsPolicy(d, id, EXTRACTOR_ID, notes);
  });
  optionMentions.sort((a, b) => a.span.start - b.span.start);
  const base: Partial<FileFacts> = { policies, optionMentions, notes };
  const hand = handWrittenFacts(tree.rootNode, file.text, base, (sink) => readHandWritten(sink, code));
  return { decls, policies, hand, facts: hand?.facts ?? base };
}

function render(req: FixRequest, facts: FileFacts, file: SourceFile, a: Analysis): TextEdit[] | undefined {
  if (req.kind === 'add-header' && a.hand) {
    const m = a.hand.sink.meta.get(req.afterWriteId) as WriteMeta | undefined;
    if (m?.kind === 'write' && m.form === 'subscript' && m.receiver) return addSubscriptHeader(file.text, m.holder.startIndex, m.holder.endIndex, m.receiver, req.name, req.value);
  }
  const hand = renderHandWrittenFix(req, facts, file, a.hand);
  // a value replaced as a whole where it is a `[]string{…}` of one element stays a slice
  if (hand) return hand.map((e) => (/^\[\]string\s*\{/.test(file.text.slice(e.span.start, e.span.end)) && e.newText.startsWith('"') ? { ...e, newText: `[]string{${e.newText}}` } : e));
  const i = 'policyId' in req ? a.policies.findIndex((p) => p.id === req.policyId) : -1;
  return renderLibFix(req, facts, file.text, i < 0 ? undefined : a.decls[i]);
}

const go: Extractor = {
  id: EXTRACTOR_ID,
  title: 'Go (rs/cors, gin-contrib/cors, go-chi/cors, echo, gorilla/handlers, fiber CORS, hand-written net/http, gin, echo, fiber headers)',
  languages: ['go'],
  filePatterns: ['**/*.go'],
  grammarFor: () => 'go',
  mayContain: (text) => MAY_CONTAIN.test(text),
  extract: (file) => tryExtract(EXTRACTOR_ID, () => analyze(file)?.facts),
  renderFix: (req, facts, file) =>
    tryFix(() => {
      const a = analyze(file);
      return a ? render(req, facts, file, a) : [];
    }),
};

export default go;
