/**
 * `@CrossOrigin` on controller classes and handler methods. As RequestMappingHandlerMapping
 * .initCorsConfiguration does (6.2.x and 5.3.x): the class annotation's values, then the method's, are
 * *added* to one configuration (origins, patterns, methods and headers are unions; allowCredentials and a
 * maxAge ≥ 0 of the method win); no methods → the mapping's methods; then the permit defaults fill the rest.
 * `allowCredentials` is a string: "true" / "false" (any case) or "" (unset); anything else stops the
 * application at start-up. `${...}` placeholders are resolved from the environment: unknown here.
 */
import type { OptionMention, Span } from '../../model/index.js';
import { envOf, evaluate, type Arg, type Code, type Env, type Expr, type Func, type Stmt } from '../../code/index.js';
import { applyPermitDefaults, mention, type Conf, type Src } from './conf.js';
import { applyStep } from './steps.js';

export interface Annotated {
  conf: Conf;
  span: Span;
  /** The @CrossOrigin annotations that made it (class first): where a fix adds `origins = ...`. */
  annotations: (Expr & { k: 'call' })[];
  path: string;
  label: string;
}

const MAPPINGS: Record<string, string | undefined> = {
  RequestMapping: undefined,
  GetMapping: 'GET',
  PostMapping: 'POST',
  PutMapping: 'PUT',
  DeleteMapping: 'DELETE',
  PatchMapping: 'PATCH',
};

const ELEMENTS: Record<string, string> = {
  value: 'allowedOrigins',
  origins: 'allowedOrigins',
  originPatterns: 'allowedOriginPatterns',
  allowedHeaders: 'allowedHeaders',
  exposedHeaders: 'exposedHeaders',
  methods: 'allowedMethods',
};

const named = (d: Expr): string | undefined => (d.k === 'call' ? (d.callee.k === 'name' ? d.callee.name : d.callee.k === 'member' ? d.callee.name : undefined) : undefined);
const annotation = (decos: Expr[], name: string) => decos.find((d): d is Expr & { k: 'call' } => named(d) === name);

function mappingOf(decos: Expr[], env: Env): { path: string; methods?: string[] } | undefined {
  for (const d of decos) {
    const n = named(d);
    if (!n || !(n in MAPPINGS) || d.k !== 'call') continue;
    const p = d.args.find((a) => !a.name || a.name === 'value' || a.name === 'path');
    const pv = p ? evaluate(p.value.k === 'list' ? (p.value.items[0] ?? p.value) : p.value, env) : undefined;
    const path = pv?.k === 'str' ? pv.value : '';
    let methods = MAPPINGS[n] ? [MAPPINGS[n]!] : undefined;
    const m = d.args.find((a) => a.name === 'method');
    if (m) {
      const items = m.value.k === 'list' ? m.value.items : [m.value];
      // RequestMethod.GET reads as the string 'GET' (code/tables/java.ts javaConstant)
      methods = items.every((i) => i.k === 'str') ? items.map((i) => (i as Expr & { k: 'str' }).value) : undefined;
    }
    return { path, methods };
  }
  return undefined;
}

function elementSrc(a: Arg): Src {
  return { holder: a.span, value: a.value.span, form: 'element', inPlace: true };
}

