/**
 * The common form of program code: what a language adapter (code/adapt/<language>.ts) builds from a
 * tree-sitter tree, and all that the code analysis (bindings, values, origin flow, conditions, guards)
 * reads. Small on purpose: only what decides which headers a server sends. Every node keeps its span.
 *
 * How each language lands in it (sketched before settling the form):
 * - JS/TS: `res.setHeader(n, v)` → call(member(name res, setHeader), [n, v]); `{ origin: x }` → map;
 *   `` `a${b}` `` and `a + b` → concat; `(req, res) => {}` → func; `/re/` → regex.
 * - Python: keyword arguments → Arg.name; dict → map; f-strings → concat; `@app.after_request` → Func.decorators;
 *   `x in y` → binary 'in'; `origin is None` → binary '==' with nil.
 * - PHP: `$a->b()` / `A::b()` → member + call; `['k' => v]` → map, `[v]` → list; `"a$b"` / `a . b` → concat;
 *   `function () use ($x) {}` → func.
 * - Java: `registry.addMapping("/**").allowedOrigins("*")` → nested calls on members (a builder chain,
 *   read with `chainOf`); `@CrossOrigin(origins = "*")` → decorator call with a named argument;
 *   `List.of(a, b)` / `Arrays.asList` → call (the tables say it is a list).
 * - C#: `policy.WithOrigins(a).AllowCredentials()` → chain; `o => o.AddPolicy(...)` → func;
 *   `[EnableCors("p")]` → decorator; `origins: "*"` named argument → Arg.name; `new X { A = b }` → map with type.
 * - Go: `cors.Options{AllowedOrigins: []string{"*"}}` → map with `type` 'cors.Options' and a list;
 *   `w.Header().Set(n, v)` → chain; `if o := r.Header.Get("Origin"); o != ""` → assign, then if.
 * - Ruby: `allow do origins '*' end` → call with `block`; `resource '*', headers: :any` → call with named
 *   arguments; `:any` → str (symbol); `headers['X'] = v` → assign to index.
 */
import type { Span } from '../model/index.js';

export type { Span };

export type Expr =
  /** A string whose value is known. `inner` is the span of the characters between the quotes;
   *  `verbatim` when the source text there is exactly the value (no escapes), so an edit can replace it. */
  | { k: 'str'; span: Span; value: string; inner: Span; verbatim: boolean; symbol?: boolean }
  | { k: 'num'; span: Span; raw: string; value: number }
  | { k: 'bool'; span: Span; value: boolean }
  /** null / None / nil / undefined. */
  | { k: 'nil'; span: Span }
  /** A regex literal (JS `/a/i`, or a pattern a table recognises: `re.compile('a')`). */
  | { k: 'regex'; span: Span; pattern: string; patternSpan: Span; flags: string }
  /** String building: template literals, f-strings, interpolation, `+` / `.` concatenation. */
  | { k: 'concat'; span: Span; parts: Expr[] }
  /** An identifier (`origin`, `$origin`, `self`, `this`). */
  | { k: 'name'; span: Span; name: string }
  /** `a.b`, `a?.b`, `$a->b`, `A::b`. */
  | { k: 'member'; span: Span; object: Expr; name: string; nameSpan: Span }
  /** `a[b]`, `$a['b']`. */
  | { k: 'index'; span: Span; object: Expr; index: Expr }
  | { k: 'call'; span: Span; callee: Expr; args: Arg[]; isNew?: boolean; block?: Func }
  | { k: 'list'; span: Span; items: Expr[]; kind: 'array' | 'tuple' | 'set' }
  | { k: 'map'; span: Span; entries: Entry[]; type?: string }
  | { k: 'func'; span: Span; fn: Func }
  /** Normalised operators: `==` `!=` (also `===`, `is`, `is not`), `&&` `||` `??`, `in` `not in`, `<` `<=`
   *  `>` `>=`, `+` `-` and anything else as written. */
  | { k: 'binary'; span: Span; op: string; left: Expr; right: Expr }
  | { k: 'not'; span: Span; expr: Expr }
  /** Unary minus and other prefix operators (`-1`, `typeof x`). */
  | { k: 'unary'; span: Span; op: string; expr: Expr }
  | { k: 'ternary'; span: Span; test: Expr; then: Expr; else: Expr }
  /** `a = b` used as an expression (JS, PHP), or Python's walrus. */
  | { k: 'assignExpr'; span: Span; target: Expr; value: Expr }
  | { k: 'unknown'; span: Span };

