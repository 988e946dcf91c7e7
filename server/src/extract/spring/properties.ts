/**
 * Spring Cloud Gateway's globalcors in application*.properties (tree-sitter-properties): keys like
 * `spring.cloud.gateway.globalcors.cors-configurations.[/api/**].allowed-origins` (relaxed: any case, `-`
 * or `_`), a list as `a,b` or as `…allowed-origins[0]=a` lines; and Spring Boot's flat Actuator / GraphQL
 * ones (`management.endpoints.web.cors.allowed-origins`). Same semantics as gateway.ts.
 */
import type { OptionMention } from '../../model/index.js';
import type { Node } from '../../syntax/treeSitter.js';
import { mention, type Conf, type Src, type Str } from './conf.js';
import { FIELDS, FLAT, PREFIXES, flatConf, norm, splitValue, type GatewayConf } from './gateway.js';

const spanOf = (n: Node) => ({ start: n.startIndex, end: n.endIndex });

interface Line {
  path: string;
  flat?: string;
  field: (typeof FIELDS)[string];
  index?: number;
  key: Node;
  value?: Node;
  prop: Node;
}

/** `<prefix>.[path].field[n]` → its parts, or undefined for another key. */
function lineOf(prop: Node): Line | undefined {
  const key = prop.childForFieldName('key') ?? prop.namedChildren.find((c) => c?.type === 'key') ?? null;
  if (!key) return undefined;
  const value0 = prop.childForFieldName('value') ?? prop.namedChildren.find((c) => c?.type === 'value') ?? undefined;
  // Spring Boot's flat ones: `management.endpoints.web.cors.allowed-origins`
  const flat = /^(.*)\.([A-Za-z_-]+)(?:\[(\d+)\])?$/.exec(key.text);
  const fl = flat && FLAT.find((f) => f.path.join('.') === flat[1].split('.').map(norm).join('.'));
  if (flat && fl && FIELDS[norm(flat[2])]) {
    return { path: fl.route, flat: fl.route, field: FIELDS[norm(flat[2])], index: flat[3] !== undefined ? Number(flat[3]) : undefined, key, value: value0 ?? undefined, prop };
  }
  const m = /^(.*?)\.(?:\[([^\]]*)\]|([^.[\]]+))\.([A-Za-z_-]+)(?:\[(\d+)\])?$/.exec(key.text);
  if (!m) return undefined;
  const pre = m[1].split('.').map(norm);
  if (!PREFIXES.some((p) => p.length === pre.length && p.every((x, i) => x === pre[i]))) return undefined;
  const field = FIELDS[norm(m[4])];
  if (!field) return undefined;
  const value = prop.childForFieldName('value') ?? prop.namedChildren.find((c) => c?.type === 'value') ?? undefined;
  return { path: m[2] ?? m[3], field, index: m[5] !== undefined ? Number(m[5]) : undefined, key, value: value ?? undefined, prop };
}

function scalar(v: Node | undefined): { text: string; verbatim: boolean } | undefined {
  if (!v) return { text: '', verbatim: true };
  return { text: v.text, verbatim: v.namedChildCount === 0 };
}

export function readGatewayProperties(root: Node, mentions: OptionMention[]): GatewayConf[] {
  const byPath = new Map<string, Line[]>();
  for (const prop of root.namedChildren) {
    if (prop?.type !== 'property') continue;
    const l = lineOf(prop);
    if (!l) continue;
    mention(mentions, spanOf(l.key), l.field.option);
    const list = byPath.get(l.path) ?? [];
    list.push(l);
    byPath.set(l.path, list);
  }
  const out: GatewayConf[] = [];
  for (const [path, lines] of byPath) {
    const conf: Conf = {};
    for (const key of new Set(lines.map((l) => l.field.key))) {
      const ls = lines.filter((l) => l.field.key === key);
      const last = ls[ls.length - 1];
      const v = scalar(last.value);
      const valueSpan = last.value ? spanOf(last.value) : { start: last.key.endIndex, end: last.key.endIndex };
      const indexed = ls.some((l) => l.index !== undefined);
      const src: Src = { holder: spanOf(last.prop), value: valueSpan, form: 'stmt', inPlace: !indexed && ls.length === 1 && !!v?.verbatim };
      const set = (f: unknown) => ((conf as Record<string, unknown>)[key] = f);
      if (key === 'credentials' || key === 'maxAge') {
        const t = v?.verbatim ? v.text.trim().toLowerCase() : undefined;
        if (key === 'credentials') {
          const b = t === undefined ? undefined : ['true', 'on', 'yes', '1'].includes(t) ? true : ['false', 'off', 'no', '0'].includes(t) ? false : undefined;
          set(b === undefined ? { k: 'unknown', src } : { k: 'known', value: b, src });
        } else {
          // a Duration in seconds for the flat properties (`3600` or `3600s`), a Long for the gateway
          const secs = t && (/^\d+$/.test(t) ? t : last.flat ? /^(\d+)s$/.exec(t)?.[1] : undefined);
          set(secs ? { k: 'known', value: { raw: secs, span: valueSpan }, src } : { k: 'unknown', src });
        }
        continue;
      }
      // `[0]`, `[1]` lines make the list (in index order); a plain line is the whole list
      const items: Str[] = [];
      let known = !(indexed && ls.some((l) => l.index === undefined));
      // a key written twice: the last line wins
      for (const l of indexed ? [...ls].sort((a, b) => (a.index ?? 0) - (b.index ?? 0)) : [last]) {
        const s = scalar(l.value);
        const parts = s?.verbatim ? splitValue(s.text, l.value ? spanOf(l.value) : undefined, l.value ? spanOf(l.value) : spanOf(l.key)) : undefined;
        if (!parts) known = false;
        else items.push(...parts);
      }
      set(known ? { k: 'known', value: items, src } : { k: 'unknown', src });
    }
    const flatRoute = lines[0].flat;
    if (flatRoute) {
      const g = flatConf(conf, spanOf(lines[0].key), flatRoute);
      if (g) out.push(g);
    } else out.push({ conf, path, span: spanOf(lines[0].key), nodes: {} });
  }
  return out;
}
