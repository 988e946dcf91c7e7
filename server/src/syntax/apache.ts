/**
 * A tolerant tokenizer/parser for Apache httpd configuration files (httpd.conf, .htaccess, vhost files).
 *
 * It follows what httpd itself does when it reads a config file (server/util.c, server/config.c):
 * - a physical line ending in a backslash (directly before LF or CRLF) continues on the next line; the
 *   backslash and the line break are dropped and the next line is appended as is;
 * - a logical line whose first non-blank character is `#` is a comment (there are no trailing comments:
 *   a `#` later on the line is just another argument);
 * - arguments are split like ap_getword_conf: a word starting with `"` or `'` runs to the matching quote,
 *   where only `\<quote>` and `\\` are escapes; other words run to the next blank (`\\` is an escape there too);
 * - `<Name args>` opens a section (its arguments end at the last `>` of the line), `</Name>` closes it.
 *
 * Recovery: an unclosed quote ends at the end of its logical line; a section without `>` still opens; a
 * stray `</Name>` is ignored; a closing tag for an outer section also closes the inner unclosed ones;
 * sections still open at the end of the file end there. Every problem is recorded in `errors`.
 * All offsets are UTF-16 offsets into the original text.
 */
import type { Span } from '../model/index.js';

export interface ApacheArg {
  /** The argument as httpd sees it (quotes removed, escapes resolved, continuations joined). */
  value: string;
  /** Source span of the whole word, including quotes. */
  span: Span;
  /** Source span of the text inside the quotes (equal to `span` for a bare word). */
  valueSpan: Span;
  quote?: '"' | "'";
  /** False for a quoted word whose closing quote is missing. */
  closed: boolean;
  /** True when the source text at `valueSpan` is exactly `value` (no escapes, no continuation inside). */
  verbatim: boolean;
}

export interface ApacheDirective {
  type: 'directive';
  name: string;
  nameSpan: Span;
  args: ApacheArg[];
  /** From the first character of the name to the last non-blank character of the logical line. */
  span: Span;
  /** Start offsets of the physical lines the directive spans (first one included). */
  lineStarts: number[];
}

export interface ApacheSection {
  type: 'section';
  /** Section name without `<`, e.g. `VirtualHost`, `IfModule`. */
  name: string;
  nameSpan: Span;
  args: ApacheArg[];
  /** The opening tag line, `<Name args>`. */
  openSpan: Span;
  /** The closing tag `</Name>`, when present. */
  closeSpan?: Span;
  /** From `<` of the opening tag to the end of the closing tag (or the end of the file when unclosed). */
  span: Span;
  children: ApacheNode[];
  closed: boolean;
}

export type ApacheNode = ApacheDirective | ApacheSection;

export interface ApacheParseResult {
  nodes: ApacheNode[];
  errors: { message: string; span: Span }[];
}

interface LogicalLine {
  /** Joined text of the logical line (continuations removed). */
  text: string;
  /** Pieces of the line: logical offset `from` starts at source offset `src`. */
  segs: { from: number; src: number }[];
  lineStarts: number[];
}

/** Source offset of logical offset `k` (k may equal text.length: the end of the line's content). */
function srcOf(line: LogicalLine, k: number): number {
  const segs = line.segs;
  let i = segs.length - 1;
  while (i > 0 && segs[i].from > k) i--;
  return segs[i].src + (k - segs[i].from);
}

function isBlank(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\v' || c === '\n';
}

/** Split the text into logical lines (backslash-newline joins the next physical line). */
function logicalLines(text: string): LogicalLine[] {
  const out: LogicalLine[] = [];
  let pos = 0;
  const n = text.length;
  while (pos <= n) {
    let chars = '';
    const segs: LogicalLine['segs'] = [];
    const lineStarts: number[] = [];
    for (;;) {
      lineStarts.push(pos);
      let nl = text.indexOf('\n', pos);
      if (nl === -1) nl = n;
      let contentEnd = nl;
      if (contentEnd > pos && text[contentEnd - 1] === '\r') contentEnd--;
      const continued = nl < n && contentEnd > pos && text[contentEnd - 1] === '\\';
      const segEnd = continued ? contentEnd - 1 : contentEnd;
      segs.push({ from: chars.length, src: pos });
      chars = segs.length === 1 ? text.slice(pos, segEnd) : chars + text.slice(pos, segEnd);
      pos = nl + 1;
      if (!continued) break;
    }
    out.push({ text: chars, segs, lineStarts });
  }
  return out;
}

