/**
 * A small path interpreter over one PHP scope (the file's top level or one function body). It follows
 * `if`/`elseif`/`else`, `switch`, loops (zero or one pass), `try`, and the statements that end the response
 * (`exit`, `die`, `return`, `throw`), and keeps for every path the header writes in order, what it knows
 * about the request method (OPTIONS or not) and the conditions it passed that test the Origin.
 */
import type { Node } from '../../syntax/treeSitter.js';
import { andResult, type OriginCheckResult } from './checks.js';
import type { PhpNames } from './conditions.js';
import { callName, literalText } from './strings.js';

export interface Constraint {
  key: string;
  result: OriginCheckResult;
}

export interface Path<W> {
  writes: W[];
  /** Identity of `writes` (their indexes), kept up to date for cheap de-duplication. */
  wkey: string;
  method: 'any' | 'options' | 'non-options';
  cons: Constraint[];
}

export interface CallStep<W> {
  writes: W[];
  clearAll?: boolean;
}

const MAX_PATHS = 64;
const EXIT_CALLS = new Set(['die', 'exit', 'abort', 'wp_die']);
const EXIT_WORD = /\b(?:exit|die|return|throw|abort|wp_die)\b/gi;
const FUNCTION_LIKE_OR_CLASS = new Set(['function_definition', 'method_declaration', 'anonymous_function', 'arrow_function', 'class_declaration', 'interface_declaration', 'trait_declaration', 'enum_declaration']);

/** Whether a statement ends the response (or the function). */
export function isExitStatement(n: Node): boolean {
  if (n.type === 'exit_statement' || n.type === 'return_statement') return true;
  if (n.type === 'expression_statement') {
    const e = n.namedChildren[0];
    if (!e) return false;
    if (e.type === 'throw_expression') return true;
    if (e.type === 'name' && (e.text.toLowerCase() === 'die' || e.text.toLowerCase() === 'exit')) return true;
    const cn = callName(e);
    if (cn && EXIT_CALLS.has(cn)) return true;
  }
  return false;
}

export class PathRunner<W extends { index: number }> {
  private finished: Path<W>[] = [];
  overflow = false;
  private marked = new Set<number>();
  private examined = new Set<number>();

  constructor(
    private names: PhpNames,
    /** Header-writing calls by node id, in evaluation order within their statement. */
    private calls: Map<number, CallStep<W>>,
    private callNodes: Node[],
    scopeNode: Node,
    /** Called each time a write is reached on a path. */
    private onReach: (w: W, p: Path<W>) => void,
    /** End offset of the last write of this scope that copies the Origin: Origin tests in conditions only
     *  matter before it (-1: none). */
    private trackOriginUntil = Infinity,
  ) {
    // Mark the ancestors of every write and exit so that unrelated statements are skipped quickly.
    const mark = (n: Node) => {
      for (let cur: Node | null = n; cur && cur.id !== scopeNode.id; cur = cur.parent) {
        if (this.marked.has(cur.id)) break;
        this.marked.add(cur.id);
      }
    };
    for (const c of callNodes) mark(c);
  }

  /** Mark the statements inside `n` (of this scope) that end the response: located by their keyword in
   *  the text and confirmed in the tree. Only done for statements on the way to a header write. */
  private markExits(n: Node): void {
    const text = this.names.text;
    const slice = text.slice(n.startIndex, n.endIndex);
    if (!/\b(?:exit|die|return|throw|abort|wp_die)\b/i.test(slice)) return;
    EXIT_WORD.lastIndex = n.startIndex;
    for (let m = EXIT_WORD.exec(text); m && m.index < n.endIndex; m = EXIT_WORD.exec(text)) {
      let e: Node | null = this.names.root.descendantForIndex(m.index, m.index + m[0].length);
      for (let i = 0; e && i < 4 && !isExitStatement(e); i++) e = e.parent;
      if (!e || !isExitStatement(e)) continue;
      let nested = false;
      for (let cur: Node | null = e.parent; cur && cur.id !== n.id; cur = cur.parent) {
        if (FUNCTION_LIKE_OR_CLASS.has(cur.type)) {
          nested = true;
          break;
        }
      }
      if (nested) continue;
      for (let cur: Node | null = e; cur && cur.id !== n.id; cur = cur.parent) this.marked.add(cur.id);
      this.marked.add(n.id);
    }
  }

