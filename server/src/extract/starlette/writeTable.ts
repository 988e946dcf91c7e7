/**
 * How Starlette / FastAPI code writes response headers, as an engine write table (code/writes.ts). Read in
 * Starlette 0.26.1 (Debian's python3-starlette; FastAPI 0.92 re-exports its responses): MutableHeaders
 * (starlette/datastructures.py) has item assignment and `setdefault` / `update` (replace, case-insensitive),
 * `append` (one more line) and `add_vary_header(name)` (merged into Vary); every response class
 * (starlette/responses.py) takes `headers` as a keyword or as its third positional argument.
 */
import type { WriteTable } from '../../code/index.js';
import { corsLike, headersMethod, isResponseHeaders, responseStarts, stringify } from '../pyWrites.js';

const RESPONSES = ['Response', 'JSONResponse', 'PlainTextResponse', 'HTMLResponse', 'RedirectResponse', 'StreamingResponse', 'FileResponse', 'ORJSONResponse', 'UJSONResponse'];

export function starletteWrites(extractor: string): WriteTable {
  return {
    extractor,
    calls: [
      headersMethod('append', 'add', { name: 0, value: 1, minArgs: 2 }),
      headersMethod('setdefault', 'setifempty', { name: 0, value: 1, minArgs: 2 }),
      headersMethod('update', 'set', { map: 0 }),
      headersMethod('add_vary_header', 'add', { header: 'Vary', value: 0, minArgs: 1 }),
      ...RESPONSES.flatMap((r) => [...responseStarts({ fn: r }, [2]), ...responseStarts({ fn: `responses.${r}` }, [2])]),
    ],
    assigns: [{ recv: isResponseHeaders, op: 'set' }],
    stringify,
    wanted: corsLike,
  };
}
