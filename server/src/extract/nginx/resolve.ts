/**
 * What an nginx header value evaluates to: a literal, the request's Origin (checked or not), or unknown.
 * Follows `set $v ...` chains, `map $http_origin $v { ... }` tables and the `if ($http_origin ~ ...)`
 * guards around a directive (also through a flag variable: `if ($cors = 'true')`).
 */
import type { OriginCheck, OriginDecision, OriginEntry, Valued } from '../../model/index.js';
import { argSubSpan, splitVariables, type NginxDirective } from '../../syntax/nginx.js';
import { isInside, type IfCond, type Level, type Levels, type MapDef } from './levels.js';

export type Cand =
  | { k: 'lit'; text: string }
  | { k: 'empty' }
  | { k: 'origin'; checked: false; via: string }
  | { k: 'origin'; checked: true; via: string; check: OriginCheck; decision?: OriginDecision }
  | { k: 'unknown'; reason: string };

type Guard = { check: OriginCheck; decision?: OriginDecision } | 'unknown' | undefined;

const VAR_ONLY = /^\$\{?([A-Za-z0-9_]+)\}?$/;

/** Regex map keys that accept any origin. */
function matchesAnything(p: string): boolean {
  let s = p;
  if (s.startsWith('^')) s = s.slice(1);
  if (s.endsWith('$') && !s.endsWith('\\$')) s = s.slice(0, -1);
  if (s.startsWith('(') && s.endsWith(')')) s = s.slice(1, -1);
  return s === '' || s === '.*' || s === '.+' || s === '.*?' || s === '.+?';
}

interface KeyEntry {
  match: 'exact' | 'regex';
  value: string;
  span: Valued<string>['span'];
  element: Valued<string>['span'];
}

function mapKey(e: NginxDirective): KeyEntry | 'special' {
  const t = e.nameArg.text;
  if (t === 'default' || t === 'hostnames' || t === 'include' || t === 'volatile') return 'special';
  let from = 0;
  let match: KeyEntry['match'] = 'exact';
  if (t.startsWith('~*')) {
    from = 2;
    match = 'regex';
  } else if (t.startsWith('~')) {
    from = 1;
    match = 'regex';
  } else if (t.startsWith('\\')) {
    from = 1;
  }
  return { match, value: t.slice(from), span: argSubSpan(e.nameArg, from, t.length), element: e.span };
}

function checkFromKeys(keys: KeyEntry[]): { check: OriginCheck; decision: OriginDecision } {
  const entries = keys.map((k) => ({ value: k.value, span: k.span }));
  const allExact = keys.every((k) => k.match === 'exact');
  const allRegex = keys.every((k) => k.match === 'regex');
  const check: OriginCheck = { kind: allExact ? 'exact' : allRegex ? 'regex' : 'unknown', entries };
  let decision: OriginDecision;
  if (allRegex) {
    decision = { kind: 'pattern', check };
  } else {
    const list: OriginEntry[] = keys.map((k) => ({ value: k.value, span: k.span, elementSpan: k.element, match: k.match }));
    // nginx compares map string keys ignoring case.
    decision = { kind: 'list', entries: list, tolerance: { caseInsensitive: true } };
  }
  return { check, decision };
}

function mergeChecks(cands: Extract<Cand, { k: 'origin'; checked: true }>[]): Cand {
  if (cands.length === 1) return cands[0];
  const kinds = new Set(cands.map((c) => c.check.kind));
  const entries = cands.flatMap((c) => c.check.entries ?? []);
  const kind = kinds.size === 1 ? [...kinds][0] : 'unknown';
  return { k: 'origin', checked: true, via: cands[0].via, check: { kind, entries } };
}

export class Resolver {
  constructor(private readonly L: Levels) {}

  /** Evaluate a decoded value written at `site`. */
  text(text: string, site: Level, seen: ReadonlySet<string> = new Set()): Cand {
    const parts = splitVariables(text);
    if (parts.length === 0) return { k: 'empty' };
    if (parts.every((p) => p.kind === 'text')) return { k: 'lit', text };
    if (parts.length === 1 && parts[0].kind === 'var') return this.variable(parts[0].name, site, seen);
    return { k: 'unknown', reason: 'value combines text and variables' };
  }

