/**
 * Hand-written response headers, once for every language: the calls and assignments a write table names
 * (`res.setHeader(n, v)`, `resp.headers[n] = v`, `header("N: v")`, `new Response(b, { headers })` …) are
 * found in every function of the file, and each header they write becomes a HeaderWrite whose value says
 * whether it is a literal, the request Origin (and which checks guard it), or unknown.
 */
import type { HeaderValue, HeaderWrite, OriginCheck, Span } from '../model/index.js';
import { classify, strongest } from './conditions.js';
import type { Expr, Func, Stmt } from './form.js';
import { assignedNames, flagsOf } from './exclusive.js';
import { summarize, walkFunc, type Guard, type GuardSummary } from './guards.js';
import { argOf, envOf, evaluate, findForm, type Code, type Env, type Val } from './values.js';

/** One way a call writes headers. Positions count positional arguments only. */
export interface WriteForm {
  /** A method on a receiver (`setHeader`) or a function by dotted name (`header`, `make_response`). */
  method?: string;
  fn?: string;
  /** Which receivers count; absent: any. The receiver is the callee's object (`res` of `res.vary(f)`), or
   *  the argument at `recvArg` (`vary(res, f)`, a function that takes the response first). */
  recv?: (recv: Expr, env: Env) => boolean;
  recvArg?: number;
  op: HeaderWrite['op'];
  /** Header name and value arguments. */
  name?: number;
  value?: number;
  /** A header the call always writes (`res.vary(field)`, Django's `patch_vary_headers(resp, ['Origin'])`:
   *  Vary); its value is the `value` argument, a list of strings sent joined by ', '; the name's span is the
   *  callee's name. */
  header?: string;
  /** An argument `target[Name]` whose header is removed (Python `del target[Name]`, read as `del(...)`):
   *  `recv` tests `target`; the write has op `unset`. */
  item?: number;
  /** One `Name: value` argument (PHP `header()`). */
  line?: number;
  /** An argument holding a map `{ Name: value }` (or a list of pairs); a number = positional, a string =
   *  keyword argument; `{ arg, key }` = the `key` entry of an options map argument (`{ headers: {...} }`). */
  map?: number | string | { arg: number; key: string };
  /** When this argument is literally false, the write adds a line instead of replacing (PHP `header(l, false)`). */
  replaceArg?: number;
  /** When this argument is an options map with `append: true`, the write adds instead of replacing
   *  (Hono `c.header(n, v, { append: true })`, hapi `response.header(n, v, { append: true })`); with
   *  `override: false` it writes only when the header is absent (hapi). */
  appendArg?: number;
  /** Only calls with at least / at most this many positional arguments (named ones count at their place). */
  minArgs?: number;
  maxArgs?: number;
  /** The parameter names by position, for named arguments (PHP 8 `header(header: ..., replace: false)`). */
  params?: string[];
}

/** The argument at a position, positional or named by the form's parameter names. */
function argAt(call: Expr & { k: 'call' }, at: number, f: WriteForm): Expr | undefined {
  const name = f.params?.[at];
  const named = name !== undefined ? call.args.find((a) => a.name === name) : undefined;
  return named ? named.value : argOf(call, at);
}

/** `target[Name] = value` where the indexed object passes `recv` (`resp.headers`, Django's `response`). */
export interface AssignForm {
  recv: (obj: Expr, env: Env) => boolean;
  op: HeaderWrite['op'];
  /** `target.Prop = value` too: the header a property names, if any (C# `Response.Headers.AccessControlAllowOrigin`). */
  prop?: (name: string) => string | undefined;
}

