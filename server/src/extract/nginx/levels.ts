/**
 * The configuration levels of an nginx file that matter for response headers (http, server, location,
 * if), with their own header directives, `set`s, `return`s and `map`s. Pure bookkeeping over the parse
 * tree from syntax/nginx.ts; the semantics live in analyze.ts.
 */
import type { Scope, Span } from '../../model/index.js';
import type { NginxArg, NginxConfig, NginxDirective } from '../../syntax/nginx.js';

export type LevelKind = 'file' | 'http' | 'server' | 'location' | 'if';

/** One operand of an `if (...)` condition, parentheses stripped. */
export interface CondItem {
  text: string;
  span: Span;
  arg: NginxArg;
  /** Offset of `text` inside arg.text (1 when a leading `(` was stripped). */
  from: number;
}

export interface IfCond {
  /** Variable name without `$` when the condition starts with one. */
  variable?: string;
  op?: string;
  operand?: CondItem;
  /** The condition could not be read (extra words, no variable ...). */
  malformed: boolean;
}

export interface Level {
  kind: LevelKind;
  dir?: NginxDirective;
  parent?: Level;
  children: Level[];
  label: string;
  path: string[];
  scope: Scope;
  /** An `if` directly in a `server` block: add_header / more_set_headers are not allowed there. */
  serverIf: boolean;
  cond?: IfCond;
  /** Own `add_header` directives (all of them, also those that send nothing). */
  addDirs: NginxDirective[];
  /** Own `more_set_headers` / `more_clear_headers` directives, in order. */
  moreDirs: NginxDirective[];
  /** Own `add_header_inherit` value. */
  inherit?: string;
  /** Holds an `include` of a file that may add headers we cannot see. */
  uncertain: boolean;
  /** Status code of a `return` directly in this level. */
  returnCode?: number;
}

export interface MapDef {
  dir: NginxDirective;
  /** The source expression (first argument), decoded. */
  source: string;
  entries: NginxDirective[];
}

export interface Levels {
  root: Level;
  all: Level[];
  levelOf: Map<NginxDirective, Level>;
  /** `set $name value;` directives by variable name (without `$`). */
  sets: Map<string, NginxDirective[]>;
  /** `map` blocks by result variable name (without `$`). */
  maps: Map<string, MapDef[]>;
  /** Header directives (add_header, more_set_headers, more_clear_headers) with their level, source order. */
  headerDirs: { dir: NginxDirective; level: Level }[];
  hasServers: boolean;
}

/** Includes that only bring in standard parameter tables, never response headers. */
export const HARMLESS_INCLUDE = /(mime\.types|fastcgi_params|fastcgi\.conf|proxy_params|uwsgi_params|scgi_params|fastcgi-php\.conf|ssl[^/]*\.conf|options-ssl-nginx\.conf|letsencrypt)/i;

function baseName(path: string): string {
  const i = path.lastIndexOf('/');
  return i === -1 ? path : path.slice(i + 1);
}

function argsText(src: string, d: NginxDirective): string {
  if (d.args.length === 0) return '';
  return src.slice(d.args[0].span.start, d.args[d.args.length - 1].span.end).replace(/\s+/g, ' ');
}

function serverLabel(d: NginxDirective): string {
  const names = (d.block ?? []).find((c) => c.name === 'server_name' && c.args.length > 0);
  if (names) return 'server ' + names.args[0].text;
  const listen = (d.block ?? []).find((c) => c.name === 'listen' && c.args.length > 0);
  if (listen) {
    const l = listen.args[0].text;
    return 'server ' + (/^\d+$/.test(l) ? ':' + l : l);
  }
  return 'server';
}

export function parseCond(d: NginxDirective): IfCond {
  const items: CondItem[] = [];
  d.args.forEach((arg, i) => {
    let text = arg.text;
    let from = 0;
    let to = text.length;
    if (i === 0 && !arg.quote && text.startsWith('(')) from = 1;
    if (i === d.args.length - 1 && !arg.quote && text.endsWith(')') && to > from) to -= 1;
    text = text.slice(from, to);
    if (text === '' && !arg.quote) return;
    const span = arg.offsets
      ? { start: arg.offsets[from], end: arg.offsets[Math.min(to, arg.offsets.length - 1)] }
      : { start: arg.inner.start + from, end: arg.inner.start + to };
    items.push({ text, span, arg, from });
  });
  const first = items[0];
  if (!first || !first.text.startsWith('$') || items.length === 2 || items.length > 3) return { malformed: true };
  const m = /^\$\{?([A-Za-z0-9_]+)\}?$/.exec(first.text);
  if (!m) return { malformed: true };
  if (items.length === 1) return { variable: m[1], malformed: false };
  return { variable: m[1], op: items[1].text, operand: items[2], malformed: false };
}

