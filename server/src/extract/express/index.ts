/**
 * Express / Connect (and Node http, Fastify handlers): the `cors` package, `@fastify/cors`, and
 * hand-written CORS response headers. Facts only; see corsLib.ts for the library semantics.
 */
import type { FileFacts, OptionMention, Scope } from '../../model/index.js';
import type { GrammarName } from '../../syntax/treeSitter.js';
import type { Extractor, SourceFile } from '../types.js';
import { addChainResponses, type Found } from './assembly.js';
import { addChainPolicies } from './chainPolicies.js';
import { renderExpressFix } from './fix.js';
import { addHandWritten } from './handWritten.js';
import { addLibPolicies, findLibCalls, moduleNames, type LibCall } from './libCalls.js';
import { mentions } from './mentions.js';
import { mountsIn } from './mounts.js';
import { resetCaches } from './scopes.js';
import { codeOf, JS_TABLE } from '../../code/index.js';
import { optionFacts } from '../jsOptions.js';
import { onceBySpan } from '../common.js';

export const EXTRACTOR_ID = 'express';

/** The options of each library call as written, for option hovers (docs: knowledge/libraries/express-cors.ts,
 *  fastify-cors.ts). Unknown names get the misspelling finding instead. */
function optionMentions(libCalls: LibCall[]): OptionMention[] {
  const out: OptionMention[] = [];
  for (const lc of libCalls) {
    if (lc.options.k === 'map') out.push(...optionFacts(lc.options, lc.lib.docs, lc.lib.known).mentions);
  }
  return onceBySpan(out);
}

function grammarFor(file: { path: string; languageId?: string }): GrammarName {
  const m = /\.([cm]?[jt]sx?)$/i.exec(file.path);
  const ext = m?.[1].toLowerCase();
  if (ext === 'ts' || ext === 'cts' || ext === 'mts') return 'typescript';
  if (ext === 'tsx') return 'tsx';
  if (ext) return 'javascript';
  if (file.languageId === 'typescript') return 'typescript';
  if (file.languageId === 'typescriptreact') return 'tsx';
  return 'javascript';
}

function run(file: SourceFile): Partial<FileFacts> {
  resetCaches();
  const grammar = grammarFor(file);
  const tree = file.tree(grammar);
  if (!tree) return { notes: ['no syntax tree'] };
  const root = tree.rootNode;
  const notes: string[] = [];
  if (root.hasError) notes.push('the file has syntax errors; read what parsed');
  // Nothing to read unless a library module is imported or a CORS header name is written somewhere.
  const hasHeaderText = /access-control-|vary|timing-allow-origin/i.test(file.text);
  if (!hasHeaderText && !/(['"`])(cors|@fastify\/cors)\1|enableCors|NestFactory/.test(file.text)) return { notes };
  const code = codeOf(root, file.text, JS_TABLE);
  const mounts = mountsIn(code);

  const found: Found = { policies: [], headerWrites: [], responses: [], units: [], branchesOf: new Map(), policyN: 0 };
  const fileScope: Scope = { kind: 'file', label: file.path.split('/').pop() ?? file.path, path: [] };

  // library calls, then hand-written headers, then the responses and policies that several middleware make together
  const libCalls = findLibCalls(root, file.text, code, mounts, notes);
  addLibPolicies(libCalls, fileScope, code, root, found);
  if (hasHeaderText) addHandWritten(root, file.text, moduleNames(code, 'vary'), mounts, fileScope, found);
  addChainResponses(found);
  addChainPolicies(found, root);

  return {
    policies: found.policies,
    headerWrites: found.headerWrites,
    responses: found.responses,
    headerMentions: mentions(root, found.headerWrites, file.text),
    optionMentions: optionMentions(libCalls),
    notes,
  };
}

const extractor: Extractor = {
  id: EXTRACTOR_ID,
  title: 'Express / Connect / Fastify (cors, @fastify/cors, hand-written headers)',
  languages: ['javascript', 'javascriptreact', 'typescript', 'typescriptreact'],
  filePatterns: ['**/*.{js,cjs,mjs,jsx,ts,cts,mts,tsx}'],
  grammarFor,
  mayContain(text: string): boolean {
    return /access-control-|\bcors\b|enableCors/i.test(text);
  },
  extract(file: SourceFile): Partial<FileFacts> {
    try {
      return run(file);
    } catch (e) {
      return { notes: [`extraction failed: ${e instanceof Error ? e.message : String(e)}`] };
    }
  },
  renderFix(req, facts, file) {
    try {
      return renderExpressFix(req, facts, file, grammarFor(file));
    } catch {
      return [];
    }
  },
};

export default extractor;
