/**
 * Spring CORS configurations built in code: `registry.addMapping(path)...` chains (WebMvcConfigurer and
 * WebFlux CorsRegistry: a CorsRegistration starts from the permit defaults, each call replaces), and
 * `CorsConfiguration` objects (`new CorsConfiguration()` starts empty: no origin allowed until one is set),
 * registered with `UrlBasedCorsConfigurationSource.registerCorsConfiguration(path, config)`. A change made
 * under a condition or in a loop leaves that option unknown.
 */
import type { OptionMention, Span } from '../../model/index.js';
import { chainOf, envOf, type Code, type Env, type Expr, type Func, type Stmt } from '../../code/index.js';
import { eachStmt, type Scope as CodeScope } from '../../code/bindings.js';
import { applyPermitDefaults, permitDefaults, stringsOf, type Conf, type Field } from './conf.js';
import { applyStep, argsSpan, OPAQUE, STEPS } from './steps.js';

export interface Built {
  conf: Conf;
  kind: 'registry' | 'config';
  /** The declaration: the addMapping call, the `new CorsConfiguration()`. */
  span: Span;
  /** Where a new `.allowedOrigins(...)` goes (after the addMapping call). */
  insertAt?: Span;
  path?: string;
  /** The variable holding a CorsConfiguration. */
  name?: string;
  /** The receiver text of its calls (`config`), for a fix that rewrites one. */
  fn?: Func;
}

type CallStep = { name: string; call: Expr & { k: 'call' }; member: Expr & { k: 'member' } };

/** The method calls of a chain after its start, in order. */
function callSteps(e: Expr): { start: Expr; steps: CallStep[] } {
  const ch = chainOf(e);
  const steps: CallStep[] = [];
  let start: Expr = ch[0].expr;
  for (let i = 0; i < ch.length; i++) {
    const s = ch[i];
    if (s.k === 'call' && s.expr.callee.k === 'member' && i > 0 && ch[i - 1].k === 'prop') steps.push({ name: s.expr.callee.name, call: s.expr, member: s.expr.callee });
    else if (s.k === 'call' && steps.length === 0) start = s.expr;
  }
  return { start, steps };
}

const isNewConfig = (e: Expr): boolean => e.k === 'call' && !!e.isNew && e.callee.k === 'name' && /(^|\.)CorsConfiguration$/.test(e.callee.name);

function stepSrc(code: Code, st: CallStep, form: 'chain' | 'stmt', stmt?: Stmt) {
  const dot = code.text.lastIndexOf('.', st.member.nameSpan.start);
  const holder = form === 'chain' ? { start: st.member.object.span.end, end: st.call.span.end } : stmt!.span;
  return { holder, value: argsSpan(st.call.args, { start: st.call.span.end - 1, end: st.call.span.end - 1 }), form, inPlace: true, step: { start: dot >= 0 ? dot + 1 : st.member.nameSpan.start, end: st.call.span.end } };
}

/** Apply the steps of a chain; `cond`: written under a condition (every option it touches is unknown). */
function applyAll(code: Code, c: Conf, steps: CallStep[], env: Env, mentions: OptionMention[], cond: boolean, form: 'chain' | 'stmt', stmt?: Stmt): Conf | undefined {
  let out = c;
  for (const st of steps) {
    if (OPAQUE.has(st.name)) return undefined;
    if (st.name === 'applyPermitDefaultValues') out = applyPermitDefaults(out, st.member.nameSpan);
    if (!STEPS[st.name] && st.name !== 'applyPermitDefaultValues') continue;
    out = applyStep(out, st.name, st.call.args, env, stepSrc(code, st, form, stmt), st.member.nameSpan, mentions, cond);
  }
  return out;
}

/** A lambda written inside an addCorsMappings method (`cfg.forEach(p -> registry.addMapping(p)...)`). */
function insideCorsMappings(code: Code, fn: Func): boolean {
  for (let sc = code.scopes.of(fn)?.parent; sc; sc = sc.parent) if (sc.fn?.name === 'addCorsMappings') return true;
  return false;
}

const importsRegistry = (code: Code): boolean => code.program.body.some((s) => s.k === 'import' && /\.CorsRegistry$/.test(s.module));

/** Every option not written in the code (a default) becomes unknown. */
function unstated(c: Conf): Conf {
  const keep = <T>(f: Field<T> | undefined): Field<T> => (f?.src ? f : { k: 'unknown' });
  return { origins: c.origins?.src || c.patterns ? c.origins : { k: 'unknown' }, patterns: c.patterns, methods: keep(c.methods), headers: keep(c.headers), exposed: keep(c.exposed), credentials: keep(c.credentials), maxAge: keep(c.maxAge) };
}

