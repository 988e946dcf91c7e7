/**
 * JavaScript / TypeScript (tree-sitter-javascript 0.25, -typescript 0.23) → the common form.
 * TS-only wrappers that do not change a value (`x as T`, `x!`, `<T>x`, `satisfies`) are dropped.
 */
import type { Node } from '../../syntax/treeSitter.js';
import { spanOf, type Arg, type Entry, type Expr, type Func, type Param, type Program, type Stmt } from '../form.js';
import { MAX_DEPTH, kids, numberLit, unknown } from './common.js';

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', '0': '\0' };

function decodeEscape(raw: string): string | undefined {
  const c = raw[1];
  if (c === undefined) return undefined;
  if (raw.length === 2 && c in ESCAPES) return ESCAPES[c];
  if (c === 'x' && /^\\x[0-9a-fA-F]{2}$/.test(raw)) return String.fromCharCode(parseInt(raw.slice(2), 16));
  if (c === 'u') {
    const m = /^\\u(?:([0-9a-fA-F]{4})|\{([0-9a-fA-F]{1,6})\})$/.exec(raw);
    const cp = m ? parseInt(m[1] ?? m[2], 16) : NaN;
    return cp <= 0x10ffff ? String.fromCodePoint(cp) : undefined;
  }
  if (c === '\n' || c === '\r') return '';
  return raw.length === 2 ? c : undefined;
}

const WRAPPERS = new Set(['parenthesized_expression', 'as_expression', 'satisfies_expression', 'non_null_expression', 'type_assertion', 'await_expression']);

