/**
 * Fixes in JavaScript/TypeScript syntax: edit the cors()/register options object, array elements, and
 * hand-written res.set/res.header calls, keeping the file's quote style.
 */
import type { CorsPolicy, FileFacts, FixRequest, HeaderWrite, Span, TextEdit } from '../../model/index.js';
import type { GrammarName, Node } from '../../syntax/treeSitter.js';
import { indentAt, lineEndAt, lineStartAt, removalSpan, renderGenericFix } from '../common.js';
import type { SourceFile } from '../types.js';
import { callArgs, memberCall, wholeStatement } from './calls.js';
import { span, stringLit, unwrap } from './literals.js';
import { mountsIn } from './mounts.js';
import { codeOf, evaluate, JS_TABLE, type Entry, type Expr } from '../../code/index.js';
import { allCalls, positional } from '../jsCalls.js';
import { resetCaches } from './scopes.js';
import { inner, jsString, quoteOf } from './fixText.js';
import { removeEntry } from '../jsFix.js';

/** The name at the root of `res.status(200).set`-style chains (writeTable.ts reads the same on the common form). */
function receiverName(object: Node): string | undefined {
  let cur = unwrap(object);
  for (let i = 0; cur && i < 20; i++) {
    if (cur.type === 'identifier') return cur.text;
    const mc = cur.type === 'call_expression' ? memberCall(cur) : undefined;
    if (!mc) return undefined;
    cur = unwrap(mc.object);
  }
  return undefined;
}

/** The array literal that holds `element` when that array is written inside `within` (the statement or object
 *  member of the write); undefined when the element belongs to an array defined elsewhere (a constant that
 *  other code may use as an allowlist). */
function inPlaceArray(element: Node, within: Span): Node | undefined {
  const arr = element.parent;
  if (arr?.type !== 'array') return undefined;
  return arr.startIndex >= within.start && arr.endIndex <= within.end ? arr : undefined;
}

function nodeAt(root: Node, s: Span, types: string[]): Node | undefined {
  for (let n: Node | null = root.descendantForIndex(s.start, s.end); n; n = n.parent) {
    if (n.startIndex < s.start || n.endIndex > s.end) break;
    if (n.startIndex === s.start && n.endIndex === s.end && types.includes(n.type)) return n;
  }
  return undefined;
}


interface LibSite {
  call: Node;
  /** Index of the options argument (0 for cors(), 1 for fastify.register(cors, ...)). */
  optionsIndex: number;
  /** The options object literal when it can be edited (followed through constants by the engine). */
  object?: Expr & { k: 'map' };
  /** No options argument at all. */
  none: boolean;
}

/** The library call at the policy's span, as the engine reads it; the tree node at that span for the edit. */
function libSite(root: Node, text: string, p: CorsPolicy): LibSite | undefined {
  const call = nodeAt(root, p.span, ['call_expression']);
  if (!call) return undefined;
  const site = allCalls(codeOf(root, text, JS_TABLE)).find((c) => c.call.span.start === p.span.start && c.call.span.end === p.span.end);
  if (!site) return undefined;
  const callee = site.call.callee;
  if (callee.k === 'member' && callee.name === 'create') return undefined; // NestFactory.create(AppModule, { cors }): not edited
  const optionsIndex = callee.k === 'member' && callee.name === 'register' ? 1 : 0;
  const arg = positional(site.call)[optionsIndex];
  const v = arg && evaluate(arg, site.env);
  return { call, optionsIndex, object: v?.k === 'map' ? v.at : undefined, none: !arg };
}

/** The last entry of an options object with this key, as written. */
const entryOf = (obj: LibSite['object'], key: string): Entry | undefined => obj?.entries.filter((e) => e.key === key).at(-1);

function originsArray(origins: string[], q: string): string | undefined {
  const parts = origins.map((o) => jsString(o, q));
  if (parts.some((x) => x === undefined) || parts.length === 0) return undefined;
  return `[${parts.join(', ')}]`;
}

