/**
 * How Starlette / FastAPI code writes response headers, as an engine write table (code/writes.ts). Read in
 * Starlette 0.26.1 (Debian's python3-starlette; FastAPI 0.92 re-exports its responses): MutableHeaders
 * (starlette/datastructures.py) has item assignment and `setdefault` / `update` (replace, case-insensitive),
 * `append` (one more line), `add_vary_header(name)` (merged into Vary) and `del` (removes every line); every
 * response class
 * (starlette/responses.py) takes `headers` as a keyword or as its third positional argument.
 */
import { bindingOf, dottedName, type Env, type Expr, type WriteTable } from '../../code/index.js';
import { headersMethod as method, isServerResponseHeaders, responseStarts, stringify } from '../pyWrites.js';
import { isCorsWriteName } from '../../knowledge/headerNames.js';

/** Response headers, or a raw ASGI middleware's `MutableHeaders(scope=message)` (it edits the headers of
 *  the `http.response.start` message in place). */
function recv(obj: Expr, env: Env): boolean {
  if (isServerResponseHeaders(obj, env)) return true;
  const b = obj.k === 'name' ? bindingOf(obj.name, env) : undefined;
  const v = b?.b.k === 'value' && b.b.constant && b.b.prop === undefined ? b.b.value : undefined;
  return v?.k === 'call' && /(^|\.)MutableHeaders$/.test(dottedName(v.callee) ?? '') && v.args.some((a) => a.name === 'scope');
}

const RESPONSES = ['Response', 'JSONResponse', 'PlainTextResponse', 'HTMLResponse', 'RedirectResponse', 'StreamingResponse', 'FileResponse', 'ORJSONResponse', 'UJSONResponse'];

export function starletteWrites(extractor: string): WriteTable {
  return {
    extractor,
    calls: [
      method('append', 'add', { name: 0, value: 1, minArgs: 2 }, recv),
      method('setdefault', 'setifempty', { name: 0, value: 1, minArgs: 2 }, recv),
      method('update', 'set', { map: 0 }, recv),
      method('add_vary_header', 'add', { header: 'Vary', value: 0, minArgs: 1 }, recv),
      { fn: 'del', item: 0, recv, op: 'unset' },
      ...RESPONSES.flatMap((r) => [...responseStarts({ fn: r }, [2]), ...responseStarts({ fn: `responses.${r}` }, [2])]),
    ],
    assigns: [{ recv, op: 'set' }],
    stringify,
    wanted: isCorsWriteName,
  };
}
