/**
 * IIS `web.config`: hand-written headers in `<system.webServer><httpProtocol><customHeaders>` and the
 * IIS CORS module (`<system.webServer><cors>`), at the root and in `<location path="...">` scopes.
 *
 * Semantics (Microsoft docs, MicrosoftDocs/iis-docs):
 * - customHeaders: "custom response headers are returned in every response" → always: true. The collection
 *   is keyed by `name`; a second `<add>` of the same name at one level is a configuration error (500.19),
 *   so it is stated as a second write (op 'add') that reaches the same response. `<remove>` / `<clear/>`
 *   drop inherited entries. A `<location path>` merges over the root (config inheritance).
 * - CORS module (cors-module-configuration-reference): `enabled` defaults to false; each `<add origin>` is a
 *   rule with its own allowCredentials / maxAge (default -1 = header not sent) / allowHeaders
 *   (allowAllRequestedHeaders echoes Access-Control-Request-Headers) / allowMethods / exposeHeaders;
 *   `allowed="false"` denies. `*` matches any origin; `https://*.a.com` wildcards the subdomain. With only `*`
 *   rules the module sends `Access-Control-Allow-Origin: *` and no Vary; otherwise it answers per request
 *   origin (and the docs imply it then adds `Vary: Origin`). Origin comparison is case-sensitive (System
 *   Center Orchestrator docs: "IIS CORS uses case-sensitive comparison").
 *
 * Layout: locations.ts (root and `<location>` scopes), customHeaders.ts, corsModule.ts and rule.ts (the
 * CORS module), mentions.ts (hover mentions), fix.ts (fix rendering), model.ts (what they share).
 */
import type { FileFacts } from '../../model/index.js';
import { parseXml } from '../../syntax/xml.js';
import type { Extractor, SourceFile } from '../types.js';
import { corsModulePolicies, readCorsSections } from './corsModule.js';
import { customHeaderPolicies, readCustomHeaders } from './customHeaders.js';
import { renderIisFix } from './fix.js';
import { collectLocations } from './locations.js';
import { collectMentions } from './mentions.js';
import { ID, type Found } from './model.js';

export function extractIis(file: SourceFile): Partial<FileFacts> {
  const text = file.text;
  const found: Found = { notes: [], headerWrites: [], policies: [], responses: [], headerMentions: [], wn: 0, pn: 0 };
  const { notes, headerWrites, policies, responses, headerMentions } = found;
  const doc = parseXml(text);
  if (doc.errors.length) notes.push(`${doc.errors.length} XML error(s), recovered: ${doc.errors[0]}`);
  const root = doc.roots.find((r) => r.name === 'configuration');

  // Hover mentions: any attribute value that is a CORS header name, and URL Rewrite server variables.
  collectMentions(doc.roots, headerMentions);
  if (!root) return { headerWrites, policies, responses, headerMentions, notes };

  const fileLabel = file.path.split('/').pop() || 'web.config';
  const transform = root.attributes.some((a) => a.name.startsWith('xmlns:') && /XML-Document-Transform/i.test(a.value ?? ''));

  // Collect the system.webServer sections per scope.
  const locations = collectLocations(root, fileLabel);
  for (const { data, ws } of locations.sections) {
    readCustomHeaders(ws, data, transform, found);
    readCorsSections(ws, data, transform, found);
  }

  // ---- customHeaders: responses and hand-written policies
  customHeaderPolicies(locations, transform, found);

  // ---- CORS module
  corsModulePolicies(locations, found);

  return { headerWrites, policies, responses, headerMentions, notes };
}

const extractor: Extractor = {
  id: ID,
  title: 'IIS web.config (customHeaders, CORS module)',
  languages: ['xml'],
  filePatterns: ['**/web.config', '**/Web.config', '**/web.*.config', '**/Web.*.config'],
  mayContain(text) {
    return /access[-_]?control|allow[-_]origin|<cors[\s>/]/i.test(text);
  },
  extract(file) {
    try {
      return extractIis(file);
    } catch (e) {
      return { notes: [`iis extractor failed: ${(e as Error)?.message ?? e}`] };
    }
  },
  renderFix(req, facts, file) {
    try {
      return renderIisFix(req, facts, file);
    } catch {
      return [];
    }
  },
};

export default extractor;
