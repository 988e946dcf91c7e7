/**
 * A library's options object as the engine evaluates it (constants followed, `const opts = {...}` passed by
 * name): one option's value, truthiness, method/header lists, origin allowlists, option mentions (for
 * hovers) and unknown option names (for the misspelling rule).
 */
import { dottedName, evaluate, walkStmts, type Code, type Env, type Expr, type Stmt, type Val } from '../code/index.js';
import { allCalls } from './jsCalls.js';
import type { CorsPolicy, ListValue, OptionMention, OriginEntry, Span, Valued } from '../model/index.js';
import { splitList } from './common.js';

export type MapVal = Val & { k: 'map' };

export type Options =
  /** No options argument: every option takes its default. */
  | { k: 'none' }
  | { k: 'map'; map: MapVal }
  /** Something we cannot read (a variable, a call, an object changed later): every option unknown. */
  | { k: 'unknown'; at?: Expr };

export interface Opt {
  value: Val;
  /** The value as written in the options object. */
  expr: Expr;
  /** The whole `key: value` entry. */
  span: Span;
  keySpan?: Span;
}

const MUTATING = new Set(['Object.assign', 'Object.defineProperty']);

/** The name an assignment target changes a property of: `opts` for `opts.a.b = …`, `opts['x'] += …`. */
function rootOfMember(e: Expr): string | undefined {
  let cur = e;
  let depth = 0;
  while ((cur.k === 'member' || cur.k === 'index') && depth++ < 32) cur = cur.object;
  return cur !== e && cur.k === 'name' ? cur.name : undefined;
}

const mutatedIn = new WeakMap<object, Set<string>>();

/** Names whose object is changed somewhere in the file (`opts.origin = x`, `opts['x'] = y`,
 *  `Object.assign(opts, …)`), read on the common form of every function; computed once per file. */
function mutatedNames(code: Code): Set<string> {
  let names = mutatedIn.get(code.program);
  if (names) return names;
  const found = new Set<string>();
  for (const { call } of allCalls(code)) {
    const first = call.args[0]?.value;
    if (first?.k === 'name' && MUTATING.has(dottedName(call.callee) ?? '')) found.add(first.name);
  }
  const visit = (body: Stmt[]) =>
    walkStmts(body, [], (node) => {
      const s = node.stmt;
      if (s?.k === 'assign') {
        const n = rootOfMember(s.target);
        if (n) found.add(n);
      }
    });
  visit(code.program.body);
  const stack = [...code.scopes.module.children];
  while (stack.length) {
    const sc = stack.shift()!;
    if (sc.fn) visit(sc.fn.body);
    stack.push(...sc.children);
  }
  names = found;
  mutatedIn.set(code.program, names);
  return names;
}

/** Read an options argument. */
export function readOptions(arg: Expr | undefined, env: Env): Options {
  if (!arg) return { k: 'none' };
  const v = evaluate(arg, env);
  if (v.k === 'nil') return { k: 'none' };
  if (v.k !== 'map') return { k: 'unknown', at: arg };
  if (arg.k === 'name' && mutatedNames(env.code).has(arg.name)) return { k: 'unknown', at: arg };
  return { k: 'map', map: v };
}

/** One option: its value, `null` when certainly absent, undefined when it cannot be known. */
export function opt(o: Options, name: string): Opt | null | undefined {
  if (o.k === 'none') return null;
  if (o.k === 'unknown') return undefined;
  const hit = o.map.entries.filter((e) => e.key === name).at(-1);
  if (hit) {
    // an entry before a spread may be overridden by it
    const spreadAfter = o.map.at.entries.some((e) => (e.spread || e.key === undefined) && e.span.start > hit.entry.span.start);
    if (spreadAfter) return undefined;
    return { value: hit.value, expr: hit.entry.value, span: hit.entry.span, keySpan: hit.keySpan };
  }
  return o.map.open ? undefined : null;
}

/** JavaScript truthiness of a value, undefined when not known. */
export function truthy(v: Val): boolean | undefined {
  switch (v.k) {
    case 'bool':
      return v.value;
    case 'str':
      return v.value !== '';
    case 'num':
      return v.value !== 0 && !Number.isNaN(v.value);
    case 'nil':
      return false;
    case 'list':
    case 'map':
    case 'func':
    case 'regex':
      return true;
    default:
      return undefined;
  }
}

/** The span to point at for a value: the literal's text inside its quotes when it is one. */
export function valueSpan(v: Val): Span {
  if (v.k === 'str' && v.lit?.verbatim) return v.lit.inner;
  return v.at.span;
}

/** A methods / headers option: an array of strings, or a comma-separated string. */
export function listValue(v: Val): ListValue {
  if (v.k === 'str') {
    if (!v.lit?.verbatim) return { kind: 'unknown', span: v.at.span };
    return v.value.trim() === '*' ? { kind: 'any', span: v.lit.inner } : { kind: 'list', items: splitList(v.value, v.lit.inner.start), span: v.lit.inner };
  }
  if (v.k !== 'list') return { kind: 'unknown', span: v.at.span };
  const items: Valued<string>[] = [];
  for (const i of v.items) {
    if (i.k !== 'str') return { kind: 'unknown', span: v.at.span };
    items.push({ value: i.value.trim(), span: valueSpan(i) });
  }
  if (items.length === 1 && items[0].value === '*') return { kind: 'any', span: items[0].span };
  return { kind: 'list', items, span: v.at.span };
}

/** The string entries of an origin list, each with its text span and the span of the element as written
 *  in the list (what removing it deletes). Undefined when an element cannot be read. */
export function originEntries(v: Val & { k: 'list' }): OriginEntry[] | undefined {
  const out: OriginEntry[] = [];
  for (let i = 0; i < v.items.length; i++) {
    const item = v.items[i];
    const written = v.at.items[i];
    if (item.k !== 'str' || !written) return undefined;
    const own = item.lit && item.lit.span.start === written.span.start && item.lit.span.end === written.span.end;
    out.push({ value: item.value, span: own ? valueSpan(item) : written.span, elementSpan: written.span, match: 'exact' });
  }
  return out;
}

/** A mention of every known option written in the object (for hovers), and the names the library does not know. */
export function optionFacts(o: Options, library: string, known: readonly string[]): { mentions: OptionMention[]; unknown: CorsPolicy['unknownOptions'] } {
  const mentions: OptionMention[] = [];
  const unknown: NonNullable<CorsPolicy['unknownOptions']> = [];
  if (o.k !== 'map') return { mentions, unknown: undefined };
  for (const e of o.map.at.entries) {
    if (e.key === undefined || !e.keySpan) continue;
    if (known.includes(e.key)) mentions.push({ span: e.keySpan, library, option: e.key });
    else unknown.push({ name: { value: e.key, span: e.keySpan }, known: [...known] });
  }
  return { mentions, unknown: unknown.length ? unknown : undefined };
}

/** The max-age as written, when it is a number literal or a verbatim string written in the object itself. */
export function maxAgeOf(o: Opt): Valued<string> | undefined {
  const v = o.value;
  const inPlace = v.at.span.start === o.expr.span.start && v.at.span.end === o.expr.span.end;
  if (v.k === 'num') return { value: v.raw.replace(/_/g, ''), span: inPlace ? v.at.span : o.expr.span };
  if (v.k === 'str' && v.lit?.verbatim && inPlace) return { value: v.value, span: v.lit.inner };
  return undefined;
}
