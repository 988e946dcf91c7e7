/**
 * The pure analysis service: SourceFile → extractors → facts → rules → findings (+ rendered fixes).
 * No IO, no LSP, no node:* imports.
 */
import type { FileFacts, Finding, Fix, FixRequest, Settings, Severity, TextEdit } from '../model/index.js';
import { emptyFacts } from '../model/index.js';
import { renderGenericFix } from '../extract/common.js';
import type { Extractor, SourceFile, Workspace } from '../extract/types.js';
import { rules } from '../rules/registry.js';
import type { Report, Rule } from '../rules/types.js';
import { ensureGrammar, parseWith, type GrammarName, type Tree } from '../syntax/treeSitter.js';
import { selectExtractors } from './select.js';
import { findSuppressions, isSuppressed } from './suppress.js';
import { lineIndex } from './lines.js';
import type { TreeCache } from './documents.js';

export { extractorsFor, isSupported } from './select.js';

export interface DocumentInput {
  /** Path with forward slashes (absolute or relative); decides which extractors apply. */
  path: string;
  text: string;
  languageId?: string;
  /** Cache key for incremental parsing (the document URI in the editor). */
  key?: string;
  /** Read access to the other workspace files (followed by nginx `include`); absent = single file. */
  workspace?: Workspace;
}

export interface Analysis {
  findings: Finding[];
  facts: FileFacts;
  /** Ids of the extractors that read the file (passed the precheck). */
  extractors: string[];
  /** Ids of the extractors whose file name, language or content fits the file (before the precheck);
   *  empty: no supported format was recognised, the file was not read. */
  selected: string[];
  /** The language the file was read as (languages.ts: the editor's id resolved), if one was decided. */
  languageId?: string;
  notes: string[];
}

/** Files larger than this are not analysed (generated bundles, dumps). */
export const MAX_FILE_CHARS = 2_000_000;

function prefixFacts(prefix: string, part: Partial<FileFacts>, into: FileFacts): void {
  const p = (id: string) => `${prefix}:${id}`;
  for (const w of part.headerWrites ?? []) into.headerWrites.push({ ...w, id: p(w.id) });
  for (const pol of part.policies ?? []) into.policies.push({ ...pol, id: p(pol.id), writeIds: pol.writeIds.map(p) });
  for (const r of part.responses ?? []) into.responses.push({ ...r, writeIds: r.writeIds.map(p) });
  into.requests.push(...(part.requests ?? []));
  into.headerMentions.push(...(part.headerMentions ?? []));
  into.optionMentions.push(...(part.optionMentions ?? []));
  into.notes.push(...(part.notes ?? []).map((n) => `${prefix}: ${n}`));
}

function unprefix(req: FixRequest, prefix: string): FixRequest | undefined {
  const strip = (id: string) => (id.startsWith(prefix + ':') ? id.slice(prefix.length + 1) : undefined);
  switch (req.kind) {
    case 'replace-text':
      return req;
    case 'set-header-value':
    case 'set-header-name':
    case 'remove-write':
    case 'set-always': {
      const id = strip(req.writeId);
      return id === undefined ? undefined : { ...req, writeId: id };
    }
    case 'add-header': {
      const id = strip(req.afterWriteId);
      return id === undefined ? undefined : { ...req, afterWriteId: id };
    }
    default: {
      const id = strip(req.policyId);
      return id === undefined ? undefined : { ...req, policyId: id };
    }
  }
}

function interpolate(template: string, data: Record<string, string | number> | undefined): string {
  return template.replace(/\{\{(\w+)\}\}/g, (m, k: string) => (data && k in data ? String(data[k]) : m));
}

function effectiveSeverity(rule: Rule, report: Report, settings: Settings): Severity | undefined {
  const configured = settings.rules[rule.id];
  if (configured === 'off') return undefined;
  if (configured) return configured;
  return report.severity ?? rule.severity;
}

interface ExtractorRun {
  ext: Extractor;
  facts: FileFacts;
}

function validEdits(edits: TextEdit[], length: number): boolean {
  const sorted = [...edits].sort((a, b) => a.span.start - b.span.start);
  let last = -1;
  for (const e of sorted) {
    if (e.span.start < 0 || e.span.end > length || e.span.start > e.span.end || e.span.start < last) return false;
    last = e.span.end;
  }
  return true;
}

/** Render a rule's fix requests with the extractor that produced the facts they refer to. */
function renderFix(requests: FixRequest[], runs: ExtractorRun[], file: SourceFile): TextEdit[] | undefined {
  const edits: TextEdit[] = [];
  for (const req of requests) {
    let done = false;
    for (const run of runs) {
      const local = unprefix(req, run.ext.id);
      if (!local) continue;
      let out: TextEdit[] | undefined;
      try {
        out = run.ext.renderFix?.(local, run.facts, file);
        if (out === undefined) out = renderGenericFix(local, run.facts, file);
      } catch {
        out = [];
      }
      if (out.length === 0) return undefined;
      edits.push(...out);
      done = true;
      break;
    }
    if (!done) return undefined;
  }
  if (edits.length === 0 || !validEdits(edits, file.text.length)) return undefined;
  // Drop no-op edits; a fix that changes nothing is no fix.
  const changing = edits.filter((e) => file.text.slice(e.span.start, e.span.end) !== e.newText);
  return changing.length ? changing : undefined;
}

