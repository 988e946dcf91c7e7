/**
 * Library calls: `cors(...)` (also half-typed, inside a syntax error), `fastify.register(cors, ...)`, and NestJS
 * `app.enableCors(...)` / `NestFactory.create(..., { cors })`; their options, where they are mounted, and the
 * policy each one makes, with whether it answers the preflight.
 */
import type { CorsPolicy, Scope, Span } from '../../model/index.js';
import type { Node } from '../../syntax/treeSitter.js';
import { dottedName, envOf, evaluate, jsEntry, jsExpr, type Code, type Env, type Expr, type Stmt } from '../../code/index.js';
import { allCalls, moduleOf, positional, type Call } from '../jsCalls.js';
import { readOptions } from '../jsOptions.js';
import type { Found } from './assembly.js';
import { widenEntries } from './handWritten.js';
import { CORS_LIB, FASTIFY_LIB, policyFromOptions, type LibOptions, type LibSpec } from './corsLib.js';
import { appOf, pathCovers, scopeOfMount, type Mount, type Mounts } from './mounts.js';
import { recoverOptionsCall } from './recover.js';
import { parentOf } from './scopes.js';

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

export interface LibCall {
  lib: LibSpec;
  /** Read from the tokens of a half-typed call (recover.ts), not from a complete call. */
  recovered: boolean;
  declSpan: Span;
  calleeSpan: Span;
  options: LibOptions;
  mounts: Mount[];
  registered: boolean;
}

/** The tree node that covers exactly this span (the outermost one). */
export function nodeAt(root: Node, s: Span): Node | undefined {
  let n: Node | null = root.descendantForIndex(s.start, Math.max(s.start, s.end - 1));
  while (n && (n.startIndex > s.start || n.endIndex < s.end)) n = n.parent;
  if (!n || n.startIndex !== s.start || n.endIndex !== s.end) return undefined;
  while (n.parent && n.parent.startIndex === s.start && n.parent.endIndex === s.end) n = n.parent;
  return n;
}

/** Is this expression the export of `module` (`cors`, `require('cors')`, `cors.default`, `import('cors')`)? */
function isModule(e: Expr | undefined, env: Env, module: string, names: readonly string[] = []): boolean {
  if (!e) return false;
  const m = moduleOf(e, env);
  return !!m && m.module === module && (m.path.length === 0 || (m.path.length === 1 && names.includes(m.path[0])));
}

/** The names bound to a module's export anywhere in the file (`const cors = require('cors')`, `import cors
 *  from 'cors'`, also inside a function). */
export function moduleNames(code: Code, module: string, names: readonly string[] = []): Set<string> {
  const out = new Set<string>();
  const stack = [code.scopes.module];
  while (stack.length) {
    const sc = stack.pop()!;
    const env = envOf(code, sc.fn);
    for (const name of sc.names.keys()) {
      if (isModule({ k: 'name', name, span: { start: 0, end: 0 } }, env, module, names)) out.add(name);
    }
    stack.push(...sc.children);
  }
  return out;
}

/** The options argument of a library call, read by the engine: a function decides per request; an object
 *  inside code with syntax errors may hold more than what parsed. */
function readLibOptions(arg: Expr | undefined, env: Env, root: Node, open: boolean): LibOptions {
  if (!arg) return { k: 'none' };
  const v = evaluate(arg, env);
  if (v.k === 'func') return { k: 'delegate', span: v.fn.span };
  const o = readOptions(arg, env);
  if (o.k === 'map' && !o.map.open && (open || nodeAt(root, o.map.at.span)?.hasError)) return { k: 'map', map: { ...o.map, open: true } };
  return o;
}