function insertProp(text: string, obj: Expr & { k: 'map' }, prop: string): TextEdit[] {
  const first = obj.entries[0];
  if (!first) return [{ span: obj.span, newText: `{ ${prop} }` }];
  const at = first.span.start;
  const between = text.slice(obj.span.start + 1, at);
  if (between.includes('\n')) return [{ span: { start: at, end: at }, newText: `${prop},\n${indentAt(text, at)}` }];
  return [{ span: { start: at, end: at }, newText: `${prop}, ` }];
}

function libFix(req: FixRequest, p: CorsPolicy, file: SourceFile, root: Node): TextEdit[] {
  const text = file.text;
  const q = quoteOf(root);
  const site = libSite(root, text, p);
  if (!site) return [];
  switch (req.kind) {
    case 'set-origins': {
      const arr = originsArray(req.origins, q);
      if (!arr) return [];
      if (site.object) {
        const o = entryOf(site.object, 'origin');
        if (o) {
          // `origin: x` gets a new value; `{ origin }` and `origin(o, cb) { … }` are written out anew
          if (o.value.span.start !== o.span.start || o.value.span.end !== o.span.end) return [{ span: o.value.span, newText: arr }];
          return [{ span: o.span, newText: `origin: ${arr}` }];
        }
        return insertProp(text, site.object, `origin: ${arr}`);
      }
      if (site.none) {
        const args = site.call.childForFieldName('arguments');
        if (!args) return [];
        if (site.optionsIndex === 0) return [{ span: { start: args.startIndex + 1, end: args.endIndex - 1 }, newText: `{ origin: ${arr} }` }];
        const a0 = callArgs(site.call)[0];
        if (!a0) return [];
        return [{ span: { start: a0.endIndex, end: a0.endIndex }, newText: `, { origin: ${arr} }` }];
      }
      return [];
    }
    case 'remove-credentials': {
      const c = entryOf(site.object, 'credentials');
      if (!c) return [];
      return [{ span: removeEntry(text, c.span), newText: '' }];
    }
    case 'set-max-age': {
      if (!p.maxAge || !Number.isFinite(req.value)) return [];
      const value = String(Math.trunc(req.value));
      // `{ maxAge }` (a shorthand property): the property gets its own value, the constant is left alone
      const at = root.descendantForIndex(p.maxAge.span.start, Math.max(p.maxAge.span.start, p.maxAge.span.end - 1));
      if (at?.type === 'shorthand_property_identifier' && at.startIndex === p.maxAge.span.start && at.endIndex === p.maxAge.span.end) return [{ span: p.maxAge.span, newText: `${at.text}: ${value}` }];
      return [{ span: p.maxAge.span, newText: value }];
    }
    default:
      return [];
  }
}

function entryFix(req: Extract<FixRequest, { kind: 'remove-origin-entry' | 'replace-origin-entry' }>, p: CorsPolicy, text: string, root: Node): TextEdit[] {
  if (p.origin.kind !== 'list') return [];
  const e = p.origin.entries[req.index];
  if (!e) return [];
  const isElement = !(e.elementSpan.start === e.span.start && e.elementSpan.end === e.span.end);
  if (req.kind === 'remove-origin-entry') {
    if (!isElement) return [];
    return [{ span: removeEntry(text, e.elementSpan), newText: '' }];
  }
  if (e.match === 'regex' || !isElement) {
    if (!isElement) return [];
    const s = jsString(req.value, quoteOf(root));
    return s ? [{ span: e.elementSpan, newText: s }] : [];
  }
  const qc = text[e.span.start - 1];
  const v = inner(req.value, qc === '"' || qc === "'" || qc === '`' ? qc : "'");
  return v === undefined ? [] : [{ span: e.span, newText: v }];
}