  /** The `set`s of a variable that can run for a request handled at `site`: those in the levels around
   *  it, in `if` blocks of those levels, and below it. Sets in sibling locations never run. */
  private setsFor(name: string, site: Level): NginxDirective[] {
    const all = this.L.sets.get(name) ?? [];
    return all.filter((d) => {
      const l = this.L.levelOf.get(d);
      if (!l) return false;
      return isInside(site, l) || isInside(l, site) || (l.kind === 'if' && !!l.parent && isInside(site, l.parent));
    });
  }

  private variable(name: string, site: Level, seen: ReadonlySet<string>): Cand {
    if (seen.has(name)) return { k: 'unknown', reason: `$${name} refers to itself` };
    const next = new Set(seen).add(name);
    let c: Cand;
    if (name === 'http_origin') {
      c = { k: 'origin', checked: false, via: '$http_origin' };
    } else {
      const maps = this.L.maps.get(name) ?? [];
      const sets = this.setsFor(name, site);
      if (maps.length > 1 || (maps.length === 1 && sets.length > 0)) return { k: 'unknown', reason: `$${name} is defined in several places` };
      if (maps.length === 1) c = this.mapValue(maps[0], name);
      else if (sets.length === 0) return { k: 'unknown', reason: `$${name} is not set in this file` };
      else c = this.fromSets(name, sets, next);
    }
    return this.applyGuard(c, site, next);
  }

  private fromSets(name: string, sets: NginxDirective[], seen: ReadonlySet<string>): Cand {
    const cands = sets.map((d) => {
      const lv = this.L.levelOf.get(d);
      return lv ? this.text(d.args[1].text, lv, seen) : ({ k: 'unknown', reason: 'no level' } as Cand);
    });
    const unknown = cands.find((c) => c.k === 'unknown');
    if (unknown) return unknown;
    if (cands.length === 1) return cands[0];
    const nonEmpty = cands.filter((c) => c.k !== 'empty');
    if (nonEmpty.length === 0) return { k: 'empty' };
    if (nonEmpty.every((c) => c.k === 'origin' && c.checked)) {
      return mergeChecks(nonEmpty as Extract<Cand, { k: 'origin'; checked: true }>[]);
    }
    const first = nonEmpty[0];
    if (first.k === 'lit' && nonEmpty.every((c) => c.k === 'lit' && c.text === first.text)) return first;
    return { k: 'unknown', reason: `$${name} is set in several places` };
  }

  private classify(text: string): Cand {
    if (text === '') return { k: 'empty' };
    const m = VAR_ONLY.exec(text);
    if (m && m[1] === 'http_origin') return { k: 'origin', checked: false, via: '$http_origin' };
    if (!text.includes('$')) return { k: 'lit', text };
    return { k: 'unknown', reason: 'map value with variables' };
  }

  /** The value of a map's result variable used as a header value. */
  private mapValue(def: MapDef, name: string): Cand {
    const via = `map ${def.source} $${name}`;
    if (def.source.trim() !== '$http_origin') return { k: 'unknown', reason: `$${name} is mapped from ${def.source}` };
    let dflt: Cand = { k: 'empty' };
    let unchecked = false;
    let hasLiteral = false;
    const keys: KeyEntry[] = [];
    for (const e of def.entries) {
      if (e.name === 'volatile') continue;
      if (e.name === 'hostnames' || e.name === 'include') return { k: 'unknown', reason: `map uses ${e.name}` };
      if (e.args.length !== 1) return { k: 'unknown', reason: 'malformed map entry' };
      const val = this.classify(e.args[0].text);
      if (val.k === 'unknown') return val;
      const key = mapKey(e);
      if (key === 'special') {
        if (e.name === 'default') dflt = val;
        continue;
      }
      if (val.k === 'origin') {
        if (key.match === 'regex' && matchesAnything(key.value)) unchecked = true;
        else keys.push(key);
      } else if (val.k === 'lit') {
        hasLiteral = true;
      }
    }
    if (dflt.k === 'origin' || unchecked) return { k: 'origin', checked: false, via };
    if (hasLiteral || dflt.k === 'lit') return { k: 'unknown', reason: 'map mixes fixed values and the request origin' };
    if (keys.length === 0) return { k: 'empty' };
    const { check, decision } = checkFromKeys(keys);
    return { k: 'origin', checked: true, via, check, decision };
  }

