/**
 * hapi: the `cors` route setting, server-wide (`Hapi.server({ routes: { cors } })`) and per route
 * (`server.route({ options: { cors } })`), read with the code engine; semantics in policy.ts. The headers
 * handlers and onPreResponse hooks write themselves: handWritten.ts.
 */
import { evaluate, type Env, type Expr, type Val } from '../../code/index.js';
import type { CorsPolicy, FileFacts, FixRequest, OptionMention, Scope, TextEdit } from '../../model/index.js';
import { allCalls, callsModule, type Call, jsCode, jsGrammarFor, JS_FILES, JS_LANGUAGES, mentionsModule, positional } from '../jsCalls.js';
import { jsArray, quoteOf, removeEntry, setInMap } from '../jsFix.js';
import { optionFacts, readOptions, type MapVal } from '../jsOptions.js';
import type { Extractor, SourceFile } from '../types.js';
import { DOCS_ID, hapiPolicy, KNOWN, type CorsLayers } from './policy.js';
import { HAPI_WRITES } from './handWritten.js';
import { member, routeMaps } from './routes.js';
import { handWritten, mergeFacts, renderWriteFix } from '../jsWrites.js';

const MODULES = ['@hapi/hapi'];

/** A `cors` setting as written: off, on (`true`, or an object), or not readable. */
type Setting = { k: 'off' } | { k: 'on'; map?: MapVal; expr: Expr } | { k: 'unknown' };

function settingOf(v: Val | null | undefined, expr: Expr | undefined): Setting {
  if (v === null) return { k: 'off' };
  if (!v || !expr) return { k: 'unknown' };
  if (v.k === 'bool') return v.value ? { k: 'on', expr } : { k: 'off' };
  if (v.k === 'map') return { k: 'on', map: v, expr: v.at };
  return { k: 'unknown' };
}

/** The `cors` entry of an options map, with the expression written for it. */
function corsIn(v: Val | null | undefined): { val: Val | null | undefined; expr?: Expr } {
  if (!v || v.k !== 'map') return { val: v === null ? null : undefined };
  const hit = v.entries.filter((e) => e.key === 'cors').at(-1);
  if (!hit) return { val: v.open ? undefined : null };
  return { val: hit.value, expr: hit.entry.value };
}

interface Site {
  policy: CorsPolicy;
  own: Setting & { k: 'on' };
  layers: CorsLayers;
}

function analyze(file: SourceFile): { sites: Site[]; facts: Partial<FileFacts> } {
  const code = jsCode(file);
  if (!code) return { sites: [], facts: { notes: ['no syntax tree'] } };
  const calls = allCalls(code);
  const sites: Site[] = [];
  const mentions: OptionMention[] = [];
  const add = (scope: Scope, span: Expr['span'], own: Setting & { k: 'on' }, layers: CorsLayers) => {
    const policy = hapiPolicy(`hapi-p${sites.length + 1}`, scope, span, own.expr.span, layers);
    if (own.map) {
      const f = optionFacts({ k: 'map', map: own.map }, DOCS_ID, KNOWN);
      mentions.push(...f.mentions);
      if (f.unknown) policy.unknownOptions = f.unknown;
    }
    sites.push({ policy, own, layers });
  };

  // the server: Hapi.server({ routes: { cors } }) / new Hapi.Server(...)
  const isServer = (call: Call, env: Env) => callsModule(call, env, MODULES, ['server']) || callsModule(call, env, MODULES, ['Server']);
  const servers = calls.filter((c) => isServer(c.call, c.env));
  let serverSetting: Setting = { k: 'off' };
  for (const s of servers) {
    const o = readOptions(positional(s.call)[0], s.env);
    const routes = o.k === 'none' ? null : o.k === 'map' ? member(o.map, 'routes') : undefined;
    const c = corsIn(routes);
    serverSetting = settingOf(c.val, c.expr);
    if (serverSetting.k === 'on') add({ kind: 'app', label: 'server', path: ['server'], span: s.call.span }, s.call.span, serverSetting, { layers: [serverSetting.map], defaults: true });
  }
  const serverKnown = servers.length === 1 && serverSetting.k !== 'unknown';
  const serverMap = serverSetting.k === 'on' ? serverSetting.map : undefined;

  // the routes: server.route({ method, path, options: { cors } }) or an array of them
  for (const { call, env } of calls) {
    if (call.callee.k !== 'member' || call.callee.name !== 'route' || isServer(call, env)) continue;
    const arg = positional(call)[0];
    if (!arg) continue;
    for (const r of routeMaps(evaluate(arg, env))) {
      const cfg = member(r, 'options') ?? member(r, 'config');
      const c = corsIn(cfg);
      const own = settingOf(c.val, c.expr);
      if (own.k !== 'on') continue;
      const method = member(r, 'method');
      const path = member(r, 'path');
      const label = `${method?.k === 'str' ? method.value.toUpperCase() : '*'} ${path?.k === 'str' ? path.value : '?'}`;
      add({ kind: 'route', label, path: ['server', label], span: r.at.span }, own.expr.span, own, { layers: [serverMap, own.map], defaults: serverKnown });
    }
  }
  return { sites, facts: { policies: sites.map((s) => s.policy), optionMentions: mentions } };
}

function renderHapiFix(req: FixRequest, file: SourceFile): TextEdit[] | undefined {
  if (!('policyId' in req)) return undefined;
  const site = analyze(file).sites.find((s) => s.policy.id === req.policyId);
  if (!site) return [];
  const text = file.text;
  switch (req.kind) {
    case 'set-origins': {
      const arr = jsArray(req.origins, quoteOf(text));
      if (!arr) return [];
      if (site.own.map) return setInMap(text, site.own.map, 'origin', arr);
      return [{ span: site.own.expr.span, newText: `{ origin: ${arr} }` }];
    }
    case 'remove-credentials':
      return site.layers.layers.flatMap((m) => (m ? m.at.entries.filter((e) => e.key === 'credentials').map((e) => ({ span: removeEntry(text, e.span), newText: '' })) : []));
    default:
      return undefined;
  }
}

const extractor: Extractor = {
  id: 'hapi',
  title: 'hapi (route and server cors settings)',
  languages: JS_LANGUAGES,
  filePatterns: JS_FILES,
  grammarFor: jsGrammarFor,
  mayContain: (text) => mentionsModule(text, MODULES) || (text.includes('.route(') && /\bcors\s*:/.test(text)) || HAPI_WRITES.uses(text),
  extract(file) {
    try {
      const own = analyze(file).facts;
      const hw = handWritten(HAPI_WRITES, file);
      return hw ? mergeFacts(own, hw.facts) : own;
    } catch (e) {
      return { notes: [`extraction failed: ${e instanceof Error ? e.message : String(e)}`] };
    }
  },
  renderFix(req, _facts, file) {
    try {
      return renderWriteFix(HAPI_WRITES, req, file, handWritten(HAPI_WRITES, file)) ?? renderHapiFix(req, file);
    } catch {
      return [];
    }
  },
};

export default extractor;
