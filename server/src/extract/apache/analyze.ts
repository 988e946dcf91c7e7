/**
 * Apache httpd analysis: `Header` directives of mod_headers (in httpd.conf, vhost files and .htaccess),
 * the env variables they read (`SetEnvIf Origin ...`, `RewriteRule ... [E=...]`), `<If>` expressions, and the
 * mod_rewrite answer to OPTIONS preflights.
 *
 * Semantics (mod_headers.c, httpd 2.4):
 * - `Header [onsuccess|always] action name [value] [early|env=[!]var|expr=...]`; the condition selects one
 *   of two tables. `always` goes to err_headers_out (sent on every response, errors included), onsuccess
 *   to headers_out (cleared on error responses). Both tables are sent on a 2xx response, so the same header
 *   set in both is sent twice.
 * - In one table: set replaces, add adds another header line, append/merge join into the existing line
 *   (merge only when the value is not there yet), setifempty only when absent, unset removes, edit rewrites.
 * - Sections merge outer before inner (the per-dir merge appends the inner list after the outer one).
 * - A value `%{VAR}e` is the env variable VAR; `expr=...` is an ap_expr string expression.
 * - A mod_rewrite rule with a non-redirect status (`[R=200]`) answers through the error path, where only
 *   the `always` table is sent.
 */
import type {
  CorsPolicy,
  FileFacts,
  HeaderValue,
  HeaderWrite,
  OriginCheck,
  Scope,
  Span,
  Valued,
} from '../../model/index.js';
import { parseApache, type ApacheArg, type ApacheDirective, type ApacheNode, type ApacheSection } from '../../syntax/apache.js';
import { editsWithin, H, policyFromWrites } from '../common.js';
import type { SourceFile } from '../types.js';
import { readExpr, type ExprInfo } from './expr.js';

export const ID = 'apache';

const KNOWN_CORS = [
  'access-control-allow-origin',
  'access-control-allow-credentials',
  'access-control-allow-methods',
  'access-control-allow-headers',
  'access-control-expose-headers',
  'access-control-max-age',
  'access-control-allow-private-network',
  'access-control-request-method',
  'access-control-request-headers',
  'timing-allow-origin',
];

/** Sections that do not start a new set of responses (their content applies where they stand). */
const TRANSPARENT = new Set(['ifmodule', 'ifdefine', 'ifversion', 'iffile', 'ifdirective', 'ifsection', 'limit', 'limitexcept']);

function isCorsName(lower: string): boolean {
  return lower.startsWith('access-control-') || lower === 'origin' || lower === 'vary' || lower === 'timing-allow-origin';
}

/** Header writes worth recording: CORS headers, Vary, and names that look like a typo of a CORS header. */
function isCorsish(name: string): boolean {
  const l = name.toLowerCase();
  if (isCorsName(l) && l !== 'origin') return true;
  if (l.startsWith('access-control') || l.includes('allow-origin') || l.includes('allow-credential')) return true;
  // A typo of a CORS header keeps most of its words; only such names pay for the edit distance.
  if (l.length < 12 || !/allow|expose|max-?age|contr?o|acc?ess|origin|credent/.test(l)) return false;
  return KNOWN_CORS.some((k) => editsWithin(l, k, 2) <= 2);
}

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

// ---------------------------------------------------------------------------------------------------
// Scope tree

export interface ScopeNode {
  scope: Scope;
  parent?: ScopeNode;
  children: ScopeNode[];
  section?: ApacheSection;
  lname: string;
  writes: Draft[];
  /** From an enclosing `<If>`/`<ElseIf>`/`<Else>` of this very node. */
  cond?: { method?: 'options-only' | 'non-options'; conditional: boolean; expr?: ExprInfo };
  rewriteEngine?: boolean;
  rewriteConds: RewriteCond[];
  preflightRules: Span[];
}

interface RewriteCond {
  test: string;
  pattern: ApacheArg;
  flags: string[];
}

export interface Draft {
  write: HeaderWrite;
  node: ScopeNode;
  table: 'always' | 'onsuccess';
  /** The raw value argument and how to read it. */
  valueArg?: ApacheArg;
  own?: ExprInfo;
  conditionKind?: 'env' | 'expr';
  /** The env variable the value reads (`%{VAR}e`). */
  envVar?: string;
  /** httpd adds `Vary: Origin` itself because an ap_expr of this write reads Origin via req()/http(). */
  varyOrigin?: boolean;
}

