/**
 * The code analysis every program-code extractor runs on: parse tree → common form (adapt/) → scopes
 * (bindings.ts) → values and the request Origin (values.ts) → conditions (conditions.ts) and guarded paths
 * (guards.ts). Extractors add what their framework means (tables/, their own header-write and library tables).
 */
import type { Node } from '../syntax/treeSitter.js';
import { javaProgram } from './adapt/java.js';
import { jsProgram } from './adapt/javascript.js';
import { phpProgram } from './adapt/php.js';
import { goProgram } from './adapt/go.js';
import { pyProgram } from './adapt/python.js';
import { csProgram } from './adapt/csharp.js';
import { rbProgram } from './adapt/ruby.js';
import { buildScopes } from './bindings.js';
import type { Program } from './form.js';
import type { LanguageTable } from './table.js';
import type { Code } from './values.js';

const ADAPTERS: Record<Program['language'], (root: Node) => Program> = {
  javascript: jsProgram,
  python: pyProgram,
  php: phpProgram,
  csharp: csProgram,
  ruby: rbProgram,
  java: javaProgram,
  go: goProgram,
};

const built = new WeakMap<Node['tree'], { program: Program; scopes: ReturnType<typeof buildScopes> }>();

/** The analysis of one file, with a language table (several extractors may read one tree with their own
 *  tables: the common form and scopes are built once per tree). Never throws on any tree. */
export function codeOf(root: Node, text: string, table: LanguageTable): Code {
  let b = built.get(root.tree);
  if (!b || b.program.language !== table.language) {
    const program = ADAPTERS[table.language](root);
    b = { program, scopes: buildScopes(program) };
    built.set(root.tree, b);
  }
  return { program: b.program, scopes: b.scopes, table, text };
}

export type { Code, Env, Val } from './values.js';
export type { ClassInfo } from './bindings.js';
export { argOf, bindingOf, envOf, evaluate, originRead, mentionsOrigin } from './values.js';
export { collectWrites, compatible, headerValueOf, type WriteForm, type AssignForm, type WriteTable, type WriteSite } from './writes.js';
export { classify, entriesOf, entryOf, methodRead, strongest, type Cond } from './conditions.js';
export { walkFunc, walkStmts, summarize, pathCond, exits, caseTest, conjuncts, type Guard, type GuardSummary } from './guards.js';
export { chainOf, calleeName, dottedName, pattern, matches } from './chain.js';
export { allStmts, callsIn, callsOfStmt, type Call } from './walk.js';
export { extendTable, patterns, type LanguageTable } from './table.js';
export { JS_TABLE } from './tables/javascript.js';
export { PY_TABLE } from './tables/python.js';
export { PHP_TABLE } from './tables/php.js';
export { CS_TABLE } from './tables/csharp.js';
export { RUBY_TABLE } from './tables/ruby.js';
export { JAVA_TABLE } from './tables/java.js';
export { GO_TABLE } from './tables/go.js';
export * from './form.js';
/** A JavaScript tree node in the common form (for extractors that hold tree nodes: half-typed code). */
export { jsExpr, jsEntry } from './adapt/javascript.js';
/** A Python tree node in the common form (a string literal found in the tree: its value and exact spans). */
export { pyExpr } from './adapt/python.js';
/** A Ruby tree node in the common form. */
export { rbExpr } from './adapt/ruby.js';
/** A Java tree node in the common form. */
export { javaExpr } from './adapt/java.js';
