/**
 * flask-cors: CORS(app, ...), CORS().init_app(app, ...), @cross_origin(...), the CORS_* config keys,
 * turned into policies with flask-cors's own semantics.
 *
 * Verified against corydolphin/flask-cors flask_cors/core.py, extension.py, decorator.py at tags 3.0.10,
 * 4.0.x, 5.0.x and 6.0.2 (the origin logic is the same in all of them):
 * - options = DEFAULT_OPTIONS < app.config CORS_* (read when init_app runs; per request for the decorator)
 *   < CORS() kwargs < init_app kwargs < the `resources` dict entry's options.
 * - defaults: origins '*', methods GET HEAD POST OPTIONS PUT PATCH DELETE, allow_headers '*',
 *   expose_headers None, supports_credentials False, max_age None, send_wildcard False, vary_header True,
 *   automatic_options True, resources '/*', intercept_exceptions True, always_send True
 *   (+ allow_private_network False since 5.0).
 * - '*' becomes the regex '.*'; an origin string containing any of * \ ] ? $ ^ [ ( ) is a regex and is
 *   tried with re.match (anchored at the start only) ignoring case; other strings compare case-insensitively.
 * - with '.*' in origins and send_wildcard False the request's Origin is echoed, with or without
 *   supports_credentials; send_wildcard True sends '*' (with supports_credentials it raises at start-up).
 * - Vary: Origin is added (vary_header True) unless ACAO is '*', only when there are several origins or
 *   one of them is a regex: a single plain origin gets no Vary.
 * - methods are upper-cased; unknown option names are only logged.
 */
import type { Node } from '../../syntax/treeSitter.js';
import type { CorsPolicy, ListValue, OriginDecision, OriginEntry, Scope, Span, Valued } from '../../model/index.js';
import { splitList } from '../common.js';
import { APP_SCOPE, EXTRACTOR_ID, isCorsCallee, isCrossCallee, routeInfo, routeScope, type Ctx, type LibMeta, type OptSrc } from './ctx.js';
import { climb, dotted, evaluate, locate, namedChildren, spanOf, truthy, type PyValue } from './py.js';
import { parentOf } from './py.js';

export const KNOWN_OPTIONS = [
  'resources',
  'origins',
  'methods',
  'expose_headers',
  'allow_headers',
  'supports_credentials',
  'max_age',
  'send_wildcard',
  'vary_header',
  'automatic_options',
  'intercept_exceptions',
  'always_send',
  'allow_private_network',
];
export const CONFIG_KEYS = KNOWN_OPTIONS.map((o) => 'CORS_' + o.toUpperCase());
const ALL_METHODS = ['GET', 'HEAD', 'POST', 'OPTIONS', 'PUT', 'PATCH', 'DELETE'];
const REGEX_CHARS = ['*', '\\', ']', '?', '$', '^', '[', '(', ')'];
export const probablyRegex = (s: string): boolean => REGEX_CHARS.some((c) => s.includes(c));

/** One level of options (config, constructor kwargs, init_app kwargs, a resource's dict). */
interface OptLayer {
  opts: Map<string, OptSrc>;
  /** The level may set options we cannot see (**kwargs, config loaded from elsewhere). */
  opaque: boolean;
  unknown: { name: Valued<string>; known: string[] }[];
}
const emptyLayer = (): OptLayer => ({ opts: new Map(), opaque: false, unknown: [] });

type Eff = { kind: 'default' } | { kind: 'unknown' } | { kind: 'src'; src: OptSrc; value: PyValue };

// ---------------------------------------------------------------------------------------------------
// Reading options