function looksBinary(text: string): boolean {
  const head = text.slice(0, 8000);
  return head.includes('\u0000');
}

/** Analyse one document. Never throws. */
export async function analyzeDocument(input: DocumentInput, settings: Settings, trees?: TreeCache): Promise<Analysis> {
  const facts = emptyFacts();
  const result: Analysis = { findings: [], facts, extractors: [], selected: [], notes: [] };
  if (!settings.enable) return result;
  const { text } = input;
  if (text.length > MAX_FILE_CHARS) {
    result.notes.push(`skipped: larger than ${MAX_FILE_CHARS} characters`);
    return result;
  }
  if (looksBinary(text)) {
    result.notes.push('skipped: binary content');
    return result;
  }
  const selection = selectExtractors(input.path, input.languageId, text);
  const languageId = selection.languageId;
  result.languageId = languageId;
  result.selected = selection.extractors.map((e) => e.id);
  const candidates = selection.extractors.filter((e) => {
    try {
      return e.mayContain(text);
    } catch {
      return false;
    }
  });
  if (candidates.length === 0) return result; // the common case in a workspace scan: read, search, done
  const runs: ExtractorRun[] = [];
  const parsed = new Map<GrammarName, Tree | undefined>();
  const ownTrees: Tree[] = [];
  const cached = trees && input.key !== undefined ? trees : undefined;
  const file: SourceFile = {
    path: input.path,
    text,
    languageId,
    workspace: input.workspace,
    tree(g) {
      if (!parsed.has(g)) {
        if (cached) parsed.set(g, cached.tree(input.key, g, text));
        else {
          // One-shot parse (CLI): deleted when the analysis ends.
          const t = parseWith(g, text);
          if (t) ownTrees.push(t);
          parsed.set(g, t);
        }
      }
      return parsed.get(g);
    },
  };
  try {
    for (const ext of candidates) {
      const grammar = ext.grammarFor?.({ path: input.path, languageId });
      if (grammar && !(await ensureGrammar(grammar))) {
        result.notes.push(`${ext.id}: grammar ${grammar} could not be loaded`);
        continue;
      }
      let part: Partial<FileFacts>;
      try {
        part = ext.extract(file);
      } catch (e) {
        result.notes.push(`${ext.id}: extractor failed: ${(e as Error)?.message ?? e}`);
        continue;
      }
      const local: FileFacts = {
        policies: part.policies ?? [],
        headerWrites: part.headerWrites ?? [],
        responses: part.responses ?? [],
        requests: part.requests ?? [],
        headerMentions: part.headerMentions ?? [],
        optionMentions: part.optionMentions ?? [],
        notes: part.notes ?? [],
      };
      runs.push({ ext, facts: local });
      prefixFacts(ext.id, local, facts);
      result.extractors.push(ext.id);
    }
    result.notes.push(...facts.notes);
    result.findings = runRules(facts, settings, runs, file);
  } finally {
    for (const t of ownTrees) t.delete();
  }
  return result;
}


function runRules(facts: FileFacts, settings: Settings, runs: ExtractorRun[], file: SourceFile): Finding[] {
  const findings: Finding[] = [];
  const suppressions = findSuppressions(file.text);
  const lineOf = lineIndex(file.text);
  for (const rule of rules) {
    if (settings.rules[rule.id] === 'off') continue;
    const reports: Report[] = [];
    try {
      rule.check(facts, { settings, report: (r) => reports.push(r) });
    } catch {
      continue;
    }
    for (const r of reports) {
      const severity = effectiveSeverity(rule, r, settings);
      if (!severity) continue;
      if (isSuppressed(suppressions, rule.id, lineOf(r.span.start))) continue;
      const template = rule.messages[r.messageId] ?? r.messageId;
      const fixes: Fix[] = [];
      for (const offer of r.fixes ?? []) {
        const edits = renderFix(offer.requests, runs, file);
        // At most one preferred fix per finding (the first the rule offers), and it comes first.
        if (edits) fixes.push({ title: offer.title, edits, preferred: !!offer.preferred && !fixes.some((x) => x.preferred) });
      }
      fixes.sort((a, b) => Number(b.preferred) - Number(a.preferred));
      findings.push({
        ruleId: rule.id,
        severity,
        message: interpolate(template, r.data),
        span: r.span,
        related: r.related ?? [],
        fixes,
      });
    }
  }
  // Stable order: by position, then rule.
  findings.sort((a, b) => a.span.start - b.span.start || a.ruleId.localeCompare(b.ruleId));
  return dedupe(findings);
}

function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const k = `${f.ruleId}|${f.span.start}|${f.span.end}|${f.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Apply text edits (non-overlapping) to a text. */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.span.start - a.span.start);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.span.start) + e.newText + out.slice(e.span.end);
  return out;
}
