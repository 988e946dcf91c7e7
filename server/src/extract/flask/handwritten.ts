/**
 * Hand-written CORS headers in Flask code: `resp.headers['X'] = v` (set), `resp.headers.add('X', v)`
 * (add), `.set` / `.setdefault` / `.extend` / `.update`, `make_response(..., headers)` /
 * `Response(headers=...)`, and `return body, status, {headers}` — inside @after_request hooks (every
 * response: scope app), route views (scope route), before_request / error handlers and helpers.
 * Werkzeug `Headers`: item assignment and .set() replace, .add()/.extend() append another line.
 */
import type { Node } from '../../syntax/treeSitter.js';
import type { HeaderValue, HeaderWrite, OriginCheck, Scope, Span, Valued } from '../../model/index.js';
import { effectiveWrites, policyFromWrites, H } from '../common.js';
import { APP_SCOPE, EXTRACTOR_ID, routeInfo, routeScope, type Ctx, type WriteMeta } from './ctx.js';
import { climb, dotted, evaluate, locate, namedChildren, spanOf, walk, type PyValue, type Resolver } from './py.js';
import { parentOf } from './py.js';

type Role =
  | { kind: 'after'; scope: Scope; receiver?: string; app: boolean }
  | { kind: 'producer'; scope: Scope; receiver?: string; sub: 'route' | 'before' | 'error' | 'other'; methods?: string[] };

interface FnInfo {
  def: Node;
  role: Role;
  writes: HeaderWrite[];
  /** Branch signature of each write: if-node id -> clause index. */
  sig: Map<string, Map<number, number>>;
}

/** Names of a response header that belong to CORS (or look like a misspelling of one). */
function corsLike(name: string): boolean {
  const n = name.toLowerCase();
  return n === 'vary' || /control|origin|credential|expose|max-age|allow-(headers|methods)/.test(n);
}

const HEADER_METHODS: Record<string, HeaderWrite['op']> = {
  add: 'add',
  add_header: 'add',
  set: 'set',
  setdefault: 'setifempty',
  extend: 'add',
  update: 'set',
};

// ---------------------------------------------------------------------------------------------------

