/**
 * The conditions under which a statement runs, up to its enclosing function: if/else branches, ternaries,
 * `a && b`, `switch` cases and earlier `if (...) return` guards, summed up as origin checks, presence and method.
 */
import type { OriginCheck } from '../../model/index.js';
import type { Node } from '../../syntax/treeSitter.js';
import { analyzeCond, isMethodExpr, unknownCheck, type Cond } from './conditions.js';
import { stringLit } from './literals.js';
import { mentionsOrigin, type OriginCtx } from './originFlow.js';
import { isFunction, parentOf } from './scopes.js';

export interface GuardSummary {
  /** Origin checks that must pass for the statement to run. */
  checks: OriginCheck[];
  /** Runs only when the request carries no Origin. */
  absent: boolean;
  /** Runs only for OPTIONS / only for other methods. */
  method?: 'options-only' | 'non-options';
  /** Guarded by some condition that is not about the origin or the method. */
  other: boolean;
  /** Guarded by something at all. */
  any: boolean;
}

function exits(st: Node | null | undefined): boolean {
  if (!st) return false;
  if (st.type === 'return_statement' || st.type === 'throw_statement') return true;
  if (st.type === 'statement_block') {
    const last = [...st.namedChildren].reverse().find((c) => c && c.type !== 'comment');
    return exits(last);
  }
  return false;
}

/**
 * The conditions under which `target` runs, looking up to (not beyond) the enclosing function:
 * enclosing if/else branches, ternaries, `a && b`, `switch` cases, and earlier `if (...) return` guards.
 */
export function guardsOf(target: Node, ctx: OriginCtx): GuardSummary {
  const conds: Cond[] = [];
  let cur: Node = target;
  for (let p = parentOf(cur); p; cur = p, p = parentOf(p)) {
    if (isFunction(p)) break;
    switch (p.type) {
      case 'if_statement': {
        const cond = p.childForFieldName('condition');
        if (p.childForFieldName('consequence')?.equals(cur)) conds.push(analyzeCond(cond, true, ctx));
        else if (p.childForFieldName('alternative')?.equals(cur)) conds.push(analyzeCond(cond, false, ctx));
        break;
      }
      case 'ternary_expression': {
        const cond = p.childForFieldName('condition');
        if (p.childForFieldName('consequence')?.equals(cur)) conds.push(analyzeCond(cond, true, ctx));
        else if (p.childForFieldName('alternative')?.equals(cur)) conds.push(analyzeCond(cond, false, ctx));
        break;
      }
      case 'binary_expression': {
        const op = p.childForFieldName('operator')?.text;
        if (p.childForFieldName('right')?.equals(cur) && (op === '&&' || op === '||' || op === '??')) {
          conds.push(op === '&&' ? analyzeCond(p.childForFieldName('left'), true, ctx) : op === '||' ? analyzeCond(p.childForFieldName('left'), false, ctx) : { k: 'none' });
        }
        break;
      }
      case 'switch_case': {
        const sw = p.parent?.parent;
        const disc = sw?.childForFieldName('value');
        const val = p.childForFieldName('value');
        const m = isMethodExpr(disc);
        const s = stringLit(val);
        if (m && s) conds.push(s.text === 'OPTIONS' || (m.folded && s.text.toUpperCase() === 'OPTIONS') ? { k: 'method', options: true } : { k: 'method', options: false });
        else conds.push(mentionsOrigin(disc, ctx) ? unknownCheck() : { k: 'none' });
        break;
      }
      case 'switch_default': {
        const disc = p.parent?.parent?.childForFieldName('value');
        conds.push(mentionsOrigin(disc, ctx) ? unknownCheck() : { k: 'none' });
        break;
      }
      case 'statement_block':
      case 'program': {
        // earlier `if (cond) return ...;` guards in the same block
        for (const st of p.namedChildren) {
          if (!st || st.startIndex >= cur.startIndex) break;
          if (st.type !== 'if_statement' || st.childForFieldName('alternative')) continue;
          if (!exits(st.childForFieldName('consequence'))) continue;
          conds.push(analyzeCond(st.childForFieldName('condition'), false, ctx));
        }
        break;
      }
    }
  }
  const out: GuardSummary = { checks: [], absent: false, other: false, any: conds.length > 0 };
  for (const c of conds) {
    if (c.k === 'check') out.checks.push(c.check);
    else if (c.k === 'absent') out.absent = true;
    else if (c.k === 'method') out.method = out.method && out.method !== (c.options ? 'options-only' : 'non-options') ? out.method : c.options ? 'options-only' : 'non-options';
    else if (c.k === 'none') out.other = true;
  }
  return out;
}
