/**
 * Hand-written response headers in Express / Connect / Node http handlers:
 * res.header(name, value), res.set(name, value), res.set({...}), res.setHeader(name, value),
 * res.append(name, value), res.appendHeader(name, value), res.writeHead(status, [message,] {...}),
 * res.vary(field) and vary(res, field) from the `vary` package.
 *
 * Express: set/header call res.setHeader (replace); append concatenates with the value already set, so
 * the header is sent once per value. Node merges writeHead's object over setHeader's, writeHead winning.
 * An array value is sent as one header line per element (arrayValues.ts).
 */
import type { HeaderValue, HeaderWrite, OriginCheck, Scope, Span } from '../../model/index.js';
import type { Node } from '../../syntax/treeSitter.js';
import { editsWithin, H } from '../common.js';
import { callArgs, memberCall, wholeStatement } from './calls.js';
import { arrayValue } from './arrayValues.js';
import { analyzeCond, strongest } from './conditions.js';
import { guardsOf } from './guards.js';
import { span, stringLit, unwrap } from './literals.js';
import { originRef, type OriginCtx } from './originFlow.js';
import { resolveString, resolveValue } from './resolve.js';
import { findBinding, paramNames, parentOf } from './scopes.js';

const RES_NAMES = new Set(['res', 'response', 'reply', 'resp']);

/** The response object: named res/response/reply, or the second parameter of a `(req, res)` handler
 *  (third of an `(err, req, res, next)` error handler). A local variable (a Map, a fetch Response, a
 *  Headers object) is not. */
export function isResponseObject(id: Node): boolean {
  if (id.type !== 'identifier') return false;
  const b = findBinding(id.text, id);
  if (!b) return RES_NAMES.has(id.text); // unbound: half-typed code, or a global in a snippet
  if (b.kind !== 'param') return false;
  if (RES_NAMES.has(id.text)) return true;
  const names = paramNames(b.node);
  const i = names.indexOf(id.text);
  if (i === 1) return /^_?(req|request)$/i.test(names[0]) || names[0] === '_';
  if (i === 2) return /^_?(err|error|e)$/i.test(names[0]) && /^_?(req|request)$/i.test(names[1]);
  return false;
}

const CHAINABLE = new Set(['status', 'set', 'header', 'append', 'type', 'vary', 'cookie', 'clearCookie', 'location', 'links', 'attachment', 'setHeader', 'code']);

/** `res` in `res.set(...)`, `res.status(200).set(...)`; not `res.headers.set(...)`. */
export function responseReceiver(object: Node): Node | undefined {
  let cur = unwrap(object);
  for (let i = 0; cur && i < 20; i++) {
    if (cur.type === 'identifier') return cur;
    if (cur.type !== 'call_expression') return undefined;
    const mc = memberCall(cur);
    if (!mc || !CHAINABLE.has(mc.property)) return undefined;
    cur = unwrap(mc.object);
  }
  return undefined;
}

const CORS_RESPONSE_HEADERS = [
  'access-control-allow-origin',
  'access-control-allow-credentials',
  'access-control-allow-methods',
  'access-control-allow-headers',
  'access-control-expose-headers',
  'access-control-max-age',
  'access-control-allow-private-network',
  'timing-allow-origin',
];

/** Header names this extractor records: CORS response headers (and near misses), Vary. */
export function isCorsHeaderName(name: string): boolean {
  const l = name.trim().toLowerCase();
  if (l.startsWith('access-control-') || l === 'vary' || l === 'timing-allow-origin') return true;
  if (l.length < 14) return false;
  return CORS_RESPONSE_HEADERS.some((h) => editsWithin(l, h, 2) <= 2);
}

export interface RawWrite {
  write: HeaderWrite;
  /** The function whose request/response this write belongs to (undefined: file level). */
  fn?: Node;
  /** The call that writes (res.set(...)). */
  call: Node;
  /** For object forms: the property. */
  pair?: Node;
  /** The response receiver text (`res`). */
  receiver: string;
  method: string;
  /** Written only for requests without an Origin header (not part of the CORS answer). */
  absent?: boolean;
}