export interface WriteTable {
  extractor: string;
  calls: WriteForm[];
  assigns: AssignForm[];
  /** `return body, status, headers`-style returns: the part of a returned value that holds headers. */
  returned?(value: Expr): Expr | undefined;
  /** The text the server sends for a non-string literal (numbers, booleans), per language. */
  stringify(v: Val): string | undefined;
  /** Header names worth a fact (CORS ones and near misses). */
  wanted(name: string): boolean;
  /** Decorators of a function that set a header on its responses (Nest `@Header('X', 'v')`), as call forms
   *  (`fn` = the decorator's name); their writes come before the writes of the function's body. */
  decorators?: WriteForm[];
  /** Does a list value of this header send one header line per element (Node's setHeader)? Absent: every
   *  header does. A header it does not split gets one write of unknown value (its lines are joined into one
   *  list by the browser, which "the last write wins" would misread). */
  splits?(name: string): boolean;
}

export interface WriteSite {
  write: HeaderWrite;
  /** The function the write is in (undefined: module level). */
  fn?: Func;
  stmt: Stmt;
  /** The call or assignment that writes. */
  node: Expr | Stmt;
  guards: readonly Guard[];
  summary: GuardSummary;
  /** Branch signature: branching statement → arm, to tell writes in exclusive arms apart. */
  branches: Map<number, number>;
  form: WriteForm | AssignForm;
  /** The value span is the inside of a literal written verbatim at the write (a fix may edit inside it). */
  valueExact: boolean;
}

/** What a header value is, given the guards on its path. */
export function headerValueOf(v: Val, summary: GuardSummary, env: Env, table: WriteTable, depth = 0): HeaderValue {
  switch (v.k) {
    case 'origin': {
      const checks: OriginCheck[] = summary.checks.map((c) => (c.k === 'check' ? c.check : { kind: 'unknown' }));
      return checks.length ? { kind: 'request-origin', checked: true, check: strongest(checks), via: v.via } : { kind: 'request-origin', checked: false, via: v.via };
    }
    case 'choice': {
      // `ok ? origin : 'null'`: the origin branch is guarded by the test
      if (depth > 4) return { kind: 'unknown' };
      for (const [branch, positive] of [[v.then, true], [v.else, false]] as const) {
        if (branch.k !== 'origin') continue;
        const c = classify(v.test, positive, v.env);
        const more = c.k === 'check' ? [...summary.checks, c] : summary.checks;
        return headerValueOf(branch, { ...summary, checks: more }, env, table, depth + 1);
      }
      const a = headerValueOf(v.then, summary, env, table, depth + 1);
      const b = headerValueOf(v.else, summary, env, table, depth + 1);
      return a.kind === 'literal' && b.kind === 'literal' && a.text === b.text ? a : { kind: 'unknown', reason: 'chosen at run time' };
    }
    case 'str':
      return { kind: 'literal', text: v.value };
    default: {
      const s = table.stringify(v);
      return s !== undefined ? { kind: 'literal', text: s } : { kind: 'unknown', reason: v.k };
    }
  }
}

/** Where a value is written at the write: inside the quotes when the literal itself is written there
 *  verbatim (an edit can replace it), else the whole expression as written (a constant's name, a call). */
function spanAt(v: Val, written: Expr | undefined): Span {
  if (!written) return v.at.span;
  return exactAt(v, written) ? (v as { lit: Expr & { k: 'str' } }).lit.inner : written.span;
}
const exactAt = (v: Val, written: Expr | undefined): boolean => !!written && v.k === 'str' && v.lit === written && v.lit.verbatim;

interface Emit {
  name: string;
  nameSpan: Span;
  value: HeaderValue;
  valueSpan?: Span;
  /** valueSpan is the inside of a literal written verbatim at the write. */
  valueExact?: boolean;
  statementSpan: Span;
  op: HeaderWrite['op'];
}

