/**
 * Directives that set env variables, read for the idioms that copy the request Origin into one:
 * `SetEnvIf[NoCase] Origin <regex> VAR=$0` and `RewriteCond %{HTTP:Origin} ...` + `RewriteRule ... [E=VAR:%0]`
 * (checked by the regex unless it accepts every value). RewriteRule also records the mod_rewrite answer to
 * OPTIONS preflights (`RewriteCond %{REQUEST_METHOD} OPTIONS` + `[R=2xx]`).
 */
import type { OriginCheck } from '../../model/index.js';
import type { ApacheDirective } from '../../syntax/apache.js';
import { addSetter, mention, type Ctx, type ScopeNode } from './model.js';

/** Regexes that accept every Origin value (so an env var set from them is an unchecked copy). */
function matchesAnything(re: string): boolean {
  let r = re;
  if (r.startsWith('^')) r = r.slice(1);
  if (r.endsWith('$') && !r.endsWith('\\$')) r = r.slice(0, -1);
  if (r.startsWith('(') && r.endsWith(')') && !r.startsWith('(?')) r = r.slice(1, -1);
  return r === '' || r === '.*' || r === '.+' || r === '.*?' || r === '.+?';
}

/** True when group 1 of the regex is the whole match (`^(...)$`), so `$1` equals `$0`. */
function group1IsWhole(re: string): boolean {
  let r = re;
  if (r.startsWith('^')) r = r.slice(1);
  if (r.endsWith('$') && !r.endsWith('\\$')) r = r.slice(0, -1);
  if (!r.startsWith('(') || r.startsWith('(?')) return false;
  let depth = 0;
  for (let i = 0; i < r.length; i++) {
    const c = r[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '(') depth++;
    else if (c === ')') {
      depth--;
      if (depth === 0) return i === r.length - 1;
    }
  }
  return false;
}

/** `SetEnvIf[NoCase] attr regex VAR[=value] ...`: an Origin copy for `VAR=$0` (or `$1` when group 1 is the
 *  whole match), any other assignment an opaque setter. */
export function setEnvIf(ctx: Ctx, d: ApacheDirective, scope: ScopeNode): void {
  const [attr, re, ...assigns] = d.args;
  if (!attr || !re) return;
  const isOrigin = attr.value.toLowerCase() === 'origin';
  if (isOrigin) mention(ctx, attr.value, attr.valueSpan);
  for (const a of assigns) {
    const eq = a.value.indexOf('=');
    const varName = (eq === -1 ? a.value : a.value.slice(0, eq)).replace(/^!/, '');
    const val = eq === -1 ? undefined : a.value.slice(eq + 1);
    if (!varName) continue;
    if (isOrigin && !a.value.startsWith('!') && (val === '$0' || (val === '$1' && group1IsWhole(re.value)))) {
      if (matchesAnything(re.value)) addSetter(ctx, varName, { kind: 'origin', node: scope, via: `${d.name} Origin "${re.value}"`, reArg: re });
      else
        addSetter(ctx, varName, {
          kind: 'origin',
          node: scope,
          via: `${d.name} Origin`,
          reArg: re,
          check: { kind: 'regex', entries: [{ value: re.value, span: re.valueSpan }] },
        });
    } else addSetter(ctx, varName, { kind: 'other', node: scope });
  }
}

export function parseFlags(raw: string | undefined): string[] {
  if (!raw || !raw.startsWith('[')) return [];
  return raw
    .replace(/^\[/, '')
    .replace(/\]$/, '')
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean);
}

function isOriginTest(test: string): boolean {
  return test.toLowerCase() === '%{http:origin}';
}

export function rewriteRule(ctx: Ctx, d: ApacheDirective, scope: ScopeNode): void {
  const conds = scope.rewriteConds;
  const flags = parseFlags(d.args[2]?.value);
  const hasOr = conds.some((c) => c.flags.some((f) => f.toUpperCase() === 'OR'));
  // Preflight answer: RewriteCond %{REQUEST_METHOD} OPTIONS + RewriteRule ... [R=2xx]
  const status = flags.map((f) => /^(?:R|redirect)=(\d{3})$/i.exec(f)).find(Boolean);
  const methodConds = conds.filter((c) => c.test === '%{REQUEST_METHOD}');
  if (status && +status[1] >= 200 && +status[1] < 300 && conds.length === 1 && methodConds.length === 1 && !hasOr) {
    const p = methodConds[0].pattern.value;
    if (p === 'OPTIONS' || p === '^OPTIONS$' || p === '=OPTIONS' || p === '^(OPTIONS)$' || p === '^OPTIONS') scope.preflightRules.push(d.span);
  }
  // Env variables: [E=VAR:value]
  const originConds = conds.filter((c) => isOriginTest(c.test));
  for (const f of flags) {
    const m = /^(?:E|env)=(!?)([^:]+)(?::(.*))?$/i.exec(f);
    if (!m) continue;
    const varName = m[2];
    const val = m[3];
    if (m[1] || val === undefined) {
      addSetter(ctx, varName, { kind: 'other', node: scope });
      continue;
    }
    const last = conds[conds.length - 1];
    const back = /^%([0-9])$/.exec(val);
    const isOriginValue =
      val.toLowerCase() === '%{http:origin}' ||
      (back && last && isOriginTest(last.test) && !last.pattern.value.startsWith('!') && (back[1] === '0' || (back[1] === '1' && group1IsWhole(last.pattern.value))));
    if (!isOriginValue) {
      if (/^[^%$]*$/.test(val)) addSetter(ctx, varName, { kind: 'literal', node: scope, text: val });
      else addSetter(ctx, varName, { kind: 'other', node: scope });
      continue;
    }
    let check: OriginCheck | undefined;
    const positive = originConds.filter((c) => !c.pattern.value.startsWith('!'));
    if (hasOr || originConds.length > 1 || positive.length !== originConds.length) check = originConds.length ? { kind: 'unknown' } : undefined;
    else if (positive.length === 1) {
      const p = positive[0].pattern;
      if (p.value.startsWith('=')) {
        const inner = p.value.slice(1);
        check = { kind: 'exact', entries: [{ value: inner, span: p.verbatim ? { start: p.valueSpan.start + 1, end: p.valueSpan.end } : p.valueSpan }] };
      } else if (!matchesAnything(p.value)) check = { kind: 'regex', entries: [{ value: p.value, span: p.valueSpan }] };
    }
    addSetter(ctx, varName, { kind: 'origin', node: scope, via: 'RewriteRule [E=...] from %{HTTP:Origin}', check });
  }
}
