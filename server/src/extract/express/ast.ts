/**
 * Small helpers over the tree-sitter JavaScript/TypeScript syntax tree: literals, name resolution,
 * functions and parameters, and where a middleware is mounted (app.use / app.get ...).
 */
import type { Span } from '../../model/index.js';
import type { Node } from '../../syntax/treeSitter.js';

export const span = (n: Node): Span => ({ start: n.startIndex, end: n.endIndex });

/** Strip wrappers that do not change the runtime value: parentheses, TS casts, `!`. */
export function unwrap(n: Node | null | undefined): Node | undefined {
  let cur = n ?? undefined;
  for (let i = 0; cur && i < 20; i++) {
    switch (cur.type) {
      case 'parenthesized_expression':
      case 'as_expression':
      case 'satisfies_expression':
      case 'non_null_expression':
      case 'type_assertion': {
        const inner = cur.namedChildren.find((c) => c && !isTypeNode(c));
        if (!inner) return cur;
        cur = inner;
        break;
      }
      default:
        return cur;
    }
  }
  return cur;
}

function isTypeNode(n: Node): boolean {
  return /type|^predefined_type$|^type_arguments$/.test(n.type) && n.type !== 'type_assertion';
}

export interface StrLit {
  /** The runtime string (escapes resolved). */
  text: string;
  /** Inside the quotes. */
  span: Span;
  /** The quote character: ' " or ` */
  quote: string;
  node: Node;
  /** True when the text between the quotes is exactly `text` (no escapes), so sub-spans are exact. */
  verbatim: boolean;
}

const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', '0': '\0' };

function decodeEscape(raw: string): string | undefined {
  // raw starts with a backslash
  const c = raw[1];
  if (c === undefined) return undefined;
  if (c in SIMPLE_ESCAPES && raw.length === 2) return SIMPLE_ESCAPES[c];
  if (c === 'x' && /^\\x[0-9a-fA-F]{2}$/.test(raw)) return String.fromCharCode(parseInt(raw.slice(2), 16));
  if (c === 'u') {
    const m = /^\\u(?:([0-9a-fA-F]{4})|\{([0-9a-fA-F]{1,6})\})$/.exec(raw);
    if (!m) return undefined;
    const cp = parseInt(m[1] ?? m[2], 16);
    return cp <= 0x10ffff ? String.fromCodePoint(cp) : undefined;
  }
  if (c === '\n' || c === '\r') return ''; // line continuation
  if (raw.length === 2) return c; // \' \" \\ \` and identity escapes
  return undefined;
}

/** A string literal, or a template literal without substitutions. */
export function stringLit(node: Node | null | undefined): StrLit | undefined {
  const n = unwrap(node);
  if (!n) return undefined;
  if (n.type !== 'string' && n.type !== 'template_string') return undefined;
  if (n.hasError) return undefined;
  const raw = n.text;
  const quote = raw[0];
  if (raw.length < 2 || raw[raw.length - 1] !== quote) return undefined;
  let text = '';
  let verbatim = true;
  for (const c of n.namedChildren) {
    if (!c) continue;
    if (c.type === 'string_fragment') text += c.text;
    else if (c.type === 'escape_sequence') {
      const d = decodeEscape(c.text);
      if (d === undefined) return undefined;
      text += d;
      verbatim = false;
    } else if (c.type === 'comment') continue;
    else return undefined; // template substitution, html entity, ...
  }
  return { text, span: { start: n.startIndex + 1, end: n.endIndex - 1 }, quote, node: n, verbatim };
}

export function isFunction(n: Node | null | undefined): boolean {
  return (
    !!n &&
    (n.type === 'arrow_function' ||
      n.type === 'function_expression' ||
      n.type === 'function' ||
      n.type === 'function_declaration' ||
      n.type === 'generator_function' ||
      n.type === 'generator_function_declaration' ||
      n.type === 'method_definition')
  );
}

// Per-analysis caches keyed by node id (ids are unique within one tree). Cleared by resetCaches() at the
// start of every extract/renderFix call; extraction is synchronous, so one analysis owns them at a time.
let paramCache = new Map<number, string[]>();
let scopeCache = new Map<number, Map<string, Binding>>();
let parentCache = new Map<number, Node | null>();
let nameScopeCache = new Map<number, Map<string, Binding | null>>();

