/**
 * Value resolution, after the walk (env setters may stand anywhere in the file): `Header` values as format
 * strings (`%%`, `%{VAR}e`), `expr=` values, env variables from their setters, and the Origin check of
 * enclosing `<If>` expressions when a value copies the request Origin.
 */
import type { HeaderValue, OriginCheck, Valued } from '../../model/index.js';
import { readExpr, type ExprInfo } from './expr.js';
import { ancestorsOrSelf, mention, type Ctx, type Draft, type EnvSetter } from './model.js';

function enclosingOriginCheck(draft: Draft): { reads: boolean; check?: OriginCheck; vary: boolean } {
  let reads = false;
  let vary = false;
  let check: OriginCheck | undefined;
  const infos: ExprInfo[] = [];
  for (const n of ancestorsOrSelf(draft.node)) {
    if (n.lname === 'else' || n.lname === 'elseif') {
      // An <Else> branch runs when the <If> test failed: we cannot tell what it allows.
      return { reads: true, check: { kind: 'unknown' }, vary: false };
    }
    if (n.cond?.expr) infos.push(n.cond.expr);
  }
  if (draft.own) infos.push(draft.own);
  for (const info of infos) {
    if (!info.readsOrigin) continue;
    reads = true;
    if (info.varyOrigin) vary = true;
    if (!check) check = info.originCheck ?? { kind: 'unknown' };
    else check = { kind: 'unknown' };
  }
  return { reads, check, vary };
}

export function resolveValue(ctx: Ctx, draft: Draft): HeaderValue {
  const arg = draft.valueArg;
  if (!arg) return draft.write.value;
  if (!arg.closed) return { kind: 'unknown', reason: 'unclosed quote' };
  const raw = arg.value;
  if (raw.startsWith('expr=')) {
    const info = readExpr(raw.slice(5), arg.verbatim ? arg.valueSpan.start + 5 : undefined, arg.valueSpan);
    for (const s of info.originNameSpans) mention(ctx, 'Origin', s);
    if (!info.isOriginValue) return { kind: 'unknown', reason: 'expression' };
    if (info.varyOrigin) draft.varyOrigin = true;
    const enc = enclosingOriginCheck(draft);
    if (!enc.reads) return { kind: 'request-origin', checked: false, via: raw };
    return { kind: 'request-origin', checked: true, check: enc.check, via: raw };
  }
  if (raw.includes('${')) return { kind: 'unknown', reason: 'Define variable' };
  // Format string: %% is a percent sign; %{VAR}e an env variable; other specifiers are dynamic.
  let literal = '';
  const parts: ({ lit: string } | { env: string } | { dyn: true })[] = [];
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c !== '%') {
      literal += c;
      continue;
    }
    if (raw[i + 1] === '%') {
      literal += '%';
      i++;
      continue;
    }
    if (literal) parts.push({ lit: literal });
    literal = '';
    if (raw[i + 1] === '{') {
      const close = raw.indexOf('}', i + 2);
      if (close === -1) return { kind: 'unknown', reason: 'format' };
      const kind = raw[close + 1];
      if (kind === 'e') parts.push({ env: raw.slice(i + 2, close) });
      else parts.push({ dyn: true });
      i = close + 1;
    } else {
      parts.push({ dyn: true });
      i++;
    }
  }
  if (literal) parts.push({ lit: literal });
  if (parts.length === 0) return { kind: 'literal', text: '' };
  if (parts.length === 1 && 'lit' in parts[0]) return { kind: 'literal', text: parts[0].lit };
  if (parts.length === 1 && 'env' in parts[0]) {
    draft.envVar = parts[0].env;
    return resolveEnv(ctx, draft, parts[0].env);
  }
  return { kind: 'unknown', reason: 'dynamic value' };
}

/** The setters of an env variable that apply where the write stands. */
export function settersFor(ctx: Ctx, draft: Draft, varName: string): { all: EnvSetter[]; here: EnvSetter[] } {
  const all = ctx.env.get(varName) ?? [];
  const chain = new Set(ancestorsOrSelf(draft.node));
  return { all, here: all.filter((s) => chain.has(s.node)) };
}

function resolveEnv(ctx: Ctx, draft: Draft, varName: string): HeaderValue {
  const { all, here: setters } = settersFor(ctx, draft, varName);
  if (setters.length === 0) {
    if (all.length === 0 && varName === 'HTTP_ORIGIN') {
      // httpd exposes request headers as HTTP_* variables for CGI/PHP handlers; whenever the value is
      // set, it is the request's Origin, copied without any check.
      const enc = enclosingOriginCheck(draft);
      if (enc.reads) return { kind: 'request-origin', checked: true, check: enc.check, via: `%{${varName}}e` };
      return { kind: 'request-origin', checked: false, via: `%{${varName}}e` };
    }
    return { kind: 'unknown', reason: `env ${varName} not set here` };
  }
  if (setters.some((s) => s.kind === 'other')) return { kind: 'unknown', reason: `env ${varName}` };
  if (setters.every((s) => s.kind === 'literal')) {
    const texts = new Set(setters.map((s) => (s.kind === 'literal' ? s.text : '')));
    return texts.size === 1 ? { kind: 'literal', text: [...texts][0] } : { kind: 'unknown', reason: `env ${varName}` };
  }
  if (!setters.every((s) => s.kind === 'origin')) return { kind: 'unknown', reason: `env ${varName}` };
  const origins = setters as Extract<EnvSetter, { kind: 'origin' }>[];
  const unchecked = origins.find((s) => !s.check);
  if (unchecked) return { kind: 'request-origin', checked: false, via: unchecked.via };
  const entries: Valued<string>[] = [];
  let kind: OriginCheck['kind'] | undefined;
  for (const s of origins) {
    const k = s.check!.kind;
    if (kind === undefined) kind = k;
    else if (kind !== k) kind = 'unknown';
    entries.push(...(s.check!.entries ?? []));
  }
  const check: OriginCheck = kind === 'unknown' ? { kind: 'unknown' } : { kind: kind!, entries };
  return { kind: 'request-origin', checked: true, check, via: origins[0].via };
}
