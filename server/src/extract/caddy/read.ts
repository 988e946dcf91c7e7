/**
 * Caddyfile `header` directives (and `header_down` inside `reverse_proxy`) as ordered header writes per scope:
 * each site block (its addresses), each `handle` / `handle_path` / `route` / `handle_errors` block in it, and each
 * path matcher (`header /api/* …`). Named matchers (`@cors header Origin https://a.com`, `header_regexp`,
 * `method OPTIONS`) become the write's condition and, for a value copied from the request Origin
 * (`{header.Origin}`, `{http.request.header.Origin}`), the check that guards it. Semantics: knowledge/libraries/caddy.ts.
 */
import type { HeaderValue, OriginCheck, Span } from '../../model/index.js';
import type { CaddyLine, CaddyToken } from '../../syntax/caddy.js';

export const LIBRARY = 'caddy';

export interface CaddyWrite {
  name: string;
  nameSpan: Span;
  /** The `+`/`-`/`?`/`>` prefix, if any. */
  prefix?: string;
  op: 'set' | 'add' | 'setifempty' | 'unset' | 'edit';
  value: HeaderValue;
  valueTok?: CaddyToken;
  statementSpan: Span;
  /** The whole `header …` line (for a block: the line inside it). */
  line: CaddyLine;
  condition?: 'options-only' | 'conditional';
  /** The scope label (site, nested block, path matcher). */
  group: string;
  /** Written at site level with no matcher: it reaches every scope of the site. */
  siteWide: boolean;
}

interface Matcher {
  origin?: OriginCheck | 'presence';
  method?: 'options-only';
  other: boolean;
}

const ORIGIN_PLACEHOLDER = /^\{(http\.request\.)?header\.origin\}$/i;

function matcherOf(lines: CaddyLine[]): Matcher {
  const m: Matcher = { other: false };
  for (const l of lines) {
    const [kind, ...args] = l.tokens.map((t) => t.text);
    const k = kind?.toLowerCase();
    if (k === 'header' && args[0]?.toLowerCase() === 'origin') {
      const vals = l.tokens.slice(2);
      if (!vals.length || vals.some((v) => v.text === '*')) m.origin = 'presence';
      else if (vals.some((v) => v.text.includes('*') || v.text.includes('{'))) m.origin = { kind: 'unknown' };
      else m.origin = { kind: 'exact', entries: vals.map((v) => ({ value: v.text, span: v.inner })) };
    } else if (k === 'header_regexp' && l.tokens.length >= 3) {
      const named = l.tokens.length >= 4 ? 1 : 0;
      const field = l.tokens[1 + named]?.text.toLowerCase();
      const re = l.tokens[2 + named];
      if (field === 'origin' && re) m.origin = { kind: 'regex', entries: [{ value: re.text, span: re.inner }] };
      else m.other = true;
    } else if (k === 'method' && args.length === 1 && args[0].toUpperCase() === 'OPTIONS') m.method = 'options-only';
    else m.other = true;
  }
  return m;
}

/** `@name …` definitions of a site (one line, or a block). */
function namedMatchers(site: CaddyLine[]): Map<string, Matcher> {
  const out = new Map<string, Matcher>();
  for (const l of site) {
    const t0 = l.tokens[0];
    if (!t0?.text.startsWith('@')) continue;
    const lines = l.block ?? (l.tokens.length > 1 ? [{ ...l, tokens: l.tokens.slice(1), block: undefined }] : []);
    out.set(t0.text, matcherOf(lines));
  }
  return out;
}

const isMatcherTok = (t: CaddyToken | undefined) => !!t && !t.quote && (t.text.startsWith('/') || t.text.startsWith('@') || t.text === '*');

function valueOf(tok: CaddyToken, m: Matcher | undefined): HeaderValue {
  if (ORIGIN_PLACEHOLDER.test(tok.text)) {
    const via = tok.text;
    if (!m?.origin || m.origin === 'presence') return { kind: 'request-origin', checked: false, via };
    return { kind: 'request-origin', checked: true, check: m.origin, via };
  }
  if (tok.unterminated) return { kind: 'unknown', reason: 'unterminated string' };
  if (tok.text.includes('{') || tok.escapes) return { kind: 'unknown', reason: 'placeholder' };
  return { kind: 'literal', text: tok.text };
}