/** Split arguments like ap_getword_conf, from `from` to `to` (indices into the logical line). */
function splitArgs(line: LogicalLine, from: number, to: number): ApacheArg[] {
  const s = line.text;
  const args: ApacheArg[] = [];
  let i = from;
  const src = (k: number) => srcOf(line, k);
  while (i < to) {
    while (i < to && isBlank(s[i])) i++;
    if (i >= to) break;
    const q = s[i];
    if (q === '"' || q === "'") {
      let j = i + 1;
      let escaped = false;
      while (j < to && s[j] !== q) {
        if (s[j] === '\\' && j + 1 < to && (s[j + 1] === q || s[j + 1] === '\\')) {
          escaped = true;
          j += 2;
        } else j++;
      }
      let value = s.slice(i + 1, j);
      if (escaped) {
        value = '';
        for (let k = i + 1; k < j; k++) {
          if (s[k] === '\\' && k + 1 < j && (s[k + 1] === q || s[k + 1] === '\\')) k++;
          value += s[k];
        }
      }
      const closed = j < to && s[j] === q;
      const innerStart = src(i + 1);
      const innerEnd = src(j);
      args.push({
        value,
        span: { start: src(i), end: closed ? src(j) + 1 : innerEnd },
        valueSpan: { start: innerStart, end: innerEnd },
        quote: q,
        closed,
        verbatim: !escaped && innerEnd - innerStart === value.length,
      });
      i = closed ? j + 1 : j;
    } else {
      let j = i;
      let escaped = false;
      while (j < to && !isBlank(s[j])) {
        if (s[j] === '\\' && j + 1 < to && s[j + 1] === '\\') {
          escaped = true;
          j += 2;
        } else j++;
      }
      const value = escaped ? s.slice(i, j).replace(/\\\\/g, '\\') : s.slice(i, j);
      // End offset: one past the last character's source offset (a continuation may sit before it).
      const span = { start: src(i), end: src(j - 1) + 1 };
      args.push({ value, span, valueSpan: span, closed: true, verbatim: !escaped && span.end - span.start === value.length });
      i = j;
    }
  }
  return args;
}

export function parseApache(text: string): ApacheParseResult {
  const errors: ApacheParseResult['errors'] = [];
  const root: ApacheNode[] = [];
  const stack: ApacheSection[] = [];
  const children = () => (stack.length ? stack[stack.length - 1].children : root);

  for (const line of logicalLines(text)) {
    const s = line.text;
    let a = 0;
    while (a < s.length && isBlank(s[a])) a++;
    if (a >= s.length || s[a] === '#') continue;
    let b = s.length;
    while (b > a && isBlank(s[b - 1])) b--;
    const lineSpan = { start: srcOf(line, a), end: srcOf(line, b - 1) + 1 };

    if (s[a] === '<' && s[a + 1] === '/') {
      // Closing tag.
      let k = a + 2;
      while (k < b && s[k] !== '>' && !isBlank(s[k])) k++;
      const name = s.slice(a + 2, k);
      let idx = -1;
      for (let i = stack.length - 1; i >= 0; i--) {
        if (stack[i].name.toLowerCase() === name.toLowerCase()) {
          idx = i;
          break;
        }
      }
      if (idx === -1) {
        errors.push({ message: `</${name}> without matching <${name}>`, span: lineSpan });
        continue;
      }
      while (stack.length > idx + 1) {
        const inner = stack.pop()!;
        inner.span = { start: inner.span.start, end: lineSpan.start };
        errors.push({ message: `<${inner.name}> is not closed`, span: inner.openSpan });
      }
      const sec = stack.pop()!;
      sec.closeSpan = lineSpan;
      sec.closed = true;
      sec.span = { start: sec.span.start, end: lineSpan.end };
      if (s[b - 1] !== '>') errors.push({ message: `</${name}> is missing '>'`, span: lineSpan });
      continue;
    }

    if (s[a] === '<') {
      let k = a + 1;
      while (k < b && s[k] !== '>' && !isBlank(s[k])) k++;
      const name = s.slice(a + 1, k);
      const nameSpan = { start: srcOf(line, a + 1), end: k > a + 1 ? srcOf(line, k - 1) + 1 : srcOf(line, a + 1) };
      const gt = s.lastIndexOf('>', b - 1);
      let argEnd = b;
      if (gt >= k) argEnd = gt;
      else errors.push({ message: `<${name} is missing '>'`, span: lineSpan });
      const sec: ApacheSection = {
        type: 'section',
        name,
        nameSpan,
        args: splitArgs(line, k, argEnd),
        openSpan: lineSpan,
        span: { start: lineSpan.start, end: text.length },
        children: [],
        closed: false,
      };
      children().push(sec);
      stack.push(sec);
      continue;
    }

    let k = a;
    while (k < b && !isBlank(s[k])) k++;
    const args = splitArgs(line, k, b);
    for (const arg of args) {
      if (!arg.closed) errors.push({ message: 'unclosed quote', span: arg.span });
    }
    children().push({
      type: 'directive',
      name: s.slice(a, k),
      nameSpan: { start: srcOf(line, a), end: srcOf(line, k - 1) + 1 },
      args,
      span: lineSpan,
      lineStarts: line.lineStarts.filter((ls) => ls <= lineSpan.end),
    });
  }
  while (stack.length) {
    const sec = stack.pop()!;
    errors.push({ message: `<${sec.name}> is not closed`, span: sec.openSpan });
  }
  return { nodes: root, errors };
}
