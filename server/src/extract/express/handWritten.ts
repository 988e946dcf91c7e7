/**
 * Hand-written CORS headers. The engine finds every write (forms: writeTable.ts) with its value and the
 * guards on its path; here the writes of each handler make one policy: the scope the handler runs in (its
 * mount, `http.createServer`, or the function itself), whether it answers the preflight, and the writes that
 * reach one of its responses.
 */
import type { CorsPolicy, HeaderWrite, Scope, Span } from '../../model/index.js';
import type { Node } from '../../syntax/treeSitter.js';
import { H, effectiveWrites, originFromWrite, policyFromWrites } from '../common.js';
import { argOf, bindingOf, classify, codeOf, collectWrites, envOf, JS_TABLE, type Env, type Func, type Stmt, type WriteSite } from '../../code/index.js';
import { responseWrites, type Found } from './assembly.js';
import { memberCall } from './calls.js';
import { span } from './literals.js';
import { scopeOfMount, type Mount, type Mounts } from './mounts.js';
import { nestHeaderNames, nestRoutes } from './nest.js';
import { mayAnswer, passThrough, type PassWrite } from './passThrough.js';
import { functionName } from './scopes.js';
import { expressWrites, responseRoot } from './writeTable.js';

const FUNCTION_TYPES = new Set(['arrow_function', 'function_expression', 'function_declaration', 'function', 'method_definition', 'generator_function', 'generator_function_declaration']);

/** The tree node of a function of the common form. */
function funcNode(root: Node, s: Span): Node | undefined {
  for (let n: Node | null = root.descendantForIndex(s.start, Math.max(s.start, s.end - 1)); n; n = n.parent) {
    if (n.startIndex === s.start && n.endIndex === s.end && FUNCTION_TYPES.has(n.type)) return n;
    if (n.startIndex < s.start) return undefined;
  }
  return undefined;
}

/** The handler a write belongs to: the function whose parameter the response is (a write in a callback
 *  inside a handler answers the handler's request), else the function the write sits in. */
function handlerOf(site: WriteSite, env: Env): Func | undefined {
  const node = site.node;
  if (!('k' in node) || node.k !== 'call') return site.fn;
  const form = site.form as { recvArg?: number };
  const recv = form.recvArg !== undefined ? argOf(node, form.recvArg) : node.callee.k === 'member' ? node.callee.object : undefined;
  const root = recv && responseRoot(recv);
  const b = root && bindingOf(root.name, env);
  return b?.b.k === 'param' ? b.b.fn : site.fn;
}

/** Does the function answer OPTIONS itself (`if (req.method === 'OPTIONS') { ... res.sendStatus(204) }`)? */
function answersOptions(body: Stmt[], env: Env, depth = 0): boolean {
  if (depth > 50) return false;
  return body.some((s) => {
    if (s.k === 'if') {
      const c = classify(s.test, true, env);
      if (c.k === 'method' && c.options && mayAnswer(s.then)) return true;
      return answersOptions(s.then, env, depth + 1) || answersOptions(s.else ?? [], env, depth + 1);
    }
    if (s.k === 'block') return answersOptions(s.body, env, depth + 1);
    if (s.k === 'switch') return s.cases.some((c) => answersOptions(c.body, env, depth + 1));
    return false;
  });
}

/** A list entry written as an element of an array literal (`const ALLOWED = ['https://a.com', …]`): its
 *  element is the whole string literal, which a fix may remove. An entry compared in place (`origin ===
 *  'x'`, `case 'x':`) is no element: removing it would leave broken code, so it keeps its own span. */
export function widenEntries(p: CorsPolicy, root: Node): void {
  if (p.origin.kind !== 'list') return;
  for (const e of p.origin.entries) {
    if (e.elementSpan.start !== e.span.start || e.elementSpan.end !== e.span.end) continue;
    let lit: Node | null = root.descendantForIndex(e.span.start, Math.max(e.span.start, e.span.end - 1));
    while (lit && lit.type !== 'string' && lit.startIndex >= e.span.start - 1) lit = lit.parent;
    if (lit?.type === 'string' && lit.startIndex === e.span.start - 1 && lit.endIndex === e.span.end + 1 && lit.parent?.type === 'array') {
      e.elementSpan = { start: lit.startIndex, end: lit.endIndex };
    }
  }
}

interface Group {
  fn?: Func;
  writes: HeaderWrite[];
  pass: PassWrite[];
}

