/**
 * PHP: hand-written CORS headers — `header('Access-Control-Allow-Origin: ...')`, `header_remove()`,
 * Symfony `$response->headers->set()`, Laravel `->header()` / `->withHeaders()`, PSR-7 `->withHeader()`.
 *
 * A file's top level is one response path, each function or method another. Inside a scope the extractor
 * follows the branches (see paths.ts): `header()` replaces an earlier header of the same name unless its
 * second argument is false; an `if` on `$_SERVER['REQUEST_METHOD'] === 'OPTIONS'` makes the preflight
 * response; `exit`/`return` end a response. An echoed Origin counts as checked only under a condition that
 * tests it (in_array, ===, preg_match, str_ends_with ...), directly or as an early-exit guard.
 */
import type { CorsPolicy, FileFacts, FixRequest, HeaderValue, HeaderWrite, OriginCheck, Scope, TextEdit, Valued } from '../../model/index.js';
import type { Node } from '../../syntax/treeSitter.js';
import { H, effectiveWrites, indentAt, lineEndAt, policyFromWrites, removalSpan, removeListElement, sameHeader } from '../common.js';
import type { Extractor, SourceFile } from '../types.js';
import { andResult, isFunctionLike, PhpNames, enclosingClass, type OriginCheckResult } from './analysis.js';
import { PathRunner, pathCheck, type CallStep, type Path } from './paths.js';
import { callArgs, callName, methodName } from './strings.js';
import { callEffect, type RawWrite } from './writes.js';

const ID = 'php';

interface Write extends RawWrite {
  index: number;
  id: string;
  scopeNode: Node;
  reach: OriginCheckResult[];
  methods: Set<Path<Write>['method']>;
  constrained: boolean[];
}

function basename(path: string): string {
  return path.split('/').pop() || path;
}

function lineOf(text: string, offset: number): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

function scopeFor(node: Node, file: SourceFile): Scope {
  const base = basename(file.path);
  if (node.type === 'program') return { kind: 'file', label: base, path: [base] };
  let label: string;
  const name = node.childForFieldName('name')?.text;
  if (node.type === 'function_definition') label = `function ${name ?? '?'}`;
  else if (node.type === 'method_declaration') label = `method ${enclosingClass(node) ?? '?'}::${name ?? '?'}`;
  else label = `closure (line ${lineOf(file.text, node.startIndex)})`;
  return { kind: 'block', label, path: [base, label], span: { start: node.startIndex, end: node.endIndex } };
}

function ownerScope(n: Node): Node {
  for (let cur: Node | null = n.parent; cur; cur = cur.parent) {
    if (isFunctionLike(cur) || cur.type === 'program') return cur;
  }
  return n;
}

/** Whether `n` sits under an `if`/`switch`/loop/`catch` of its scope whose condition is not about the method. */
function structurallyConditional(n: Node, scope: Node, names: PhpNames): boolean {
  let child: Node = n;
  for (let cur: Node | null = n.parent; cur && cur.id !== scope.id; child = cur, cur = cur.parent) {
    switch (cur.type) {
      case 'if_statement':
      case 'else_if_clause': {
        const cond = cur.childForFieldName('condition');
        if (cond && child.id === cond.id) break;
        if (!names.methodOf(cond, true)) return true;
        break;
      }
      case 'else_clause': {
        const owner = cur.parent;
        if (owner && !names.methodOf(owner.childForFieldName('condition'), true)) return true;
        break;
      }
      case 'case_statement':
      case 'default_statement':
      case 'while_statement':
      case 'do_statement':
      case 'for_statement':
      case 'foreach_statement':
      case 'catch_clause':
      case 'conditional_expression':
        return true;
      case 'binary_expression': {
        const op = cur.childForFieldName('operator')?.type;
        if (op === '&&' || op === '||' || op === 'and' || op === 'or' || op === '??') return true;
        break;
      }
    }
  }
  return false;
}

function checkStrength(c: OriginCheck): number {
  if (c.kind === 'unknown') return 0;
  if (c.kind === 'exact') return 2;
  return 1;
}

