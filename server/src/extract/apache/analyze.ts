/**
 * Apache httpd analysis: `Header` directives of mod_headers (in httpd.conf, vhost files and .htaccess),
 * the env variables they read (`SetEnvIf Origin ...`, `RewriteRule ... [E=...]`), `<If>` expressions, and the
 * mod_rewrite answer to OPTIONS preflights.
 *
 * Semantics (mod_headers.c, httpd 2.4):
 * - `Header [onsuccess|always] action name [value] [early|env=[!]var|expr=...]`; the condition selects one
 *   of two tables. `always` goes to err_headers_out (sent on every response, errors included), onsuccess
 *   to headers_out (cleared on error responses). Both tables are sent on a 2xx response, so the same header
 *   set in both is sent twice.
 * - In one table: set replaces, add adds another header line, append/merge join into the existing line
 *   (merge only when the value is not there yet), setifempty only when absent, unset removes, edit rewrites.
 * - Sections merge outer before inner (the per-dir merge appends the inner list after the outer one).
 * - A value `%{VAR}e` is the env variable VAR; `expr=...` is an ap_expr string expression.
 * - A mod_rewrite rule with a non-redirect status (`[R=200]`) answers through the error path, where only
 *   the `always` table is sent.
 *
 * Layout: model.ts (scope tree, drafts, env setters), sections.ts (the walk and directive dispatch),
 * header.ts (`Header`), envSetters.ts (SetEnvIf / RewriteRule [E=] origin idioms, preflight rules),
 * names.ts (CORS names, hover mentions), values.ts (value resolution), tables.ts (onsuccess/always
 * tables), responses.ts (responses and policies); expr.ts reads ap_expr, fix.ts renders fixes.
 */
import type { FileFacts } from '../../model/index.js';
import { parseApache } from '../../syntax/apache.js';
import type { SourceFile } from '../types.js';
import type { Ctx, ScopeNode } from './model.js';
import { buildResponses } from './responses.js';
import { fileLabel, walk } from './sections.js';
import { resolveValue } from './values.js';

export function extract(file: SourceFile): Partial<FileFacts> {
  return analyze(file).facts;
}

/** The facts plus the internal model (env setters, drafts) that fix rendering needs. */
export function analyze(file: SourceFile): { facts: FileFacts; ctx?: Ctx } {
  const facts: FileFacts = { policies: [], headerWrites: [], responses: [], requests: [], headerMentions: [], optionMentions: [], notes: [] };
  try {
    const text = file.text;
    if (text.length > 5_000_000) {
      facts.notes.push('apache: file too large, skipped');
      return { facts };
    }
    const parsed = parseApache(text);
    for (const e of parsed.errors.slice(0, 20)) facts.notes.push(`apache: ${e.message} at ${e.span.start}`);
    const label = fileLabel(file.path);
    const root: ScopeNode = {
      scope: { kind: 'file', label, path: [label] },
      children: [],
      lname: '',
      writes: [],
      rewriteConds: [],
      preflightRules: [],
    };
    const ctx: Ctx = { text, facts, drafts: [], env: new Map(), nextId: 1 };
    walk(ctx, parsed.nodes, root, file);
    for (const d of ctx.drafts) {
      if (d.write.op !== 'unset' && d.write.op !== 'edit') d.write.value = resolveValue(ctx, d);
      if (d.own?.varyOrigin) d.varyOrigin = true;
      facts.headerWrites.push(d.write);
    }
    buildResponses(ctx, root);
    return { facts, ctx };
  } catch (e) {
    facts.notes.push(`apache: internal error: ${(e as Error)?.message ?? String(e)}`);
  }
  return { facts };
}