/** The policies, writes and per-function responses of the file's hand-written header writes, added to `found`. */
export function addHandWritten(root: Node, text: string, varyNames: Set<string>, mountsAt: Mounts, fileScope: Scope, found: Found): void {
  const code = codeOf(root, text, JS_TABLE);
  const sites = collectWrites(code, expressWrites(varyNames, nestHeaderNames(code)), 'express-w');
  if (!sites.length) return;
  const nest = nestRoutes(code);
  const { policies, headerWrites, responses, units, branchesOf } = found;
  const scopeCache = new Map<Func, { scope: Scope; mounts: Mount[]; node?: Node }>();
  const scopeInfo = (fn: Func | undefined): { scope: Scope; mounts: Mount[]; node?: Node } => {
    const node = fn && funcNode(root, fn.span);
    if (!fn || !node) return { scope: fileScope, mounts: [] };
    const hit = scopeCache.get(fn);
    if (hit) return hit;
    const route = nest.get(fn);
    if (route) {
      const info = { scope: route.scope, mounts: [], node };
      scopeCache.set(fn, info);
      return info;
    }
    const mounts = mountsAt.of(fn.span);
    let scope: Scope;
    if (mounts.length) scope = scopeOfMount(mounts[0], fileScope);
    else {
      const parentCall = node.parent?.type === 'arguments' ? node.parent.parent : undefined;
      const pmc = parentCall ? memberCall(parentCall) : undefined;
      if (pmc?.property === 'createServer') scope = { kind: 'app', label: `${pmc.object.text}.createServer`, path: [pmc.object.text], span: span(parentCall!) };
      else {
        const name = functionName(node);
        scope = { kind: 'block', label: name ? `function ${name}` : 'handler', path: name ? [name] : [], span: span(node) };
      }
    }
    const info = { scope, mounts, node };
    scopeCache.set(fn, info);
    return info;
  };
  const groups = new Map<Func | undefined, Group>();
  sites.forEach((site, i) => {
    const fn = handlerOf(site, envOf(code, site.fn));
    const s = site.write;
    // (the fields in the order the facts have always been written in)
    const w: HeaderWrite = { id: `express-w${i + 1}`, name: s.name, nameSpan: s.nameSpan, value: s.value, valueSpan: s.valueSpan, statementSpan: s.statementSpan, op: s.op, always: s.always, condition: s.condition, layer: s.layer, scope: scopeInfo(fn).scope, extractor: s.extractor };
    if (!w.valueSpan) delete w.valueSpan;
    if (!w.condition) delete w.condition;
    // a decorator write (`@Header(…)`) stands from its `@`, so that removing it leaves no stray `@`
    if (text[w.statementSpan.start - 1] === '@' && site.node.span.start === w.statementSpan.start) w.statementSpan = { start: w.statementSpan.start - 1, end: w.statementSpan.end };
    headerWrites.push(w);
    branchesOf.set(w.id, site.branches);
    let g = groups.get(fn);
    if (!g) groups.set(fn, (g = { fn, writes: [], pass: [] }));
    g.writes.push(w);
    g.pass.push({ write: w, fn: site.fn, at: site.node.span, absent: site.summary.absent });
  });
  for (const { fn, writes, pass } of groups.values()) {
    const corsWrites = pass.filter((r) => !r.absent).map((r) => r.write);
    const { scope, mounts, node } = scopeInfo(fn);
    let answersPreflight: CorsPolicy['answersPreflight'] | undefined;
    if (fn) {
      if (answersOptions(fn.body, envOf(code, fn))) answersPreflight = effectiveWrites(corsWrites, H.allowOrigin).some((w) => w.condition !== 'non-options');
      else if (mounts.some((m) => m.method === 'options' || m.method === 'all')) answersPreflight = true;
      else if (mounts.length && mounts.every((m) => m.method !== 'use')) answersPreflight = 'unknown';
      else if (nest.has(fn)) answersPreflight = nest.get(fn)!.options || 'unknown';
    }
    const policy = policyFromWrites(corsWrites, {
      id: `express-p${found.policyN + 1}`,
      extractor: 'express',
      layer: 'app',
      scope,
      span: node ? span(node) : writes[0].statementSpan,
      answersPreflight,
    });
    if (policy) {
      found.policyN++;
      pickOrigin(policy, corsWrites);
      widenEntries(policy, root);
      policies.push(policy);
    }
    // the writes that reach one response of this function
    const ids = responseWrites(writes, branchesOf);
    if (ids.length) responses.push({ scope, writeIds: ids });
    if (mounts[0]) {
      const pass2 = fn && mounts[0].method === 'use' ? passThrough(fn, pass) : undefined;
      units.push({ kind: 'hand', mount: mounts[0], order: mounts[0].span.start, scope, writes, policy, pass: pass2 });
    }
  }
}

export const isAcao = (w: HeaderWrite): boolean => w.name.trim().toLowerCase() === H.allowOrigin;

/** Several ACAO writes in different branches: the per-request one tells what the browser sees (set
 *  semantics: the last unconditional write and the guarded ones after it are the candidates). */
function pickOrigin(policy: CorsPolicy, corsWrites: HeaderWrite[]): void {
  const acaoAll = corsWrites.filter(isAcao);
  if (acaoAll.length < 2 || !acaoAll.every((w) => w.op === 'set')) return;
  let from = 0;
  acaoAll.forEach((w, i) => {
    if (!w.condition) from = i;
  });
  const cands = acaoAll.slice(from);
  if (cands.length < 2) return;
  const ro = cands.filter((w) => w.value.kind === 'request-origin');
  const unchecked = ro.find((w) => w.value.kind === 'request-origin' && !w.value.checked);
  const literals = new Set(cands.map((w) => (w.value.kind === 'literal' ? w.value.text : '\u0000')));
  if (unchecked) policy.origin = originFromWrite(unchecked);
  else if (ro.length === 1) policy.origin = originFromWrite(ro[0]);
  else if (ro.length === cands.length && ro.every((w) => originFromWrite(w).kind === 'list')) {
    // each branch reflects the origins of its own exact list (`switch (origin) { case 'a': … case 'b': … }`):
    // the handler answers exactly the origins of all the lists
    const lists = ro.map(originFromWrite) as Extract<CorsPolicy['origin'], { kind: 'list' }>[];
    policy.origin = { ...lists[0], entries: lists.flatMap((l) => l.entries) };
  }
  else if (ro.length === 0 && literals.size === 1 && !literals.has('\u0000')) policy.origin = originFromWrite(cands[cands.length - 1]);
  else policy.origin = { kind: 'unknown', span: cands[0].valueSpan };
}