interface Value {
  value: HeaderValue;
  valueSpan?: Span;
  extraCheck?: OriginCheck;
}

function valueOf(node: Node | undefined, ctx: OriginCtx): Value {
  const n = unwrap(node);
  if (!n) return { value: { kind: 'unknown', reason: 'no value' } };
  const s = stringLit(n);
  if (s) return { value: { kind: 'literal', text: s.text }, valueSpan: s.span };
  if (n.type === 'number') return { value: { kind: 'literal', text: String(Number(n.text.replace(/_/g, ''))) }, valueSpan: span(n) };
  if (n.type === 'true' || n.type === 'false') return { value: { kind: 'literal', text: n.type }, valueSpan: span(n) };
  const via = originRef(n, ctx);
  if (via) return { value: { kind: 'request-origin', checked: false, via }, valueSpan: span(n) };
  if (n.type === 'ternary_expression') {
    const cond = n.childForFieldName('condition');
    const cons = n.childForFieldName('consequence');
    const alt = n.childForFieldName('alternative');
    const viaC = originRef(cons, ctx);
    const viaA = originRef(alt, ctx);
    if (viaC && viaA) return { value: { kind: 'request-origin', checked: false, via: viaC }, valueSpan: span(n) };
    const c = viaC ? analyzeCond(cond, true, ctx) : viaA ? analyzeCond(cond, false, ctx) : undefined;
    if (c && (viaC || viaA)) {
      const v = (viaC ?? viaA)!;
      if (c.k === 'check') return { value: { kind: 'request-origin', checked: true, via: v }, valueSpan: span(n), extraCheck: c.check };
      if (c.k === 'absent') return { value: { kind: 'unknown', reason: 'origin used only when absent' }, valueSpan: span(n) };
      return { value: { kind: 'request-origin', checked: false, via: v }, valueSpan: span(n) };
    }
  }
  // a constant defined elsewhere in the file
  const r = resolveValue(n, ctx);
  if (r && !r.equals(n)) {
    const rs = stringLit(r);
    if (rs) return { value: { kind: 'literal', text: rs.text }, valueSpan: rs.span };
  }
  return { value: { kind: 'unknown', reason: 'computed value' }, valueSpan: span(n) };
}

interface NameInfo {
  name: string;
  span: Span;
}

function nameOf(node: Node | undefined, ctx: OriginCtx): NameInfo | undefined {
  const n = unwrap(node);
  if (!n) return undefined;
  if (n.type === 'property_identifier' || n.type === 'shorthand_property_identifier') return { name: n.text, span: span(n) };
  if (n.type === 'computed_property_name') return nameOf(n.namedChildren[0] ?? undefined, ctx);
  const s = resolveString(n, ctx);
  if (!s) return undefined;
  return { name: s.text, span: s.span };
}

export interface WriteCollector {
  ctx: OriginCtx;
  nextId(): string;
  scopeFor(fn: Node | undefined): Scope;
  varyNames: Set<string>;
}

function groupFunction(receiver: Node): Node | undefined {
  const b = findBinding(receiver.text, receiver);
  if (b?.kind === 'param') return b.node;
  for (let p = parentOf(receiver); p; p = parentOf(p)) {
    if (['arrow_function', 'function_expression', 'function_declaration', 'method_definition', 'function', 'generator_function', 'generator_function_declaration'].includes(p.type)) return p;
  }
  return undefined;
}