export function jsExpr(n: Node | null | undefined, d = 0): Expr {
  if (!n) return { k: 'unknown', span: { start: 0, end: 0 } };
  const span = spanOf(n);
  if (d > MAX_DEPTH) return unknown(n);
  const e = (x: Node | null | undefined) => jsExpr(x, d + 1);
  switch (n.type) {
    case 'string':
    case 'template_string': {
      const parts: Expr[] = [];
      let text = '';
      let verbatim = true;
      let known = true;
      for (const c of kids(n)) {
        if (c.type === 'string_fragment') text += c.text;
        else if (c.type === 'escape_sequence') {
          const dec = decodeEscape(c.text);
          if (dec === undefined) known = false;
          else text += dec;
          verbatim = false;
        } else if (c.type === 'template_substitution') {
          if (text) parts.push({ k: 'str', span, value: text, inner: span, verbatim: false });
          text = '';
          const inner = kids(c)[0];
          parts.push(e(inner));
        }
      }
      if (!known || n.hasError) return unknown(n);
      const inner = { start: n.startIndex + 1, end: n.endIndex - 1 };
      if (!parts.length) return { k: 'str', span, value: text, inner, verbatim };
      if (text) parts.push({ k: 'str', span, value: text, inner: span, verbatim: false });
      return { k: 'concat', span, parts };
    }
    case 'number':
      return numberLit(n);
    case 'true':
    case 'false':
      return { k: 'bool', span, value: n.type === 'true' };
    case 'null':
    case 'undefined':
      return { k: 'nil', span };
    case 'regex': {
      const p = n.childForFieldName('pattern');
      return { k: 'regex', span, pattern: p?.text ?? '', patternSpan: p ? spanOf(p) : span, flags: n.childForFieldName('flags')?.text ?? '' };
    }
    case 'identifier':
    case 'property_identifier':
    case 'shorthand_property_identifier':
    case 'this':
    case 'super':
    case 'import': // dynamic `import('m')`
      return n.text === 'undefined' ? { k: 'nil', span } : { k: 'name', span, name: n.text };
    case 'member_expression': {
      const p = n.childForFieldName('property');
      return { k: 'member', span, object: e(n.childForFieldName('object')), name: p?.text ?? '', nameSpan: p ? spanOf(p) : span };
    }
    case 'subscript_expression':
      return { k: 'index', span, object: e(n.childForFieldName('object')), index: e(n.childForFieldName('index')) };
    case 'call_expression':
    case 'new_expression': {
      const callee = n.childForFieldName(n.type === 'call_expression' ? 'function' : 'constructor');
      const argsNode = n.childForFieldName('arguments');
      // tagged template: String.raw`...`
      if (argsNode?.type === 'template_string') return unknown(n);
      const args: Arg[] = argsNode ? kids(argsNode).map((a) => (a.type === 'spread_element' ? { span: spanOf(a), value: e(kids(a)[0]), spread: true } : { span: spanOf(a), value: e(a) })) : [];
      return { k: 'call', span, callee: e(callee), args, isNew: n.type === 'new_expression' || undefined };
    }
    case 'array':
      return { k: 'list', span, kind: 'array', items: kids(n).map((c) => (c.type === 'spread_element' ? unknown(c) : e(c))) };
    case 'object':
      return { k: 'map', span, entries: kids(n).map((c) => jsEntry(c, d + 1)) };
    case 'arrow_function':
    case 'function_expression':
    case 'function':
    case 'generator_function':
      return { k: 'func', span, fn: jsFunc(n, d + 1) };
    case 'binary_expression': {
      const raw = n.childForFieldName('operator')?.text ?? '';
      const op = raw === '===' ? '==' : raw === '!==' ? '!=' : raw;
      return { k: 'binary', span, op, left: e(n.childForFieldName('left')), right: e(n.childForFieldName('right')) };
    }
    case 'unary_expression': {
      const op = n.childForFieldName('operator')?.text ?? '';
      const arg = e(n.childForFieldName('argument'));
      if (op === '!') return { k: 'not', span, expr: arg };
      if (op === '-' && arg.k === 'num') return { k: 'num', span, raw: n.text, value: -arg.value };
      return { k: 'unary', span, op, expr: arg };
    }
    case 'ternary_expression':
      return { k: 'ternary', span, test: e(n.childForFieldName('condition')), then: e(n.childForFieldName('consequence')), else: e(n.childForFieldName('alternative')) };
    case 'assignment_expression':
      return { k: 'assignExpr', span, target: e(n.childForFieldName('left')), value: e(n.childForFieldName('right')) };
    case 'sequence_expression':
      return e(kids(n).at(-1));
    default:
      if (WRAPPERS.has(n.type)) {
        const inner = kids(n).find((c) => !/type|^type_arguments$/.test(c.type) || c.type === 'type_assertion');
        return inner ? e(inner) : unknown(n);
      }
      return unknown(n);
  }
}

/** One member of an object literal (also one recovered from half-typed code). */
export function jsEntry(c: Node, d = 0): Entry {
  const span = spanOf(c);
  if (c.type === 'pair') {
    const k = c.childForFieldName('key');
    const v = jsExpr(c.childForFieldName('value'), d);
    if (k?.type === 'property_identifier' || k?.type === 'number') return { span, key: k.text, keySpan: spanOf(k), value: v };
    if (k?.type === 'string') {
      const ks = jsExpr(k, d);
      if (ks.k === 'str') return { span, key: ks.value, keySpan: ks.verbatim ? ks.inner : ks.span, value: v };
    }
    if (k?.type === 'computed_property_name') return { span, keyExpr: jsExpr(kids(k)[0], d), value: v };
    return { span, keyExpr: k ? unknown(k) : undefined, value: v };
  }
  if (c.type === 'shorthand_property_identifier') return { span, key: c.text, keySpan: span, value: { k: 'name', span, name: c.text } };
  if (c.type === 'spread_element') return { span, spread: true, value: jsExpr(kids(c)[0], d) };
  if (c.type === 'method_definition') {
    const k = c.childForFieldName('name');
    return { span, key: k?.text, keySpan: k ? spanOf(k) : undefined, value: { k: 'func', span, fn: jsFunc(c, d) } };
  }
  return { span, keyExpr: unknown(c), value: unknown(c) };
}