/** The write's call (`res.set(...)`) or object member, found again from its spans. */
function writeSite(root: Node, w: HeaderWrite): { call?: Node; pair?: Node } {
  const pair = nodeAt(root, w.statementSpan, ['pair']);
  if (pair) return { pair };
  for (let n: Node | null = root.descendantForIndex(w.nameSpan.start, w.nameSpan.end); n; n = n.parent) {
    if (n.type === 'call_expression' && n.startIndex >= w.statementSpan.start && n.endIndex <= w.statementSpan.end) {
      const mc = memberCall(n);
      if (mc && ['header', 'set', 'setHeader', 'append', 'appendHeader', 'writeHead', 'vary'].includes(mc.property)) return { call: n };
      if (unwrap(n.childForFieldName('function'))?.type === 'identifier') return { call: n };
    }
  }
  return {};
}

/** The element of an array of two or more that a write's value span covers (the string, or the expression). */
function arrayElementAt(root: Node, s: Span): Node | undefined {
  for (let n: Node | null = root.descendantForIndex(s.start, s.end); n; n = n.parent) {
    if (n.startIndex < s.start - 1 || n.endIndex > s.end + 1) return undefined;
    if (n.parent?.type === 'array') return n.parent.namedChildren.filter((c) => c && c.type !== 'comment').length >= 2 ? n : undefined;
  }
  return undefined;
}

const ENDS = new Set(['send', 'sendStatus', 'end', 'json', 'redirect', 'render', 'sendFile', 'next']);

