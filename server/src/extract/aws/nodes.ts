/** Small readers over the JSON-like nodes every AWS form is read into (syntax/json.ts JsonNode). */
import type { OptionMention } from '../../model/index.js';
import type { JsonNode, JsonProp } from '../../syntax/json.js';

export type Str = JsonNode & { k: 'str' };

/** The last `key` pair of a map node (its key span is where a hover goes). */
export const pairOf = (n: JsonNode | undefined, key: string): JsonProp | undefined => (n?.k === 'obj' ? n.props.findLast((p) => p.key === key) : undefined);

/** The items of a list of literal strings; undefined when any item is something else. */
export const strings = (n: JsonNode | undefined): Str[] | undefined => (n?.k === 'arr' && n.items.every((i) => i.k === 'str') ? (n.items as Str[]) : undefined);

/** An option mention for each key of `map` that is one of `keys`. */
export function mentionKeys(out: OptionMention[], map: JsonNode | undefined, library: string, keys: readonly string[]): void {
  if (map?.k === 'obj') for (const p of map.props) if (keys.includes(p.key)) out.push({ span: p.keySpan, library, option: p.key });
}