export function resetCaches(): void {
  paramCache = new Map();
  scopeCache = new Map();
  parentCache = new Map();
  nameScopeCache = new Map();
}

/** `node.parent`, cached: tree-sitter finds a parent by descending from the root, which is slow in big
 *  files, and the same ancestors are asked for again and again. */
export function parentOf(n: Node): Node | null {
  let p = parentCache.get(n.id);
  if (p === undefined) {
    p = n.parent;
    parentCache.set(n.id, p);
  }
  return p;
}

/** Parameter names of a function, in order ('' for a destructured or otherwise unnamed parameter). */
export function paramNames(fn: Node): string[] {
  const hit = paramCache.get(fn.id);
  if (hit) return hit;
  const names = computeParamNames(fn);
  paramCache.set(fn.id, names);
  return names;
}

function computeParamNames(fn: Node): string[] {
  const single = fn.childForFieldName('parameter');
  if (single) return [single.type === 'identifier' ? single.text : ''];
  const params = fn.childForFieldName('parameters');
  if (!params) return [];
  const out: string[] = [];
  for (const p of params.namedChildren) {
    if (!p || p.type === 'comment') continue;
    let id: Node | null | undefined = p;
    if (p.type === 'required_parameter' || p.type === 'optional_parameter') id = p.childForFieldName('pattern');
    if (id?.type === 'assignment_pattern') id = id.childForFieldName('left');
    out.push(id?.type === 'identifier' ? id.text : '');
  }
  return out;
}

/** The nearest enclosing function of a node (not the node itself). */
export function enclosingFunction(n: Node): Node | undefined {
  for (let p = parentOf(n); p; p = parentOf(p)) if (isFunction(p)) return p;
  return undefined;
}

/** The function's body (statement_block or the expression of an arrow function). */
export function functionBody(fn: Node): Node | undefined {
  return fn.childForFieldName('body') ?? undefined;
}

/** Name of a function: declaration name, or the variable / property it is assigned to. */
export function functionName(fn: Node): string | undefined {
  const own = fn.childForFieldName('name');
  if (own) return own.text;
  const p = parentOf(fn);
  if (p?.type === 'variable_declarator') return p.childForFieldName('name')?.text;
  if (p?.type === 'pair') return p.childForFieldName('key')?.text;
  if (p?.type === 'assignment_expression') return p.childForFieldName('left')?.text;
  return undefined;
}

export interface Binding {
  kind: 'const' | 'let' | 'var' | 'param' | 'function' | 'import';
  /** The variable_declarator (for const/let/var), the function declaration, or the parameter node. */
  node: Node;
  /** Initialiser for declarators. */
  value?: Node;
  /** For `const { origin } = req.headers`: the property that was destructured. */
  prop?: string;
}

function declKind(decl: Node): 'const' | 'let' | 'var' {
  if (decl.type === 'variable_declaration') return 'var';
  const kw = decl.child(0)?.text;
  return kw === 'const' ? 'const' : kw === 'let' ? 'let' : 'var';
}

