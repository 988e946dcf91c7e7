/**
 * ASP.NET (C#): ASP.NET Core CORS policies (core.ts: `AddCors` / `AddPolicy` / `AddDefaultPolicy` /
 * `UseCors(p => …)` builder chains), ASP.NET Web API 2 `[EnableCors(origins, headers, methods)]` and
 * `config.EnableCors(new EnableCorsAttribute(…))` (webapi.ts), and hand-written `Access-Control-*` response
 * headers (handwritten.ts). On the code engine with the C# table; fixes in fix.ts.
 */
import { callsOfStmt, codeOf, CS_TABLE, dottedName, evaluate, envOf, type Code, type Expr, type Func, type Stmt } from '../../code/index.js';
import type { CorsPolicy, FileFacts, OptionMention } from '../../model/index.js';
import { onceBySpan } from '../common.js';
import type { Extractor, SourceFile } from '../types.js';
import { corePolicy, type ConfigReader } from './core.js';
import { configValue } from './config.js';
import { renderAspNetFix } from './fix.js';
import { handWritten } from './handwritten.js';
import { ID, LIB_CORE, type Meta } from './meta.js';
import { isWebApi, webApiPolicy } from './webapi.js';

const MAY_CONTAIN = /AddCors|EnableCors|UseCors|access-control-|AccessControlAllow/i;
const MAX_TEXT = 2_000_000;
// (AddPolicy / AddDefaultPolicy are also authorization and rate-limiting calls: mentioned only when they built a CORS policy)
const ROUTING = new Set(['UseCors', 'RequireCors', 'AddCors']);

export interface Analysis {
  code: Code;
  facts: Partial<FileFacts>;
  meta: Map<string, Meta>;
}

const cache = new WeakMap<object, Analysis>();