/** All hand-written CORS header writes in the file, in source order. */
export function collectWrites(calls: Node[], c: WriteCollector): RawWrite[] {
  const out: RawWrite[] = [];
  for (const call of calls) {
    const mc = memberCall(call);
    if (mc) {
      const m = mc.property;
      if (!['header', 'set', 'setHeader', 'append', 'appendHeader', 'writeHead', 'vary'].includes(m)) continue;
      const args = callArgs(call);
      // the receiver is checked only once a CORS header name was seen (most set() calls are not ours)
      let recvState: { recv: Node; fn: Node | undefined } | null | undefined;
      const receiver = () => {
        if (recvState === undefined) {
          const r = responseReceiver(mc.object);
          recvState = r && isResponseObject(r) ? { recv: r, fn: groupFunction(r) } : null;
        }
        return recvState;
      };
      const add = (name: NameInfo, valueNode: Node | undefined, op: HeaderWrite['op'], statement: Span, pair?: Node, nameIsHeader = true) => {
        if (!isCorsHeaderName(name.name)) return;
        const rs = receiver();
        if (!rs) return;
        // an array value sends one header line per element
        const av = nameIsHeader ? arrayValue(name.name, valueNode, c.ctx) : { kind: 'scalar' as const };
        if (av.kind === 'elements') av.elements.forEach((el, i) => addOne(rs, name, el, i === 0 ? op : 'add', statement, pair, true));
        else if (av.kind === 'opaque') addOne(rs, name, undefined, op, statement, pair, true, span(unwrap(valueNode)!));
        else addOne(rs, name, valueNode, op, statement, pair, nameIsHeader);
      };
      const addOne = (
        rs: { recv: Node; fn: Node | undefined },
        name: NameInfo,
        valueNode: Node | undefined,
        op: HeaderWrite['op'],
        statement: Span,
        pair: Node | undefined,
        nameIsHeader: boolean,
        opaqueSpan?: Span,
      ) => {
        const { recv, fn } = rs;
        const v = opaqueSpan
          ? { value: { kind: 'unknown' as const, reason: 'array value' }, valueSpan: opaqueSpan }
          : nameIsHeader
            ? valueOf(valueNode, c.ctx)
            : { value: { kind: 'literal' as const, text: stringLit(valueNode)?.text ?? '' }, valueSpan: stringLit(valueNode)?.span };
        const g = guardsOf(pair ?? call, c.ctx);
        let value = v.value;
        if (value.kind === 'request-origin') {
          const checks = [...g.checks, ...(v.extraCheck ? [v.extraCheck] : [])];
          if (checks.length) value = { kind: 'request-origin', checked: true, check: strongest(checks), via: value.via };
        }
        const w: HeaderWrite = {
          id: c.nextId(),
          name: name.name,
          nameSpan: name.span,
          value,
          valueSpan: v.valueSpan,
          statementSpan: statement,
          op,
          always: 'n/a',
          condition: g.method ?? (g.any && (g.absent || g.checks.length || g.other) ? 'conditional' : undefined),
          layer: 'app',
          scope: c.scopeFor(fn),
          extractor: 'express',
        };
        if (!w.condition) delete w.condition;
        if (!w.valueSpan) delete w.valueSpan;
        out.push({ write: w, fn, call, pair, receiver: recv.text, method: m, absent: g.absent });
      };
      let stmtSpan: Span | undefined;
      const statementSpan = (): Span => {
        if (!stmtSpan) {
          const stmt = wholeStatement(call);
          stmtSpan = stmt ? span(stmt) : span(call);
        }
        return stmtSpan;
      };
      if (m === 'vary') {
        const s = stringLit(args[0]);
        if (s) add({ name: 'Vary', span: span(mc.propertyNode) }, args[0], 'add', statementSpan(), undefined, false);
        continue;
      }
      const op: HeaderWrite['op'] = m === 'append' || m === 'appendHeader' ? 'add' : 'set';
      let objectArg: Node | undefined;
      if (m === 'writeHead') {
        objectArg = args.slice(1).find((a) => resolveValue(a, c.ctx)?.type === 'object');
      } else if (args.length === 1 && (m === 'set' || m === 'header')) {
        objectArg = args[0];
      } else if (args.length >= 2) {
        const name = nameOf(args[0], c.ctx);
        if (name && isCorsHeaderName(name.name)) add(name, args[1], op, statementSpan());
        continue;
      }
      const obj = resolveValue(objectArg, c.ctx);
      if (obj?.type !== 'object') continue;
      for (const p of obj.namedChildren) {
        if (!p) continue;
        if (p.type === 'pair') {
          const name = nameOf(p.childForFieldName('key') ?? undefined, c.ctx);
          if (name) add(name, p.childForFieldName('value') ?? undefined, 'set', span(p), p);
        }
      }
      continue;
    }
    // vary(res, 'Origin') from the `vary` package
    const fnNode = unwrap(call.childForFieldName('function'));
    if (fnNode?.type === 'identifier' && c.varyNames.has(fnNode.text)) {
      const args = callArgs(call);
      const recv = args[0] && responseReceiver(args[0]);
      const s = stringLit(args[1]);
      if (!recv || !s) continue;
      const stmt = wholeStatement(call);
      const fn = groupFunction(recv);
      const g = guardsOf(call, c.ctx);
      const w: HeaderWrite = {
        id: c.nextId(),
        name: 'Vary',
        nameSpan: span(fnNode),
        value: { kind: 'literal', text: s.text },
        valueSpan: s.span,
        statementSpan: stmt ? span(stmt) : span(call),
        op: 'add',
        always: 'n/a',
        layer: 'app',
        scope: c.scopeFor(fn),
        extractor: 'express',
      };
      if (g.method) w.condition = g.method;
      out.push({ write: w, fn, call, receiver: recv.text, method: 'vary' });
    }
  }
  return out;
}

