/**
 * How Go web code writes response headers, as an engine write table (code/writes.ts):
 * - net/http: `w.Header().Set(n, v)` / `.Add` / `.Del`, `w.Header()[n] = []string{v}`, and the same on a local
 *   `h := w.Header()`; gin `c.Writer.Header()`, echo `c.Response().Header()` are the same http.Header;
 * - gin `c.Header(n, v)` (sets; an empty value deletes); fiber `c.Set(n, v)` (sets), in files importing fiber.
 * `r.Header` (the request's headers, a field, not a call) is never a response.
 */
import { bindingOf, type Env, type Expr, type Val, type WriteForm, type WriteTable } from '../../code/index.js';
import { isCorsWriteName } from '../../knowledge/headerNames.js';

export const EXTRACTOR_ID = 'go';

/** `x.Header()` (a call: the ResponseWriter's header map), or a local bound once to one. */
export function isResponseHeader(e: Expr, env: Env, depth = 0): boolean {
  if (e.k === 'call' && e.callee.k === 'member' && e.callee.name === 'Header' && !e.args.length) return true;
  if (e.k === 'name' && depth < 4) {
    const b = bindingOf(e.name, env);
    return b?.b.k === 'value' && b.b.constant === true && b.b.prop === undefined && isResponseHeader(b.b.value, b.env, depth + 1);
  }
  return false;
}

const CONTEXT = /^(c|ctx|context)$/;
const isContext = (e: Expr) => e.k === 'name' && CONTEXT.test(e.name);
const imports = (env: Env, module: RegExp) => env.code.program.body.some((s) => s.k === 'import' && module.test(s.module));
const isGin = (e: Expr, env: Env) => isContext(e) && imports(env, /^github\.com\/gin-gonic\/gin$/);
const isFiber = (e: Expr, env: Env) => isContext(e) && imports(env, /^github\.com\/gofiber\/fiber(\/v\d+)?$/);

/** gin `c.Header(name, value)`. */
export const GIN_HEADER: WriteForm = { method: 'Header', recv: isGin, op: 'set', name: 0, value: 1, minArgs: 2, maxArgs: 2 };

const header = (method: string, op: WriteForm['op'], rest: Partial<WriteForm>): WriteForm => ({ method, recv: isResponseHeader, op, ...rest });

export const GO_WRITES: WriteTable = {
  extractor: EXTRACTOR_ID,
  calls: [
    header('Set', 'set', { name: 0, value: 1, minArgs: 2, maxArgs: 2 }),
    header('Add', 'add', { name: 0, value: 1, minArgs: 2, maxArgs: 2 }),
    header('Del', 'unset', { name: 0, minArgs: 1, maxArgs: 1 }),
    GIN_HEADER,
    { method: 'Set', recv: isFiber, op: 'set', name: 0, value: 1, minArgs: 2, maxArgs: 2 },
  ],
  assigns: [{ recv: isResponseHeader, op: 'set' }],
  // Go has no implicit conversion to a header value: only strings are written
  stringify: (v: Val) => (v.k === 'list' && v.items.length === 1 && v.items[0].k === 'str' ? v.items[0].value : undefined),
  wanted: isCorsWriteName,
};