export function extractHandWritten(ctx: Ctx): void {
  if (!ctx.flask) return;
  const afterByName = new Set<string>();
  // app.after_request(fn) registered by a call.
  for (const hit of locate(ctx.root, ctx.text, /\bafter_(app_)?request\b/g)) {
    const attr = parentOf(hit)?.type === 'attribute' ? parentOf(hit) : undefined;
    const call = parentOf(attr)?.type === 'call' && parentOf(attr)!.childForFieldName('function')?.id === attr!.id ? parentOf(attr) : undefined;
    if (!call || parentOf(call)?.type === 'decorator') continue;
    const a = call.childForFieldName('arguments');
    const first = a ? namedChildren(a)[0] : undefined;
    if (first?.type === 'identifier') afterByName.add(first.text);
  }
  // Every header write names its header in a string literal: find those strings, then the statement
  // (assignment / call / return) that uses them, then the function around it.
  const cands = new Map<number, Node>();
  for (const hit of locate(ctx.root, ctx.text, /access-control|vary|origin|credential|max-age|expose/gi)) {
    const str = climb(hit, ['string'], 2);
    if (!str) continue;
    const target = climb(parentOf(str), ['assignment', 'call', 'return_statement', 'function_definition', 'class_definition'], 6);
    if (target && /^(assignment|call|return_statement)$/.test(target.type)) cands.set(target.id, target);
  }
  const infos = new Map<number, FnCtx>();
  for (const n of [...cands.values()].sort((a, b) => a.startIndex - b.startIndex)) {
    const def = climb(n, ['function_definition'], 10_000);
    if (!def) continue;
    let fc = infos.get(def.id);
    if (!fc) {
      const info: FnInfo = { def, role: roleOf(ctx, def, afterByName), writes: [], sig: new Map() };
      const locals = localsOf(def);
      fc = { ctx, info, locals, r: { consts: ctx.consts, locals } };
      infos.set(def.id, fc);
    }
    visitCandidate(fc, n);
  }
  const fns = [...infos.values()].map((f) => f.info).filter((f) => f.writes.length);
  if (!fns.length) return;

  const afters = fns.filter((f) => f.role.kind === 'after');
  const producers = fns.filter((f) => f.role.kind === 'producer');
  const seenPolicy = new Set<string>();
  const seenResp = new Set<string>();
  const addResponse = (scope: Scope, seq: HeaderWrite[]) => {
    const names = new Set(seq.map((w) => w.name.toLowerCase()));
    const reach = new Set<string>();
    for (const nm of names) for (const w of effectiveWrites(seq, nm)) reach.add(w.id);
    const ids = seq.filter((w) => reach.has(w.id)).map((w) => w.id);
    if (!ids.length) return;
    const key = ids.join(',');
    if (seenResp.has(key)) return;
    seenResp.add(key);
    ctx.responses.push({ scope, writeIds: ids });
  };

  const groupsOf = new Map<FnInfo, HeaderWrite[][]>();
  for (const f of fns) groupsOf.set(f, groups(f));

  // A response = one path through a view (or before_request / error handler), then the after_request
  // hooks that apply (they run in reverse registration order) on the same response object; plus the
  // hooks alone for the responses of views that write nothing. Helpers stand alone.
  const afterCombos = (list: FnInfo[]): HeaderWrite[][] => {
    let combos: HeaderWrite[][] = [[]];
    for (const a of list) {
      const next: HeaderWrite[][] = [];
      for (const c of combos) for (const g of groupsOf.get(a)!) if (next.length < 24) next.push([...c, ...g]);
      combos = next;
    }
    return combos;
  };
  const byReverseOrder = (a: FnInfo, b: FnInfo) => b.def.startIndex - a.def.startIndex;
  const appAfters = afters.filter((a) => a.role.kind === 'after' && a.role.app).sort(byReverseOrder);
  const aftersFor = (receiver?: string) =>
    afters.filter((a) => a.role.kind === 'after' && (a.role.app || (!!receiver && a.role.receiver === receiver))).sort(byReverseOrder);

  interface Seq {
    scope: Scope;
    seq: HeaderWrite[];
    role: Role;
    fromAfter: Set<string>;
  }
  const seqs: Seq[] = [];
  for (const f of producers) {
    const role = f.role;
    const combos = role.kind === 'producer' && role.sub !== 'other' ? afterCombos(aftersFor(role.receiver)) : [[]];
    for (const g of groupsOf.get(f)!) {
      for (const c of combos) seqs.push({ scope: role.scope, seq: [...g, ...c], role, fromAfter: new Set(c.map((w) => w.id)) });
    }
  }
  for (const c of afterCombos(appAfters)) seqs.push({ scope: APP_SCOPE, seq: c, role: { kind: 'after', app: true, scope: APP_SCOPE }, fromAfter: new Set(c.map((w) => w.id)) });
  for (const a of afters) {
    if (a.role.kind === 'after' && !a.role.app) {
      for (const c of afterCombos([a, ...appAfters])) seqs.push({ scope: a.role.scope, seq: c, role: a.role, fromAfter: new Set(c.map((w) => w.id)) });
    }
  }

  for (const s of seqs) {
    addResponse(s.scope, s.seq);
    const acao = effectiveWrites(s.seq, H.allowOrigin);
    if (!acao.length) continue;
    const conds = new Set(acao.map((w) => w.condition));
    let answersPreflight: boolean | 'unknown' = 'unknown';
    const role = s.role;
    if (conds.has('non-options') && conds.size === 1) answersPreflight = false;
    // Flask's automatic OPTIONS answer passes through the after_request hooks.
    else if (role.kind === 'after' || acao.some((w) => s.fromAfter.has(w.id))) answersPreflight = true;
    else if (role.sub === 'before' && conds.has('options-only')) answersPreflight = true;
    else if (role.sub === 'route' && role.methods?.includes('OPTIONS')) answersPreflight = true;
    const p = policyFromWrites(s.seq, {
      id: `p${ctx.nextPolicy}`,
      extractor: EXTRACTOR_ID,
      layer: 'app',
      scope: s.scope,
      span: acao[0].statementSpan,
      answersPreflight,
    });
    if (!p) continue;
    const key = [...p.writeIds].sort().join(',') + '|' + s.scope.label;
    if (seenPolicy.has(key)) continue;
    seenPolicy.add(key);
    ctx.nextPolicy++;
    ctx.policies.push(p);
  }
}

