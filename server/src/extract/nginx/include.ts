/**
 * `include` of files in the workspace. Resolves an include's pattern against the host's workspace
 * (SourceFile.workspace: no IO here), parses the included text with the same reader and splices its
 * directives in place of the `include` directive, recursively (depth ≤ MAX_DEPTH, cycle-safe).
 *
 * Spans: the included texts are appended to a virtual source (`src` = analysed text + '\n' + included
 * text + ...), and the spliced directives carry offsets into that virtual source. So the level labels and
 * the value resolution work unchanged; at the end, analyze.ts maps every offset past the analysed text back
 * onto the span of the `include` directive of the ANALYSED file that brought it in (`homeOf`): findings
 * about included settings point at the include line, and nothing ever points into another file's offsets.
 * Writes from included files get ids `nginx-i<n>`, and the fix renderer refuses them (and any edit that
 * touches an include directive): a fix must never edit the wrong file.
 *
 * Unresolvable includes (no workspace, file not found, cycles, too deep) stay in the tree as `include`
 * directives, which levels.ts treats as "may add headers we cannot see" (no claim, no false positive).
 */
import type { Span } from '../../model/index.js';
import type { Workspace } from '../types.js';
import { parseNginx, type NginxArg, type NginxConfig, type NginxDirective } from '../../syntax/nginx.js';
import { HARMLESS_INCLUDE } from './levels.js';

export const MAX_DEPTH = 5;
/** At most this many files from one include glob. */
export const MAX_GLOB_FILES = 200;
const MAX_FILES = 500;
const MAX_CHARS = 4_000_000;
/** How many directory levels above the including file are searched. */
const MAX_UP = 4;

/** Blocks in which an `include` is spliced (nginx's main context is the top of the file). */
const SPLICE_IN = new Set(['http', 'server', 'location', 'if']);

/** Where nginx installations keep their configuration: `/etc/nginx/x` is looked up as `x` in the workspace. */
const NGINX_PREFIXES = ['/etc/nginx/', '/usr/local/nginx/conf/', '/usr/local/etc/nginx/', '/opt/homebrew/etc/nginx/', '/usr/local/openresty/nginx/conf/', '/opt/nginx/conf/'];

export interface IncludeRegion {
  /** Range of the included text in the virtual source. */
  start: number;
  end: number;
  /** Span of the include directive in the analysed file that (directly or through nested includes) brought it in. */
  home: Span;
  path: string;
}

export interface Expanded {
  /** The analysed text followed by the included texts (what spliced spans point into). */
  src: string;
  regions: IncludeRegion[];
  notes: string[];
}

// ---- paths (forward slashes; absolute `/x` or `C:/x`, or relative) ------------------------------

function rootOf(p: string): string {
  if (p.startsWith('/')) return '/';
  const m = /^[A-Za-z]:\//.exec(p);
  return m ? m[0] : '';
}

export function normalizePath(p: string): string {
  const s = p.replace(/\\/g, '/');
  const root = rootOf(s);
  const out: string[] = [];
  for (const c of s.slice(root.length).split('/')) {
    if (c === '' || c === '.') continue;
    if (c === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!root) out.push('..');
      continue;
    }
    out.push(c);
  }
  return root + out.join('/');
}

function dirOf(p: string): string {
  const n = normalizePath(p);
  const root = rootOf(n);
  const i = n.lastIndexOf('/');
  if (i < root.length) return root;
  return n.slice(0, i) || root;
}

function joinPath(dir: string, rel: string): string {
  if (!dir) return normalizePath(rel);
  return normalizePath(dir.endsWith('/') ? dir + rel : dir + '/' + rel);
}

/** A directory and up to MAX_UP levels above it. */
function ancestors(dir: string): string[] {
  const out: string[] = [];
  let d = normalizePath(dir);
  for (let i = 0; i <= MAX_UP; i++) {
    if (!out.includes(d)) out.push(d);
    const up = dirOf(d);
    if (up === d) break;
    d = up;
  }
  return out;
}

