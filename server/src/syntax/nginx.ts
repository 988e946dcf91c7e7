/**
 * A small, error-tolerant reader for nginx configuration files: tokens (words, quoted strings, `{`, `}`,
 * `;`, `#` comments) with exact UTF-16 spans, and a tree of directives and blocks on top of them.
 *
 * It follows nginx's own reading rules (ngx_conf_read_token) where they matter for spans and values:
 * quotes open a string only at the start of a token, a backslash protects the next character, and inside
 * a value `\"`, `\'`, `\\`, `\t`, `\r`, `\n` are decoded. It never throws: unbalanced braces, a missing
 * `;` and unterminated strings are recorded as errors and reading goes on.
 */
import type { Span } from '../model/index.js';

/** One word or quoted string of a directive. */
export interface NginxArg {
  /** The value as nginx sees it (quotes removed, escapes decoded). */
  text: string;
  /** The whole token, quotes included. */
  span: Span;
  /** Inside the quotes for a quoted string; equal to `span` for a bare word. */
  inner: Span;
  quote?: '"' | "'";
  /** True when `text` differs from the source text at `inner` (escapes were decoded). */
  escapes: boolean;
  /** When `escapes`: the source offset of every character of `text`, plus the end offset (length + 1). */
  offsets?: number[];
  /** A string whose closing quote is missing (cut at the end of its line). */
  unterminated?: boolean;
}

export interface NginxDirective {
  name: string;
  nameArg: NginxArg;
  args: NginxArg[];
  /** From the name to the `;` (included) or to the block's `}` (included). */
  span: Span;
  /** End of the last word before the `;` or `{`. */
  headEnd: number;
  /** Children when the directive opens a block. */
  block?: NginxDirective[];
  /** From `{` to `}` (included) when a block. */
  blockSpan?: Span;
  /** False when the `;` or the closing `}` is missing. */
  terminated: boolean;
  parent?: NginxDirective;
}

export interface NginxError {
  message: string;
  span: Span;
}

export interface NginxConfig {
  directives: NginxDirective[];
  comments: Span[];
  errors: NginxError[];
}

type Token =
  | { kind: 'arg'; arg: NginxArg; line: number }
  | { kind: '{' | '}' | ';'; start: number; end: number; line: number };

/** Names that start a new directive when they appear at the start of a line while the previous directive
 *  still lacks its `;` — recovery for half-typed input. */
const RESTART_NAMES = new Set([
  'location', 'server', 'http', 'if', 'map', 'upstream', 'add_header', 'more_set_headers', 'more_clear_headers',
  'proxy_pass', 'return', 'set', 'include', 'root', 'listen', 'server_name',
]);

function isSpace(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v';
}

/** Characters that end a bare word: whitespace, `;`, `{`, `}`. */
function endsWord(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13) || code === 59 || code === 123 || code === 125;
}

function decodeEscape(c: string): string | undefined {
  switch (c) {
    case '"':
    case "'":
    case '\\':
      return c;
    case 't':
      return '\t';
    case 'r':
      return '\r';
    case 'n':
      return '\n';
  }
  return undefined;
}

interface Decoded {
  text: string;
  /** Source offset of every decoded character, plus the end offset; only when escapes were decoded. */
  offsets?: number[];
  escapes: boolean;
}

/** Decode src[from, to) (a word, or the inside of a string) the way nginx copies a token. */
function decodeRange(src: string, from: number, to: number): Decoded {
  let k = from;
  while (k < to && src.charCodeAt(k) !== 92 /* \\ */) k++;
  if (k === to) return { text: src.slice(from, to), escapes: false };
  let out = '';
  const offsets: number[] = [];
  let escapes = false;
  let j = from;
  while (j < to) {
    if (src[j] === '\\' && j + 1 < to) {
      const d = decodeEscape(src[j + 1]);
      if (d !== undefined) {
        out += d;
        offsets.push(j);
        escapes = true;
        j += 2;
        continue;
      }
      // Any other character after a backslash is kept with the backslash.
      out += src[j] + src[j + 1];
      offsets.push(j, j + 1);
      j += 2;
      continue;
    }
    out += src[j];
    offsets.push(j);
    j++;
  }
  if (!escapes) return { text: out, escapes: false };
  offsets.push(to);
  return { text: out, offsets, escapes };
}

