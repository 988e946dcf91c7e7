/**
 * Koa: `app.use(cors({...}))` with @koa/cors (semantics in policy.ts), read with the code engine.
 */
import { dottedName } from '../../code/index.js';
import type { CorsPolicy, FileFacts, FixRequest, Scope, TextEdit } from '../../model/index.js';
import { allCalls, callsModule, jsCode, jsGrammarFor, JS_FILES, JS_LANGUAGES, mentionsModule, positional, type Call } from '../jsCalls.js';
import { argumentInsert, jsArray, jsLiteral, quoteOf, removeOption, setOption } from '../jsFix.js';
import { optionFacts, readOptions, type Options } from '../jsOptions.js';
import type { Extractor, SourceFile } from '../types.js';
import { KNOWN, koaPolicy, LIBRARY } from './policy.js';

const MODULES = ['@koa/cors'];

interface Site {
  policy: CorsPolicy;
  call: Call;
  options: Options;
}

function analyze(file: SourceFile): { sites: Site[]; facts: Partial<FileFacts> } {
  const code = jsCode(file);
  if (!code) return { sites: [], facts: { notes: ['no syntax tree'] } };
  const calls = allCalls(code);
  const sites: Site[] = [];
  const facts: Partial<FileFacts> = { policies: [], optionMentions: [] };
  const fileScope: Scope = { kind: 'file', label: file.path.split('/').pop() ?? file.path, path: [] };
  for (const { call, env } of calls) {
    if (!callsModule(call, env, MODULES)) continue;
    const options = readOptions(positional(call)[0], env);
    // mounted with `app.use(cors())` / `router.use('/api', cors())`
    const mount = calls.find((c) => c.call.callee.k === 'member' && c.call.callee.name === 'use' && c.call.args.some((a) => a.value === call));
    const owner = mount && mount.call.callee.k === 'member' ? dottedName(mount.call.callee.object) : undefined;
    const scope: Scope = owner ? { kind: 'app', label: owner, path: [owner], span: mount!.call.span } : fileScope;
    const policy = koaPolicy(`koa-p${sites.length + 1}`, scope, call.span, call.callee.span, options, code);
    const { mentions, unknown } = optionFacts(options, LIBRARY, KNOWN);
    if (unknown) policy.unknownOptions = unknown;
    facts.policies!.push(policy);
    facts.optionMentions!.push(...mentions);
    sites.push({ policy, call, options });
  }
  return { sites, facts };
}

/** `origin` for a set of trusted origins: the one origin as a string (sent to everyone, readable only by
 *  it), several through a function that echoes the request Origin when it is listed (else no CORS). */
function originsCode(origins: string[], q: string): string | undefined {
  if (origins.length === 1) return jsLiteral(origins[0], q);
  const arr = jsArray(origins, q);
  const name = jsLiteral('Origin', q);
  return arr && `(ctx) => (${arr}.includes(ctx.get(${name})) ? ctx.get(${name}) : ${q}${q})`;
}

function renderKoaFix(req: FixRequest, file: SourceFile): TextEdit[] | undefined {
  if (!('policyId' in req)) return undefined;
  const site = analyze(file).sites.find((s) => s.policy.id === req.policyId);
  if (!site) return [];
  const text = file.text;
  switch (req.kind) {
    case 'set-origins': {
      const v = originsCode(req.origins, quoteOf(text));
      return v ? setOption(text, site.options, 'origin', v, argumentInsert(text, site.call, 0)) : [];
    }
    case 'remove-credentials':
      return removeOption(text, site.options, 'credentials');
    default:
      return undefined;
  }
}

const extractor: Extractor = {
  id: 'koa',
  title: 'Koa (@koa/cors)',
  languages: JS_LANGUAGES,
  filePatterns: JS_FILES,
  grammarFor: jsGrammarFor,
  mayContain: (text) => mentionsModule(text, MODULES),
  extract(file) {
    try {
      return analyze(file).facts;
    } catch (e) {
      return { notes: [`extraction failed: ${e instanceof Error ? e.message : String(e)}`] };
    }
  },
  renderFix(req, _facts, file) {
    try {
      return renderKoaFix(req, file);
    } catch {
      return [];
    }
  },
};

export default extractor;