function handFix(req: FixRequest, facts: FileFacts, file: SourceFile, root: Node): TextEdit[] | undefined {
  const text = file.text;
  const q = quoteOf(root);
  const write = (id: string) => facts.headerWrites.find((w) => w.id === id);
  switch (req.kind) {
    case 'set-header-value': {
      const w = write(req.writeId);
      if (!w?.valueSpan) return [];
      const before = text[w.valueSpan.start - 1];
      const after = text[w.valueSpan.end];
      if ((before === '"' || before === "'" || before === '`') && after === before) {
        const v = inner(req.value, before);
        return v === undefined ? [] : [{ span: w.valueSpan, newText: v }];
      }
      if (/^\d+$/.test(req.value) && /^\d+$/.test(text.slice(w.valueSpan.start, w.valueSpan.end))) return [{ span: w.valueSpan, newText: req.value }];
      const s = jsString(req.value, q);
      return s ? [{ span: w.valueSpan, newText: s }] : [];
    }
    case 'set-header-name': {
      const w = write(req.writeId);
      if (!w) return [];
      const before = text[w.nameSpan.start - 1];
      if ((before === '"' || before === "'" || before === '`') && text[w.nameSpan.end] === before) {
        const v = inner(req.name, before);
        return v === undefined ? [] : [{ span: w.nameSpan, newText: v }];
      }
      if (/^[A-Za-z_$][\w$]*$/.test(req.name)) return [{ span: w.nameSpan, newText: req.name }];
      const s = jsString(req.name, q);
      return s ? [{ span: w.nameSpan, newText: s }] : [];
    }
    case 'remove-write': {
      const w = write(req.writeId);
      if (!w) return [];
      const lib = /^(express-p\d+)-(acao|acac)$/.exec(w.id);
      if (lib) return removeLibMount(facts, lib[1], text, root);
      // one element of an array value (one header line of several): remove that element, never the whole
      // call, which would drop the other lines too; an array defined elsewhere is left alone
      const el = w.valueSpan ? arrayElementAt(root, w.valueSpan) : undefined;
      if (el) {
        const arr = inPlaceArray(el, w.statementSpan);
        return arr ? [{ span: removeEntry(text, span(el)), newText: '' }] : [];
      }
      const site = writeSite(root, w);
      if (site.pair) return [{ span: removeEntry(text, span(site.pair)), newText: '' }];
      if (!site.call) return [];
      const stmt = wholeStatement(site.call);
      if (stmt) return [{ span: removalSpan(text, span(stmt)), newText: '' }];
      // res.set(...).json(...): drop `.set(...)` and keep the rest of the chain
      const mc = memberCall(site.call);
      if (!mc || !['header', 'set', 'setHeader', 'append'].includes(mc.property)) return [];
      if (site.call.parent?.type !== 'member_expression') return [];
      return [{ span: { start: mc.object.endIndex, end: site.call.endIndex }, newText: '' }];
    }
    case 'add-header': {
      const w = write(req.afterWriteId);
      if (!w) return [];
      const site = writeSite(root, w);
      if (site.pair) {
        const key = site.pair.childForFieldName('key');
        const kq = key?.type === 'string' ? key.text[0] : q;
        const vNode = site.pair.childForFieldName('value');
        const vq = vNode?.type === 'string' ? vNode.text[0] : q;
        const k = jsString(req.name, kq);
        const v = jsString(req.value, vq);
        if (!k || !v) return [];
        const member = `${k}: ${v}`;
        const ps = span(site.pair);
        const ls = lineStartAt(text, ps.start);
        const alone = /^[ \t]*$/.test(text.slice(ls, ps.start));
        if (alone) {
          const comma = /^[ \t]*,/.exec(text.slice(ps.end));
          if (comma) return [{ span: { start: ps.end + comma[0].length, end: ps.end + comma[0].length }, newText: `\n${indentAt(text, ps.start)}${member},` }];
          return [{ span: { start: ps.end, end: ps.end }, newText: `,\n${indentAt(text, ps.start)}${member}` }];
        }
        return [{ span: { start: ps.end, end: ps.end }, newText: `, ${member}` }];
      }
      if (!site.call) return [];
      const mc = memberCall(site.call);
      let receiver: string | undefined;
      let method = 'setHeader';
      if (mc) {
        receiver = receiverName(mc.object);
        if (['header', 'set', 'setHeader'].includes(mc.property)) method = mc.property;
      } else {
        receiver = callArgs(site.call)[0]?.text; // vary(res, 'Origin')
      }
      if (!receiver || !/^[A-Za-z_$][\w$]*$/.test(receiver)) return [];
      const argQ = text[w.nameSpan.start - 1] === '"' || text[w.nameSpan.start - 1] === "'" ? text[w.nameSpan.start - 1] : q;
      const k = jsString(req.name, argQ);
      const v = jsString(req.value, argQ);
      if (!k || !v) return [];
      // the statement holding the write
      let stmt: Node | undefined;
      for (let n: Node | null = site.call; n && n.parent; n = n.parent) {
        if (['statement_block', 'program', 'switch_case', 'switch_default'].includes(n.parent.type)) {
          stmt = n;
          break;
        }
        if (['arrow_function', 'function_expression', 'function_declaration'].includes(n.parent.type)) break;
      }
      if (!stmt) return [];
      const semi = text.slice(stmt.startIndex, stmt.endIndex).trimEnd().endsWith(';') ? ';' : '';
      const newCall = `${receiver}.${method}(${k}, ${v})${semi}`;
      const indent = indentAt(text, stmt.startIndex);
      const endsResponse =
        stmt.type === 'return_statement' ||
        [stmt, ...stmt.descendantsOfType('call_expression')].some((c) => {
          if (!c || c.type !== 'call_expression') return false;
          const m = memberCall(c);
          const f = unwrap(c.childForFieldName('function'));
          return (!!m && ENDS.has(m.property)) || (f?.type === 'identifier' && f.text === 'next');
        });
      if (endsResponse) return [{ span: { start: stmt.startIndex, end: stmt.startIndex }, newText: `${newCall}\n${indent}` }];
      const le = lineEndAt(text, stmt.endIndex);
      if (text.slice(stmt.endIndex, le).trim() !== '') return [];
      return [{ span: { start: le, end: le }, newText: `\n${indent}${newCall}` }];
    }
    case 'set-always':
      return [];
    default:
      return undefined;
  }
}