function exprOf(s: Stmt): Expr | undefined {
  return s.k === 'expr' ? s.expr : s.k === 'return' ? s.value : undefined;
}

export function readBuilders(code: Code, mentions: OptionMention[]): Built[] {
  const out: Built[] = [];
  const paths = registrations(code);
  const visitScope = (sc: CodeScope) => {
    // the module body holds statements only when the parser gave up on a class (half-typed code)
    readFunc(code, sc.fn, envOf(code, sc.fn), mentions, paths, out);
    sc.children.forEach(visitScope);
  };
  visitScope(code.scopes.module);
  return out.sort((a, b) => a.span.start - b.span.start);
}

/** `source.registerCorsConfiguration("/api/**", config)`: the path each configuration variable serves. */
function registrations(code: Code): Map<string, string> {
  const m = new Map<string, string>();
  const visit = (body: Stmt[]) =>
    eachStmt(body, (s) => {
      const e = exprOf(s);
      if (s.k === 'func') visit(s.fn.body);
      if (s.k === 'class') visit(s.body);
      if (e?.k !== 'call' || e.callee.k !== 'member' || e.callee.name !== 'registerCorsConfiguration' || e.args.length !== 2) return;
      const [p, c] = e.args;
      if (p.value.k === 'str' && c.value.k === 'name') m.set(c.value.name, p.value.value);
    });
  visit(code.program.body);
  return m;
}

function readFunc(code: Code, fn: Func | undefined, env: Env, mentions: OptionMention[], paths: Map<string, string>, out: Built[]): void {
  const vars = new Map<string, Built>();
  // `addMapping` is a CorsRegistry's inside WebMvcConfigurer / WebFluxConfigurer.addCorsMappings (or, in a
  // file the parser gave up on, where the file imports CorsRegistry); other libraries have their own addMapping
  const registryAllowed = fn ? fn.name === 'addCorsMappings' || insideCorsMappings(code, fn) : importsRegistry(code);
  eachStmt(fn ? fn.body : code.program.body, (s, cond) => {
    // config = new CorsConfiguration()[.applyPermitDefaultValues()...]
    if (s.k === 'assign' && s.target.k === 'name' && s.op === '=') {
      const { start, steps } = callSteps(s.value);
      if (!isNewConfig(start)) return;
      const conf = applyAll(code, {}, steps, env, mentions, false, 'chain');
      const name = s.target.name;
      if (cond || vars.has(name) || !conf) {
        vars.delete(name);
        return;
      }
      const b: Built = { conf, kind: 'config', span: start.span, name, fn, path: paths.get(name) };
      vars.set(name, b);
      out.push(b);
      return;
    }
    const e = exprOf(s);
    if (!e || e.k !== 'call') return;
    const { start, steps } = callSteps(e);
    // registry.addMapping("/api/**").allowedOrigins(...)...
    const at = registryAllowed ? steps.findIndex((x) => x.name === 'addMapping') : -1;
    if (at >= 0 && (s.k === 'expr' || s.k === 'return')) {
      const add = steps[at];
      const p = stringsOf(add.call.args.map((a) => a.value), env);
      const decl = add.call.span;
      let conf = applyAll(code, permitDefaults(add.member.nameSpan), steps.slice(at + 1), env, mentions, false, 'chain');
      // cut off while typing (`.allowedMethods("GET",` after the last readable call): what is not stated is unknown
      if (conf && code.text.slice(e.span.end).trimStart().startsWith('.')) conf = unstated(conf);
      if (conf) out.push({ conf, kind: 'registry', span: { start: add.member.nameSpan.start, end: decl.end }, insertAt: { start: decl.end, end: decl.end }, path: p?.length === 1 ? p[0].value : undefined });
      return;
    }
    // new CorsConfiguration().applyPermitDefaultValues() written where it is used
    if (isNewConfig(start) && steps.length) {
      const conf = applyAll(code, {}, steps, env, mentions, cond, 'chain');
      if (conf) out.push({ conf, kind: 'config', span: start.span });
      return;
    }
    // config.setX(...); on a variable holding a configuration
    if (start.k === 'name' || (steps.length && steps[0].member.object.k === 'name')) {
      const root = steps[0]?.member.object;
      const b = root?.k === 'name' ? vars.get(root.name) : undefined;
      if (!b) return;
      const conf = applyAll(code, b.conf, steps, env, mentions, cond, s.k === 'expr' && steps.length === 1 ? 'stmt' : 'chain', s);
      if (!conf) {
        b.conf = { origins: { k: 'unknown' }, credentials: { k: 'unknown' } };
        return;
      }
      b.conf = conf;
    }
  });
}
