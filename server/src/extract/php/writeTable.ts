/**
 * How PHP code writes response headers, as an engine write table (code/writes.ts):
 * - plain PHP: `header('Name: value')` replaces, `header($line, false)` adds a line, `header_remove('Name')`;
 * - PSR-7 (Slim, Mezzio, Laravel's PSR bridge): `$response->withHeader(n, v)` replaces, `->withAddedHeader(n, v)`
 *   adds, `->withoutHeader(n)` removes — each returns a new response, so they are chained;
 * - Laravel (Illuminate\Http\Response, Symfony underneath): `response()->header(n, v, $replace = true)`,
 *   `->withHeaders([...])`, `response($body, 200, [headers])`, `response()->json($data, 200, [headers])`;
 * - Symfony HttpFoundation: `$response->headers->set(n, v, $replace = true)`, `->headers->remove(n)`,
 *   `->headers->add([...])`, `new Response($body, 200, [headers])`, `new JsonResponse($data, 200, [headers])`.
 * Symfony and Laravel cast a value to string (true → "1", false → ""); an array value sends one line per
 * element (Symfony's HeaderBag, Slim's emitter with `header($line, false)`).
 */
import { chainOf, type Env, type Expr, type Val, type WriteForm, type WriteTable } from '../../code/index.js';
import { isCorsWriteName } from '../../knowledge/headerNames.js';

export const PHP_ID = 'php';

/** `$request`, `$req`, `$this->request`, `request()`, `$event->getRequest()`: a request, whose `->header()`
 *  and `->headers` read request headers. */
function isRequestish(e: Expr): boolean {
  return chainOf(e).some((s) => {
    if (s.k === 'root') return /^\$req/i.test(s.name) || s.name === 'request';
    if (s.k === 'prop') return /^(request|req|getRequest)$/i.test(s.name);
    return false;
  });
}

/** `$response->headers`, `$event->getResponse()->headers`: a response's header bag. */
const isHeaderBag = (recv: Expr): boolean => recv.k === 'member' && recv.name === 'headers' && !isRequestish(recv.object);
const isResponse = (recv: Expr): boolean => !isRequestish(recv);
/** `response()` (Laravel's helper), the receiver of `->json()` / `->make()`. */
const isResponseHelper = (recv: Expr, _env: Env): boolean => recv.k === 'call' && recv.callee.k === 'name' && recv.callee.name.toLowerCase() === 'response';

// parameter names (PHP 8 named arguments): Symfony/Laravel `set($key, $values, $replace)`, PSR-7 `withHeader($name, $value)`
const KEYED = ['key', 'values', 'replace'];
const PSR = ['name', 'value'];
const pair = (method: string, op: WriteForm['op'], recv: (e: Expr) => boolean, extra: Partial<WriteForm> = {}): WriteForm => ({ method, recv, op, name: 0, value: 1, minArgs: 2, params: PSR, ...extra });
const removal = (method: string, recv: (e: Expr) => boolean, params = PSR): WriteForm => ({ method, recv, op: 'unset', name: 0, minArgs: 1, maxArgs: 1, params });
const built = (form: Partial<WriteForm>, params: string[]): WriteForm => ({ op: 'set', map: 2, minArgs: 3, params, ...form });

function stringify(v: Val): string | undefined {
  if (v.k === 'bool') return v.value ? '1' : '';
  if (v.k === 'num' && /^-?\d+$/.test(v.raw)) return String(v.value);
  return undefined;
}

export const PHP_WRITES: WriteTable = {
  extractor: PHP_ID,
  calls: [
    { fn: 'header', op: 'set', line: 0, replaceArg: 1, minArgs: 1, params: ['header', 'replace', 'response_code'] },
    { fn: 'header_remove', op: 'unset', name: 0, minArgs: 1, params: ['name'] },
    // PSR-7 and the response objects that copy its names
    pair('withHeader', 'set', isResponse),
    pair('withAddedHeader', 'add', isResponse),
    removal('withoutHeader', isResponse),
    pair('setHeader', 'set', isResponse),
    pair('addHeader', 'add', isResponse),
    removal('removeHeader', isResponse),
    // Laravel
    pair('header', 'set', isResponse, { replaceArg: 2, params: KEYED }),
    { method: 'withHeaders', recv: isResponse, op: 'set', map: 0, params: ['headers'] },
    // `response($body, 200, [...])`; function names are case-insensitive, so this is also Symfony's
    // `new Response($body, 200, [...])`
    built({ fn: 'response' }, ['content', 'status', 'headers']),
    built({ method: 'json', recv: isResponseHelper }, ['data', 'status', 'headers']),
    built({ method: 'make', recv: isResponseHelper }, ['content', 'status', 'headers']),
    // Symfony HttpFoundation
    pair('set', 'set', isHeaderBag, { replaceArg: 2, params: KEYED }),
    removal('remove', isHeaderBag, ['key']),
    { method: 'add', recv: isHeaderBag, op: 'set', map: 0, params: ['headers'] },
    built({ fn: 'JsonResponse' }, ['data', 'status', 'headers']),
  ],
  assigns: [],
  stringify,
  wanted: isCorsWriteName,
};
