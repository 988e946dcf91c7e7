/**
 * Responses and policies: for each scope that writes headers, the writes of its chain of sections (split
 * into OPTIONS and other requests when conditions say so), both tables applied, the mod_rewrite preflight
 * answer, and one policy per distinct set of writes that sends Access-Control-Allow-Origin.
 */
import type { CorsPolicy, Scope } from '../../model/index.js';
import { H, policyFromWrites } from '../common.js';
import { ancestorsOrSelf, ID, type Ctx, type Draft, type ScopeNode } from './model.js';
import { applyTable, lineWrite, type Line } from './tables.js';

interface Variant {
  label: string;
  drafts: Draft[];
  options: boolean | undefined;
  success: Line[];
  always: Line[];
  lines: Line[];
}

export function buildResponses(ctx: Ctx, root: ScopeNode): void {
  const nodes: ScopeNode[] = [];
  (function collect(n: ScopeNode) {
    nodes.push(n);
    n.children.forEach(collect);
  })(root);
  let policyNo = 0;
  const seenPolicies = new Set<string>();
  for (const node of nodes) {
    if (node.writes.length === 0) continue;
    // With <If> and <Else> children that both write headers, every request takes one of the branches:
    // the node's own writes never reach a response alone.
    const branches = node.children.filter((c) => c.writes.length > 0);
    if (branches.some((c) => c.lname === 'if') && branches.some((c) => c.lname === 'else')) continue;
    // A section whose end tag is missing has an unknown extent: do not pass its writes on to the
    // sections nested in it (the author most likely meant them to follow it).
    const chain = ancestorsOrSelf(node).filter((n) => n === node || !n.section || n.section.closed);
    const all = chain.flatMap((n) => n.writes);
    const methodSplit = all.some((d) => d.write.condition === 'options-only' || d.write.condition === 'non-options');
    const variants: Variant[] = (
      methodSplit
        ? [
            { label: ' (OPTIONS)', drafts: all.filter((d) => d.write.condition !== 'non-options'), options: true },
            { label: ' (non-OPTIONS)', drafts: all.filter((d) => d.write.condition !== 'options-only'), options: false },
          ]
        : [{ label: '', drafts: all, options: undefined }]
    ).map((v) => {
      const success = applyTable(v.drafts.filter((d) => d.table === 'onsuccess'));
      const always = applyTable(v.drafts.filter((d) => d.table === 'always'));
      return { ...v, success, always, lines: [...success, ...always] };
    });
    for (const v of variants) {
      if (!v.lines.length) continue;
      const scope: Scope = v.label ? { ...node.scope, label: node.scope.label + v.label } : node.scope;
      ctx.facts.responses.push({ scope, writeIds: v.lines.map((l) => l.head.write.id) });
    }

    // Preflight answered by a mod_rewrite rule with a 2xx status in this chain (rewrite engine on).
    let preflight = false;
    for (let k = 0; k < chain.length; k++) {
      if (!chain[k].preflightRules.length) continue;
      for (let j = k; j >= 0; j--) {
        if (chain[j].rewriteEngine !== undefined) {
          if (chain[j].rewriteEngine) preflight = true;
          break;
        }
        if (chain[j].lname === 'virtualhost') break;
      }
    }
    const varyByExpr = chain.some((n) => n.cond?.expr?.varyOrigin);

    // Policies: one per variant; when OPTIONS and other requests get the same Allow-Origin, one policy
    // holds both (the preflight-only headers come from the OPTIONS variant).
    const acaoIds = (v: Variant) => v.lines.filter((l) => l.lname === H.allowOrigin).map((l) => l.head.write.id).join(',');
    let groups: { scope: Scope; lines: Line[]; always: Line[]; drafts: Draft[]; options: boolean | undefined }[];
    if (variants.length === 2 && acaoIds(variants[0]) === acaoIds(variants[1])) {
      const [opt, other] = variants;
      const names = new Set(other.lines.map((l) => l.lname));
      groups = [
        {
          scope: node.scope,
          lines: [...other.lines, ...opt.lines.filter((l) => !names.has(l.lname))],
          always: opt.always,
          drafts: all,
          options: undefined,
        },
      ];
    } else {
      groups = variants.map((v) => ({
        scope: v.label ? { ...node.scope, label: node.scope.label + v.label } : node.scope,
        lines: v.lines,
        always: v.always,
        drafts: v.drafts,
        options: v.options,
      }));
    }
    for (const g of groups) {
      const acao = g.lines.filter((l) => l.lname === H.allowOrigin);
      if (!acao.length) continue;
      let answersPreflight: CorsPolicy['answersPreflight'] | undefined;
      // The rewrite answer goes through httpd's error path: only the `always` table is sent on it.
      if (preflight && g.options !== false) answersPreflight = g.always.some((l) => l.lname === H.allowOrigin);
      else if (g.lines.some((l) => l.lname === H.allowMethods && lineWrite(l).value.kind === 'unknown')) answersPreflight = 'unknown';
      const optionsOnly = acao.every((l) => l.writes.every((d) => d.write.condition === 'options-only'));
      const policy = policyFromWrites(g.lines.map(lineWrite), {
        id: `apache-p${policyNo + 1}`,
        extractor: ID,
        layer: 'server-config',
        scope: g.scope,
        span: acao[0].head.write.statementSpan,
        emits: optionsOnly ? 'options-only' : undefined,
        answersPreflight,
      });
      if (!policy) continue;
      // Point back at every real write, not at the per-line stand-ins.
      const ids = new Set<string>();
      for (const id of policy.writeIds) {
        const line = g.lines.find((l) => l.head.write.id === id);
        for (const d of line ? line.writes : []) ids.add(d.write.id);
      }
      policy.writeIds = [...ids];
      const key = [...ids].sort().join(',') + '|' + policy.emits;
      if (seenPolicies.has(key)) continue;
      seenPolicies.add(key);
      const perRequest = policy.origin.kind !== 'any' && policy.origin.kind !== 'static' && policy.origin.kind !== 'null';
      if (policy.vary === 'absent' && perRequest && (varyByExpr || g.drafts.some((d) => d.varyOrigin))) policy.vary = 'library';
      policyNo++;
      ctx.facts.policies.push(policy);
    }
  }
}
