/**
 * Recognise the calls that write response headers in PHP: `header('Name: value', $replace)`,
 * `header_remove('Name')`, Symfony `$response->headers->set(...)`, Laravel `->header(...)` /
 * `->withHeaders([...])`, PSR-7 `->withHeader(...)` / `->withAddedHeader(...)` / `->withoutHeader(...)`.
 */
import type { HeaderValue, HeaderWrite, Span } from '../../model/index.js';
import type { Node } from '../../syntax/treeSitter.js';
import type { PhpNames } from './conditions.js';
import type { OriginSource } from './origin.js';
import { callArgs, callName, literalPieces, methodName, stringPieces, type Piece } from './strings.js';

/** A header write before its scope, condition and final value are known. */
export interface RawWrite {
  name: string;
  nameSpan: Span;
  op: HeaderWrite['op'];
  /** Resolved value, or the Origin source it copies. */
  value: HeaderValue;
  source?: OriginSource;
  valueSpan?: Span;
  statementSpan: Span;
  /** The call that writes it. */
  call: Node;
  /** How the call is written, for fixes. */
  form: 'header' | 'remove' | 'pair' | 'map';
}

export interface CallEffect {
  writes: RawWrite[];
  /** `header_remove()` without arguments: every header set so far is gone. */
  clearAll?: boolean;
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** Header names worth a fact: the CORS family (also misspelled), Vary and Timing-Allow-Origin. */
export function isCorsish(name: string): boolean {
  const n = name.toLowerCase();
  if (n === 'vary' || n === 'timing-allow-origin') return true;
  if (n.startsWith('cross-origin-') || n.startsWith('origin-agent')) return false;
  // Request headers: never written on a response (`$request->header('Origin', '')` is a getter).
  if (n === 'origin' || n.startsWith('access-control-request-')) return false;
  return /ac+es+-?cont?r?ol|contr?ol+-allow|allow-(origin|credential|method|header)|expose-header|control-max|origin|credential/.test(n);
}

function statementOf(call: Node): Span {
  const p = call.parent;
  if (p && p.type === 'expression_statement') return { start: p.startIndex, end: p.endIndex };
  return { start: call.startIndex, end: call.endIndex };
}

const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\v' || c === '\f';

/** Turn the pieces of a header value into a HeaderValue with its span. */
export function classifyValue(pieces: Piece[], emptyAt: number, names: PhpNames, bools: boolean): { value: HeaderValue; source?: OriginSource; span: Span } {
  if (pieces.length === 0) return { value: { kind: 'literal', text: '' }, span: { start: emptyAt, end: emptyAt } };
  const span = { start: pieces[0].start, end: pieces[pieces.length - 1].end };
  if (pieces.every((p) => p.kind === 'char')) {
    return { value: { kind: 'literal', text: pieces.map((p) => (p.kind === 'char' ? p.ch : '')).join('') }, span };
  }
  if (pieces.length === 1 && pieces[0].kind === 'expr') {
    const node = pieces[0].node;
    const src = names.originSource(node);
    if (src) return { value: { kind: 'request-origin', checked: false, via: src.via }, source: src, span };
    const lit = names.literal(node);
    if (lit) return { value: { kind: 'literal', text: lit.value }, span };
    const d = names.deref(node);
    if (d && (d.type === 'integer' || d.type === 'float')) return { value: { kind: 'literal', text: d.text }, span };
    if (bools && d && d.type === 'boolean') {
      // Symfony/Laravel cast the value to string: true -> "1", false -> "".
      return { value: { kind: 'literal', text: d.text.toLowerCase() === 'true' ? '1' : '' }, span };
    }
    return { value: { kind: 'unknown', reason: 'computed value' }, span };
  }
  return { value: { kind: 'unknown', reason: 'computed value' }, span };
}

/** Split `Name: value` pieces. undefined when the name is not a plain literal. */
function headerLine(
  pieces: Piece[],
): { name: string; nameSpan: Span; value: Piece[]; colonEnd: number; refused: boolean } | undefined {
  let colon = -1;
  for (let i = 0; i < pieces.length; i++) {
    const p = pieces[i];
    if (p.kind === 'expr') return undefined;
    if (p.ch === ':') {
      colon = i;
      break;
    }
  }
  if (colon < 0) return undefined;
  let a = 0;
  let b = colon;
  const ch = (i: number) => (pieces[i] as { ch: string }).ch;
  while (a < b && isSpace(ch(a))) a++;
  while (b > a && isSpace(ch(b - 1))) b--;
  if (a === b) return undefined;
  const name = pieces
    .slice(a, b)
    .map((p) => (p.kind === 'char' ? p.ch : ''))
    .join('');
  if (!TOKEN.test(name)) return undefined;
  let s = colon + 1;
  let e = pieces.length;
  while (s < e && pieces[s].kind === 'char' && (ch(s) === ' ' || ch(s) === '\t')) s++;
  while (e > s && pieces[e - 1].kind === 'char' && isSpace(ch(e - 1))) e--;
  const value = pieces.slice(s, e);
  // PHP refuses a header line with a line break or NUL inside (it trims trailing ones).
  const refused = value.some((p) => p.kind === 'char' && (p.ch === '\n' || p.ch === '\r' || p.ch === '\0'));
  return { name, nameSpan: { start: pieces[a].start, end: pieces[b - 1].end }, value, colonEnd: pieces[colon].end, refused };
}

function isFalse(n: Node | undefined, names: PhpNames): boolean {
  if (!n) return false;
  const d = names.deref(n) ?? n;
  const t = d.text.toLowerCase();
  return t === 'false' || t === '0' || t === 'null' || t === "''" || t === '""';
}

/** The header name of a pair-style call: a string literal (through constants). */
function pairName(n: Node | undefined, names: PhpNames): { name: string; span: Span } | undefined {
  if (!n) return undefined;
  const lit = names.literal(n);
  if (!lit) return undefined;
  const name = lit.value.trim();
  if (!TOKEN.test(name)) return undefined;
  return { name, span: lit.span };
}

function pairValue(n: Node | undefined, names: PhpNames, bools: boolean): { value: HeaderValue; source?: OriginSource; span?: Span } {
  if (!n) return { value: { kind: 'unknown', reason: 'no value' } };
  let node = n;
  if (node.type === 'array_creation_expression') {
    const els = node.namedChildren.filter((c) => c.type === 'array_element_initializer');
    if (els.length !== 1 || els[0].namedChildren.length !== 1) return { value: { kind: 'unknown', reason: 'several values' }, span: { start: n.startIndex, end: n.endIndex } };
    node = els[0].namedChildren[0];
  }
  const lit = literalPieces(node);
  const pieces = lit ?? stringPieces(node);
  const inner = lit ? node.startIndex + 1 : node.startIndex;
  return classifyValue(pieces, inner, names, bools);
}

/** `$request`, `$req`, `$this->request`, `request()`: objects whose `->header()` reads a request header. */
function isRequestObject(obj: Node): boolean {
  if (obj.type === 'variable_name') return /^\$req/i.test(obj.text);
  if (obj.type === 'member_access_expression') return /^req/i.test(obj.childForFieldName('name')?.text ?? '');
  if (obj.type === 'function_call_expression') return callName(obj) === 'request';
  return false;
}

/** What one call does to the response headers (empty when it is not a header write). */
export function callEffect(call: Node, names: PhpNames): CallEffect | undefined {
  if (call.type === 'function_call_expression') {
    const fn = callName(call);
    if (fn === 'header') {
      const [line, replace] = callArgs(call, ['header', 'replace', 'response_code']);
      if (!line) return undefined;
      const h = headerLine(stringPieces(line));
      if (!h || h.refused || !isCorsish(h.name)) return undefined;
      const v = classifyValue(h.value, h.colonEnd, names, false);
      return {
        writes: [
          {
            name: h.name,
            nameSpan: h.nameSpan,
            op: isFalse(replace, names) ? 'add' : 'set',
            value: v.value,
            source: v.source,
            valueSpan: v.span,
            statementSpan: statementOf(call),
            call,
            form: 'header',
          },
        ],
      };
    }
    if (fn === 'header_remove') {
      const [arg] = callArgs(call, ['name']);
      if (!arg) return { writes: [], clearAll: true };
      const n = pairName(arg, names);
      if (!n || !isCorsish(n.name)) return undefined;
      return {
        writes: [
          { name: n.name, nameSpan: n.span, op: 'unset', value: { kind: 'unknown', reason: 'removal' }, statementSpan: statementOf(call), call, form: 'remove' },
        ],
      };
    }
    return undefined;
  }
  const m = methodName(call);
  if (!m) return undefined;
  const obj = call.childForFieldName('object');
  const onHeaders = obj?.type === 'member_access_expression' && obj.childForFieldName('name')?.text === 'headers';
  const args = callArgs(call);
  const pair = (op: HeaderWrite['op'], bools: boolean): CallEffect | undefined => {
    const n = pairName(args[0], names);
    if (!n || !isCorsish(n.name)) return undefined;
    const v = op === 'unset' ? { value: { kind: 'unknown', reason: 'removal' } as HeaderValue, span: undefined } : pairValue(args[1], names, bools);
    return {
      writes: [
        {
          name: n.name,
          nameSpan: n.span,
          op,
          value: v.value,
          source: 'source' in v ? v.source : undefined,
          valueSpan: v.span,
          statementSpan: statementOf(call),
          call,
          form: op === 'unset' ? 'remove' : 'pair',
        },
      ],
    };
  };
  const map = (): CallEffect | undefined => {
    const arr = args[0] ? names.deref(args[0]) : undefined;
    if (!arr || arr.type !== 'array_creation_expression') return undefined;
    const writes: RawWrite[] = [];
    for (const el of arr.namedChildren) {
      if (el.type !== 'array_element_initializer' || el.namedChildren.length !== 2) continue;
      const [k, val] = el.namedChildren;
      const n = pairName(k, names);
      if (!n || !isCorsish(n.name)) continue;
      const v = pairValue(val, names, true);
      writes.push({ name: n.name, nameSpan: n.span, op: 'set', value: v.value, source: v.source, valueSpan: v.span, statementSpan: statementOf(call), call, form: 'map' });
    }
    return writes.length ? { writes } : undefined;
  };
  if (onHeaders) {
    if (m === 'set') return pair(isFalse(args[2], names) ? 'add' : 'set', true);
    if (m === 'remove') return pair('unset', true);
    if (m === 'add') return map();
    return undefined;
  }
  switch (m) {
    case 'header':
      // Laravel Response::header($key, $values, $replace = true); on a request it is a getter.
      if (args.length < 2 || (obj && isRequestObject(obj))) return undefined;
      return pair(isFalse(args[2], names) ? 'add' : 'set', true);
    case 'withheaders':
      return map();
    case 'withheader':
    case 'setheader':
      return args.length >= 2 ? pair('set', false) : undefined;
    case 'withaddedheader':
    case 'addheader':
      return args.length >= 2 ? pair('add', false) : undefined;
    case 'withoutheader':
    case 'removeheader':
      return pair('unset', false);
  }
  return undefined;
}