function addStatementBindings(st: Node, out: Map<string, Binding>): void {
  const add = (name: string, b: Binding) => {
    if (!out.has(name)) out.set(name, b);
  };
  let s: Node | null = st;
  if (s.type === 'export_statement') s = s.childForFieldName('declaration');
  if (!s) return;
  if (s.type === 'lexical_declaration' || s.type === 'variable_declaration') {
    const kind = declKind(s);
    for (const d of s.namedChildren) {
      if (d?.type !== 'variable_declarator') continue;
      const nm = d.childForFieldName('name');
      const value = d.childForFieldName('value') ?? undefined;
      if (nm?.type === 'identifier') add(nm.text, { kind, node: d, value });
      else if (nm?.type === 'object_pattern') {
        for (const c of nm.namedChildren) {
          if (!c) continue;
          let local: Node | null | undefined;
          let prop: string | undefined;
          if (c.type === 'shorthand_property_identifier_pattern') {
            local = c;
            prop = c.text;
          } else if (c.type === 'pair_pattern') {
            local = c.childForFieldName('value');
            const k = c.childForFieldName('key');
            prop = k ? stringLit(k)?.text ?? k.text : undefined;
          } else if (c.type === 'object_assignment_pattern') {
            local = c.childForFieldName('left');
            prop = local?.text;
          }
          if (local && (local.type === 'identifier' || local.type === 'shorthand_property_identifier_pattern') && prop !== undefined) {
            add(local.text, { kind, node: d, value, prop });
          }
        }
      } else if (nm) {
        for (const id of nm.descendantsOfType(['identifier', 'shorthand_property_identifier_pattern'])) if (id) add(id.text, { kind, node: d, prop: '' });
      }
    }
    return;
  }
  if (s.type === 'function_declaration' || s.type === 'generator_function_declaration') {
    const n = s.childForFieldName('name');
    if (n) add(n.text, { kind: 'function', node: s });
    return;
  }
  if (s.type === 'class_declaration') {
    const n = s.childForFieldName('name');
    if (n) add(n.text, { kind: 'const', node: s, prop: '' });
    return;
  }
  if (s.type === 'import_statement') {
    for (const id of s.descendantsOfType('identifier')) {
      if (!id) continue;
      const p = id.parent;
      if (p?.type === 'import_specifier' && p.childForFieldName('alias') && !p.childForFieldName('alias')!.equals(id)) continue;
      add(id.text, { kind: 'import', node: s });
    }
  }
}

function scopeBindings(container: Node): Map<string, Binding> {
  let m = scopeCache.get(container.id);
  if (m) return m;
  m = new Map();
  for (const st of container.namedChildren) if (st) addStatementBindings(st, m);
  scopeCache.set(container.id, m);
  return m;
}

/** Above this many statements a scope is not read whole: only the statements where the name is written. */
const BIG_SCOPE = 48;

/** The binding of `name` declared directly in `container` (the first declaration wins). */
function scopeBinding(container: Node, name: string): Binding | undefined {
  const whole = scopeCache.get(container.id);
  if (whole) return whole.get(name);
  let byName = nameScopeCache.get(container.id);
  if (!byName) {
    if (container.namedChildCount <= BIG_SCOPE) return scopeBindings(container).get(name);
    byName = new Map();
    nameScopeCache.set(container.id, byName);
  }
  const hit = byName.get(name);
  if (hit !== undefined) return hit ?? undefined;
  // a declaration of the name contains the name's text: look at the statements where it occurs, in order
  const text = container.text;
  const base = container.startIndex;
  const statements = new Map<number, Node>();
  const re = wordRe([name]);
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const st = container.firstNamedChildForIndex(base + m.index);
    if (st && !statements.has(st.id)) statements.set(st.id, st);
  }
  let found: Binding | undefined;
  for (const st of [...statements.values()].sort((a, b) => a.startIndex - b.startIndex)) {
    const m = new Map<string, Binding>();
    addStatementBindings(st, m);
    found = m.get(name);
    if (found) break;
  }
  byName.set(name, found ?? null);
  return found;
}

/** Find the declaration of `name` visible from `from` (nearest enclosing scope first). */
export function findBinding(name: string, from: Node): Binding | undefined {
  for (let p: Node | null = parentOf(from); p; p = parentOf(p)) {
    if (isFunction(p)) {
      const names = paramNames(p);
      const i = names.indexOf(name);
      if (i >= 0) return { kind: 'param', node: p };
    }
    if (p.type === 'statement_block' || p.type === 'program' || p.type === 'switch_case' || p.type === 'class_body') {
      const b = scopeBinding(p, name);
      if (b) return b;
    }
    if (p.type === 'for_in_statement' || p.type === 'for_statement') {
      if (p.descendantsOfType('identifier').some((i) => i?.text === name)) return { kind: 'let', node: p };
    }
  }
  return undefined;
}

/** Document pre-order of nodes (the order of `descendantsOfType`): by start, the enclosing one first. */
export function preorder(a: Node, b: Node): number {
  return a.startIndex - b.startIndex || b.endIndex - a.endIndex;
}

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Whole-word occurrences of any of the names (JavaScript identifier characters count as word characters). */
const wordRe = (names: string[]): RegExp => new RegExp(`(?<![\\w$])(?:${names.map(escapeRe).join('|')})(?![\\w$])`, 'g');

