/**
 * Names whose value is changed in place somewhere in a Python (or Go) file: `X[k] = v`, `X[k] += v`, `del X[k]`,
 * `X.append(v)`, `X.update(...)`, `X[k].append(v)` ... A list or dict bound once but changed this way is not
 * the literal it was written as, so bindings.ts does not take it as a constant (isContainer: only a list,
 * dict or set as written; an object whose items are set stays the object it is).
 */
import type { Expr, Program } from './form.js';
import { allStmts, callsOfStmt } from './walk.js';

const PY_MUTATORS = new Set([
  'append', 'extend', 'insert', 'remove', 'pop', 'popitem', 'clear', 'update', 'setdefault', 'add', 'discard',
  'sort', 'reverse', '__setitem__', '__delitem__', 'difference_update', 'intersection_update', 'symmetric_difference_update',
]);

const BUILDERS = new Set(['list', 'dict', 'set', 'frozenset', 'tuple']);

/** A value that is a container as written: a list / dict / set literal or `set([...])`, `dict(a=1)` ... (an
 *  object such as `MutableHeaders(scope)` stays the same object when its items change). */
export function isContainer(e: Expr): boolean {
  return e.k === 'list' || e.k === 'map' || (e.k === 'call' && e.callee.k === 'name' && BUILDERS.has(e.callee.name));
}

/** `X`, `X[a]`, `X[a][b]`: the name at the root of an item chain. */
function itemRoot(e: Expr): string | undefined {
  let x = e;
  for (let i = 0; x.k === 'index' && i < 50; i++) x = x.object;
  return x.k === 'name' ? x.name : undefined;
}

export function mutatedNames(program: Program): Set<string> {
  const out = new Set<string>();
  // Go: `m[k] = v` changes a map the same way (its other changes are calls of builtins: `delete(m, k)`)
  const go = program.language === 'go';
  if (program.language !== 'python' && !go) return out;
  const mark = (name: string | undefined) => name !== undefined && out.add(name);
  allStmts(program.body, (s) => {
    for (const c of go ? [] : callsOfStmt(s)) {
      if (c.callee.k === 'member' && PY_MUTATORS.has(c.callee.name)) mark(itemRoot(c.callee.object));
      // `del X[k]` (code/adapt/python.ts writes it as a call of `del`)
      if (c.callee.k === 'name' && c.callee.name === 'del' && c.args[0]?.value.k === 'index') mark(itemRoot(c.args[0].value));
    }
    if (s.k === 'assign' && s.target.k === 'index') mark(itemRoot(s.target));
  });
  return out;
}
