/**
 * nginx semantics for response headers:
 * - `add_header name value [always]` (ngx_http_headers_module): adds a header field; without `always` only
 *   on 200, 201, 204, 206, 301, 302, 303, 304, 307, 308. An empty value adds nothing. The directives are
 *   inherited from the previous level only if the current level has no add_header at all
 *   (`add_header_inherit off|merge`, nginx 1.29.3, changes that).
 * - `more_set_headers [-s codes] [-t types] 'Name: value'...` (headers-more): replaces or adds the header on
 *   every status unless `-s`/`-t` restrict it; its directives accumulate from outer to inner levels (the
 *   module merges the parent's commands before the child's). An empty value clears the header. Its filter
 *   runs before the headers filter, so an `add_header` of the same name is appended after it.
 * - `if` in a location: a request that matches uses the if block's configuration (which inherits from the
 *   location as any nested level does).
 */
import type { CorsPolicy, FileFacts, HeaderValue, HeaderWrite, OriginDecision, ResponseHeaders, Span, Valued } from '../../model/index.js';
import { effectiveWrites, H, policyFromWrites, sameHeader } from '../common.js';
import { argSubSpan, parseNginx, walkNginx, type NginxArg, type NginxDirective } from '../../syntax/nginx.js';
import { buildLevels, type IfCond, type Level, type Levels } from './levels.js';
import { Resolver, type Cand } from './resolve.js';
import { expandIncludes, SpanMapper } from './include.js';
import type { Workspace } from '../types.js';

export const EXTRACTOR_ID = 'nginx';

/** Ids of header writes that come from an included file (see include.ts): never edited by a fix. */
export const INCLUDED_WRITE_PREFIX = 'nginx-i';

export function isCorsHeaderName(name: string): boolean {
  const n = name.toLowerCase();
  return n === 'origin' || n === 'vary' || n === 'timing-allow-origin' || n.startsWith('access-control-');
}

type MethodCond = 'options' | 'non-options' | 'other';

function onlyOptions(p: string, ci: boolean): boolean {
  let s = p;
  if (s.startsWith('^')) s = s.slice(1);
  if (s.endsWith('$')) s = s.slice(0, -1);
  if (s.startsWith('(') && s.endsWith(')')) s = s.slice(1, -1);
  return ci ? s.toUpperCase() === 'OPTIONS' : s === 'OPTIONS';
}

export function methodCond(cond: IfCond | undefined): MethodCond {
  if (!cond || cond.malformed || cond.variable !== 'request_method' || !cond.operand) return 'other';
  const v = cond.operand.text;
  switch (cond.op) {
    case '=':
      return v === 'OPTIONS' ? 'options' : 'other';
    case '!=':
      return v === 'OPTIONS' ? 'non-options' : 'other';
    case '~':
    case '~*':
      return onlyOptions(v, cond.op === '~*') ? 'options' : 'other';
    case '!~':
    case '!~*':
      return onlyOptions(v, cond.op === '!~*') ? 'non-options' : 'other';
  }
  return 'other';
}

/** `if ($request_method = GET)`, `!= OPTIONS` ...: the block never sees a preflight. */
function excludesOptions(cond: IfCond | undefined): boolean {
  if (methodCond(cond) === 'non-options') return true;
  if (!cond || cond.malformed || cond.variable !== 'request_method' || !cond.operand) return false;
  return cond.op === '=' && cond.operand.text !== 'OPTIONS';
}

type MoreCmd = { kind: 'set'; write: HeaderWrite } | { kind: 'clear'; names: string[] };

interface Eff {
  writes: HeaderWrite[];
  complete: boolean;
}

function valueFrom(c: Cand): HeaderValue {
  switch (c.k) {
    case 'lit':
      return { kind: 'literal', text: c.text };
    case 'empty':
      return { kind: 'literal', text: '' };
    case 'origin':
      return c.checked ? { kind: 'request-origin', checked: true, check: c.check, via: c.via } : { kind: 'request-origin', checked: false, via: c.via };
    case 'unknown':
      return { kind: 'unknown', reason: c.reason };
  }
}

function lineCol(text: string, offset: number): string {
  let line = 1;
  let ls = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      ls = i + 1;
    }
  }
  return `${line}:${offset - ls + 1}`;
}

/** Half-typed values (no closing quote, or a string running over several lines) are not guessed at. */
function brokenArg(a: NginxArg): Cand | undefined {
  if (a.unterminated) return { k: 'unknown', reason: 'unterminated string' };
  if (/[\r\n]/.test(a.text)) return { k: 'unknown', reason: 'value spans several lines' };
  return undefined;
}