export type EnvSetter =
  | { kind: 'origin'; node: ScopeNode; check?: OriginCheck; via: string; /** SetEnvIf's regex argument. */ reArg?: ApacheArg }
  | { kind: 'literal'; node: ScopeNode; text: string }
  | { kind: 'other'; node: ScopeNode };

function sectionLabel(text: string, sec: ApacheSection): string {
  if (sec.args.length === 0) return sec.name;
  const a = sec.args[0].span.start;
  const b = sec.args[sec.args.length - 1].span.end;
  return `${sec.name} ${text.slice(a, b).replace(/\s+/g, ' ')}`;
}

function fileLabel(path: string): string {
  const parts = path.split('/');
  return parts[parts.length - 1] || path;
}

export function ancestorsOrSelf(n: ScopeNode): ScopeNode[] {
  const out: ScopeNode[] = [];
  for (let x: ScopeNode | undefined = n; x; x = x.parent) out.unshift(x);
  return out;
}

// ---------------------------------------------------------------------------------------------------

export interface Ctx {
  text: string;
  facts: FileFacts;
  drafts: Draft[];
  env: Map<string, EnvSetter[]>;
  nextId: number;
}

function addSetter(ctx: Ctx, name: string, s: EnvSetter): void {
  const list = ctx.env.get(name) ?? [];
  list.push(s);
  ctx.env.set(name, list);
}

function mention(ctx: Ctx, value: string, span: Span): void {
  ctx.facts.headerMentions.push({ value, span });
}

function mentionListValues(ctx: Ctx, arg: ApacheArg): void {
  if (!arg.verbatim) return;
  const re = /[^,\s]+/g;
  for (let m = re.exec(arg.value); m; m = re.exec(arg.value)) {
    if (isCorsName(m[0].toLowerCase())) mention(ctx, m[0], { start: arg.valueSpan.start + m.index, end: arg.valueSpan.start + m.index + m[0].length });
  }
}

function mentionOriginIn(ctx: Ctx, arg: ApacheArg): void {
  // `%{HTTP:Origin}` (mod_rewrite) and `%{req:Origin}` style references inside a word.
  if (!arg.verbatim) return;
  const v = arg.value;
  let i = v.indexOf('%{');
  while (i !== -1) {
    const close = v.indexOf('}', i);
    if (close === -1) break;
    const body = v.slice(i + 2, close);
    const colon = body.indexOf(':');
    if (colon >= 0 && body.slice(colon + 1).toLowerCase() === 'origin') {
      const s = arg.valueSpan.start + i + 2 + colon + 1;
      mention(ctx, body.slice(colon + 1), { start: s, end: s + 6 });
    }
    i = v.indexOf('%{', close);
  }
}

function walk(ctx: Ctx, nodes: ApacheNode[], scope: ScopeNode, file: SourceFile): void {
  let lastIf: ScopeNode | undefined;
  for (const node of nodes) {
    if (node.type === 'section') {
      const lname = node.name.toLowerCase();
      if (TRANSPARENT.has(lname)) {
        walk(ctx, node.children, scope, file);
        continue;
      }
      const child: ScopeNode = {
        scope: {
          kind: 'block',
          label: sectionLabel(ctx.text, node),
          path: [...scope.scope.path, sectionLabel(ctx.text, node)],
          span: node.span,
        },
        parent: scope,
        children: [],
        section: node,
        lname,
        writes: [],
        rewriteConds: [],
        preflightRules: [],
      };
      if (lname === 'if' || lname === 'elseif') {
        const a = node.args[0];
        const info = a ? readExpr(a.value, a.verbatim ? a.valueSpan.start : undefined, a.valueSpan) : undefined;
        if (info) for (const s of info.originNameSpans) mention(ctx, 'Origin', s);
        child.cond = { method: lname === 'if' ? info?.method : undefined, conditional: true, expr: info };
        if (lname === 'if') lastIf = child;
      } else if (lname === 'else') {
        const m = lastIf?.cond?.method;
        child.cond = { method: m === 'options-only' ? 'non-options' : m === 'non-options' ? 'options-only' : undefined, conditional: true };
      }
      if (lname !== 'if' && lname !== 'elseif' && lname !== 'else') lastIf = undefined;
      if (lname === 'virtualhost') {
        const sn = node.children.find((c): c is ApacheDirective => c.type === 'directive' && c.name.toLowerCase() === 'servername');
        if (sn?.args[0]) {
          child.scope.label += ` (${sn.args[0].value})`;
          child.scope.path[child.scope.path.length - 1] = child.scope.label;
        }
      }
      scope.children.push(child);
      walk(ctx, node.children, child, file);
      continue;
    }
    directive(ctx, node, scope);
  }
}

