/**
 * A small reader for the parts of Apache's ap_expr language that matter for CORS: does an expression
 * test the request method, does it test (or return) the request Origin, and how.
 * Used for `<If "...">`, `Header ... "expr=..."` conditions and `Header set X "expr=..."` values.
 * Anything it does not recognise is reported as such (callers turn that into `unknown`).
 */
import type { OriginCheck, Span, Valued } from '../../model/index.js';

type Tok =
  | { t: 'var'; name: string; arg?: string; start: number; end: number; argStart?: number }
  | { t: 'str'; value: string; start: number; end: number; innerStart: number }
  | { t: 're'; value: string; flags: string; start: number; end: number; innerStart: number }
  | { t: 'op'; value: string; start: number; end: number }
  | { t: 'word'; value: string; start: number; end: number };

function tokenize(s: string): Tok[] | undefined {
  const out: Tok[] = [];
  let i = 0;
  const n = s.length;
  while (i < n) {
    const c = s[i];
    if (c === ' ' || c === '\t') {
      i++;
      continue;
    }
    if (c === '%' && s[i + 1] === '{') {
      const close = s.indexOf('}', i + 2);
      if (close === -1) return undefined;
      const body = s.slice(i + 2, close);
      const colon = body.indexOf(':');
      if (colon >= 0) out.push({ t: 'var', name: body.slice(0, colon), arg: body.slice(colon + 1), start: i, end: close + 1, argStart: i + 2 + colon + 1 });
      else out.push({ t: 'var', name: body, start: i, end: close + 1 });
      i = close + 1;
      continue;
    }
    if (c === "'" || c === '"') {
      let j = i + 1;
      let v = '';
      while (j < n && s[j] !== c) {
        if (s[j] === '\\' && j + 1 < n) {
          v += s[j + 1];
          j += 2;
        } else v += s[j++];
      }
      if (j >= n) return undefined;
      out.push({ t: 'str', value: v, start: i, end: j + 1, innerStart: i + 1 });
      i = j + 1;
      continue;
    }
    const prev = out[out.length - 1];
    const afterMatchOp = prev && prev.t === 'op' && (prev.value === '=~' || prev.value === '!~');
    if (afterMatchOp && (c === '/' || (c === 'm' && i + 1 < n && !/[A-Za-z0-9_\s]/.test(s[i + 1])))) {
      const delim = c === '/' ? '/' : s[i + 1];
      const bodyStart = c === '/' ? i + 1 : i + 2;
      let j = bodyStart;
      while (j < n && s[j] !== delim) j += s[j] === '\\' ? 2 : 1;
      if (j >= n) return undefined;
      let k = j + 1;
      while (k < n && /[a-z]/.test(s[k])) k++;
      out.push({ t: 're', value: s.slice(bodyStart, j), flags: s.slice(j + 1, k), start: i, end: k, innerStart: bodyStart });
      i = k;
      continue;
    }
    const two = s.slice(i, i + 2);
    if (['==', '!=', '=~', '!~', '&&', '||', '<=', '>='].includes(two)) {
      out.push({ t: 'op', value: two, start: i, end: i + 2 });
      i += 2;
      continue;
    }
    if ('!(){},<>='.includes(c)) {
      out.push({ t: 'op', value: c, start: i, end: i + 1 });
      i++;
      continue;
    }
    let j = i;
    while (j < n && !/[\s!(){},<>='"%]/.test(s[j])) j++;
    if (j === i) return undefined;
    out.push({ t: 'word', value: s.slice(i, j), start: i, end: j });
    i = j;
  }
  return out;
}

export interface ExprInfo {
  /** The expression only holds for OPTIONS / for everything but OPTIONS. */
  method?: 'options-only' | 'non-options';
  /** The expression reads the request Origin header somewhere. */
  readsOrigin: boolean;
  /** It reads Origin through req()/http(), which makes httpd add `Vary: Origin` to the response. */
  varyOrigin: boolean;
  /** How the expression tests the Origin, when it is a plain test the request must pass. */
  originCheck?: OriginCheck;
  /** The whole expression is just the Origin header value (for `Header set X "expr=..."`). */
  isOriginValue: boolean;
  /** Spans (relative to the expression start) of `Origin` header names written in the expression. */
  originNameSpans: Span[];
  /** The expression could be read. */
  ok: boolean;
}

function isOriginRef(toks: Tok[], i: number): { len: number; vary: boolean; nameStart: number } | undefined {
  const t = toks[i];
  if (!t) return undefined;
  if (t.t === 'var' && t.arg !== undefined && /^(req|http|req_novary)$/i.test(t.name) && t.arg.toLowerCase() === 'origin') {
    return { len: 1, vary: t.name.toLowerCase() !== 'req_novary', nameStart: t.argStart! };
  }
  if (t.t === 'word' && /^(req|http|req_novary)$/i.test(t.value)) {
    const a = toks[i + 1];
    const b = toks[i + 2];
    const c = toks[i + 3];
    if (a?.t === 'op' && a.value === '(' && b?.t === 'str' && b.value.toLowerCase() === 'origin' && c?.t === 'op' && c.value === ')') {
      return { len: 4, vary: t.value.toLowerCase() !== 'req_novary', nameStart: b.innerStart };
    }
  }
  return undefined;
}

function isMethodRef(t: Tok | undefined): boolean {
  return !!t && t.t === 'var' && t.arg === undefined && t.name === 'REQUEST_METHOD';
}

function optionsTest(op: string, rhs: Tok | undefined): 'options-only' | 'non-options' | undefined {
  if (!rhs) return undefined;
  const positive = op === '==' || op === '=~';
  const negative = op === '!=' || op === '!~';
  if (!positive && !negative) return undefined;
  let isOptions = false;
  if ((op === '==' || op === '!=') && rhs.t === 'str') isOptions = rhs.value === 'OPTIONS';
  if ((op === '=~' || op === '!~') && rhs.t === 're') isOptions = /^\^?\(?OPTIONS\)?\$?$/.test(rhs.value) && !rhs.flags.includes('i');
  if (!isOptions) return undefined;
  return positive ? 'options-only' : 'non-options';
}

/**
 * Read an expression. `base` is the source offset of the expression's first character when the
 * expression text appears verbatim in the file (so that regex/origin entries get exact spans);
 * otherwise `fallback` is used as the span of every entry.
 */
export function readExpr(expr: string, base: number | undefined, fallback: Span): ExprInfo {
  const info: ExprInfo = { readsOrigin: false, varyOrigin: false, isOriginValue: false, originNameSpans: [], ok: false };
  const toks = tokenize(expr);
  if (!toks) {
    info.readsOrigin = /origin/i.test(expr);
    return info;
  }
  info.ok = true;
  const sp = (start: number, end: number): Span => (base === undefined ? fallback : { start: base + start, end: base + end });
  const hasOr = toks.some((t) => (t.t === 'op' && t.value === '||') || (t.t === 'word' && t.value === '-or'));
  const hasNot = toks.some((t) => t.t === 'op' && t.value === '!');
  const checks: OriginCheck[] = [];
  for (let i = 0; i < toks.length; i++) {
    const ref = isOriginRef(toks, i);
    if (ref) {
      info.readsOrigin = true;
      if (ref.vary) info.varyOrigin = true;
      info.originNameSpans.push(sp(ref.nameStart, ref.nameStart + 6));
      if (i === 0 && ref.len === toks.length) info.isOriginValue = true;
      const op = toks[i + ref.len];
      const rhs = toks[i + ref.len + 1];
      if (op?.t === 'op' && op.value === '=~' && rhs?.t === 're') {
        const entries: Valued<string>[] = [{ value: rhs.value, span: sp(rhs.innerStart, rhs.innerStart + rhs.value.length) }];
        checks.push({ kind: 'regex', entries });
      } else if (op?.t === 'op' && op.value === '==' && rhs?.t === 'str') {
        checks.push({ kind: 'exact', entries: [{ value: rhs.value, span: sp(rhs.innerStart, rhs.innerStart + rhs.value.length) }] });
      } else if (op?.t === 'word' && op.value === 'in' && rhs?.t === 'op' && rhs.value === '{') {
        const entries: Valued<string>[] = [];
        let k = i + ref.len + 2;
        let good = true;
        for (; k < toks.length; k++) {
          const x = toks[k];
          if (x.t === 'op' && x.value === '}') break;
          if (x.t === 'op' && x.value === ',') continue;
          if (x.t === 'str') entries.push({ value: x.value, span: sp(x.innerStart, x.innerStart + x.value.length) });
          else good = false;
        }
        checks.push(good && k < toks.length ? { kind: 'exact', entries } : { kind: 'unknown' });
      } else if (op) {
        checks.push({ kind: 'unknown' });
      }
      i += ref.len - 1;
      continue;
    }
    if (isMethodRef(toks[i])) {
      const op = toks[i + 1];
      const m = op?.t === 'op' ? optionsTest(op.value, toks[i + 2]) : undefined;
      if (m && !hasOr && !hasNot) info.method = m;
    }
  }
  if (checks.length === 1 && !hasOr && !hasNot) info.originCheck = checks[0];
  else if (checks.length > 0) info.originCheck = { kind: 'unknown' };
  return info;
}
