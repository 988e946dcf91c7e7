/**
 * Shared by the JavaScript framework extractors built on the engine (koa, hono, hapi): the grammar of a file,
 * its common form, every call in it (module level and inside every function), and where a callee comes
 * from (`import cors from '@koa/cors'`, `require('@hapi/hapi').server`, `import { cors } from 'hono/cors'`).
 */
import { bindingOf, codeOf, envOf, walkFunc, JS_TABLE, type Code, type Env, type Expr, type Stmt } from '../code/index.js';
import type { GrammarName } from '../syntax/treeSitter.js';
import type { SourceFile } from './types.js';

export type Call = Expr & { k: 'call' };

const TS_EXT: Record<string, GrammarName> = { ts: 'typescript', cts: 'typescript', mts: 'typescript', tsx: 'tsx' };
const TS_LANG: Record<string, GrammarName> = { typescript: 'typescript', typescriptreact: 'tsx' };

export function jsGrammarFor(file: { path: string; languageId?: string }): GrammarName {
  const ext = /\.([cm]?[jt]sx?)$/i.exec(file.path)?.[1].toLowerCase();
  if (ext) return TS_EXT[ext] ?? 'javascript';
  return TS_LANG[file.languageId ?? ''] ?? 'javascript';
}

export const JS_LANGUAGES = ['javascript', 'javascriptreact', 'typescript', 'typescriptreact'];
export const JS_FILES = ['**/*.{js,cjs,mjs,jsx,ts,cts,mts,tsx}'];

/** The file's code in the common form with the JavaScript table, or undefined without a tree. */
export function jsCode(file: SourceFile): Code | undefined {
  const tree = file.tree(jsGrammarFor(file));
  return tree ? codeOf(tree.rootNode, file.text, JS_TABLE) : undefined;
}

export interface CallSite {
  call: Call;
  env: Env;
  stmt: Stmt;
}

/** Every call of the file in source order, each with the environment of the function it is written in. */
export function allCalls(code: Code): CallSite[] {
  const out: CallSite[] = [];
  const visit = (body: Stmt[], env: Env) =>
    walkFunc({ body }, (node) => {
      if (node.expr?.k === 'call') out.push({ call: node.expr, env, stmt: node.stmt });
    });
  visit(code.program.body, envOf(code));
  const stack = [...code.scopes.module.children];
  while (stack.length) {
    const s = stack.shift()!;
    if (s.fn) visit(s.fn.body, envOf(code, s.fn));
    stack.push(...s.children);
  }
  return out.sort((a, b) => a.call.span.start - b.call.span.start);
}

/** `require('m')` or a dynamic `import('m')` (awaited) → 'm'. */
function requiredModule(e: Expr): string | undefined {
  if (e.k !== 'call' || e.callee.k !== 'name' || (e.callee.name !== 'require' && e.callee.name !== 'import')) return undefined;
  const a = e.args[0]?.value;
  return a?.k === 'str' ? a.value : undefined;
}

/** Where an expression comes from: a module and the property path below its export (`default` dropped).
 *  `import Hapi from '@hapi/hapi'; Hapi.server` → { module: '@hapi/hapi', path: ['server'] }. */
export function moduleOf(e: Expr, env: Env, depth = 0): { module: string; path: string[] } | undefined {
  if (depth > 8) return undefined;
  const clean = (p: string[]) => p.filter((x) => x !== 'default' && x !== '*');
  const direct = requiredModule(e);
  if (direct) return { module: direct, path: [] };
  if (e.k === 'member') {
    const o = moduleOf(e.object, env, depth + 1);
    return o ? { module: o.module, path: clean([...o.path, e.name]) } : undefined;
  }
  if (e.k !== 'name') return undefined;
  const found = bindingOf(e.name, env);
  if (!found) return undefined;
  const b = found.b;
  if (b.k === 'import') return { module: b.module, path: clean([b.imported]) };
  if (b.k !== 'value' || !b.constant) return undefined;
  const inner = moduleOf(b.value, found.env, depth + 1);
  if (!inner) return undefined;
  return { module: inner.module, path: clean(b.prop !== undefined ? [...inner.path, b.prop] : inner.path) };
}

/** Is this call's callee the export `path` of one of `modules`? */
export function callsModule(call: Call, env: Env, modules: readonly string[], path: readonly string[] = []): boolean {
  const m = moduleOf(call.callee, env);
  return !!m && modules.includes(m.module) && m.path.length === path.length && m.path.every((p, i) => p === path[i]);
}

/** Does the text import or require one of the modules (a cheap check before parsing)? */
export function mentionsModule(text: string, modules: readonly string[]): boolean {
  return modules.some((m) => text.includes(`'${m}'`) || text.includes(`"${m}"`) || text.includes('`' + m + '`'));
}

/** The positional arguments of a call (spread arguments make the rest unknown: cut there). */
export function positional(call: Call): Expr[] {
  const out: Expr[] = [];
  for (const a of call.args) {
    if (a.spread) break;
    if (!a.name) out.push(a.value);
  }
  return out;
}
