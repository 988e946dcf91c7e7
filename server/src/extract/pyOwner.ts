/**
 * Which Python extractor reads the hand-written headers of a file, so that each write is reported once:
 * 1. a file importing flask or a flask extension (`flask`, `flask_*`, `flask.*`): Flask (its own test);
 * 2. else one importing django: Django;
 * 3. else one importing starlette or fastapi: Starlette;
 * 4. a file importing none of them: Starlette when it has a Starlette shape — a function with a `call_next`
 *    parameter (an http middleware) or an `X.middleware('http')` decorator —, else Django (a Django
 *    middleware module often imports nothing: `get_response` and `request.META` need no import).
 * Also where each function sits (its class, the function it is nested in), for the roles the extractors give.
 */
import { dottedName, type Expr, type Func, type Program, type Stmt } from '../code/index.js';

export type PyOwner = 'flask' | 'django' | 'starlette';

const FLASK = /^flask(_|\.|$)/;
const DJANGO = /^django(\.|$)/;
const STARLETTE = /^(starlette|fastapi)(\.|$)/;

/** Where a function is defined: the class whose method it is, the function it is nested in. */
export interface Place {
  cls?: string;
  outer?: Func;
}

export interface Layout {
  owner: PyOwner;
  places: Map<Func, Place>;
}

export function layoutOf(program: Program): Layout {
  const places = new Map<Func, Place>();
  const modules: string[] = [];
  let starletteShape = false;
  const visit = (body: Stmt[], at: Place, depth: number): void => {
    if (depth > 100) return;
    for (const s of body) {
      switch (s.k) {
        case 'import':
          modules.push(s.module);
          break;
        case 'func':
          places.set(s.fn, at);
          if (s.fn.params.some((p) => p.name === 'call_next') || s.fn.decorators.some(isHttpMiddleware)) starletteShape = true;
          visit(s.fn.body, { outer: s.fn }, depth + 1);
          break;
        case 'class':
          visit(s.body, { cls: s.name ?? '?', outer: at.outer }, depth + 1);
          break;
        case 'if':
          visit(s.then, at, depth + 1);
          if (s.else) visit(s.else, at, depth + 1);
          break;
        case 'switch':
          for (const c of s.cases) visit(c.body, at, depth + 1);
          break;
        case 'block':
          visit(s.body, at, depth + 1);
          break;
      }
    }
  };
  visit(program.body, {}, 0);
  let owner: PyOwner;
  if (modules.some((m) => FLASK.test(m))) owner = 'flask';
  else if (modules.some((m) => DJANGO.test(m))) owner = 'django';
  else if (modules.some((m) => STARLETTE.test(m)) || starletteShape) owner = 'starlette';
  else owner = 'django';
  return { owner, places };
}

/** `@app.middleware('http')` */
export function isHttpMiddleware(d: Expr): boolean {
  if (d.k !== 'call' || !/(^|\.)middleware$/.test(dottedName(d.callee) ?? '')) return false;
  const a = d.args.find((x) => !x.name);
  return a?.value.k === 'str' && a.value.value === 'http';
}
