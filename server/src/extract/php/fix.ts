/**
 * Fixes written in PHP: a new header value (keeping the literal as written when it can), removal of a write
 * (a statement, one element of withHeaders([...]), or one link of a chain), a new header after a write, an
 * allowlist of origins (`in_array(...)` around the header() call), removal of an origin-list entry.
 * The write's call and form come from the engine (index.ts `phpSites`); the tree tells the statement around it.
 */
import type { Expr, WriteForm, WriteSite } from '../../code/index.js';
import type { FileFacts, FixRequest, HeaderWrite, Span, TextEdit } from '../../model/index.js';
import type { Node } from '../../syntax/treeSitter.js';
import { H, indentAt, lineEndAt, removalSpan, removeListElement, sameHeader } from '../common.js';
import type { SourceFile } from '../types.js';
import { phpSites } from './sites.js';

const quoteSingle = (v: string): string => `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const CALLS = new Set(['function_call_expression', 'member_call_expression', 'nullsafe_member_call_expression', 'scoped_call_expression', 'object_creation_expression']);

/** The smallest node of one of `types` that spans exactly `span`. */
function nodeOf(root: Node, span: Span, types?: Set<string>): Node | undefined {
  for (let n: Node | null = root.descendantForIndex(span.start, Math.max(span.start, span.end - 1)); n; n = n.parent) {
    if (n.startIndex < span.start || n.endIndex > span.end) return undefined;
    if (n.startIndex === span.start && n.endIndex === span.end && (!types || types.has(n.type))) return n;
  }
  return undefined;
}

/** A statement that is the whole body of an if/else/loop (no braces): edits around it need care. */
function isLoneBody(stmt: Node): boolean {
  const p = stmt.parent;
  return !!p && !['program', 'compound_statement', 'colon_block', 'case_statement', 'default_statement', 'ERROR', 'declaration_list'].includes(p.type);
}

interface Located {
  w: HeaderWrite;
  site: WriteSite;
  form: WriteForm;
  call: Expr & { k: 'call' };
  node: Node;
}

interface FixCtx {
  text: string;
  root: Node;
  facts: FileFacts;
  sites: WriteSite[];
}

function locate(ctx: FixCtx, w: HeaderWrite): Located | undefined {
  const site = ctx.sites.find((s) => s.write.id === w.id && s.write.nameSpan.start === w.nameSpan.start);
  if (!site || !('k' in site.node) || site.node.k !== 'call') return undefined;
  const node = nodeOf(ctx.root, site.node.span, CALLS);
  return node ? { w, site, form: site.form as WriteForm, call: site.node, node } : undefined;
}

const positional = (call: Expr & { k: 'call' }) => call.args.filter((a) => !a.name);
const isLine = (f: WriteForm) => f.line !== undefined;
const onHeaderBag = (l: Located) => l.call.callee.k === 'member' && l.call.callee.object.k === 'member' && l.call.callee.object.name === 'headers';

function setValueEdits(ctx: FixCtx, w: HeaderWrite, value: string): TextEdit[] {
  if (/[\r\n\0]/.test(value)) return [];
  const l = locate(ctx, w);
  if (!l || l.form.map !== undefined) return l && w.valueSpan && l.site.valueExact && !/['\\]/.test(value) ? [{ span: w.valueSpan, newText: value }] : [];
  if (isLine(l.form)) {
    const arg = l.call.args.find((a) => a.name === 'header')?.value ?? positional(l.call)[0]?.value;
    const argNode = arg && nodeOf(ctx.root, arg.span);
    if (!arg || !argNode) return [];
    // Keep the literal as written when only its value text changes and needs no escaping.
    if (w.value.kind === 'literal' && w.valueSpan && (argNode.type === 'string' || argNode.type === 'encapsed_string')) {
      const inside = w.valueSpan.start > argNode.startIndex && w.valueSpan.end < argNode.endIndex;
      const safe = argNode.type === 'string' ? !/['\\]/.test(value) : !/["\\${]/.test(value);
      if (inside && safe) return [{ span: w.valueSpan, newText: value }];
    }
    return [{ span: arg.span, newText: quoteSingle(`${w.name}: ${value}`) }];
  }
  // Pair forms: replace the value argument.
  const vs = w.valueSpan;
  const arg = vs && positional(l.call).find((a) => a.value.span.start <= vs.start && vs.end <= a.value.span.end)?.value;
  if (!arg) return [];
  if (arg.k === 'str' && l.site.valueExact && w.value.kind === 'literal' && !/['\\]/.test(value) && ctx.text[arg.span.start] === "'") return [{ span: vs, newText: value }];
  return [{ span: arg.span, newText: quoteSingle(value) }];
}

/** Remove one array element: its whole line when it stands alone on it, else the element and a comma. */
function removeElement(text: string, el: Node): Span {
  const span = { start: el.startIndex, end: el.endIndex };
  const line = removalSpan(text, span);
  return line.start !== span.start || line.end !== span.end ? line : removeListElement(text, span);
}

function removeMapElement(ctx: FixCtx, w: HeaderWrite): TextEdit[] {
  let node: Node | null = ctx.root.descendantForIndex(w.nameSpan.start, w.nameSpan.end);
  while (node && node.type !== 'array_element_initializer') node = node.parent;
  return node ? [{ span: removeElement(ctx.text, node), newText: '' }] : [];
}

function removeEdits(ctx: FixCtx, w: HeaderWrite): TextEdit[] {
  const l = locate(ctx, w);
  if (!l) return [];
  if (l.form.map !== undefined) return removeMapElement(ctx, w);
  const stmt = l.node.parent;
  const obj = l.node.childForFieldName('object');
  const chained = obj?.type.endsWith('call_expression') ?? false;
  if (stmt?.type === 'expression_statement' && !chained) {
    if (isLoneBody(stmt)) return [{ span: { start: stmt.startIndex, end: stmt.endIndex }, newText: '{}' }];
    return [{ span: removalSpan(ctx.text, { start: stmt.startIndex, end: stmt.endIndex }), newText: '' }];
  }
  // A link of a chain: `->header('Name', 'v')` — drop the link, keep the object.
  if (obj && l.call.callee.k === 'member' && !onHeaderBag(l)) return [{ span: { start: obj.endIndex, end: l.node.endIndex }, newText: '' }];
  return [];
}

const CHAIN_LINKS = new Set(['header', 'withheader', 'withaddedheader', 'setheader', 'addheader']);

function addHeaderEdits(ctx: FixCtx, w: HeaderWrite, name: string, value: string): TextEdit[] {
  if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name) || /[\r\n\0]/.test(value)) return [];
  const l = locate(ctx, w);
  if (!l) return [];
  if (l.form.map !== undefined) {
    // one more entry of the headers array, after this one
    return [{ span: { start: w.statementSpan.end, end: w.statementSpan.end }, newText: `, ${quoteSingle(name)} => ${quoteSingle(value)}` }];
  }
  const stmt = l.node.parent;
  const callee = l.call.callee;
  let line: string | undefined;
  if (isLine(l.form)) line = `header(${quoteSingle(`${name}: ${value}`)});`;
  else if (onHeaderBag(l) && callee.k === 'member') line = `${ctx.text.slice(callee.object.span.start, callee.object.span.end)}->set(${quoteSingle(name)}, ${quoteSingle(value)});`;
  if (line !== undefined) {
    if (stmt?.type !== 'expression_statement' || isLoneBody(stmt)) return [];
    const end = stmt.endIndex;
    const le = lineEndAt(ctx.text, end);
    if (/^[ \t]*$/.test(ctx.text.slice(end, le))) return [{ span: { start: le, end: le }, newText: '\n' + indentAt(ctx.text, stmt.startIndex) + line }];
    return [{ span: { start: end, end }, newText: ' ' + line }];
  }
  // Chains: `->header()`, `->withHeader()` ... return the response, so one more link can follow.
  if (callee.k === 'member' && CHAIN_LINKS.has(callee.name.toLowerCase())) {
    return [{ span: { start: l.node.endIndex, end: l.node.endIndex }, newText: `->${callee.name}(${quoteSingle(name)}, ${quoteSingle(value)})` }];
  }
  return [];
}

function writesOfPolicy(facts: FileFacts, policyId: string, header: string): HeaderWrite[] {
  const p = facts.policies.find((x) => x.id === policyId);
  if (!p) return [];
  const ids = new Set(p.writeIds);
  return facts.headerWrites.filter((w) => ids.has(w.id) && sameHeader(w.name, header));
}

function setOriginsEdits(ctx: FixCtx, req: Extract<FixRequest, { kind: 'set-origins' }>): TextEdit[] {
  const p = ctx.facts.policies.find((x) => x.id === req.policyId);
  if (!p || req.origins.length === 0) return [];
  if (req.origins.some((o) => !/^[A-Za-z][A-Za-z0-9+.-]*:\/\/[A-Za-z0-9.:\-[\]]+$/.test(o) && o !== 'null')) return [];
  const acao = writesOfPolicy(ctx.facts, req.policyId, H.allowOrigin);
  if (acao.length !== 1) return [];
  const w = acao[0];
  if (req.origins.length === 1) return setValueEdits(ctx, w, req.origins[0]);
  // Several origins: echo the Origin only when it is one of them (header() form on its own line).
  const l = locate(ctx, w);
  const stmt = l?.node.parent;
  if (!l || !isLine(l.form) || stmt?.type !== 'expression_statement' || isLoneBody(stmt)) return [];
  const indent = indentAt(ctx.text, stmt.startIndex);
  const list = '[' + req.origins.map(quoteSingle).join(', ') + ']';
  let test: string;
  let inner: string;
  if (w.value.kind === 'request-origin' && w.valueSpan) {
    const expr = ctx.text.slice(w.valueSpan.start, w.valueSpan.end).replace(/^\{|\}$/g, '');
    test = expr.startsWith('$_SERVER[') ? `${expr} ?? ''` : expr;
    inner = ctx.text.slice(stmt.startIndex, stmt.endIndex);
  } else {
    test = "$_SERVER['HTTP_ORIGIN'] ?? ''";
    inner = `header('${w.name}: ' . $_SERVER['HTTP_ORIGIN']);`;
  }
  const lines = [`if (in_array(${test}, ${list}, true)) {`, `${indent}    ${inner}`];
  if (p.vary === 'absent') lines.push(`${indent}    header('Vary: Origin', false);`);
  lines.push(`${indent}}`);
  return [{ span: { start: stmt.startIndex, end: stmt.endIndex }, newText: lines.join('\n') }];
}

export function renderPhpFix(req: FixRequest, facts: FileFacts, file: SourceFile): TextEdit[] | undefined {
  const tree = file.tree('php');
  const sites = phpSites(file);
  if (!tree || !sites) return [];
  const ctx: FixCtx = { text: file.text, root: tree.rootNode, facts, sites };
  const write = (id: string) => facts.headerWrites.find((w) => w.id === id);
  switch (req.kind) {
    case 'set-header-value': {
      const w = write(req.writeId);
      return w && w.op !== 'unset' ? setValueEdits(ctx, w, req.value) : [];
    }
    case 'remove-write': {
      const w = write(req.writeId);
      return w ? removeEdits(ctx, w) : [];
    }
    case 'add-header': {
      const w = write(req.afterWriteId);
      return w ? addHeaderEdits(ctx, w, req.name, req.value) : [];
    }
    case 'set-origins':
      return setOriginsEdits(ctx, req);
    case 'remove-credentials': {
      const edits: TextEdit[] = [];
      for (const w of writesOfPolicy(facts, req.policyId, H.allowCredentials)) edits.push(...removeEdits(ctx, w));
      return edits;
    }
    case 'remove-origin-entry': {
      const p = facts.policies.find((x) => x.id === req.policyId);
      if (!p || p.origin.kind !== 'list') return [];
      const e = p.origin.entries[req.index];
      if (!e) return [];
      let el: Node | null = ctx.root.descendantForIndex(e.span.start, e.span.end);
      while (el && el.type !== 'array_element_initializer' && el.type !== 'expression_statement') el = el.parent;
      if (!el || el.type !== 'array_element_initializer') return [];
      return [{ span: removeElement(file.text, el), newText: '' }];
    }
    case 'set-always':
      return [];
    default:
      return undefined;
  }
}