/** The headers one `Name: value` line writes (PHP `header()`), with exact spans where the text is verbatim. */
function lineWrite(v: Val, summary: GuardSummary, env: Env, table: WriteTable): Omit<Emit, 'statementSpan' | 'op'> | undefined {
  const parts: Val[] = v.k === 'concat' ? flatten(v) : [v];
  const first = parts[0];
  if (first?.k !== 'str') return undefined;
  const colon = first.value.indexOf(':');
  if (colon <= 0) return undefined;
  const name = first.value.slice(0, colon).trim();
  const exact = first.lit?.verbatim ? first.lit.inner : undefined;
  const lead = first.value.length - first.value.trimStart().length;
  const nameSpan = exact ? { start: exact.start + lead, end: exact.start + lead + first.value.slice(lead, colon).trimEnd().length } : first.at.span;
  const restText = first.value.slice(colon + 1);
  const ws = restText.length - restText.trimStart().length;
  const rest = parts.slice(1);
  if (!rest.length) {
    const text = restText.trim();
    const vs = exact ? { start: exact.start + colon + 1 + ws, end: exact.start + colon + 1 + ws + text.length } : first.at.span;
    return { name, nameSpan, value: { kind: 'literal', text }, valueSpan: vs };
  }
  if (restText.trim() === '' && rest.length === 1) {
    const value = headerValueOf(rest[0], summary, env, table);
    return { name, nameSpan, value, valueSpan: rest[0].at.span };
  }
  if (rest.every((p) => p.k === 'str')) {
    const text = (restText + rest.map((p) => (p.k === 'str' ? p.value : '')).join('')).trim();
    return { name, nameSpan, value: { kind: 'literal', text }, valueSpan: v.at.span };
  }
  return { name, nameSpan, value: { kind: 'unknown', reason: 'built at run time' }, valueSpan: v.at.span };
}

function flatten(v: Val): Val[] {
  if (v.k !== 'concat') return [v];
  const out: Val[] = [];
  for (const p of v.parts.flatMap(flatten)) {
    const last = out.at(-1);
    // merge adjacent literal runs (the first run keeps its exact spans only when it stands alone)
    if (last?.k === 'str' && p.k === 'str') out[out.length - 1] = { k: 'str', value: last.value + p.value, at: last.at, lit: undefined };
    else out.push(p);
  }
  return out;
}

/** The name/value pairs of a map or list-of-pairs value, with where each is written. */
function pairsOf(v: Val): { key: Val; value: Val; span: Span; keySpan: Span; valueSpan: Span; exact: boolean; written?: Expr }[] {
  if (v.k === 'map') {
    return v.entries.map((e) => ({ key: { k: 'str', value: e.key!, at: e.entry.value } as Val, value: e.value, span: e.entry.span, keySpan: e.keySpan ?? e.entry.span, valueSpan: spanAt(e.value, e.entry.value), exact: exactAt(e.value, e.entry.value), written: e.entry.value }));
  }
  if (v.k === 'list') {
    return v.items.flatMap((it, i) => {
      if (it.k !== 'list' || it.items.length !== 2) return [];
      const written = v.at.items[i]?.k === 'list' ? (v.at.items[i] as Expr & { k: 'list' }).items : [];
      return [{ key: it.items[0], value: it.items[1], span: it.at.span, keySpan: spanAt(it.items[0], written[0]), valueSpan: spanAt(it.items[1], written[1]), exact: exactAt(it.items[1], written[1]) }];
    });
  }
  return [];
}

function mapArg(call: Expr & { k: 'call' }, at: NonNullable<WriteForm['map']>, env: Env, f: WriteForm): Val | undefined {
  if (typeof at === 'number') return evaluate(argAt(call, at, f), env);
  if (typeof at === 'string') {
    const a = call.args.find((x) => x.name === at);
    return a ? evaluate(a.value, env) : undefined;
  }
  const opts = evaluate(argOf(call, at.arg), env);
  if (opts.k !== 'map') return undefined;
  return opts.entries.find((e) => e.key === at.key)?.value;
}

/** The writes of one header name and value: an array value sends one header line per element (Node's
 *  setHeader, werkzeug's Headers) when the table says the header splits; each element keeps where it is
 *  written (in place, or in the constant's array). */