function kwargLayer(ctx: Ctx, args: Node | null, skipApp: boolean): OptLayer {
  const layer = emptyLayer();
  if (!args) return layer;
  for (const a of namedChildren(args)) {
    if (a.type === 'dictionary_splat' || a.type === 'list_splat') {
      const v = evaluate(namedChildren(a)[0] ?? a, { consts: ctx.consts });
      if (a.type === 'dictionary_splat' && v.kind === 'dict' && !v.splat) {
        // **{...} or **OPTIONS with a literal dict: read its pairs.
        readPairs(ctx, v, layer, KNOWN_OPTIONS);
      } else layer.opaque = true;
      continue;
    }
    if (a.type !== 'keyword_argument') continue;
    const nameNode = a.childForFieldName('name');
    const value = a.childForFieldName('value');
    if (!nameNode || !value) continue;
    const name = nameNode.text;
    if (skipApp && name === 'app') continue;
    if (!KNOWN_OPTIONS.includes(name)) {
      layer.unknown.push({ name: { value: name, span: spanOf(nameNode) }, known: KNOWN_OPTIONS });
      continue;
    }
    layer.opts.set(name, { name, value, holder: a, holderKind: 'element' });
  }
  return layer;
}

function readPairs(ctx: Ctx, v: Extract<PyValue, { kind: 'dict' }>, layer: OptLayer, known: string[], config = false): void {
  if (v.splat) layer.opaque = true;
  for (const p of v.pairs) {
    if (p.key.kind !== 'str') {
      layer.opaque = true;
      continue;
    }
    const key = p.key.text;
    if (config) {
      if (!key.startsWith('CORS_')) continue;
      if (!CONFIG_KEYS.includes(key)) {
        layer.unknown.push({ name: { value: key, span: p.key.inner }, known: CONFIG_KEYS });
        continue;
      }
      const name = key.slice(5).toLowerCase();
      layer.opts.set(name, { name, value: p.value, holder: p.pair, holderKind: 'element' });
    } else {
      if (!known.includes(key)) {
        layer.unknown.push({ name: { value: key, span: p.key.inner }, known });
        continue;
      }
      layer.opts.set(key, { name: key, value: p.value, holder: p.pair, holderKind: 'element' });
    }
  }
}

interface ConfigEvent {
  at: number;
  apply(layer: OptLayer): void;
}

