/**
 * What a language table tells the analysis: where the request Origin and method are read, how lists are
 * joined and regexes built, and which calls test a string. One table per language (code/tables/), shared by
 * every framework of that language; a framework's extractor adds its own entries (extendTable).
 */
import type { Func, Program } from './form.js';
import { pattern, type Pattern } from './chain.js';

/** How a call tests a string: where the origin sits (receiver or argument index) and what it is tested
 *  against. `member`: membership of a list / set / map keys (a string receiver: substring); `index`: an
 *  indexOf-style position (compared with -1 / 0 / false); `exact`: equality by a call (C# `a.Equals(b)`);
 *  the others test the origin itself. */
export interface TestForm {
  /** Method name on a receiver (`includes`, `endswith`) or dotted function name (`in_array`, `re.match`). */
  method?: string;
  fn?: string;
  origin: 'recv' | number;
  other: 'recv' | number;
  kind: 'member' | 'index' | 'exact' | 'suffix' | 'prefix' | 'substring' | 'regex' | 'glob' | 'present' | 'absent';
  /** A regex written with delimiters and flags (PCRE in PHP: `'/^a$/i'`, `'#^a$#'`). */
  delimited?: boolean;
}

export interface LanguageTable {
  language: Program['language'];
  /** Expressions that read the request's Origin header. */
  originSources: Pattern[];
  /** Expressions that read the request method. */
  methodSources: Pattern[];
  /** The framework gives the request method in lower case (hapi's `request.method`: 'options'). */
  lowerMethods?: boolean;
  /** Calls that are true only for an OPTIONS request (`$request->isMethod('OPTIONS')`). */
  optionsTests: Pattern[];
  /** Calls that return their (string) argument changed only in case: `strtoupper`, `.upper()`. */
  caseFolds: { method?: string; fn?: string }[];
  /** Root names that are a request object. */
  requestNames: ReadonlySet<string>;
  /** Is this parameter of a function a request object (e.g. the first of a handler's two or more)? */
  requestParam(fn: Func, index: number): boolean;
  /** Parameters that hold the request origin itself (Nest `@Headers('origin') origin`). */
  originParam?(fn: Func, index: number): boolean;
  /** Calls that build a regex from a string pattern (first argument): `re.compile`, `new RegExp`. */
  regexCalls: { method?: string; fn?: string }[];
  /** Calls that make a list or set: of their first argument (`new Set(list)`, `frozenset(l)`) or of all
   *  their arguments (`List.of(a, b)`, `Arrays.asList`). */
  listCalls: { method?: string; fn?: string; from: 'first' | 'all' }[];
  /** Joins: `', '.join(list)` (recv = separator), `list.join(', ')`, `implode(', ', $list)`. */
  joins: { method?: string; fn?: string; sep: 'recv' | number; list: 'recv' | number }[];
  /** String tests on the origin. */
  tests: TestForm[];
  /** printf-style calls that build a string (`sprintf($fmt, ...$args)`): where the format is; the values
   *  follow it. Only `%s` and `%%` are read; any other conversion leaves the result unknown. */
  formats?: { method?: string; fn?: string; fmt: number }[];
  /** Calls whose name says they may test the request origin on their own (`isAllowedOrigin()`,
   *  `$cors->check()`): a guard made of one counts as an origin check of unknown kind, never as none. */
  checkLike?: RegExp;
}

/** Helper names that suggest an origin check (`isAllowedOrigin`, `cors.check`, `validateReferer`). */
export const CHECK_LIKE = /origin|cors|allow|trust|whitelist|valid|permit|referr?er/i;

export function patterns(...sources: string[]): Pattern[] {
  return sources.map(pattern);
}

/** A table with a framework's extra entries. */
export function extendTable(base: LanguageTable, extra: Partial<LanguageTable>): LanguageTable {
  const out = { ...base } as Record<string, unknown>;
  for (const [k, v] of Object.entries(extra)) {
    const b = (base as unknown as Record<string, unknown>)[k];
    out[k] = Array.isArray(b) && Array.isArray(v) ? [...b, ...v] : v;
  }
  return out as unknown as LanguageTable;
}