/** Remove a library middleware: the `app.use(cors(...))` statement, or the cors() argument of a route. */
function removeLibMount(facts: FileFacts, policyId: string, text: string, root: Node): TextEdit[] {
  const p = facts.policies.find((x) => x.id === policyId);
  if (!p) return [];
  const call = nodeAt(root, p.span, ['call_expression']);
  if (!call) return [];
  if (p.library === '@fastify/cors') {
    const stmt = wholeStatement(call);
    return stmt ? [{ span: removalSpan(text, span(stmt)), newText: '' }] : [];
  }
  // where the engine sees it mounted; the edit is made on the tree nodes at those spans
  const m = mountsIn(codeOf(root, text, JS_TABLE)).direct(p.span);
  const mcall = m && nodeAt(root, m.span, ['call_expression']);
  if (!m || !mcall) return [];
  const args = callArgs(mcall);
  const handlers = args.filter((a) => !stringLit(a) && unwrap(a)?.type !== 'regex');
  if (m.method === 'use' && handlers.length === 1 && handlers[0].equals(call)) {
    return m.stmtSpan ? [{ span: removalSpan(text, m.stmtSpan), newText: '' }] : [];
  }
  if (call.parent?.type !== 'arguments') return [];
  return [{ span: removeEntry(text, span(call)), newText: '' }];
}

export function renderExpressFix(req: FixRequest, facts: FileFacts, file: SourceFile, grammar: GrammarName): TextEdit[] | undefined {
  resetCaches();
  const tree = file.tree(grammar);
  if (!tree) return [];
  const root = tree.rootNode;
  const text = file.text;
  if ('policyId' in req) {
    const p = facts.policies.find((x) => x.id === req.policyId);
    if (!p) return [];
    if (req.kind === 'remove-origin-entry' || req.kind === 'replace-origin-entry') return entryFix(req, p, text, root);
    if (!p.handWritten) return libFix(req, p, file, root);
    if (req.kind === 'set-origins' && p.origin.kind === 'list') {
      // hand-written allowlist: rewrite the array the check reads
      const first = p.origin.entries[0];
      const el = first && nodeAt(root, first.elementSpan, ['string', 'template_string']);
      const arr = el?.parent?.type === 'array' ? el.parent : undefined;
      const a = originsArray(req.origins, first ? text[first.span.start - 1] ?? "'" : quoteOf(root));
      if (!arr || !a) return [];
      return [{ span: span(arr), newText: a }];
    }
    if (req.kind === 'set-origins' && p.origin.kind === 'reflect') {
      // echo only allowlisted origins: `['a', 'b'].includes(origin) ? origin : 'a'` (one origin: the literal)
      const acao = p.writeIds
        .map((id) => facts.headerWrites.find((w) => w.id === id))
        .filter((w): w is HeaderWrite => !!w && w.name.trim().toLowerCase() === 'access-control-allow-origin');
      if (acao.length !== 1) return [];
      const w = acao[0];
      if (w.value.kind !== 'request-origin' || w.value.checked || !w.valueSpan) return [];
      const via = w.value.via;
      if (text.slice(w.valueSpan.start, w.valueSpan.start + via.length) !== via) return [];
      const q = quoteOf(root);
      const first = req.origins[0] !== undefined ? jsString(req.origins[0], q) : undefined;
      const arr = originsArray(req.origins, q);
      if (!first || !arr) return [];
      const newText = req.origins.length === 1 ? first : `${arr}.includes(${via}) ? ${via} : ${first}`;
      return [{ span: w.valueSpan, newText }];
    }
    if (req.kind === 'set-origins') return renderGenericFix(req, facts, file);
    return renderGenericFix(req, facts, file);
  }
  const out = handFix(req, facts, file, root);
  return out ?? renderGenericFix(req, facts, file);
}