function roleOf(ctx: Ctx, def: Node, afterByName: Set<string>): Role {
  const name = def.childForFieldName('name')?.text ?? '?';
  const dec = parentOf(def)?.type === 'decorated_definition' ? parentOf(def) : undefined;
  for (const d of dec ? namedChildren(dec) : []) {
    if (d.type !== 'decorator') continue;
    let e = namedChildren(d)[0];
    if (e?.type === 'call') e = e.childForFieldName('function') ?? e;
    if (e?.type !== 'attribute') continue;
    const m = e.childForFieldName('attribute')?.text ?? '';
    const recv = dotted(e.childForFieldName('object'));
    const isBp = !!recv && ctx.blueprints.has(recv);
    if (m === 'after_request' || m === 'after_app_request') {
      const app = m === 'after_app_request' || !isBp;
      return { kind: 'after', app, receiver: recv, scope: app ? APP_SCOPE : { kind: 'block', label: `blueprint ${recv}`, path: ['app', `blueprint ${recv}`] } };
    }
    if (m === 'before_request' || m === 'before_app_request') {
      return { kind: 'producer', sub: 'before', receiver: recv, scope: { kind: 'app', label: 'before_request', path: ['app'] } };
    }
    if (m === 'errorhandler' || m === 'app_errorhandler') {
      return { kind: 'producer', sub: 'error', receiver: recv, scope: { kind: 'app', label: 'errorhandler', path: ['app'] } };
    }
  }
  if (afterByName.has(name) && parentOf(parentOf(def))?.type !== 'class_definition') return { kind: 'after', app: true, scope: APP_SCOPE };
  const route = routeInfo(def);
  if (route) return { kind: 'producer', sub: 'route', receiver: route.receiver, methods: route.methods, scope: routeScope(route.label, spanOf(def)) };
  // A method of a class-based view or a helper.
  let label = `def ${name}`;
  const cls = parentOf(def)?.type === 'block' ? parentOf(parentOf(def)) : parentOf(parentOf(def))?.type === 'block' ? parentOf(parentOf(parentOf(def))) : undefined;
  if (cls?.type === 'class_definition') label = `${cls.childForFieldName('name')?.text ?? '?'}.${name}`;
  return { kind: 'producer', sub: 'other', scope: { kind: 'block', label, path: ['app', label], span: spanOf(def) } };
}

// ---------------------------------------------------------------------------------------------------
// Writes

/** Locals of a function: name -> the single right-hand side, or null when bound otherwise / several times. */
function localsOf(def: Node): Map<string, Node | null> {
  const m = new Map<string, Node | null>();
  const params = def.childForFieldName('parameters');
  for (const p of params ? namedChildren(params) : []) {
    const id = p.type === 'identifier' ? p : p.childForFieldName('name') ?? namedChildren(p).find((c) => c.type === 'identifier');
    if (id) m.set(id.text, null);
  }
  const body = def.childForFieldName('body');
  if (!body) return m;
  walkBody(body, (n) => {
    if (n.type === 'assignment') {
      const l = n.childForFieldName('left');
      const r = n.childForFieldName('right');
      if (l?.type === 'identifier') m.set(l.text, m.has(l.text) || !r ? null : r);
      else if (l) walk(l, (x) => (x.type === 'identifier' && m.set(x.text, null), true));
    } else if (n.type === 'augmented_assignment' || n.type === 'for_statement' || n.type === 'as_pattern' || n.type === 'named_expression') {
      const l = n.childForFieldName('left') ?? n.childForFieldName('name') ?? namedChildren(n).at(-1) ?? null;
      if (l) walk(l, (x) => (x.type === 'identifier' && m.set(x.text, null), true));
    }
    return true;
  });
  return m;
}

/** Walk a function body without entering nested functions, classes or lambdas. */
function walkBody(body: Node, fn: (n: Node) => boolean): void {
  walk(body, (n) => {
    if (n.id !== body.id && (n.type === 'function_definition' || n.type === 'class_definition' || n.type === 'lambda')) return false;
    return fn(n);
  });
}