export interface Arg {
  span: Span;
  value: Expr;
  /** Keyword / named argument: Python `k=v`, C# `k: v`, PHP 8 `k: v`, Java annotation `k = v`. */
  name?: string;
  nameSpan?: Span;
  /** `...x`, `*x`, `**x`. */
  spread?: boolean;
}

export interface Entry {
  span: Span;
  /** The key when it is a plain name or a string literal. */
  key?: string;
  keySpan?: Span;
  /** The key expression when it is computed. */
  keyExpr?: Expr;
  value: Expr;
  /** `...x`, `**x`. */
  spread?: boolean;
}

export interface Param {
  name: string;
  span: Span;
  default?: Expr;
  /** Decorators / attributes on the parameter (Nest `@Headers('origin')`). */
  decorators?: Expr[];
  /** `{ origin }` destructuring of the first parameter: the property names bound. */
  props?: string[];
}

export interface Func {
  span: Span;
  name?: string;
  nameSpan?: Span;
  params: Param[];
  body: Stmt[];
  /** `@app.after_request`, `@Header(...)`, `[EnableCors]`, `@CrossOrigin`. */
  decorators: Expr[];
  /** An arrow function with an expression body: the body is `[return expr]`. */
  exprBody?: boolean;
  /** PHP only: the outer variables a function sees (`use ($a)`: the names; `fn () =>`: all). Absent: none
   *  (a PHP function sees no outer variable); other languages close over everything lexically. */
  closure?: string[] | 'all';
}

export type Stmt =
  | { k: 'expr'; span: Span; expr: Expr }
  /** `x = v`, `const x = v`, `$x = v`, `x += v`. `decl` says how a declaration binds the name. */
  | { k: 'assign'; span: Span; target: Expr; value: Expr; op: string; decl?: 'const' | 'let' | 'var' }
  /** `const { a, b: c } = v`: the names bound to properties of the value. */
  | { k: 'destructure'; span: Span; props: { prop: string; name: string; span: Span }[]; value: Expr; decl?: 'const' | 'let' | 'var' }
  | { k: 'if'; span: Span; test: Expr; then: Stmt[]; else?: Stmt[] }
  | { k: 'switch'; span: Span; subject: Expr; cases: { tests: Expr[]; body: Stmt[]; span: Span }[] }
  | { k: 'return'; span: Span; value?: Expr }
  /** throw / raise / abort() / exit / die: the function stops here. */
  | { k: 'exit'; span: Span; value?: Expr }
  | { k: 'func'; span: Span; fn: Func }
  /** `bases`: the classes it derives from, as written (Python `class B(A)`). */
  | { k: 'class'; span: Span; name?: string; decorators: Expr[]; body: Stmt[]; bases?: Expr[] }
  /** Statements that run zero or more times, or maybe not to the end: loops, try, with, other blocks.
   *  `each`: the variable a loop binds to each element of a list in turn (`foreach ($list as $v)`).
   *  `catches`: the handlers of a try block, when the adapter keeps them apart from its body (PHP). */
  | { k: 'block'; span: Span; body: Stmt[]; kind: 'loop' | 'try' | 'block'; each?: { name: string; of: Expr }; catches?: Stmt[][] }
  | { k: 'import'; span: Span; module: string; names: { name: string; alias: string }[] };

/** A whole file in the common form. */
export interface Program {
  body: Stmt[];
  language: 'javascript' | 'python' | 'php' | 'csharp' | 'ruby' | 'java' | 'go';
}

export const spanOf = (n: { startIndex: number; endIndex: number }): Span => ({ start: n.startIndex, end: n.endIndex });
