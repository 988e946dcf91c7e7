/**
 * CORS headers written with the Fetch API's response objects: Deno (`Deno.serve`), Bun, Cloudflare Workers
 * (`export default { fetch(request) {…} }`), Supabase edge functions (`const corsHeaders = {…}` spread into
 * each `new Response`), Next.js route handlers (`export function GET/OPTIONS`) and middleware
 * (`NextResponse.next()` then `res.headers.set`). The write forms are in writeTable.ts, which writes reach
 * which response in responses.ts. Express-style `res.setHeader` / `res.set` is the Express extractor's
 * (it leaves `X.headers.set` alone, and this one reads only `headers.set/append`).
 */
import { codeOf, collectWrites, envOf, type Code, type Env, type Expr, type Func, type WriteSite } from '../../code/index.js';
import type { CorsPolicy, FileFacts, HeaderWrite, ResponseHeaders, Scope } from '../../model/index.js';
import { effectiveWrites, H, policyFromWrites, tryExtract, tryFix } from '../common.js';
import { allCalls, jsGrammarFor, JS_FILES, JS_LANGUAGES } from '../jsCalls.js';
import type { Extractor, SourceFile } from '../types.js';
import { renderFetchFix } from './fix.js';
import { responseGroups, sequences, startOf } from './responses.js';
import { EXTRACTOR_ID, FETCH_TABLE, FETCH_WRITES } from './writeTable.js';

/** Next.js App Router handlers named for a method other than OPTIONS: Next answers the preflight itself
 *  (204 with `Allow`, no CORS headers), so their headers never reach one. */
const NON_OPTIONS_HANDLERS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH']);

export interface Analysis {
  code: Code;
  facts: Partial<FileFacts>;
  /** The write behind each HeaderWrite id. */
  sites: Map<string, WriteSite>;
}

/** A function's name: its own, or the name of the module constant it is assigned to
 *  (`export const OPTIONS = async () => …`). */
const constNames = new WeakMap<Code['program'], Map<Func, string>>();
function nameOf(code: Code, fn: Func | undefined): string | undefined {
  if (!fn || fn.name) return fn?.name;
  let names = constNames.get(code.program);
  if (!names) {
    names = new Map();
    for (const s of code.program.body) if (s.k === 'assign' && s.decl === 'const' && s.target.k === 'name' && s.value.k === 'func') names.set(s.value.fn, s.target.name);
    constNames.set(code.program, names);
  }
  return names.get(fn);
}

function scopeOf(file: SourceFile, code: Code, fn: Func | undefined): Scope {
  const label = file.path.split('/').pop() ?? file.path;
  if (!fn) return { kind: 'file', label, path: [] };
  const n = nameOf(code, fn);
  const name = n ? `function ${n}` : 'handler';
  return { kind: 'block', label: name, path: [label, name], span: fn.span };
}

/** Every response-constructor call of the file with the function it is in. */
function startsOf(code: Code): { call: Expr & { k: 'call' }; env: Env; fn?: Func }[] {
  return allCalls(code)
    .filter(({ call }) => startOf(call))
    .map(({ call, env }) => ({ call, env, fn: env.scope.fn }));
}

export function analyze(file: SourceFile): Analysis | undefined {
  const tree = file.tree(jsGrammarFor(file));
  if (!tree) return undefined;
  const code = codeOf(tree.rootNode, file.text, FETCH_TABLE);
  const all = collectWrites(code, FETCH_WRITES, 'fw');
  const envFor = (s: WriteSite) => envOf(code, s.fn);
  const groups = responseGroups(all, envFor, startsOf(code));
  const writes: HeaderWrite[] = [];
  const sites = new Map<string, WriteSite>();
  const policies: CorsPolicy[] = [];
  const responses: ResponseHeaders[] = [];
  const seenPolicy = new Set<string>();
  let n = 0;
  for (const g of groups) {
    const scope = scopeOf(file, code, g.start?.fn ?? g.sites[0]?.fn);
    // one HeaderWrite per site of this response (a constant spread into several responses is written by each)
    const own = new Map<WriteSite, HeaderWrite>();
    for (const s of g.sites) {
      const w: HeaderWrite = { ...s.write, id: `fw${++n}`, scope };
      own.set(s, w);
      writes.push(w);
      sites.set(w.id, s);
    }
    for (const seq of sequences(g, (s) => own.get(s)!)) {
      const names = new Set(seq.map((w) => w.name.toLowerCase()));
      const ids = seq.filter((w) => [...names].some((nm) => effectiveWrites(seq, nm).includes(w))).map((w) => w.id);
      if (ids.length) responses.push({ scope, writeIds: ids });
      const acao = effectiveWrites(seq, H.allowOrigin);
      if (!acao.length) continue;
      const p = policyFromWrites(seq, {
        id: `fp${policies.length + 1}`,
        extractor: EXTRACTOR_ID,
        layer: 'app',
        scope,
        span: g.start?.node.span ?? acao[0].statementSpan,
        answersPreflight: preflight(nameOf(code, g.start?.fn ?? g.sites[0]?.fn), seq, sites),
      });
      if (!p) continue;
      const key = [...p.writeIds].map((id) => sites.get(id)!.write.id).sort().join(',') + '|' + scope.label;
      if (seenPolicy.has(key)) continue;
      seenPolicy.add(key);
      policies.push(p);
    }
  }
  return {
    code,
    sites,
    facts: { headerWrites: writes, policies, responses, headerMentions: writes.map((w) => ({ value: w.name, span: w.nameSpan })) },
  };
}

/** Does this response answer a preflight: built under an OPTIONS test or in an OPTIONS handler (true), under
 *  a non-OPTIONS test or in a Next.js GET/POST/… handler (false); else as the writes say. */
function preflight(fnName: string | undefined, seq: HeaderWrite[], sites: Map<string, WriteSite>): CorsPolicy['answersPreflight'] | undefined {
  const method = seq.map((w) => sites.get(w.id)!.summary.method).find((m) => m);
  if (method === 'options-only' || fnName === 'OPTIONS') return true;
  if (method === 'non-options' || (fnName && NON_OPTIONS_HANDLERS.has(fnName))) return false;
  return undefined;
}

/** A file that builds Fetch-API responses (the words this extractor's forms need) and names a CORS header. */
export function mayContain(text: string): boolean {
  return /access-control-/i.test(text) && /\b(Response|NextResponse|Headers)\b/.test(text);
}

const extractor: Extractor = {
  id: EXTRACTOR_ID,
  title: 'Fetch API responses (Deno, Bun, Workers, Supabase, Next.js route handlers)',
  languages: JS_LANGUAGES,
  filePatterns: JS_FILES,
  grammarFor: jsGrammarFor,
  mayContain,
  extract: (file) => tryExtract(EXTRACTOR_ID, () => analyze(file)?.facts ?? { notes: ['no syntax tree'] }),
  renderFix: (req, facts, file) => tryFix(() => renderFetchFix(req, facts, file)),
};

export default extractor;
