/**
 * What a condition says about the request: allowlist lookups (`allowed.includes(origin)`), string tests
 * (`origin.endsWith(...)`), regex tests, presence tests (`if (!origin)`) and OPTIONS tests
 * (`req.method === 'OPTIONS'`); and how two conditions combine.
 */
import type { OriginCheck, Valued } from '../../model/index.js';
import type { Node } from '../../syntax/treeSitter.js';
import { listEntries } from './allowlists.js';
import { callArgs, memberCall } from './calls.js';
import { stringLit, unwrap } from './literals.js';
import { mentionsOrigin, originRef, type OriginCtx } from './originFlow.js';
import { resolveValue } from './resolve.js';
import { findBinding } from './scopes.js';
import { andConds, orConds, strongest, type Cond } from '../../code/conditions.js';

/** What a condition says (the engine's type: code/conditions.ts). */
export type { Cond };

const NONE: Cond = { k: 'none' };
export const unknownCheck = (): Cond => ({ k: 'check', check: { kind: 'unknown' } });

function isMinusOne(n: Node | null | undefined): boolean {
  const u = unwrap(n);
  return !!u && u.text.replace(/\s+/g, '') === '-1';
}
function isZero(n: Node | null | undefined): boolean {
  const u = unwrap(n);
  return !!u && u.type === 'number' && Number(u.text) === 0;
}

export function isMethodExpr(n: Node | null | undefined): { folded: boolean } | undefined {
  let u = unwrap(n);
  let folded = false;
  if (u?.type === 'call_expression') {
    const mc = memberCall(u);
    if (mc && (mc.property === 'toUpperCase' || mc.property === 'toLowerCase') && callArgs(u).length === 0) {
      u = unwrap(mc.object);
      folded = true;
    }
  }
  if (u?.type === 'member_expression' && u.childForFieldName('property')?.text === 'method') return { folded };
  return undefined;
}

/** `X.includes(origin)` style membership; returns the check, or undefined when not that shape. */
function membership(listNode: Node, ctx: OriginCtx): OriginCheck {
  const info = listEntries(listNode, ctx);
  if (info.kind === 'array') return { kind: 'exact', entries: info.entries };
  if (info.kind === 'opaque-array') return { kind: 'exact' };
  if (info.kind === 'string') return { kind: 'substring', entries: info.entries };
  return { kind: 'unknown' };
}

function regexOf(n: Node | null | undefined, ctx: OriginCtx): Valued<string> | undefined {
  const v = resolveValue(n, ctx);
  if (v?.type !== 'regex') return undefined;
  const pat = v.childForFieldName('pattern');
  if (!pat) return undefined;
  return { value: pat.text, span: { start: pat.startIndex, end: pat.endIndex } };
}

/**
 * What a condition says about the request when it evaluates to `positive`.
 */