/** Options of more_set_headers / more_clear_headers, and the remaining header arguments. */
export function moreArgs(d: NginxDirective): { statuses?: string; types?: string; specs: NginxArg[] } {
  const out: { statuses?: string; types?: string; specs: NginxArg[] } = { specs: [] };
  for (let i = 0; i < d.args.length; i++) {
    const a = d.args[i];
    if (!a.quote && (a.text === '-s' || a.text === '-t')) {
      const v = d.args[i + 1]?.text ?? '';
      if (a.text === '-s') out.statuses = (out.statuses ? out.statuses + ' ' : '') + v;
      else out.types = (out.types ? out.types + ' ' : '') + v;
      i++;
      continue;
    }
    if (!a.quote && /^-[a-z]$/.test(a.text)) continue;
    out.specs.push(a);
  }
  return out;
}

/** Split a headers-more spec 'Name: value' into name and value with their decoded ranges. */
export function splitSpec(t: string): { name: string; nameFrom: number; nameTo: number; value: string; valueFrom: number; valueTo: number } {
  const colon = t.indexOf(':');
  const head = colon === -1 ? t : t.slice(0, colon);
  const lead = head.length - head.trimStart().length;
  const name = head.trim();
  const nameFrom = lead;
  const nameTo = lead + name.length;
  if (colon === -1) return { name, nameFrom, nameTo, value: '', valueFrom: t.length, valueTo: t.length };
  const rest = t.slice(colon + 1);
  const vlead = rest.length - rest.trimStart().length;
  const value = rest.trim();
  const valueFrom = colon + 1 + vlead;
  return { name, nameFrom, nameTo, value, valueFrom, valueTo: valueFrom + value.length };
}

const HIDE_OR_PASS = /^(proxy|fastcgi|uwsgi|scgi|grpc)_(hide|pass)_header$|^(proxy|grpc)_set_header$/;
const LIST_VALUED = new Set(['vary', H.allowHeaders, H.exposeHeaders]);

function mentionsOf(cfg: ReturnType<typeof parseNginx>): Valued<string>[] {
  const out: Valued<string>[] = [];
  const push = (text: string, span: Span) => {
    if (text && isCorsHeaderName(text)) out.push({ value: text, span });
  };
  const listItems = (arg: NginxArg, from: number, to: number) => {
    const t = arg.text.slice(0, to);
    if (t.includes('$')) return;
    const re = /[^,\s]+/g;
    re.lastIndex = from;
    for (let m = re.exec(t); m; m = re.exec(t)) push(m[0], argSubSpan(arg, m.index, m.index + m[0].length));
  };
  walkNginx(cfg.directives, (d) => {
    if (d.name === 'add_header' && d.args[0]) {
      push(d.args[0].text, d.args[0].inner);
      if (d.args[1] && LIST_VALUED.has(d.args[0].text.toLowerCase())) listItems(d.args[1], 0, d.args[1].text.length);
    } else if (d.name === 'more_set_headers' || d.name === 'more_clear_headers' || d.name === 'more_set_input_headers' || d.name === 'more_clear_input_headers') {
      for (const a of moreArgs(d).specs) {
        const s = splitSpec(a.text);
        push(s.name, argSubSpan(a, s.nameFrom, s.nameTo));
        if (LIST_VALUED.has(s.name.toLowerCase()) && s.value) listItems(a, s.valueFrom, s.valueTo);
      }
    } else if (HIDE_OR_PASS.test(d.name) && d.args[0]) {
      push(d.args[0].text, d.args[0].inner);
    }
  });
  return out;
}

/** Analyse one file; with a workspace, `include`d files are spliced in (include.ts). Throws only on
 *  internal bugs (the caller catches). */
