/**
 * CORS header names in Apache directives: which `Header` names are worth recording (CORS headers, Vary,
 * and near misses of a CORS header name), and the hover mentions of header names and of the request Origin
 * inside directive arguments.
 */
import type { ApacheArg } from '../../syntax/apache.js';
import { mention, type Ctx } from './model.js';

export function isCorsName(lower: string): boolean {
  return lower.startsWith('access-control-') || lower === 'origin' || lower === 'vary' || lower === 'timing-allow-origin';
}

export function mentionListValues(ctx: Ctx, arg: ApacheArg): void {
  if (!arg.verbatim) return;
  const re = /[^,\s]+/g;
  for (let m = re.exec(arg.value); m; m = re.exec(arg.value)) {
    if (isCorsName(m[0].toLowerCase())) mention(ctx, m[0], { start: arg.valueSpan.start + m.index, end: arg.valueSpan.start + m.index + m[0].length });
  }
}

export function mentionOriginIn(ctx: Ctx, arg: ApacheArg): void {
  // `%{HTTP:Origin}` (mod_rewrite) and `%{req:Origin}` style references inside a word.
  if (!arg.verbatim) return;
  const v = arg.value;
  let i = v.indexOf('%{');
  while (i !== -1) {
    const close = v.indexOf('}', i);
    if (close === -1) break;
    const body = v.slice(i + 2, close);
    const colon = body.indexOf(':');
    if (colon >= 0 && body.slice(colon + 1).toLowerCase() === 'origin') {
      const s = arg.valueSpan.start + i + 2 + colon + 1;
      mention(ctx, body.slice(colon + 1), { start: s, end: s + 6 });
    }
    i = v.indexOf('%{', close);
  }
}