  run(body: Node[]): Path<W>[] {
    const start: Path<W> = { writes: [], wkey: '', method: 'any', cons: [] };
    const end = this.exec(body, [start]);
    return this.dedupe([...this.finished, ...end], Infinity);
  }

  private exec(stmts: Node[], paths: Path<W>[]): Path<W>[] {
    let cur = paths;
    for (const s of stmts) {
      if (cur.length === 0) break;
      cur = this.stmt(s, cur);
    }
    return cur;
  }

  private dedupe(paths: Path<W>[], max = MAX_PATHS): Path<W>[] {
    const seen = new Map<string, Path<W>>();
    for (const p of paths) {
      const key = p.wkey + '|' + p.method + '|' + p.cons.map((c) => c.key).join(',');
      if (!seen.has(key)) seen.set(key, p);
    }
    let out = [...seen.values()];
    if (out.length > max) {
      this.overflow = true;
      out = out.slice(0, MAX_PATHS);
    }
    return out;
  }

  private stmt(n: Node, paths: Path<W>[]): Path<W>[] {
    if (paths.length === 0) return paths;
    if (!this.marked.has(n.id)) {
      if (FUNCTION_LIKE_OR_CLASS.has(n.type) || !this.examined.has(n.id)) {
        this.examined.add(n.id);
        if (!FUNCTION_LIKE_OR_CLASS.has(n.type)) this.markExits(n);
      }
      if (!this.marked.has(n.id)) return paths;
    }
    switch (n.type) {
      case 'compound_statement':
      case 'colon_block':
      case 'ERROR':
      case 'program':
        return this.exec(n.namedChildren, paths);
      case 'namespace_definition': {
        const body = n.childForFieldName('body');
        return body ? this.stmt(body, paths) : paths;
      }
      case 'if_statement':
        return this.ifStatement(n, paths);
      case 'switch_statement':
        return this.switchStatement(n, paths);
      case 'while_statement':
      case 'do_statement':
      case 'for_statement':
      case 'foreach_statement': {
        const body = n.childForFieldName('body') ?? n.namedChildren.at(-1);
        if (!body) return paths;
        const once = this.stmt(body, paths);
        return this.dedupe([...paths, ...once]);
      }
      case 'try_statement': {
        const body = n.childForFieldName('body');
        let out = body ? this.stmt(body, paths) : paths;
        for (const c of n.namedChildren) {
          if (c.type === 'catch_clause') {
            const cb = c.childForFieldName('body');
            if (cb) out = [...out, ...this.stmt(cb, paths)];
          }
        }
        out = this.dedupe(out);
        const fin = n.namedChildren.find((c) => c.type === 'finally_clause');
        const fb = fin?.childForFieldName('body');
        return fb ? this.stmt(fb, out) : out;
      }
      case 'function_definition':
      case 'method_declaration':
      case 'class_declaration':
      case 'interface_declaration':
      case 'trait_declaration':
      case 'enum_declaration':
        return paths;
      default: {
        let cur = paths;
        for (const c of this.callsIn(n)) {
          const step = this.calls.get(c.id);
          if (!step) continue;
          cur = cur.map((p) => {
            const np: Path<W> = { ...p, writes: step.clearAll ? [] : p.writes, wkey: step.clearAll ? 'x' + step.writes.length : p.wkey };
            for (const w of step.writes) {
              np.writes = [...np.writes, w];
              np.wkey += ',' + w.index;
              this.onReach(w, np);
            }
            return np;
          });
        }
        if (isExitStatement(n)) {
          this.finished.push(...cur);
          if (this.finished.length > MAX_PATHS * 4) this.finished = this.dedupe(this.finished, MAX_PATHS * 4);
          return [];
        }
        return cur;
      }
    }
  }

  /** Write calls inside `n` (not inside nested functions), inner calls first. */
  private callsIn(n: Node): Node[] {
    return this.callNodes.filter((c) => c.startIndex >= n.startIndex && c.endIndex <= n.endIndex);
  }