const GLOB = /[*?[]/;

function globRegExp(g: string): RegExp {
  let re = '';
  for (let i = 0; i < g.length; i++) {
    const c = g[i];
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const close = g.indexOf(']', i + 1);
      if (close === -1) re += '\\[';
      else {
        re += '[' + g.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\') + ']';
        i = close;
      }
    } else re += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp('^' + re + '$');
}

/** The files a relative pattern names under `base` (glob components expanded through `list`). */
function expand(ws: Workspace, base: string, rel: string): string[] {
  const comps = normalizePath(rel).split('/').filter(Boolean);
  let dirs = [base];
  for (let i = 0; i < comps.length; i++) {
    const c = comps[i];
    const next: string[] = [];
    for (const d of dirs) {
      if (!GLOB.test(c)) {
        next.push(joinPath(d, c));
        continue;
      }
      const names = ws.list(d);
      if (!names) continue;
      const re = globRegExp(c);
      for (const n of [...names].sort()) {
        if (!n.startsWith('.') && re.test(n)) next.push(joinPath(d, n));
        if (next.length >= MAX_GLOB_FILES) break;
      }
    }
    dirs = next.slice(0, MAX_GLOB_FILES);
    if (dirs.length === 0) return [];
  }
  return dirs;
}

interface Found {
  path: string;
  text: string;
}

/** The workspace files an include pattern refers to; undefined when it cannot be resolved. */
export function resolveInclude(pattern: string, including: string, analysed: string, ws: Workspace): Found[] | undefined {
  const p = pattern.replace(/\\/g, '/');
  if (!p || p.includes('$')) return undefined;
  const dir = dirOf(including);
  let bases: string[];
  let tails: string[];
  if (rootOf(p)) {
    // An absolute path of the server: try its tail under the including file's folder and the folders above.
    bases = ancestors(dir);
    const prefix = NGINX_PREFIXES.find((x) => p.startsWith(x));
    if (prefix) tails = [p.slice(prefix.length)];
    else {
      const comps = normalizePath(p).slice(rootOf(p).length).split('/');
      tails = comps.map((_, i) => comps.slice(i).join('/')).slice(1);
    }
  } else {
    // nginx reads relative paths from its configuration folder: the folder holding nginx.conf when one is
    // found above, else the including file's folder and the folders above it.
    const up = [...ancestors(dir), ...ancestors(dirOf(analysed))];
    const confDir = up.find((d) => ws.list(d)?.includes('nginx.conf'));
    bases = [dir, ...(confDir !== undefined ? [confDir] : []), ...up].filter((d, i, a) => a.indexOf(d) === i);
    tails = [p];
  }
  for (const tail of tails) {
    if (!tail) continue;
    for (const base of bases) {
      const files: Found[] = [];
      for (const f of GLOB.test(tail) ? expand(ws, base, tail) : [joinPath(base, tail)]) {
        let text: string | undefined;
        try {
          text = ws.read(f);
        } catch {
          text = undefined;
        }
        if (text !== undefined && !text.includes('\u0000')) files.push({ path: f, text });
        if (files.length >= MAX_GLOB_FILES) break;
      }
      if (files.length > 0) return files;
    }
  }
  return undefined;
}

// ---- splicing -----------------------------------------------------------------------------------

function shiftSpan(s: Span, by: number, seen: Set<object>): void {
  if (seen.has(s)) return;
  seen.add(s);
  s.start += by;
  s.end += by;
}

function shiftArg(a: NginxArg, by: number, seen: Set<object>): void {
  shiftSpan(a.span, by, seen);
  shiftSpan(a.inner, by, seen);
  if (a.offsets && !seen.has(a.offsets)) {
    seen.add(a.offsets);
    for (let i = 0; i < a.offsets.length; i++) a.offsets[i] += by;
  }
}

function shiftDirective(d: NginxDirective, by: number, seen: Set<object>): void {
  shiftSpan(d.span, by, seen);
  d.headEnd += by;
  if (d.blockSpan) shiftSpan(d.blockSpan, by, seen);
  shiftArg(d.nameArg, by, seen);
  for (const a of d.args) shiftArg(a, by, seen);
  for (const c of d.block ?? []) shiftDirective(c, by, seen);
}