export function analyzeCond(node: Node | null | undefined, positive: boolean, ctx: OriginCtx, depth = 0): Cond {
  const n = unwrap(node);
  if (!n || depth > 12) return NONE;
  if (n.type === 'unary_expression' && n.childForFieldName('operator')?.text === '!') {
    return analyzeCond(n.childForFieldName('argument'), !positive, ctx, depth + 1);
  }
  if (originRef(n, ctx)) return positive ? { k: 'present' } : { k: 'absent' };
  if (n.type === 'identifier') {
    const b = findBinding(n.text, n);
    if (b?.value && (b.kind === 'const' || !ctx.reassigned.has(n.text)) && b.prop === undefined) {
      return analyzeCond(b.value, positive, ctx, depth + 1);
    }
    return NONE;
  }
  if (n.type === 'binary_expression') {
    const op = n.childForFieldName('operator')?.text ?? '';
    const left = n.childForFieldName('left');
    const right = n.childForFieldName('right');
    if (op === '&&' || op === '||') {
      const l = analyzeCond(left, positive, ctx, depth + 1);
      const r = analyzeCond(right, positive, ctx, depth + 1);
      const conj = (op === '&&') === positive;
      return conj ? andConds(l, r) : orConds(l, r);
    }
    if (op === '===' || op === '==' || op === '!==' || op === '!=') {
      const eq = (op === '===' || op === '==') === positive;
      // req.method === 'OPTIONS'
      for (const [a, b] of [
        [left, right],
        [right, left],
      ] as const) {
        const m = isMethodExpr(a);
        const s = stringLit(b);
        if (m && s) {
          const isOptions = m.folded ? s.text.toUpperCase() === 'OPTIONS' : s.text === 'OPTIONS';
          if (!isOptions) return NONE;
          return { k: 'method', options: eq };
        }
      }
      // origin === 'https://a.com' / origin === undefined
      for (const [a, b] of [
        [left, right],
        [right, left],
      ] as const) {
        if (!originRef(a, ctx)) continue;
        const bu = unwrap(b);
        if (bu && (bu.type === 'undefined' || bu.type === 'null' || (bu.type === 'identifier' && bu.text === 'undefined'))) {
          return eq ? { k: 'absent' } : { k: 'present' };
        }
        const s = stringLit(resolveValue(b, ctx));
        if (s && eq) return { k: 'check', check: { kind: 'exact', entries: [{ value: s.text, span: s.span }] } };
        return unknownCheck();
      }
      // typeof origin === 'undefined'
      for (const [a, b] of [
        [left, right],
        [right, left],
      ] as const) {
        const au = unwrap(a);
        if (au?.type === 'unary_expression' && au.childForFieldName('operator')?.text === 'typeof' && originRef(au.childForFieldName('argument'), ctx)) {
          const s = stringLit(b);
          if (s?.text === 'undefined') return eq ? { k: 'absent' } : { k: 'present' };
          return unknownCheck();
        }
      }
      // list.indexOf(origin) !== -1 ; origin.indexOf('x') === 0
      for (const [a, b] of [
        [left, right],
        [right, left],
      ] as const) {
        const au = unwrap(a);
        if (au?.type !== 'call_expression') continue;
        const mc = memberCall(au);
        if (!mc || mc.property !== 'indexOf') continue;
        const args = callArgs(au);
        if (originRef(args[0], ctx) && !mentionsOrigin(mc.object, ctx)) {
          if (isMinusOne(b) && !eq) return { k: 'check', check: membership(mc.object, ctx) };
          return unknownCheck();
        }
        if (originRef(mc.object, ctx)) {
          const s = stringLit(resolveValue(args[0], ctx));
          if (s && isMinusOne(b) && !eq) return { k: 'check', check: { kind: 'substring', entries: [{ value: s.text, span: s.span }] } };
          if (s && isZero(b) && eq) return { k: 'check', check: { kind: 'prefix', entries: [{ value: s.text, span: s.span }] } };
          return unknownCheck();
        }
      }
      return mentionsOrigin(n, ctx) ? unknownCheck() : NONE;
    }
    if (op === '>' || op === '>=') {
      const au = unwrap(left);
      if (au?.type === 'call_expression') {
        const mc = memberCall(au);
        const args = callArgs(au);
        if (mc?.property === 'indexOf' && originRef(args[0], ctx) && !mentionsOrigin(mc.object, ctx)) {
          const okBound = (op === '>' && isMinusOne(right)) || (op === '>=' && isZero(right));
          if (okBound && positive) return { k: 'check', check: membership(mc.object, ctx) };
          return unknownCheck();
        }
      }
      return mentionsOrigin(n, ctx) ? unknownCheck() : NONE;
    }
    if (op === 'in') {
      if (originRef(left, ctx) && positive) {
        const obj = resolveValue(right, ctx);
        if (obj?.type === 'object') {
          const entries: Valued<string>[] = [];
          for (const p of obj.namedChildren) {
            if (p?.type !== 'pair') continue;
            const k = stringLit(p.childForFieldName('key'));
            if (k) entries.push({ value: k.text, span: k.span });
          }
          return { k: 'check', check: { kind: 'exact', entries } };
        }
        return { k: 'check', check: { kind: 'exact' } };
      }
      return mentionsOrigin(n, ctx) ? unknownCheck() : NONE;
    }
    return mentionsOrigin(n, ctx) ? unknownCheck() : NONE;
  }
  if (n.type === 'call_expression') {
    const mc = memberCall(n);
    const args = callArgs(n);
    if (mc) {
      // allowed.includes(origin) / allowedSet.has(origin)
      if ((mc.property === 'includes' || mc.property === 'has') && args.length >= 1 && originRef(args[0], ctx) && !mentionsOrigin(mc.object, ctx)) {
        if (!positive) return unknownCheck();
        if (mc.property === 'has') {
          const info = listEntries(mc.object, ctx);
          return { k: 'check', check: info.kind === 'array' ? { kind: 'exact', entries: info.entries } : { kind: 'exact' } };
        }
        return { k: 'check', check: membership(mc.object, ctx) };
      }
      // origin.endsWith('.example.com') / startsWith / includes
      if (originRef(mc.object, ctx) && ['endsWith', 'startsWith', 'includes', 'match'].includes(mc.property)) {
        if (!positive) return unknownCheck();
        if (mc.property === 'match') {
          const re = regexOf(args[0], ctx);
          return re ? { k: 'check', check: { kind: 'regex', entries: [re] } } : unknownCheck();
        }
        const s = stringLit(resolveValue(args[0], ctx));
        if (!s) return unknownCheck();
        const kind = mc.property === 'endsWith' ? 'suffix' : mc.property === 'startsWith' ? 'prefix' : 'substring';
        return { k: 'check', check: { kind, entries: [{ value: s.text, span: s.span }] } };
      }
      // /^https:\/\/a\.com$/.test(origin)
      if (mc.property === 'test' && args.length >= 1 && originRef(args[0], ctx)) {
        if (!positive) return unknownCheck();
        const re = regexOf(mc.object, ctx);
        return re ? { k: 'check', check: { kind: 'regex', entries: [re] } } : unknownCheck();
      }
    }
    return mentionsOrigin(n, ctx) ? unknownCheck() : NONE;
  }
  return mentionsOrigin(n, ctx) ? unknownCheck() : NONE;
}

// How conditions combine is the engine's (code/conditions.ts); the Cond shapes are the same.
export { andConds, orConds, strongest };
