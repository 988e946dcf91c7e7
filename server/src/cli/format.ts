/** CLI output formats: stylish (ESLint-like), json (ESLint's JSON formatter shape), SARIF 2.1.0. */
import type { Finding, Span } from '../model/index.js';
import type { CoverageSummary } from './coverage.js';
import { rules } from '../rules/registry.js';
import { lineColumn, preferredFix, ruleHelpText, ruleMarkdownBody } from '../service/index.js';

export interface FileResult {
  path: string;
  text: string;
  findings: Finding[];
  /** The fixed text, when --fix or --fix-dry-run changed it (ESLint's JSON `output`). */
  output?: string;
}

/** A file named on the command line that was not read, and why. */
export interface NotRead {
  path: string;
  reason: string;
}

/** What the run covered (cli/coverage.ts), for SARIF's invocation and run properties. */
export interface RunCoverage {
  summary: CoverageSummary;
  /** The coverage line printed on stderr. */
  line: string;
  notRead: NotRead[];
}

interface Pos {
  line: number;
  column: number;
}

/** The line index of the file whose findings are being written (one per file, not one scan per span). */
let index: { text: string; at: (offset: number) => Pos } | undefined;

/** 1-based line and column (UTF-16 code units) of each span end. */
function positions(text: string, span: Span): { start: Pos; end: Pos } {
  if (index?.text !== text) index = { text, at: lineColumn(text) };
  return { start: index.at(span.start), end: index.at(span.end) };
}

export function formatJson(results: FileResult[]): string {
  const out = results.map((r) => {
    const messages = r.findings.map((f) => {
      const p = positions(r.text, f.span);
      return {
        ruleId: f.ruleId,
        severity: f.severity === 'error' ? 2 : 1,
        message: f.message,
        line: p.start.line,
        column: p.start.column,
        endLine: p.end.line,
        endColumn: p.end.column,
      };
    });
    return {
      filePath: r.path,
      messages,
      errorCount: r.findings.filter((f) => f.severity === 'error').length,
      warningCount: r.findings.filter((f) => f.severity !== 'error').length,
      fixableErrorCount: r.findings.filter((f) => f.severity === 'error' && preferredFix(f)).length,
      fixableWarningCount: r.findings.filter((f) => f.severity !== 'error' && preferredFix(f)).length,
      ...(r.output !== undefined ? { output: r.output } : {}),
    };
  });
  return JSON.stringify(out) + '\n';
}

export function formatStylish(results: FileResult[], color: boolean): string {
  const c = (code: string, s: string) => (color ? `\x1b[${code}m${s}\x1b[0m` : s);
  const lines: string[] = [];
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  let fixable = 0;
  let choice = 0;
  for (const r of results) {
    if (r.findings.length === 0) continue;
    lines.push('', c('4', r.path));
    const rows = r.findings.map((f) => {
      const p = positions(r.text, f.span);
      if (f.severity === 'error') errors++;
      else if (f.severity === 'warning') warnings++;
      else infos++;
      if (preferredFix(f)) fixable++;
      else if (f.fixes.length) choice++;
      return [`${p.start.line}:${p.start.column}`, f.severity, f.message, f.ruleId];
    });
    const w0 = Math.max(...rows.map((x) => x[0].length));
    const w1 = Math.max(...rows.map((x) => x[1].length));
    for (const [pos, sev, msg, id] of rows) {
      const sevText = sev === 'error' ? c('31', sev.padEnd(w1)) : sev === 'warning' ? c('33', sev.padEnd(w1)) : c('36', sev.padEnd(w1));
      lines.push(`  ${c('2', pos.padStart(w0))}  ${sevText}  ${msg}  ${c('2', id)}`);
    }
  }
  const total = errors + warnings + infos;
  if (total === 0) return '';
  lines.push(
    '',
    c(errors ? '31;1' : '33;1', `✖ ${total} problem${total === 1 ? '' : 's'} (${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}, ${infos} info)`),
  );
  if (fixable) lines.push(`  ${fixable} of them can be fixed with the \`--fix\` option.`);
  if (choice) lines.push(`  ${choice} more have a quick fix that needs your choice (in the editor, or set trustedOrigins).`);
  return lines.join('\n') + '\n';
}

