/**
 * How Django code writes response headers, as an engine write table (code/writes.ts). Read in Django 3.2
 * (Debian's python3-django, django/http/response.py): HttpResponseBase has `__setitem__` / `setdefault`
 * (case-insensitive, replaces / writes when absent) and, since 3.2, `headers` (ResponseHeaders: item
 * assignment, setdefault) and a `headers=` argument on every response class; django/utils/cache.py's
 * `patch_vary_headers(response, newheaders)` adds names to Vary; `del response[name]` removes a header.
 */
import { bindingOf, dottedName, type Env, type Expr, type WriteForm, type WriteTable } from '../../code/index.js';
import { headersMethod, isServerResponseHeaders, responseStarts, stringify } from '../pyWrites.js';
import { isCorsWriteName } from '../../knowledge/headerNames.js';

const NAMED = /^(response|resp)$/;
/** Calls that give a response: a response class, `get_response(request)` in a middleware, a shortcut. */
const GIVES_RESPONSE = /(^|\.)(\w*Response\w*|get_response|render|redirect|render_to_response)$/;

/** A Django response object: a parameter or variable named `response` / `resp`, or a local set once to
 *  what a response class or `get_response` returns, or what a function passed in returns (the view a
 *  decorator wraps); a dict or anything else set once is not one. */
export function isDjangoResponse(obj: Expr, env: Env): boolean {
  if (obj.k !== 'name') return false;
  const b = bindingOf(obj.name, env);
  if (!b) return false;
  if (b.b.k === 'value') {
    const v = b.b.value;
    if (b.b.prop !== undefined || v.k !== 'call') return false;
    if (GIVES_RESPONSE.test(dottedName(v.callee) ?? '')) return true;
    return v.callee.k === 'name' && bindingOf(v.callee.name, b.env)?.b.k === 'param';
  }
  return (b.b.k === 'param' || b.b.k === 'variable') && NAMED.test(obj.name);
}

const RESPONSES = ['HttpResponse', 'JsonResponse', 'StreamingHttpResponse', 'FileResponse', 'HttpResponseRedirect', 'HttpResponsePermanentRedirect', 'HttpResponseNotModified', 'HttpResponseBadRequest', 'HttpResponseNotFound', 'HttpResponseForbidden', 'HttpResponseNotAllowed', 'HttpResponseGone', 'HttpResponseServerError'];
const vary = (fn: string): WriteForm => ({ fn, header: 'Vary', value: 1, op: 'add', minArgs: 2 });

export function djangoWrites(extractor: string): WriteTable {
  return {
    extractor,
    calls: [
      { method: 'setdefault', recv: isDjangoResponse, op: 'setifempty', name: 0, value: 1, minArgs: 2 },
      headersMethod('setdefault', 'setifempty', { name: 0, value: 1, minArgs: 2 }, isServerResponseHeaders),
      ...RESPONSES.flatMap((r) => [...responseStarts({ fn: r }, []), ...responseStarts({ fn: `http.${r}` }, [])]),
      { fn: 'del', item: 0, recv: isDjangoResponse, op: 'unset' },
      { fn: 'del', item: 0, recv: isServerResponseHeaders, op: 'unset' },
      vary('patch_vary_headers'),
      vary('cache.patch_vary_headers'),
      vary('django.utils.cache.patch_vary_headers'),
    ],
    assigns: [
      { recv: isServerResponseHeaders, op: 'set' },
      { recv: isDjangoResponse, op: 'set' },
    ],
    stringify,
    wanted: isCorsWriteName,
  };
}