/** Add one @CrossOrigin's elements to the configuration. */
function addAnnotation(c: Conf, ann: Expr & { k: 'call' }, env: Env, mentions: OptionMention[], notes: string[]): Conf {
  let out = c;
  for (const a of ann.args) {
    const el = a.name ?? 'value';
    const span = a.nameSpan ?? a.value.span;
    if (el === 'allowCredentials') {
      mention(mentions, span, 'allowCredentials');
      const v = evaluate(a.value, env);
      const s = v.k === 'str' ? v.value.toLowerCase() : undefined;
      if (s === '') continue;
      if (s !== 'true' && s !== 'false' && s !== undefined && !s.includes('${')) notes.push(`@CrossOrigin allowCredentials "${v.k === 'str' ? v.value : ''}" is not "true", "false" or "": Spring refuses it at start-up`);
      out = { ...out, credentials: s === 'true' || s === 'false' ? { k: 'known', value: s === 'true', src: elementSrc(a) } : { k: 'unknown', src: elementSrc(a) } };
    } else if (el === 'maxAge') {
      mention(mentions, span, 'maxAge');
      const v = evaluate(a.value, env);
      if (v.k === 'num' && v.value < 0) continue;
      out = { ...out, maxAge: v.k === 'num' ? { k: 'known', value: { raw: String(v.value), span: a.value.span }, src: elementSrc(a) } : { k: 'unknown', src: elementSrc(a) } };
    } else if (ELEMENTS[el]) {
      const step = ELEMENTS[el];
      // the annotation adds to what the class annotation gave
      const add = step === 'allowedOrigins' ? 'addAllowedOrigin' : step === 'allowedOriginPatterns' ? 'addAllowedOriginPattern' : step === 'allowedMethods' ? 'addAllowedMethod' : step === 'allowedHeaders' ? 'addAllowedHeader' : 'addExposedHeader';
      out = applyStep(out, add, [a], env, elementSrc(a), span, [], false);
      mention(mentions, span, el);
    }
  }
  return out;
}

function withMethods(c: Conf, methods: string[] | undefined, at: Span): Conf {
  if (c.methods || !methods) return c;
  return { ...c, methods: { k: 'known', value: methods.map((value) => ({ value, span: at, elementSpan: at })) } };
}

/** Every handler with a @CrossOrigin of its own or of its class, grouped: one configuration per method
 *  annotation, one for the class annotation over the handlers without their own. */
export function readAnnotations(code: Code, mentions: OptionMention[], notes: string[]): Annotated[] {
  const out: Annotated[] = [];
  const env = envOf(code);
  const visit = (body: Stmt[], depth: number) => {
    if (depth > 30) return;
    for (const s of body) {
      if (s.k !== 'class') continue;
      visit(s.body, depth + 1);
      const classCo = annotation(s.decorators, 'CrossOrigin');
      const base = mappingOf(s.decorators, env)?.path ?? '';
      const handlers = s.body.filter((m): m is Stmt & { k: 'func' } => m.k === 'func').map((m) => ({ fn: m.fn, map: mappingOf(m.fn.decorators, envOf(code, m.fn)) })).filter((h): h is { fn: Func; map: { path: string; methods?: string[] } } => !!h.map);
      const bare: typeof handlers = [];
      for (const h of handlers) {
        const co = annotation(h.fn.decorators, 'CrossOrigin');
        if (!co) {
          bare.push(h);
          continue;
        }
        let c: Conf = classCo ? addAnnotation({}, classCo, env, [], notes) : {};
        c = addAnnotation(c, co, envOf(code, h.fn), mentions, notes);
        c = applyPermitDefaults(withMethods(c, h.map.methods, co.span), co.callee.span);
        out.push({ conf: c, span: co.span, annotations: classCo ? [classCo, co] : [co], path: base + h.map.path, label: `${s.name ?? 'class'}.${h.fn.name ?? 'handler'}` });
      }
      if (classCo) {
        let c = addAnnotation({}, classCo, env, mentions, notes);
        const ms = bare.map((h) => h.map.methods);
        const same = ms.length > 0 && ms.every((m) => m && m.join() === ms[0]!.join()) ? ms[0] : undefined;
        c = withMethods(c, same, classCo.span);
        // handlers with different methods: the allowed methods differ per route
        if (!c.methods && !same && ms.some((m) => m)) c = { ...c, methods: { k: 'unknown' } };
        if (bare.length || !handlers.length) out.push({ conf: applyPermitDefaults(c, classCo.callee.span), span: classCo.span, annotations: [classCo], path: base, label: s.name ?? 'class' });
      }
    }
  };
  visit(code.program.body, 0);
  return out;
}
