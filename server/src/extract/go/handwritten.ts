/**
 * Hand-written CORS headers in Go (the forms of a write: writeTable.ts). Each function (a handler, the
 * closure a middleware returns, a helper) is read on its own: the writes that reach one response of it
 * become a policy (the assembly is the one the Python extractors use, ../handWritten.ts). A function
 * answers preflights when it returns under an OPTIONS test (`if r.Method == http.MethodOptions { …; return }`)
 * or writes its CORS headers only there. Writes spread over a middleware and the handler it wraps are not
 * put together (each one is judged alone).
 */
import type { Scope } from '../../model/index.js';
import { collectWrites, envOf, summarize, walkFunc, type Code, type Func } from '../../code/index.js';
import { assemble, collectInto, preflightByConditions, type Role, type Sink } from '../handWritten.js';
import { EXTRACTOR_ID, GIN_HEADER, GO_WRITES } from './writeTable.js';

const FILE_SCOPE: Scope = { kind: 'file', label: 'file', path: ['file'] };

/** The branch signatures of the returns the function makes under an OPTIONS-only test (where it answers
 *  the preflight). */
function optionsReturns(code: Code, fn: Func): Map<number, number>[] {
  const env = envOf(code, fn);
  const out: Map<number, number>[] = [];
  walkFunc(fn, (node, guards) => {
    if (node.expr || (node.stmt.k !== 'return' && node.stmt.k !== 'exit')) return;
    if (guards.length && summarize(guards, env).method === 'options-only') out.push(new Map(guards.flatMap((g) => (g.branch ? [[g.branch.at, g.branch.arm] as const] : []))));
  });
  return out;
}

const conflicts = (a: Map<number, number>, b: Map<number, number>) => [...a].some(([at, arm]) => b.has(at) && b.get(at) !== arm);

function roleOf(code: Code, fn: Func, answersOptions: boolean): Role {
  // a closure is named after the function it is written in (`adminCORS`'s returned handler)
  let outer: string | undefined;
  for (let sc = code.scopes.of(fn)?.parent; sc && !outer; sc = sc.parent) outer = sc.fn?.name;
  const label = fn.name ? `func ${fn.name}` : outer ? `func literal in ${outer}` : `func literal at ${fn.span.start}`;
  return { kind: 'producer', sub: 'other', scope: { kind: 'route', label, path: [label], span: fn.span }, methods: answersOptions ? ['OPTIONS'] : undefined };
}

export function readHandWritten(sink: Sink, code: Code): void {
  // gin's `c.Header(name, "")` deletes the header instead of sending it empty
  const sites = collectWrites(code, GO_WRITES).map((site) =>
    site.form === GIN_HEADER && site.write.value.kind === 'literal' && site.write.value.text === '' ? { ...site, write: { ...site.write, op: 'unset' as const, value: { kind: 'unknown' as const, reason: 'removal' } } } : site,
  );
  const returns = new Map<number, Map<number, number>[]>();
  const fns = collectInto(sink, sites, (site) => {
    const fn = site.fn;
    if (!fn) return undefined;
    return { key: fn.span.start, start: fn.span.start, role: () => (returns.set(fn.span.start, optionsReturns(code, fn)), roleOf(code, fn, returns.get(fn.span.start)!.length > 0)) };
  });
  // a write on the path that goes on past every preflight answer (`if preflight { …; return }` … write) is
  // never on that answer
  const pastPreflight = new Set<string>();
  for (const f of fns) {
    const rets = returns.get(f.key) ?? [];
    for (const w of f.writes) if (rets.length && rets.every((r) => conflicts(r, f.sig.get(w.id)!))) pastPreflight.add(w.id);
  }
  assemble(sink, fns, { extractor: EXTRACTOR_ID, appScope: FILE_SCOPE, preflight: preflightByConditions });
  // a response that holds a write made only on non-OPTIONS requests is not the function's preflight answer
  const nonOptions = new Set(sink.writes.filter((w) => w.condition === 'non-options').map((w) => w.id));
  for (const p of sink.policies) if (p.answersPreflight === true && p.writeIds.some((id) => nonOptions.has(id) || pastPreflight.has(id))) p.answersPreflight = false;
}