export function analyze(text: string, path: string, workspace?: Workspace): Partial<FileFacts> {
  const cfg = parseNginx(text);
  const notes: string[] = cfg.errors.slice(0, 10).map((e) => `nginx: ${e.message} at ${lineCol(text, e.span.start)}`);
  // Included directives point into `src` (the analysed text followed by the included texts); `mapper`
  // brings those offsets back to the include line of this file at the end.
  const inc = expandIncludes(cfg, text, path, workspace);
  notes.push(...inc.notes);
  const src = inc.src;
  const mapper = new SpanMapper(text.length, inc.regions);
  const at = (offset: number) => lineCol(text, mapper.homeOf(offset)?.start ?? offset);
  const foreign = (s: Span) => mapper.foreign(s.start);
  const L: Levels = buildLevels(cfg, src, path);
  const resolver = new Resolver(L);
  const headerWrites: HeaderWrite[] = [];
  const decisions = new Map<string, OriginDecision>();
  const ownAdds = new Map<Level, HeaderWrite[]>();
  const ownMore = new Map<Level, MoreCmd[]>();
  let n = 0;
  const nextId = (d: NginxDirective) => `${foreign(d.span) ? INCLUDED_WRITE_PREFIX : 'nginx-w'}${++n}`;

  const optionsChildWithHeaders = (level: Level) =>
    level.children.some((c) => c.kind === 'if' && methodCond(c.cond) === 'options' && c.addDirs.length > 0);

  const levelCondition = (level: Level): HeaderWrite['condition'] => {
    if (level.kind !== 'if') return undefined;
    const m = methodCond(level.cond);
    return m === 'options' ? 'options-only' : m === 'non-options' ? 'non-options' : 'conditional';
  };

  for (const { dir: d, level } of L.headerDirs) {
    if (level.serverIf) {
      notes.push(`nginx: "${d.name}" is not allowed in an "if" block at server level (${at(d.span.start)})`);
      continue;
    }
    if (d.name === 'add_header') {
      if (d.args.length < 2 || !d.args[0].text) continue;
      const nameArg = d.args[0];
      const valArg = d.args[1];
      const cand = brokenArg(valArg) ?? resolver.text(valArg.text, level);
      if (cand.k === 'empty') continue; // an empty value adds nothing
      let condition = levelCondition(level);
      if (!condition && optionsChildWithHeaders(level)) condition = 'non-options';
      const w: HeaderWrite = {
        id: nextId(d),
        name: nameArg.text,
        nameSpan: nameArg.inner,
        value: valueFrom(cand),
        valueSpan: valArg.inner,
        statementSpan: d.span,
        op: 'add',
        always: d.args[2]?.text === 'always',
        layer: 'server-config',
        scope: level.scope,
        extractor: EXTRACTOR_ID,
      };
      if (condition) w.condition = condition;
      if (cand.k === 'origin' && cand.checked && cand.decision) decisions.set(w.id, cand.decision);
      headerWrites.push(w);
      const l = ownAdds.get(level) ?? [];
      l.push(w);
      ownAdds.set(level, l);
      continue;
    }
    // headers-more
    const { statuses, types, specs } = moreArgs(d);
    const cmds = ownMore.get(level) ?? [];
    ownMore.set(level, cmds);
    if (d.name === 'more_clear_headers') {
      cmds.push({ kind: 'clear', names: specs.map((a) => a.text.toLowerCase()) });
      continue;
    }
    for (const a of specs) {
      const s = splitSpec(a.text);
      if (!s.name) continue;
      if (!s.value) {
        cmds.push({ kind: 'clear', names: [s.name.toLowerCase()] });
        continue;
      }
      const cand = brokenArg(a) ?? resolver.text(s.value, level);
      if (cand.k === 'empty') {
        cmds.push({ kind: 'clear', names: [s.name.toLowerCase()] });
        continue;
      }
      let always = true;
      if (statuses !== undefined) {
        const codes = statuses.split(/\s+/).filter(Boolean).map(Number);
        always = codes.some((c) => !(c < 400));
      }
      let condition = levelCondition(level);
      if (condition !== 'options-only' && (statuses !== undefined || types !== undefined)) condition = 'conditional';
      const w: HeaderWrite = {
        id: nextId(d),
        name: s.name,
        nameSpan: argSubSpan(a, s.nameFrom, s.nameTo),
        value: valueFrom(cand),
        valueSpan: argSubSpan(a, s.valueFrom, s.valueTo),
        statementSpan: d.span,
        op: 'set',
        always,
        layer: 'server-config',
        scope: level.scope,
        extractor: EXTRACTOR_ID,
      };
      if (condition) w.condition = condition;
      if (cand.k === 'origin' && cand.checked && cand.decision) decisions.set(w.id, cand.decision);
      headerWrites.push(w);
      cmds.push({ kind: 'set', write: w });
    }
  }

  // ---- effective headers per level -------------------------------------------------------------
  const inheritMode = (level: Level): string => {
    for (let l: Level | undefined = level; l; l = l.parent) if (l.inherit) return l.inherit;
    return 'on';
  };
  const addCache = new Map<Level, Eff>();
  const addEff = (level: Level): Eff => {
    const cached = addCache.get(level);
    if (cached) return cached;
    const parent: Eff = level.parent ? addEff(level.parent) : { writes: [], complete: true };
    const mode = inheritMode(level);
    let eff: Eff;
    if (level.addDirs.length > 0) {
      const own = ownAdds.get(level) ?? [];
      eff = mode === 'merge' ? { writes: [...own, ...parent.writes], complete: parent.complete } : { writes: own, complete: true };
    } else if (mode === 'off') {
      eff = { writes: [], complete: !level.uncertain };
    } else {
      eff = { writes: parent.writes, complete: parent.complete && !level.uncertain };
    }
    addCache.set(level, eff);
    return eff;
  };
  const moreCache = new Map<Level, HeaderWrite[]>();
  const clears = (names: string[], h: string) =>
    names.some((p) => (p.endsWith('*') ? h.toLowerCase().startsWith(p.slice(0, -1)) : p === h.toLowerCase()));
  const moreEff = (level: Level): HeaderWrite[] => {
    const cached = moreCache.get(level);
    if (cached) return cached;
    let list = level.parent ? [...moreEff(level.parent)] : [];
    for (const c of ownMore.get(level) ?? []) {
      if (c.kind === 'set') list = [...list.filter((w) => !sameHeader(w.name, c.write.name)), c.write];
      else list = list.filter((w) => !clears(c.names, w.name));
    }
    moreCache.set(level, list);
    return list;
  };

  const answering = (level: Level): boolean => {
    if (level.kind === 'server' || level.kind === 'location') return true;
    if (level.kind === 'if') return !level.serverIf;
    if (level.kind === 'file') return !L.hasServers;
    return false;
  };

  const responses: ResponseHeaders[] = [];
  const policies: CorsPolicy[] = [];
  const anyCors = headerWrites.some((w) => isCorsHeaderName(w.name));
  let p = 0;
  if (anyCors) {
    for (const level of L.all) {
      if (!answering(level)) continue;
      const a = addEff(level);
      if (!a.complete) continue;
      const writes = [...moreEff(level), ...a.writes];
      if (writes.length === 0 && level.addDirs.length === 0) continue;
      // A level of an included file whose headers all come from included files too: that file states it
      // itself (analysed on its own); reporting it again at the include line would only repeat it.
      if (level.dir && foreign(level.dir.span) && writes.every((w) => foreign(w.statementSpan))) continue;
      responses.push({ scope: level.scope, writeIds: writes.map((w) => w.id) });

      const hasOwn = (ownAdds.get(level)?.length ?? 0) > 0 || (ownMore.get(level) ?? []).some((c) => c.kind === 'set');
      const parentAnswers = level.parent ? answering(level.parent) : false;
      if (!hasOwn && parentAnswers) continue;

      // Without an OPTIONS branch nginx itself does not answer preflights (static files answer 405; a proxied
      // app may or may not): 'unknown' rather than guessing from Allow-Methods.
      let answersPreflight: CorsPolicy['answersPreflight'] = 'unknown';
      if (level.kind === 'if' && methodCond(level.cond) === 'options') {
        if (level.returnCode !== undefined) answersPreflight = level.returnCode >= 200 && level.returnCode < 300;
      } else if (level.kind === 'if' && excludesOptions(level.cond)) {
        answersPreflight = false;
      } else {
        const opt = level.children.find((c) => c.kind === 'if' && methodCond(c.cond) === 'options');
        if (opt && opt.addDirs.length > 0) answersPreflight = false;
        else if (opt && opt.returnCode !== undefined && opt.returnCode >= 200 && opt.returnCode < 300) answersPreflight = true;
      }
      const span: Span = level.dir
        ? { start: level.dir.span.start, end: level.dir.headEnd }
        : (writes[0]?.statementSpan ?? { start: 0, end: 0 });
      const policy = policyFromWrites(writes, {
        id: `nginx-p${++p}`,
        extractor: EXTRACTOR_ID,
        layer: 'server-config',
        scope: level.scope,
        span,
        answersPreflight,
      });
      if (!policy) {
        p--;
        continue;
      }
      const effAcao = effectiveWrites(writes, H.allowOrigin);
      if (effAcao.length === 1) {
        const d = decisions.get(effAcao[0].id);
        if (d) policy.origin = { ...d, span: effAcao[0].valueSpan };
      }
      policies.push(policy);
    }
  }

  // Writes of included files that reach no response of this file are that file's business.
  const used = new Set([...responses.flatMap((r) => r.writeIds), ...policies.flatMap((q) => q.writeIds)]);
  const writes = headerWrites.filter((w) => !foreign(w.statementSpan) || used.has(w.id));
  const mentions = mentionsOf(cfg).filter((m) => !foreign(m.span));
  return { ...mapper.remap({ headerWrites: writes, policies, responses }), headerMentions: mentions, notes };
}