  private applyGuard(c: Cand, site: Level, seen: ReadonlySet<string>): Cand {
    if (c.k !== 'origin' || c.checked) return c;
    const g = this.guard(site, seen);
    if (g === undefined) return c;
    if (g === 'unknown') return { k: 'origin', checked: true, via: c.via, check: { kind: 'unknown' } };
    return { k: 'origin', checked: true, via: c.via, check: g.check, decision: g.decision };
  }

  /** The origin check made by the `if` blocks around a site, if any. */
  private guard(site: Level, seen: ReadonlySet<string>): Guard {
    for (let l: Level | undefined = site; l && l.kind === 'if'; l = l.parent) {
      const g = this.condGuard(l.cond!, l, seen);
      if (g !== undefined) return g;
    }
    return undefined;
  }

  private condGuard(cond: IfCond, site: Level, seen: ReadonlySet<string>): Guard {
    if (cond.malformed || !cond.variable) return 'unknown';
    if (cond.variable === 'http_origin') {
      const o = cond.operand;
      if (!o) return undefined; // a non-empty test checks nothing
      const entries = [{ value: o.text, span: o.span }];
      if (cond.op === '~' || cond.op === '~*') return { check: { kind: 'regex', entries } };
      if (cond.op === '=') return { check: { kind: 'exact', entries } };
      return undefined;
    }
    return this.flagGuard(cond, site, seen);
  }

  /** `if ($flag)` / `if ($flag = value)` where $flag is set from an origin check. */
  private flagGuard(cond: IfCond, site: Level, seen: ReadonlySet<string>): Guard {
    const name = cond.variable!;
    if (seen.has(name)) return 'unknown';
    const next = new Set(seen).add(name);
    const maps = this.L.maps.get(name) ?? [];
    const sets = this.setsFor(name, site);
    if (maps.length === 0 && sets.length === 0) return undefined; // a built-in variable
    if (maps.length > 1 || (maps.length > 0 && sets.length > 0)) return 'unknown';
    let pred: (v: string) => boolean;
    const operand = cond.operand?.text;
    if (operand !== undefined && operand.includes('$')) return 'unknown';
    if (cond.op === undefined) pred = (v) => v !== '' && v !== '0';
    else if (cond.op === '=') pred = (v) => v === operand;
    else if (cond.op === '!=') pred = (v) => v !== operand;
    else return 'unknown';

    if (maps.length === 1) {
      const def = maps[0];
      if (!def.source.includes('http_origin')) return undefined;
      if (def.source.trim() !== '$http_origin') return 'unknown';
      let dflt = '';
      const keys: KeyEntry[] = [];
      for (const e of def.entries) {
        if (e.name === 'volatile') continue;
        if (e.name === 'hostnames' || e.name === 'include' || e.args.length !== 1) return 'unknown';
        const v = e.args[0].text;
        if (v.includes('$')) return 'unknown';
        const key = mapKey(e);
        if (key === 'special') {
          if (e.name === 'default') dflt = v;
          continue;
        }
        if (pred(v)) {
          if (key.match === 'regex' && matchesAnything(key.value)) return 'unknown';
          keys.push(key);
        }
      }
      if (pred(dflt) || keys.length === 0) return 'unknown';
      return checkFromKeys(keys);
    }

    if (pred('')) return 'unknown';
    const checks: OriginCheck[] = [];
    for (const d of sets) {
      const v = d.args[1].text;
      if (v.includes('$')) return 'unknown';
      if (!pred(v)) continue;
      const lv = this.L.levelOf.get(d);
      const g = lv ? this.guard(lv, next) : 'unknown';
      if (g === undefined || g === 'unknown') return 'unknown';
      checks.push(g.check);
    }
    if (checks.length === 0) return 'unknown';
    if (checks.length === 1) return { check: checks[0] };
    const kinds = new Set(checks.map((c) => c.kind));
    return { check: { kind: kinds.size === 1 ? [...kinds][0] : 'unknown', entries: checks.flatMap((c) => c.entries ?? []) } };
  }
}