function isHeadersReceiver(n: Node | null, locals: Map<string, Node | null>): boolean {
  if (!n) return false;
  if (n.type === 'attribute') {
    if (n.childForFieldName('attribute')?.text !== 'headers') return false;
    const o = n.childForFieldName('object');
    return !!o && !/^(flask\.)?request$/.test(o.text);
  }
  if (n.type === 'identifier') {
    const rhs = locals.get(n.text);
    if (rhs) return isHeadersReceiver(rhs, new Map());
    return n.text === 'headers' && !locals.has(n.text);
  }
  return false;
}

interface FnCtx {
  ctx: Ctx;
  info: FnInfo;
  locals: Map<string, Node | null>;
  r: Resolver;
}

function visitCandidate(fc: FnCtx, n: Node): void {
  const locals = fc.locals;
  {
    try {
      if (n.type === 'assignment') {
        const l = n.childForFieldName('left');
        const r = n.childForFieldName('right');
        if (l?.type === 'subscript' && r && isHeadersReceiver(l.childForFieldName('value'), locals)) {
          const key = l.childForFieldName('subscript');
          const stmt = parentOf(n)?.type === 'expression_statement' ? parentOf(n)! : n;
          if (key) addWrite(fc, key, r, 'set', stmt, { form: 'subscript', receiver: l.childForFieldName('value')!.text });
        }
        return;
      }
      if (n.type === 'call') {
        const f = n.childForFieldName('function');
        const args = n.childForFieldName('arguments');
        const list = args ? namedChildren(args) : [];
        if (f?.type === 'attribute' && isHeadersReceiver(f.childForFieldName('object'), locals)) {
          const m = f.childForFieldName('attribute')?.text ?? '';
          const op = HEADER_METHODS[m];
          const stmt = parentOf(n)?.type === 'expression_statement' ? parentOf(n)! : n;
          if (op && (m === 'extend' || m === 'update')) {
            if (list[0]) headerCollection(fc, list[0], op);
          } else if (op && list.length >= 2 && list[0].type !== 'keyword_argument') {
            addWrite(fc, list[0], list[1], op, stmt, { form: 'method', receiver: f.childForFieldName('object')!.text, method: m });
          }
          return;
        }
        const fname = dotted(f) ?? '';
        if (/^(flask\.)?(make_response|Response)$|response_class$/.test(fname)) {
          list.forEach((a, i) => {
            if (a.type === 'keyword_argument') {
              if (a.childForFieldName('name')?.text === 'headers') {
                const v = a.childForFieldName('value');
                if (v) headerCollection(fc, v, 'set');
              }
            } else if (i >= 1 && (a.type === 'dictionary' || a.type === 'list')) headerCollection(fc, a, 'set');
          });
        }
        return;
      }
      if (n.type === 'return_statement') {
        const e = namedChildren(n)[0];
        if (e && (e.type === 'expression_list' || e.type === 'tuple')) {
          const items = namedChildren(e);
          const last = items.at(-1);
          if (items.length >= 2 && last && (last.type === 'dictionary' || last.type === 'list')) headerCollection(fc, last, 'set');
        }
      }
    } catch {
      // keep going: one odd statement must not lose the rest
    }
  }
}

/** A dict {'Name': value} or a list of ('Name', value) tuples. */
function headerCollection(fc: FnCtx, n: Node, op: HeaderWrite['op']): void {
  const v = evaluate(n, fc.r);
  if (v.kind === 'dict') {
    for (const p of v.pairs) addWrite(fc, p.keyNode, p.value, op, p.pair, { form: 'pair' });
  } else if (v.kind === 'seq') {
    // A list of pairs keeps repeated names: the first one of a name has the call's effect
    // (update / a new response: replace; extend: add), the repeats are added lines.
    const seen = new Set<string>();
    for (const item of v.items) {
      if (item.kind !== 'seq' || item.items.length !== 2) continue;
      const k = item.items[0];
      const nm = k.kind === 'str' ? k.text.toLowerCase() : '';
      addWrite(fc, k.ref, item.items[1].ref, seen.has(nm) ? 'add' : op, item.node, { form: 'tuple' });
      seen.add(nm);
    }
  }
}

