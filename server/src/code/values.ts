/**
 * What an expression evaluates to, as far as the file says: literals, constants followed to their value,
 * lists and maps, joins, regexes, and the request Origin (`origin`) wherever it flows through constants.
 * Anything else is `unknown`; a parameter stays a `param` (its value comes from the caller).
 */
import type { Span } from '../model/index.js';
import { lookup, type Binding, type Scope, type Scopes } from './bindings.js';
import { chainOf, dottedName, matches, type Step } from './chain.js';
import type { Entry, Expr, Func, Program } from './form.js';
import type { LanguageTable } from './table.js';

export type Val =
  /** `lit` is the literal the value is written as, when it is one literal (its spans are exact). */
  | { k: 'str'; value: string; at: Expr; lit?: Expr & { k: 'str' } }
  | { k: 'num'; value: number; raw: string; at: Expr }
  | { k: 'bool'; value: boolean; at: Expr }
  | { k: 'nil'; at: Expr }
  | { k: 'regex'; pattern: string; patternSpan?: Span; flags: string; at: Expr }
  /** The request's Origin header. `via` is how the code reads it (`req.headers.origin`). */
  | { k: 'origin'; via: string; at: Expr }
  | { k: 'concat'; parts: Val[]; at: Expr }
  | { k: 'list'; items: Val[]; at: Expr & { k: 'list' } }
  | { k: 'map'; entries: { key?: string; keySpan?: Span; value: Val; entry: Entry }[]; open: boolean; at: Expr & { k: 'map' } }
  | { k: 'func'; fn: Func; at: Expr }
  /** `test ? a : b`: which one depends on the test. */
  | { k: 'choice'; test: Expr; then: Val; else: Val; env: Env; at: Expr }
  | { k: 'param'; name: string; fn: Func; index: number; at: Expr }
  | { k: 'unknown'; at: Expr };

/** One file's code, analysed once: its common form, scopes, language table and text. */
export interface Code {
  program: Program;
  scopes: Scopes;
  table: LanguageTable;
  text: string;
}

/** Where an expression is evaluated: the file and the scope of the function it sits in. */
export interface Env {
  code: Code;
  scope: Scope;
}

export function envOf(code: Code, fn?: Func): Env {
  return { code, scope: (fn && code.scopes.of(fn)) || code.scopes.module };
}

const MAX = 24;

/** Find a name's binding and the scope it lives in. */
export function bindingOf(name: string, env: Env): { b: Binding; env: Env } | undefined {
  const hit = lookup(env.scope, name, env.code.scopes.language);
  return hit ? { b: hit.binding, env: { code: env.code, scope: hit.scope } } : undefined;
}

/** The chain of an expression with constant roots replaced by what they stand for:
 *  `const h = req.headers; h.origin` reads as `req.headers.origin`. */
export function resolvedChain(e: Expr, env: Env, depth = 0): { chain: Step[]; env: Env } {
  const chain = chainOf(e);
  const root = chain[0];
  if (depth > 8 || root?.k !== 'root') return { chain, env };
  const found = bindingOf(root.name, env);
  if (found?.b.k !== 'value' || !found.b.constant || found.b.prop !== undefined) return { chain, env };
  const v = found.b.value;
  if (v.k !== 'member' && v.k !== 'index' && v.k !== 'call' && v.k !== 'name') return { chain, env };
  const inner = resolvedChain(v, found.env, depth + 1);
  return { chain: [...inner.chain, ...chain.slice(1)], env: inner.env };
}

/** Is the root of a chain the request object? */
export function isRequestRoot(step: Step, env: Env): boolean {
  if (step.k !== 'root') return false;
  const t = env.code.table;
  const found = bindingOf(step.name, env);
  if (found?.b.k === 'param') return !found.b.prop && t.requestParam(found.b.fn, found.b.index);
  // `from flask import request`: an imported request object keeps its name
  if (found && found.b.k !== 'import') return false;
  return t.requestNames.has(step.name);
}

