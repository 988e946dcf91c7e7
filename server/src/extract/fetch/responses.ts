/**
 * Which Fetch-API writes land on which response. A response is one constructor call (`new Response`,
 * `Response.json`, `NextResponse.next` … — the `headers` of its init), together with the Headers object it
 * is given (`new Headers(...)` and the `set`/`append` calls on it) and the `set`/`append` calls on its own
 * `headers` (`const res = NextResponse.next(); res.headers.set(...)`). Writes on `res.headers` of a response
 * this file does not build (a parameter, a variable assigned twice) make one response per function and
 * name. A Headers object no response takes (passed to `fetch`, to a helper) is nobody's response: left out.
 */
import { bindingOf, compatible, dottedName, evaluate, type Env, type Expr, type WriteSite } from '../../code/index.js';
import type { HeaderWrite } from '../../model/index.js';
import { STARTS } from './writeTable.js';

type Call = Expr & { k: 'call' };

export interface Group {
  /** The constructor call (undefined: writes on the headers of a response built elsewhere). */
  start?: WriteSite | { node: Call; fn: WriteSite['fn'] };
  sites: WriteSite[];
}

const isHeadersNew = (e: Expr): boolean => e.k === 'call' && !!e.isNew && e.callee.k === 'name' && e.callee.name === 'Headers';
export const startOf = (e: Expr) => (e.k === 'call' ? STARTS.find((s) => dottedName(e.callee) === s.fn) : undefined);

/** What an expression stands for: a constant name followed to its value (one level is what code does). */
function follow(e: Expr, env: Env): { e: Expr; env: Env } {
  for (let i = 0; i < 4 && e.k === 'name'; i++) {
    const b = bindingOf(e.name, env);
    if (b?.b.k !== 'value' || !b.b.constant || b.b.prop !== undefined) break;
    e = b.b.value;
    env = b.env;
  }
  return { e, env };
}

/** The key of the object a write lands on: a constructor or `new Headers` call (by its start offset), or a
 *  response name of a function; undefined when it is not a response's. */
function targetOf(site: WriteSite, env: Env): string | undefined {
  const call = site.node as Call;
  if (startOf(call) || isHeadersNew(call)) {
    // `new Headers(request.headers)` copies the request's headers: a request being forwarded
    if (isHeadersNew(call) && call.args[0]?.value.k === 'member') return undefined;
    return `c${call.span.start}`;
  }
  if (call.callee.k !== 'member') return undefined;
  let recv = follow(call.callee.object, env);
  if (recv.e.k === 'call' && isHeadersNew(recv.e)) return recv.e.args[0]?.value.k === 'member' ? undefined : `c${recv.e.span.start}`;
  if (recv.e.k !== 'member' || recv.e.name !== 'headers') return undefined;
  const owner = recv.e.object;
  recv = follow(owner, recv.env);
  if (recv.e.k === 'call' && startOf(recv.e)) return `c${recv.e.span.start}`;
  // a response this file does not build: `response.headers.set(...)` on a parameter or a reassigned name
  if (owner.k === 'name' && /^(res|resp)$|response$/i.test(owner.name)) return `n${site.fn?.span.start ?? -1}:${owner.name}`;
  return undefined;
}

/** The Headers object (its `new Headers` call) a constructor's init hands over, if any. */
function headersGiven(start: Call, env: Env): string | undefined {
  const s = startOf(start);
  if (!s) return undefined;
  const init = start.args.filter((a) => !a.name)[s.init];
  if (!init || init.spread) return undefined;
  const v = evaluate(init.value, env);
  if (v.k !== 'map') return undefined;
  const h = v.entries.find((x) => x.key === 'headers');
  if (!h) return undefined;
  const got = follow(h.entry.value, env);
  return isHeadersNew(got.e) ? `c${got.e.span.start}` : undefined;
}

/** The responses of a file's writes. `envFor` gives the environment of the function a site is in. */
export function responseGroups(sites: WriteSite[], envFor: (s: WriteSite) => Env, starts: { call: Call; env: Env; fn?: WriteSite['fn'] }[]): Group[] {
  const byTarget = new Map<string, WriteSite[]>();
  for (const s of sites) {
    const t = targetOf(s, envFor(s));
    if (!t) continue;
    const list = byTarget.get(t) ?? [];
    list.push(s);
    byTarget.set(t, list);
  }
  const out: Group[] = [];
  const taken = new Set<string>();
  for (const st of starts) {
    const own = `c${st.call.span.start}`;
    const given = headersGiven(st.call, st.env);
    const parts = [...(given ? byTarget.get(given) ?? [] : []), ...(byTarget.get(own) ?? [])];
    taken.add(own);
    if (given) taken.add(given);
    if (parts.length) out.push({ start: { node: st.call, fn: st.fn }, sites: parts });
  }
  for (const [k, list] of byTarget) if (k.startsWith('n') && !taken.has(k)) out.push({ sites: list });
  return out;
}

/** The write sequences of a group that can reach one response together (exclusive branches apart). */
export function sequences(g: Group, writeOf: (s: WriteSite) => HeaderWrite): HeaderWrite[][] {
  // in the order the code runs them: by the call that writes (a constructor's entries keep their order)
  const sorted = g.sites.map((s, i) => ({ s, i })).sort((a, b) => a.s.node.span.start - b.s.node.span.start || a.i - b.i).map((x) => x.s);
  const out: HeaderWrite[][] = [];
  const keys = new Set<string>();
  for (const seed of sorted) {
    const pick: WriteSite[] = [seed];
    for (const s of sorted) if (s !== seed && pick.every((x) => compatible(x, s))) pick.push(s);
    pick.sort((a, b) => sorted.indexOf(a) - sorted.indexOf(b));
    const seq = pick.map(writeOf);
    const key = seq.map((w) => w.id).join(',');
    if (keys.has(key)) continue;
    keys.add(key);
    out.push(seq);
    if (out.length >= 16) break;
  }
  return out;
}
