/** The service façade used by the LSP server and the CLI. */
export { analyzeDocument, applyEdits, extractorsFor, isSupported, MAX_FILE_CHARS } from './analyze.js';
export type { Analysis, DocumentInput } from './analyze.js';
export { selectExtractors } from './select.js';
export { TreeCache } from './documents.js';
export { hoverFromFacts, policyMarkdown } from './hover.js';
export type { HoverResult } from './hover.js';
export { disableComment, findSuppressions } from './suppress.js';
export { ruleDocsPath, ruleDocumentation, ruleHelpText, ruleMarkdown, ruleMarkdownBody } from './docs.js';
export { rules, ruleById } from '../rules/registry.js';
export { extractors } from '../extract/registry.js';
export { bySeverity, fixAll, preferredFix } from './fixall.js';
export { lineColumn } from './lines.js';
export type { AppliedFix, FixAllResult } from './fixall.js';
export { VERSION } from './version.js';