/** The two statements can never both run for one request (different branches of one if/switch, or
 *  the first sits in a branch that returns before the second). */
export function exclusive(a: Node, b: Node): boolean {
  const branchOf = (n: Node, anc: Node): Node | undefined => {
    for (let x: Node | null = n; x && x.parent; x = x.parent) if (x.parent.equals(anc)) return x;
    return undefined;
  };
  for (let p = a.parent; p; p = p.parent) {
    if (!(b.startIndex >= p.startIndex && b.endIndex <= p.endIndex)) continue;
    if (p.type === 'if_statement' || p.type === 'ternary_expression') {
      const ba = branchOf(a, p);
      const bb = branchOf(b, p);
      const cons = p.childForFieldName('consequence');
      const alt = p.childForFieldName('alternative');
      if (ba && bb && cons && alt && ((ba.equals(cons) && bb.equals(alt)) || (ba.equals(alt) && bb.equals(cons)))) return true;
    }
    if (p.type === 'switch_body') {
      const ba = branchOf(a, p);
      const bb = branchOf(b, p);
      if (ba && bb && !ba.equals(bb)) return true;
    }
    if (p.type === 'statement_block' || p.type === 'program') {
      const ba = branchOf(a, p);
      const bb = branchOf(b, p);
      if (ba && bb && !ba.equals(bb) && ba.type === 'if_statement' && ba.startIndex < bb.startIndex) {
        const cons = ba.childForFieldName('consequence');
        if (cons && a.startIndex >= cons.startIndex && a.endIndex <= cons.endIndex && branchReturns(cons)) return true;
      }
      return false;
    }
  }
  return false;
}

function branchReturns(n: Node): boolean {
  if (n.type === 'return_statement' || n.type === 'throw_statement') return true;
  if (n.type === 'statement_block') {
    const last = [...n.namedChildren].reverse().find((c) => c && c.type !== 'comment');
    return !!last && branchReturns(last);
  }
  return false;
}

const ENDS_RESPONSE = new Set(['sendStatus', 'send', 'end', 'json', 'sendFile', 'redirect', 'render']);

/** Does the function answer OPTIONS itself (`if (req.method === 'OPTIONS') { ... res.sendStatus(204) }`)?
 *  Returns the if-statement's consequence when so. */
export function optionsBranch(fn: Node, ctx: OriginCtx): Node | undefined {
  const body = fn.childForFieldName('body');
  if (!body) return undefined;
  for (const st of body.descendantsOfType('if_statement')) {
    if (!st) continue;
    const c = analyzeCond(st.childForFieldName('condition'), true, ctx);
    if (c.k !== 'method' || !c.options) continue;
    const branch = st.childForFieldName('consequence');
    if (!branch) continue;
    const ends = [branch, ...branch.descendantsOfType('call_expression')].some((x) => {
      if (!x || x.type !== 'call_expression') return false;
      const mc = memberCall(x);
      return !!mc && ENDS_RESPONSE.has(mc.property);
    });
    if (ends) return branch;
  }
  return undefined;
}

export function isAcao(w: HeaderWrite): boolean {
  return w.name.trim().toLowerCase() === H.allowOrigin;
}
