/**
 * The conditions a hand-written header write runs under (the `if` / `elif` / `else` clauses around it and
 * earlier `if cond: return` exits), and what they say about the request Origin (allowlist, prefix /
 * suffix and regex tests) and about the request method (OPTIONS or not).
 */
import type { Node } from '../../syntax/treeSitter.js';
import type { HeaderWrite, OriginCheck, Valued } from '../../model/index.js';
import { evaluate, namedChildren, spanOf, walk, type PyValue } from './py.js';
import { parentOf } from './py.js';
import type { FnCtx } from './handlers.js';
import { isOriginExpr } from './requestOrigin.js';

export interface Guard {
  cond: Node;
  positive: boolean;
  /** The if statement and the clause the write sits in (for exclusive-branch tests). */
  branch?: { id: number; clause: number };
}

function terminates(block: Node): boolean {
  const last = namedChildren(block).at(-1);
  if (!last) return false;
  if (last.type === 'return_statement' || last.type === 'raise_statement') return true;
  if (last.type === 'expression_statement') {
    const c = last.namedChild(0);
    return c?.type === 'call' && /^(flask\.)?abort$/.test(c.childForFieldName('function')?.text ?? '');
  }
  return false;
}

/** The conditions that hold where `n` runs, walking up to the function `def`. */
export function guardsOf(n: Node, def: Node): Guard[] {
  const out: Guard[] = [];
  let cur: Node = n;
  while (parentOf(cur) && cur.id !== def.id) {
    const p: Node = parentOf(cur)!;
    if (p.type === 'block') {
      // Early exits before this statement: `if cond: return ...` means not cond here.
      for (const sib of namedChildren(p)) {
        if (sib.startIndex >= cur.startIndex) break;
        if (sib.type === 'if_statement' && !sib.childForFieldName('alternative')) {
          const cons = sib.childForFieldName('consequence');
          const cond = sib.childForFieldName('condition');
          if (cons && cond && terminates(cons)) out.push({ cond, positive: false, branch: { id: sib.id, clause: -1 } });
        }
      }
      const gp = parentOf(p);
      if (gp?.type === 'if_statement' && gp.childForFieldName('consequence')?.id === p.id) {
        const cond = gp.childForFieldName('condition');
        if (cond) out.push({ cond, positive: true, branch: { id: gp.id, clause: 0 } });
      } else if (gp?.type === 'elif_clause' || gp?.type === 'else_clause') {
        const ifs = parentOf(gp);
        if (ifs?.type === 'if_statement') {
          const alts = ifs.childrenForFieldName('alternative').filter((x): x is Node => !!x);
          const idx = alts.findIndex((a) => a.id === gp.id);
          const first = ifs.childForFieldName('condition');
          if (first) out.push({ cond: first, positive: false, branch: { id: ifs.id, clause: idx + 1 } });
          for (let i = 0; i < idx; i++) {
            const c = alts[i].childForFieldName('condition');
            if (c) out.push({ cond: c, positive: false });
          }
          if (gp.type === 'elif_clause') {
            const c = gp.childForFieldName('condition');
            if (c) out.push({ cond: c, positive: true });
          }
        }
      }
    }
    cur = p;
  }
  return out;
}

function mentions(n: Node, names: Set<string>, fc: FnCtx): boolean {
  let found = false;
  walk(n, (x) => {
    if (found) return false;
    if (isOriginExpr(x, names, fc)) found = true;
    return !found;
  });
  return found;
}

function strEntries(v: PyValue): Valued<string>[] | undefined {
  const one = (x: PyValue): Valued<string> | undefined =>
    x.kind === 'str' ? { value: x.text, span: x.verbatim ? x.inner : spanOf(x.node) } : undefined;
  if (v.kind === 'seq') {
    const out: Valued<string>[] = [];
    for (const i of v.items) {
      const e = one(i);
      if (!e) return undefined;
      out.push(e);
    }
    return out;
  }
  if (v.kind === 'dict') {
    const out: Valued<string>[] = [];
    for (const p of v.pairs) {
      const e = one(p.key);
      if (!e) return undefined;
      out.push(e);
    }
    return v.splat ? undefined : out;
  }
  const e = one(v);
  return e ? [e] : undefined;
}

