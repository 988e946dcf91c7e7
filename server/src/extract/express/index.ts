/**
 * Express / Connect (and Node http, Fastify handlers): the `cors` package, `@fastify/cors`, and
 * hand-written CORS response headers. Facts only; see corsLib.ts for the library semantics.
 */
import type { CorsPolicy, FileFacts, HeaderWrite, ResponseHeaders, Scope, Span, Valued } from '../../model/index.js';
import type { GrammarName, Node } from '../../syntax/treeSitter.js';
import { H, effectiveWrites, originFromWrite, policyFromWrites, sameHeader } from '../common.js';
import type { Extractor, SourceFile } from '../types.js';
import {
  ROUTE_METHODS,
  callArgs,
  findBinding,
  functionName,
  identifiersNamed,
  isFunction,
  memberCall,
  mountOf,
  mutatedObjects,
  parentOf,
  preorder,
  reassignedNames,
  resetCaches,
  resolveValue,
  span,
  stringLit,
  unwrap,
  wholeStatement,
  type Mount,
} from './ast.js';
import type { OriginCtx } from './conditions.js';
import { CORS_LIB, FASTIFY_LIB, objectMembers, policyFromOptions, readProps, type LibSpec } from './corsLib.js';
import { renderExpressFix } from './fix.js';
import { collectWrites, exclusive, isAcao, isCorsHeaderName, optionsBranch, type RawWrite } from './manual.js';
import { recoverOptionsCall } from './recover.js';

export const EXTRACTOR_ID = 'express';

function grammarFor(file: { path: string; languageId?: string }): GrammarName {
  const m = /\.([cm]?[jt]sx?)$/i.exec(file.path);
  const ext = m?.[1].toLowerCase();
  if (ext === 'ts' || ext === 'cts' || ext === 'mts') return 'typescript';
  if (ext === 'tsx') return 'tsx';
  if (ext) return 'javascript';
  if (file.languageId === 'typescript') return 'typescript';
  if (file.languageId === 'typescriptreact') return 'tsx';
  return 'javascript';
}

interface Modules {
  cors: Set<string>;
  fastifyCors: Set<string>;
  vary: Set<string>;
}

function moduleOfRequire(n: Node | null | undefined): string | undefined {
  let u = unwrap(n);
  if (u?.type === 'await_expression') u = unwrap(u.namedChildren[0]);
  if (u?.type !== 'call_expression') return undefined;
  const fn = u.childForFieldName('function');
  if (fn?.text !== 'require' && fn?.type !== 'import') return undefined;
  return stringLit(callArgs(u)[0])?.text;
}