function addWrite(
  fc: FnCtx,
  keyNode: Node,
  valueNode: Node,
  op: HeaderWrite['op'],
  holder: Node,
  form: { form: WriteMeta['form']; receiver?: string; method?: string },
): void {
  const k = evaluate(keyNode, fc.r);
  if (k.kind !== 'str' || !corsLike(k.text)) return;
  const { ctx, info } = fc;
  const id = `w${ctx.nextWrite++}`;
  const guards = guardsOf(valueNode, info.def);
  const val = headerValue(fc, valueNode, guards);
  let condition: HeaderWrite['condition'];
  for (const g of guards) {
    const m = methodTest(g.cond, g.positive);
    if (m) condition = m;
  }
  if (!condition && guards.length) condition = 'conditional';
  const w: HeaderWrite = {
    id,
    name: k.text,
    nameSpan: k.verbatim ? k.inner : spanOf(k.ref),
    value: val.value,
    valueSpan: val.span,
    statementSpan: spanOf(holder),
    op,
    always: 'n/a',
    layer: 'app',
    scope: info.role.scope,
    extractor: EXTRACTOR_ID,
  };
  if (condition) w.condition = condition;
  ctx.writes.push(w);
  info.writes.push(w);
  const sig = new Map<number, number>();
  for (const g of guards) if (g.branch) sig.set(g.branch.id, g.branch.clause);
  info.sig.set(id, sig);
  const quoteChar = val.verbatim ? ctx.text[val.span.start - 1] : k.verbatim ? ctx.text[k.inner.start - 1] : '"';
  ctx.meta.set(id, {
    kind: 'write',
    form: form.form,
    holder,
    receiver: form.receiver,
    method: form.method,
    verbatimValue: val.verbatim,
    quote: quoteChar === "'" ? "'" : '"',
  });
  ctx.mentions.push({ value: k.text, span: w.nameSpan });
}

// ---------------------------------------------------------------------------------------------------
// Values and the request Origin

/** Is the expression the request's Origin header (directly or through a local)? */
function requestOrigin(n: Node, locals: Map<string, Node | null>, depth = 0): string | undefined {
  if (depth > 4) return undefined;
  const t = n.type;
  if (t === 'identifier') {
    const rhs = locals.get(n.text);
    return rhs && requestOrigin(rhs, locals, depth + 1) ? n.text : undefined;
  }
  if (t === 'attribute') {
    return /^(flask\.)?request\.origin$/.test(n.text) ? n.text : undefined;
  }
  if (t === 'parenthesized_expression') {
    const i = namedChildren(n)[0];
    return i ? requestOrigin(i, locals, depth + 1) : undefined;
  }
  if (t === 'boolean_operator' && n.child(1)?.type === 'or') {
    const l = n.childForFieldName('left');
    return l ? requestOrigin(l, locals, depth + 1) && n.text : undefined;
  }
  if (t === 'subscript') {
    const v = n.childForFieldName('value');
    const k = n.childForFieldName('subscript');
    if (v && k && isRequestHeaders(v) && originKey(k)) return n.text;
    return undefined;
  }
  if (t === 'call') {
    const f = n.childForFieldName('function');
    const args = n.childForFieldName('arguments');
    const first = args ? namedChildren(args)[0] : undefined;
    if (f?.type === 'attribute' && f.childForFieldName('attribute')?.text === 'get' && first) {
      const o = f.childForFieldName('object');
      if (o && isRequestHeaders(o) && originKey(first)) return n.text;
    }
  }
  return undefined;
}

