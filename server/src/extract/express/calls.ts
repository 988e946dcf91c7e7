/**
 * Calls: the parts of `obj.method(...)`, the arguments, the identifier at the root of a call chain, and the
 * statement a call stands in.
 */
import type { Node } from '../../syntax/treeSitter.js';
import { unwrap } from './literals.js';
import { parentOf } from './scopes.js';

/** `obj.method(...)` parts of a call. */
export function memberCall(call: Node): { object: Node; property: string; propertyNode: Node } | undefined {
  if (call.type !== 'call_expression') return undefined;
  const fn = unwrap(call.childForFieldName('function'));
  if (fn?.type !== 'member_expression') return undefined;
  const object = fn.childForFieldName('object');
  const prop = fn.childForFieldName('property');
  if (!object || !prop) return undefined;
  return { object, property: prop.text, propertyNode: prop };
}

export function callArgs(call: Node): Node[] {
  const args = call.childForFieldName('arguments');
  if (!args || args.type !== 'arguments') return [];
  return args.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
}

/** The statement a call stands in, when the call is the whole expression statement. */
export function wholeStatement(call: Node): Node | undefined {
  let n = call;
  const a = parentOf(n);
  if (a?.type === 'await_expression') n = a;
  const p = parentOf(n);
  if (p?.type === 'expression_statement') return p;
  return undefined;
}