/** What a condition (known to be `positive`) says about the request origin. */
export function originTest(c: Node, positive: boolean, names: Set<string>, fc: FnCtx): OriginCheck | 'mention' | undefined {
  switch (c.type) {
    case 'parenthesized_expression': {
      const i = namedChildren(c)[0];
      return i ? originTest(i, positive, names, fc) : undefined;
    }
    case 'not_operator': {
      const a = c.childForFieldName('argument');
      return a ? originTest(a, !positive, names, fc) : undefined;
    }
    case 'boolean_operator': {
      const op = c.child(1)?.type;
      const l = c.childForFieldName('left');
      const r = c.childForFieldName('right');
      if (!l || !r) return undefined;
      if ((op === 'and' && positive) || (op === 'or' && !positive)) {
        const a = originTest(l, positive, names, fc);
        const b = originTest(r, positive, names, fc);
        if (a && a !== 'mention') return a;
        if (b && b !== 'mention') return b;
        return a ?? b;
      }
      return mentions(c, names, fc) ? 'mention' : undefined;
    }
    case 'comparison_operator': {
      const kids = namedChildren(c);
      const ops = c.childrenForFieldName('operators').map((o) => o?.type ?? '');
      if (kids.length !== 2 || ops.length !== 1) return mentions(c, names, fc) ? 'mention' : undefined;
      const [l, r] = kids;
      const op = ops[0];
      const lo = isOriginExpr(l, names, fc);
      const ro = isOriginExpr(r, names, fc);
      if (!lo && !ro) return mentions(c, names, fc) ? 'mention' : undefined;
      if (op === 'is' || op === 'is not') return undefined; // a presence test
      const holds = op === 'in' || op === '==' ? positive : op === 'not in' || op === '!=' ? !positive : undefined;
      if (holds !== true) return 'mention';
      if (lo && (op === 'in' || op === 'not in')) {
        const v = evaluate(r, fc.r);
        if (v.kind === 'str') return { kind: 'substring', entries: strEntries(v) };
        return { kind: 'exact', entries: strEntries(v) };
      }
      if (ro && (op === 'in' || op === 'not in')) {
        const v = evaluate(l, fc.r);
        return { kind: 'substring', entries: strEntries(v) };
      }
      const other = lo ? r : l;
      const v = evaluate(other, fc.r);
      return { kind: 'exact', entries: strEntries(v) };
    }
    case 'call': {
      const f = c.childForFieldName('function');
      const args = c.childForFieldName('arguments');
      const list = args ? namedChildren(args) : [];
      if (!mentions(c, names, fc)) return undefined;
      if (!positive) return 'mention';
      if (f?.type === 'attribute') {
        const m = f.childForFieldName('attribute')?.text ?? '';
        const o = f.childForFieldName('object');
        if (isOriginExpr(o, names, fc) && (m === 'endswith' || m === 'startswith') && list[0]) {
          return { kind: m === 'endswith' ? 'suffix' : 'prefix', entries: strEntries(evaluate(list[0], fc.r)) };
        }
        if (/^(match|search|fullmatch)$/.test(m)) {
          if (o?.text === 're' && list.length >= 2 && isOriginExpr(list[1], names, fc)) {
            return { kind: 'regex', entries: strEntries(evaluate(list[0], fc.r)) };
          }
          if (o && o.text !== 're' && list[0] && isOriginExpr(list[0], names, fc)) {
            const pv = evaluate(o, fc.r);
            return { kind: 'regex', entries: pv.kind === 'regex' ? strEntries(pv.pattern) : undefined };
          }
        }
      }
      return { kind: 'unknown' };
    }
    default:
      return mentions(c, names, fc) ? 'mention' : undefined;
  }
}

/** `request.method == 'OPTIONS'` and friends. */
export function methodTest(c: Node, positive: boolean): HeaderWrite['condition'] | undefined {
  if (c.type === 'parenthesized_expression') {
    const i = namedChildren(c)[0];
    return i ? methodTest(i, positive) : undefined;
  }
  if (c.type === 'not_operator') {
    const a = c.childForFieldName('argument');
    return a ? methodTest(a, !positive) : undefined;
  }
  if (c.type === 'boolean_operator') {
    const op = c.child(1)?.type;
    if ((op === 'and' && positive) || (op === 'or' && !positive)) {
      const l = c.childForFieldName('left');
      const r = c.childForFieldName('right');
      return (l && methodTest(l, positive)) || (r && methodTest(r, positive)) || undefined;
    }
    return undefined;
  }
  if (c.type !== 'comparison_operator') return undefined;
  const kids = namedChildren(c);
  const ops = c.childrenForFieldName('operators').map((o) => o?.type ?? '');
  if (kids.length !== 2 || ops.length !== 1) return undefined;
  const isMethod = (n: Node) => /^(flask\.)?request\.method$/.test(n.text);
  const isOptions = (n: Node): boolean => {
    if (n.type === 'string') return /^[a-zA-Z]*["']OPTIONS["']$/.test(n.text);
    if (n.type === 'tuple' || n.type === 'list' || n.type === 'set') {
      const items = namedChildren(n);
      return items.length === 1 && isOptions(items[0]);
    }
    return false;
  };
  const [l, r] = kids;
  if (!((isMethod(l) && isOptions(r)) || (isMethod(r) && isOptions(l)))) return undefined;
  const op = ops[0];
  const eq = op === '==' || op === 'in' ? positive : op === '!=' || op === 'not in' ? !positive : undefined;
  if (eq === undefined) return undefined;
  return eq ? 'options-only' : 'non-options';
}
