/**
 * netlify.toml `[[headers]]` rules: `for` (the path pattern) and `values` (a table of header name → value, as
 * `[headers.values]` or inline). TOML through syntax/toml.ts. A value Netlify would not send as written — not a
 * string, a multi-line string holding several lines (Netlify's form for several values of one header), or a
 * `:placeholder` — is unknown. Semantics: knowledge/libraries/netlify.ts.
 */
import type { Tree } from '../../syntax/treeSitter.js';
import { readToml, tomlGet, tomlProp, tomlTables } from '../../syntax/toml.js';
import { hasPathParam, type ConfigEntry, type HeaderItem } from '../headerRules.js';

export const NETLIFY_LIBRARY = 'netlify';

export function netlifyEntries(tree: Tree | undefined, text: string): ConfigEntry[] {
  const root = readToml(tree, text);
  return tomlTables(root, 'headers').map((t): ConfigEntry => {
    const options: ConfigEntry['options'] = [];
    for (const k of ['for', 'values']) {
      const p = tomlProp(t, k);
      if (p) options.push({ name: k, span: p.keySpan });
    }
    const src = tomlGet(t, 'for');
    const values = tomlGet(t, 'values');
    const items: HeaderItem[] = [];
    for (const p of values?.k === 'table' ? values.props : []) {
      const v = p.value;
      const known = v.k === 'str' && !/[\r\n]/.test(v.value.trim()) && !hasPathParam(v.value);
      items.push({
        key: p.key,
        keySpan: p.keySpan,
        value: known && v.k === 'str' ? { text: v.multiline ? v.value.trim() : v.value, span: v.verbatim ? v.inner : v.span, exact: v.verbatim } : undefined,
        valueAt: v.span,
        span: p.span,
      });
    }
    return { span: t.span, source: src?.k === 'str' ? src.value : undefined, conditional: false, items, options };
  });
}
