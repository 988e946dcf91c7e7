/**
 * An options object as written in the tree, for the fixes that edit it (fix.ts): its properties, in order.
 * The extraction reads options on the engine (libCalls.ts, corsLib.ts).
 */
import type { Span } from '../../model/index.js';
import type { Node } from '../../syntax/treeSitter.js';
import { span, stringLit } from './literals.js';

/** One option as written. */
export interface Prop {
  name: string;
  keySpan: Span;
  /** The whole property (`origin: [...]`), what removing it deletes. */
  node: Node;
  /** The value expression (the function itself for a method definition). */
  value: Node;
}

export interface Props {
  map: Map<string, Prop>;
  /** Props written before a spread (or a computed key we cannot read), which may be overridden. */
  shadowed: Set<string>;
  /** Something we cannot see may set any option (spread, computed key, truncated code). */
  open: boolean;
  /** Keys of the object, in order, including unknown ones. */
  all: Prop[];
}

/** Read the properties of an object literal (or of the pairs recovered from half-typed code). */
export function readProps(members: Node[], open: boolean): Props {
  const map = new Map<string, Prop>();
  const all: Prop[] = [];
  let shadowed = new Set<string>();
  let sawOpaque = false;
  for (const m of members) {
    let key: Node | null = null;
    let value: Node | null = null;
    if (m.type === 'pair') {
      key = m.childForFieldName('key');
      value = m.childForFieldName('value');
    } else if (m.type === 'shorthand_property_identifier') {
      key = m;
      value = m;
    } else if (m.type === 'method_definition') {
      key = m.childForFieldName('name');
      value = m;
    } else if (m.type === 'spread_element') {
      sawOpaque = true;
      shadowed = new Set(map.keys());
      continue;
    } else continue;
    if (!key || !value) continue;
    let name: string | undefined;
    let keySpan: Span = span(key);
    if (key.type === 'property_identifier' || key.type === 'shorthand_property_identifier' || key.type === 'identifier') name = key.text;
    else if (key.type === 'string') {
      const s = stringLit(key);
      if (s) {
        name = s.text;
        keySpan = s.span;
      }
    } else if (key.type === 'number') name = String(Number(key.text));
    if (name === undefined) {
      // computed key: may set anything
      sawOpaque = true;
      shadowed = new Set(map.keys());
      continue;
    }
    const p: Prop = { name, keySpan, node: m, value };
    map.set(name, p);
    shadowed.delete(name);
    all.push(p);
  }
  return { map, shadowed, open: open || sawOpaque, all };
}

export function objectMembers(obj: Node): Node[] {
  return obj.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
}