export function formatSarif(results: FileResult[], root: string, version: string, coverage?: RunCoverage): string {
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const level = (s: string) => (s === 'error' ? 'error' : s === 'warning' ? 'warning' : 'note');
  const rel = (p: string) => {
    const norm = p.replace(/\\/g, '/');
    const base = root.replace(/\\/g, '/').replace(/\/?$/, '/');
    return norm.startsWith(base) ? norm.slice(base.length) : norm;
  };
  const uri = (p: string) => rel(p).split('/').map(encodeURIComponent).join('/');
  const region = (text: string, span: Span) => {
    const p = positions(text, span);
    return { startLine: p.start.line, startColumn: p.start.column, endLine: p.end.line, endColumn: p.end.column };
  };
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'cors-lint',
            version,
            semanticVersion: version,
            // No informationUri / helpUri: the project has no web address. Each rule carries its whole
            // documentation page in `help` instead (code-scanning views show it next to the alert).
            rules: rules.map((r) => ({
              id: r.id,
              name: r.id.replace(/(^|-)([a-z])/g, (_m, _d, ch: string) => ch.toUpperCase()),
              shortDescription: { text: r.docs.summary },
              fullDescription: { text: `${r.docs.summary} ${r.docs.why}` },
              help: { text: ruleHelpText(r), markdown: ruleMarkdownBody(r) },
              defaultConfiguration: { level: level(r.severity) },
              properties: {
                tags: ['cors', r.category], // 'security' is a category: code scanning lists those as security alerts
                precision: 'high',
                ...(r.category === 'security' ? { 'security-severity': r.severity === 'error' ? '8.1' : '5.3' } : {}),
              },
            })),
          },
        },
        ...(coverage ? sarifCoverage(coverage, uri) : {}),
        originalUriBaseIds: { '%SRCROOT%': { uri: 'file://' + root.replace(/\\/g, '/').replace(/\/?$/, '/') } },
        columnKind: 'utf16CodeUnits',
        results: results.flatMap((r) =>
          r.findings.map((f) => ({
            ruleId: f.ruleId,
            ruleIndex: ruleIndex.get(f.ruleId),
            level: level(f.severity),
            message: { text: f.message },
            locations: [{ physicalLocation: { artifactLocation: { uri: uri(r.path), uriBaseId: '%SRCROOT%' }, region: region(r.text, f.span) } }],
            relatedLocations: f.related.length
              ? f.related.map((rl, i) => ({
                  id: i,
                  message: { text: rl.message },
                  physicalLocation: { artifactLocation: { uri: uri(rl.path ?? r.path), uriBaseId: '%SRCROOT%' }, region: region(r.text, rl.span) },
                }))
              : undefined,
            fixes: f.fixes.length
              ? f.fixes.map((fx) => ({
                  description: { text: fx.title },
                  artifactChanges: [
                    {
                      artifactLocation: { uri: uri(r.path), uriBaseId: '%SRCROOT%' },
                      replacements: fx.edits.map((e) => ({ deletedRegion: region(r.text, e.span), insertedContent: { text: e.newText } })),
                    },
                  ],
                }))
              : undefined,
          })),
        ),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}

/** The coverage line and the named files not read as notifications of the run's invocation (code scanning
 *  shows them on its tool status page); the counts as a property of the run. */
function sarifCoverage(c: RunCoverage, uri: (path: string) => string) {
  return {
    invocations: [
      {
        executionSuccessful: true,
        toolExecutionNotifications: [
          { descriptor: { id: 'coverage' }, level: 'note', message: { text: c.line } },
          ...c.notRead.map((n) => ({
            descriptor: { id: 'not-read' },
            level: 'warning',
            message: { text: `not read: ${n.reason}` },
            locations: [{ physicalLocation: { artifactLocation: { uri: uri(n.path), uriBaseId: '%SRCROOT%' } } }],
          })),
        ],
      },
    ],
    properties: { coverage: c.summary },
  };
}
