/**
 * Header names written anywhere in a Flask file (`"Access-Control-Allow-Origin"` in a dict, a loop's list, a
 * header read `request.headers['Origin']`), for hovers. Read from the tree, not the common form: the form
 * leaves out places a name may be written (loop iterables, comprehensions, `with` items), and a mention is
 * only a string literal and where it sits.
 */
import type { Node } from '../../syntax/treeSitter.js';
import type { Valued } from '../../model/index.js';
import { pyExpr } from '../../code/index.js';
import { parentOf } from '../pySyntax.js';
import { onceBySpan } from '../common.js';
import type { Ctx } from './ctx.js';

/** The string nodes around the places where `re` (global) matches the text. */
function stringsAt(root: Node, text: string, re: RegExp): Node[] {
  const out: Node[] = [];
  for (let m = re.exec(text); m; m = re.exec(text)) {
    let n: Node | null = root.descendantForIndex(m.index, m.index + m[0].length);
    for (let i = 0; n && i < 2 && n.type !== 'string'; i++) n = parentOf(n);
    if (n?.type === 'string') out.push(n);
  }
  return out;
}

const CORS_NAME = /^(access-control-[a-z-]+|vary|timing-allow-origin)$/i;

export function collectMentions(ctx: Ctx): void {
  if (!ctx.flask) return;
  const add = (m: Valued<string>) => ctx.mentions.push(m);
  const seen2 = new Set<number>();
  for (const n of stringsAt(ctx.root, ctx.text, /access-control-|vary|timing-allow-origin|origin/gi)) {
    if (seen2.has(n.id)) continue;
    seen2.add(n.id);
    const s = pyExpr(n);
    if (s.k !== 'str' || !s.verbatim) continue;
    if (CORS_NAME.test(s.value)) add({ value: s.value, span: s.inner });
    else if (/^origin$/i.test(s.value) && headerContext(n)) add({ value: s.value, span: s.inner });
  }
  ctx.mentions = onceBySpan(ctx.mentions);
}

/** `X.headers['Origin']`, `X.headers.get('Origin')`, a key of a headers dict. */
function headerContext(n: Node): boolean {
  const p = parentOf(n);
  if (!p) return false;
  if (p.type === 'subscript') return /\.headers$/.test(p.childForFieldName('value')?.text ?? '');
  if (p.type === 'argument_list') {
    const call = parentOf(p);
    const f = call?.childForFieldName('function');
    return p.namedChild(0)?.id === n.id && /\.headers\.(get|add|set|setdefault|getlist|__contains__)$/.test(f?.text ?? '');
  }
  if (p.type === 'comparison_operator') return /\.headers$/.test(p.namedChild(1)?.text ?? '');
  return false;
}

