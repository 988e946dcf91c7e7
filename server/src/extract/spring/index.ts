/**
 * Spring (spring-web / spring-webmvc / spring-webflux CORS): `@CrossOrigin` on controllers and handlers
 * (annotations.ts), `addCorsMappings(CorsRegistry)` chains and `CorsConfiguration` objects registered with a
 * `UrlBasedCorsConfigurationSource` for a CorsFilter, CorsWebFilter or Spring Security's `cors()`
 * (builders.ts); headers written by hand (handwritten.ts); Spring Cloud Gateway's globalcors in
 * application*.yml (gateway.ts). What each setting makes Spring send: conf.ts. Fixes: fix.ts (Java), gateway
 * values in YAML.
 */
import type { CorsPolicy, FileFacts, OptionMention, Scope } from '../../model/index.js';
import { codeOf, JAVA_TABLE } from '../../code/index.js';
import type { Extractor, SourceFile } from '../types.js';
import { onceBySpan, tryExtract, tryFix } from '../common.js';
import { readAnnotations } from './annotations.js';
import { readBuilders } from './builders.js';
import { policyOf } from './conf.js';
import { springBefore53 } from './springVersion.js';
import { renderSpringFix, type Meta } from './fix.js';
import { newSink, readHandWritten } from './handwritten.js';
import { gatewayPolicies, readGateway } from './gateway.js';
import { readGatewayProperties } from './properties.js';

export const EXTRACTOR_ID = 'spring';
const MAX_TEXT = 2_000_000;
const SPRING = /org\.springframework/;
const CORS_NAMES = /CrossOrigin|CorsRegistry|CorsConfiguration|addCorsMappings|CorsFilter|CorsWebFilter/;
/** Hand-written headers: a CORS header name in a servlet or Spring file. */
const HAND = /[Aa]ccess-[Cc]ontrol-|setAccessControl|ACCESS_CONTROL_/;
const WEB = /(javax|jakarta)\.servlet|org\.springframework/;
/** Spring Cloud Gateway's global CORS, Spring Boot's Actuator / GraphQL CORS in application*.yml / .properties. */
const GATEWAY = /globalcors|^[ \t]*cors[ \t]*:|\.cors\.allow/m;

export interface Analysis {
  facts: Partial<FileFacts>;
  meta: Map<string, Meta>;
}

function scopeOf(path: string | undefined, label: string): Scope {
  return path && path !== '/**' ? { kind: 'route', label: `${label} ${path}`, path: ['app', path] } : { kind: 'app', label, path: ['app'] };
}

const isYaml = (path: string) => /\.ya?ml$/i.test(path);
const isProps = (path: string) => /\.properties$/i.test(path);

export function analyze(file: SourceFile): Analysis | undefined {
  if (file.text.length > MAX_TEXT || file.text.includes('\u0000')) return undefined;
  if (isYaml(file.path)) return analyzeGateway(file, 'yaml');
  if (isProps(file.path)) return analyzeGateway(file, 'properties');
  const tree = file.tree('java');
  if (!tree) return undefined;
  const code = codeOf(tree.rootNode, file.text, JAVA_TABLE);
  const mentions: OptionMention[] = [];
  const notes: string[] = [];
  if (tree.rootNode.hasError) notes.push('syntax errors: facts from the readable parts only');
  const policies: CorsPolicy[] = [];
  const meta = new Map<string, Meta>();
  let before53: { v: boolean | undefined } | undefined;
  const old = () => (before53 ??= { v: springBefore53(file) }).v;
  const add = (m: Meta, span: CorsPolicy['span'], scope: Scope) => {
    const id = `p${policies.length}`;
    policies.push(policyOf(m.conf, id, EXTRACTOR_ID, span, scope, old));
    meta.set(id, m);
  };
  for (const a of readAnnotations(code, mentions, notes)) add({ kind: 'annotation', conf: a.conf, annotations: a.annotations }, a.span, scopeOf(a.path || undefined, `@CrossOrigin ${a.label}`));
  const listImported = code.program.body.some((s) => s.k === 'import' && (s.module === 'java.util.List' || (s.module === 'java.util' && s.names[0]?.name === '*')));
  for (const b of readBuilders(code, mentions)) {
    const m: Meta = b.kind === 'registry' ? { kind: 'registry', conf: b.conf, insertAt: b.insertAt } : { kind: 'config', conf: b.conf, listImported };
    add(m, b.span, scopeOf(b.path, b.kind === 'registry' ? 'CorsRegistry' : 'CorsConfiguration'));
  }
  const sink = newSink(tree.rootNode, file.text, policies.length);
  readHandWritten(sink, code, EXTRACTOR_ID);
  policies.push(...sink.policies);
  const facts: Partial<FileFacts> = { policies, optionMentions: onceBySpan(mentions), notes };
  if (sink.writes.length) Object.assign(facts, { headerWrites: sink.writes, responses: sink.responses, headerMentions: onceBySpan(sink.mentions) });
  return { facts, meta };
}

/** application*.yml / .properties: Spring Cloud Gateway's globalcors. */
function analyzeGateway(file: SourceFile, format: 'yaml' | 'properties'): Analysis | undefined {
  const mentions: OptionMention[] = [];
  let confs;
  if (format === 'yaml') confs = readGateway(file.text, mentions);
  else {
    const tree = file.tree('properties');
    if (!tree) return undefined;
    confs = readGatewayProperties(tree.rootNode, mentions);
  }
  const policies = gatewayPolicies(confs, EXTRACTOR_ID, 0);
  const meta = new Map<string, Meta>(policies.map((p, i) => [p.id, { kind: 'gateway', conf: confs[i].conf, format }]));
  return { facts: { policies, optionMentions: onceBySpan(mentions), notes: [] }, meta };
}

const spring: Extractor = {
  id: EXTRACTOR_ID,
  title: 'Spring (@CrossOrigin, CorsRegistry, CorsConfiguration)',
  languages: ['java', 'yaml', 'properties'],
  filePatterns: ['**/*.java', '**/{application,bootstrap}*.{yml,yaml,properties}'],
  grammarFor: (f) => (isYaml(f.path) ? undefined : isProps(f.path) ? 'properties' : 'java'),
  mayContain: (text) => (SPRING.test(text) && CORS_NAMES.test(text)) || (HAND.test(text) && WEB.test(text)) || GATEWAY.test(text),
  extract: (file) => tryExtract(EXTRACTOR_ID, () => analyze(file)?.facts),
  renderFix: (req, facts, file) =>
    tryFix(() => {
      const a = analyze(file);
      return a ? renderSpringFix(req, facts, file, a.meta) : [];
    }),
};

export default spring;