/** If the expression reads the request Origin, how (its source text). */
export function originRead(e: Expr, env: Env): string | undefined {
  if (e.k !== 'member' && e.k !== 'index' && e.k !== 'call') return undefined;
  const { chain, env: at } = resolvedChain(e, env);
  const t = env.code.table;
  for (const p of t.originSources) if (matches(chain, p, (s) => isRequestRoot(s, at))) return env.code.text.slice(e.span.start, e.span.end);
  return undefined;
}

function callMatches(e: Expr & { k: 'call' }, form: { method?: string; fn?: string }): boolean {
  if (form.fn) return dottedName(e.callee)?.toLowerCase() === form.fn.toLowerCase();
  return e.callee.k === 'member' && e.callee.name === form.method;
}

export function argOf(e: Expr & { k: 'call' }, at: 'recv' | number): Expr | undefined {
  if (at === 'recv') return e.callee.k === 'member' ? e.callee.object : undefined;
  const a = e.args.filter((x) => !x.name)[at];
  return a && !a.spread ? a.value : undefined;
}

export function findForm<F extends { method?: string; fn?: string }>(e: Expr & { k: 'call' }, forms: F[]): F | undefined {
  return forms.find((f) => callMatches(e, f));
}

export function evaluate(e: Expr | undefined, env: Env, depth = 0): Val {
  if (!e) return { k: 'unknown', at: { k: 'unknown', span: { start: 0, end: 0 } } };
  if (depth > MAX) return { k: 'unknown', at: e };
  const ev = (x: Expr | undefined, en: Env = env) => evaluate(x, en, depth + 1);
  switch (e.k) {
    case 'str':
      return { k: 'str', value: e.value, at: e, lit: e };
    case 'num':
      return { k: 'num', value: e.value, raw: e.raw, at: e };
    case 'bool':
      return { k: 'bool', value: e.value, at: e };
    case 'nil':
      return { k: 'nil', at: e };
    case 'regex':
      return { k: 'regex', pattern: e.pattern, patternSpan: e.patternSpan, flags: e.flags, at: e };
    case 'concat': {
      const parts = e.parts.map((p) => ev(p));
      if (parts.every((p) => p.k === 'str')) return { k: 'str', value: parts.map((p) => (p.k === 'str' ? p.value : '')).join(''), at: e };
      return { k: 'concat', parts, at: e };
    }
    case 'name': {
      const found = bindingOf(e.name, env);
      if (!found) return { k: 'unknown', at: e };
      const b = found.b;
      if (b.k === 'param') {
        if (!b.prop && env.code.table.originParam?.(b.fn, b.index)) return { k: 'origin', via: e.name, at: e };
        return { k: 'param', name: b.name, fn: b.fn, index: b.index, at: e };
      }
      if (b.k === 'func') return { k: 'func', fn: b.fn, at: e };
      if (b.k !== 'value' || !b.constant) return { k: 'unknown', at: e };
      if (b.prop !== undefined) {
        // `const { origin } = req.headers`
        const synthetic: Expr = { k: 'member', span: e.span, object: b.value, name: b.prop, nameSpan: e.span };
        const via = originRead(synthetic, found.env);
        if (via) return { k: 'origin', via, at: e };
        return property(ev(b.value, found.env), b.prop, e);
      }
      const v = ev(b.value, found.env);
      // the Origin is read where the name is written (spans point at the use; `via` names the read, which
      // says more in a message than the local's name)
      if (v.k === 'origin') return { ...v, at: e };
      return v.k === 'choice' ? { ...v, at: e } : v;
    }
    case 'member':
    case 'index': {
      const via = originRead(e, env);
      if (via) return { k: 'origin', via, at: e };
      if (e.k === 'member' && e.object.k === 'name') {
        const c = classConst(e.object.name, e.name, e.span, env);
        if (c) return ev(c, envOf(env.code));
      }
      const obj = ev(e.object);
      if (e.k === 'member') return property(obj, e.name, e);
      const idx = ev(e.index);
      if (idx.k === 'num' && obj.k === 'list') return obj.items[idx.value] ?? { k: 'unknown', at: e };
      if (idx.k === 'str') return property(obj, idx.value, e);
      return { k: 'unknown', at: e };
    }
    case 'call': {
      const via = originRead(e, env);
      if (via) return { k: 'origin', via, at: e };
      const t = env.code.table;
      const join = findForm(e, t.joins);
      if (join) {
        const sep = ev(argOf(e, join.sep));
        const list = ev(argOf(e, join.list));
        if (sep.k === 'str' && list.k === 'list' && list.items.every((i) => i.k === 'str')) {
          return { k: 'str', value: list.items.map((i) => (i.k === 'str' ? i.value : '')).join(sep.value), at: e };
        }
        return { k: 'unknown', at: e };
      }
      const lc = findForm(e, t.listCalls);
      if (lc) {
        if (lc.from === 'first') {
          const v = ev(argOf(e, 0));
          return v.k === 'list' ? v : { k: 'unknown', at: e };
        }
        return e.args.some((a) => a.spread || a.name) ? { k: 'unknown', at: e } : { k: 'list', items: e.args.map((a) => ev(a.value)), at: { k: 'list', span: e.span, items: e.args.map((a) => a.value), kind: 'array' } };
      }
      const fmt = t.formats && findForm(e, t.formats);
      if (fmt) return formatted(e, fmt.fmt, env, depth);
      const re = findForm(e, t.regexCalls);
      if (re) {
        const p = ev(argOf(e, 0));
        if (p.k === 'str') return { k: 'regex', pattern: p.value, patternSpan: p.lit?.verbatim ? p.lit.inner : undefined, flags: '', at: e };
        if (p.k === 'regex') return p;
      }
      return { k: 'unknown', at: e };
    }
    case 'list':
      return { k: 'list', items: e.items.map((i) => ev(i)), at: e };
    case 'map': {
      // `{ ...base, k: v }`: a spread of a map known in full is taken in; a later key replaces an earlier one
      // (JS objects, Python dicts, PHP arrays). A spread of anything else leaves the map open.
      const entries: Extract<Val, { k: 'map' }>['entries'] = [];
      let open = false;
      const put = (en: Extract<Val, { k: 'map' }>['entries'][number]) => {
        const at = entries.findIndex((x) => x.key === en.key);
        if (at >= 0) entries.splice(at, 1);
        entries.push(en);
      };
      for (const en of e.entries) {
        if (en.spread) {
          const v = ev(en.value);
          if (v.k === 'map' && !v.open) v.entries.forEach(put);
          else open = true;
        } else if (en.key === undefined) open = true;
        else put({ key: en.key, keySpan: en.keySpan, value: ev(en.value), entry: en });
      }
      return { k: 'map', entries, open, at: e };
    }
    case 'func':
      return { k: 'func', fn: e.fn, at: e };
    case 'binary': {
      if (e.op === '||' || e.op === '??') {
        // `req.headers.origin || '*'`: the fallback only applies when the request has no Origin
        const l = ev(e.left);
        if (l.k === 'origin') return l;
      }
      if (e.op === '+' || e.op === '-' || e.op === '*' || e.op === '/') {
        const l = ev(e.left);
        const r = ev(e.right);
        // constant arithmetic: `60 * 60 * 24`
        if (l.k === 'num' && r.k === 'num') {
          const value = e.op === '+' ? l.value + r.value : e.op === '-' ? l.value - r.value : e.op === '*' ? l.value * r.value : r.value === 0 ? NaN : l.value / r.value;
          return Number.isFinite(value) ? { k: 'num', value, raw: String(value), at: e } : { k: 'unknown', at: e };
        }
        if (e.op !== '+') return { k: 'unknown', at: e };
        if (l.k === 'str' && r.k === 'str') return { k: 'str', value: l.value + r.value, at: e };
        return { k: 'concat', parts: [l, r], at: e };
      }
      return { k: 'unknown', at: e };
    }
    case 'ternary':
      return { k: 'choice', test: e.test, then: ev(e.then), else: ev(e.else), env, at: e };
    case 'assignExpr':
      return ev(e.value);
    default:
      return { k: 'unknown', at: e };
  }
}