function params(fn: Node, d: number): Param[] {
  const single = fn.childForFieldName('parameter');
  if (single) return [{ name: single.text, span: spanOf(single) }];
  const ps = fn.childForFieldName('parameters');
  if (!ps) return [];
  return kids(ps)
    .filter((p) => p.type !== 'decorator')
    .map((p) => {
      const decorators = kids(p).filter((k) => k.type === 'decorator').map((k) => jsExpr(kids(k)[0], d));
      let id: Node | null | undefined = p.type === 'required_parameter' || p.type === 'optional_parameter' ? p.childForFieldName('pattern') : p;
      let def: Expr | undefined;
      if (id?.type === 'assignment_pattern') {
        def = jsExpr(id.childForFieldName('right'), d);
        id = id.childForFieldName('left');
      }
      const props = id?.type === 'object_pattern' ? kids(id).map((k) => (k.type === 'pair_pattern' ? k.childForFieldName('key')?.text ?? '' : k.text)) : undefined;
      return { name: id?.type === 'identifier' ? id.text : '', span: spanOf(p), default: def, decorators: decorators.length ? decorators : undefined, props };
    });
}

const BRANCHING = new Set(['else', 'switch', 'case', 'default', 'for', 'while', 'do', 'try', 'catch', '?', '&&', '||']);

/** Half-typed code: the complete statements the parser recovered inside an ERROR node (`app.use((req, res)
 *  => { res.setHeader(…); …` with the call never closed). An `if (test) {` whose block is cut off guards the
 *  statements after it (a `}` ends it); any other branching keyword ends the reading, since what follows
 *  may run only under conditions we cannot see. */
function recovered(n: Node, d: number): Stmt[] {
  const top: Stmt[] = [];
  const stack: Stmt[][] = [top];
  const kidsAll: Node[] = [];
  for (let i = 0; i < n.childCount; i++) {
    const c = n.child(i);
    if (c && c.type !== 'comment') kidsAll.push(c);
  }
  for (let i = 0; i < kidsAll.length; i++) {
    const c = kidsAll[i];
    const cur = stack[stack.length - 1];
    if (c.type === 'if') {
      const test = kidsAll[i + 1];
      if (test?.type !== 'parenthesized_expression') break;
      const guarded: Stmt[] = [];
      cur.push({ k: 'if', span: { start: c.startIndex, end: n.endIndex }, test: jsExpr(kids(test)[0], d), then: guarded });
      stack.push(guarded);
      i++;
      if (kidsAll[i + 1]?.type === '{') i++;
      continue;
    }
    if (c.type === '}') {
      if (stack.length > 1) stack.pop();
      continue;
    }
    if (BRANCHING.has(c.type) || c.type === 'ERROR') break;
    jsStmt(c, cur, d + 1);
  }
  return top;
}

export function jsFunc(n: Node, d: number): Func {
  const body = n.childForFieldName('body');
  const name = n.childForFieldName('name');
  const decorators = kids(n).filter((k) => k.type === 'decorator').map((k) => jsExpr(kids(k)[0], d));
  const base = { span: spanOf(n), name: name?.text, nameSpan: name ? spanOf(name) : undefined, params: params(n, d), decorators };
  if (body && body.type !== 'statement_block') return { ...base, body: [{ k: 'return', span: spanOf(body), value: jsExpr(body, d) }], exprBody: true };
  return { ...base, body: body ? jsBlock(body, d) : [] };
}

export function jsBlock(n: Node, d = 0): Stmt[] {
  const out: Stmt[] = [];
  for (const c of kids(n)) jsStmt(c, out, d + 1);
  return out;
}

function declKind(n: Node): 'const' | 'let' | 'var' {
  const kw = n.child(0)?.text;
  return kw === 'const' ? 'const' : kw === 'let' ? 'let' : 'var';
}