function directive(ctx: Ctx, d: ApacheDirective, scope: ScopeNode): void {
  const name = d.name.toLowerCase();
  switch (name) {
    case 'header':
      headerDirective(ctx, d, scope);
      return;
    case 'requestheader':
      if (d.args[1] && isCorsName(d.args[1].value.replace(/:$/, '').toLowerCase())) mention(ctx, d.args[1].value.replace(/:$/, ''), d.args[1].valueSpan);
      return;
    case 'setenvif':
    case 'setenvifnocase': {
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
      return;
    }
    case 'setenv':
      if (d.args[0]) addSetter(ctx, d.args[0].value, d.args[1] ? { kind: 'literal', node: scope, text: d.args[1].value } : { kind: 'other', node: scope });
      return;
    case 'unsetenv':
    case 'setenvifexpr':
    case 'browsermatch':
    case 'browsermatchnocase':
      for (const a of d.args.slice(name === 'unsetenv' ? 0 : 1)) addSetter(ctx, a.value.split('=')[0].replace(/^!/, ''), { kind: 'other', node: scope });
      return;
    case 'rewriteengine':
      if (d.args[0]) scope.rewriteEngine = d.args[0].value.toLowerCase() === 'on';
      return;
    case 'rewritecond': {
      const [test, pattern, flagArg] = d.args;
      if (!test || !pattern) return;
      mentionOriginIn(ctx, test);
      scope.rewriteConds.push({ test: test.value, pattern, flags: parseFlags(flagArg?.value) });
      return;
    }
    case 'rewriterule':
      rewriteRule(ctx, d, scope);
      scope.rewriteConds = [];
      return;
  }
}