/** The library calls of the file, on the engine, and the half-typed `cors(...)` calls inside ERROR nodes. */
export function findLibCalls(root: Node, text: string, code: Code, mounts: Mounts, notes: string[]): LibCall[] {
  const libCalls: LibCall[] = [];
  // a `new Set([...])` is no list here: the cors package tests `Array.isArray`, any other object is just truthy
  const libCode: Code = { ...code, table: { ...code.table, listCalls: [] } };
  const objectText = (e: Expr) => text.slice(e.span.start, e.span.end);
  const take = (call: Call, env: Env, stmt: Stmt | undefined, node: Node): void => {
    const args = positional(call);
    const hasError = node.hasError;
    const c = call.callee;
    if (isModule(c, env, 'cors')) {
      libCalls.push({ lib: CORS_LIB, recovered: false, declSpan: call.span, calleeSpan: c.span, options: readLibOptions(args[0], env, root, hasError), mounts: mounts.of(call.span), registered: false });
      return;
    }
    if (c.k !== 'member') return;
    const mount: Mount[] = [
      { object: objectText(c.object), method: 'use', span: call.span, stmtSpan: stmt?.k === 'expr' && stmt.expr === call ? stmt.span : undefined, app: appOf(c.object, env) },
    ];
    // NestJS: app.enableCors(options) / NestFactory.create(AppModule, { cors: options | true }); the Express
    // platform hands the options to the cors package, the Fastify platform to @fastify/cors.
    const nestCreate = c.name === 'create' && dottedName(c.object)?.split('.').at(-1) === 'NestFactory';
    if (c.name === 'enableCors' || nestCreate) {
      const lib = /\bFastifyAdapter\b/.test(text) ? FASTIFY_LIB : CORS_LIB;
      let options: LibOptions | undefined;
      if (!nestCreate) options = readLibOptions(args[0], env, root, hasError);
      else {
        const all = args[1] ? evaluate(args[1], env) : undefined;
        const e = all?.k === 'map' ? all.entries.filter((x) => x.key === 'cors').at(-1) : undefined;
        if (e && e.value.k === 'bool') options = e.value.value ? { k: 'none' } : undefined;
        else if (e) options = readLibOptions(e.entry.value, env, root, hasError);
      }
      if (options) libCalls.push({ lib, recovered: false, declSpan: call.span, calleeSpan: c.nameSpan ?? c.span, options, mounts: mount, registered: true });
      return;
    }
    // fastify.register(cors, {...})
    if (c.name === 'register' && isModule(args[0], env, '@fastify/cors', ['fastifyCors'])) {
      libCalls.push({ lib: FASTIFY_LIB, recovered: false, declSpan: call.span, calleeSpan: args[0].span, options: readLibOptions(args[1], env, root, hasError), mounts: mount, registered: true });
    }
  };
  const seen = new Set<string>();
  for (const { call, env, stmt } of allCalls(libCode)) {
    const node = nodeAt(root, call.span);
    seen.add(`${call.span.start}:${call.span.end}`);
    if (node) take(call, env, stmt, node);
  }
  const env = envOf(libCode);
  const corsNames = root.hasError ? moduleNames(code, 'cors') : new Set<string>();
  if (root.hasError) {
    // complete calls inside an ERROR node whose statement the engine could not read (an unclosed function
    // around them): each is read in the common form on its own, with the module's names
    const names = [...corsNames, ...moduleNames(code, '@fastify/cors', ['fastifyCors']), 'enableCors', 'NestFactory'];
    for (const err of errorsAroundNames(root, text, names)) {
      for (const node of err.descendantsOfType('call_expression')) {
        if (!node || seen.has(`${node.startIndex}:${node.endIndex}`)) continue;
        seen.add(`${node.startIndex}:${node.endIndex}`);
        const call = jsExpr(node);
        if (call.k === 'call') take(call, env, undefined, node);
      }
    }
    libCalls.sort((x, y) => x.declSpan.start - y.declSpan.start);
  }
  // half-typed `app.use(cors({ ... ` inside an ERROR node: the engine reads the complete statements there,
  // not a call cut off in the middle; its options are read from the tokens that parsed (recover.ts)
  for (const err of errorsAroundNames(root, text, [...corsNames])) {
    for (const id of err.namedChildren) {
      if (id?.type !== 'identifier' || !corsNames.has(id.text)) continue;
      const rec = recoverOptionsCall(root, id);
      if (!rec || (rec.open && rec.members.length === 0)) continue; // nothing readable yet
      let prev = id.previousNamedSibling;
      if (!prev && err.namedChildren[0]?.equals(id)) prev = err.previousNamedSibling;
      let mount: Mount | undefined;
      if (prev?.type === 'member_expression') {
        const prop = prev.childForFieldName('property')?.text ?? '';
        const obj = prev.childForFieldName('object');
        if (obj && prop === 'use') mount = { object: obj.text, method: 'use', span: { start: prev.startIndex, end: prev.endIndex } };
      }
      const written: Expr = { k: 'map', span: { start: id.endIndex, end: rec.end }, entries: rec.members.map((m) => jsEntry(m)) };
      const map = evaluate(written, env);
      if (map.k !== 'map') continue;
      libCalls.push({
        lib: CORS_LIB,
        recovered: true,
        declSpan: { start: id.startIndex, end: rec.end },
        calleeSpan: { start: id.startIndex, end: id.endIndex },
        options: { k: 'map', map: { ...map, open: map.open || rec.open } },
        mounts: mount ? [mount] : [],
        registered: false,
      });
      notes.push(`recovered a half-typed ${id.text}() call`);
    }
  }
  return libCalls;
}

/** The policy each library call makes (none for `origin: false`), added to `found` with the call's unit. */
export function addLibPolicies(libCalls: LibCall[], fileScope: Scope, code: Code, root: Node, found: Found): void {
  const { policies, units } = found;
  for (const lc of libCalls) {
    const lp = policyFromOptions(lc.lib, lc.declSpan, lc.calleeSpan, lc.options, code);
    if (!lp) continue; // origin: false -> the library sends nothing
    const first = lc.mounts[0];
    const scope = lc.registered && first ? { kind: 'app' as const, label: first.object, path: [first.object], span: first.span } : scopeOfMount(first, fileScope);
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
    const policy: CorsPolicy = { id: `express-p${++found.policyN}`, scope, ...lp.policy, answersPreflight } as CorsPolicy;
    widenEntries(policy, root);
    policies.push(policy);
    if (first && !lc.recovered) units.push({ kind: 'lib', mount: first, order: first.span.start, scope, writes: [], policy });
  }
}