/** Every place that puts CORS_* keys into a Flask config, in source order. */
function configEvents(ctx: Ctx): ConfigEvent[] {
  const events: ConfigEvent[] = [];
  const classes = { get: (n: string) => ctx.consts.cls(n) };
  const setKey = (layer: OptLayer, key: string, keySpan: Span, value: Node, holder: Node, holderKind: OptSrc['holderKind']) => {
    if (!key.startsWith('CORS_')) return;
    if (!CONFIG_KEYS.includes(key)) {
      layer.unknown.push({ name: { value: key, span: keySpan }, known: CONFIG_KEYS });
      return;
    }
    const name = key.slice(5).toLowerCase();
    layer.opts.set(name, { name, value, holder, holderKind });
  };
  const classLayer = (cls: Node, layer: OptLayer, seen: Set<number>) => {
    if (seen.has(cls.id)) return;
    seen.add(cls.id);
    // Base classes first (a subclass overrides).
    const supers = cls.childForFieldName('superclasses');
    for (const s of supers ? namedChildren(supers) : []) {
      const b = s.type === 'identifier' ? classes.get(s.text) : undefined;
      if (b) classLayer(b, layer, seen);
      else if (s.type !== 'identifier' || !/^(object)$/.test(s.text)) layer.opaque = layer.opaque || !b;
    }
    const body = cls.childForFieldName('body');
    for (const st of body ? namedChildren(body) : []) {
      const a = st.type === 'expression_statement' ? st.namedChild(0) : null;
      if (a?.type !== 'assignment') continue;
      const l = a.childForFieldName('left');
      const r = a.childForFieldName('right');
      if (l?.type === 'identifier' && r) setKey(layer, l.text, spanOf(l), r, st, 'statement');
    }
  };
  const visit = (n: Node): void => {
    if (n.type === 'assignment') {
      // X.config['CORS_...'] = value
      const l = n.childForFieldName('left');
      const r = n.childForFieldName('right');
      if (l?.type === 'subscript' && r && isConfig(l.childForFieldName('value'))) {
        const key = l.childForFieldName('subscript');
        const kv = key ? evaluate(key, { consts: ctx.consts }) : undefined;
        const stmt = parentOf(n)?.type === 'expression_statement' ? parentOf(n)! : n;
        if (kv?.kind === 'str') {
          events.push({ at: n.startIndex, apply: (layer) => setKey(layer, kv.text, kv.inner, r, stmt, 'statement') });
        }
      }
      return;
    }
    if (n.type === 'call') {
      const f = n.childForFieldName('function');
      if (f?.type !== 'attribute' || !isConfig(f.childForFieldName('object'))) return;
      const m = f.childForFieldName('attribute')?.text ?? '';
      const args = n.childForFieldName('arguments');
      const list = args ? namedChildren(args) : [];
      if (m === 'update' || m === 'from_mapping') {
        events.push({
          at: n.startIndex,
          apply: (layer) => {
            for (const a of list) {
              if (a.type === 'keyword_argument') {
                const nm = a.childForFieldName('name');
                const v = a.childForFieldName('value');
                if (nm && v) setKey(layer, nm.text, spanOf(nm), v, a, 'element');
              } else {
                const v = evaluate(a.type === 'dictionary_splat' ? namedChildren(a)[0] ?? a : a, { consts: ctx.consts });
                if (v.kind === 'dict') readPairs(ctx, v, layer, CONFIG_KEYS, true);
                else layer.opaque = true;
              }
            }
          },
        });
      } else if (m === 'from_object') {
        const a = list[0];
        const cls = a?.type === 'identifier' ? classes.get(a.text) : undefined;
        events.push({
          at: n.startIndex,
          apply: (layer) => {
            if (cls) classLayer(cls, layer, new Set());
            else layer.opaque = true;
          },
        });
      } else if (/^(from_pyfile|from_envvar|from_file|from_json|from_prefixed_env|setdefault)$/.test(m)) {
        events.push({ at: n.startIndex, apply: (layer) => (layer.opaque = true) });
      }
    }
  };
  const seen = new Set<number>();
  for (const hit of locate(ctx.root, ctx.text, /\.\s*config\b/g)) {
    const attr = climb(hit, ['attribute'], 2);
    if (!attr || !isConfig(attr) || seen.has(attr.id)) continue;
    seen.add(attr.id);
    const parent = parentOf(attr);
    let n: Node | null = null;
    if (parent?.type === 'subscript' && parentOf(parent)?.type === 'assignment' && parentOf(parent)!.childForFieldName('left')?.id === parent.id) n = parentOf(parent);
    else if (parent?.type === 'attribute' && parentOf(parent)?.type === 'call') n = parentOf(parent);
    if (!n) continue;
    visit(n);
  }
  events.sort((a, b) => a.at - b.at);
  return events;
}

function isConfig(n: Node | null): boolean {
  return !!n && n.type === 'attribute' && n.childForFieldName('attribute')?.text === 'config';
}

function configLayer(events: ConfigEvent[], before: number): OptLayer {
  const layer = emptyLayer();
  for (const e of events) if (e.at < before) e.apply(layer);
  return layer;
}

function effective(layers: OptLayer[], name: string, ctx: Ctx): Eff {
  for (let i = layers.length - 1; i >= 0; i--) {
    const src = layers[i].opts.get(name);
    if (src) return { kind: 'src', src, value: evaluate(src.value, { consts: ctx.consts }) };
    if (layers[i].opaque) return { kind: 'unknown' };
  }
  return { kind: 'default' };
}

// ---------------------------------------------------------------------------------------------------
// Finding the declarations