export function buildLevels(cfg: NginxConfig, src: string, path: string): Levels {
  const label = baseName(path) || 'file';
  const rootScope: Scope = { kind: 'file', label, path: [label] };
  const root: Level = {
    kind: 'file',
    children: [],
    label,
    path: [label],
    scope: rootScope,
    serverIf: false,
    addDirs: [],
    moreDirs: [],
    uncertain: false,
  };
  const out: Levels = { root, all: [root], levelOf: new Map(), sets: new Map(), maps: new Map(), headerDirs: [], hasServers: false };

  const newLevel = (kind: LevelKind, d: NginxDirective, parent: Level): Level => {
    let lab: string;
    if (kind === 'http') lab = 'http';
    else if (kind === 'server') lab = serverLabel(d);
    else lab = `${kind} ${argsText(src, d)}`.trim();
    // The file's own name is not part of the nginx nesting; keep paths as nginx levels.
    const path = parent.kind === 'file' ? [lab] : [...parent.path, lab];
    const lv: Level = {
      kind,
      dir: d,
      parent,
      children: [],
      label: lab,
      path,
      scope: { kind: 'block', label: lab, path, span: d.span },
      serverIf: kind === 'if' && parent.kind === 'server',
      addDirs: [],
      moreDirs: [],
      uncertain: false,
    };
    if (kind === 'if') lv.cond = parseCond(d);
    parent.children.push(lv);
    out.all.push(lv);
    return lv;
  };

  const walk = (list: NginxDirective[], level: Level, inLevelBlock: boolean) => {
    for (const d of list) {
      out.levelOf.set(d, level);
      const name = d.name;
      if (d.block) {
        if (name === 'http' || name === 'server' || name === 'location' || name === 'if') {
          if (name === 'server' || name === 'http') out.hasServers = true;
          const child = newLevel(name, d, level);
          walk(d.block, child, true);
        } else if (name === 'map') {
          const v = d.args[1]?.text;
          const m = v ? /^\$\{?([A-Za-z0-9_]+)\}?$/.exec(v) : null;
          if (m) {
            const defs = out.maps.get(m[1]) ?? [];
            defs.push({ dir: d, source: d.args[0]?.text ?? '', entries: d.block });
            out.maps.set(m[1], defs);
          }
          for (const e of d.block) out.levelOf.set(e, level);
        } else if (name === 'stream' || name === 'mail' || name === 'events' || name === 'upstream' || name === 'types') {
          // No HTTP response headers in there.
        } else {
          // limit_except, geo, unknown modules: directives there do not form header levels.
          walk(d.block, level, false);
        }
        continue;
      }
      if (!inLevelBlock) continue;
      switch (name) {
        case 'add_header':
          level.addDirs.push(d);
          out.headerDirs.push({ dir: d, level });
          break;
        case 'more_set_headers':
        case 'more_clear_headers':
          level.moreDirs.push(d);
          out.headerDirs.push({ dir: d, level });
          break;
        case 'add_header_inherit':
          if (d.args[0]) level.inherit = d.args[0].text;
          break;
        case 'set': {
          const v = d.args[0]?.text;
          const m = v ? /^\$\{?([A-Za-z0-9_]+)\}?$/.exec(v) : null;
          if (m && d.args.length === 2) {
            const l = out.sets.get(m[1]) ?? [];
            l.push(d);
            out.sets.set(m[1], l);
          }
          break;
        }
        case 'return': {
          const a = d.args[0]?.text ?? '';
          if (/^\d{3}$/.test(a)) level.returnCode = Number(a);
          else if (/^(https?:\/\/|\$scheme)/.test(a)) level.returnCode = 302;
          break;
        }
        case 'include': {
          const f = d.args[0]?.text ?? '';
          if ((level.kind === 'server' || level.kind === 'location' || level.kind === 'if') && !HARMLESS_INCLUDE.test(f)) {
            level.uncertain = true;
          }
          break;
        }
      }
    }
  };
  walk(cfg.directives, root, true);
  return out;
}

/** The nearest `server` level above (or at) a level; the file level when there is none. */
export function serverOf(level: Level): Level {
  let l: Level | undefined = level;
  while (l) {
    if (l.kind === 'server') return l;
    if (!l.parent) return l;
    l = l.parent;
  }
  return level;
}

export function isInside(level: Level, ancestor: Level): boolean {
  for (let l: Level | undefined = level; l; l = l.parent) if (l === ancestor) return true;
  return false;
}
