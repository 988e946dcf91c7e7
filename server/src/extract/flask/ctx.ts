/** State shared by the parts of the Flask extractor during one analysis. */
import type { Node } from '../../syntax/treeSitter.js';
import type { CorsPolicy, HeaderWrite, OptionMention, ResponseHeaders, Scope, Span, Valued } from '../../model/index.js';
import { climb, Constants, dotted, locate, namedChildren } from './py.js';
import { parentOf } from './py.js';

export const EXTRACTOR_ID = 'flask';

/** What renderFix needs to know about a policy or a write beyond the facts. */
export interface OptSrc {
  /** Option name as flask-cors uses it (origins, supports_credentials ...). */
  name: string;
  /** The expression giving the value. */
  value: Node;
  /** keyword_argument / pair (removed as a list element) or a statement (removed as a line). */
  holder: Node;
  holderKind: 'element' | 'statement';
}

export interface LibMeta {
  kind: 'lib';
  /** The winning origins source, when written. */
  originsSrc?: OptSrc;
  /** Where to insert an `origins` option when none is written: a dict literal or an argument list. */
  insertInto?: { node: Node; kind: 'dict' | 'args' };
  /** Every visible source of supports_credentials (all are removed by remove-credentials). */
  credSrcs: OptSrc[];
  credUnknown: boolean;
}

export type { WriteMeta } from '../pyWriteMeta.js';
import type { WriteMeta } from '../pyWriteMeta.js';

export interface Ctx {
  text: string;
  root: Node;
  consts: Constants;
  /** The file imports flask or a flask extension. */
  flask: boolean;
  /** Local names of flask_cors.CORS / cross_origin, and module aliases of flask_cors. */
  corsNames: Set<string>;
  crossNames: Set<string>;
  corsModules: Set<string>;
  /** Names imported from elsewhere (for `cors.init_app` on an imported extension object). */
  imported: Set<string>;
  /** Blueprint variables (X = Blueprint(...)). */
  blueprints: Set<string>;
  policies: CorsPolicy[];
  writes: HeaderWrite[];
  responses: ResponseHeaders[];
  mentions: Valued<string>[];
  /** flask-cors options as written (kwargs, resource dict keys, CORS_* config keys), for option hovers. */
  options: OptionMention[];
  notes: string[];
  meta: Map<string, LibMeta | WriteMeta>;
  nextPolicy: number;
  nextWrite: number;
}

export const APP_SCOPE: Scope = { kind: 'app', label: 'app', path: ['app'] };

/** A flask-cors option as written at `span` (`origins`, `CORS_ORIGINS`); duplicates are dropped at the end. */
export function mentionOption(ctx: Ctx, option: string, span: Span): void {
  ctx.options.push({ span, library: 'flask-cors', option });
}

export function routeScope(label: string, span?: Span): Scope {
  return { kind: 'route', label, path: ['app', label], span };
}

export function newCtx(text: string, root: Node): Ctx {
  const ctx: Ctx = {
    text,
    root,
    consts: new Constants(root, text),
    flask: false,
    corsNames: new Set(),
    crossNames: new Set(),
    corsModules: new Set(),
    imported: new Set(),
    blueprints: new Set(),
    policies: [],
    writes: [],
    responses: [],
    mentions: [],
    options: [],
    notes: [],
    meta: new Map(),
    nextPolicy: 0,
    nextWrite: 0,
  };
  scanImports(ctx);
  return ctx;
}

/** `name` or `name as alias` in an import statement: the imported name and the local one. */
function importedAs(c: Node): { orig: string; local: string } | undefined {
  if (c.type === 'dotted_name') return { orig: c.text, local: c.text };
  if (c.type !== 'aliased_import') return undefined;
  const orig = c.childForFieldName('name')?.text;
  const local = c.childForFieldName('alias')?.text;
  return orig && local ? { orig, local } : undefined;
}

