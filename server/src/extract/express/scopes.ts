/**
 * Names and scopes: functions and their parameters, the declaration a name refers to, and the parent links
 * and per-analysis caches these lookups share.
 */
import type { Node } from '../../syntax/treeSitter.js';
import { stringLit } from './literals.js';
import { wordRe } from './textSearch.js';

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
function paramNames(fn: Node): string[] {
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
