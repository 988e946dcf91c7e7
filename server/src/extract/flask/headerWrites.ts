/**
 * Hand-written header writes in one function: `resp.headers['X'] = v` (set), `resp.headers.add('X', v)`
 * (add), `.set` / `.setdefault` / `.extend` / `.update`, `make_response(..., headers)` /
 * `Response(headers=...)`, and `return body, status, {headers}`.
 * Werkzeug `Headers`: item assignment and .set() replace, .add()/.extend() append another line.
 */
import type { Node } from '../../syntax/treeSitter.js';
import type { HeaderWrite } from '../../model/index.js';
import { EXTRACTOR_ID, type WriteMeta } from './ctx.js';
import { dotted, evaluate, namedChildren, spanOf } from './py.js';
import { parentOf } from './py.js';
import type { FnCtx } from './handlers.js';
import { guardsOf, methodTest } from './conditions.js';
import { headerValue } from './headerValue.js';

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

export function visitCandidate(fc: FnCtx, n: Node): void {
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
