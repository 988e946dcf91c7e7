/**
 * Where flask-cors is applied: `CORS(app, ...)`, `ext = CORS(...)` then `ext.init_app(app, ...)` (also on
 * an extension object imported from another module), and `@cross_origin(...)` on a view.
 */
import type { Node } from '../../syntax/treeSitter.js';
import type { Scope } from '../../model/index.js';
import { isCorsCallee, isCrossCallee, routeInfo, routeScope, type Ctx } from './ctx.js';
import { locate, namedChildren, spanOf } from './py.js';
import { parentOf } from './py.js';
import { emptyLayer, kwargLayer, type OptLayer } from './corsOptions.js';

export interface Decl {
  kind: 'extension' | 'decorator';
  /** The call that applies the options (CORS(app), init_app(...), cross_origin(...)). */
  call: Node;
  /** Layers above config, lowest first. */
  layers: OptLayer[];
  /** Argument list where an `origins=` kwarg would go. */
  args: Node | null;
  scope?: Scope;
  /** The config is read when the call runs (extension) or per request (decorator). */
  configBefore: number;
}

export function findDecls(ctx: Ctx): Decl[] {
  const decls: Decl[] = [];
  const ctorByVar = new Map<string, Node>();
  const ctorUsed = new Set<number>();
  const initCalls: Node[] = [];
  const visit = (n: Node): void => {
    if (n.type === 'decorator') {
      const e = namedChildren(n)[0];
      if (e && e.type !== 'call' && isCrossCallee(ctx, e)) ctx.notes.push('bare @cross_origin without parentheses: flask-cors needs @cross_origin()');
      return;
    }
    if (n.type !== 'call') return;
    const f = n.childForFieldName('function');
    const args = n.childForFieldName('arguments');
    if (isCorsCallee(ctx, f)) {
      const parent = parentOf(n);
      if (parent?.type === 'assignment' && parent.childForFieldName('right')?.id === n.id) {
        const l = parent.childForFieldName('left');
        if (l && (l.type === 'identifier' || l.type === 'attribute')) ctorByVar.set(l.text, n);
      }
      const list = args ? namedChildren(args) : [];
      const appArg = list.find((a) => a.type !== 'keyword_argument' && a.type !== 'dictionary_splat' && a.type !== 'list_splat');
      const appKw = list.find((a) => a.type === 'keyword_argument' && a.childForFieldName('name')?.text === 'app');
      const appNode = appArg ?? appKw?.childForFieldName('value');
      if (appNode && appNode.type !== 'none') {
        ctorUsed.add(n.id);
        decls.push({ kind: 'extension', call: n, layers: [kwargLayer(ctx, args, true)], args, configBefore: n.startIndex });
      }
      return;
    }
    if (f?.type === 'attribute' && f.childForFieldName('attribute')?.text === 'init_app') initCalls.push(n);
    if (isCrossCallee(ctx, f) && parentOf(n)?.type === 'decorator') {
      const def = parentOf(parentOf(n))?.childForFieldName('definition');
      const route = def ? routeInfo(def) : undefined;
      const label = route?.label ?? (def?.childForFieldName('name')?.text ? 'def ' + def.childForFieldName('name')!.text : 'route');
      decls.push({
        kind: 'decorator',
        call: n,
        layers: [kwargLayer(ctx, args, false)],
        args,
        scope: routeScope(label, def ? spanOf(def) : undefined),
        configBefore: Number.MAX_SAFE_INTEGER,
      });
    }
  };
  const names = new Set(['init_app', 'CORS', 'cross_origin', ...ctx.corsNames, ...ctx.crossNames]);
  const re = new RegExp(`\\b(${[...names].map((x) => x.replace(/\W/g, '')).filter(Boolean).join('|')})\\b`, 'g');
  const seen = new Set<number>();
  for (const hit of locate(ctx.root, ctx.text, re)) {
    if (hit.type !== 'identifier') continue;
    let callee: Node = hit;
    if (parentOf(hit)?.type === 'attribute' && parentOf(hit)!.childForFieldName('attribute')?.id === hit.id) callee = parentOf(hit)!;
    const p = parentOf(callee);
    let n: Node | undefined;
    if (p?.type === 'call' && p.childForFieldName('function')?.id === callee.id) n = p;
    else if (p?.type === 'decorator') n = p;
    if (!n || seen.has(n.id)) continue;
    seen.add(n.id);
    visit(n);
  }
  for (const call of initCalls) {
    const recv = call.childForFieldName('function')?.childForFieldName('object');
    const name = recv?.text ?? '';
    const ctor = ctorByVar.get(name);
    const args = call.childForFieldName('arguments');
    if (ctor) {
      ctorUsed.add(ctor.id);
      const ctorLayer = kwargLayer(ctx, ctor.childForFieldName('arguments'), true);
      decls.push({ kind: 'extension', call, layers: [ctorLayer, kwargLayer(ctx, args, true)], args, configBefore: call.startIndex });
    } else if (recv?.type === 'identifier' && /cors/i.test(name) && ctx.imported.has(name) && (ctx.corsNames.size || ctx.corsModules.size || ctx.flask)) {
      // The extension object is built in another module: its constructor options are not visible.
      const ctorLayer = emptyLayer();
      ctorLayer.opaque = true;
      decls.push({ kind: 'extension', call, layers: [ctorLayer, kwargLayer(ctx, args, true)], args, configBefore: call.startIndex });
    }
  }
  for (const [, ctor] of ctorByVar) {
    if (!ctorUsed.has(ctor.id)) ctx.notes.push('CORS() without an app and no init_app in this file: its policy is not modelled here');
  }
  decls.sort((a, b) => a.call.startIndex - b.call.startIndex);
  return decls;
}
