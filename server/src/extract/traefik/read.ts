/**
 * Traefik `headers` middlewares, wherever a project writes them, as one shape: each field with its value and
 * spans. Forms: the file provider's dynamic config in YAML (`http: middlewares: <name>: headers: …`) and TOML
 * (`[http.middlewares.<name>.headers]`), the Kubernetes CRD (`kind: Middleware`, apiVersion `traefik.io/v1alpha1`
 * or `traefik.containo.us/v1alpha1`, `spec.headers`), and docker-compose / Swarm labels
 * (`traefik.http.middlewares.<name>.headers.<field>=value`, in a `labels:` list or map; lists comma-separated).
 * Field names are matched case-insensitively, as Traefik's decoders do. A value with a template (`{{`), an
 * environment variable (`${`), or in a YAML document with errors is unknown.
 */
import type { Span } from '../../model/index.js';
import { isResource, pairOf, parseYamlAll, type YamlNode } from '../../syntax/yaml.js';
import { readToml, tomlGet, type TomlNode } from '../../syntax/toml.js';
import type { Tree } from '../../syntax/treeSitter.js';

export const LIBRARY = 'traefik';
export const FIELDS = [
  'accessControlAllowOriginList',
  'accessControlAllowOriginListRegex',
  'accessControlAllowCredentials',
  'accessControlAllowMethods',
  'accessControlAllowHeaders',
  'accessControlExposeHeaders',
  'accessControlMaxAge',
  'addVaryHeader',
  'customResponseHeaders',
] as const;
export type Field = (typeof FIELDS)[number];
export const LIST_FIELDS: ReadonlySet<Field> = new Set(['accessControlAllowOriginList', 'accessControlAllowOriginListRegex', 'accessControlAllowMethods', 'accessControlAllowHeaders', 'accessControlExposeHeaders']);
const BY_LOWER = new Map<string, Field>(FIELDS.map((f) => [f.toLowerCase(), f]));

/** One scalar as written: `exact` when `span` holds exactly `value` (so a fix may rewrite it there). */
export interface Scalar {
  value: string;
  span: Span;
  exact: boolean;
}

export type TValue =
  /** `form`: how the list is written, for fixes (a YAML block list, a `[…]` list, a comma-separated label). */
  | { k: 'list'; items: (Scalar & { elementSpan: Span })[]; span: Span; form: 'block' | 'flow' | 'csv'; indent?: string }
  | { k: 'scalar'; s: Scalar; typed: boolean }
  | { k: 'map'; entries: { name: string; nameSpan: Span; value?: Scalar; span: Span }[] }
  | { k: 'unknown'; span: Span };

export interface TField {
  field: Field;
  keySpan: Span;
  value: TValue;
  span: Span;
}

export interface Middleware {
  name: string;
  /** `old`: a Traefik known to send `*` with credentials (v2.x, v3 before 3.6.22 / 3.7.6): a `traefik.containo.us`
   *  CRD (gone in v3), or the `traefik:vX.Y.Z` image of the same compose file. Else the current behaviour. */
  version?: 'old';
  form: 'yaml' | 'toml' | 'crd' | 'labels';
  span: Span;
  fields: Map<Field, TField>;
}

const dynamic = (s: string) => s.includes('{{') || s.includes('${');

/** A YAML scalar as a string with its span (also used by extract/envoy). */
export function yScalar(n: YamlNode | undefined): Scalar | undefined {
  if (n?.k !== 'scalar' || n.value === null) return undefined;
  const value = String(n.value);
  if (dynamic(value)) return undefined;
  // a plain number or boolean is its own token: a fix may rewrite it
  const exact = n.verbatim || (n.style === 'plain' && typeof n.value !== 'string');
  return { value, span: exact ? n.inner : n.span, exact };
}

function yValue(field: Field, n: YamlNode | undefined, text: string, at: Span): TValue {
  if (!n) return { k: 'unknown', span: at };
  if (field === 'customResponseHeaders') {
    if (n.k !== 'map') return { k: 'unknown', span: n.span };
    return { k: 'map', entries: n.pairs.map((p) => ({ name: p.key, nameSpan: p.keySpan, value: yScalar(p.value), span: p.span })) };
  }
  if (n.k === 'seq') {
    const items: (Scalar & { elementSpan: Span })[] = [];
    for (const i of n.items) {
      const s = yScalar(i);
      if (!s) return { k: 'unknown', span: n.span };
      items.push({ ...s, elementSpan: i.span });
    }
    const ls = text.lastIndexOf('\n', n.span.start - 1) + 1;
    return { k: 'list', items, span: n.span, form: n.flow ? 'flow' : 'block', indent: text.slice(ls, n.span.start) };
  }
  const s = yScalar(n);
  return s && n.k === 'scalar' ? { k: 'scalar', s, typed: typeof n.value !== 'string' } : { k: 'unknown', span: n.span };
}

