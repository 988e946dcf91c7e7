/** What every language adapter shares: child lists without comments, the unknown node, the depth bound. */
import type { Node } from '../../syntax/treeSitter.js';
import { spanOf, type Expr, type Span, type Stmt } from '../form.js';

/** Nesting deeper than this is not followed (the rest of the file is still read): keeps the recursion far
 *  from the stack limit on generated or hostile input. */
export const MAX_DEPTH = 300;

export function kids(n: Node): Node[] {
  const out: Node[] = [];
  for (let i = 0; i < n.namedChildCount; i++) {
    const c = n.namedChild(i);
    if (c && c.type !== 'comment') out.push(c);
  }
  return out;
}

export function allKids(n: Node): Node[] {
  const out: Node[] = [];
  for (let i = 0; i < n.childCount; i++) {
    const c = n.child(i);
    if (c) out.push(c);
  }
  return out;
}

export const unknown = (n: Node): Expr => ({ k: 'unknown', span: spanOf(n) });

/** A number literal, its value as the language reads the text (by default the text without `_` digit
 *  separators); a text that is not a number is unknown. */
export function numberLit(n: Node, value = Number(n.text.replace(/_/g, ''))): Expr {
  return Number.isNaN(value) ? unknown(n) : { k: 'num', span: spanOf(n), raw: n.text, value };
}

/** String parts side by side (adjacent literals, interpolation): one string when every part is a literal. */
export function joinedParts(parts: Expr[], span: Span): Expr {
  if (parts.every((p) => p.k === 'str')) return { k: 'str', span, value: parts.map((p) => (p.k === 'str' ? p.value : '')).join(''), inner: span, verbatim: false };
  return { k: 'concat', span, parts };
}

/** A prefix operator: `!x` → not, `-1` → a negative number, others as written. */
export function prefixed(span: Span, op: string, arg: Expr, raw: string): Expr {
  if (op === '!') return { k: 'not', span, expr: arg };
  if (op === '-' && arg.k === 'num') return { k: 'num', span, raw, value: -arg.value };
  return { k: 'unary', span, op, expr: arg };
}

/** An `if` with `elif` / `else if` / `else` clauses as nested ifs: `arm(n)` reads the first clause's
 *  condition and body field names (they differ per grammar); an `else_clause` holds only a body. */
export function ifChain(n: Node, read: (clause: Node) => { test: Expr; body: Stmt[] }, elseBody: (clause: Node) => Stmt[]): Stmt {
  const alts = n.childrenForFieldName('alternative').filter((x): x is Node => !!x);
  let tail: Stmt[] | undefined;
  for (let i = alts.length - 1; i >= 0; i--) {
    const a = alts[i];
    if (a.type === 'else_clause') tail = elseBody(a);
    else {
      const r = read(a);
      tail = [{ k: 'if', span: spanOf(a), test: r.test, then: r.body, else: tail }];
    }
  }
  const first = read(n);
  return { k: 'if', span: spanOf(n), test: first.test, then: first.body, else: tail };
}

/** The pieces of a string with interpolation: literal text runs and the expressions between them. A run
 *  built with `piece` knows where it is written (exact spans when its source text is its value). */
export class StringParts {
  readonly parts: Expr[] = [];
  text = '';
  private run?: { start: number; end: number; verbatim: boolean; length: number };
  constructor(private readonly span: Span) {}
  /** A run of literal text written at `at` (`verbatim`: the source there is exactly `value`). */
  piece(value: string, at: Span, verbatim: boolean): void {
    const r = this.run;
    if (!this.text) this.run = { start: at.start, end: at.end, verbatim, length: value.length };
    else if (r && r.end === at.start && r.length === this.text.length) this.run = { start: r.start, end: at.end, verbatim: r.verbatim && verbatim, length: r.length + value.length };
    else this.run = undefined;
    this.text += value;
  }
  /** An interpolated expression: ends the current text run. */
  push(e: Expr): void {
    this.flush();
    this.parts.push(e);
  }
  flush(): void {
    const r = this.run && this.run.length === this.text.length ? this.run : undefined;
    if (this.text) {
      const inner = r ? { start: r.start, end: r.end } : this.span;
      this.parts.push({ k: 'str', span: r ? inner : this.span, value: this.text, inner, verbatim: !!r?.verbatim });
    }
    this.text = '';
    this.run = undefined;
  }
  /** The whole string: one literal when nothing was interpolated, else a concatenation. */
  result(inner: Span, verbatim: boolean): Expr {
    if (!this.parts.length) return { k: 'str', span: this.span, value: this.text, inner, verbatim };
    this.flush();
    return { k: 'concat', span: this.span, parts: this.parts };
  }
}
