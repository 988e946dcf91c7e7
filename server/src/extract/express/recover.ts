/**
 * Half-typed code: `app.use(cors({ credentials: true, origin: tr` leaves the call inside an ERROR node.
 * Walk the tokens after the `cors` identifier and keep the options that did parse completely; the rest
 * of the object is unknown (it is being typed).
 */
import type { Node } from '../../syntax/treeSitter.js';

const MEMBER_TYPES = new Set(['pair', 'shorthand_property_identifier', 'method_definition', 'spread_element']);

function leavesFrom(root: Node, start: number, limit: number): Node[] {
  const out: Node[] = [];
  const visit = (n: Node): void => {
    if (n.endIndex <= start || n.startIndex >= limit || out.length > 4000) return;
    if (n.childCount === 0) {
      if (n.startIndex >= start) out.push(n);
      return;
    }
    for (const c of n.children) if (c) visit(c);
  };
  visit(root);
  return out;
}

function memberAt(root: Node, leaf: Node): Node | undefined {
  for (let n: Node | null = root.descendantForIndex(leaf.startIndex); n; n = n.parent) {
    if (n.startIndex !== leaf.startIndex) break;
    if (MEMBER_TYPES.has(n.type)) return n.hasError || n.isMissing ? undefined : n;
  }
  return undefined;
}

export interface Recovered {
  /** Properties that parsed completely, in order. */
  members: Node[];
  /** True when the object is cut off (absent options are unknown, not defaults). */
  open: boolean;
  /** End of the recovered text. */
  end: number;
}

/** `id` is the library identifier inside an ERROR node; read `id({ ...` as far as it goes. */
export function recoverOptionsCall(root: Node, id: Node): Recovered | undefined {
  const leaves = leavesFrom(root, id.endIndex, id.endIndex + 8000);
  if (leaves[0]?.type !== '(') return undefined;
  let depth = 0;
  let expectMember = false;
  let sawObject = false;
  const members: Node[] = [];
  let end = leaves[0].endIndex;
  let skipUntil = -1;
  for (let i = 0; i < leaves.length; i++) {
    const l = leaves[i];
    if (l.startIndex < skipUntil) continue;
    const t = l.type;
    if (t === 'comment') continue;
    if (t === '(' || t === '[' || t === '{' || t === '${') {
      depth++;
      if (depth === 2) {
        if (t !== '{' || i !== 1) return undefined; // not an options object literal
        sawObject = true;
        expectMember = true;
      }
    } else if (t === ')' || t === ']' || t === '}') {
      depth--;
      if (depth === 1 && t === '}' && sawObject) return { members, open: false, end: l.endIndex };
      if (depth <= 0) return sawObject ? { members, open: false, end: l.endIndex } : undefined;
    } else if (depth === 2 && t === ',') {
      expectMember = true;
    } else if (depth === 2 && expectMember) {
      const m = memberAt(root, l);
      if (!m) break; // the property being typed
      members.push(m);
      end = m.endIndex;
      skipUntil = m.endIndex;
      expectMember = false;
      continue;
    } else if (depth === 2) {
      break; // unexpected token between properties
    }
    end = l.endIndex;
  }
  if (!sawObject) return undefined;
  return { members, open: true, end };
}