function scanImports(ctx: Ctx): void {
  const seen = new Set<number>();
  for (const hit of locate(ctx.root, ctx.text, /^[ \t]*(from|import)\b/gm)) {
    const n = climb(hit, ['import_from_statement', 'import_statement'], 3);
    if (!n || seen.has(n.id)) continue;
    seen.add(n.id);
    if (n.type === 'import_from_statement') {
      const modNode = n.childForFieldName('module_name');
      const mod = modNode?.text ?? '';
      const flaskCors = mod === 'flask_cors' || mod === 'flask.ext.cors';
      if (/^flask(_|\.|$)/.test(mod)) ctx.flask = true;
      // `from flask_cors import *` binds CORS and cross_origin (both are in flask_cors.__all__).
      if (flaskCors && namedChildren(n).some((c) => c.type === 'wildcard_import')) {
        ctx.corsNames.add('CORS');
        ctx.crossNames.add('cross_origin');
      }
      for (const c of namedChildren(n)) {
        if (c.id === modNode?.id) continue;
        const names = importedAs(c);
        if (!names) continue;
        const { orig, local } = names;
        ctx.imported.add(local);
        if (flaskCors && orig === 'CORS') ctx.corsNames.add(local);
        if (flaskCors && orig === 'cross_origin') ctx.crossNames.add(local);
      }
    } else {
      for (const c of namedChildren(n)) {
        const names = importedAs(c);
        if (!names) continue;
        const { orig, local } = names;
        if (/^flask(_|\.|$)/.test(orig)) ctx.flask = true;
        if (orig === 'flask_cors') ctx.corsModules.add(local);
      }
    }
  }
  for (const hit of locate(ctx.root, ctx.text, /\bBlueprint\b/g)) {
    const call = climb(hit, ['call'], 3);
    const a = parentOf(call);
    if (!call || a?.type !== 'assignment' || a.childForFieldName('right')?.id !== call.id) continue;
    const f = dotted(call.childForFieldName('function'));
    const l = a.childForFieldName('left');
    if ((f === 'Blueprint' || f === 'flask.Blueprint') && l?.type === 'identifier') ctx.blueprints.add(l.text);
  }
}

/** Is this callee flask_cors.CORS / cross_origin? */
export function isCorsCallee(ctx: Ctx, fn: Node | null): boolean {
  const d = dotted(fn);
  if (!d) return false;
  if (ctx.corsNames.has(d)) return true;
  const dot = d.lastIndexOf('.');
  return dot > 0 && d.slice(dot + 1) === 'CORS' && ctx.corsModules.has(d.slice(0, dot));
}
export function isCrossCallee(ctx: Ctx, fn: Node | null): boolean {
  const d = dotted(fn);
  if (!d) return false;
  if (ctx.crossNames.has(d)) return true;
  const dot = d.lastIndexOf('.');
  return dot > 0 && d.slice(dot + 1) === 'cross_origin' && ctx.corsModules.has(d.slice(0, dot));
}

/** Route label of a function from its @X.route('/path') / @X.get('/path') decorators, if any. */
export function routeInfo(def: Node): { label: string; methods?: string[]; receiver?: string } | undefined {
  const dec = parentOf(def)?.type === 'decorated_definition' ? parentOf(def) : undefined;
  if (!dec) return undefined;
  for (const d of namedChildren(dec)) {
    if (d.type !== 'decorator') continue;
    const call = namedChildren(d)[0];
    if (call?.type !== 'call') continue;
    const f = call.childForFieldName('function');
    if (f?.type !== 'attribute') continue;
    const m = f.childForFieldName('attribute')?.text ?? '';
    if (!/^(route|get|post|put|patch|delete)$/.test(m)) continue;
    const args = call.childForFieldName('arguments');
    const first = args ? namedChildren(args)[0] : undefined;
    let label = first?.type === 'string' ? first.text.replace(/^[a-zA-Z]*["']+|["']+$/g, '') : def.childForFieldName('name')?.text ?? '?';
    let methods: string[] | undefined = m === 'route' ? undefined : [m.toUpperCase()];
    for (const a of args ? namedChildren(args) : []) {
      if (a.type === 'keyword_argument' && a.childForFieldName('name')?.text === 'methods') {
        const v = a.childForFieldName('value');
        if (v && /^(list|tuple|set)$/.test(v.type)) methods = namedChildren(v).map((x) => x.text.replace(/^["']|["']$/g, '').toUpperCase());
      }
    }
    if (methods && m === 'route') label = `${label}`;
    return { label, methods, receiver: dotted(f.childForFieldName('object')) };
  }
  return undefined;
}