/** Splice the workspace files that `include` directives name into `cfg` (mutated). */
export function expandIncludes(cfg: NginxConfig, text: string, path: string, ws: Workspace | undefined): Expanded {
  const out: Expanded = { src: text, regions: [], notes: [] };
  if (!ws) return out;
  const parts: string[] = [text];
  let length = text.length;
  let files = 0;

  const visit = (list: NginxDirective[], parent: NginxDirective | undefined, file: string, stack: string[], home: Span | undefined): void => {
    for (let i = 0; i < list.length; i++) {
      const d = list[i];
      if (d.block) {
        if (SPLICE_IN.has(d.name)) visit(d.block, d, file, stack, home);
        continue;
      }
      if (d.name !== 'include' || !d.terminated || d.args.length !== 1) continue;
      const pattern = d.args[0].text;
      if (HARMLESS_INCLUDE.test(pattern)) continue; // parameter tables: ignored as always
      if (stack.length > MAX_DEPTH) {
        out.notes.push(`nginx: include ${pattern}: nested too deep, not followed`);
        continue;
      }
      const found = resolveInclude(pattern, file, path, ws);
      if (!found) continue;
      if (found.some((f) => stack.includes(f.path))) {
        out.notes.push(`nginx: include ${pattern}: includes itself, not followed`);
        continue;
      }
      if (files + found.length > MAX_FILES || length + found.reduce((n, f) => n + f.text.length + 1, 0) > MAX_CHARS) {
        out.notes.push(`nginx: include ${pattern}: too much included text, not followed`);
        continue;
      }
      const at = home ?? { start: d.span.start, end: d.span.end };
      const spliced: NginxDirective[] = [];
      for (const f of found) {
        files++;
        const base = length + 1;
        parts.push('\n', f.text);
        length = base + f.text.length;
        const sub = parseNginx(f.text);
        for (const e of sub.errors.slice(0, 3)) out.notes.push(`nginx: ${f.path}: ${e.message} (included)`);
        const seen = new Set<object>();
        for (const c of sub.directives) {
          shiftDirective(c, base, seen);
          c.parent = parent;
        }
        out.regions.push({ start: base, end: length, home: at, path: f.path });
        visit(sub.directives, parent, f.path, [...stack, f.path], at);
        spliced.push(...sub.directives);
      }
      list.splice(i, 1, ...spliced);
      i += spliced.length - 1;
    }
  };
  try {
    visit(cfg.directives, undefined, path, [normalizePath(path)], undefined);
  } catch (e) {
    out.notes.push(`nginx: include expansion failed: ${e instanceof Error ? e.message : String(e)}`);
  }
  out.src = parts.join('');
  return out;
}

/** Maps offsets of the virtual source back into the analysed text. */
export class SpanMapper {
  constructor(
    private readonly textLength: number,
    private readonly regions: IncludeRegion[],
  ) {}

  /** True for offsets that lie in an included file. */
  foreign(offset: number): boolean {
    return offset > this.textLength;
  }

  /** The include directive in the analysed file that brought an offset in (undefined for own offsets). */
  homeOf(offset: number): Span | undefined {
    if (!this.foreign(offset)) return undefined;
    let lo = 0;
    let hi = this.regions.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const r = this.regions[mid];
      if (offset < r.start) hi = mid - 1;
      else if (offset > r.end) lo = mid + 1;
      else return r.home;
    }
    return { start: this.textLength, end: this.textLength };
  }

  /** A deep copy of plain data with every span that points into an included file replaced by its home. */
  remap<T>(value: T): T {
    if (this.regions.length === 0) return value;
    const walk = (v: unknown): unknown => {
      if (Array.isArray(v)) return v.map(walk);
      if (!v || typeof v !== 'object') return v;
      const o = v as Record<string, unknown>;
      const keys = Object.keys(o);
      if (keys.length === 2 && typeof o.start === 'number' && typeof o.end === 'number') {
        const h = this.homeOf(o.start);
        return h ? { start: h.start, end: h.end } : { start: o.start, end: o.end };
      }
      const copy: Record<string, unknown> = {};
      for (const k of keys) copy[k] = walk(o[k]);
      return copy;
    };
    return walk(value) as T;
  }
}