/**
 * The final value of a write that copies the Origin, from what every path reaching it proves. The paths
 * are alternatives an attacker can pick from: any unchecked path makes the copy unchecked, and otherwise
 * the weakest check is the one that counts (entries of equally weak checks add up).
 */
function finalOriginValue(w: Write): HeaderValue {
  const via = w.source!.via;
  if (w.reach.length === 0) return { kind: 'request-origin', checked: true, check: { kind: 'unknown' }, via };
  const checks: OriginCheck[] = [];
  for (const r of w.reach) {
    if (r.kind !== 'check') return { kind: 'request-origin', checked: false, via };
    checks.push(r.check);
  }
  const weakest = Math.min(...checks.map(checkStrength));
  const weak = checks.filter((c) => checkStrength(c) === weakest);
  const kinds = new Set(weak.map((c) => c.kind));
  if (kinds.size !== 1) return { kind: 'request-origin', checked: true, check: { kind: 'unknown' }, via };
  const kind = weak[0].kind;
  if (kind === 'unknown' || weak.some((c) => !c.entries)) return { kind: 'request-origin', checked: true, check: { kind }, via };
  const entries: Valued<string>[] = [];
  const seen = new Set<string>();
  for (const c of weak) {
    for (const e of c.entries!) {
      const k = `${e.span.start}:${e.span.end}:${e.value}`;
      if (seen.has(k)) continue;
      seen.add(k);
      entries.push(e);
    }
  }
  entries.sort((a, b) => a.span.start - b.span.start);
  return { kind: 'request-origin', checked: true, check: { kind, entries }, via };
}

