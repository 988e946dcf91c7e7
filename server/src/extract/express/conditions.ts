/**
 * Where does a value come from the request's Origin header, and which conditions guard a statement:
 * allowlist lookups (`allowed.includes(origin)`), string tests (`origin.endsWith(...)`), regex tests,
 * presence tests (`if (!origin)`) and OPTIONS tests (`req.method === 'OPTIONS'`).
 */
import type { OriginCheck, Span, Valued } from '../../model/index.js';
import type { Node } from '../../syntax/treeSitter.js';
import {
  callArgs,
  parentOf,
  findBinding,
  isFunction,
  memberCall,
  paramNames,
  resolveValue,
  stringLit,
  unwrap,
  type Resolver,
} from './ast.js';

export interface OriginCtx extends Resolver {
  /** Identifiers bound to the request origin in the analysed function (e.g. the `origin` parameter of a
   *  cors origin callback). */
  names: Set<string>;
  /** Element spans of list entries (entry span start -> whole element span), for fixes. */
  elementSpans: Map<number, Span>;
}

const REQ_NAMES = new Set(['req', 'request']);

/** Is `id` the request object (named req/request, or the first parameter of the enclosing handler)? */
function isRequestObject(id: Node): boolean {
  if (id.type !== 'identifier') return false;
  if (REQ_NAMES.has(id.text)) return true;
  const b = findBinding(id.text, id);
  if (b?.kind === 'param') {
    const names = paramNames(b.node);
    return names.length >= 2 && names[0] === id.text;
  }
  return false;
}

/**
 * If the expression evaluates to the request's Origin header, return a short description of how
 * (`req.headers.origin`, `req.get('origin')` ...).
 */
