import type { Diagnostic, DiagnosticRelatedInformation, Range } from 'vscode-languageserver';
import { DiagnosticSeverity } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding, Span } from '../model/index.js';
import { ruleDocsUrl } from '../service/index.js';

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

export function toDiagnostic(doc: TextDocument, f: Finding): Diagnostic {
  const related: DiagnosticRelatedInformation[] = f.related
    .filter((r) => !r.path)
    .map((r) => ({ location: { uri: doc.uri, range: toRange(doc, r.span) }, message: r.message }));
  const data: DiagnosticData = { ruleId: f.ruleId, version: doc.version, start: f.span.start, end: f.span.end };
  return {
    range: toRange(doc, f.span),
    severity: SEVERITY[f.severity],
    source: 'cors-lint',
    code: f.ruleId,
    codeDescription: { href: ruleDocsUrl(f.ruleId) },
    message: f.message,
    relatedInformation: related.length ? related : undefined,
    data,
  };
}
