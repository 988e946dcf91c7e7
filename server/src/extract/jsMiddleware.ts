/**
 * An extractor for a JavaScript CORS middleware factory (`app.use(cors({...}))`: @koa/cors, hono/cors),
 * built on the engine: find the factory's calls, read their options, say where they are mounted, map the
 * options to a policy (the library's own module does that) and render fixes in the options object.
 */
import { dottedName, type Code } from '../code/index.js';
import type { CorsPolicy, FileFacts, FixRequest, Scope, Span, TextEdit } from '../model/index.js';
import { allCalls, callsModule, jsCode, jsGrammarFor, JS_FILES, JS_LANGUAGES, mentionsModule, positional, type Call } from './jsCalls.js';
import { argumentInsert, quoteOf, removeOption, setOption } from './jsFix.js';
import { optionFacts, readOptions, type Options } from './jsOptions.js';
import { handWritten, mergeFacts, renderWriteFix, type HandWrittenSpec } from './jsWrites.js';
import type { Extractor, SourceFile } from './types.js';

export interface MiddlewareSpec {
  id: string;
  title: string;
  library: string;
  /** The id of the library's option docs (knowledge/libraries). */
  docsId: string;
  known: readonly string[];
  /** Modules that export the factory, and its export path (`['cors']` for `import { cors } from 'hono/cors'`). */
  modules: readonly string[];
  exportPath: readonly string[];
  policy(id: string, scope: Scope, span: Span, calleeSpan: Span, o: Options, code: Code): CorsPolicy;
  /** The code of the `origin` option that allows exactly these origins, in the quote `q`. */
  originsCode(origins: string[], q: string): string | undefined;
  /** Hand-written headers on the framework's context (jsWrites.ts). */
  handWritten?: HandWrittenSpec;
}

/** Mounting methods whose middleware also sees OPTIONS requests. */
const ANSWERING = new Set(['use', 'all', 'options', 'on']);

interface Site {
  policy: CorsPolicy;
  call: Call;
  options: Options;
}

function analyze(spec: MiddlewareSpec, file: SourceFile): { sites: Site[]; facts: Partial<FileFacts> } {
  const code = jsCode(file);
  if (!code) return { sites: [], facts: { notes: ['no syntax tree'] } };
  const calls = allCalls(code);
  const sites: Site[] = [];
  const facts: Partial<FileFacts> = { policies: [], optionMentions: [] };
  const fileScope: Scope = { kind: 'file', label: file.path.split('/').pop() ?? file.path, path: [] };
  for (const { call, env } of calls) {
    if (!callsModule(call, env, spec.modules, spec.exportPath)) continue;
    const options = readOptions(positional(call)[0], env);
    // `app.use(cors())`, `app.use('/api/*', cors())`, `router.use(...)`, or a route's own `app.get('/x', cors(), h)`
    const mount = calls.find((c) => c.call.callee.k === 'member' && c.call.args.some((a) => a.value === call))?.call;
    const how = mount?.callee.k === 'member' ? mount.callee.name : undefined;
    const owner = mount?.callee.k === 'member' ? dottedName(mount.callee.object) : undefined;
    const path = mount?.args[0]?.value.k === 'str' ? mount.args[0].value.value : undefined;
    let scope: Scope = fileScope;
    if (owner && mount) scope = path ? { kind: 'route', label: `${how === 'use' ? '' : `${how} `}${owner} ${path}`.trim(), path: [owner, path], span: mount.span } : { kind: 'app', label: owner, path: [owner], span: mount.span };
    const policy = spec.policy(`${spec.id}-p${sites.length + 1}`, scope, call.span, call.callee.span, options, code);
    // on a GET/POST/... route only, the OPTIONS preflight never reaches the middleware
    if (how && !ANSWERING.has(how)) policy.answersPreflight = 'unknown';
    const { mentions, unknown } = optionFacts(options, spec.docsId, spec.known);
    if (unknown) policy.unknownOptions = unknown;
    facts.policies!.push(policy);
    facts.optionMentions!.push(...mentions);
    sites.push({ policy, call, options });
  }
  return { sites, facts };
}

function renderFix(spec: MiddlewareSpec, req: FixRequest, file: SourceFile): TextEdit[] | undefined {
  if (!('policyId' in req)) return undefined;
  const site = analyze(spec, file).sites.find((s) => s.policy.id === req.policyId);
  if (!site) return [];
  const text = file.text;
  switch (req.kind) {
    case 'set-origins': {
      const v = spec.originsCode(req.origins, quoteOf(text));
      return v ? setOption(text, site.options, 'origin', v, argumentInsert(text, site.call, 0)) : [];
    }
    case 'remove-credentials':
      return removeOption(text, site.options, 'credentials');
    default:
      return undefined;
  }
}

export function middlewareExtractor(spec: MiddlewareSpec): Extractor {
  return {
    id: spec.id,
    title: spec.title,
    languages: JS_LANGUAGES,
    filePatterns: JS_FILES,
    grammarFor: jsGrammarFor,
    mayContain: (text) => mentionsModule(text, spec.modules) || !!spec.handWritten?.uses(text),
    extract(file) {
      try {
        const own = analyze(spec, file).facts;
        const hw = spec.handWritten && handWritten(spec.handWritten, file, own.policies);
        return hw ? mergeFacts(own, hw.facts) : own;
      } catch (e) {
        return { notes: [`extraction failed: ${e instanceof Error ? e.message : String(e)}`] };
      }
    },
    renderFix(req, _facts, file) {
      try {
        const hw = spec.handWritten && renderWriteFix(spec.handWritten, req, file, handWritten(spec.handWritten, file, analyze(spec, file).facts.policies));
        return hw ?? renderFix(spec, req, file);
      } catch {
        return [];
      }
    },
  };
}
