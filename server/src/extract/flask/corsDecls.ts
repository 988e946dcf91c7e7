/**
 * Where flask-cors is applied: `CORS(app, ...)`, `ext = CORS(...)` then `ext.init_app(app, ...)` (also on
 * an extension object imported from another module), and `@cross_origin(...)` on a view. Read from the
 * engine's common form: calls with their keyword arguments, decorators on their functions.
 */
import type { Scope } from '../../model/index.js';
import { callsOfStmt, dottedName, type Call, type Env } from '../../code/index.js';
import { eachStmt, isCorsCallee, isCrossCallee, routeInfo, routeScope, type Ctx } from './ctx.js';
import { emptyLayer, kwargLayer, type OptLayer } from './corsOptions.js';

export interface Decl {
  kind: 'extension' | 'decorator';
  /** The call that applies the options (CORS(app), init_app(...), cross_origin(...)). */
  call: Call;
  /** Layers above config, lowest first. */
  layers: OptLayer[];
  scope?: Scope;
  /** The config is read when the call runs (extension) or per request (decorator). */
  configBefore: number;
}

export function findDecls(ctx: Ctx): Decl[] {
  const decls: Decl[] = [];
  const ctorByVar = new Map<string, { call: Call; env: Env }>();
  const ctorUsed = new Set<Call>();
  const initCalls: { call: Call; env: Env }[] = [];
  eachStmt(ctx.code, (s, env) => {
    if (s.k === 'func') {
      for (const d of s.fn.decorators) {
        if (d.k !== 'call') {
          if (isCrossCallee(ctx, d)) ctx.notes.push('bare @cross_origin without parentheses: flask-cors needs @cross_origin()');
          continue;
        }
        if (!isCrossCallee(ctx, d.callee)) continue;
        const route = routeInfo(s.fn, ctx.text);
        const label = route?.label ?? (s.fn.name ? 'def ' + s.fn.name : 'route');
        decls.push({ kind: 'decorator', call: d, layers: [kwargLayer(ctx, d, env, false)], scope: routeScope(label, s.fn.span), configBefore: Number.MAX_SAFE_INTEGER });
      }
      return;
    }
    for (const call of callsOfStmt(s)) {
      if (isCorsCallee(ctx, call.callee)) {
        const target = s.k === 'assign' && s.value === call ? dottedName(s.target) : undefined;
        if (target) ctorByVar.set(target, { call, env });
        const app = call.args.find((a) => !a.name && !a.spread) ?? call.args.find((a) => a.name === 'app');
        if (app && app.value.k !== 'nil') {
          ctorUsed.add(call);
          decls.push({ kind: 'extension', call, layers: [kwargLayer(ctx, call, env, true)], configBefore: call.span.start });
        }
      } else if (call.callee.k === 'member' && call.callee.name === 'init_app') initCalls.push({ call, env });
    }
  });
  for (const { call, env } of initCalls) {
    if (call.callee.k !== 'member') continue;
    const recv = call.callee.object;
    const name = dottedName(recv) ?? '';
    const ctor = ctorByVar.get(name);
    if (ctor) {
      ctorUsed.add(ctor.call);
      const ctorLayer = kwargLayer(ctx, ctor.call, ctor.env, true);
      decls.push({ kind: 'extension', call, layers: [ctorLayer, kwargLayer(ctx, call, env, true)], configBefore: call.span.start });
    } else if (recv.k === 'name' && /cors/i.test(name) && ctx.imported.has(name) && (ctx.corsNames.size || ctx.corsModules.size || ctx.flask)) {
      // The extension object is built in another module: its constructor options are not visible.
      const ctorLayer = emptyLayer();
      ctorLayer.opaque = true;
      decls.push({ kind: 'extension', call, layers: [ctorLayer, kwargLayer(ctx, call, env, true)], configBefore: call.span.start });
    }
  }
  for (const [, ctor] of ctorByVar) {
    if (!ctorUsed.has(ctor.call)) ctx.notes.push('CORS() without an app and no init_app in this file: its policy is not modelled here');
  }
  decls.sort((a, b) => a.call.span.start - b.call.span.start);
  return decls;
}