const MODULE_RE = /(['"`])(cors|@fastify\/cors|vary)\1/g;

/** Local names bound to the `cors`, `@fastify/cors` and `vary` modules. The raw text is only searched
 *  for the module string to find where to look; the binding itself is read from the tree. */
function collectModules(root: Node, text: string): Modules {
  const mods: Modules = { cors: new Set(), fastifyCors: new Set(), vary: new Set() };
  const target = (src: string | undefined): Set<string> | undefined =>
    src === 'cors' ? mods.cors : src === '@fastify/cors' ? mods.fastifyCors : src === 'vary' ? mods.vary : undefined;
  MODULE_RE.lastIndex = 0;
  for (let m = MODULE_RE.exec(text); m; m = MODULE_RE.exec(text)) {
    const lit = root.descendantForIndex(m.index, m.index + m[0].length);
    const strNode = lit?.type === 'string' ? lit : lit?.parent?.type === 'string' ? lit.parent : undefined;
    if (!strNode || stringLit(strNode)?.text !== m[2]) continue;
    const set = target(m[2])!;
    // import x from 'cors' / import * as x / import { default as x } / import x = require('cors')
    const up: Node | null = strNode.parent;
    if (up?.type === 'import_require_clause') {
      const id = up.namedChildren.find((c) => c?.type === 'identifier');
      if (id) set.add(id.text);
      continue;
    }
    if (up?.type === 'import_statement') {
      const clause = up.namedChildren.find((c) => c?.type === 'import_clause');
      for (const c of clause?.namedChildren ?? []) {
        if (!c) continue;
        if (c.type === 'identifier') set.add(c.text);
        else if (c.type === 'namespace_import') {
          const id = c.namedChildren.find((x) => x?.type === 'identifier');
          if (id) set.add(id.text);
        } else if (c.type === 'named_imports') {
          for (const sp of c.namedChildren) {
            if (sp?.type !== 'import_specifier') continue;
            const name = sp.childForFieldName('name')?.text;
            const alias = sp.childForFieldName('alias')?.text;
            if (name === 'default' || (set === mods.fastifyCors && name === 'fastifyCors')) set.add(alias ?? name!);
          }
        }
      }
      continue;
    }
    // const x = require('cors') / const { default: x } = require('cors') / await import('@fastify/cors')
    if (up?.type !== 'arguments') continue;
    const call = up.parent;
    if (!call || moduleOfRequire(call) !== m[2]) continue;
    let holder: Node | null = call.parent;
    while (holder && (holder.type === 'await_expression' || holder.type === 'parenthesized_expression')) holder = holder.parent;
    if (holder?.type !== 'variable_declarator') continue;
    const nm = holder.childForFieldName('name');
    if (nm?.type === 'identifier') set.add(nm.text);
    else if (nm?.type === 'object_pattern') {
      for (const c of nm.namedChildren) {
        if (c?.type === 'pair_pattern' && ['default', 'fastifyCors'].includes(c.childForFieldName('key')?.text ?? '')) {
          const v = c.childForFieldName('value');
          if (v?.type === 'identifier') set.add(v.text);
        } else if (c?.type === 'shorthand_property_identifier_pattern' && c.text === 'fastifyCors') set.add(c.text);
      }
    }
  }
  return mods;
}

function isLibCallee(fn: Node | null | undefined, names: Set<string>, module: string): boolean {
  const u = unwrap(fn);
  if (!u) return false;
  if (u.type === 'identifier') return names.has(u.text);
  if (moduleOfRequire(u) === module) return true;
  // cors.default(...) for `import * as cors`
  if (u.type === 'member_expression' && u.childForFieldName('property')?.text === 'default') {
    const o = unwrap(u.childForFieldName('object'));
    return !!o && ((o.type === 'identifier' && names.has(o.text)) || moduleOfRequire(o) === module);
  }
  return false;
}

function scopeOfMount(m: Mount | undefined, fallback: Scope): Scope {
  if (!m) return fallback;
  if (m.method === 'use') {
    const label = m.path !== undefined ? `${m.object}.use ${m.path}` : m.object;
    return { kind: 'app', label, path: m.path !== undefined ? [m.object, m.path] : [m.object], span: span(m.call) };
  }
  const route = `${m.method === 'del' ? 'DELETE' : m.method.toUpperCase()} ${m.path ?? '?'}`;
  return { kind: 'route', label: route, path: [m.object, route], span: span(m.call) };
}

/** Identifiers passed to mount calls (`app.use(corsMw)`, `app.get('/x', [auth, corsMw], h)`), by name. Built per
 *  name on first use: the name is searched in the text and each occurrence confirmed on the tree, in the
 *  order a walk over all the calls would list them. */
function mountArgIndex(root: Node, text: string): (name: string) => Node[] {
  const cache = new Map<string, Node[]>();
  return (name) => {
    let list = cache.get(name);
    if (list) return list;
    const hits: { it: Node; call: Node }[] = [];
    for (const it of identifiersNamed(root, text, name, 'identifier')) {
      const p = parentOf(it);
      const args = p?.type === 'arguments' ? p : p?.type === 'array' ? parentOf(p) : null;
      if (args?.type !== 'arguments') continue;
      const call = parentOf(args);
      if (call?.type !== 'call_expression') continue;
      const fn = call.childForFieldName('function');
      if (fn?.type !== 'member_expression') continue;
      const prop = fn.childForFieldName('property')?.text ?? '';
      if (prop === 'use' || ROUTE_METHODS.has(prop.toLowerCase())) hits.push({ it, call });
    }
    hits.sort((a, b) => preorder(a.call, b.call) || a.it.startIndex - b.it.startIndex);
    list = hits.map((h) => h.it);
    cache.set(name, list);
    return list;
  };
}

const NAMED_WRITE = /\s*\(\s*(['"])([^'"\\\r\n\u2028\u2029]*)\1\s*,/y;

/** `res.set('Cache-Control', ...)` and the like, read from the text after the method name: the first argument is a
 *  plain string literal that is not a CORS header name, and a second argument follows, so the call writes nothing
 *  this extractor records (collectWrites takes the name from that literal). The tree is not consulted. */
function otherHeaderWrite(text: string, method: string, end: number): boolean {
  if (method !== 'set' && method !== 'header' && method !== 'setHeader' && method !== 'append' && method !== 'appendHeader') return false;
  NAMED_WRITE.lastIndex = end;
  const m = NAMED_WRITE.exec(text);
  return !!m && !isCorsHeaderName(m[2]);
}

const CALLEE_WRAPPERS = new Set([
  'parenthesized_expression',
  'as_expression',
  'satisfies_expression',
  'non_null_expression',
  'type_assertion',
  'await_expression',
  'member_expression',
  'call_expression',
  'arguments',
]);

/** Calls around a node, up through callee wrappers (`(x)`, `x!`, `await`, `.default`, `require(...)(...)`). */
function callsAround(n: Node, into: Map<number, Node>): void {
  let cur: Node | null = n;
  for (let i = 0; cur && i < 10; i++) {
    const p = parentOf(cur);
    if (!p || !CALLEE_WRAPPERS.has(p.type)) return;
    if (p.type === 'call_expression') into.set(p.id, p);
    cur = p;
  }
}

/** Where a middleware value (a cors() call or a handler function) is mounted: directly as an argument, or
 *  through a constant / function declaration used as an argument. */
function mountsOf(node: Node, index: (name: string) => Node[]): Mount[] {
  const direct = mountOf(node);
  if (direct) return [direct];
  let name: Node | null | undefined;
  let decl: Node | undefined;
  const np = parentOf(node);
  if (np?.type === 'variable_declarator') {
    decl = np;
    name = decl.childForFieldName('name');
  } else if (node.type === 'function_declaration') {
    decl = node;
    name = node.childForFieldName('name');
  }
  if (!decl || name?.type !== 'identifier') return [];
  const out: Mount[] = [];
  for (const it of index(name.text)) {
    const b = findBinding(it.text, it);
    if (!b || !b.node.equals(decl)) continue;
    const m = mountOf(it);
    if (m) out.push(m);
  }
  return out;
}

const WRITE_METHODS = new Set(['header', 'set', 'setHeader', 'append', 'appendHeader', 'writeHead', 'vary']);
const LIB_PROPS = new Set(['register', 'default', 'enableCors', 'create']);

interface Unit {
  kind: 'lib' | 'hand';
  mount: Mount;
  order: number;
  scope: Scope;
  /** hand: the writes of the function; lib: built lazily. */
  writes: HeaderWrite[];
  policy?: CorsPolicy;
}

function pathCovers(usePath: string | undefined, target: string | undefined): boolean {
  if (usePath === undefined) return true;
  if (target === undefined) return false;
  return target === usePath || target.startsWith(usePath.endsWith('/') ? usePath : usePath + '/');
}

/** The ERROR nodes that hold an occurrence of one of `names` (found by text search, confirmed in the tree),
 *  in document order — instead of walking a whole tree full of errors while the user types. */
function errorsAroundNames(root: Node, text: string, names: string[]): Node[] {
  const found = new Map<number, Node>();
  for (const name of names) {
    const re = new RegExp(`(?<![\\w$])${name.replace(/[$]/g, '\\$&')}(?![\\w$])`, 'g');
    for (let m = re.exec(text); m; m = re.exec(text)) {
      let n: Node | null = root.descendantForIndex(m.index, m.index + name.length);
      for (let i = 0; n && i < 64; i++) {
        if (n.type === 'ERROR') {
          found.set(n.id, n);
          break;
        }
        n = parentOf(n);
      }
    }
  }
  return [...found.values()].sort((a, b) => a.startIndex - b.startIndex || b.endIndex - a.endIndex);
}

function run(file: SourceFile): Partial<FileFacts> {
  resetCaches();
  const grammar = grammarFor(file);
  const tree = file.tree(grammar);
  if (!tree) return { notes: ['no syntax tree'] };
  const root = tree.rootNode;
  const notes: string[] = [];
  if (root.hasError) notes.push('the file has syntax errors; read what parsed');
  const ctx: OriginCtx = { reassigned: reassignedNames(root, file.text), names: new Set(), elementSpans: new Map() };
  const mods = collectModules(root, file.text);
  // Nothing to read unless a library module is imported or a CORS header name is written somewhere.
  const hasHeaderText = /access-control-|vary|timing-allow-origin/i.test(file.text);
  if (!hasHeaderText && !mods.cors.size && !mods.fastifyCors.size && !/(['"`])(cors|@fastify\/cors)\1|enableCors|NestFactory/.test(file.text)) {
    return { notes };
  }
  // The calls that matter, found from the names in the text (callee names, module strings) and sorted out
  // by their callee exactly as a pass over every call would, in the same order. Every call that can yield a
  // write or a library policy has one of these seeds in its callee: a write method or library property name,
  // a local name of cors / vary, or the 'cors' string of require('cors')(...).
  const around = new Map<number, Node>();
  const seeds = [
    ...identifiersNamed(root, file.text, [...WRITE_METHODS, ...LIB_PROPS], 'property_identifier', (w, end) => otherHeaderWrite(file.text, w, end)),
    ...identifiersNamed(root, file.text, [...mods.cors, ...mods.vary], 'identifier'),
  ];
  MODULE_RE.lastIndex = 0;
  for (let m = MODULE_RE.exec(file.text); m; m = MODULE_RE.exec(file.text)) {
    if (m[2] !== 'cors') continue; // require('cors')(...), (await import('cors')).default(...)
    let lit = root.descendantForIndex(m.index, m.index + m[0].length);
    if (lit && lit.type !== 'string' && lit.type !== 'template_string') lit = parentOf(lit);
    if (lit && (lit.type === 'string' || lit.type === 'template_string')) seeds.push(lit);
  }
  for (const n of seeds) callsAround(n, around);
  const writeCalls: Node[] = [];
  const libCandidates: Node[] = [];
  for (const call of [...around.values()].sort(preorder)) {
    const fn = call.childForFieldName('function');
    if (!fn) continue;
    const t = fn.type;
    if (t === 'member_expression') {
      const prop = fn.childForFieldName('property')?.text ?? '';
      if (WRITE_METHODS.has(prop)) writeCalls.push(call);
      if (LIB_PROPS.has(prop)) libCandidates.push(call);
    } else if (t === 'identifier') {
      const name = fn.text;
      if (mods.cors.has(name)) libCandidates.push(call);
      if (mods.vary.has(name)) writeCalls.push(call);
    } else if (t === 'call_expression' || t === 'parenthesized_expression' || t === 'await_expression') {
      libCandidates.push(call); // require('cors')(...)
    }
  }
  const mountIndex = mountArgIndex(root, file.text);

  let policyN = 0;
  let writeN = 0;
  const policies: CorsPolicy[] = [];
  const headerWrites: HeaderWrite[] = [];
  const responses: ResponseHeaders[] = [];
  const units: Unit[] = [];
  const fileScope: Scope = { kind: 'file', label: file.path.split('/').pop() ?? file.path, path: [] };

  // ---------------------------------------------------------------- library calls
  interface LibCall {
    lib: LibSpec;
    call: Node | undefined;
    declSpan: Span;
    calleeSpan: Span;
    options: Parameters<typeof policyFromOptions>[3];
    mounts: Mount[];
    registered: boolean;
  }
  const libCalls: LibCall[] = [];
  const mutated = mutatedObjects(root, file.text);
  const optionsOf = (arg: Node | undefined, open: boolean): LibCall['options'] => {
    if (!arg) return { kind: 'none' };
    const a = unwrap(arg);
    if (a?.type === 'identifier' && mutated.has(a.text)) return { kind: 'unknown', node: arg }; // opts.origin = ... later
    const v = resolveValue(arg, ctx);
    if (!v) return { kind: 'unknown', node: arg };
    if (v.type === 'object') return { kind: 'props', props: readProps(objectMembers(v), open || v.hasError) };
    if (isFunction(v)) return { kind: 'delegate', node: v };
    if (v.type === 'undefined' || (v.type === 'identifier' && v.text === 'undefined')) return { kind: 'none' };
    return { kind: 'unknown', node: arg };
  };
  for (const call of libCandidates) {
    const fn = call.childForFieldName('function');
    if (isLibCallee(fn, mods.cors, 'cors')) {
      const args = callArgs(call);
      libCalls.push({
        lib: CORS_LIB,
        call,
        declSpan: span(call),
        calleeSpan: span(fn!),
        options: optionsOf(args[0], call.hasError),
        mounts: mountsOf(call, mountIndex),
        registered: false,
      });
      continue;
    }
    const mc = memberCall(call);
    // NestJS: app.enableCors(options) / NestFactory.create(AppModule, { cors: options | true }); the Express
    // platform hands the options to the cors package, the Fastify platform to @fastify/cors.
    if (mc && (mc.property === 'enableCors' || (mc.property === 'create' && /(^|\.)NestFactory$/.test(mc.object.text)))) {
      const lib = /\bFastifyAdapter\b/.test(file.text) ? FASTIFY_LIB : CORS_LIB;
      const args = callArgs(call);
      let options: LibCall['options'] | undefined;
      if (mc.property === 'enableCors') options = optionsOf(args[0], call.hasError);
      else {
        const opts = resolveValue(args[1], ctx);
        if (opts?.type === 'object') {
          const p = readProps(objectMembers(opts), false).map.get('cors');
          const v = p ? resolveValue(p.value, ctx) : undefined;
          if (p && v?.type === 'true') options = { kind: 'none' };
          else if (p && v?.type !== 'false') options = optionsOf(p.value, call.hasError);
        }
      }
      if (options) {
        libCalls.push({ lib, call, declSpan: span(call), calleeSpan: span(mc.propertyNode), options, mounts: [{ object: mc.object.text, method: 'use', call }], registered: true });
      }
      continue;
    }
    // fastify.register(cors, {...})
    if (mc?.property === 'register') {
      const args = callArgs(call);
      if (args[0] && isLibCallee(args[0], mods.fastifyCors, '@fastify/cors')) {
        libCalls.push({
          lib: FASTIFY_LIB,
          call,
          declSpan: span(call),
          calleeSpan: span(args[0]),
          options: optionsOf(args[1], call.hasError),
          mounts: [{ object: mc.object.text, method: 'use', call }],
          registered: true,
        });
      }
    }
  }
  // half-typed `app.use(cors({ ... ` inside an ERROR node
  if (root.hasError && (mods.cors.size || mods.fastifyCors.size)) {
    for (const err of errorsAroundNames(root, file.text, [...mods.cors])) {
      for (const id of err.namedChildren) {
        if (id?.type !== 'identifier' || !mods.cors.has(id.text)) continue;
        const rec = recoverOptionsCall(root, id);
        if (!rec || (rec.open && rec.members.length === 0)) continue; // nothing readable yet
        let prev = id.previousNamedSibling;
        if (!prev && err.namedChildren[0]?.equals(id)) prev = err.previousNamedSibling;
        let mount: Mount | undefined;
        if (prev?.type === 'member_expression') {
          const prop = prev.childForFieldName('property')?.text ?? '';
          const obj = prev.childForFieldName('object');
          if (obj && prop === 'use') mount = { object: obj.text, method: 'use', call: prev };
        }
        libCalls.push({
          lib: CORS_LIB,
          call: undefined,
          declSpan: { start: id.startIndex, end: rec.end },
          calleeSpan: span(id),
          options: { kind: 'props', props: readProps(rec.members, rec.open) },
          mounts: mount ? [mount] : [],
          registered: false,
        });
        notes.push(`recovered a half-typed ${id.text}() call`);
      }
    }
  }

  for (const lc of libCalls) {
    const lp = policyFromOptions(lc.lib, lc.declSpan, lc.calleeSpan, lc.options, ctx);
    if (!lp) continue; // origin: false -> the library sends nothing
    const first = lc.mounts[0];
    const scope = lc.registered && first ? { kind: 'app' as const, label: first.object, path: [first.object], span: span(first.call) } : scopeOfMount(first, fileScope);
    let answersPreflight: CorsPolicy['answersPreflight'];
    if (lp.preflight === 'off') answersPreflight = false;
    else if (lp.preflight !== 'answered') answersPreflight = 'unknown';
    else if (lc.registered) answersPreflight = true;
    else if (lc.mounts.some((m) => m.method === 'use' || m.method === 'options' || m.method === 'all')) answersPreflight = true;
    else if (lc.mounts.length) {
      // route-level cors(): only an OPTIONS route (or an app-level cors) answers the preflight
      const covered = lc.mounts.every((m) =>
        libCalls.some(
          (o) =>
            o !== lc &&
            o.mounts.some(
              (om) =>
                om.object === m.object &&
                ((om.method === 'use' && pathCovers(om.path, m.path)) ||
                  ((om.method === 'options' || om.method === 'all') && (om.path === '*' || om.path === m.path || om.path === '/*' || om.path === '(.*)'))),
            ),
        ),
      );
      answersPreflight = covered ? true : 'unknown';
    } else answersPreflight = 'unknown';
    const policy: CorsPolicy = { id: `express-p${++policyN}`, scope, ...lp.policy, answersPreflight } as CorsPolicy;
    fixEntrySpans(policy, ctx);
    policies.push(policy);
    if (first && lc.call) units.push({ kind: 'lib', mount: first, order: first.call.startIndex, scope, writes: [], policy });
  }

  // ---------------------------------------------------------------- hand-written headers
  const scopeCache = new Map<number, { scope: Scope; mounts: Mount[] }>();
  const scopeInfo = (fn: Node | undefined): { scope: Scope; mounts: Mount[] } => {
    if (!fn) return { scope: fileScope, mounts: [] };
    const hit = scopeCache.get(fn.id);
    if (hit) return hit;
    const mounts = mountsOf(fn, mountIndex);
    let scope: Scope;
    if (mounts.length) scope = scopeOfMount(mounts[0], fileScope);
    else {
      const parentCall = fn.parent?.type === 'arguments' ? fn.parent.parent : undefined;
      const pmc = parentCall ? memberCall(parentCall) : undefined;
      if (pmc?.property === 'createServer') scope = { kind: 'app', label: `${pmc.object.text}.createServer`, path: [pmc.object.text], span: span(parentCall!) };
      else {
        const name = functionName(fn);
        scope = { kind: 'block', label: name ? `function ${name}` : 'handler', path: name ? [name] : [], span: span(fn) };
      }
    }
    const info = { scope, mounts };
    scopeCache.set(fn.id, info);
    return info;
  };
  const raws = collectWrites(writeCalls, {
    ctx,
    nextId: () => `express-w${++writeN}`,
    scopeFor: (fn) => scopeInfo(fn).scope,
    varyNames: mods.vary,
  });
  raws.sort((a, b) => a.write.statementSpan.start - b.write.statementSpan.start || a.write.nameSpan.start - b.write.nameSpan.start);
  const nodeOf = new Map<string, Node>();
  for (const r of raws) {
    headerWrites.push(r.write);
    nodeOf.set(r.write.id, r.pair ?? r.call);
  }
  const groups = new Map<number, RawWrite[]>();
  for (const r of raws) {
    const key = r.fn ? r.fn.id : -1;
    const g = groups.get(key);
    if (g) g.push(r);
    else groups.set(key, [r]);
  }
  for (const group of groups.values()) {
    const writes = group.map((r) => r.write);
    const corsWrites = group.filter((r) => !r.absent).map((r) => r.write);
    const fn = group[0].fn;
    const { scope, mounts } = scopeInfo(fn);
    let answersPreflight: CorsPolicy['answersPreflight'] | undefined;
    if (fn) {
      const ob = optionsBranch(fn, ctx);
      if (ob) answersPreflight = effectiveWrites(corsWrites, H.allowOrigin).some((w) => w.condition !== 'non-options');
      else if (mounts.some((m) => m.method === 'options' || m.method === 'all')) answersPreflight = true;
      else if (mounts.length && mounts.every((m) => m.method !== 'use')) answersPreflight = 'unknown';
    }
    const declSpan = fn ? span(fn) : writes[0].statementSpan;
    const policy = policyFromWrites(corsWrites, {
      id: `express-p${policyN + 1}`,
      extractor: 'express',
      layer: 'app',
      scope,
      span: declSpan,
      answersPreflight,
    });
    if (policy) {
      policyN++;
      // several ACAO writes in different branches: the per-request one tells what the browser sees
      // (set semantics: the last unconditional write and the guarded ones after it are the candidates)
      const acaoAll = corsWrites.filter(isAcao);
      if (acaoAll.length >= 2 && acaoAll.every((w) => w.op === 'set')) {
        let from = 0;
        acaoAll.forEach((w, i) => {
          if (!w.condition) from = i;
        });
        const cands = acaoAll.slice(from);
        if (cands.length >= 2) {
          const ro = cands.filter((w) => w.value.kind === 'request-origin');
          const unchecked = ro.find((w) => w.value.kind === 'request-origin' && !w.value.checked);
          const literals = new Set(cands.map((w) => (w.value.kind === 'literal' ? w.value.text : '\u0000')));
          if (unchecked) policy.origin = originFromWrite(unchecked);
          else if (ro.length === 1) policy.origin = originFromWrite(ro[0]);
          else if (ro.length === 0 && literals.size === 1 && !literals.has('\u0000')) policy.origin = originFromWrite(cands[cands.length - 1]);
          else policy.origin = { kind: 'unknown', span: cands[0].valueSpan };
        }
      }
      fixEntrySpans(policy, ctx);
      policies.push(policy);
    }
    // the writes that reach one response of this function
    const ids = responseWrites(writes, nodeOf);
    if (ids.length) responses.push({ scope, writeIds: ids });
    if (mounts[0]) units.push({ kind: 'hand', mount: mounts[0], order: mounts[0].call.startIndex, scope, writes, policy });
  }

  // ---------------------------------------------------------------- responses across middleware
  const seen = new Set(responses.map((r) => r.writeIds.join(',')));
  const pseudo = new Map<string, HeaderWrite>();
  const libWrites = (u: Unit): HeaderWrite[] => {
    if (u.kind === 'hand' || !u.policy) return u.writes;
    const p = u.policy;
    const mk = (suffix: string, name: string): HeaderWrite => {
      const id = `${p.id}-${suffix}`;
      let w = pseudo.get(id);
      if (!w) {
        const stmt = wholeStatement(u.mount.call);
        w = {
          id,
          name,
          nameSpan: p.span,
          value: { kind: 'unknown', reason: `sent by the ${p.library} library` },
          valueSpan: name === 'Access-Control-Allow-Origin' ? p.origin.span ?? p.span : p.credentialsSpan ?? p.span,
          statementSpan: stmt ? span(stmt) : span(u.mount.call),
          op: 'set',
          always: 'n/a',
          layer: 'app',
          scope: u.scope,
          extractor: 'express',
        };
        pseudo.set(id, w);
      }
      return w;
    };
    const out = [mk('acao', 'Access-Control-Allow-Origin')];
    if (p.credentials === true) out.push(mk('acac', 'Access-Control-Allow-Credentials'));
    return out;
  };
  const usedPseudo = new Set<string>();
  // Only `add` writes (res.append) can make a second value across middleware; without one, skip.
  const relevant = new Map<Unit, HeaderWrite[]>();
  const isWatched = (w: HeaderWrite) => sameHeader(w.name.trim(), H.allowOrigin) || sameHeader(w.name.trim(), H.allowCredentials);
  const anyAdd = units.some((u) => u.kind === 'hand' && u.writes.some((w) => w.op === 'add' && isWatched(w)));
  const ordered = anyAdd ? [...units].sort((a, b) => a.order - b.order) : [];
  for (const u of ordered) relevant.set(u, libWrites(u).filter(isWatched));
  for (const u of ordered) {
    const chain = ordered.filter(
      (o) =>
        o === u ||
        (o.order < u.order && o.mount.object === u.mount.object && o.mount.method === 'use' && pathCovers(o.mount.path, u.mount.path) && relevant.get(o)!.length > 0),
    );
    if (chain.length < 2) continue;
    const owner = new Map<string, number>();
    chain.forEach((c, i) => relevant.get(c)!.forEach((w) => owner.set(w.id, i)));
    const seq = chain.flatMap((c) => relevant.get(c)!);
    const ids: string[] = [];
    let dup = false;
    for (const name of [H.allowOrigin, H.allowCredentials]) {
      const eff = pruneExclusive(effectiveWrites(seq, name), nodeOf);
      if (eff.length >= 2 && new Set(eff.map((w) => owner.get(w.id))).size >= 2) dup = true;
      ids.push(...eff.map((w) => w.id));
    }
    if (!dup) continue;
    const key = ids.join(',');
    if (seen.has(key)) continue;
    seen.add(key);
    for (const id of ids) if (pseudo.has(id)) usedPseudo.add(id);
    responses.push({ scope: u.scope, writeIds: ids });
  }
  for (const id of usedPseudo) headerWrites.push(pseudo.get(id)!);

  return {
    policies,
    headerWrites,
    responses,
    headerMentions: mentions(root, headerWrites, file.text),
    notes,
  };
}

/** Drop writes that can never run together with an earlier kept one. */
function pruneExclusive(ws: HeaderWrite[], nodeOf: Map<string, Node>): HeaderWrite[] {
  const kept: HeaderWrite[] = [];
  for (const w of ws) {
    const n = nodeOf.get(w.id);
    if (n && kept.some((k) => nodeOf.has(k.id) && exclusive(nodeOf.get(k.id)!, n))) continue;
    kept.push(w);
  }
  return kept;
}

function responseWrites(writes: HeaderWrite[], nodeOf: Map<string, Node>): string[] {
  const names: string[] = [];
  for (const w of writes) if (!names.some((n) => sameHeader(n, w.name))) names.push(w.name);
  const ids = new Set<string>();
  for (const n of names) for (const w of pruneExclusive(effectiveWrites(writes, n), nodeOf)) ids.add(w.id);
  return writes.filter((w) => ids.has(w.id)).map((w) => w.id);
}

/** List entries found through an allowlist constant: point `elementSpan` at the whole array element. */
function fixEntrySpans(p: CorsPolicy, ctx: OriginCtx): void {
  if (p.origin.kind !== 'list') return;
  for (const e of p.origin.entries) {
    if (e.elementSpan.start === e.span.start && e.elementSpan.end === e.span.end) {
      const el = ctx.elementSpans.get(e.span.start);
      if (el) e.elementSpan = el;
    }
  }
}

const HEADER_CALLS = new Set(['header', 'get', 'set', 'setHeader', 'getHeader', 'append', 'appendHeader', 'removeHeader', 'hasHeader', 'has', 'vary']);

/** CORS header names written in the file (for hovers). */
function mentions(root: Node, writes: HeaderWrite[], text: string): Valued<string>[] {
  const out: Valued<string>[] = [];
  const seen = new Set<number>();
  const push = (value: string, s: Span) => {
    if (seen.has(s.start)) return;
    seen.add(s.start);
    out.push({ value, span: s });
  };
  // Candidates are found in the raw text (a whole quoted string), then confirmed on the tree.
  const re = /(['"`])(access-control-[a-z-]+|vary|timing-allow-origin|origin)\1/gi;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    re.lastIndex = m.index + m[0].length - 1; // the closing quote may open the next string
    const n = root.descendantForIndex(m.index, m.index + m[0].length);
    const strNode = n?.type === 'string' || n?.type === 'template_string' ? n : undefined;
    if (!strNode || strNode.startIndex !== m.index) continue;
    const s = stringLit(strNode);
    if (!s || !s.verbatim) continue;
    const t = s.text;
    if (/^access-control-[a-z-]+$/i.test(t) || /^(vary|timing-allow-origin)$/i.test(t)) push(t, s.span);
    else if (/^origin$/i.test(t)) {
      // only where it names a header: req.header('Origin'), req.headers['origin'], res.vary('Origin')
      const p = s.node.parent;
      const call = p?.type === 'arguments' ? p.parent : undefined;
      const mc = call ? memberCall(call) : undefined;
      const inHeaderCall = !!mc && HEADER_CALLS.has(mc.property) && callArgs(call!)[0]?.equals(s.node);
      const inHeaders = p?.type === 'subscript_expression' && /\.headers?$/.test(p.childForFieldName('object')?.text ?? '');
      if (inHeaderCall || inHeaders) push(t, s.span);
    }
  }
  for (const w of writes) {
    if (w.id.includes('-acao') || w.id.includes('-acac')) continue;
    // names written as bare object keys ({ Vary: 'Origin' })
    if (/^[\w-]+$/.test(w.name) && text.slice(w.nameSpan.start, w.nameSpan.end) === w.name) push(w.name, w.nameSpan);
    if (sameHeader(w.name, H.vary) && w.value.kind === 'literal' && w.valueSpan && w.valueSpan.end - w.valueSpan.start === w.value.text.length) {
      const re = /[^,\s]+/g;
      for (let m = re.exec(w.value.text); m; m = re.exec(w.value.text)) {
        if (m[0].toLowerCase() === 'origin') push(m[0], { start: w.valueSpan.start + m.index, end: w.valueSpan.start + m.index + m[0].length });
      }
    }
  }
  out.sort((a, b) => a.span.start - b.span.start);
  return out;
}

const extractor: Extractor = {
  id: EXTRACTOR_ID,
  title: 'Express / Connect / Fastify (cors, @fastify/cors, hand-written headers)',
  languages: ['javascript', 'javascriptreact', 'typescript', 'typescriptreact'],
  filePatterns: ['**/*.{js,cjs,mjs,jsx,ts,cts,mts,tsx}'],
  grammarFor,
  mayContain(text: string): boolean {
    return /access-control-|\bcors\b|enableCors/i.test(text);
  },
  extract(file: SourceFile): Partial<FileFacts> {
    try {
      return run(file);
    } catch (e) {
      return { notes: [`extraction failed: ${e instanceof Error ? e.message : String(e)}`] };
    }
  },
  renderFix(req, facts, file) {
    try {
      return renderExpressFix(req, facts, file, grammarFor(file));
    } catch {
      return [];
    }
  },
};

export default extractor;
