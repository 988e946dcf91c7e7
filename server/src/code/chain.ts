/**
 * Access chains and the small pattern language the tables are written in.
 *
 * A chain is an expression read left to right: `request.headers.get('Origin')` is
 * root `request` · prop `headers` · prop `get` · call ('Origin'). `$_SERVER['HTTP_ORIGIN']` is root `$_SERVER` ·
 * key 'HTTP_ORIGIN'; builder chains (`registry.addMapping("/**").allowedOrigins("*")`) read the same way.
 *
 * Patterns: steps joined by `.`, `->` or `::` (all the same); a step is a name, `*` (any one name), `@req`
 * (a request object, as the language table says), or `**` (any number of steps, only at the start); a
 * step may be followed by `['key']` (an index with that string key) or `[0]` (a numeric index) and by `()` (a call, any arguments) or
 * `('text')` (a call whose first argument is that string). Keys and call texts compare case-insensitively.
 * Example: `@req.headers.get('origin')`, `$_SERVER['HTTP_ORIGIN']`, `*.headers->get('origin')`.
 */
import type { Expr } from './form.js';

export type Step =
  | { k: 'root'; name: string; expr: Expr }
  | { k: 'prop'; name: string; expr: Expr }
  | { k: 'key'; key?: string; expr: Expr }
  | { k: 'call'; expr: Expr & { k: 'call' } }
  /** The chain starts with something that is not a name (a literal, a call result of a function value ...). */
  | { k: 'start'; expr: Expr };

/** The chain of an expression, outermost step last. */
export function chainOf(e: Expr, depth = 0): Step[] {
  if (depth > 100) return [{ k: 'start', expr: e }];
  switch (e.k) {
    case 'name':
      return [{ k: 'root', name: e.name, expr: e }];
    case 'member':
      return [...chainOf(e.object, depth + 1), { k: 'prop', name: e.name, expr: e }];
    case 'index':
      return [...chainOf(e.object, depth + 1), { k: 'key', key: e.index.k === 'str' ? e.index.value : e.index.k === 'num' ? String(e.index.value) : undefined, expr: e }];
    case 'call':
      return [...chainOf(e.callee, depth + 1), { k: 'call', expr: e }];
    default:
      return [{ k: 'start', expr: e }];
  }
}

/** The name a call is made by: `a.b.c(x)` → 'c', `f(x)` → 'f'. */
export function calleeName(call: Expr & { k: 'call' }): string | undefined {
  const c = call.callee;
  return c.k === 'name' ? c.name : c.k === 'member' ? c.name : undefined;
}

/** The dotted text of a callee made of names only (`app.add_middleware`, `cors`), else undefined. */
export function dottedName(e: Expr, depth = 0): string | undefined {
  if (depth > 50) return undefined;
  if (e.k === 'name') return e.name;
  if (e.k === 'member') {
    const o = dottedName(e.object, depth + 1);
    return o === undefined ? undefined : `${o}.${e.name}`;
  }
  return undefined;
}

type PStep =
  | { k: 'name'; name: string }
  | { k: 'any' }
  | { k: 'req' }
  | { k: 'anyPrefix' }
  | { k: 'key'; key: string }
  | { k: 'call'; text?: string };

export interface Pattern {
  steps: PStep[];
  source: string;
}

const TOKEN = /\s*(\*\*|\*|@req|[$\w\\]+|\.|->|::|\[\s*(?:'([^']*)'|(\d+))\s*\]|\(\s*\)|\(\s*'([^']*)'\s*\))/y;

export function pattern(source: string): Pattern {
  const steps: PStep[] = [];
  TOKEN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while (TOKEN.lastIndex < source.length && (m = TOKEN.exec(source))) {
    const t = m[1];
    if (t === '.' || t === '->' || t === '::') continue;
    if (t === '**') steps.push({ k: 'anyPrefix' });
    else if (t === '*') steps.push({ k: 'any' });
    else if (t === '@req') steps.push({ k: 'req' });
    else if (t.startsWith('[')) steps.push({ k: 'key', key: (m[2] ?? m[3]).toLowerCase() });
    else if (t.startsWith('(')) steps.push({ k: 'call', text: m[4]?.toLowerCase() });
    else steps.push({ k: 'name', name: t });
  }
  if (TOKEN.lastIndex !== source.length && source.trim()) throw new Error(`bad pattern: ${source}`);
  return { steps, source };
}

/** Does the chain match the pattern exactly? `isReq` decides the `@req` step on a root name. */
export function matches(chain: Step[], p: Pattern, isReq: (root: Step) => boolean): boolean {
  let steps = p.steps;
  let c = chain;
  if (steps[0]?.k === 'anyPrefix') {
    steps = steps.slice(1);
    if (c.length < steps.length) return false;
    c = c.slice(c.length - steps.length);
  }
  if (c.length !== steps.length) return false;
  for (let i = 0; i < steps.length; i++) {
    const s = steps[i];
    const x = c[i];
    switch (s.k) {
      case 'name':
        if (!((x.k === 'root' || x.k === 'prop') && x.name === s.name)) return false;
        break;
      case 'any':
        if (x.k !== 'root' && x.k !== 'prop' && !(x.k === 'start' && i === 0)) return false;
        break;
      case 'req':
        if (!isReq(x)) return false;
        break;
      case 'key':
        if (x.k !== 'key' || x.key?.toLowerCase() !== s.key) return false;
        break;
      case 'call': {
        if (x.k !== 'call') return false;
        if (s.text !== undefined) {
          const a = x.expr.args[0]?.value;
          if (a?.k !== 'str' || a.value.toLowerCase() !== s.text) return false;
        }
        break;
      }
      case 'anyPrefix':
        return false;
    }
  }
  return true;
}
