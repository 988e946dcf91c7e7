/**
 * The local names bound to the `cors`, `@fastify/cors` and `vary` modules (import, require, dynamic import), and
 * whether a callee is one of those modules.
 */
import type { Node } from '../../syntax/treeSitter.js';
import { callArgs } from './calls.js';
import { stringLit, unwrap } from './literals.js';

export interface Modules {
  cors: Set<string>;
  fastifyCors: Set<string>;
  vary: Set<string>;
}

function moduleOfRequire(n: Node | null | undefined): string | undefined {
  let u = unwrap(n);
  if (u?.type === 'await_expression') u = unwrap(u.namedChildren[0]);
  if (u?.type !== 'call_expression') return undefined;
  const fn = u.childForFieldName('function');
  if (fn?.text !== 'require' && fn?.type !== 'import') return undefined;
  return stringLit(callArgs(u)[0])?.text;
}

export const MODULE_RE = /(['"`])(cors|@fastify\/cors|vary)\1/g;

/** Local names bound to the `cors`, `@fastify/cors` and `vary` modules. The raw text is only searched
 *  for the module string to find where to look; the binding itself is read from the tree. */
export function collectModules(root: Node, text: string): Modules {
  const mods: Modules = { cors: new Set(), fastifyCors: new Set(), vary: new Set() };
  const target = (src: string | undefined): Set<string> | undefined =>
    src === 'cors' ? mods.cors : src === '@fastify/cors' ? mods.fastifyCors : src === 'vary' ? mods.vary : undefined;
  MODULE_RE.lastIndex = 0;
  for (let m = MODULE_RE.exec(text); m; m = MODULE_RE.exec(text)) {
    const lit = root.descendantForIndex(m.index, m.index + m[0].length);
    const strNode = lit?.type === 'string' ? lit : lit?.parent?.type === 'string' ? lit.parent : undefined;
    if (!strNode || stringLit(strNode)?.text !== m[2]) continue;
    const set = target(m[2])!;
    // import x from 'cors' / import * as x / import { default as x } / import x = require('cors')
    const up: Node | null = strNode.parent;
    if (up?.type === 'import_require_clause') {
      const id = up.namedChildren.find((c) => c?.type === 'identifier');
      if (id) set.add(id.text);
      continue;
    }
    if (up?.type === 'import_statement') {
      const clause = up.namedChildren.find((c) => c?.type === 'import_clause');
      for (const c of clause?.namedChildren ?? []) {
        if (!c) continue;
        if (c.type === 'identifier') set.add(c.text);
        else if (c.type === 'namespace_import') {
          const id = c.namedChildren.find((x) => x?.type === 'identifier');
          if (id) set.add(id.text);
        } else if (c.type === 'named_imports') {
          for (const sp of c.namedChildren) {
            if (sp?.type !== 'import_specifier') continue;
            const name = sp.childForFieldName('name')?.text;
            const alias = sp.childForFieldName('alias')?.text;
            if (name === 'default' || (set === mods.fastifyCors && name === 'fastifyCors')) set.add(alias ?? name!);
          }
        }
      }
      continue;
    }
    // const x = require('cors') / const { default: x } = require('cors') / await import('@fastify/cors')
    if (up?.type !== 'arguments') continue;
    const call = up.parent;
    if (!call || moduleOfRequire(call) !== m[2]) continue;
    let holder: Node | null = call.parent;
    while (holder && (holder.type === 'await_expression' || holder.type === 'parenthesized_expression')) holder = holder.parent;
    if (holder?.type !== 'variable_declarator') continue;
    const nm = holder.childForFieldName('name');
    if (nm?.type === 'identifier') set.add(nm.text);
    else if (nm?.type === 'object_pattern') {
      for (const c of nm.namedChildren) {
        if (c?.type === 'pair_pattern' && ['default', 'fastifyCors'].includes(c.childForFieldName('key')?.text ?? '')) {
          const v = c.childForFieldName('value');
          if (v?.type === 'identifier') set.add(v.text);
        } else if (c?.type === 'shorthand_property_identifier_pattern' && c.text === 'fastifyCors') set.add(c.text);
      }
    }
  }
  return mods;
}

export function isLibCallee(fn: Node | null | undefined, names: Set<string>, module: string): boolean {
  const u = unwrap(fn);
  if (!u) return false;
  if (u.type === 'identifier') return names.has(u.text);
  if (moduleOfRequire(u) === module) return true;
  // cors.default(...) for `import * as cors`
  if (u.type === 'member_expression' && u.childForFieldName('property')?.text === 'default') {
    const o = unwrap(u.childForFieldName('object'));
    return !!o && ((o.type === 'identifier' && names.has(o.text)) || moduleOfRequire(o) === module);
  }
  return false;
}
