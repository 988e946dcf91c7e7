/**
 * Library calls: `cors(...)` (also half-typed, inside a syntax error), `fastify.register(cors, ...)`, and NestJS
 * `app.enableCors(...)` / `NestFactory.create(..., { cors })`; their options, where they are mounted, and the
 * policy each one makes, with whether it answers the preflight.
 */
import type { CorsPolicy, Scope, Span } from '../../model/index.js';
import type { Node } from '../../syntax/treeSitter.js';
import type { Found } from './assembly.js';
import { widenEntries } from './handWritten.js';
import { callArgs, memberCall } from './calls.js';
import { CORS_LIB, FASTIFY_LIB, policyFromOptions, type LibSpec } from './corsLib.js';
import { span, unwrap } from './literals.js';
import { isLibCallee, type Modules } from './modules.js';
import { mountsOf, pathCovers, scopeOfMount, type Mount } from './mounts.js';
import { objectMembers, readProps } from './optionValues.js';
import type { LibCtx } from './resolve.js';
import { recoverOptionsCall } from './recover.js';
import { mutatedObjects, resolveValue } from './resolve.js';
import { isFunction, parentOf } from './scopes.js';

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
  call: Node | undefined;
  declSpan: Span;
  calleeSpan: Span;
  options: Parameters<typeof policyFromOptions>[3];
  mounts: Mount[];
  registered: boolean;
}

/** The library calls among the candidate calls, and the half-typed `cors(...)` calls inside ERROR nodes. */
export function findLibCalls(
  root: Node,
  text: string,
  mods: Modules,
  libCandidates: Node[],
  mountIndex: (name: string) => Node[],
  ctx: LibCtx,
  notes: string[],
): LibCall[] {
  const libCalls: LibCall[] = [];
  const mutated = mutatedObjects(root, text);
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
      const lib = /\bFastifyAdapter\b/.test(text) ? FASTIFY_LIB : CORS_LIB;
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
    for (const err of errorsAroundNames(root, text, [...mods.cors])) {
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
  return libCalls;
}

/** The policy each library call makes (none for `origin: false`), added to `found` with the call's unit. */
export function addLibPolicies(libCalls: LibCall[], fileScope: Scope, ctx: LibCtx, found: Found): void {
  const { policies, units } = found;
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
    const policy: CorsPolicy = { id: `express-p${++found.policyN}`, scope, ...lp.policy, answersPreflight } as CorsPolicy;
    widenEntries(policy, ctx.root);
    policies.push(policy);
    if (first && lc.call) units.push({ kind: 'lib', mount: first, order: first.call.startIndex, scope, writes: [], policy });
  }
}
