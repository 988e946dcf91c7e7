/**
 * Scopes of a web.config: the root `<system.webServer>` and each `<location path="...">`, keyed by the
 * normalised path, compared case-insensitively; a location inherits from every scope whose path is a
 * prefix of its own (config inheritance, outermost first).
 */
import type { Scope, Span } from '../../model/index.js';
import { attribute, childrenNamed, type XmlElement } from '../../syntax/xml.js';
import type { ScopeData } from './model.js';

function normPath(p: string | undefined): string {
  if (p === undefined) return '';
  const t = p.trim().replace(/\\/g, '/').replace(/^\/+|\/+$/g, '');
  return t === '.' ? '' : t;
}

/** Scope keys from the outermost to `key` itself ('' = the whole application). */
export function chainOf(key: string, keys: string[]): string[] {
  const lower = key.toLowerCase();
  const out = keys.filter((k) => k === '' || k.toLowerCase() === lower || lower.startsWith(k.toLowerCase() + '/'));
  return out.sort((a, b) => a.length - b.length);
}

export interface Locations {
  /** By lower-cased key. */
  scopes: Map<string, ScopeData>;
  /** Every `<system.webServer>` section in document order, with the scope it belongs to. */
  sections: { data: ScopeData; ws: XmlElement }[];
  keys: string[];
  byKey: (k: string) => ScopeData;
}

/** Collect the system.webServer sections per scope. */
export function collectLocations(root: XmlElement, fileLabel: string): Locations {
  const scopes = new Map<string, ScopeData>();
  const scopeFor = (key: string, label: string, span: Span | undefined): ScopeData => {
    const k = key.toLowerCase();
    let s = scopes.get(k);
    if (!s) {
      const scope: Scope =
        key === ''
          ? { kind: 'file', label: fileLabel, path: ['configuration'] }
          : { kind: 'block', label, path: ['configuration', label], span };
      s = { key, scope, headerOps: [], cors: [] };
      scopes.set(k, s);
    }
    return s;
  };
  const sections: { data: ScopeData; ws: XmlElement }[] = [];
  scopeFor('', '', undefined);
  for (const child of root.children) {
    if (child.name === 'system.webServer') sections.push({ data: scopeFor('', '', undefined), ws: child });
    else if (child.name === 'location') {
      const p = attribute(child, 'path');
      const key = normPath(p?.value);
      const data = scopeFor(key, `location ${key}`, child.span);
      for (const ws of childrenNamed(child, 'system.webServer')) sections.push({ data, ws });
    }
  }

  const keys = [...scopes.values()].map((s) => s.key);
  const byKey = (k: string) => scopes.get(k.toLowerCase())!;
  return { scopes, sections, keys, byKey };
}
