/** Caddy writes → facts: one response and (with an Allow-Origin) one policy per scope; the site-wide writes
 *  reach every scope of the site, unless the scope writes the same header itself. */
import type { CorsPolicy, FileFacts, HeaderWrite, OptionMention, ResponseHeaders, Scope } from '../../model/index.js';
import { isCorsWriteName } from '../../knowledge/headerNames.js';
import { effectiveWrites, H, policyFromWrites } from '../common.js';
import { LIBRARY, type CaddySite, type CaddyWrite } from './read.js';

export const EXTRACTOR_ID = 'caddy';

export function caddyFacts(sites: CaddySite[]): Partial<FileFacts> & { byId: Map<string, CaddyWrite> } {
  const headerWrites: HeaderWrite[] = [];
  const byId = new Map<string, CaddyWrite>();
  const policies: CorsPolicy[] = [];
  const responses: ResponseHeaders[] = [];
  const mentions: OptionMention[] = [];
  for (const site of sites) {
    const groups = new Map<string, { scope: Scope; writes: HeaderWrite[] }>();
    const made = new Map<CaddyWrite, HeaderWrite>();
    const writeOf = (w: CaddyWrite, scope: Scope): HeaderWrite => {
      let hw = made.get(w);
      if (hw) return hw;
      hw = {
        id: `cd${byId.size + 1}`,
        name: w.name,
        nameSpan: w.nameSpan,
        value: w.value,
        valueSpan: w.valueTok?.inner,
        statementSpan: w.statementSpan,
        op: w.op,
        always: 'n/a',
        layer: 'server-config',
        scope,
        extractor: EXTRACTOR_ID,
      };
      if (w.condition) hw.condition = w.condition;
      made.set(w, hw);
      byId.set(hw.id, w);
      headerWrites.push(hw);
      if (w.prefix) mentions.push({ span: { start: w.nameSpan.start - 1, end: w.nameSpan.start }, library: LIBRARY, option: w.prefix });
      return hw;
    };
    const cors = site.writes.filter((w) => isCorsWriteName(w.name));
    const siteWide = cors.filter((w) => w.siteWide);
    for (const w of cors) {
      const g = groups.get(w.group) ?? { scope: { kind: 'block', label: w.group, path: ['Caddyfile', w.group], span: w.line.span }, writes: [] };
      groups.set(w.group, g);
      g.writes.push(writeOf(w, g.scope));
    }
    for (const [label, g] of groups) {
      if (label === site.label) continue;
      const own = new Set(g.writes.map((w) => w.name.toLowerCase()));
      const inherited = siteWide.filter((w) => !own.has(w.name.toLowerCase())).map((w) => made.get(w)!);
      g.writes.unshift(...inherited);
    }
    for (const g of groups.values()) {
      const names = new Set(g.writes.map((w) => w.name.toLowerCase()));
      const sent = new Set([...names].flatMap((n) => effectiveWrites(g.writes, n)));
      const ids = g.writes.filter((w) => sent.has(w)).map((w) => w.id);
      if (ids.length) responses.push({ scope: g.scope, writeIds: ids });
      if (!effectiveWrites(g.writes, H.allowOrigin).length) continue;
      const p = policyFromWrites(g.writes, { id: `cdp${policies.length + 1}`, extractor: EXTRACTOR_ID, layer: 'server-config', scope: g.scope, span: g.scope.span ?? site.span, answersPreflight: 'unknown' });
      if (p) policies.push({ ...p, library: LIBRARY });
    }
  }
  return { headerWrites, policies, responses, optionMentions: mentions, headerMentions: headerWrites.map((w) => ({ value: w.name, span: w.nameSpan })), byId };
}