/** `sprintf('A: %s', $x)`: the format's text runs and the values, as a concatenation. The first text run
 *  keeps exact spans when the format literal is written verbatim (it starts where the literal does). */
function formatted(e: Expr & { k: 'call' }, at: number, env: Env, depth: number): Val {
  const f = evaluate(argOf(e, at), env, depth + 1);
  if (f.k !== 'str') return { k: 'unknown', at: e };
  const parts: Val[] = [];
  let run = '';
  let next = at + 1;
  const flush = () => {
    if (!run) return;
    const lit = !parts.length && f.lit?.verbatim && !run.includes('%') && f.lit.value.startsWith(run) ? f.lit : undefined;
    const inner = lit ? { start: lit.inner.start, end: lit.inner.start + run.length } : undefined;
    parts.push({ k: 'str', value: run, at: f.at, lit: lit && inner ? { ...lit, value: run, inner } : undefined });
    run = '';
  };
  for (let i = 0; i < f.value.length; i++) {
    const c = f.value[i];
    if (c !== '%') {
      run += c;
      continue;
    }
    const d = f.value[++i];
    if (d === '%') run += '%';
    else if (d === 's') {
      flush();
      const a = argOf(e, next++);
      if (!a) return { k: 'unknown', at: e };
      parts.push(evaluate(a, env, depth + 1));
    } else return { k: 'unknown', at: e };
  }
  flush();
  if (parts.every((p) => p.k === 'str')) return { k: 'str', value: parts.map((p) => (p.k === 'str' ? p.value : '')).join(''), at: e };
  return { k: 'concat', parts, at: e };
}