/** Nodes of `type` (identifier / property_identifier) whose whole text is one of `names`, found by a text
 *  search and confirmed on the tree. `skip` drops an occurrence on its text alone. */
export function identifiersNamed(
  root: Node,
  text: string,
  names: string | Iterable<string>,
  type: string,
  skip?: (word: string, end: number) => boolean,
): Node[] {
  const list = typeof names === 'string' ? [names] : [...names];
  if (!list.length) return [];
  const re = wordRe(list);
  const out: Node[] = [];
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const end = m.index + m[0].length;
    if (skip?.(m[0], end)) continue;
    const n = root.descendantForIndex(m.index, end);
    if (n && n.type === type && n.startIndex === m.index && n.endIndex === end) out.push(n);
  }
  return out;
}

/** Names assigned to anywhere in the file (so that `let`/`var` values are not trusted). Computed on
 *  first use: most files never ask. With the file text, each name is looked up on its own: its occurrences
 *  are found in the text and checked on the tree (the same answer as the walk over every assignment). */
export function reassignedNames(root: Node, text?: string): { has(name: string): boolean } {
  if (text !== undefined) {
    const known = new Map<string, boolean>();
    return {
      has(name: string): boolean {
        let r = known.get(name);
        if (r === undefined) {
          r = identifiersNamed(root, text, name, 'identifier').some((id) => {
            const a = parentOf(id);
            if (!a) return false;
            const field = a.type === 'assignment_expression' || a.type === 'augmented_assignment_expression' ? 'left' : a.type === 'update_expression' ? 'argument' : undefined;
            return !!field && !!a.childForFieldName(field)?.equals(id);
          });
          known.set(name, r);
        }
        return r;
      },
    };
  }
  let names: Set<string> | undefined;
  return {
    has(name: string): boolean {
      if (!names) {
        names = new Set();
        for (const a of root.descendantsOfType(['assignment_expression', 'augmented_assignment_expression', 'update_expression'])) {
          if (!a) continue;
          const left = a.childForFieldName('left') ?? a.childForFieldName('argument');
          if (left?.type === 'identifier') names.add(left.text);
        }
      }
      return names.has(name);
    },
  };
}

const MUTATING_CALLS = new Set(['Object.assign', 'Object.defineProperty']);

/** Objects changed after their declaration: `opts.origin = ...`, `opts['x'] = ...`, Object.assign(opts, ...).
 *  Each name is looked up on its own, from its occurrences in the text. */
export function mutatedObjects(root: Node, text: string): { has(name: string): boolean } {
  const known = new Map<string, boolean>();
  const mutatedAt = (id: Node): boolean => {
    // the root of the left side of an assignment to a member: opts.a.b = ..., opts['x'] += ...
    let cur = id;
    let p = parentOf(cur);
    while (p && (p.type === 'member_expression' || p.type === 'subscript_expression') && p.childForFieldName('object')?.equals(cur)) {
      cur = p;
      p = parentOf(cur);
    }
    if (cur !== id && p && (p.type === 'assignment_expression' || p.type === 'augmented_assignment_expression') && p.childForFieldName('left')?.equals(cur)) return true;
    // the first argument of Object.assign / Object.defineProperty
    const args = parentOf(id);
    if (args?.type !== 'arguments') return false;
    const call = parentOf(args);
    if (call?.type !== 'call_expression' || !MUTATING_CALLS.has(call.childForFieldName('function')?.text ?? '')) return false;
    return !!callArgs(call)[0]?.equals(id);
  };
  return {
    has(name: string): boolean {
      let r = known.get(name);
      if (r === undefined) {
        r = identifiersNamed(root, text, name, 'identifier').some(mutatedAt);
        known.set(name, r);
      }
      return r;
    },
  };
}

export interface Resolver {
  reassigned: { has(name: string): boolean };
}

/** Follow identifiers to the value of a constant (`const`, or `let`/`var` never reassigned). */
export function resolveValue(node: Node | null | undefined, r: Resolver, depth = 0): Node | undefined {
  const n = unwrap(node);
  if (!n || depth > 6) return n;
  if (n.type !== 'identifier') return n;
  const b = findBinding(n.text, n);
  if (!b) return undefined;
  if (b.kind === 'function') return b.node;
  if (b.kind === 'const' || ((b.kind === 'let' || b.kind === 'var') && !r.reassigned.has(n.text))) {
    if (!b.value || b.prop !== undefined) return undefined;
    return resolveValue(b.value, r, depth + 1);
  }
  return undefined;
}