function valueEmits(name: string, nameSpan: Span, v: Val, valueExpr: Expr | undefined, summary: GuardSummary, env: Env, table: WriteTable, stmtSpan: Span, op: HeaderWrite['op']): Emit[] {
  if (v.k === 'list') {
    if (table.splits && !table.splits(name) && v.items.length !== 1) return [{ name, nameSpan, value: { kind: 'unknown', reason: 'array value' }, valueSpan: valueExpr?.span ?? v.at.span, statementSpan: stmtSpan, op }];
    const written = v.at.items;
    return v.items.map((it, i) => ({ name, nameSpan, value: headerValueOf(it, summary, env, table), valueSpan: spanAt(it, written[i] ?? valueExpr), valueExact: exactAt(it, written[i]) && v.at === valueExpr, statementSpan: stmtSpan, op: i === 0 ? op : 'add' }));
  }
  return [{ name, nameSpan, value: headerValueOf(v, summary, env, table), valueSpan: valueExpr ? spanAt(v, valueExpr) : undefined, valueExact: exactAt(v, valueExpr), statementSpan: stmtSpan, op }];
}

function emitsOfCall(call: Expr & { k: 'call' }, f: WriteForm, summary: GuardSummary, env: Env, table: WriteTable, stmtSpan: Span): Emit[] {
  const positional = call.args.filter((a) => !a.name || f.params?.includes(a.name)).length;
  if ((f.minArgs && positional < f.minArgs) || (f.maxArgs !== undefined && positional > f.maxArgs)) return [];
  let op = f.op;
  if (f.replaceArg !== undefined) {
    const r = evaluate(argAt(call, f.replaceArg, f), env);
    if (r.k === 'bool' && !r.value) op = 'add';
  }
  if (f.appendArg !== undefined) {
    const o = evaluate(argOf(call, f.appendArg), env);
    const key = (k: string) => (o.k === 'map' ? o.entries.find((e) => e.key === k)?.value : undefined);
    const a = key('append');
    const keep = key('override');
    // `{ append: flag }` or an options object we cannot read: which one happens is not known
    if ((o.k === 'map' && ((a && a.k !== 'bool') || (keep && keep.k !== 'bool') || (!a && o.open))) || (o.k !== 'map' && o.k !== 'nil' && argOf(call, f.appendArg))) return [];
    if (a?.k === 'bool' && a.value) op = 'add';
    // hapi `{ override: false }`: only when the header is not there yet
    else if (keep?.k === 'bool' && !keep.value) op = 'setifempty';
  }
  if (f.line !== undefined) {
    const w = lineWrite(evaluate(argAt(call, f.line, f), env), summary, env, table);
    return w ? [{ ...w, statementSpan: stmtSpan, op }] : [];
  }
  if (f.item !== undefined) {
    const t = argOf(call, f.item);
    if (t?.k !== 'index' || (f.recv && !f.recv(t.object, env))) return [];
    const n = evaluate(t.index, env);
    if (n.k !== 'str') return [];
    return [{ name: n.value, nameSpan: spanAt(n, t.index), value: { kind: 'unknown', reason: 'removal' }, statementSpan: stmtSpan, op: 'unset' }];
  }
  if (f.header !== undefined && f.value !== undefined) {
    const valueExpr = argAt(call, f.value, f);
    const v = evaluate(valueExpr, env);
    const nameSpan = call.callee.k === 'member' ? call.callee.nameSpan : call.callee.span;
    const texts = v.k === 'list' ? v.items.map((it) => (it.k === 'str' ? it.value : undefined)) : [];
    if (v.k === 'list' && texts.every((t) => t !== undefined)) {
      return [{ name: f.header, nameSpan, value: { kind: 'literal', text: texts.join(', ') }, valueSpan: valueExpr?.span, statementSpan: stmtSpan, op }];
    }
    return valueEmits(f.header, nameSpan, v, valueExpr, summary, env, table, stmtSpan, op);
  }
  if (f.name !== undefined && f.value === undefined && op === 'unset') {
    // a removal names the header only (`header_remove('X')`, `->withoutHeader('X')`)
    const nameExpr = argAt(call, f.name, f);
    const n = evaluate(nameExpr, env);
    return n.k === 'str' ? [{ name: n.value, nameSpan: spanAt(n, nameExpr), value: { kind: 'unknown', reason: 'removal' }, statementSpan: stmtSpan, op }] : [];
  }
  if (f.name !== undefined && f.value !== undefined) {
    const nameExpr = argAt(call, f.name, f);
    const n = evaluate(nameExpr, env);
    if (n.k !== 'str') return [];
    const valueExpr = argAt(call, f.value, f);
    const v = evaluate(valueExpr, env);
    return valueEmits(n.value, spanAt(n, nameExpr), v, valueExpr, summary, env, table, stmtSpan, op);
  }
  if (f.map !== undefined) {
    const m = mapArg(call, f.map, env, f);
    if (!m) return [];
    const seen = new Set<string>();
    return pairsOf(m).flatMap((p) => {
      if (p.key.k !== 'str') return [];
      const lower = p.key.value.toLowerCase();
      const first = !seen.has(lower);
      seen.add(lower);
      if (p.value.k === 'list') return valueEmits(p.key.value, p.keySpan, p.value, p.written, summary, env, table, p.span, first ? op : 'add');
      return [{ name: p.key.value, nameSpan: p.keySpan, value: headerValueOf(p.value, summary, env, table), valueSpan: p.valueSpan, valueExact: p.exact, statementSpan: p.span, op: first ? op : 'add' }];
    });
  }
  return [];
}

