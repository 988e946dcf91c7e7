/**
 * Hand-written CORS headers: the writes of each function make one policy; the scope the function runs in (its
 * mount, `http.createServer`, or the function itself), whether it answers the preflight, and the writes that
 * reach one of its responses.
 */
import type { CorsPolicy, Scope } from '../../model/index.js';
import type { Node } from '../../syntax/treeSitter.js';
import { H, effectiveWrites, originFromWrite, policyFromWrites } from '../common.js';
import { fixEntrySpans } from './allowlists.js';
import { responseWrites, type Found } from './assembly.js';
import { memberCall } from './calls.js';
import { span } from './literals.js';
import { collectWrites, isAcao, optionsBranch, type RawWrite } from './manual.js';
import { mountsOf, scopeOfMount, type Mount } from './mounts.js';
import type { OriginCtx } from './originFlow.js';
import { passThrough } from './passThrough.js';
import { functionName } from './scopes.js';

/** The policies, writes and per-function responses of the header writes among `writeCalls`, added to `found`. */
export function addHandWritten(
  writeCalls: Node[],
  varyNames: Set<string>,
  mountIndex: (name: string) => Node[],
  fileScope: Scope,
  ctx: OriginCtx,
  found: Found,
): void {
  const { policies, headerWrites, responses, units, nodeOf } = found;
  let writeN = 0;
  const scopeCache = new Map<number, { scope: Scope; mounts: Mount[] }>();
  const scopeInfo = (fn: Node | undefined): { scope: Scope; mounts: Mount[] } => {
    if (!fn) return { scope: fileScope, mounts: [] };
    const hit = scopeCache.get(fn.id);
    if (hit) return hit;
    const mounts = mountsOf(fn, mountIndex);
    let scope: Scope;
    if (mounts.length) scope = scopeOfMount(mounts[0], fileScope);
    else {
      const parentCall = fn.parent?.type === 'arguments' ? fn.parent.parent : undefined;
      const pmc = parentCall ? memberCall(parentCall) : undefined;
      if (pmc?.property === 'createServer') scope = { kind: 'app', label: `${pmc.object.text}.createServer`, path: [pmc.object.text], span: span(parentCall!) };
      else {
        const name = functionName(fn);
        scope = { kind: 'block', label: name ? `function ${name}` : 'handler', path: name ? [name] : [], span: span(fn) };
      }
    }
    const info = { scope, mounts };
    scopeCache.set(fn.id, info);
    return info;
  };
  const raws = collectWrites(writeCalls, {
    ctx,
    nextId: () => `express-w${++writeN}`,
    scopeFor: (fn) => scopeInfo(fn).scope,
    varyNames,
  });
  raws.sort((a, b) => a.write.statementSpan.start - b.write.statementSpan.start || a.write.nameSpan.start - b.write.nameSpan.start);
  for (const r of raws) {
    headerWrites.push(r.write);
    nodeOf.set(r.write.id, r.pair ?? r.call);
  }
  const groups = new Map<number, RawWrite[]>();
  for (const r of raws) {
    const key = r.fn ? r.fn.id : -1;
    const g = groups.get(key);
    if (g) g.push(r);
    else groups.set(key, [r]);
  }
  for (const group of groups.values()) {
    const writes = group.map((r) => r.write);
    const corsWrites = group.filter((r) => !r.absent).map((r) => r.write);
    const fn = group[0].fn;
    const { scope, mounts } = scopeInfo(fn);
    let answersPreflight: CorsPolicy['answersPreflight'] | undefined;
    if (fn) {
      const ob = optionsBranch(fn, ctx);
      if (ob) answersPreflight = effectiveWrites(corsWrites, H.allowOrigin).some((w) => w.condition !== 'non-options');
      else if (mounts.some((m) => m.method === 'options' || m.method === 'all')) answersPreflight = true;
      else if (mounts.length && mounts.every((m) => m.method !== 'use')) answersPreflight = 'unknown';
    }
    const declSpan = fn ? span(fn) : writes[0].statementSpan;
    const policy = policyFromWrites(corsWrites, {
      id: `express-p${found.policyN + 1}`,
      extractor: 'express',
      layer: 'app',
      scope,
      span: declSpan,
      answersPreflight,
    });
    if (policy) {
      found.policyN++;
      // several ACAO writes in different branches: the per-request one tells what the browser sees
      // (set semantics: the last unconditional write and the guarded ones after it are the candidates)
      const acaoAll = corsWrites.filter(isAcao);
      if (acaoAll.length >= 2 && acaoAll.every((w) => w.op === 'set')) {
        let from = 0;
        acaoAll.forEach((w, i) => {
          if (!w.condition) from = i;
        });
        const cands = acaoAll.slice(from);
        if (cands.length >= 2) {
          const ro = cands.filter((w) => w.value.kind === 'request-origin');
          const unchecked = ro.find((w) => w.value.kind === 'request-origin' && !w.value.checked);
          const literals = new Set(cands.map((w) => (w.value.kind === 'literal' ? w.value.text : '\u0000')));
          if (unchecked) policy.origin = originFromWrite(unchecked);
          else if (ro.length === 1) policy.origin = originFromWrite(ro[0]);
          else if (ro.length === 0 && literals.size === 1 && !literals.has('\u0000')) policy.origin = originFromWrite(cands[cands.length - 1]);
          else policy.origin = { kind: 'unknown', span: cands[0].valueSpan };
        }
      }
      fixEntrySpans(policy, ctx);
      policies.push(policy);
    }
    // the writes that reach one response of this function
    const ids = responseWrites(writes, nodeOf);
    if (ids.length) responses.push({ scope, writeIds: ids });
    if (mounts[0]) {
      const pass = fn && mounts[0].method === 'use' ? passThrough(fn, group) : undefined;
      units.push({ kind: 'hand', mount: mounts[0], order: mounts[0].call.startIndex, scope, writes, policy, pass });
    }
  }
}