  private assume(paths: Path<W>[], cond: Node | null, positive: boolean): Path<W>[] {
    if (!cond) return paths;
    const m = this.names.methodOf(cond, positive);
    const r: OriginCheckResult = cond.startIndex < this.trackOriginUntil ? this.names.checkOf(cond, positive) : { kind: 'silent' };
    const out: Path<W>[] = [];
    for (const p of paths) {
      if (m && p.method !== 'any' && p.method !== m) continue; // infeasible
      out.push({
        writes: p.writes,
        wkey: p.wkey,
        method: m ?? p.method,
        cons: r.kind === 'silent' ? p.cons : [...p.cons, { key: `${cond.id}${positive ? '+' : '-'}`, result: r }],
      });
    }
    return out;
  }

  private ifStatement(n: Node, paths: Path<W>[]): Path<W>[] {
    const out: Path<W>[] = [];
    let rest = paths;
    const cond = n.childForFieldName('condition');
    const body = n.childForFieldName('body');
    if (body) out.push(...this.stmt(body, this.assume(rest, cond, true)));
    else out.push(...this.assume(rest, cond, true));
    rest = this.assume(rest, cond, false);
    let hasElse = false;
    for (const alt of n.childrenForFieldName('alternative')) {
      if (alt.type === 'else_if_clause') {
        const c2 = alt.childForFieldName('condition');
        const b2 = alt.childForFieldName('body');
        if (b2) out.push(...this.stmt(b2, this.assume(rest, c2, true)));
        rest = this.assume(rest, c2, false);
      } else if (alt.type === 'else_clause') {
        const b3 = alt.childForFieldName('body');
        if (b3) out.push(...this.stmt(b3, rest));
        hasElse = true;
      }
    }
    if (!hasElse) out.push(...rest);
    return this.dedupe(out);
  }

  private switchStatement(n: Node, paths: Path<W>[]): Path<W>[] {
    const subject = n.childForFieldName('condition');
    const inner = subject?.type === 'parenthesized_expression' ? subject.namedChildren[0] : subject;
    const block = n.childForFieldName('body');
    const cases = (block?.namedChildren ?? []).filter((c) => c.type === 'case_statement' || c.type === 'default_statement');
    const isOrigin = inner ? this.names.originSource(inner) !== undefined : false;
    const out: Path<W>[] = [];
    let hasDefault = false;
    for (let i = 0; i < cases.length; i++) {
      const c = cases[i];
      const value = c.childForFieldName('value');
      let entry = paths;
      if (c.type === 'default_statement') {
        hasDefault = true;
        if (isOrigin) entry = paths.map((p) => ({ ...p, cons: [...p.cons, { key: `${c.id}d`, result: { kind: 'none' } }] }));
      } else if (value && inner) {
        const m = this.names.methodCase(inner, value);
        if (m) entry = entry.filter((p) => p.method === 'any' || p.method === m).map((p) => ({ ...p, method: m }));
        if (isOrigin) {
          const lit = literalText(value);
          const result: OriginCheckResult = lit
            ? { kind: 'check', check: { kind: 'exact', entries: [{ value: lit.text, span: lit.span }] } }
            : { kind: 'check', check: { kind: 'unknown' } };
          entry = entry.map((p) => ({ ...p, cons: [...p.cons, { key: `${c.id}c`, result }] }));
        }
      }
      // Run this case and fall through the following ones until a `break`.
      let cur = entry;
      let stopped = false;
      for (let j = i; j < cases.length && !stopped && cur.length; j++) {
        const cj = cases[j];
        const vj = cj.childForFieldName('value');
        for (const s of cj.namedChildren) {
          if (vj && s.id === vj.id) continue;
          if (s.type === 'break_statement') {
            stopped = true;
            break;
          }
          cur = this.stmt(s, cur);
          if (!cur.length) break;
        }
      }
      out.push(...cur);
    }
    if (!hasDefault) out.push(...paths);
    return this.dedupe(out);
  }
}

/** The origin check a path proves: all its origin conditions together. */
export function pathCheck(cons: Constraint[]): OriginCheckResult {
  let r: OriginCheckResult = { kind: 'silent' };
  for (const c of cons) r = andResult(r, c.result);
  return r;
}
