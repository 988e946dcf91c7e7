/**
 * The S3 XML form (`<CORSConfiguration><CORSRule><AllowedOrigin>…`, as the REST API, older consoles and
 * S3-compatible stores take it), read through syntax/xml.ts into the JSON-like rule maps s3.ts reads: the
 * repeated singular elements become the PutBucketCors JSON lists. An element holding anything but text is
 * unknown.
 */
import type { JsonNode, JsonProp } from '../../syntax/json.js';
import { childrenNamed, parseXml, type XmlElement } from '../../syntax/xml.js';
import { S3_API_KEYS, S3_LIBRARY, s3RulePolicy, type S3Keys } from './s3.js';
import type { ReadResult } from './template.js';

/** XML element → the JSON list key it feeds. */
const LISTS: [string, keyof S3Keys][] = [
  ['AllowedOrigin', 'origins'],
  ['AllowedMethod', 'methods'],
  ['AllowedHeader', 'headers'],
  ['ExposeHeader', 'expose'],
];

function strNode(el: XmlElement): JsonNode {
  const t = el.text;
  return t && el.complete ? { k: 'str', span: el.span, value: t.value, inner: t.span, verbatim: t.verbatim } : { k: 'unknown', span: el.span };
}

function ruleNode(rule: XmlElement, r: ReadResult): JsonNode {
  const props: JsonProp[] = [];
  for (const [name, key] of LISTS) {
    const els = childrenNamed(rule, name);
    for (const el of els) r.mentions.push({ span: el.nameSpan, library: S3_LIBRARY, option: name });
    if (!els.length) continue;
    const span = { start: els[0].span.start, end: els[els.length - 1].span.end };
    props.push({ key: S3_API_KEYS[key], keySpan: els[0].nameSpan, value: { k: 'arr', span, items: els.map(strNode) }, span });
  }
  const ma = childrenNamed(rule, 'MaxAgeSeconds').at(-1);
  if (ma) {
    r.mentions.push({ span: ma.nameSpan, library: S3_LIBRARY, option: 'MaxAgeSeconds' });
    const t = ma.text;
    const value: JsonNode = t && /^\d+$/.test(t.value) ? { k: 'num', span: t.span, value: Number(t.value) } : { k: 'unknown', span: ma.span };
    props.push({ key: S3_API_KEYS.maxAge, keySpan: ma.nameSpan, value, span: ma.span });
  }
  return { k: 'obj', span: rule.span, props };
}

export function readS3Xml(text: string): ReadResult {
  const r: ReadResult = { built: [], mentions: [], notes: [] };
  const doc = parseXml(text);
  const root = doc.roots.find((e) => e.name === 'CORSConfiguration');
  if (!root) return r;
  // a document the parser recovered from: an element may have swallowed its neighbours
  if (doc.errors.length) {
    r.notes.push(`XML errors: ${doc.errors[0]}`);
    return r;
  }
  childrenNamed(root, 'CORSRule').forEach((rule, i) => {
    r.mentions.push({ span: rule.nameSpan, library: S3_LIBRARY, option: 'CORSRule' });
    const b = s3RulePolicy(ruleNode(rule, r), S3_API_KEYS, `xml-${i + 1}`, `S3 bucket CORS rule ${i + 1}`, ['S3', `rule ${i + 1}`], 'aws');
    r.built.push({ ...b, kind: 's3' });
  });
  return r;
}