function countNewlines(src: string, from: number, to: number): number {
  let c = 0;
  for (let k = src.indexOf('\n', from); k !== -1 && k < to; k = src.indexOf('\n', k + 1)) c++;
  return c;
}

/** Index of the closing quote of a string opened at `open`, or -1. */
function closingQuote(src: string, open: number, q: string): number {
  let j = open + 1;
  const n = src.length;
  while (j < n) {
    const c = src[j];
    if (c === q) return j;
    j += c === '\\' ? 2 : 1;
  }
  return -1;
}

function tokenize(src: string, comments: Span[], errors: NginxError[]): Token[] {
  const toks: Token[] = [];
  const n = src.length;
  let i = 0;
  let line = 0;
  while (i < n) {
    const c = src[i];
    if (c === '\n') {
      line++;
      i++;
      continue;
    }
    if (isSpace(c)) {
      i++;
      continue;
    }
    if (c === '#') {
      let j = src.indexOf('\n', i);
      if (j === -1) j = n;
      comments.push({ start: i, end: j });
      i = j;
      continue;
    }
    if (c === '{' || c === '}' || c === ';') {
      toks.push({ kind: c, start: i, end: i + 1, line });
      i++;
      continue;
    }
    if (c === '"' || c === "'") {
      let close = closingQuote(src, i, c);
      let unterminated = false;
      if (close === -1) {
        // No closing quote before the end of the file: cut the string at the end of its line.
        unterminated = true;
        close = src.indexOf('\n', i);
        if (close === -1) close = n;
        errors.push({ message: 'unterminated string', span: { start: i, end: close } });
      }
      const d = decodeRange(src, i + 1, close);
      const end = unterminated ? close : close + 1;
      const arg: NginxArg = { text: d.text, span: { start: i, end }, inner: { start: i + 1, end: close }, quote: c, escapes: d.escapes };
      if (d.offsets) arg.offsets = d.offsets;
      if (unterminated) arg.unterminated = true;
      toks.push({ kind: 'arg', arg, line });
      line += countNewlines(src, i, end);
      i = end;
      continue;
    }
    // A bare word.
    let j = i;
    while (j < n) {
      const code = src.charCodeAt(j);
      if (endsWord(code)) break;
      if (code === 36 /* $ */ && src.charCodeAt(j + 1) === 123 /* { */) {
        // ${name}: the braces belong to the variable.
        let k = j + 2;
        while (k < n && src[k] !== '}' && !isSpace(src[k]) && src[k] !== ';' && src[k] !== '{') k++;
        if (k < n && src[k] === '}') {
          j = k + 1;
          continue;
        }
        j++;
        continue;
      }
      j += code === 92 && j + 1 < n ? 2 : 1;
    }
    const d = decodeRange(src, i, j);
    const arg: NginxArg = { text: d.text, span: { start: i, end: j }, inner: { start: i, end: j }, escapes: d.escapes };
    if (d.offsets) arg.offsets = d.offsets;
    toks.push({ kind: 'arg', arg, line });
    line += countNewlines(src, i, j);
    i = j;
  }
  return toks;
}

