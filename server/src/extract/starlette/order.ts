/**
 * Middleware added to the same app after CORSMiddleware wraps it: Starlette builds the stack so that the
 * middleware added last runs first (add_middleware inserts at position 0; `@app.middleware('http')` is an
 * add_middleware of BaseHTTPMiddleware). Such a middleware sees a preflight before CORSMiddleware does; if
 * it answers OPTIONS itself (an auth check), the preflight gets no CORS headers. Only module-level
 * statements of the file are read, in source order.
 */
import { dottedName, type Code, type Expr } from '../../code/index.js';
import type { Decl } from './decls.js';

interface Added {
  target?: string;
  at: number;
  what: string;
}

function addedMiddleware(code: Code): Added[] {
  const out: Added[] = [];
  for (const s of code.program.body) {
    if (s.k === 'expr' && s.expr.k === 'call' && s.expr.callee.k === 'member' && s.expr.callee.name === 'add_middleware') {
      const first = s.expr.args.find((a) => !a.name)?.value;
      out.push({ target: dottedName(s.expr.callee.object), at: s.span.start, what: first ? code.text.slice(first.span.start, first.span.end) : 'a middleware' });
    } else if (s.k === 'func') {
      for (const d of s.fn.decorators) {
        const c: Expr = d;
        if (c.k === 'call' && c.callee.k === 'member' && c.callee.name === 'middleware') {
          out.push({ target: dottedName(c.callee.object), at: s.span.start, what: `@${code.text.slice(c.span.start, c.span.end)} ${s.fn.name ?? ''}`.trim() });
        }
      }
    }
  }
  return out;
}

/** Notes for add_middleware declarations that other middleware of the same app runs before. */
export function orderNotes(code: Code, decls: Decl[]): string[] {
  const added = addedMiddleware(code);
  const notes: string[] = [];
  for (const d of decls) {
    if (d.form !== 'add_middleware' || !d.target) continue;
    const later = added.filter((a) => a.target === d.target && a.at > d.call.span.start && !a.what.includes('CORSMiddleware'));
    if (later.length) {
      notes.push(
        `${later.map((a) => a.what).join(', ')} added to ${d.target} after CORSMiddleware runs before it: if it answers a ` +
          'preflight itself (an auth check on OPTIONS), that answer has no CORS headers',
      );
    }
  }
  return notes;
}