function isRequestHeaders(n: Node): boolean {
  return /^(flask\.)?request\.(headers|environ)$/.test(n.text);
}
function originKey(k: Node): boolean {
  const t = k.type === 'string' ? k.text.replace(/^[a-zA-Z]*["']|["']$/g, '') : '';
  return /^(origin|http_origin)$/i.test(t);
}

function headerValue(fc: FnCtx, n: Node, guards: Guard[]): { value: HeaderValue; span: Span; verbatim: boolean } {
  const via = requestOrigin(n, fc.locals);
  if (via) {
    const names = originNames(n, fc.locals);
    let check: OriginCheck | undefined;
    let mentioned = false;
    for (const g of guards) {
      const c = originTest(g.cond, g.positive, names, fc);
      if (c === 'mention') mentioned = true;
      else if (c && (!check || check.kind === 'unknown')) check = c;
    }
    if (!check && mentioned) check = { kind: 'unknown' };
    const value: HeaderValue = check ? { kind: 'request-origin', checked: true, check, via } : { kind: 'request-origin', checked: false, via };
    return { value, span: spanOf(n), verbatim: false };
  }
  const v = evaluate(n, fc.r);
  const lit = literalText(v, fc);
  if (lit !== undefined) {
    const verbatim = v.kind === 'str' && v.verbatim && v.node.id === n.id;
    return { value: { kind: 'literal', text: lit }, span: verbatim && v.kind === 'str' ? v.inner : spanOf(n), verbatim };
  }
  return { value: { kind: 'unknown', reason: v.kind === 'unknown' ? v.reason : v.kind }, span: spanOf(n), verbatim: false };
}

/** What werkzeug will send for a literal value (str() of it). */
function literalText(v: PyValue, fc: FnCtx): string | undefined {
  if (v.kind === 'str') return v.text;
  if (v.kind === 'bool') return v.value ? 'True' : 'False';
  if (v.kind === 'num' && /^-?\d+$/.test(v.raw)) return String(v.value);
  if (v.kind === 'unknown' && v.node.type === 'call') {
    // ', '.join(['GET', 'POST'])
    const f = v.node.childForFieldName('function');
    const args = v.node.childForFieldName('arguments');
    if (f?.type === 'attribute' && f.childForFieldName('attribute')?.text === 'join' && args) {
      const sep = evaluate(f.childForFieldName('object')!, fc.r);
      const a = namedChildren(args);
      const seq = a.length === 1 ? evaluate(a[0], fc.r) : undefined;
      if (sep.kind === 'str' && seq?.kind === 'seq' && seq.items.every((i) => i.kind === 'str')) {
        return seq.items.map((i) => (i.kind === 'str' ? i.text : '')).join(sep.text);
      }
    }
  }
  return undefined;
}

/** The expressions that stand for the request origin in conditions: the local name(s) and the access text. */
function originNames(n: Node, locals: Map<string, Node | null>): Set<string> {
  const s = new Set<string>([n.text]);
  let cur: Node | null | undefined = n;
  for (let i = 0; i < 4 && cur?.type === 'identifier'; i++) {
    s.add(cur.text);
    cur = locals.get(cur.text);
    if (cur) s.add(cur.text);
  }
  return s;
}

function isOriginExpr(n: Node | null | undefined, names: Set<string>, fc: FnCtx): boolean {
  if (!n) return false;
  return names.has(n.text) || !!requestOrigin(n, fc.locals);
}

function mentions(n: Node, names: Set<string>, fc: FnCtx): boolean {
  let found = false;
  walk(n, (x) => {
    if (found) return false;
    if (isOriginExpr(x, names, fc)) found = true;
    return !found;
  });
  return found;
}

function strEntries(v: PyValue): Valued<string>[] | undefined {
  const one = (x: PyValue): Valued<string> | undefined =>
    x.kind === 'str' ? { value: x.text, span: x.verbatim ? x.inner : spanOf(x.node) } : undefined;
  if (v.kind === 'seq') {
    const out: Valued<string>[] = [];
    for (const i of v.items) {
      const e = one(i);
      if (!e) return undefined;
      out.push(e);
    }
    return out;
  }
  if (v.kind === 'dict') {
    const out: Valued<string>[] = [];
    for (const p of v.pairs) {
      const e = one(p.key);
      if (!e) return undefined;
      out.push(e);
    }
    return v.splat ? undefined : out;
  }
  const e = one(v);
  return e ? [e] : undefined;
}

/** What a condition (known to be `positive`) says about the request origin. */
function originTest(c: Node, positive: boolean, names: Set<string>, fc: FnCtx): OriginCheck | 'mention' | undefined {
  switch (c.type) {
    case 'parenthesized_expression': {
      const i = namedChildren(c)[0];
      return i ? originTest(i, positive, names, fc) : undefined;
    }
    case 'not_operator': {
      const a = c.childForFieldName('argument');
      return a ? originTest(a, !positive, names, fc) : undefined;
    }
    case 'boolean_operator': {
      const op = c.child(1)?.type;
      const l = c.childForFieldName('left');
      const r = c.childForFieldName('right');
      if (!l || !r) return undefined;
      if ((op === 'and' && positive) || (op === 'or' && !positive)) {
        const a = originTest(l, positive, names, fc);
        const b = originTest(r, positive, names, fc);
        if (a && a !== 'mention') return a;
        if (b && b !== 'mention') return b;
        return a ?? b;
      }
      return mentions(c, names, fc) ? 'mention' : undefined;
    }
    case 'comparison_operator': {
      const kids = namedChildren(c);
      const ops = c.childrenForFieldName('operators').map((o) => o?.type ?? '');
      if (kids.length !== 2 || ops.length !== 1) return mentions(c, names, fc) ? 'mention' : undefined;
      const [l, r] = kids;
      const op = ops[0];
      const lo = isOriginExpr(l, names, fc);
      const ro = isOriginExpr(r, names, fc);
      if (!lo && !ro) return mentions(c, names, fc) ? 'mention' : undefined;
      if (op === 'is' || op === 'is not') return undefined; // a presence test
      const holds = op === 'in' || op === '==' ? positive : op === 'not in' || op === '!=' ? !positive : undefined;
      if (holds !== true) return 'mention';
      if (lo && (op === 'in' || op === 'not in')) {
        const v = evaluate(r, fc.r);
        if (v.kind === 'str') return { kind: 'substring', entries: strEntries(v) };
        return { kind: 'exact', entries: strEntries(v) };
      }
      if (ro && (op === 'in' || op === 'not in')) {
        const v = evaluate(l, fc.r);
        return { kind: 'substring', entries: strEntries(v) };
      }
      const other = lo ? r : l;
      const v = evaluate(other, fc.r);
      return { kind: 'exact', entries: strEntries(v) };
    }
    case 'call': {
      const f = c.childForFieldName('function');
      const args = c.childForFieldName('arguments');
      const list = args ? namedChildren(args) : [];
      if (!mentions(c, names, fc)) return undefined;
      if (!positive) return 'mention';
      if (f?.type === 'attribute') {
        const m = f.childForFieldName('attribute')?.text ?? '';
        const o = f.childForFieldName('object');
        if (isOriginExpr(o, names, fc) && (m === 'endswith' || m === 'startswith') && list[0]) {
          return { kind: m === 'endswith' ? 'suffix' : 'prefix', entries: strEntries(evaluate(list[0], fc.r)) };
        }
        if (/^(match|search|fullmatch)$/.test(m)) {
          if (o?.text === 're' && list.length >= 2 && isOriginExpr(list[1], names, fc)) {
            return { kind: 'regex', entries: strEntries(evaluate(list[0], fc.r)) };
          }
          if (o && o.text !== 're' && list[0] && isOriginExpr(list[0], names, fc)) {
            const pv = evaluate(o, fc.r);
            return { kind: 'regex', entries: pv.kind === 'regex' ? strEntries(pv.pattern) : undefined };
          }
        }
      }
      return { kind: 'unknown' };
    }
    default:
      return mentions(c, names, fc) ? 'mention' : undefined;
  }
}

/** `request.method == 'OPTIONS'` and friends. */
function methodTest(c: Node, positive: boolean): HeaderWrite['condition'] | undefined {
  if (c.type === 'parenthesized_expression') {
    const i = namedChildren(c)[0];
    return i ? methodTest(i, positive) : undefined;
  }
  if (c.type === 'not_operator') {
    const a = c.childForFieldName('argument');
    return a ? methodTest(a, !positive) : undefined;
  }
  if (c.type === 'boolean_operator') {
    const op = c.child(1)?.type;
    if ((op === 'and' && positive) || (op === 'or' && !positive)) {
      const l = c.childForFieldName('left');
      const r = c.childForFieldName('right');
      return (l && methodTest(l, positive)) || (r && methodTest(r, positive)) || undefined;
    }
    return undefined;
  }
  if (c.type !== 'comparison_operator') return undefined;
  const kids = namedChildren(c);
  const ops = c.childrenForFieldName('operators').map((o) => o?.type ?? '');
  if (kids.length !== 2 || ops.length !== 1) return undefined;
  const isMethod = (n: Node) => /^(flask\.)?request\.method$/.test(n.text);
  const isOptions = (n: Node): boolean => {
    if (n.type === 'string') return /^[a-zA-Z]*["']OPTIONS["']$/.test(n.text);
    if (n.type === 'tuple' || n.type === 'list' || n.type === 'set') {
      const items = namedChildren(n);
      return items.length === 1 && isOptions(items[0]);
    }
    return false;
  };
  const [l, r] = kids;
  if (!((isMethod(l) && isOptions(r)) || (isMethod(r) && isOptions(l)))) return undefined;
  const op = ops[0];
  const eq = op === '==' || op === 'in' ? positive : op === '!=' || op === 'not in' ? !positive : undefined;
  if (eq === undefined) return undefined;
  return eq ? 'options-only' : 'non-options';
}

// ---------------------------------------------------------------------------------------------------
// Branches

interface Guard {
  cond: Node;
  positive: boolean;
  /** The if statement and the clause the write sits in (for exclusive-branch tests). */
  branch?: { id: number; clause: number };
}

function terminates(block: Node): boolean {
  const last = namedChildren(block).at(-1);
  if (!last) return false;
  if (last.type === 'return_statement' || last.type === 'raise_statement') return true;
  if (last.type === 'expression_statement') {
    const c = last.namedChild(0);
    return c?.type === 'call' && /^(flask\.)?abort$/.test(c.childForFieldName('function')?.text ?? '');
  }
  return false;
}

/** The conditions that hold where `n` runs, walking up to the function `def`. */
function guardsOf(n: Node, def: Node): Guard[] {
  const out: Guard[] = [];
  let cur: Node = n;
  while (parentOf(cur) && cur.id !== def.id) {
    const p: Node = parentOf(cur)!;
    if (p.type === 'block') {
      // Early exits before this statement: `if cond: return ...` means not cond here.
      for (const sib of namedChildren(p)) {
        if (sib.startIndex >= cur.startIndex) break;
        if (sib.type === 'if_statement' && !sib.childForFieldName('alternative')) {
          const cons = sib.childForFieldName('consequence');
          const cond = sib.childForFieldName('condition');
          if (cons && cond && terminates(cons)) out.push({ cond, positive: false, branch: { id: sib.id, clause: -1 } });
        }
      }
      const gp = parentOf(p);
      if (gp?.type === 'if_statement' && gp.childForFieldName('consequence')?.id === p.id) {
        const cond = gp.childForFieldName('condition');
        if (cond) out.push({ cond, positive: true, branch: { id: gp.id, clause: 0 } });
      } else if (gp?.type === 'elif_clause' || gp?.type === 'else_clause') {
        const ifs = parentOf(gp);
        if (ifs?.type === 'if_statement') {
          const alts = ifs.childrenForFieldName('alternative').filter((x): x is Node => !!x);
          const idx = alts.findIndex((a) => a.id === gp.id);
          const first = ifs.childForFieldName('condition');
          if (first) out.push({ cond: first, positive: false, branch: { id: ifs.id, clause: idx + 1 } });
          for (let i = 0; i < idx; i++) {
            const c = alts[i].childForFieldName('condition');
            if (c) out.push({ cond: c, positive: false });
          }
          if (gp.type === 'elif_clause') {
            const c = gp.childForFieldName('condition');
            if (c) out.push({ cond: c, positive: true });
          }
        }
      }
    }
    cur = p;
  }
  return out;
}

/** Groups of writes that can reach the same response (no two in exclusive branches), source order. */
function groups(f: FnInfo): HeaderWrite[][] {
  const compatible = (a: HeaderWrite, b: HeaderWrite) => {
    const sa = f.sig.get(a.id)!;
    const sb = f.sig.get(b.id)!;
    for (const [k, v] of sa) if (sb.has(k) && sb.get(k) !== v) return false;
    return true;
  };
  const out: HeaderWrite[][] = [];
  const keys = new Set<string>();
  for (const seed of f.writes) {
    const g: HeaderWrite[] = [seed];
    for (const w of f.writes) if (w !== seed && g.every((x) => compatible(x, w))) g.push(w);
    g.sort((a, b) => a.statementSpan.start - b.statementSpan.start || a.nameSpan.start - b.nameSpan.start);
    const key = g.map((w) => w.id).join(',');
    if (!keys.has(key)) {
      keys.add(key);
      out.push(g);
    }
    if (out.length >= 16) break;
  }
  return out;
}