/** A string value, through constants. */
export function resolveString(node: Node | null | undefined, r: Resolver): StrLit | undefined {
  return stringLit(resolveValue(node, r));
}

/** `obj.method(...)` parts of a call. */
export function memberCall(call: Node): { object: Node; property: string; propertyNode: Node } | undefined {
  if (call.type !== 'call_expression') return undefined;
  const fn = unwrap(call.childForFieldName('function'));
  if (fn?.type !== 'member_expression') return undefined;
  const object = fn.childForFieldName('object');
  const prop = fn.childForFieldName('property');
  if (!object || !prop) return undefined;
  return { object, property: prop.text, propertyNode: prop };
}

export function callArgs(call: Node): Node[] {
  const args = call.childForFieldName('arguments');
  if (!args || args.type !== 'arguments') return [];
  return args.namedChildren.filter((c): c is Node => !!c && c.type !== 'comment');
}

/** The identifier at the root of a member/call chain: `res.status(200).set(...)` -> `res`. */
export function rootIdentifier(n: Node): Node | undefined {
  let cur: Node | undefined = unwrap(n);
  for (let i = 0; cur && i < 30; i++) {
    if (cur.type === 'identifier') return cur;
    if (cur.type === 'member_expression') cur = unwrap(cur.childForFieldName('object'));
    else if (cur.type === 'call_expression') cur = unwrap(cur.childForFieldName('function'));
    else return undefined;
  }
  return undefined;
}

export const ROUTE_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'del', 'options', 'all', 'head']);

export interface Mount {
  /** The router object as written: `app`, `router`, `server`. */
  object: string;
  /** 'use' or the route method (lowercase). */
  method: string;
  /** Path string when literal. */
  path?: string;
  /** The mounting call (`app.use(...)`). */
  call: Node;
}

/** If `arg` is an argument (or an element of an array argument) of `X.use(...)` / `X.get(...)` ..., describe it. */
export function mountOf(arg: Node): Mount | undefined {
  let n = arg;
  const p0 = parentOf(n);
  if (p0?.type === 'array' && parentOf(p0)?.type === 'arguments') n = p0;
  const args = parentOf(n);
  if (args?.type !== 'arguments') return undefined;
  const call = parentOf(args);
  if (!call) return undefined;
  const mc = memberCall(call);
  if (!mc) return undefined;
  const method = mc.property.toLowerCase();
  if (method !== 'use' && !ROUTE_METHODS.has(method)) return undefined;
  let objectText = mc.object.text;
  let path: string | undefined;
  const first = callArgs(call)[0];
  // app.route('/x').get(...)
  const inner = unwrap(mc.object);
  if (inner?.type === 'call_expression') {
    const ic = memberCall(inner);
    if (ic && ic.property === 'route') {
      objectText = ic.object.text;
      path = pathText(callArgs(inner)[0]);
    }
  }
  if (path === undefined && first && !first.equals(n)) {
    path = pathText(first);
    // a route's first argument is always its path, whatever expression it is
    if (path === undefined && method !== 'use') path = first.text;
  }
  // a route needs a path argument before the handlers (`app.get('env')` is a settings getter)
  if (method !== 'use' && first && first.equals(n) && inner?.type !== 'call_expression') return undefined;
  return { object: objectText, method, path, call };
}

function pathText(n: Node | undefined): string | undefined {
  if (!n) return undefined;
  const s = stringLit(n);
  if (s) return s.text;
  const u = unwrap(n);
  if (u?.type === 'regex' || u?.type === 'array') return u.text;
  return undefined;
}

/** The statement a call stands in, when the call is the whole expression statement. */
export function wholeStatement(call: Node): Node | undefined {
  let n = call;
  const a = parentOf(n);
  if (a?.type === 'await_expression') n = a;
  const p = parentOf(n);
  if (p?.type === 'expression_statement') return p;
  return undefined;
}

export const SIMPLE_IDENT = /^[A-Za-z_$][\w$]*$/;