function jsStmt(n: Node, out: Stmt[], d: number): void {
  const span = spanOf(n);
  if (d > MAX_DEPTH) return;
  const body = (x: Node | null | undefined): Stmt[] => (!x ? [] : x.type === 'statement_block' ? jsBlock(x, d) : (() => { const o: Stmt[] = []; jsStmt(x, o, d + 1); return o; })());
  switch (n.type) {
    case 'expression_statement': {
      const x = kids(n)[0];
      if (!x) return;
      if (x.type === 'assignment_expression' || x.type === 'augmented_assignment_expression') {
        const op = x.type === 'assignment_expression' ? '=' : (x.childForFieldName('operator')?.text ?? '+=');
        out.push({ k: 'assign', span, target: jsExpr(x.childForFieldName('left'), d), value: jsExpr(x.childForFieldName('right'), d), op });
      } else out.push({ k: 'expr', span, expr: jsExpr(x, d) });
      return;
    }
    case 'lexical_declaration':
    case 'variable_declaration': {
      const decl = declKind(n);
      for (const v of kids(n)) {
        if (v.type !== 'variable_declarator') continue;
        const name = v.childForFieldName('name');
        const value = v.childForFieldName('value');
        if (name?.type === 'identifier') {
          out.push({ k: 'assign', span: spanOf(v), target: { k: 'name', span: spanOf(name), name: name.text }, value: value ? jsExpr(value, d) : { k: 'nil', span: spanOf(v) }, op: '=', decl });
        } else if (name?.type === 'object_pattern' && value) {
          const props = kids(name).flatMap((p) => {
            if (p.type === 'shorthand_property_identifier_pattern') return [{ prop: p.text, name: p.text, span: spanOf(p) }];
            if (p.type === 'pair_pattern' && p.childForFieldName('value')?.type === 'identifier') return [{ prop: p.childForFieldName('key')?.text ?? '', name: p.childForFieldName('value')!.text, span: spanOf(p) }];
            return [];
          });
          out.push({ k: 'destructure', span: spanOf(v), props, value: jsExpr(value, d), decl });
        }
      }
      return;
    }
    case 'function_declaration':
    case 'generator_function_declaration':
      out.push({ k: 'func', span, fn: jsFunc(n, d) });
      return;
    case 'class_declaration':
    case 'class':
    case 'abstract_class_declaration': {
      const members: Stmt[] = [];
      // a method's decorators (`@Header('X', 'v') findAll() {}`) stand before it in the class body
      let pending: Expr[] = [];
      for (const m of kids(n.childForFieldName('body') ?? n)) {
        if (m.type === 'decorator') {
          pending.push(jsExpr(kids(m)[0], d));
          continue;
        }
        const own = pending;
        pending = [];
        if (m.type === 'method_definition') {
          const fn = jsFunc(m, d);
          members.push({ k: 'func', span: spanOf(m), fn: { ...fn, decorators: [...own, ...fn.decorators] } });
        }
        else if (m.type === 'field_definition' || m.type === 'public_field_definition') {
          const prop = m.childForFieldName('property') ?? m.childForFieldName('name');
          const value = m.childForFieldName('value');
          if (prop && value) members.push({ k: 'assign', span: spanOf(m), target: { k: 'member', span: spanOf(prop), object: { k: 'name', span: spanOf(prop), name: 'this' }, name: prop.text, nameSpan: spanOf(prop) }, value: jsExpr(value, d), op: '=' });
        }
      }
      // `@Controller() export class X {}`: the decorators sit on the export statement
      const outer = n.parent?.type === 'export_statement' ? kids(n.parent) : [];
      const decorators = [...outer, ...kids(n)].filter((k) => k.type === 'decorator').map((k) => jsExpr(kids(k)[0], d));
      out.push({ k: 'class', span, name: n.childForFieldName('name')?.text, decorators, body: members });
      return;
    }
    case 'if_statement': {
      const alt = n.childForFieldName('alternative');
      out.push({ k: 'if', span, test: jsExpr(n.childForFieldName('condition'), d), then: body(n.childForFieldName('consequence')), else: alt ? body(kids(alt)[0]) : undefined });
      return;
    }
    case 'switch_statement': {
      const cases = kids(n.childForFieldName('body') ?? n).filter((c) => c.type === 'switch_case' || c.type === 'switch_default').map((c) => {
        const v = c.childForFieldName('value');
        const stmts: Stmt[] = [];
        for (const s of c.childrenForFieldName('body')) if (s) jsStmt(s, stmts, d + 1);
        return { tests: v ? [jsExpr(v, d)] : [], body: stmts, span: spanOf(c) };
      });
      out.push({ k: 'switch', span, subject: jsExpr(n.childForFieldName('value'), d), cases });
      return;
    }
    case 'return_statement':
      out.push({ k: 'return', span, value: kids(n)[0] ? jsExpr(kids(n)[0], d) : undefined });
      return;
    case 'throw_statement':
      out.push({ k: 'exit', span });
      return;
    case 'statement_block':
      out.push({ k: 'block', span, body: jsBlock(n, d), kind: 'block' });
      return;
    case 'for_statement':
    case 'for_in_statement':
    case 'while_statement':
    case 'do_statement':
      out.push({ k: 'block', span, body: body(n.childForFieldName('body')), kind: 'loop' });
      return;
    case 'try_statement': {
      const parts = [n.childForFieldName('body'), n.childForFieldName('handler')?.childForFieldName('body'), n.childForFieldName('finalizer')?.childForFieldName('body')];
      out.push({ k: 'block', span, body: parts.flatMap((p) => body(p)), kind: 'try' });
      return;
    }
    case 'export_statement': {
      const decl = n.childForFieldName('declaration');
      if (decl) jsStmt(decl, out, d + 1);
      else {
        const v = n.childForFieldName('value');
        if (v) out.push({ k: 'expr', span, expr: jsExpr(v, d) });
      }
      return;
    }
    case 'import_statement': {
      const src = n.childForFieldName('source');
      const mod = src ? jsExpr(src, d) : undefined;
      const names: { name: string; alias: string }[] = [];
      for (const c of n.descendantsOfType(['import_specifier', 'namespace_import', 'identifier'])) {
        if (!c) continue;
        if (c.type === 'import_specifier') names.push({ name: c.childForFieldName('name')?.text ?? '', alias: c.childForFieldName('alias')?.text ?? c.childForFieldName('name')?.text ?? '' });
        else if (c.type === 'namespace_import') names.push({ name: '*', alias: kids(c).at(-1)?.text ?? '' });
        else if (c.parent?.type === 'import_clause') names.push({ name: 'default', alias: c.text });
      }
      // TypeScript `import x = require('m')`: x is the module itself, as `const x = require('m')` would be
      const req = kids(n).find((c) => c.type === 'import_require_clause');
      if (req) {
        const id = kids(req).find((c) => c.type === 'identifier');
        const s = kids(req).find((c) => c.type === 'string');
        const m = s ? jsExpr(s, d) : undefined;
        if (id && m?.k === 'str') out.push({ k: 'assign', span, target: { k: 'name', span: spanOf(id), name: id.text }, value: { k: 'call', span: spanOf(req), callee: { k: 'name', span: spanOf(req), name: 'require' }, args: [{ span: m.span, value: m }] }, op: '=', decl: 'const' });
        return;
      }
      out.push({ k: 'import', span, module: mod?.k === 'str' ? mod.value : '', names });
      return;
    }
    case 'labeled_statement':
      out.push(...body(n.childForFieldName('body')));
      return;
    case 'ERROR': {
      const inner = recovered(n, d);
      if (inner.length) out.push({ k: 'block', span, body: inner, kind: 'block' });
      return;
    }
    default:
      return;
  }
}

export function jsProgram(root: Node): Program {
  return { body: root.type === 'ERROR' ? recovered(root, 0) : jsBlock(root), language: 'javascript' };
}
