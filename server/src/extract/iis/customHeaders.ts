/**
 * `<httpProtocol><customHeaders>`: the add/remove/clear entries of each scope (in a config transform only
 * those the transform writes), a header write for each CORS-relevant name, and per scope the response and
 * the hand-written policy that the inherited entries leave.
 */
import { isCorsWriteName } from '../../knowledge/headerNames.js';
import type { HeaderWrite } from '../../model/index.js';
import { attribute, childrenNamed, type XmlElement } from '../../syntax/xml.js';
import { H, policyFromWrites, sameHeader } from '../common.js';
import { chainOf, type Locations } from './locations.js';
import { ID, type Found, type HeaderOp, type ScopeData } from './model.js';

/** True when the XDT transform (if any) on this element or an ancestor makes it part of the output. */
function transformWrites(el: XmlElement): boolean {
  for (let e: XmlElement | undefined = el; e; e = e.parent) {
    const t = e.attributes.find((a) => a.name.endsWith(':Transform'))?.value?.trim();
    if (t === undefined) continue;
    return /^(Insert|InsertIfMissing|InsertBefore|InsertAfter|Replace|SetAttributes)\b/.test(t);
  }
  return false;
}

/** The customHeaders entries of one `<system.webServer>` section, into `data.headerOps` and the found writes. */
export function readCustomHeaders(ws: XmlElement, data: ScopeData, transform: boolean, found: Found): void {
  const { headerWrites } = found;
  for (const hp of childrenNamed(ws, 'httpProtocol')) {
    for (const ch of childrenNamed(hp, 'customHeaders')) {
      for (const el of ch.children) {
        if (el.name === 'clear') {
          if (!transform || transformWrites(el)) data.headerOps.push({ kind: 'clear', el, container: ch });
          continue;
        }
        if (el.name !== 'add' && el.name !== 'remove') continue;
        const nameAttr = attribute(el, 'name');
        if (!nameAttr?.valueSpan || nameAttr.value === undefined) continue;
        const name = nameAttr.value;
        if (!isCorsWriteName(name)) {
          data.headerOps.push({ kind: el.name, el, name, container: ch });
          continue;
        }
        if (transform && !transformWrites(el)) continue;
        const valueAttr = attribute(el, 'value');
        const isAdd = el.name === 'add';
        const w: HeaderWrite = {
          id: `w${++found.wn}`,
          name,
          nameSpan: nameAttr.valueSpan,
          value: isAdd
            ? valueAttr
              ? valueAttr.value !== undefined
                ? { kind: 'literal', text: valueAttr.value }
                : { kind: 'unknown', reason: 'unterminated value' }
              : { kind: 'literal', text: '' }
            : { kind: 'unknown', reason: 'remove' },
          valueSpan: isAdd ? valueAttr?.valueSpan : undefined,
          statementSpan: el.span,
          op: isAdd ? 'add' : 'unset',
          always: true,
          layer: 'server-config',
          scope: data.scope,
          extractor: ID,
        };
        headerWrites.push(w);
        data.headerOps.push({ kind: el.name, el, name, write: w, container: ch });
      }
    }
  }
}

/** customHeaders: responses and hand-written policies. */
export function customHeaderPolicies(loc: Locations, transform: boolean, found: Found): void {
  const { scopes, keys, byKey } = loc;
  const { responses, policies } = found;
  const seenResp = new Set<string>();
  const seenPol = new Set<string>();
  for (const data of scopes.values()) {
    const chain = chainOf(data.key, keys);
    if (!chain.some((k) => byKey(k).headerOps.length > 0)) continue;
    let entries: HeaderOp[] = [];
    for (const k of chain) {
      for (const op of byKey(k).headerOps) {
        if (op.kind === 'clear') entries = [];
        else if (op.kind === 'remove') entries = entries.filter((e) => !sameHeader(e.name ?? '', op.name ?? ''));
        else entries.push(op);
      }
    }
    const writes = entries.map((e) => e.write).filter((w): w is HeaderWrite => !!w);
    if (writes.length === 0) continue;
    const rkey = writes.map((w) => w.id).join(',');
    if (!seenResp.has(rkey)) {
      seenResp.add(rkey);
      responses.push({ scope: data.scope, writeIds: writes.map((w) => w.id) });
    }
    const acao = writes.find((w) => sameHeader(w.name, H.allowOrigin));
    const container = data.headerOps.at(-1)?.container ?? entries.find((e) => e.write === acao)?.container;
    const base = {
      id: 'tmp',
      extractor: ID,
      layer: 'server-config' as const,
      scope: data.scope,
      span: container?.span ?? acao?.statementSpan ?? { start: 0, end: 0 },
      emits: 'always' as const,
      ...(transform ? { answersPreflight: 'unknown' as const } : {}),
    };
    const pol = policyFromWrites(writes, base);
    if (!pol) continue;
    const pkey = pol.writeIds.join(',');
    if (seenPol.has(pkey)) continue;
    seenPol.add(pkey);
    pol.id = `p${++found.pn}`;
    if (transform) {
      // The base web.config may add what the transform does not mention.
      if (!writes.some((w) => sameHeader(w.name, H.allowCredentials))) pol.credentials = 'unknown';
      if (!writes.some((w) => sameHeader(w.name, H.vary))) pol.vary = 'unknown';
    }
    policies.push(pol);
  }
}
