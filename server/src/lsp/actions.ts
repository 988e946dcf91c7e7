/**
 * Code actions, as ESLint users know them: for each finding its fixes (the safe one marked preferred and
 * offered first), most severe finding first; then "disable for this line" and "show documentation"; and the
 * source action `source.fixAll.cors-lint`, which applies every preferred fix that verifies (service/fixall).
 */
import { CodeActionKind, CodeActionTriggerKind, type CodeAction, type CodeActionParams, type Diagnostic, type TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding, Settings } from '../model/index.js';
import { bySeverity, disableComment, fixAll, preferredFix, type Analysis, type DocumentInput } from '../service/index.js';
import { toRange, type DiagnosticData } from './convert.js';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.cors-lint`;

export interface ActionContext {
  doc: TextDocument;
  path: string;
  analysis: Analysis;
  settings: Settings;
  /** The document as it is now (the analysis may be of the saved text, in `run: onSave`). */
  input: DocumentInput;
  analysedText: string;
  /** The command that shows a rule's documentation (the client's, or the server's own). */
  docsCommand: string;
}

/** Does the client's `only` filter admit actions of `kind` (kinds are dot-separated hierarchies)? */
function wanted(only: string[] | undefined, kind: string): boolean {
  return !only || only.some((k) => kind === k || kind.startsWith(k + '.'));
}

function findingOf(doc: TextDocument, analysis: Analysis, d: Diagnostic): Finding | undefined {
  const data = d.data as DiagnosticData | undefined;
  const start = data?.start ?? doc.offsetAt(d.range.start);
  const end = data?.end ?? doc.offsetAt(d.range.end);
  return analysis.findings.find((f) => f.ruleId === d.code && f.span.start === start && f.span.end === end);
}

export async function codeActions(ctx: ActionContext, params: CodeActionParams): Promise<CodeAction[]> {
  const { doc, analysis } = ctx;
  const only = params.context.only;
  const actions: CodeAction[] = [];
  if (wanted(only, CodeActionKind.QuickFix)) {
    const ours = params.context.diagnostics
      .filter((d) => d.source === 'cors-lint' && typeof d.code === 'string')
      .map((d) => ({ d, f: findingOf(doc, analysis, d) }))
      .sort((a, b) => (a.f && b.f ? bySeverity(a.f, b.f) : (a.d.severity ?? 4) - (b.d.severity ?? 4)));
    const fixes: CodeAction[] = [];
    const disables: CodeAction[] = [];
    const docs: CodeAction[] = [];
    for (const { d, f } of ours) {
      for (const fix of f?.fixes ?? []) {
        fixes.push({
          title: fix.title,
          kind: CodeActionKind.QuickFix,
          diagnostics: [d],
          isPreferred: fix.preferred || undefined,
          edit: { changes: { [doc.uri]: fix.edits.map((e) => ({ range: toRange(doc, e.span), newText: e.newText })) } },
        });
      }
      disables.push(disableAction(ctx, d));
      docs.push({
        title: `Show documentation for ${d.code}`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [d],
        command: { title: 'Show documentation', command: ctx.docsCommand, arguments: [d.code] },
      });
    }
    actions.push(...fixes, ...disables, ...docs);
  }
  // Fix all: when asked for (source actions, code actions on save), or when the user invoked the menu
  // with no filter (Neovim, Helix) and there is something to fix; never on automatic requests (VS Code
  // asks on every cursor move and shows no source actions there).
  const asked = !!only && wanted(only, FIX_ALL_KIND);
  const invoked = !only && params.context.triggerKind !== CodeActionTriggerKind.Automatic;
  if (asked || (invoked && analysis.findings.some(preferredFix))) {
    const all = await fixAllAction(ctx);
    if (all) actions.push(all);
  }
  return actions;
}

/** "Disable for this line": a comment line above, with the same indentation. */
function disableAction(ctx: ActionContext, d: Diagnostic): CodeAction {
  const { doc } = ctx;
  const line = d.range.start.line;
  const lineText = doc.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } });
  const indent = /^[ \t]*/.exec(lineText)![0];
  const c = disableComment(ctx.path, ctx.analysis.languageId ?? doc.languageId, String(d.code));
  return {
    title: `Disable ${d.code} for this line`,
    kind: CodeActionKind.QuickFix,
    diagnostics: [d],
    edit: { changes: { [doc.uri]: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `${indent}${c.prefix}${c.suffix}\n` }] } },
  };
}

/** One edit that replaces the changed middle of the document (the text before and after stays put, so
 *  the editor keeps cursors and folds outside it). */
function minimalEdit(doc: TextDocument, before: string, after: string): TextEdit {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let endB = before.length;
  let endA = after.length;
  while (endB > start && endA > start && before[endB - 1] === after[endA - 1]) {
    endB--;
    endA--;
  }
  return { range: toRange(doc, { start, end: endB }), newText: after.slice(start, endA) };
}

async function fixAllAction(ctx: ActionContext): Promise<CodeAction | undefined> {
  const { doc } = ctx;
  const before = ctx.input.text;
  const r = await fixAll(ctx.input, ctx.settings, ctx.analysedText === before ? ctx.analysis : undefined);
  if (r.applied.length === 0) return undefined;
  const n = r.applied.length;
  return {
    title: `Fix all auto-fixable cors-lint problems (${n})`,
    kind: FIX_ALL_KIND,
    edit: { changes: { [doc.uri]: [minimalEdit(doc, before, r.text)] } },
  };
}
