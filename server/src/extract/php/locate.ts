/** Text scans of a PHP file, confirmed in the syntax tree: the calls that may write headers, and the CORS
 *  header names written in string literals (for hovers). */
import type { Valued } from '../../model/index.js';
import type { Node } from '../../syntax/treeSitter.js';
import { methodName } from './strings.js';

const CALL_SITE = /\b(header|header_remove)\s*\(|->\s*(set|remove|add|header|withheaders|withheader|withaddedheader|withoutheader|setheader|addheader|removeheader)\s*\(/gi;

/** The calls that may write headers: located by their names in the text, confirmed in the tree. */
export function findWriteCalls(root: Node, text: string): Node[] {
  const out: Node[] = [];
  const seen = new Set<number>();
  CALL_SITE.lastIndex = 0;
  for (let m = CALL_SITE.exec(text); m; m = CALL_SITE.exec(text)) {
    const word = m[1] ?? m[2];
    const start = m.index + m[0].indexOf(word, m[1] ? 0 : 2);
    const n = root.descendantForIndex(start, start + word.length);
    if (!n || n.type !== 'name') continue;
    let call: Node | null = n.parent;
    if (call?.type === 'qualified_name') call = call.parent;
    if (!call || seen.has(call.id)) continue;
    const isCall =
      (call.type === 'function_call_expression' && call.childForFieldName('function')?.endIndex === n.endIndex) ||
      ((call.type === 'member_call_expression' || call.type === 'nullsafe_member_call_expression') && call.childForFieldName('name')?.id === n.id);
    if (!isCall) continue;
    seen.add(call.id);
    out.push(call);
  }
  return out;
}

const MENTION = /access-control-[a-z-]*[a-z]|timing-allow-origin|(?<=['"])vary(?=[:'"])|(?<=['"])origin(?=['"])/gi;
const ORIGIN_GETTERS = new Set(['get', 'header', 'getheaderline', 'getheader', 'hasheader']);

/** Every CORS header name written in a string literal of the file (for hovers). */
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
