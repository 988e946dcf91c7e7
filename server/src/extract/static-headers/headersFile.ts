/**
 * The `_headers` file of Netlify and Cloudflare Pages (a plain-text file in the publish folder): a path line
 * (`/api/*`, `/fonts/:name`, `https://site.pages.dev/*`) starting at column 0, then indented `Name: value` lines
 * for it; `#` lines are comments; Cloudflare's `! Name` removes a header that another rule added. Both platforms
 * send a header written twice for one path as one header with the values joined by `, ` (the second line is an
 * `add`), and fill `:placeholder` / `:splat` in values from the path (left unknown). Semantics:
 * knowledge/libraries/headers-file.ts.
 */
import type { Span } from '../../model/index.js';
import { hasPathParam, type ConfigEntry, type HeaderItem } from '../headerRules.js';

export const HEADERS_FILE_LIBRARY = 'headers-file';

interface Line {
  text: string;
  start: number;
}

function* linesOf(text: string): Generator<Line> {
  let start = 0;
  while (start <= text.length) {
    const nl = text.indexOf('\n', start);
    const end = nl === -1 ? text.length : nl;
    yield { text: text.slice(start, end).replace(/\r$/, ''), start };
    if (nl === -1) return;
    start = nl + 1;
  }
}

/** A `Name: value` (or `! Name`) line under a path, with spans; undefined when it is not one. */
function headerLine(l: Line): { name: string; nameSpan: Span; value?: { text: string; span: Span }; detach: boolean; bang?: Span; span: Span } | undefined {
  const lead = /^[ \t]*/.exec(l.text)![0].length;
  const body = l.text.slice(lead).trimEnd();
  const at = l.start + lead;
  const span = { start: at, end: at + body.length };
  if (body.startsWith('!')) {
    const name = body.slice(1).trim();
    if (!/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(name)) return undefined;
    const ns = at + body.indexOf(name, 1);
    return { name, nameSpan: { start: ns, end: ns + name.length }, detach: true, bang: { start: at, end: at + 1 }, span };
  }
  const colon = body.indexOf(':');
  if (colon <= 0) return undefined;
  const name = body.slice(0, colon).trimEnd();
  if (!/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(name)) return undefined;
  const rest = body.slice(colon + 1);
  const value = rest.trim();
  const vs = at + colon + 1 + (rest.length - rest.trimStart().length);
  return { name, nameSpan: { start: at, end: at + name.length }, value: { text: value, span: { start: vs, end: vs + value.length } }, detach: false, span };
}

/** The rules of a `_headers` file, in file order; a later block of the same path adds to the earlier one. */
export function headersFileEntries(text: string): ConfigEntry[] {
  const out: ConfigEntry[] = [];
  const seen = new Map<string, Set<string>>();
  let cur: ConfigEntry | undefined;
  for (const l of linesOf(text)) {
    const trimmed = l.text.trim();
    if (!trimmed || trimmed.startsWith('#')) continue;
    if (!/^[ \t]/.test(l.text)) {
      // a path line (the platforms read only `/…` and absolute URLs; anything else starts a rule no request matches)
      const path = trimmed;
      const span = { start: l.start, end: l.start + l.text.trimEnd().length };
      const options = [{ name: 'path', span }];
      cur = /^(\/|https?:\/\/)/.test(path) && !/\s/.test(path) ? { span, source: path, conditional: false, items: [], options } : undefined;
      if (cur) out.push(cur);
      continue;
    }
    const h = cur && headerLine(l);
    if (!cur || !h) continue;
    cur.span = { start: cur.span.start, end: h.span.end };
    if (h.bang) cur.options.push({ name: '!', span: h.bang });
    const names = seen.get(cur.source!) ?? new Set<string>();
    seen.set(cur.source!, names);
    const lower = h.name.toLowerCase();
    const dynamic = h.value && hasPathParam(h.value.text);
    const item: HeaderItem = {
      key: h.name,
      keySpan: h.nameSpan,
      value: h.value && !dynamic ? { text: h.value.text, span: h.value.span, exact: true } : undefined,
      valueAt: h.value?.span ?? h.nameSpan,
      span: h.span,
      op: h.detach ? 'unset' : names.has(lower) ? 'add' : 'set',
    };
    if (h.detach) names.delete(lower);
    else names.add(lower);
    cur.items.push(item);
  }
  return out;
}
