/**
 * The IIS CORS module (`<system.webServer><cors>`): its sections per scope, `enabled` and the rule
 * collection (add/remove/clear by origin) inherited along the location chain, and one policy per allowed
 * rule (rule.ts reads a rule).
 */
import type { Valued } from '../../model/index.js';
import { attribute, childrenNamed, type XmlElement } from '../../syntax/xml.js';
import { chainOf, type Locations } from './locations.js';
import type { CorsSection, Found, ScopeData } from './model.js';
import { boolAttr, isMetaAttribute, rulePolicy } from './rule.js';

const CORS_ATTRS = ['enabled', 'failUnlistedOrigins'];

/** The `<cors>` elements of one `<system.webServer>` section, into `data.cors`. */
export function readCorsSections(ws: XmlElement, data: ScopeData, transform: boolean, found: Found): void {
  const { notes } = found;
  for (const cors of childrenNamed(ws, 'cors')) {
    if (transform) {
      notes.push('CORS module settings in a config transform are not modelled');
      continue;
    }
    const sec: CorsSection = { el: cors, ops: [] };
    for (const el of cors.children) {
      if (el.name === 'clear') sec.ops.push({ kind: 'clear', el });
      else if (el.name === 'add' || el.name === 'remove') sec.ops.push({ kind: el.name, el, origin: attribute(el, 'origin')?.value });
    }
    data.cors.push(sec);
  }
}

/** One policy per allowed rule of each scope where the module is enabled. */
export function corsModulePolicies(loc: Locations, found: Found): void {
  const { scopes, keys, byKey } = loc;
  const { notes, policies } = found;
  const seenRule = new Map<XmlElement, string>();
  for (const data of scopes.values()) {
    const chain = chainOf(data.key, keys);
    if (data.cors.length === 0) continue;
    let enabled: boolean | 'unknown' | undefined;
    const unknownCorsAttrs: { name: Valued<string>; known: string[] }[] = [];
    let rules: XmlElement[] = [];
    for (const k of chain) {
      for (const sec of byKey(k).cors) {
        const en = boolAttr(attribute(sec.el, 'enabled'));
        if (en !== undefined) enabled = en;
        if (k.toLowerCase() === data.key.toLowerCase()) {
          for (const a of sec.el.attributes) {
            if (a.valueSpan && !isMetaAttribute(a) && !CORS_ATTRS.includes(a.name)) unknownCorsAttrs.push({ name: { value: a.name, span: a.nameSpan }, known: CORS_ATTRS });
          }
        }
        for (const op of sec.ops) {
          if (op.kind === 'clear') rules = [];
          else if (op.kind === 'remove') rules = rules.filter((r) => attribute(r, 'origin')?.value !== op.origin);
          else rules.push(op.el);
        }
      }
    }
    if (enabled === false) continue;
    if (enabled !== true && unknownCorsAttrs.length === 0) {
      notes.push(`CORS module rules in ${data.scope.label} without enabled="true" (disabled unless a parent config enables it)`);
      continue;
    }
    const allowedRules = rules.filter((r) => {
      const o = attribute(r, 'origin')?.value;
      return o !== undefined && o.trim() !== '' && boolAttr(attribute(r, 'allowed')) !== false;
    });
    const onlyStar = allowedRules.every((r) => attribute(r, 'origin')?.value?.trim() === '*');
    let first = true;
    for (const r of allowedRules) {
      if (boolAttr(attribute(r, 'allowed')) === 'unknown') continue;
      const pol = rulePolicy(r, data.scope, onlyStar);
      if (!pol) continue;
      if (first && unknownCorsAttrs.length) pol.unknownOptions = [...unknownCorsAttrs, ...(pol.unknownOptions ?? [])];
      first = false;
      const sig = JSON.stringify({ o: pol.origin, v: pol.vary, c: pol.credentials, u: pol.unknownOptions?.length ?? 0 });
      if (seenRule.get(r) === sig) continue;
      seenRule.set(r, sig);
      pol.id = `p${++found.pn}`;
      policies.push(pol);
    }
  }
}
