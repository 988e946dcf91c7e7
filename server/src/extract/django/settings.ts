/**
 * Reading a Django settings module as django-cors-headers will see it: the module-level assignments of the
 * CORS_* names and of MIDDLEWARE / INSTALLED_APPS. What the file states is known; a name it does not assign
 * is the library's default, unless the module star-imports other settings (`from .base import *`): then the
 * name may come from there and is unknown.
 */
import type { Span } from '../../model/index.js';
import { envOf, evaluate, type Code, type Env, type Expr, type Stmt, type Val } from '../../code/index.js';

/** Every setting django-cors-headers reads (3.14.0 and 4.x; CORS_REPLACE_HTTPS_REFERER only before 4.0,
 *  CORS_ALLOW_PRIVATE_NETWORK only since 4.0). */
export const CORS_SETTINGS = [
  'CORS_ALLOWED_ORIGINS',
  'CORS_ALLOWED_ORIGIN_REGEXES',
  'CORS_ALLOW_ALL_ORIGINS',
  'CORS_ORIGIN_WHITELIST',
  'CORS_ORIGIN_REGEX_WHITELIST',
  'CORS_ORIGIN_ALLOW_ALL',
  'CORS_ALLOW_CREDENTIALS',
  'CORS_ALLOW_METHODS',
  'CORS_ALLOW_HEADERS',
  'CORS_EXPOSE_HEADERS',
  'CORS_PREFLIGHT_MAX_AGE',
  'CORS_URLS_REGEX',
  'CORS_ALLOW_PRIVATE_NETWORK',
  'CORS_REPLACE_HTTPS_REFERER',
] as const;
export type CorsSetting = (typeof CORS_SETTINGS)[number];

/** Names only django-cors-headers uses (flask-cors config also has CORS_ALLOW_HEADERS, CORS_EXPOSE_HEADERS,
 *  CORS_ALLOW_PRIVATE_NETWORK). */
const DJANGO_ONLY = new Set<string>(CORS_SETTINGS.filter((n) => !['CORS_ALLOW_HEADERS', 'CORS_EXPOSE_HEADERS', 'CORS_ALLOW_PRIVATE_NETWORK'].includes(n)));

export const CORS_MIDDLEWARE = 'corsheaders.middleware.CorsMiddleware';

/** One module-level assignment of a setting. */
export interface Assigned {
  name: string;
  stmt: Stmt & { k: 'assign' };
  /** The name as written (the assignment's target). */
  nameSpan: Span;
  value: Val;
  /** Inside an `if` / `try` / loop at module level: it may not run. */
  conditional: boolean;
}

export interface SettingsModule {
  code: Code;
  env: Env;
  /** The last assignment of each setting name; `value` is unknown when the name is assigned more than once
   *  or with an operator (`+=`). */
  settings: Map<string, Assigned>;
  /** `from x import *` at module level: names not assigned here may come from there. */
  starImports: string[];
  /** Does the module read like a django-cors-headers settings module? */
  isDjango: boolean;
  /** The file has syntax errors: a setting not found may be in the unreadable part (unknown). */
  partial: boolean;
}

function collect(body: Stmt[], conditional: boolean, visit: (s: Stmt & { k: 'assign' }, conditional: boolean) => void, starImports: string[]): void {
  for (const s of body) {
    if (s.k === 'assign') visit(s, conditional);
    else if (s.k === 'import' && s.names.some((n) => n.alias === '*' && n.name === '*')) starImports.push(s.module);
    else if (s.k === 'if') {
      collect(s.then, true, visit, starImports);
      if (s.else) collect(s.else, true, visit, starImports);
    } else if (s.k === 'block') collect(s.body, true, visit, starImports);
  }
}

const INTERESTING = /^(CORS_[A-Z_]+|MIDDLEWARE|MIDDLEWARE_CLASSES|INSTALLED_APPS)$/;

export function readSettings(code: Code, partial: boolean): SettingsModule {
  const env = envOf(code);
  const settings = new Map<string, Assigned>();
  const count = new Map<string, number>();
  const starImports: string[] = [];
  let importsFlask = false;
  for (const s of code.program.body) if (s.k === 'import' && /^flask(_cors)?(\.|$)/.test(s.module)) importsFlask = true;
  collect(
    code.program.body,
    false,
    (s, conditional) => {
      if (s.target.k !== 'name' || !INTERESTING.test(s.target.name)) return;
      const name = s.target.name;
      const n = (count.get(name) ?? 0) + 1;
      count.set(name, n);
      const value: Val = n > 1 || s.op !== '=' ? { k: 'unknown', at: s.value } : evaluate(s.value, env);
      settings.set(name, { name, stmt: s, nameSpan: s.target.span, value, conditional });
    },
    starImports,
  );
  const mentionsCorsheaders = /['"]corsheaders(\.middleware\.CorsMiddleware)?['"]/.test(code.text);
  const isDjango = !importsFlask && ([...settings.keys()].some((n) => DJANGO_ONLY.has(n)) || mentionsCorsheaders);
  return { code, env, settings, starImports, isDjango, partial };
}

/** A setting's state in this module: stated (with its value), absent (the library default applies), or
 *  unknown (it may come from a star import, or its value cannot be read). */
export type SettingState = { k: 'stated'; a: Assigned; value: Val } | { k: 'default' } | { k: 'unknown'; a?: Assigned };

export function stateOf(m: SettingsModule, name: string): SettingState {
  const a = m.settings.get(name);
  if (a) return a.value.k === 'unknown' ? { k: 'unknown', a } : { k: 'stated', a, value: a.value };
  return m.starImports.length || m.partial ? { k: 'unknown' } : { k: 'default' };
}

/** `new` if stated, else the deprecated alias (django-cors-headers reads `getattr(settings, new,
 *  getattr(settings, old, default))`). */
export function stateOfAliased(m: SettingsModule, name: string, alias: string): SettingState & { name?: string } {
  const a = stateOf(m, name);
  if (a.k !== 'default') return { ...a, name };
  const b = stateOf(m, alias);
  return { ...b, name: b.k === 'default' ? undefined : alias };
}

/** The strings of a known list / tuple value, or undefined when not every item is a string. */
export function stringItems(v: Val): { value: string; at: Expr; lit?: Expr & { k: 'str' } }[] | undefined {
  if (v.k !== 'list') return undefined;
  const out: { value: string; at: Expr; lit?: Expr & { k: 'str' } }[] = [];
  for (const i of v.items) {
    if (i.k !== 'str') return undefined;
    out.push({ value: i.value, at: i.at, lit: i.lit });
  }
  return out;
}
