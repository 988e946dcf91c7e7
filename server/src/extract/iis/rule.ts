/**
 * One rule of the IIS CORS module (`<cors><add origin="...">`) as a policy: the origin decision (`*`,
 * `scheme://*`, an exact origin with subdomain wildcards), credentials, max-age, and the allowHeaders /
 * allowMethods / exposeHeaders collections; attributes and children the module does not know are reported.
 */
import type { CorsPolicy, ListValue, OriginDecision, Scope, Valued } from '../../model/index.js';
import { attribute, childrenNamed, type XmlAttribute, type XmlElement } from '../../syntax/xml.js';
import { ID, LIBRARY } from './model.js';

const RULE_ATTRS = ['origin', 'allowed', 'allowCredentials', 'maxAge'];
const RULE_CHILDREN = ['allowHeaders', 'allowMethods', 'exposeHeaders'];
const ALLOW_HEADERS_ATTRS = ['allowAllRequestedHeaders'];

/** Attributes that are not options (namespaces, XDT transform directives). */
export function isMetaAttribute(a: XmlAttribute): boolean {
  return a.name.startsWith('xmlns') || a.name.includes(':');
}

export function boolAttr(a: XmlAttribute | undefined): boolean | 'unknown' | undefined {
  if (!a) return undefined;
  if (a.value === undefined) return 'unknown';
  const v = a.value.trim().toLowerCase();
  return v === 'true' ? true : v === 'false' ? false : 'unknown';
}

function collectionList(el: XmlElement | undefined, itemAttr: string, unknown: { name: Valued<string>; known: string[] }[]): ListValue | undefined {
  if (!el) return undefined;
  let items: Valued<string>[] = [];
  for (const c of el.children) {
    if (c.name === 'clear') items = [];
    else if (c.name === 'add' || c.name === 'remove') {
      for (const a of c.attributes) {
        if (a.valueSpan && !isMetaAttribute(a) && a.name !== itemAttr) unknown.push({ name: { value: a.name, span: a.nameSpan }, known: [itemAttr] });
      }
      const a = attribute(c, itemAttr);
      if (!a?.valueSpan || a.value === undefined) continue;
      if (c.name === 'remove') items = items.filter((i) => i.value.toLowerCase() !== a.value!.toLowerCase());
      else {
        const lead = a.raw !== undefined && a.raw === a.value ? a.raw.length - a.raw.trimStart().length : 0;
        const v = a.value.trim();
        const span = a.raw === a.value ? { start: a.valueSpan.start + lead, end: a.valueSpan.start + lead + v.length } : a.valueSpan;
        items.push({ value: v, span });
      }
    }
  }
  return { kind: 'list', items, span: el.nameSpan };
}

export function rulePolicy(r: XmlElement, scope: Scope, onlyStar: boolean): CorsPolicy | undefined {
  const originAttr = attribute(r, 'origin');
  if (!originAttr?.valueSpan || originAttr.value === undefined) return undefined;
  const origin = originAttr.value.trim();
  const span = originAttr.valueSpan;
  const unknownOptions: { name: Valued<string>; known: string[] }[] = [];
  for (const a of r.attributes) {
    if (a.valueSpan && !isMetaAttribute(a) && !RULE_ATTRS.includes(a.name)) unknownOptions.push({ name: { value: a.name, span: a.nameSpan }, known: RULE_ATTRS });
  }
  for (const c of r.children) {
    if (!RULE_CHILDREN.includes(c.name)) unknownOptions.push({ name: { value: c.name, span: c.nameSpan }, known: RULE_CHILDREN });
  }
  const credAttr = attribute(r, 'allowCredentials');
  const cred = boolAttr(credAttr);
  const credentials: CorsPolicy['credentials'] = cred === undefined ? false : cred;

  let decision: OriginDecision;
  let vary: CorsPolicy['vary'] = onlyStar ? 'absent' : 'library';
  if (origin === '*') {
    // Only `*` rules: the module sends `*` itself. Next to specific rules it answers per request origin;
    // with credentials that is an echo of any origin, without them it is equivalent to `*`.
    decision = !onlyStar && credentials === true ? { kind: 'reflect', span, via: 'IIS CORS origin="*" beside specific origin rules' } : { kind: 'any', span };
  } else if (/^[a-z][a-z0-9+.-]*:\/\/\*(:\d+)?$/i.test(origin)) {
    // `http://*`: any origin of that scheme.
    const prefix = origin.slice(0, origin.indexOf('://') + 3);
    decision = { kind: 'pattern', check: { kind: 'prefix', entries: [{ value: prefix, span }] }, span };
  } else {
    decision = {
      kind: 'list',
      entries: [{ value: origin, span, elementSpan: r.span, match: 'exact' }],
      tolerance: { wildcardSubdomains: true },
      span,
    };
  }

  const maxAttr = attribute(r, 'maxAge');
  const maxAge = maxAttr?.valueSpan && maxAttr.value !== undefined && maxAttr.value.trim() !== '-1' ? { value: maxAttr.value.trim(), span: maxAttr.valueSpan } : undefined;

  const ahEl = childrenNamed(r, 'allowHeaders')[0];
  let allowHeaders: ListValue;
  if (ahEl) {
    for (const a of ahEl.attributes) {
      if (a.valueSpan && !isMetaAttribute(a) && !ALLOW_HEADERS_ATTRS.includes(a.name)) unknownOptions.push({ name: { value: a.name, span: a.nameSpan }, known: ALLOW_HEADERS_ATTRS });
    }
    const all = boolAttr(attribute(ahEl, 'allowAllRequestedHeaders'));
    if (all === true) allowHeaders = { kind: 'reflect-request', span: attribute(ahEl, 'allowAllRequestedHeaders')!.span };
    else if (all === 'unknown') allowHeaders = { kind: 'unknown', span: ahEl.nameSpan };
    else allowHeaders = collectionList(ahEl, 'header', unknownOptions)!;
  } else {
    // allowAllRequestedHeaders defaults to false and the collection is empty: no request header is allowed.
    allowHeaders = { kind: 'list', items: [] };
  }
  const methods = collectionList(childrenNamed(r, 'allowMethods')[0], 'method', unknownOptions) ?? { kind: 'unknown' };
  const exposeHeaders = collectionList(childrenNamed(r, 'exposeHeaders')[0], 'header', unknownOptions);

  return {
    id: 'tmp',
    extractor: ID,
    library: LIBRARY,
    layer: 'server-config',
    scope,
    span: r.span,
    origin: decision,
    credentials,
    credentialsSpan: credAttr?.span,
    methods,
    allowHeaders,
    exposeHeaders,
    maxAge,
    vary,
    emits: 'unknown',
    answersPreflight: true,
    handWritten: false,
    writeIds: [],
    unknownOptions: unknownOptions.length ? unknownOptions : undefined,
  };
}