function conditionOf(guards: readonly Guard[], s: GuardSummary): HeaderWrite['condition'] | undefined {
  if (s.method) return s.method;
  return guards.length && (s.absent || s.checks.length || s.other) ? 'conditional' : undefined;
}

/** Every hand-written header write of the file, in source order. Ids are `<prefix><n>`. */
export function collectWrites(code: Code, table: WriteTable, idPrefix = 'w'): WriteSite[] {
  const out: WriteSite[] = [];
  let n = 0;
  const flagKeys = new Map<string, number>();
  const visitFn = (fn: Func | undefined, body: Stmt[]) => {
    const env = envOf(code, fn);
    let assigned: Set<string> | undefined;
    let decorating = false;
    const visit = (node: { stmt: Stmt; expr?: Expr }, guards: readonly Guard[]) => {
      const sites: { emits: Emit[]; form: WriteForm | AssignForm; at: Expr | Stmt }[] = [];
      // the guards are classified once per node, and only for a node that writes headers
      let summed: GuardSummary | undefined;
      const summary = () => (summed ??= summarize(guards, env));
      if (node.expr?.k === 'call') {
        const call = node.expr;
        const forms = decorating ? table.decorators! : table.calls;
        for (const f of forms) {
          if (!findForm(call, [f])) continue;
          const recv = f.recvArg !== undefined ? argOf(call, f.recvArg) : call.callee.k === 'member' ? call.callee.object : undefined;
          if (f.recv && f.item === undefined && (!recv || !f.recv(recv, env))) continue;
          const whole = node.stmt.k === 'expr' && node.stmt.expr === call ? node.stmt.span : call.span;
          sites.push({ emits: emitsOfCall(call, f, summary(), env, table, whole), form: f, at: call });
        }
      } else if (!node.expr && node.stmt.k === 'assign' && node.stmt.target.k === 'index') {
        const t = node.stmt.target;
        const f = table.assigns.find((a) => a.recv(t.object, env));
        const key = f ? evaluate(t.index, env) : undefined;
        if (f && key?.k === 'str') {
          const v = evaluate(node.stmt.value, env);
          const emit: Emit = { name: key.value, nameSpan: spanAt(key, t.index), value: headerValueOf(v, summary(), env, table), valueSpan: spanAt(v, node.stmt.value), valueExact: exactAt(v, node.stmt.value), statementSpan: node.stmt.span, op: f.op };
          sites.push({ emits: [emit], form: f, at: node.stmt });
        }
      } else if (!node.expr && node.stmt.k === 'assign' && node.stmt.target.k === 'member') {
        const t = node.stmt.target;
        const f = table.assigns.find((a) => a.prop?.(t.name) && a.recv(t.object, env));
        const name = f?.prop?.(t.name);
        if (f && name) {
          const v = evaluate(node.stmt.value, env);
          const emit: Emit = { name, nameSpan: t.nameSpan, value: headerValueOf(v, summary(), env, table), valueSpan: spanAt(v, node.stmt.value), valueExact: exactAt(v, node.stmt.value), statementSpan: node.stmt.span, op: f.op };
          sites.push({ emits: [emit], form: f, at: node.stmt });
        }
      } else if (!node.expr && node.stmt.k === 'return' && node.stmt.value && table.returned) {
        const h = table.returned(node.stmt.value);
        if (h) {
          const form: WriteForm = { op: 'set', map: 0 };
          const fake: Expr & { k: 'call' } = { k: 'call', span: h.span, callee: h, args: [{ span: h.span, value: h }] };
          sites.push({ emits: emitsOfCall(fake, form, summary(), env, table, node.stmt.span), form, at: node.stmt });
        }
      }
      for (const s of sites) {
        for (const e of s.emits) {
          if (!table.wanted(e.name)) continue;
          const sum = summary();
          const write: HeaderWrite = { id: `${idPrefix}${++n}`, name: e.name, nameSpan: e.nameSpan, value: e.value, valueSpan: e.valueSpan, statementSpan: e.statementSpan, op: e.op, always: 'n/a', layer: 'app', scope: { kind: 'file', label: '', path: [] }, extractor: table.extractor };
          if (!write.valueSpan) delete write.valueSpan;
          const cond = conditionOf(guards, sum);
          if (cond) write.condition = cond;
          const branches = new Map<number, number>();
          for (const g of guards) if (g.branch) branches.set(g.branch.at, g.branch.arm);
          // a flag of this function tested one way: its key is negative (branch keys are offsets)
          for (const [flag, truth] of flagsOf(guards, (assigned ??= assignedNames(body)))) {
            const k = `${fn?.span.start ?? -1}:${flag}`;
            if (!flagKeys.has(k)) flagKeys.set(k, -1 - flagKeys.size);
            branches.set(flagKeys.get(k)!, truth ? 1 : 0);
          }
          out.push({ write, fn, stmt: node.stmt, node: s.at, guards, summary: sum, branches, form: s.form, valueExact: !!e.valueExact });
        }
      }
    };
    // a decorator that sets a header reads as a call at the start of the function
    decorating = true;
    for (const d of fn && table.decorators ? fn.decorators : []) {
      if (d.k === 'call') visit({ stmt: { k: 'expr', span: d.span, expr: d }, expr: d }, []);
    }
    decorating = false;
    walkFunc({ body }, visit);
  };
  visitFn(undefined, code.program.body);
  const all = (s: typeof code.scopes.module): void => {
    for (const c of s.children) {
      if (c.fn) visitFn(c.fn, c.fn.body);
      all(c);
    }
  };
  all(code.scopes.module);
  out.sort((a, b) => a.write.statementSpan.start - b.write.statementSpan.start || a.write.nameSpan.start - b.write.nameSpan.start);
  return out;
}

/** Can two writes of one function reach the same response (not in exclusive arms of one branch)? */
export function compatible(a: WriteSite, b: WriteSite): boolean {
  for (const [at, arm] of a.branches) if (b.branches.has(at) && b.branches.get(at) !== arm) return false;
  return true;
}
