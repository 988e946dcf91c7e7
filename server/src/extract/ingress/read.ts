/**
 * Reading Kubernetes Ingress resources from YAML (multi-document streams, Helm-rendered manifests) and their
 * ingress-nginx CORS annotations (default prefix `nginx.ingress.kubernetes.io/`), each with where it was written.
 * A value that holds Helm template syntax (`{{ … }}`) is unknown, and so is every CORS annotation of an
 * annotations block that holds template syntax but not that annotation (a `toYaml`/`if` may add it). In a
 * document with YAML errors every value is unknown.
 */
import type { OptionMention, Span } from '../../model/index.js';
import { pairOf, parseYamlAll, type YamlNode, type YamlPair } from '../../syntax/yaml.js';

export const LIBRARY = 'ingress-nginx';
export const PREFIX = 'nginx.ingress.kubernetes.io/';
export const ANNOTATIONS = [
  'enable-cors',
  'cors-allow-origin',
  'cors-allow-credentials',
  'cors-allow-methods',
  'cors-allow-headers',
  'cors-expose-headers',
  'cors-max-age',
] as const;
export type Annotation = (typeof ANNOTATIONS)[number];

/** One annotation: its string value, or `unknown` (templated, not a string, or maybe added by a template). */
export type AnnValue =
  | { k: 'absent' }
  | { k: 'unknown'; span?: Span }
  | { k: 'string'; value: string; pair: YamlPair; node: YamlNode & { k: 'scalar' } };

export interface IngressDoc {
  name: string;
  nameSpan: Span;
  /** The `kind: Ingress` document's root map. */
  span: Span;
  hosts: string[];
  paths: string[];
  annotations?: YamlNode;
  values: Map<Annotation, AnnValue>;
}

export interface IngressFile {
  ingresses: IngressDoc[];
  mentions: OptionMention[];
}

export const templated = (s: string): boolean => s.includes('{{');

const str = (n: YamlNode | undefined): string | undefined =>
  n?.k === 'scalar' && typeof n.value === 'string' && !templated(n.value) ? n.value : undefined;

function items(n: YamlNode | undefined): YamlNode[] {
  return n?.k === 'seq' ? n.items : [];
}

function readIngress(root: YamlNode, text: string, broken: boolean, mentions: OptionMention[]): IngressDoc | undefined {
  if (str(pairOf(root, 'kind')?.value) !== 'Ingress') return undefined;
  const meta = pairOf(root, 'metadata')?.value;
  const namePair = pairOf(meta, 'name');
  const annotations = pairOf(meta, 'annotations')?.value;
  const hosts: string[] = [];
  const paths: string[] = [];
  for (const r of items(pairOf(pairOf(root, 'spec')?.value, 'rules')?.value)) {
    const h = str(pairOf(r, 'host')?.value);
    if (h) hosts.push(h);
    for (const p of items(pairOf(pairOf(r, 'http')?.value, 'paths')?.value)) {
      const path = str(pairOf(p, 'path')?.value);
      if (path && !paths.includes(path)) paths.push(path);
    }
  }
  const blockTemplated = annotations ? templated(text.slice(annotations.span.start, annotations.span.end)) : false;
  const values = new Map<Annotation, AnnValue>();
  for (const a of ANNOTATIONS) {
    const pair = pairOf(annotations, PREFIX + a);
    if (pair) mentions.push({ span: pair.keySpan, library: LIBRARY, option: a });
    const v = pair?.value;
    // A document the parser could not read whole (half-typed): a value may have swallowed the next lines.
    if (broken) values.set(a, { k: 'unknown', span: v?.span });
    else if (!pair) values.set(a, blockTemplated || (annotations && annotations.k !== 'map') ? { k: 'unknown' } : { k: 'absent' });
    else if (v?.k === 'scalar' && typeof v.value === 'string' && !templated(v.value)) values.set(a, { k: 'string', value: v.value, pair, node: v });
    else values.set(a, { k: 'unknown', span: v?.span ?? pair.keySpan });
  }
  return {
    name: str(namePair?.value) ?? '?',
    nameSpan: namePair?.value?.span ?? root.span,
    span: root.span,
    hosts,
    paths,
    annotations,
    values,
  };
}

export function readIngressFile(text: string): IngressFile {
  const ingresses: IngressDoc[] = [];
  const mentions: OptionMention[] = [];
  for (const doc of parseYamlAll(text)) {
    if (doc.root?.k !== 'map') continue;
    const ing = readIngress(doc.root, text, doc.errors.length > 0, mentions);
    if (ing) ingresses.push(ing);
  }
  return { ingresses, mentions };
}
