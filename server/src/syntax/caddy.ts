/**
 * A small, error-tolerant reader for Caddyfiles (no usable grammar exists): tokens with exact UTF-16 spans and
 * a tree of lines and blocks on top of them, following Caddy's lexer (caddyconfig/caddyfile/lexer.go, v2.x):
 * tokens are separated by whitespace; a newline ends a line unless the line ends with `\`; `"…"` strings may hold
 * `\"` and span lines; `` `…` `` strings are raw; `#` starts a comment only at the start of a token; a token
 * that is exactly `{` at the end of a line opens a block and a `}` token closes it. `{placeholder}` words are
 * ordinary tokens. Never throws: unbalanced braces and unterminated strings are recorded as errors.
 */
import type { Span } from '../model/index.js';

export interface CaddyToken {
  /** The value as Caddy sees it (quotes removed, `\"` decoded). */
  text: string;
  /** The whole token, quotes included. */
  span: Span;
  /** Inside the quotes for a quoted token; equal to `span` for a bare word. */
  inner: Span;
  quote?: '"' | '`';
  /** `text` differs from the source at `inner` (an escape was decoded). */
  escapes: boolean;
  /** The line the token starts on (0-based); tokens of one directive line share `line` unless continued. */
  line: number;
  /** A string whose closing quote is missing. */
  unterminated?: boolean;
}

export interface CaddyLine {
  tokens: CaddyToken[];
  /** From the first token to the end of the last one, or to the block's `}`. */
  span: Span;
  block?: CaddyLine[];
  /** From `{` to `}` (included). */
  blockSpan?: Span;
  /** False when the block's `}` is missing. */
  terminated: boolean;
}

export interface CaddyFile {
  lines: CaddyLine[];
  errors: { message: string; span: Span }[];
}

/** The tokens of a Caddyfile; a `\` continuation puts the next line's tokens on the same `line`. */
export function caddyTokens(text: string, errors: CaddyFile['errors'] = []): CaddyToken[] {
  const out: CaddyToken[] = [];
  let line = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    if (c === '\n') {
      line++;
      i++;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\v' || c === '\uFEFF') {
      i++;
      continue;
    }
    if (c === '#') {
      while (i < n && text[i] !== '\n') i++;
      continue;
    }
    if (c === '\\' && /^\\[ \t]*\r?\n/.test(text.slice(i, i + 4))) {
      // line continuation: the next line's tokens belong to this line
      i = text.indexOf('\n', i) + 1;
      continue;
    }
    const start = i;
    if (c === '"' || c === '`') {
      let value = '';
      let escapes = false;
      i++;
      let closed = false;
      const startLine = line;
      while (i < n) {
        const d = text[i];
        if (c === '"' && d === '\\' && text[i + 1] === '"') {
          value += '"';
          escapes = true;
          i += 2;
          continue;
        }
        if (d === c) {
          closed = true;
          i++;
          break;
        }
        if (d === '\n') line++;
        value += d;
        i++;
      }
      if (!closed) errors.push({ message: 'unterminated string', span: { start, end: i } });
      out.push({ text: value, span: { start, end: i }, inner: { start: start + 1, end: closed ? i - 1 : i }, quote: c, escapes, line: startLine, ...(closed ? {} : { unterminated: true }) });
      continue;
    }
    while (i < n && !/[\s]/.test(text[i])) i++;
    const word = text.slice(start, i);
    out.push({ text: word, span: { start, end: i }, inner: { start, end: i }, escapes: false, line });
  }
  return out;
}

const isOpen = (t: CaddyToken, next: CaddyToken | undefined) => !t.quote && t.text === '{' && (!next || next.line !== t.line);
const isClose = (t: CaddyToken) => !t.quote && t.text === '}';

/** Lines and blocks of a Caddyfile. */
export function parseCaddyfile(text: string): CaddyFile {
  const errors: CaddyFile['errors'] = [];
  const toks = caddyTokens(text, errors);
  let k = 0;
  const readLines = (depth: number): { lines: CaddyLine[]; close?: CaddyToken } => {
    const lines: CaddyLine[] = [];
    while (k < toks.length) {
      const t = toks[k];
      if (isClose(t)) {
        k++;
        if (depth > 0) return { lines, close: t };
        errors.push({ message: 'unexpected }', span: t.span });
        continue;
      }
      const tokens: CaddyToken[] = [];
      const ln = t.line;
      let opened: CaddyToken | undefined;
      while (k < toks.length && toks[k].line === ln) {
        const u = toks[k];
        if (isOpen(u, toks[k + 1])) {
          opened = u;
          k++;
          break;
        }
        if (isClose(u) && tokens.length) break;
        tokens.push(u);
        k++;
      }
      const first = tokens[0] ?? opened!;
      const last = tokens[tokens.length - 1] ?? opened!;
      const entry: CaddyLine = { tokens, span: { start: first.span.start, end: last.span.end }, terminated: true };
      if (opened) {
        if (depth > 64) return { lines };
        const inner = readLines(depth + 1);
        entry.block = inner.lines;
        const end = inner.close?.span.end ?? text.length;
        entry.blockSpan = { start: opened.span.start, end };
        entry.span = { start: first.span.start, end };
        entry.terminated = !!inner.close;
        if (!inner.close) errors.push({ message: 'missing }', span: opened.span });
      }
      lines.push(entry);
    }
    return { lines };
  };
  const { lines } = readLines(0);
  return { lines, errors };
}
