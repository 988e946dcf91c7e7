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

/** The pieces of a string with interpolation: literal text runs and the expressions between them. */
export class StringParts {
  readonly parts: Expr[] = [];
  text = '';
  constructor(private readonly span: Span) {}
  /** An interpolated expression: ends the current text run. */
  push(e: Expr): void {
    this.flush();
    this.parts.push(e);
  }
  flush(): void {
    if (this.text) this.parts.push({ k: 'str', span: this.span, value: this.text, inner: this.span, verbatim: false });
    this.text = '';
  }
  /** The whole string: one literal when nothing was interpolated, else a concatenation. */
  result(inner: Span, verbatim: boolean): Expr {
    if (!this.parts.length) return { k: 'str', span: this.span, value: this.text, inner, verbatim };
    this.flush();
    return { k: 'concat', span: this.span, parts: this.parts };
  }
}