function fromYamlHeaders(name: string, form: Middleware['form'], headers: YamlNode, text: string, broken: boolean): Middleware {
  const fields = new Map<Field, TField>();
  for (const p of headers.k === 'map' ? headers.pairs : []) {
    const field = BY_LOWER.get(p.key.toLowerCase());
    if (!field) continue;
    const value = broken ? { k: 'unknown' as const, span: p.value?.span ?? p.keySpan } : yValue(field, p.value, text, p.keySpan);
    fields.set(field, { field, keySpan: p.keySpan, value, span: p.span });
  }
  return { name, form, span: headers.span, fields };
}

/** `traefik.http.middlewares.<name>.headers.<field>[.<header>]=value` labels of one compose service. */
function fromLabels(labels: YamlNode, out: Middleware[]): void {
  const entries: { key: string; keySpan: Span; value?: Scalar; span: Span }[] = [];
  if (labels.k === 'seq') {
    for (const i of labels.items) {
      if (i.k !== 'scalar' || typeof i.value !== 'string') continue;
      const eq = i.value.indexOf('=');
      if (eq < 0) continue;
      const v = i.value.slice(eq + 1);
      const start = i.inner.start;
      entries.push({
        key: i.value.slice(0, eq).trim(),
        keySpan: i.verbatim ? { start, end: start + eq } : i.span,
        value: dynamic(v) ? undefined : { value: v, span: i.verbatim ? { start: start + eq + 1, end: i.inner.end } : i.span, exact: i.verbatim },
        span: i.span,
      });
    }
  } else if (labels.k === 'map') {
    for (const p of labels.pairs) entries.push({ key: p.key, keySpan: p.keySpan, value: yScalar(p.value), span: p.span });
  }
  const byName = new Map<string, Middleware>();
  for (const e of entries) {
    const parts = e.key.split('.');
    if (parts.length < 6 || parts[0].toLowerCase() !== 'traefik' || parts[1].toLowerCase() !== 'http' || parts[2].toLowerCase() !== 'middlewares' || parts[4].toLowerCase() !== 'headers') continue;
    const field = BY_LOWER.get(parts[5].toLowerCase());
    if (!field) continue;
    const name = parts[3];
    const mw = byName.get(name) ?? { name, form: 'labels' as const, span: e.span, fields: new Map<Field, TField>() };
    byName.set(name, mw);
    // the field's part of the key (and the header name after it), for hovers and spans
    const exactKey = e.keySpan.end - e.keySpan.start === e.key.length;
    const fieldAt = e.keySpan.start + parts.slice(0, 5).join('.').length + 1;
    const keySpan = exactKey ? { start: fieldAt, end: fieldAt + parts[5].length } : e.keySpan;
    if (field === 'customResponseHeaders') {
      if (parts.length !== 7) continue;
      const prev = mw.fields.get(field);
      const nameSpan = exactKey ? { start: keySpan.end + 1, end: keySpan.end + 1 + parts[6].length } : e.keySpan;
      const entry = { name: parts[6], nameSpan, value: e.value, span: e.span };
      if (prev?.value.k === 'map') prev.value.entries.push(entry);
      else mw.fields.set(field, { field, keySpan, value: { k: 'map', entries: [entry] }, span: e.span });
      continue;
    }
    if (parts.length !== 6) continue;
    let value: TValue;
    if (!e.value) value = { k: 'unknown', span: e.span };
    else if (LIST_FIELDS.has(field)) {
      const items: (Scalar & { elementSpan: Span })[] = [];
      let off = 0;
      for (const raw of e.value.value.split(',')) {
        const v = raw.trim();
        const s = e.value.span.start + off + raw.indexOf(v);
        off += raw.length + 1;
        if (!v) continue;
        const sp = e.value.exact ? { start: s, end: s + v.length } : e.value.span;
        items.push({ value: v, span: sp, exact: e.value.exact, elementSpan: sp });
      }
      value = { k: 'list', items, span: e.value.span, form: 'csv' };
    } else value = { k: 'scalar', s: e.value, typed: false };
    mw.fields.set(field, { field, keySpan, value, span: e.span });
  }
  out.push(...byName.values());
}