/** Parse a whole file. Never throws. */
export function parseNginx(src: string): NginxConfig {
  const comments: Span[] = [];
  const errors: NginxError[] = [];
  const root: NginxDirective[] = [];
  let toks: Token[];
  try {
    toks = tokenize(src, comments, errors);
  } catch (e) {
    errors.push({ message: 'tokenizer failed: ' + String(e), span: { start: 0, end: 0 } });
    return { directives: root, comments, errors };
  }
  const stack: { list: NginxDirective[]; dir?: NginxDirective }[] = [{ list: root }];
  let cur: NginxArg[] = [];
  let curLine = -1;
  const top = () => stack[stack.length - 1];

  const make = (words: NginxArg[]): NginxDirective => {
    const [nameArg, ...args] = words;
    const last = words[words.length - 1];
    return {
      name: nameArg.text,
      nameArg,
      args,
      span: { start: nameArg.span.start, end: last.span.end },
      headEnd: last.span.end,
      terminated: false,
      parent: top().dir,
    };
  };
  const flushUnterminated = () => {
    if (cur.length === 0) return;
    const d = make(cur);
    errors.push({ message: `missing ";" after "${d.name}"`, span: d.span });
    top().list.push(d);
    cur = [];
  };

  for (const t of toks) {
    if (t.kind === 'arg') {
      if (
        cur.length > 0 &&
        t.line > curLine &&
        !t.arg.quote &&
        RESTART_NAMES.has(t.arg.text) &&
        cur[0].text !== 'if' &&
        cur[0].text !== 'log_format'
      ) {
        flushUnterminated();
      }
      cur.push(t.arg);
      curLine = t.line;
      continue;
    }
    if (t.kind === ';') {
      if (cur.length === 0) {
        errors.push({ message: 'unexpected ";"', span: { start: t.start, end: t.end } });
        continue;
      }
      const d = make(cur);
      d.span.end = t.end;
      d.terminated = true;
      top().list.push(d);
      cur = [];
      continue;
    }
    if (t.kind === '{') {
      let d: NginxDirective;
      if (cur.length === 0) {
        errors.push({ message: 'block without a directive name', span: { start: t.start, end: t.end } });
        const nameArg: NginxArg = { text: '', span: { start: t.start, end: t.start }, inner: { start: t.start, end: t.start }, escapes: false };
        d = { name: '', nameArg, args: [], span: { start: t.start, end: t.end }, headEnd: t.start, terminated: false, parent: top().dir };
      } else {
        d = make(cur);
      }
      d.block = [];
      d.blockSpan = { start: t.start, end: t.end };
      d.span.end = t.end;
      top().list.push(d);
      stack.push({ list: d.block, dir: d });
      cur = [];
      continue;
    }
    // '}'
    flushUnterminated();
    if (stack.length === 1) {
      errors.push({ message: 'unexpected "}"', span: { start: t.start, end: t.end } });
      continue;
    }
    const frame = stack.pop()!;
    const d = frame.dir!;
    d.blockSpan = { start: d.blockSpan!.start, end: t.end };
    d.span.end = t.end;
    d.terminated = true;
  }
  flushUnterminated();
  while (stack.length > 1) {
    const frame = stack.pop()!;
    const d = frame.dir!;
    const end = lastEnd(d);
    d.blockSpan = { start: d.blockSpan!.start, end };
    d.span.end = end;
    errors.push({ message: `missing "}" for "${d.name}"`, span: { start: d.span.start, end: d.headEnd } });
  }
  return { directives: root, comments, errors };
}

function lastEnd(d: NginxDirective): number {
  let end = d.blockSpan ? d.blockSpan.end : d.span.end;
  for (const c of d.block ?? []) end = Math.max(end, c.span.end);
  return end;
}

/** Source span of the decoded characters [from, to) of an argument. */
export function argSubSpan(arg: NginxArg, from: number, to: number): Span {
  if (!arg.offsets) return { start: arg.inner.start + from, end: arg.inner.start + to };
  const o = arg.offsets;
  const start = o[Math.min(from, o.length - 1)];
  const end = to <= from ? start : o[Math.min(to, o.length - 1)];
  return { start, end };
}

export type ValuePart = { kind: 'text'; text: string; from: number; to: number } | { kind: 'var'; name: string; from: number; to: number };

/** Split a decoded value into literal text and `$name` / `${name}` variable references. */
export function splitVariables(s: string): ValuePart[] {
  const parts: ValuePart[] = [];
  let i = 0;
  let textStart = 0;
  const pushText = (to: number) => {
    if (to > textStart) parts.push({ kind: 'text', text: s.slice(textStart, to), from: textStart, to });
  };
  while (i < s.length) {
    if (s[i] === '$') {
      if (s[i + 1] === '{') {
        const close = s.indexOf('}', i + 2);
        if (close !== -1) {
          pushText(i);
          parts.push({ kind: 'var', name: s.slice(i + 2, close), from: i, to: close + 1 });
          i = close + 1;
          textStart = i;
          continue;
        }
      }
      const m = /^[A-Za-z0-9_]+/.exec(s.slice(i + 1));
      if (m) {
        pushText(i);
        parts.push({ kind: 'var', name: m[0], from: i, to: i + 1 + m[0].length });
        i += 1 + m[0].length;
        textStart = i;
        continue;
      }
    }
    i++;
  }
  pushText(s.length);
  return parts;
}

/** Walk every directive depth-first (parents before children). */
export function walkNginx(list: NginxDirective[], fn: (d: NginxDirective) => void): void {
  for (const d of list) {
    fn(d);
    if (d.block) walkNginx(d.block, fn);
  }
}