/** One field operation: `[+|-|?|>]Field [value [replacement]]`. */
function fieldOp(toks: CaddyToken[], line: CaddyLine, m: Matcher | undefined, group: string, siteWide: boolean, unknownMatcher: boolean): CaddyWrite | undefined {
  const f = toks[0];
  if (!f || f.quote) return undefined;
  const prefix = /^[+\-?>]/.test(f.text) ? f.text[0] : undefined;
  const name = prefix ? f.text.slice(1) : f.text;
  if (!/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(name) || name === 'defer') return undefined;
  const nameSpan = { start: f.span.start + (prefix ? 1 : 0), end: f.span.end };
  const vals = toks.slice(1);
  let op: CaddyWrite['op'] = prefix === '+' ? 'add' : prefix === '-' ? 'unset' : prefix === '?' ? 'setifempty' : 'set';
  if (op !== 'unset' && !vals.length) return undefined;
  if (vals.length >= 2) op = 'edit';
  const valueTok = op === 'unset' || op === 'edit' ? undefined : vals[0];
  const value: HeaderValue = valueTok ? valueOf(valueTok, m) : { kind: 'unknown', reason: op === 'edit' ? 'find and replace' : 'deleted' };
  const last = toks[toks.length - 1];
  const condition = m?.method === 'options-only' && !m.other ? 'options-only' : unknownMatcher || m?.other || (m?.origin && valueTok && !ORIGIN_PLACEHOLDER.test(valueTok.text)) ? 'conditional' : undefined;
  return { name, nameSpan, prefix, op, value, valueTok, statementSpan: { start: f.span.start, end: last.span.end }, line, condition, group, siteWide };
}

const RANK: Record<CaddyWrite['op'], number> = { add: 0, set: 1, setifempty: 2, unset: 3, edit: 4 };

const NESTED = new Set(['handle', 'handle_path', 'route', 'handle_errors']);

function walk(lines: CaddyLine[], group: string, atSite: boolean, matchers: Map<string, Matcher>, out: CaddyWrite[], depth: number): void {
  if (depth > 20) return;
  for (const l of lines) {
    const d = l.tokens[0]?.text.toLowerCase();
    if (!d) continue;
    if (d === 'header' || (d === 'header_down' && !atSite)) {
      let args = l.tokens.slice(1);
      let m: Matcher | undefined;
      let g = group;
      let unknownMatcher = false;
      if (d === 'header' && isMatcherTok(args[0])) {
        const mt = args[0].text;
        if (mt.startsWith('@')) {
          m = matchers.get(mt);
          unknownMatcher = !m;
        } else if (mt !== '*') g = `${group} ${mt}`;
        args = args.slice(1);
      }
      const siteWide = atSite && g === group && !m && !unknownMatcher;
      if (l.block) {
        const ops: CaddyWrite[] = [];
        for (const b of l.block) {
          const w = fieldOp(b.tokens, b, m, g, siteWide, unknownMatcher);
          if (w) ops.push(w);
        }
        // one directive applies all its adds, then its sets, then defaults, deletes and replacements, whatever
        // the line order (observed with caddy 2.6.2: `X b` then `+X a` in one block sends only `X: b`)
        out.push(...ops.sort((a, b) => RANK[a.op] - RANK[b.op]));
      } else {
        const w = fieldOp(args, l, m, g, siteWide, unknownMatcher);
        if (w) out.push(w);
      }
      continue;
    }
    if (!l.block) continue;
    if (NESTED.has(d)) walk(l.block, `${group} › ${l.tokens.map((t) => t.text).join(' ')}`, false, matchers, out, depth + 1);
    else if (d === 'reverse_proxy') walk(l.block, group, false, matchers, out, depth + 1);
  }
}

export interface CaddySite {
  label: string;
  span: Span;
  writes: CaddyWrite[];
}

/** The sites of a Caddyfile (a global options block and snippet definitions are not sites). */
export function caddySites(lines: CaddyLine[]): CaddySite[] {
  const sites: CaddySite[] = [];
  const blocks = lines.filter((l) => l.block);
  const site = (label: string, span: Span, body: CaddyLine[]) => {
    const writes: CaddyWrite[] = [];
    walk(body, label, true, namedMatchers(body), writes, 0);
    sites.push({ label, span, writes });
  };
  for (const l of blocks) {
    if (!l.tokens.length) continue; // the global options block
    const first = l.tokens[0].text;
    if (first.startsWith('(') && first.endsWith(')')) site(`snippet ${first}`, l.span, l.block!);
    else site(l.tokens.map((t) => t.text).join(' '), l.span, l.block!);
  }
  // one site without braces: its address line, then its directives at the top level
  if (!blocks.some((l) => l.tokens.length)) {
    const top = lines.filter((l) => l.tokens.length);
    if (top.length > 1 && !top[0].block) site(top[0].tokens.map((t) => t.text).join(' '), { start: top[0].span.start, end: top[top.length - 1].span.end }, top.slice(1));
  }
  return sites;
}
