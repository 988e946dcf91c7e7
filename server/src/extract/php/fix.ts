/**
 * Fixes written in PHP: a new header value (keeping the literal as written when it can), removal of a write
 * (a statement, one element of withHeaders([...]), or one link of a chain), a new header after a write, an
 * allowlist of origins (`in_array(...)` around the header() call), removal of an origin-list entry.
 */
import type { FileFacts, FixRequest, HeaderWrite, TextEdit } from '../../model/index.js';
import type { Node } from '../../syntax/treeSitter.js';
import { H, indentAt, lineEndAt, removalSpan, removeListElement, sameHeader } from '../common.js';
import type { SourceFile } from '../types.js';
import { PhpNames } from './conditions.js';
import { callArgs, callName, methodName } from './strings.js';
import { callEffect } from './writes.js';

function quoteSingle(v: string): string {
  return `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function findWriteCall(root: Node, w: HeaderWrite, names: PhpNames): Node | undefined {
  let node: Node | null = root.descendantForIndex(w.nameSpan.start, w.nameSpan.end);
  for (; node; node = node.parent) {
    if (node.type === 'function_call_expression' || node.type === 'member_call_expression' || node.type === 'nullsafe_member_call_expression') {
      const eff = callEffect(node, names);
      if (eff?.writes.some((r) => r.nameSpan.start === w.nameSpan.start)) return node;
    }
  }
  return undefined;
}

/** A statement that is the whole body of an if/else/loop (no braces): edits around it need care. */
function isLoneBody(stmt: Node): boolean {
  const p = stmt.parent;
  if (!p) return false;
  return !['program', 'compound_statement', 'colon_block', 'case_statement', 'default_statement', 'ERROR', 'declaration_list'].includes(p.type);
}

interface FixCtx {
  text: string;
  root: Node;
  names: PhpNames;
  facts: FileFacts;
}

function setValueEdits(ctx: FixCtx, w: HeaderWrite, value: string): TextEdit[] {
  if (/[\r\n\0]/.test(value)) return [];
  const call = findWriteCall(ctx.root, w, ctx.names);
  if (!call) return [];
  if (call.type === 'function_call_expression' && callName(call) === 'header') {
    const [arg] = callArgs(call, ['header', 'replace', 'response_code']);
    if (!arg) return [];
    // Keep the literal as written when only its value text changes and needs no escaping.
    if (w.value.kind === 'literal' && w.valueSpan && (arg.type === 'string' || arg.type === 'encapsed_string')) {
      const inside = w.valueSpan.start > arg.startIndex && w.valueSpan.end < arg.endIndex;
      const safe = arg.type === 'string' ? !/['\\]/.test(value) : !/["\\${]/.test(value);
      if (inside && safe) return [{ span: w.valueSpan, newText: value }];
    }
    return [{ span: { start: arg.startIndex, end: arg.endIndex }, newText: quoteSingle(`${w.name}: ${value}`) }];
  }
  // Pair forms: replace the value argument.
  const args = callArgs(call);
  let valueNode: Node | undefined;
  if (w.valueSpan) {
    const vs = w.valueSpan;
    valueNode = args.find((a) => a.startIndex <= vs.start && vs.end <= a.endIndex);
  }
  if (!valueNode) return [];
  if (valueNode.type === 'string' && w.value.kind === 'literal' && w.valueSpan && !/['\\]/.test(value) && w.valueSpan.start > valueNode.startIndex) {
    return [{ span: w.valueSpan, newText: value }];
  }
  return [{ span: { start: valueNode.startIndex, end: valueNode.endIndex }, newText: quoteSingle(value) }];
}

function removeEdits(ctx: FixCtx, w: HeaderWrite): TextEdit[] {
  const call = findWriteCall(ctx.root, w, ctx.names);
  if (!call) return [];
  const stmt = call.parent;
  const chained = call.childForFieldName('object')?.type.endsWith('call_expression') ?? false;
  if (stmt?.type === 'expression_statement' && !chained) {
    const others = ctx.facts.headerWrites.filter((x) => x.id !== w.id && x.statementSpan.start === w.statementSpan.start && x.statementSpan.end === w.statementSpan.end);
    if (others.length > 0 && call.type !== 'function_call_expression') {
      // One call writes several headers (withHeaders([...])): remove just this array element.
      return removeMapElement(ctx, w);
    }
    if (isLoneBody(stmt)) return [{ span: { start: stmt.startIndex, end: stmt.endIndex }, newText: '{}' }];
    return [{ span: removalSpan(ctx.text, { start: stmt.startIndex, end: stmt.endIndex }), newText: '' }];
  }
  // A link of a chain: `->header('Name', 'v')` — drop the link, keep the object.
  const obj = call.childForFieldName('object');
  if (obj && call.type !== 'function_call_expression') {
    const onHeaders = obj.type === 'member_access_expression' && obj.childForFieldName('name')?.text === 'headers';
    if (onHeaders) return [];
    if (call.childForFieldName('arguments')?.namedChildren.some((a) => a.text.includes('=>'))) return removeMapElement(ctx, w);
    return [{ span: { start: obj.endIndex, end: call.endIndex }, newText: '' }];
  }
  return [];
}

function removeMapElement(ctx: FixCtx, w: HeaderWrite): TextEdit[] {
  let node: Node | null = ctx.root.descendantForIndex(w.nameSpan.start, w.nameSpan.end);
  while (node && node.type !== 'array_element_initializer') node = node.parent;
  if (!node) return [];
  return [{ span: removeElement(ctx.text, node), newText: '' }];
}

/** Remove one array element: its whole line when it stands alone on it, else the element and a comma. */
function removeElement(text: string, el: Node): { start: number; end: number } {
  const span = { start: el.startIndex, end: el.endIndex };
  const line = removalSpan(text, span);
  return line.start !== span.start || line.end !== span.end ? line : removeListElement(text, span);
}

function addHeaderEdits(ctx: FixCtx, w: HeaderWrite, name: string, value: string): TextEdit[] {
  if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name) || /[\r\n\0]/.test(value)) return [];
  const call = findWriteCall(ctx.root, w, ctx.names);
  if (!call) return [];
  const stmt = call.parent;
  const m = methodName(call);
  const obj = call.childForFieldName('object');
  const onHeaders = obj?.type === 'member_access_expression' && obj.childForFieldName('name')?.text === 'headers';
  let line: string | undefined;
  if (call.type === 'function_call_expression') line = `header(${quoteSingle(`${name}: ${value}`)});`;
  else if (onHeaders && obj) line = `${obj.text}->set(${quoteSingle(name)}, ${quoteSingle(value)});`;
  if (line !== undefined) {
    if (stmt?.type !== 'expression_statement' || isLoneBody(stmt)) return [];
    const end = stmt.endIndex;
    const le = lineEndAt(ctx.text, end);
    if (/^[ \t]*$/.test(ctx.text.slice(end, le))) {
      return [{ span: { start: le, end: le }, newText: '\n' + indentAt(ctx.text, stmt.startIndex) + line }];
    }
    return [{ span: { start: end, end }, newText: ' ' + line }];
  }
  // Chains: `->header()`, `->withHeader()` ... return the response, so one more link can follow.
  if (m && ['header', 'withheader', 'withaddedheader', 'setheader', 'addheader'].includes(m)) {
    const nameNode = call.childForFieldName('name');
    return [{ span: { start: call.endIndex, end: call.endIndex }, newText: `->${nameNode?.text ?? 'header'}(${quoteSingle(name)}, ${quoteSingle(value)})` }];
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
  if (req.origins.some((o) => !/^[A-Za-z][A-Za-z0-9+.-]*:\/\/[A-Za-z0-9.:\-\[\]]+$/.test(o) && o !== 'null')) return [];
  const acao = writesOfPolicy(ctx.facts, req.policyId, H.allowOrigin);
  if (acao.length !== 1) return [];
  const w = acao[0];
  if (req.origins.length === 1) return setValueEdits(ctx, w, req.origins[0]);
  // Several origins: echo the Origin only when it is one of them (header() form on its own line).
  const call = findWriteCall(ctx.root, w, ctx.names);
  const stmt = call?.parent;
  if (!call || callName(call) !== 'header' || stmt?.type !== 'expression_statement' || isLoneBody(stmt)) return [];
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
  if (!tree) return [];
  const ctx: FixCtx = { text: file.text, root: tree.rootNode, names: new PhpNames(tree.rootNode, file.text), facts };
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
      return edits.length ? edits : [];
    }
    case 'remove-origin-entry': {
      const p = facts.policies.find((x) => x.id === req.policyId);
      if (!p || p.origin.kind !== 'list') return [];
      const e = p.origin.entries[req.index];
      if (!e) return [];
      const node = ctx.root.descendantForIndex(e.span.start, e.span.end);
      let el: Node | null = node;
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
