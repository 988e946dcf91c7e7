/**
 * The calls that matter in a file, found from names in its text: header writes (`res.set`, `res.setHeader`,
 * `vary(res, ...)` ...) and candidate library calls (`cors(...)`, `register`, `enableCors`, `NestFactory.create`).
 */
import type { Node } from '../../syntax/treeSitter.js';
import { MODULE_RE, type Modules } from './modules.js';
import { parentOf } from './scopes.js';
import { identifiersNamed, preorder } from './textSearch.js';

const CALLEE_WRAPPERS = new Set([
  'parenthesized_expression',
  'as_expression',
  'satisfies_expression',
  'non_null_expression',
  'type_assertion',
  'await_expression',
  'member_expression',
  'call_expression',
  'arguments',
]);

/** Calls around a node, up through callee wrappers (`(x)`, `x!`, `await`, `.default`, `require(...)(...)`). */
function callsAround(n: Node, into: Map<number, Node>): void {
  let cur: Node | null = n;
  for (let i = 0; cur && i < 10; i++) {
    const p = parentOf(cur);
    if (!p || !CALLEE_WRAPPERS.has(p.type)) return;
    if (p.type === 'call_expression') into.set(p.id, p);
    cur = p;
  }
}

const LIB_PROPS = new Set(['register', 'default', 'enableCors', 'create']);

export interface CallSites {
  /** Calls that may be a library call (cors(), register, enableCors, NestFactory.create, require('cors')(...)). */
  libCandidates: Node[];
}

/** The calls that matter, found from the names in the text (callee names, module strings) and sorted out by
 *  their callee exactly as a pass over every call would, in the same order. Every call that can yield a write
 *  or a library policy has one of these seeds in its callee: a write method or library property name, a local
 *  name of cors / vary, or the 'cors' string of require('cors')(...). */
export function findCalls(root: Node, text: string, mods: Modules): CallSites {
  const around = new Map<number, Node>();
  const seeds = [
    ...identifiersNamed(root, text, [...LIB_PROPS], 'property_identifier'),
    ...identifiersNamed(root, text, [...mods.cors], 'identifier'),
  ];
  MODULE_RE.lastIndex = 0;
  for (let m = MODULE_RE.exec(text); m; m = MODULE_RE.exec(text)) {
    if (m[2] !== 'cors') continue; // require('cors')(...), (await import('cors')).default(...)
    let lit = root.descendantForIndex(m.index, m.index + m[0].length);
    if (lit && lit.type !== 'string' && lit.type !== 'template_string') lit = parentOf(lit);
    if (lit && (lit.type === 'string' || lit.type === 'template_string')) seeds.push(lit);
  }
  for (const n of seeds) callsAround(n, around);
  const libCandidates: Node[] = [];
  for (const call of [...around.values()].sort(preorder)) {
    const fn = call.childForFieldName('function');
    if (!fn) continue;
    const t = fn.type;
    if (t === 'member_expression') {
      const prop = fn.childForFieldName('property')?.text ?? '';
      if (LIB_PROPS.has(prop)) libCandidates.push(call);
    } else if (t === 'identifier') {
      const name = fn.text;
      if (mods.cors.has(name)) libCandidates.push(call);
    } else if (t === 'call_expression' || t === 'parenthesized_expression' || t === 'await_expression') {
      libCandidates.push(call); // require('cors')(...)
    }
  }
  return { libCandidates };
}
