import type { Diagnostic, DiagnosticRelatedInformation, Range } from 'vscode-languageserver';
import { DiagnosticSeverity } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding, Span } from '../model/index.js';

export function toRange(doc: TextDocument, span: Span): Range {
  return { start: doc.positionAt(span.start), end: doc.positionAt(span.end) };
}

const SEVERITY = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information } as const;

export interface DiagnosticData {
  ruleId: string;
  version: number;
  start: number;
  end: number;
}

/** The rule's documentation page as a URI that opens (given by the host), or undefined: no link then. */
export type DocsUri = (ruleId: string) => string | undefined;

export function toDiagnostic(doc: TextDocument, f: Finding, docsUri: DocsUri = () => undefined): Diagnostic {
  const related: DiagnosticRelatedInformation[] = f.related
    .filter((r) => !r.path)
    .map((r) => ({ location: { uri: doc.uri, range: toRange(doc, r.span) }, message: r.message }));
  const data: DiagnosticData = { ruleId: f.ruleId, version: doc.version, start: f.span.start, end: f.span.end };
  const href = docsUri(f.ruleId);
  return {
    range: toRange(doc, f.span),
    severity: SEVERITY[f.severity],
    source: 'cors-lint',
    code: f.ruleId,
    codeDescription: href ? { href } : undefined,
    message: f.message,
    relatedInformation: related.length ? related : undefined,
    data,
  };
}