const CALL_SITE = /\b(header|header_remove)\s*\(|->\s*(set|remove|add|header|withheaders|withheader|withaddedheader|withoutheader|setheader|addheader|removeheader)\s*\(/gi;

/** The calls that may write headers: located by their names in the text, confirmed in the tree. */
function findWriteCalls(root: Node, text: string): Node[] {
  const out: Node[] = [];
  const seen = new Set<number>();
  CALL_SITE.lastIndex = 0;
  for (let m = CALL_SITE.exec(text); m; m = CALL_SITE.exec(text)) {
    const word = m[1] ?? m[2];
    const start = m.index + m[0].indexOf(word, m[1] ? 0 : 2);
    const n = root.descendantForIndex(start, start + word.length);
    if (!n || n.type !== 'name') continue;
    let call: Node | null = n.parent;
    if (call?.type === 'qualified_name') call = call.parent;
    if (!call || seen.has(call.id)) continue;
    const isCall =
      (call.type === 'function_call_expression' && call.childForFieldName('function')?.endIndex === n.endIndex) ||
      ((call.type === 'member_call_expression' || call.type === 'nullsafe_member_call_expression') && call.childForFieldName('name')?.id === n.id);
    if (!isCall) continue;
    seen.add(call.id);
    out.push(call);
  }
  return out;
}

const MENTION = /access-control-[a-z-]*[a-z]|timing-allow-origin|(?<=['"])vary(?=[:'"])|(?<=['"])origin(?=['"])/gi;
const ORIGIN_GETTERS = new Set(['get', 'header', 'getheaderline', 'getheader', 'hasheader']);

/** Every CORS header name written in a string literal of the file (for hovers). */
function headerMentions(root: Node, text: string): Valued<string>[] {
  const out: Valued<string>[] = [];
  MENTION.lastIndex = 0;
  for (let m = MENTION.exec(text); m; m = MENTION.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    const leaf = root.descendantForIndex(start, end);
    if (!leaf || leaf.type !== 'string_content' || leaf.startIndex > start || leaf.endIndex < end) continue;
    const str = leaf.parent;
    if (!str || (str.type !== 'string' && str.type !== 'encapsed_string')) continue;
    const lower = m[0].toLowerCase();
    if (lower === 'origin') {
      // Only as a header name: $request->headers->get('Origin'), getallheaders()['Origin'] ...
      if (str.startIndex !== start - 1 || str.endIndex !== end + 1) continue;
      const call = str.parent?.parent?.parent;
      const meth = call ? methodName(call) : undefined;
      if (!(meth && ORIGIN_GETTERS.has(meth)) && str.parent?.type !== 'subscript_expression') continue;
    }
    if (lower === 'vary' && str.startIndex !== start - 1) continue;
    out.push({ value: m[0], span: { start, end } });
  }
  return out;
}

function extractFacts(file: SourceFile): Partial<FileFacts> {
  const notes: string[] = [];
  const tree = file.tree('php');
  if (!tree) return { notes: ['php grammar not available'] };
  const root = tree.rootNode;
  if (root.hasError) notes.push('syntax errors: facts are partial');
  const names = new PhpNames(root, file.text);

  // 1. Every header-writing call, in source order.
  const callNodes = findWriteCalls(root, file.text);
  const steps = new Map<number, CallStep<Write>>();
  const writes: Write[] = [];
  const stepCalls: Node[] = [];
  const owner = new Map<number, Node>();
  for (const c of callNodes) {
    const eff = callEffect(c, names);
    if (!eff) continue;
    const sc = ownerScope(c);
    owner.set(c.id, sc);
    const ws: Write[] = eff.writes.map((r) => ({ ...r, index: 0, id: '', scopeNode: sc, reach: [], methods: new Set(), constrained: [] }));
    writes.push(...ws);
    steps.set(c.id, { writes: ws, clearAll: eff.clearAll });
    stepCalls.push(c);
  }
  if (stepCalls.length === 0) return { headerMentions: headerMentions(root, file.text), notes };
  writes.sort((a, b) => a.nameSpan.start - b.nameSpan.start || a.statementSpan.start - b.statementSpan.start);
  writes.forEach((w, i) => {
    w.index = i;
    w.id = `w${i + 1}`;
  });

  // 2. Per scope: follow the paths.
  const scopeNodes = new Map<number, Node>();
  const ownCalls = new Map<number, Node[]>();
  for (const c of stepCalls) {
    const s = owner.get(c.id)!;
    scopeNodes.set(s.id, s);
    let l = ownCalls.get(s.id);
    if (!l) ownCalls.set(s.id, (l = []));
    l.push(c);
  }
  const headerWrites: HeaderWrite[] = [];
  const policies: CorsPolicy[] = [];
  const responses: FileFacts['responses'] = [];
  const scopes = new Map<number, Scope>();
  const finals = new Map<number, Path<Write>[]>();
  for (const [sid, sn] of scopeNodes) {
    scopes.set(sid, scopeFor(sn, file));
    const own = ownCalls.get(sid)!.sort((a, b) => a.endIndex - b.endIndex || b.startIndex - a.startIndex);
    const runner = new PathRunner<Write>(names, steps, own, sn, (w, p) => {
      w.methods.add(p.method);
      w.constrained.push(pathCheck(p.cons).kind === 'check');
      if (w.source) {
        let r = pathCheck(p.cons);
        if (w.source.check) r = andResult(r, { kind: 'check', check: w.source.check });
        w.reach.push(r);
      }
    }, Math.max(-1, ...own.filter((c) => steps.get(c.id)!.writes.some((w) => w.source !== undefined)).map((c) => c.endIndex)));
    let body: Node[];
    if (sn.type === 'program') body = sn.namedChildren;
    else {
      const b = sn.childForFieldName('body');
      body = b ? (b.type === 'compound_statement' ? b.namedChildren : [b]) : [];
    }
    try {
      finals.set(sid, runner.run(body));
    } catch (e) {
      notes.push(`path analysis failed in ${scopes.get(sid)!.label}: ${String(e)}`);
      finals.set(sid, []);
    }
    if (runner.overflow) notes.push(`too many branches in ${scopes.get(sid)!.label}: some responses were not followed`);
  }

  // 3. The write facts.
  const byIndex = new Map<number, HeaderWrite>();
  const indexOf = new Map(writes.map((w) => [w.id, w.index]));
  for (const w of writes) {
    const sn = w.scopeNode;
    let condition: HeaderWrite['condition'];
    if (w.methods.size === 1 && w.methods.has('options')) condition = 'options-only';
    else if (w.methods.size === 1 && w.methods.has('non-options')) condition = 'non-options';
    else if (structurallyConditional(w.call, sn, names) || (w.constrained.length > 0 && w.constrained.every(Boolean))) condition = 'conditional';
    const hw: HeaderWrite = {
      id: w.id,
      name: w.name,
      nameSpan: w.nameSpan,
      value: w.source ? finalOriginValue(w) : w.value,
      valueSpan: w.valueSpan,
      statementSpan: w.statementSpan,
      op: w.op,
      always: 'n/a',
      condition,
      layer: 'app',
      scope: scopes.get(sn.id) ?? scopeFor(sn, file),
      extractor: ID,
    };
    headerWrites.push(hw);
    byIndex.set(w.index, hw);
  }

  // 4. Responses and policies per scope.
  let pn = 0;
  for (const [sid, paths] of finals) {
    const scope = scopes.get(sid)!;
    // Responses: one per distinct set of headers that reach the client together.
    const seen = new Set<string>();
    // Policies: one per origin decision (the Allow-Origin and Allow-Credentials writes in force). The other
    // headers are merged over the paths that share it — the preflight path adds its Allow-Methods/-Headers
    // to the normal response's headers, and a header sent under some request condition counts as sent.
    interface Group {
      union: Set<number>;
      methods: Set<string>;
      acao: number[];
    }
    const groups = new Map<string, Group>();
    for (const p of paths) {
      const seq = p.writes.map((w) => byIndex.get(w.index)!);
      const namesIn = [...new Set(seq.map((w) => w.name.toLowerCase()))];
      const eff = namesIn.flatMap((n) => effectiveWrites(seq, n)).map((w) => indexOf.get(w.id)!);
      eff.sort((a, b) => a - b);
      if (eff.length === 0) continue;
      const rkey = eff.join(',');
      if (!seen.has(rkey)) {
        seen.add(rkey);
        responses.push({ scope, writeIds: eff.map((i) => byIndex.get(i)!.id) });
      }
      const acao = eff.filter((i) => sameHeader(byIndex.get(i)!.name, H.allowOrigin));
      if (acao.length === 0) continue;
      const key = eff.filter((i) => acao.includes(i) || sameHeader(byIndex.get(i)!.name, H.allowCredentials)).join(',');
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { union: new Set(), methods: new Set(), acao }));
      for (const i of eff) g.union.add(i);
      g.methods.add(p.method);
    }
    for (const g of groups.values()) {
      const seq = [...g.union].sort((a, b) => a - b).map((i) => byIndex.get(i)!);
      const answers = g.methods.has('options') ? true : [...g.methods].every((m) => m === 'non-options') ? false : undefined;
      const p = policyFromWrites(seq, {
        id: `p${++pn}`,
        extractor: ID,
        layer: 'app',
        scope,
        span: byIndex.get(g.acao[g.acao.length - 1])!.statementSpan,
        answersPreflight: answers,
      });
      if (p) policies.push(p);
    }
  }

  return { headerWrites, policies, responses, headerMentions: headerMentions(root, file.text), notes };
}

// ---------------------------------------------------------------------------------------------------
// Fixes

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

function renderPhpFix(req: FixRequest, facts: FileFacts, file: SourceFile): TextEdit[] | undefined {
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

const php: Extractor = {
  id: ID,
  title: 'PHP header() / Symfony / Laravel / PSR-7 response headers',
  languages: ['php'],
  filePatterns: ['**/*.php'],
  grammarFor: () => 'php',
  mayContain: (text) => /access-control-/i.test(text),
  extract(file) {
    try {
      return extractFacts(file);
    } catch (e) {
      return { notes: [`php extractor failed: ${String(e)}`] };
    }
  },
  renderFix(req, facts, file) {
    try {
      return renderPhpFix(req, facts, file);
    } catch {
      return [];
    }
  },
};

export default php;
