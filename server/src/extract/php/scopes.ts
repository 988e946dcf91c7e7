/** The response scopes of a PHP file: the top level, each function, method or closure, with their labels. */
import type { Func, Program, Stmt } from '../../code/index.js';
import type { Scope } from '../../model/index.js';

function basename(path: string): string {
  return path.split('/').pop() || path;
}

function lineOf(text: string, offset: number): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** The class of each method declared in the file. */
function methodsOf(program: Program): Map<Func, string> {
  const out = new Map<Func, string>();
  const visit = (body: Stmt[], cls: string | undefined, depth: number): void => {
    if (depth > 60) return;
    for (const s of body) {
      if (s.k === 'class') visit(s.body, s.name ?? '?', depth + 1);
      else if (s.k === 'func') {
        if (cls !== undefined) out.set(s.fn, cls);
        visit(s.fn.body, undefined, depth + 1);
      } else if (s.k === 'block') visit(s.body, cls, depth + 1);
      else if (s.k === 'if') {
        visit(s.then, undefined, depth + 1);
        if (s.else) visit(s.else, undefined, depth + 1);
      }
    }
  };
  visit(program.body, undefined, 0);
  return out;
}

/** A labeller for the scopes of one file (`fn` undefined: the top level). */
export function scopeLabeller(program: Program, path: string, text: string): (fn: Func | undefined) => Scope {
  const base = basename(path);
  const methods = methodsOf(program);
  return (fn) => {
    if (!fn) return { kind: 'file', label: base, path: [base] };
    const cls = methods.get(fn);
    const label = cls !== undefined ? `method ${cls}::${fn.name ?? '?'}` : fn.name ? `function ${fn.name}` : `closure (line ${lineOf(text, fn.span.start)})`;
    return { kind: 'block', label, path: [base, label], span: fn.span };
  };
}