export function analyze(file: SourceFile): Analysis | undefined {
  if (file.text.length > MAX_TEXT || file.text.includes('\u0000')) return undefined;
  const tree = file.tree('csharp');
  if (!tree) return undefined;
  const hit = cache.get(tree);
  if (hit && hit.code.text === file.text) return hit;
  const code = codeOf(tree.rootNode, file.text, CS_TABLE);
  const notes: string[] = tree.rootNode.hasError ? ['syntax errors: facts from the readable parts only'] : [];
  const policies: CorsPolicy[] = [];
  const mentions: OptionMention[] = [];
  const meta = new Map<string, Meta>();
  let n = 0;
  const cfg: ConfigReader = (key) => {
    const v = configValue(file.path, file.workspace, key);
    if (v) notes.push(`origins of "${key}" read from appsettings.json`);
    return v;
  };
  const add = (r: { policy: CorsPolicy; meta: Meta } | undefined, by?: Expr) => {
    if (!r) return;
    policies.push(r.policy);
    meta.set(r.policy.id, r.meta);
    if (by?.k === 'member' && (by.name === 'AddPolicy' || by.name === 'AddDefaultPolicy')) mentions.push({ span: by.nameSpan, library: LIB_CORE, option: by.name });
  };
  const funcArg = (c: Expr & { k: 'call' }, i: number): Func | undefined => {
    const a = c.args.filter((x) => !x.name || x.name === 'configurePolicy')[i]?.value;
    return a?.k === 'func' ? a.fn : undefined;
  };
  const step = (what: string, run: () => void) => {
    try {
      run();
    } catch (e) {
      notes.push(`${what} failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  step('policies', () =>
    eachStmt(code, (s, fn) => {
      const decorators = s.k === 'func' ? s.fn.decorators : s.k === 'class' ? s.decorators : [];
      const label = s.k === 'func' ? `action ${s.fn.name ?? ''}` : s.k === 'class' ? `controller ${s.name ?? ''}` : '';
      for (const d of decorators) {
        if (d.k !== 'call' || d.callee.k !== 'name') continue;
        const name = d.callee.name;
        if (name === 'EnableCors' && isWebApi(d)) add(webApiPolicy(code, s.k === 'func' ? s.fn : fn, d, { id: `p${++n}`, label, kind: 'route' }, mentions));
        else if (name === 'EnableCors' || name === 'DisableCors') mentions.push({ span: d.callee.span, library: LIB_CORE, option: name });
      }
      for (const c of callsOfStmt(s)) {
        const callee = c.callee.k === 'member' ? c.callee : undefined;
        const name = callee?.name ?? dottedName(c.callee);
        if (!name) continue;
        if (callee && ROUTING.has(name)) mentions.push({ span: callee.nameSpan, library: LIB_CORE, option: name });
        if (name === 'AddPolicy' && callee) {
          const f = funcArg(c, 1);
          const pn = c.args[0] ? evaluate(c.args[0].value, envOf(code, fn)) : undefined;
          if (f) add(corePolicy(code, f, { id: `p${++n}`, span: c.span, label: pn?.k === 'str' ? `policy "${pn.value}"` : 'named policy' }, mentions, cfg), callee);
        } else if (name === 'AddDefaultPolicy' && callee) {
          const f = funcArg(c, 0);
          if (f) add(corePolicy(code, f, { id: `p${++n}`, span: c.span, label: 'default policy' }, mentions, cfg), callee);
        } else if (name === 'UseCors' && callee) {
          const f = funcArg(c, 0);
          if (f) add(corePolicy(code, f, { id: `p${++n}`, span: c.span, label: 'UseCors policy' }, mentions, cfg));
        } else if (name === 'EnableCors' && callee) {
          const a = c.args[0]?.value;
          if (a?.k === 'call' && a.isNew && dottedName(a.callee)?.replace(/^.*\./, '') === 'EnableCorsAttribute' && isWebApi(a)) add(webApiPolicy(code, fn, a, { id: `p${++n}`, label: 'Web API', kind: 'app' }, mentions));
        }
      }
    }),
  );
  const facts: Partial<FileFacts> = { policies, notes };
  step('headers', () => {
    const labelOf = (fn: Func | undefined) => (!fn ? 'Program' : fn.name ? `method ${fn.name}` : 'middleware');
    const h = handWritten(code, labelOf);
    facts.headerWrites = h.writes;
    facts.responses = h.responses;
    policies.push(...h.policies);
    facts.headerMentions = h.writes.map((w) => ({ value: w.name, span: w.nameSpan }));
  });
  facts.optionMentions = onceBySpan(mentions);
  const out = { code, facts, meta };
  cache.set(tree, out);
  return out;
}

/** Every statement of the file with the function it runs in (the module, a method, a lambda), once. */
function eachStmt(code: Code, visit: (s: Stmt, fn: Func | undefined) => void): void {
  const walk = (body: Stmt[], fn: Func | undefined, depth: number): void => {
    if (depth > 200) return;
    for (const s of body) {
      visit(s, fn);
      if (s.k === 'if') {
        walk(s.then, fn, depth + 1);
        if (s.else) walk(s.else, fn, depth + 1);
      } else if (s.k === 'switch') for (const c of s.cases) walk(c.body, fn, depth + 1);
      else if (s.k === 'block') {
        walk(s.body, fn, depth + 1);
        for (const c of s.catches ?? []) walk(c, fn, depth + 1);
      } else if (s.k === 'class') walk(s.body, fn, depth + 1);
    }
  };
  walk(code.program.body, undefined, 0);
  const scopes = (sc: typeof code.scopes.module, depth: number): void => {
    if (depth > 200) return;
    for (const c of sc.children) {
      if (c.fn) walk(c.fn.body, c.fn, depth);
      scopes(c, depth + 1);
    }
  };
  scopes(code.scopes.module, 0);
}

const aspnet: Extractor = {
  id: ID,
  title: 'ASP.NET (ASP.NET Core CORS, Web API 2 EnableCors, hand-written headers)',
  languages: ['csharp'],
  filePatterns: ['**/*.cs'],
  grammarFor: () => 'csharp',
  mayContain: (text) => MAY_CONTAIN.test(text),
  extract(file: SourceFile): Partial<FileFacts> {
    try {
      return analyze(file)?.facts ?? {};
    } catch (e) {
      return { notes: [`aspnet extractor failed: ${e instanceof Error ? e.message : String(e)}`] };
    }
  },
  renderFix(req, facts, file) {
    try {
      const a = analyze(file);
      return a ? renderAspNetFix(req, facts, file.text, a.meta) : [];
    } catch {
      return [];
    }
  },
};

export default aspnet;
