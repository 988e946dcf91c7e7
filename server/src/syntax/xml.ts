/**
 * A small, tolerant view over `@xml-tools/parser` (a Chevrotain CST with token offsets): elements with
 * their name, attributes (decoded value + span of the raw text between the quotes), child elements and
 * the element's span. Offsets are UTF-16 code units into the original text (Chevrotain lexes the JS
 * string, so its offsets are string indices). Never throws.
 */
import { parse } from '@xml-tools/parser';
import type { Span } from '../model/index.js';

export interface XmlAttribute {
  name: string;
  nameSpan: Span;
  /** Decoded value (entities resolved, attribute-value whitespace normalised); undefined when the
   *  attribute has no (terminated) quoted value yet. */
  value?: string;
  /** The raw text between the quotes. */
  raw?: string;
  /** Span of the raw text between the quotes. */
  valueSpan?: Span;
  quote?: '"' | "'";
  /** The whole `name="value"`. */
  span: Span;
}

export interface XmlElement {
  name: string;
  nameSpan: Span;
  attributes: XmlAttribute[];
  children: XmlElement[];
  parent?: XmlElement;
  /** From `<` to the end of the end tag (or as far as the parser got). */
  span: Span;
  /** `<a/>` form. */
  selfClosing: boolean;
  /** Ends with `/>` or a matching end tag (false for half-typed elements). */
  complete: boolean;
  /** The name in the end tag `</name>`, when present. */
  endNameSpan?: Span;
  /** The text of an element that holds only character data and references (no child element, comment or
   *  CDATA): `value` decoded and trimmed, `span` the trimmed raw text, `verbatim` when it has no reference. */
  text?: { value: string; span: Span; verbatim: boolean };
}

export interface XmlDocument {
  /** Top-level elements (normally one). */
  roots: XmlElement[];
  /** Lexer and parser errors (recovered). */
  errors: string[];
}

interface Tok {
  image: string;
  startOffset: number;
  endOffset?: number;
}
interface Node {
  name: string;
  children: Record<string, (Node | Tok)[]>;
  location?: { startOffset: number; endOffset?: number };
}

function isTok(x: Node | Tok): x is Tok {
  return typeof (x as Tok).image === 'string';
}

/** [min start, max end) of all tokens under a CST node (used when the node has no location). */
function tokenExtent(n: Node): Span | undefined {
  let start = Infinity;
  let end = -Infinity;
  const walk = (x: Node | Tok) => {
    if (isTok(x)) {
      if (Number.isFinite(x.startOffset)) {
        start = Math.min(start, x.startOffset);
        end = Math.max(end, x.startOffset + x.image.length);
      }
      return;
    }
    for (const list of Object.values(x.children ?? {})) for (const c of list) walk(c);
  };
  walk(n);
  return Number.isFinite(start) && Number.isFinite(end) ? { start, end } : undefined;
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Decode an attribute value as an XML processor does: character/entity references, and each literal
 *  tab/newline/CR (CRLF counts once) becomes a space. Unknown references are kept as written. */
export function decodeAttributeValue(raw: string): string {
  return raw
    .replace(/\r\n/g, '\n')
    .replace(/[\t\n\r]/g, ' ')
    .replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[A-Za-z]+);/g, (m, ref: string) => {
      if (ref[0] === '#') {
        const cp = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
        return Number.isFinite(cp) && cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
      }
      return ENTITIES[ref] ?? m;
    });
}

