/** What the ASP.NET extractor remembers about each policy it made, for its fixes (fix.ts). */
import type { Expr, Func } from '../../code/index.js';
import type { Span } from '../../model/index.js';
import type { BuilderCall } from './core.js';

export const ID = 'aspnet';
/** knowledge/libraries ids. */
export const LIB_CORE = 'aspnetcore-cors';
export const LIB_WEBAPI = 'webapi-cors';

export type Meta =
  | {
      kind: 'core';
      fn: Func;
      anyOrigin?: BuilderCall;
      predicate?: BuilderCall;
      /** The last WithOrigins call, when every origin is known. */
      originsCall?: BuilderCall;
      credCalls: BuilderCall[];
      maxAgeCall?: BuilderCall;
      lastCall?: BuilderCall;
    }
  | {
      kind: 'webapi';
      /** The attribute or `new EnableCorsAttribute(...)` call. */
      call: Expr & { k: 'call' };
      /** The origins argument's string literal (inside the quotes) when written verbatim. */
      originsInner?: Span;
      originsArg?: Expr;
      /** `SupportsCredentials = true` (the named argument / initializer). */
      credArg?: Span;
      /** The `PreflightMaxAge = n` value. */
      maxAgeValue?: Span;
    };