/** `self::X`, `static::X`, `Cls::X`: a class constant of the file. */
function classConst(cls: string, name: string, at: Span, env: Env): Expr | undefined {
  const classes = env.code.scopes.classes;
  if (cls === 'self' || cls === 'static') {
    const inside = classes.filter((c) => c.span.start <= at.start && at.end <= c.span.end).at(-1);
    return inside?.consts.get(name);
  }
  const named = classes.filter((c) => c.name === cls);
  return named.length === 1 ? named[0].consts.get(name) : undefined;
}

function property(obj: Val, name: string, at: Expr): Val {
  if (obj.k === 'map' && !obj.open) {
    const hit = obj.entries.filter((en) => en.key === name).at(-1);
    return hit ? hit.value : { k: 'unknown', at };
  }
  return { k: 'unknown', at };
}

/** Does the expression read the request Origin anywhere in it? */
export function mentionsOrigin(e: Expr | undefined, env: Env, depth = 0): boolean {
  if (!e || depth > 60) return false;
  const v = e.k === 'name' || e.k === 'member' || e.k === 'index' || e.k === 'call' ? evaluate(e, env) : undefined;
  if (v?.k === 'origin') return true;
  const m = (x: Expr | undefined) => mentionsOrigin(x, env, depth + 1);
  switch (e.k) {
    case 'member':
      return m(e.object);
    case 'index':
      return m(e.object) || m(e.index);
    case 'call':
      return m(e.callee) || e.args.some((a) => m(a.value));
    case 'binary':
      return m(e.left) || m(e.right);
    case 'not':
    case 'unary':
      return m(e.expr);
    case 'ternary':
      return m(e.test) || m(e.then) || m(e.else);
    case 'concat':
      return e.parts.some(m);
    case 'list':
      return e.items.some(m);
    case 'assignExpr':
      return m(e.value);
    default:
      return false;
  }
}