/** Escape a value for an attribute delimited by `quote`. */
export function escapeAttributeValue(value: string, quote: '"' | "'" = '"'): string {
  let out = value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  out = quote === '"' ? out.replace(/"/g, '&quot;') : out.replace(/'/g, '&apos;');
  return out.replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}

/** An element's text content (see XmlElement.text), or undefined. */
function textOf(content: (Node | Tok)[] | undefined, shift: number): XmlElement['text'] {
  const toks: Tok[] = [];
  for (const c of content ?? []) {
    if (isTok(c)) return undefined;
    for (const [key, list] of Object.entries(c.children)) {
      if (key !== 'chardata' && key !== 'reference') return undefined;
      for (const x of list) {
        if (isTok(x)) return undefined;
        for (const t of Object.values(x.children).flat()) if (isTok(t) && Number.isFinite(t.startOffset)) toks.push(t);
      }
    }
  }
  if (!toks.length) return undefined;
  toks.sort((a, b) => a.startOffset - b.startOffset);
  const raw = toks.map((t) => t.image).join('');
  const lead = raw.length - raw.trimStart().length;
  const trimmed = raw.trim();
  const start = toks[0].startOffset + shift + lead;
  return { value: decodeAttributeValue(trimmed).trim(), span: { start, end: start + trimmed.length }, verbatim: !trimmed.includes('&') };
}

function convertAttribute(n: Node, shift: number): XmlAttribute | undefined {
  const nameTok = n.children.Name?.[0];
  if (!nameTok || !isTok(nameTok)) return undefined;
  const nameSpan = { start: nameTok.startOffset + shift, end: nameTok.startOffset + shift + nameTok.image.length };
  const str = n.children.STRING?.[0];
  const a: XmlAttribute = { name: nameTok.image, nameSpan, span: { ...nameSpan } };
  if (str && isTok(str) && Number.isFinite(str.startOffset) && str.image.length >= 2) {
    const q = str.image[0];
    if ((q === '"' || q === "'") && str.image[str.image.length - 1] === q) {
      a.quote = q;
      a.raw = str.image.slice(1, -1);
      a.value = decodeAttributeValue(a.raw);
      const s = str.startOffset + shift;
      a.valueSpan = { start: s + 1, end: s + str.image.length - 1 };
      a.span = { start: nameSpan.start, end: s + str.image.length };
    }
  }
  return a;
}

function convertElement(n: Node, shift: number, parent: XmlElement | undefined): XmlElement | undefined {
  const c = n.children;
  const nameTok = c.Name?.[0];
  const open = c.OPEN?.[0];
  if (!nameTok || !isTok(nameTok) || !Number.isFinite(nameTok.startOffset)) return undefined;
  const ext = tokenExtent(n);
  let start = open && isTok(open) && Number.isFinite(open.startOffset) ? open.startOffset : nameTok.startOffset - 1;
  let end = ext?.end ?? nameTok.startOffset + nameTok.image.length;
  const loc = n.location;
  if (loc && Number.isFinite(loc.startOffset) && loc.endOffset !== undefined && Number.isFinite(loc.endOffset)) {
    start = loc.startOffset;
    end = Math.max(end, loc.endOffset + 1);
  }
  const selfClosing = (c.SLASH_CLOSE?.length ?? 0) > 0;
  const endName = c.END_NAME?.[0];
  const complete = selfClosing || ((c.END?.length ?? 0) > 0 && !!endName && isTok(endName) && endName.image === nameTok.image);
  const el: XmlElement = {
    name: nameTok.image,
    nameSpan: { start: nameTok.startOffset + shift, end: nameTok.startOffset + shift + nameTok.image.length },
    attributes: [],
    children: [],
    parent,
    span: { start: start + shift, end: end + shift },
    selfClosing,
    complete,
  };
  if (endName && isTok(endName) && Number.isFinite(endName.startOffset)) {
    // END_NAME is the token after `</` (the name itself).
    el.endNameSpan = { start: endName.startOffset + shift, end: endName.startOffset + shift + endName.image.length };
  }
  for (const a of c.attribute ?? []) {
    if (isTok(a)) continue;
    const attr = convertAttribute(a, shift);
    if (attr) el.attributes.push(attr);
  }
  for (const content of c.content ?? []) {
    if (isTok(content)) continue;
    for (const ch of content.children.element ?? []) {
      if (isTok(ch)) continue;
      const child = convertElement(ch, shift, el);
      if (child) el.children.push(child);
    }
  }
  el.children.sort((a, b) => a.span.start - b.span.start);
  if (!el.children.length) el.text = textOf(c.content, shift);
  return el;
}

function parseOnce(text: string, shift: number): XmlDocument {
  const r = parse(text) as unknown as {
    cst: Node;
    lexErrors: { message: string }[];
    parseErrors: { message: string }[];
  };
  const roots: XmlElement[] = [];
  for (const e of r.cst?.children?.element ?? []) {
    if (isTok(e)) continue;
    const el = convertElement(e, shift, undefined);
    if (el) roots.push(el);
  }
  return {
    roots,
    errors: [...r.lexErrors.map((e) => 'lex: ' + e.message), ...r.parseErrors.map((e) => 'parse: ' + e.message.split('\n')[0])],
  };
}

/** Parse XML text tolerantly. A leading BOM is skipped (offsets still refer to the original text); an XML
 *  declaration that is not at the very start (which the parser refuses) is blanked out and parsing retried. */
export function parseXml(text: string): XmlDocument {
  try {
    const shift = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    const body = shift ? text.slice(1) : text;
    let doc = parseOnce(body, shift);
    if (doc.roots.length === 0) {
      const m = /^\s*(<\?xml[^]*?\?>)/.exec(body);
      if (m && m.index + m[0].length - m[1].length > 0) {
        const blanked = body.slice(0, m[0].length - m[1].length) + ' '.repeat(m[1].length) + body.slice(m[0].length);
        const retry = parseOnce(blanked, shift);
        if (retry.roots.length > 0) doc = { roots: retry.roots, errors: ['misplaced XML declaration', ...retry.errors] };
      }
    }
    return doc;
  } catch (e) {
    return { roots: [], errors: ['xml parser failed: ' + String((e as Error)?.message ?? e)] };
  }
}

/** First attribute with this exact name. */
export function attribute(el: XmlElement, name: string): XmlAttribute | undefined {
  return el.attributes.find((a) => a.name === name);
}

/** Child elements with this exact name (XML names are case-sensitive). */
export function childrenNamed(el: XmlElement, name: string): XmlElement[] {
  return el.children.filter((c) => c.name === name);
}