export function originRef(node: Node | null | undefined, ctx: OriginCtx, depth = 0): string | undefined {
  const n = unwrap(node);
  if (!n || depth > 6) return undefined;
  switch (n.type) {
    case 'identifier': {
      if (ctx.names.has(n.text)) {
        const b = findBinding(n.text, n);
        if (!b || b.kind === 'param') return n.text;
      }
      const b = findBinding(n.text, n);
      if (!b || !b.value) return undefined;
      if (b.kind !== 'const' && ctx.reassigned.has(n.text)) return undefined;
      if (b.prop !== undefined) {
        if (b.prop !== 'origin') return undefined;
        const v = unwrap(b.value);
        if (v?.type === 'member_expression' && isHeadersObject(v)) return `${v.text}.origin`;
        return undefined;
      }
      return originRef(b.value, ctx, depth + 1);
    }
    case 'member_expression': {
      const obj = n.childForFieldName('object');
      const prop = n.childForFieldName('property');
      if (prop?.text === 'origin' && obj && isHeadersObject(obj)) return n.text;
      return undefined;
    }
    case 'subscript_expression': {
      const obj = n.childForFieldName('object');
      const idx = stringLit(n.childForFieldName('index'));
      if (idx?.text === 'origin' && obj && isHeadersObject(obj)) return n.text;
      return undefined;
    }
    case 'call_expression': {
      const mc = memberCall(n);
      if (!mc || (mc.property !== 'get' && mc.property !== 'header')) return undefined;
      const a = callArgs(n);
      const s = stringLit(a[0]);
      if (a.length !== 1 || s?.text.toLowerCase() !== 'origin') return undefined;
      const obj = unwrap(mc.object);
      if (obj && isRequestObject(obj)) return n.text;
      // ctx.get('Origin') (Koa) / request.headers.get('origin') (fetch API)
      if (obj?.type === 'member_expression' && obj.childForFieldName('property')?.text === 'headers') return n.text;
      return undefined;
    }
    case 'binary_expression': {
      const op = n.childForFieldName('operator')?.text;
      if (op === '||' || op === '??') {
        // `req.headers.origin || '*'`: the fallback only applies when the request carries no Origin
        const left = originRef(n.childForFieldName('left'), ctx, depth + 1);
        if (left) return left;
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

function isHeadersObject(n: Node): boolean {
  const u = unwrap(n);
  if (u?.type !== 'member_expression') return false;
  const p = u.childForFieldName('property')?.text;
  return p === 'headers' || p === 'header';
}

/** Does the expression read the request origin anywhere? */
export function mentionsOrigin(node: Node | null | undefined, ctx: OriginCtx): boolean {
  const n = unwrap(node);
  if (!n) return false;
  if (originRef(n, ctx)) return true;
  for (const d of n.descendantsOfType(['identifier', 'member_expression', 'subscript_expression', 'call_expression'])) {
    if (d && originRef(d, ctx)) return true;
  }
  return false;
}

export type Cond =
  /** Does not test the origin or the method. */
  | { k: 'none' }
  /** Holds only when the request carries no Origin. */
  | { k: 'absent' }
  /** Holds when the request carries an Origin (no test of its value). */
  | { k: 'present' }
  /** Holds only for OPTIONS (options true) / only for other methods (options false). */
  | { k: 'method'; options: boolean }
  /** Holds only for origins that pass this check. */
  | { k: 'check'; check: OriginCheck };

const NONE: Cond = { k: 'none' };
const unknownCheck = (): Cond => ({ k: 'check', check: { kind: 'unknown' } });

export interface ListInfo {
  kind: 'array' | 'string' | 'opaque-array' | 'unknown';
  entries: Valued<string>[];
}

/** Entries of an allowlist value: `['https://a.com']`, `new Set([...])`, a const holding either. */
export function listEntries(node: Node | null | undefined, ctx: OriginCtx): ListInfo {
  const v = resolveValue(node, ctx);
  if (!v) return { kind: 'unknown', entries: [] };
  const s = stringLit(v);
  if (s) return { kind: 'string', entries: [{ value: s.text, span: s.span }] };
  if (v.type === 'new_expression') {
    const ctor = v.childForFieldName('constructor')?.text;
    const args = v.childForFieldName('arguments');
    const first = args?.namedChildren.find((c) => c && c.type !== 'comment');
    if (ctor === 'Set' && first) {
      const inner = listEntries(first, ctx);
      return inner.kind === 'array' ? inner : { kind: 'opaque-array', entries: [] };
    }
    return { kind: 'unknown', entries: [] };
  }
  if (v.type === 'array') {
    const entries: Valued<string>[] = [];
    for (const el of v.namedChildren) {
      if (!el || el.type === 'comment') continue;
      const es = stringLit(el) ?? stringLit(resolveValue(el, ctx));
      if (es) {
        entries.push({ value: es.text, span: es.span });
        const u = unwrap(el);
        if (u && es.node.equals(u)) ctx.elementSpans.set(es.span.start, { start: el.startIndex, end: el.endIndex });
        else ctx.elementSpans.set(es.span.start, { start: es.node.startIndex, end: es.node.endIndex });
      }
    }
    return { kind: 'array', entries };
  }
  if (v.type === 'call_expression') {
    const mc = memberCall(v);
    if (mc && ['split', 'map', 'filter', 'concat', 'slice'].includes(mc.property)) return { kind: 'opaque-array', entries: [] };
  }
  return { kind: 'unknown', entries: [] };
}

function isMinusOne(n: Node | null | undefined): boolean {
  const u = unwrap(n);
  return !!u && u.text.replace(/\s+/g, '') === '-1';
}
function isZero(n: Node | null | undefined): boolean {
  const u = unwrap(n);
  return !!u && u.type === 'number' && Number(u.text) === 0;
}

function isMethodExpr(n: Node | null | undefined): { folded: boolean } | undefined {
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

function checkRank(c: OriginCheck): number {
  if (c.kind === 'exact' && c.entries) return 4;
  if (c.kind === 'unknown') return 0;
  if (c.kind === 'exact') return 1;
  return 2;
}

/** Both conditions hold. */
export function andConds(a: Cond, b: Cond): Cond {
  if (a.k === 'absent' || b.k === 'absent') return { k: 'absent' };
  if (a.k === 'check' && b.k === 'check') return { k: 'check', check: strongest([a.check, b.check]) };
  if (a.k === 'check') return a;
  if (b.k === 'check') return b;
  if (a.k === 'method') return a;
  if (b.k === 'method') return b;
  if (a.k === 'present' || b.k === 'present') return { k: 'present' };
  return NONE;
}

/** Either condition holds. */
export function orConds(a: Cond, b: Cond): Cond {
  // A branch taken only without an Origin header sends nothing CORS-relevant.
  if (a.k === 'absent') return b;
  if (b.k === 'absent') return a;
  if (a.k === 'check' && b.k === 'check') {
    const x = a.check;
    const y = b.check;
    if (x.kind === y.kind && x.kind !== 'unknown' && x.entries && y.entries) {
      return { k: 'check', check: { kind: x.kind, entries: [...x.entries, ...y.entries] } };
    }
    return unknownCheck();
  }
  if (a.k === 'check' || b.k === 'check') return unknownCheck();
  if (a.k === 'method' && b.k === 'method' && a.options === b.options) return a;
  return NONE;
}

/** Several checks that must all pass: the strongest one decides; two different weak checks are unknown. */
export function strongest(checks: OriginCheck[]): OriginCheck {
  const exact = checks.find((c) => checkRank(c) === 4);
  if (exact) return exact;
  if (checks.length === 1) return checks[0];
  return { kind: 'unknown' };
}

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