function parseFlags(raw: string | undefined): string[] {
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

function rewriteRule(ctx: Ctx, d: ApacheDirective, scope: ScopeNode): void {
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

function headerDirective(ctx: Ctx, d: ApacheDirective, scope: ScopeNode): void {
  const args = d.args;
  let i = 0;
  let table: Draft['table'] = 'onsuccess';
  const first = args[0]?.value.toLowerCase();
  if (first === 'always' || first === 'onsuccess') {
    if (first === 'always') table = 'always';
    i = 1;
  }
  const actionArg = args[i];
  const nameArg = args[i + 1];
  if (!actionArg || !nameArg) return;
  const action = actionArg.value.toLowerCase();
  let name = nameArg.value;
  let nameSpan = nameArg.valueSpan;
  if (name.includes(':')) {
    name = name.slice(0, name.indexOf(':'));
    if (nameArg.verbatim) nameSpan = { start: nameSpan.start, end: nameSpan.start + name.length };
  }
  const lname = name.toLowerCase();
  if (isCorsName(lname)) mention(ctx, name, nameSpan);
  const rest = args.slice(i + 2);
  let valueArg: ApacheArg | undefined;
  let envArg: ApacheArg | undefined;
  let op: HeaderWrite['op'];
  switch (action) {
    case 'set':
    case 'add':
    case 'append':
    case 'merge':
    case 'setifempty':
      op = action;
      valueArg = rest[0];
      envArg = rest[1];
      if (!valueArg || rest.length > 2) return; // httpd refuses to start: not a write
      break;
    case 'unset':
      op = 'unset';
      envArg = rest[0];
      if (rest.length > 1) return;
      break;
    case 'edit':
    case 'edit*':
      op = 'edit';
      valueArg = undefined;
      envArg = rest[2];
      if (rest.length < 2 || rest.length > 3) return;
      break;
    default:
      return; // echo, note, typos: not a response header write we model
  }
  if (!isCorsish(name)) return;
  if (lname === 'vary' && valueArg) mentionListValues(ctx, valueArg);
  if ((lname === H.allowHeaders || lname === H.exposeHeaders) && valueArg) mentionListValues(ctx, valueArg);

  // Condition of the write itself.
  let own: ExprInfo | undefined;
  let conditionKind: Draft['conditionKind'];
  if (envArg) {
    const v = envArg.value;
    if (/^env=/i.test(v)) conditionKind = 'env';
    else if (/^expr=/i.test(v)) {
      conditionKind = 'expr';
      own = readExpr(v.slice(5), envArg.verbatim ? envArg.valueSpan.start + 5 : undefined, envArg.valueSpan);
      for (const s of own.originNameSpans) mention(ctx, 'Origin', s);
    } else if (v.toLowerCase() !== 'early') return; // unknown parameter: httpd refuses the directive
  }
  let condition: HeaderWrite['condition'];
  for (const n of ancestorsOrSelf(scope)) {
    if (n.cond?.method) condition = n.cond.method;
    else if (n.cond?.conditional && !condition) condition = 'conditional';
  }
  if (own?.method) condition = own.method;
  else if (conditionKind && condition !== 'options-only' && condition !== 'non-options') condition = 'conditional';

  const write: HeaderWrite = {
    id: `apache-w${ctx.nextId++}`,
    name,
    nameSpan,
    value: op === 'unset' ? { kind: 'unknown', reason: 'unset' } : op === 'edit' ? { kind: 'unknown', reason: 'edit' } : { kind: 'unknown' },
    valueSpan: valueArg?.valueSpan,
    statementSpan: d.span,
    op,
    always: table === 'always',
    condition,
    layer: 'server-config',
    scope: scope.scope,
    extractor: ID,
  };
  const draft: Draft = { write, node: scope, table, valueArg, own, conditionKind };
  ctx.drafts.push(draft);
  scope.writes.push(draft);
}

// ---------------------------------------------------------------------------------------------------
// Value resolution (after the walk: env setters may stand anywhere in the file)

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

function resolveValue(ctx: Ctx, draft: Draft): HeaderValue {
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

// ---------------------------------------------------------------------------------------------------
// Responses

interface Variant {
  label: string;
  drafts: Draft[];
  options: boolean | undefined;
  success: Line[];
  always: Line[];
  lines: Line[];
}

interface Line {
  lname: string;
  head: Draft;
  writes: Draft[];
  joined: boolean;
  uncertain: boolean;
}

function applyTable(drafts: Draft[]): Line[] {
  let lines: Line[] = [];
  for (const d of drafts) {
    const w = d.write;
    const l = w.name.toLowerCase();
    const same = lines.filter((x) => x.lname === l);
    const conditional = w.condition === 'conditional';
    switch (w.op) {
      case 'set':
        if (conditional && same.length) {
          lines = lines.filter((x) => x.lname !== l);
          lines.push({ lname: l, head: d, writes: [...same.flatMap((x) => x.writes), d], joined: false, uncertain: true });
        } else {
          lines = lines.filter((x) => x.lname !== l);
          lines.push({ lname: l, head: d, writes: [d], joined: false, uncertain: false });
        }
        break;
      case 'add':
        lines.push({ lname: l, head: d, writes: [d], joined: false, uncertain: false });
        break;
      case 'append':
      case 'merge':
        if (same.length) {
          const first = same[0];
          const dup =
            w.op === 'merge' &&
            w.value.kind === 'literal' &&
            first.writes.some((x) => x.write.value.kind === 'literal' && x.write.value.text.split(',').map((s) => s.trim()).includes((w.value as { text: string }).text));
          if (!dup) {
            first.writes.push(d);
            first.joined = true;
            if (conditional) first.uncertain = true;
          }
        } else lines.push({ lname: l, head: d, writes: [d], joined: false, uncertain: false });
        break;
      case 'setifempty':
        if (!same.length) lines.push({ lname: l, head: d, writes: [d], joined: false, uncertain: false });
        else if (conditional) for (const x of same) x.uncertain = true;
        break;
      case 'unset':
        if (conditional) for (const x of same) x.uncertain = true;
        else lines = lines.filter((x) => x.lname !== l);
        break;
      case 'edit':
        for (const x of same) {
          x.writes.push(d);
          x.uncertain = true;
        }
        break;
    }
  }
  return lines;
}

/** The write a policy sees for one header line. */
function lineWrite(line: Line): HeaderWrite {
  const h = line.head.write;
  // List items and max-age get spans computed from the value text: only exact when it is verbatim.
  const spanned = line.lname === H.allowMethods || line.lname === H.allowHeaders || line.lname === H.exposeHeaders || line.lname === H.maxAge;
  if (spanned && line.head.valueArg && !line.head.valueArg.verbatim && h.value.kind === 'literal') {
    return { ...h, op: 'add', value: { kind: 'unknown', reason: 'escaped value' } };
  }
  if (!line.joined && !line.uncertain) return { ...h, op: 'add' };
  const vals = line.writes.map((d) => d.write.value);
  if (!line.uncertain && (line.lname === H.vary || line.lname === H.allowCredentials) && vals.every((v) => v.kind === 'literal')) {
    return { ...h, op: 'add', value: { kind: 'literal', text: vals.map((v) => (v as { text: string }).text).join(', ') }, valueSpan: undefined };
  }
  return { ...h, op: 'add', value: { kind: 'unknown', reason: line.uncertain ? 'conditional' : 'joined' } };
}

function buildResponses(ctx: Ctx, root: ScopeNode): void {
  const nodes: ScopeNode[] = [];
  (function collect(n: ScopeNode) {
    nodes.push(n);
    n.children.forEach(collect);
  })(root);
  let policyNo = 0;
  const seenPolicies = new Set<string>();
  for (const node of nodes) {
    if (node.writes.length === 0) continue;
    // With <If> and <Else> children that both write headers, every request takes one of the branches:
    // the node's own writes never reach a response alone.
    const branches = node.children.filter((c) => c.writes.length > 0);
    if (branches.some((c) => c.lname === 'if') && branches.some((c) => c.lname === 'else')) continue;
    // A section whose end tag is missing has an unknown extent: do not pass its writes on to the
    // sections nested in it (the author most likely meant them to follow it).
    const chain = ancestorsOrSelf(node).filter((n) => n === node || !n.section || n.section.closed);
    const all = chain.flatMap((n) => n.writes);
    const methodSplit = all.some((d) => d.write.condition === 'options-only' || d.write.condition === 'non-options');
    const variants: Variant[] = (
      methodSplit
        ? [
            { label: ' (OPTIONS)', drafts: all.filter((d) => d.write.condition !== 'non-options'), options: true },
            { label: ' (non-OPTIONS)', drafts: all.filter((d) => d.write.condition !== 'options-only'), options: false },
          ]
        : [{ label: '', drafts: all, options: undefined }]
    ).map((v) => {
      const success = applyTable(v.drafts.filter((d) => d.table === 'onsuccess'));
      const always = applyTable(v.drafts.filter((d) => d.table === 'always'));
      return { ...v, success, always, lines: [...success, ...always] };
    });
    for (const v of variants) {
      if (!v.lines.length) continue;
      const scope: Scope = v.label ? { ...node.scope, label: node.scope.label + v.label } : node.scope;
      ctx.facts.responses.push({ scope, writeIds: v.lines.map((l) => l.head.write.id) });
    }

    // Preflight answered by a mod_rewrite rule with a 2xx status in this chain (rewrite engine on).
    let preflight = false;
    for (let k = 0; k < chain.length; k++) {
      if (!chain[k].preflightRules.length) continue;
      for (let j = k; j >= 0; j--) {
        if (chain[j].rewriteEngine !== undefined) {
          if (chain[j].rewriteEngine) preflight = true;
          break;
        }
        if (chain[j].lname === 'virtualhost') break;
      }
    }
    const varyByExpr = chain.some((n) => n.cond?.expr?.varyOrigin);

    // Policies: one per variant; when OPTIONS and other requests get the same Allow-Origin, one policy
    // holds both (the preflight-only headers come from the OPTIONS variant).
    const acaoIds = (v: Variant) => v.lines.filter((l) => l.lname === H.allowOrigin).map((l) => l.head.write.id).join(',');
    let groups: { scope: Scope; lines: Line[]; always: Line[]; drafts: Draft[]; options: boolean | undefined }[];
    if (variants.length === 2 && acaoIds(variants[0]) === acaoIds(variants[1])) {
      const [opt, other] = variants;
      const names = new Set(other.lines.map((l) => l.lname));
      groups = [
        {
          scope: node.scope,
          lines: [...other.lines, ...opt.lines.filter((l) => !names.has(l.lname))],
          always: opt.always,
          drafts: all,
          options: undefined,
        },
      ];
    } else {
      groups = variants.map((v) => ({
        scope: v.label ? { ...node.scope, label: node.scope.label + v.label } : node.scope,
        lines: v.lines,
        always: v.always,
        drafts: v.drafts,
        options: v.options,
      }));
    }
    for (const g of groups) {
      const acao = g.lines.filter((l) => l.lname === H.allowOrigin);
      if (!acao.length) continue;
      let answersPreflight: CorsPolicy['answersPreflight'] | undefined;
      // The rewrite answer goes through httpd's error path: only the `always` table is sent on it.
      if (preflight && g.options !== false) answersPreflight = g.always.some((l) => l.lname === H.allowOrigin);
      else if (g.lines.some((l) => l.lname === H.allowMethods && lineWrite(l).value.kind === 'unknown')) answersPreflight = 'unknown';
      const optionsOnly = acao.every((l) => l.writes.every((d) => d.write.condition === 'options-only'));
      const policy = policyFromWrites(g.lines.map(lineWrite), {
        id: `apache-p${policyNo + 1}`,
        extractor: ID,
        layer: 'server-config',
        scope: g.scope,
        span: acao[0].head.write.statementSpan,
        emits: optionsOnly ? 'options-only' : undefined,
        answersPreflight,
      });
      if (!policy) continue;
      // Point back at every real write, not at the per-line stand-ins.
      const ids = new Set<string>();
      for (const id of policy.writeIds) {
        const line = g.lines.find((l) => l.head.write.id === id);
        for (const d of line ? line.writes : []) ids.add(d.write.id);
      }
      policy.writeIds = [...ids];
      const key = [...ids].sort().join(',') + '|' + policy.emits;
      if (seenPolicies.has(key)) continue;
      seenPolicies.add(key);
      const perRequest = policy.origin.kind !== 'any' && policy.origin.kind !== 'static' && policy.origin.kind !== 'null';
      if (policy.vary === 'absent' && perRequest && (varyByExpr || g.drafts.some((d) => d.varyOrigin))) policy.vary = 'library';
      policyNo++;
      ctx.facts.policies.push(policy);
    }
  }
}

// ---------------------------------------------------------------------------------------------------

export function extract(file: SourceFile): Partial<FileFacts> {
  return analyze(file).facts;
}

/** The facts plus the internal model (env setters, drafts) that fix rendering needs. */
export function analyze(file: SourceFile): { facts: FileFacts; ctx?: Ctx } {
  const facts: FileFacts = { policies: [], headerWrites: [], responses: [], requests: [], headerMentions: [], notes: [] };
  try {
    const text = file.text;
    if (text.length > 5_000_000) {
      facts.notes.push('apache: file too large, skipped');
      return { facts };
    }
    const parsed = parseApache(text);
    for (const e of parsed.errors.slice(0, 20)) facts.notes.push(`apache: ${e.message} at ${e.span.start}`);
    const label = fileLabel(file.path);
    const root: ScopeNode = {
      scope: { kind: 'file', label, path: [label] },
      children: [],
      lname: '',
      writes: [],
      rewriteConds: [],
      preflightRules: [],
    };
    const ctx: Ctx = { text, facts, drafts: [], env: new Map(), nextId: 1 };
    walk(ctx, parsed.nodes, root, file);
    for (const d of ctx.drafts) {
      if (d.write.op !== 'unset' && d.write.op !== 'edit') d.write.value = resolveValue(ctx, d);
      if (d.own?.varyOrigin) d.varyOrigin = true;
      facts.headerWrites.push(d.write);
    }
    buildResponses(ctx, root);
    return { facts, ctx };
  } catch (e) {
    facts.notes.push(`apache: internal error: ${(e as Error)?.message ?? String(e)}`);
  }
  return { facts };
}