/** A Traefik image tag older than the echo of `*` with credentials (3.6.22 / 3.7.6). */
export function oldImage(image: string): boolean {
  const m = /(?:^|\/)traefik:v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:$|[-@])/.exec(image.trim());
  if (!m) return false;
  const [maj, min, patch] = [Number(m[1]), m[2] === undefined ? undefined : Number(m[2]), m[3] === undefined ? undefined : Number(m[3])];
  if (maj < 3) return true;
  if (maj > 3 || min === undefined) return false;
  if (min < 6) return true;
  // a floating `traefik:v3.6` / `v3.7` pulls the newest patch
  if (patch === undefined) return false;
  return (min === 6 && patch < 22) || (min === 7 && patch < 6);
}

const CRD_API = /^traefik\.(io|containo\.us)\/v1alpha1$/;

/** Every headers middleware of a YAML stream: file-provider config, CRDs, compose labels. */
export function readYamlMiddlewares(text: string): Middleware[] {
  const out: Middleware[] = [];
  for (const doc of parseYamlAll(text)) {
    const root = doc.root;
    if (root?.k !== 'map') continue;
    const broken = doc.errors.length > 0;
    if (isResource(root, 'Middleware', CRD_API)) {
      const meta = pairOf(root, 'metadata')?.value;
      const n = pairOf(meta, 'name')?.value;
      const headers = pairOf(pairOf(root, 'spec')?.value, 'headers')?.value;
      const mw = headers && fromYamlHeaders(n?.k === 'scalar' ? String(n.value) : '?', 'crd', headers, text, broken);
      if (mw && /containo\.us/.test(String((pairOf(root, 'apiVersion')?.value as { value?: unknown } | undefined)?.value))) mw.version = 'old';
      if (mw) out.push(mw);
      continue;
    }
    const mws = pairOf(pairOf(root, 'http')?.value, 'middlewares')?.value;
    for (const p of mws?.k === 'map' ? mws.pairs : []) {
      const headers = pairOf(p.value, 'headers')?.value;
      if (headers) out.push(fromYamlHeaders(p.key, 'yaml', headers, text, broken));
    }
    const services = pairOf(root, 'services')?.value;
    const from = out.length;
    let old = false;
    for (const s of services?.k === 'map' ? services.pairs : []) {
      const image = pairOf(s.value, 'image')?.value;
      if (image?.k === 'scalar' && oldImage(String(image.value))) old = true;
      for (const labels of [pairOf(s.value, 'labels')?.value, pairOf(pairOf(s.value, 'deploy')?.value, 'labels')?.value]) {
        if (labels && !broken) fromLabels(labels, out);
      }
    }
    if (old) for (const mw of out.slice(from)) mw.version = 'old';
  }
  return out;
}

function tScalar(n: TomlNode | undefined): Scalar | undefined {
  if (n?.k === 'str') return dynamic(n.value) ? undefined : { value: n.value, span: n.verbatim ? n.inner : n.span, exact: n.verbatim };
  if (n?.k === 'num' || n?.k === 'bool') return { value: String(n.value), span: n.span, exact: true };
  return undefined;
}

/** `[http.middlewares.<name>.headers]` of a TOML dynamic config. */
export function readTomlMiddlewares(tree: Tree | undefined, text: string): Middleware[] {
  const mws = tomlGet(tomlGet(readToml(tree, text), 'http'), 'middlewares');
  const out: Middleware[] = [];
  for (const m of mws?.k === 'table' ? mws.props : []) {
    const headers = tomlGet(m.value, 'headers');
    if (headers?.k !== 'table') continue;
    const fields = new Map<Field, TField>();
    for (const p of headers.props) {
      const field = BY_LOWER.get(p.key.toLowerCase());
      if (!field) continue;
      const v = p.value;
      let value: TValue = { k: 'unknown', span: v.span };
      if (field === 'customResponseHeaders' && v.k === 'table') {
        value = { k: 'map', entries: v.props.map((e) => ({ name: e.key, nameSpan: e.keySpan, value: tScalar(e.value), span: e.span })) };
      } else if (v.k === 'arr') {
        const items = v.items.map((i) => tScalar(i) && { ...tScalar(i)!, elementSpan: i.span });
        if (items.every((i) => i)) value = { k: 'list', items: items as (Scalar & { elementSpan: Span })[], span: v.span, form: 'flow' };
      } else {
        const s = tScalar(v);
        if (s) value = { k: 'scalar', s, typed: v.k !== 'str' };
      }
      fields.set(field, { field, keySpan: p.keySpan, value, span: p.span });
    }
    out.push({ name: m.key, form: 'toml', span: headers.span, fields });
  }
  return out;
}
