/** The CORS header names written in string literals of a PHP file (for hovers): found by their text inside
 *  the file's string literals, confirmed in the syntax tree (HTML around the PHP code is not a mention). */
import type { Valued } from '../../model/index.js';
import type { Node } from '../../syntax/treeSitter.js';

const MENTION = /access-control-[a-z-]*[a-z]|timing-allow-origin|(?<=['"])vary(?=[:'"])|(?<=['"])origin(?=['"])/gi;
const ORIGIN_GETTERS = new Set(['get', 'header', 'getheaderline', 'getheader', 'hasheader']);

function methodName(node: Node): string | undefined {
  if (node.type !== 'member_call_expression' && node.type !== 'nullsafe_member_call_expression') return undefined;
  const n = node.childForFieldName('name');
  return n?.type === 'name' ? n.text.toLowerCase() : undefined;
}

export function headerMentions(root: Node, text: string): Valued<string>[] {
  const out: Valued<string>[] = [];
  MENTION.lastIndex = 0;
  for (let m = MENTION.exec(text); m; m = MENTION.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    const leaf = root.descendantForIndex(start, end);
    if (!leaf || leaf.type !== 'string_content' || leaf.startIndex > start || leaf.endIndex < end) continue;
    const str = leaf.parent;
    if (!str || (str.type !== 'string' && str.type !== 'encapsed_string')) continue;
    const lower = m[0].toLowerCase();
    if (lower === 'origin') {
      // Only as a header name: $request->headers->get('Origin'), getallheaders()['Origin'] ...
      if (str.startIndex !== start - 1 || str.endIndex !== end + 1) continue;
      const call = str.parent?.parent?.parent;
      const meth = call ? methodName(call) : undefined;
      if (!(meth && ORIGIN_GETTERS.has(meth)) && str.parent?.type !== 'subscript_expression') continue;
    }
    if (lower === 'vary' && str.startIndex !== start - 1) continue;
    out.push({ value: m[0], span: { start, end } });
  }
  return out;
}