interface Decl {
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

function findDecls(ctx: Ctx): Decl[] {
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

// ---------------------------------------------------------------------------------------------------
// Building policies

export function extractLibrary(ctx: Ctx): void {
  if (!ctx.corsNames.size && !ctx.crossNames.size && !ctx.corsModules.size && !ctx.flask) return;
  const decls = findDecls(ctx);
  if (!decls.length) return;
  const events = configEvents(ctx);
  let configUnknownReported = false;
  for (const d of decls) {
    const cfg = configLayer(events, d.configBefore);
    const layers = [cfg, ...d.layers];
    const callUnknown = [...(configUnknownReported ? [] : cfg.unknown), ...d.layers.flatMap((l) => l.unknown)];
    configUnknownReported = true;
    const base = { declSpan: spanOf(d.call), kind: d.kind };
    if (d.kind === 'decorator') {
      emitPolicy(ctx, layers, d.scope ?? APP_SCOPE, spanOf(d.call), d.kind, callUnknown, { node: d.args ?? d.call, kind: 'args' });
      continue;
    }
    let res = effective(layers, 'resources', ctx);
    if (res.kind === 'unknown' && effective(d.layers, 'resources', ctx).kind === 'default') {
      // Config loaded from elsewhere could hold CORS_RESOURCES; we assume it does not (options given
      // in code still win over CORS_* config, except inside a CORS_RESOURCES dict).
      res = { kind: 'default' };
    }
    let first = true;
    const unknownOnce = () => {
      const u = first ? callUnknown : [];
      first = false;
      return u;
    };
    if (res.kind === 'default') {
      emitPolicy(ctx, layers, APP_SCOPE, base.declSpan, d.kind, unknownOnce(), d.args ? { node: d.args, kind: 'args' } : undefined);
    } else if (res.kind === 'unknown') {
      const opaque = emptyLayer();
      opaque.opaque = true;
      emitPolicy(ctx, [...layers, opaque], APP_SCOPE, base.declSpan, d.kind, unknownOnce(), undefined);
    } else {
      const v = res.value;
      if (v.kind === 'dict') {
        for (const p of v.pairs) {
          const label = p.key.kind === 'str' ? p.key.text : p.key.kind === 'regex' && p.key.pattern.kind === 'str' ? p.key.pattern.text : p.keyNode.text;
          const ov = evaluate(p.value, { consts: ctx.consts });
          const rl = emptyLayer();
          let insert: LibMeta['insertInto'];
          if (ov.kind === 'dict') {
            readPairs(ctx, ov, rl, KNOWN_OPTIONS.filter((o) => o !== 'resources'));
            insert = { node: ov.node, kind: 'dict' };
          } else rl.opaque = true;
          const scope = label === '*' || label === '/*' ? APP_SCOPE : routeScope(label, spanOf(p.pair));
          emitPolicy(ctx, [...layers, rl], scope, spanOf(p.pair), d.kind, [...unknownOnce(), ...rl.unknown], insert);
        }
        if (v.splat) ctx.notes.push('resources dict with ** entries: those resources are not modelled');
      } else {
        let label: string;
        if (v.kind === 'str') label = v.text;
        else if (v.kind === 'regex' && v.pattern.kind === 'str') label = v.pattern.text;
        else if (v.kind === 'seq') label = v.items.map((i) => (i.kind === 'str' ? i.text : i.node.text)).join(', ');
        else label = res.src.value.text;
        const scope = label === '*' || label === '/*' ? APP_SCOPE : routeScope(label);
        const opaque = emptyLayer();
        opaque.opaque = !(v.kind === 'str' || v.kind === 'seq' || v.kind === 'regex');
        emitPolicy(ctx, [...layers, opaque], scope, base.declSpan, d.kind, unknownOnce(), d.args ? { node: d.args, kind: 'args' } : undefined);
      }
    }
  }
}

interface Entry {
  value: string;
  span: Span;
  elementSpan: Span;
  match: OriginEntry['match'];
}

function originEntries(v: PyValue): Entry[] | undefined {
  const one = (x: PyValue): Entry | undefined => {
    if (x.kind === 'str') {
      const match: OriginEntry['match'] = x.text === '*' || x.text === '.*' ? 'any' : probablyRegex(x.text) ? 'regex' : 'exact';
      return { value: x.text, span: x.verbatim ? x.inner : spanOf(x.node), elementSpan: spanOf(x.node), match };
    }
    if (x.kind === 'regex' && x.pattern.kind === 'str') {
      const p = x.pattern;
      return { value: p.text, span: p.verbatim ? p.inner : spanOf(p.node), elementSpan: spanOf(x.node), match: 'regex' };
    }
    return undefined;
  };
  if (v.kind === 'seq') {
    const out: Entry[] = [];
    for (const i of v.items) {
      const e = one(i);
      if (!e) return undefined;
      out.push(e);
    }
    return out;
  }
  const e = one(v);
  return e ? [e] : undefined;
}

function boolOpt(e: Eff, dflt: boolean): boolean | undefined {
  if (e.kind === 'default') return dflt;
  if (e.kind === 'unknown') return undefined;
  return truthy(e.value);
}

function valueSpan(v: PyValue): Span {
  return v.kind === 'str' && v.verbatim ? v.inner : spanOf(v.ref);
}

function listOpt(e: Eff, upper: boolean, starMeans: 'reflect-request' | 'any'): ListValue | undefined {
  if (e.kind === 'unknown') return { kind: 'unknown' };
  if (e.kind === 'default') return undefined;
  const v = e.value;
  const span = spanOf(v.ref);
  if (v.kind === 'none') return undefined;
  if (v.kind === 'str') {
    if (starMeans === 'reflect-request') {
      // flask-cors keeps a string as ONE pattern (it does not split on commas).
      if (v.text === '*' || v.text === '.*') return { kind: 'reflect-request', span };
      return { kind: 'list', items: [{ value: upper ? v.text.toUpperCase() : v.text, span: valueSpan(v) }], span };
    }
    if (v.text.trim() === '*') return { kind: 'any', span };
    const items = splitList(v.text, v.verbatim ? v.inner.start : undefined).map((i) => ({
      value: upper ? i.value.toUpperCase() : i.value,
      span: v.verbatim ? i.span : spanOf(v.node),
    }));
    return { kind: 'list', items, span };
  }
  if (v.kind === 'seq') {
    const items: Valued<string>[] = [];
    for (const i of v.items) {
      if (i.kind !== 'str') return { kind: 'unknown', span };
      if (starMeans === 'reflect-request' && (i.text === '*' || i.text === '.*')) return { kind: 'reflect-request', span };
      items.push({ value: upper ? i.text.toUpperCase() : i.text, span: valueSpan(i) });
    }
    return { kind: 'list', items, span };
  }
  return { kind: 'unknown', span };
}

function emitPolicy(
  ctx: Ctx,
  layers: OptLayer[],
  scope: Scope,
  span: Span,
  kind: Decl['kind'],
  unknownOptions: { name: Valued<string>; known: string[] }[],
  insertInto: LibMeta['insertInto'],
): void {
  const id = `p${ctx.nextPolicy++}`;
  const eff = (n: string) => effective(layers, n, ctx);

  // Origins and the origin decision.
  const o = eff('origins');
  const sendWildcard = boolOpt(eff('send_wildcard'), false);
  let entries: Entry[] | undefined;
  let originSpan: Span | undefined;
  if (o.kind === 'default') entries = [{ value: '*', span, elementSpan: span, match: 'any' }];
  else if (o.kind === 'src') {
    entries = originEntries(o.value);
    originSpan = spanOf(o.value.ref);
  }
  let origin: OriginDecision;
  let perRequest = false;
  let wildcard = false;
  if (!entries) origin = { kind: 'unknown', span: originSpan };
  else if (entries.some((e) => e.match === 'any')) {
    wildcard = true;
    const star = entries.find((e) => e.match === 'any')!;
    const starSpan = o.kind === 'src' ? star.span : undefined;
    if (sendWildcard === true) origin = { kind: 'any', span: starSpan };
    else if (sendWildcard === undefined) origin = { kind: 'unknown', span: starSpan };
    else {
      perRequest = true;
      origin = {
        kind: 'reflect',
        // flask-cors's "allow all" echoes instead of sending '*' (and adds Vary: Origin).
        libraryAllowAll: true,
        span: starSpan ?? span,
        via:
          o.kind === 'default'
            ? "flask-cors default origins '*' (echoes the request Origin; send_wildcard is False)"
            : "flask-cors origins '*' (echoes the request Origin; send_wildcard is False)",
      };
    }
  } else {
    perRequest = true;
    origin = {
      kind: 'list',
      entries: entries.map((e) => ({ value: e.value, span: e.span, elementSpan: e.elementSpan, match: e.match })),
      tolerance: { caseInsensitive: true, starMeansAny: true, trailingSlash: false, wildcardSubdomains: false },
      span: originSpan,
    };
  }

  // Credentials.
  const c = eff('supports_credentials');
  const credentials = boolOpt(c, false);

  // Vary: Origin.
  const vh = boolOpt(eff('vary_header'), true);
  let vary: CorsPolicy['vary'];
  if (origin.kind === 'unknown') vary = vh === false ? 'absent' : 'unknown';
  else if (!perRequest) vary = 'absent';
  else if (vh === undefined) vary = 'unknown';
  else if (!vh) vary = 'absent';
  else if (wildcard || (entries && (entries.length > 1 || entries.some((e) => e.match === 'regex')))) vary = 'library';
  else vary = 'absent';

  const m = eff('methods');
  const methods: ListValue | undefined =
    m.kind === 'default' ? { kind: 'list', items: ALL_METHODS.map((v) => ({ value: v, span })), span } : listOpt(m, true, 'any');
  const ah = eff('allow_headers');
  const allowHeaders: ListValue | undefined = ah.kind === 'default' ? { kind: 'reflect-request', span } : listOpt(ah, false, 'reflect-request');
  const exposeHeaders = listOpt(eff('expose_headers'), false, 'any');

  const ma = eff('max_age');
  let maxAge: Valued<string> | undefined;
  if (ma.kind === 'src') {
    const v = ma.value;
    if (v.kind === 'num') maxAge = { value: v.raw, span: spanOf(v.node) };
    else if (v.kind === 'str') maxAge = { value: v.text, span: valueSpan(v) };
  }

  let answersPreflight: CorsPolicy['answersPreflight'] = true;
  if (kind === 'decorator') {
    const ao = boolOpt(eff('automatic_options'), true);
    answersPreflight = ao === undefined ? 'unknown' : ao;
  }

  const policy: CorsPolicy = {
    id,
    extractor: EXTRACTOR_ID,
    library: 'flask-cors',
    layer: 'app',
    scope,
    span,
    origin,
    credentials: credentials === undefined ? 'unknown' : credentials,
    credentialsSpan: c.kind === 'src' ? spanOf(c.src.holder) : undefined,
    methods,
    allowHeaders,
    exposeHeaders,
    maxAge,
    vary,
    // The extension's after_request hook also runs on error responses (and it wraps the exception
    // handlers); the decorator only sees what the view returns, not exceptions it raises.
    emits: kind === 'extension' ? 'always' : 'success-only',
    answersPreflight,
    handWritten: false,
    writeIds: [],
  };
  if (unknownOptions.length) policy.unknownOptions = unknownOptions;
  ctx.policies.push(policy);

  const credSrcs: OptSrc[] = [];
  let credUnknown = false;
  for (const l of layers) {
    const s = l.opts.get('supports_credentials');
    if (s) credSrcs.push(s);
    if (l.opaque) credUnknown = true;
  }
  const meta: LibMeta = {
    kind: 'lib',
    originsSrc: o.kind === 'src' ? o.src : undefined,
    insertInto: o.kind === 'default' ? insertInto : undefined,
    credSrcs,
    credUnknown: credUnknown || c.kind === 'unknown',
  };
  ctx.meta.set(id, meta);
}
