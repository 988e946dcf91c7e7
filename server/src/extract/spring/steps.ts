/**
 * The calls that change a Spring CORS configuration, on a CorsRegistration (`registry.addMapping(p)
 * .allowedOrigins(...)`: each replaces) and on a CorsConfiguration (`setX` replaces, `addX` appends), and
 * how each changes a Conf. Values that are not literal strings (or constants of them) make the option unknown.
 */
import type { OptionMention, Span } from '../../model/index.js';
import type { Arg, Env, Expr } from '../../code/index.js';
import { evaluate } from '../../code/index.js';
import { literalsInPlace, mention, stringsOf, type Conf, type Field, type Src, type Str } from './conf.js';

type ListKey = 'origins' | 'patterns' | 'methods' | 'headers' | 'exposed';
type Op = { key: ListKey; add: boolean } | { key: 'credentials' | 'maxAge' };

export const STEPS: Record<string, Op> = {
  allowedOrigins: { key: 'origins', add: false },
  setAllowedOrigins: { key: 'origins', add: false },
  addAllowedOrigin: { key: 'origins', add: true },
  allowedOriginPatterns: { key: 'patterns', add: false },
  setAllowedOriginPatterns: { key: 'patterns', add: false },
  addAllowedOriginPattern: { key: 'patterns', add: true },
  allowedMethods: { key: 'methods', add: false },
  setAllowedMethods: { key: 'methods', add: false },
  addAllowedMethod: { key: 'methods', add: true },
  allowedHeaders: { key: 'headers', add: false },
  setAllowedHeaders: { key: 'headers', add: false },
  addAllowedHeader: { key: 'headers', add: true },
  exposedHeaders: { key: 'exposed', add: false },
  setExposedHeaders: { key: 'exposed', add: false },
  addExposedHeader: { key: 'exposed', add: true },
  allowCredentials: { key: 'credentials' },
  setAllowCredentials: { key: 'credentials' },
  maxAge: { key: 'maxAge' },
  setMaxAge: { key: 'maxAge' },
};

/** Calls after which nothing about the configuration is known (another configuration merged in). */
export const OPAQUE = new Set(['combine']);

export function argsSpan(args: Arg[], fallback: Span): Span {
  return args.length ? { start: args[0].span.start, end: args[args.length - 1].span.end } : fallback;
}

/** Apply one step (`name(args)`) to a configuration. `src` says where it is written. */
export function applyStep(c: Conf, name: string, args: Arg[], env: Env, src: Src, nameSpan: Span, mentions: OptionMention[], unknownAll: boolean): Conf {
  const op = STEPS[name];
  if (name === 'applyPermitDefaultValues') {
    mention(mentions, nameSpan, name);
    return c;
  }
  if (!op) return c;
  mention(mentions, nameSpan, name);
  const exprs = args.map((a) => a.value);
  const out: Conf = { ...c };
  if (op.key === 'credentials') {
    const v = exprs.length === 1 ? evaluate(exprs[0], env) : undefined;
    out.credentials = !unknownAll && v?.k === 'bool' ? { k: 'known', value: v.value, src } : { k: 'unknown', src };
    return out;
  }
  if (op.key === 'maxAge') {
    const v = exprs.length === 1 ? evaluate(exprs[0], env) : undefined;
    out.maxAge = !unknownAll && v?.k === 'num' ? { k: 'known', value: { raw: String(v.value), span: v.at.span }, src } : { k: 'unknown', src };
    return out;
  }
  const lop = op as { key: ListKey; add: boolean };
  const strs = stringsOf(exprs, env);
  const known = !unknownAll && strs && !strs.some((s) => s.value.includes('${'));
  const prev = c[lop.key];
  let next: Field<Str[]>;
  if (!known) next = { k: 'unknown', src };
  else if (lop.add && prev?.k === 'unknown') next = prev;
  // added to what was there (an earlier call, or the permit defaults): no single place writes them all
  else if (lop.add && prev?.k === 'known') next = { k: 'known', value: [...prev.value, ...strs], src: { ...src, inPlace: false } };
  else next = { k: 'known', value: strs, src: { ...src, inPlace: src.inPlace && literalsInPlace(exprs) } };
  out[lop.key] = next;
  // a pattern drops the default `*` origin (CorsConfiguration.addAllowedOriginPattern)
  if (lop.key === 'patterns' && c.defaultAny && c.origins && !c.origins.src) {
    out.origins = undefined;
    out.defaultAny = undefined;
  }
  if (lop.key === 'origins' && !lop.add) out.defaultAny = undefined;
  return out;
}
