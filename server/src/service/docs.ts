/**
 * Rule documentation as markdown: the generated pages docs/rules/<id>.md (`npm run docs`), the
 * "show documentation" request and SARIF's rule help. Where the pages are installed is not known here:
 * main.ts finds them and passes their URIs in.
 */
import { ruleById } from '../rules/registry.js';
import type { Rule } from '../rules/types.js';

/** Where a rule's page lives, relative to the package root (the .vsix and the npm package alike). */
export function ruleDocsPath(id: string): string {
  return `docs/rules/${id}.md`;
}

function fence(path: string, code: string): string {
  const lang = /\.(js|cjs|mjs)$/.test(path) ? 'js' : /\.tsx?$/.test(path) ? 'ts' : /\.php$/.test(path) ? 'php' : /\.py$/.test(path) ? 'python' : /\.config$/.test(path) ? 'xml' : /nginx/.test(path) ? 'nginx' : 'apache';
  return `\`${path}\`\n\n\`\`\`${lang}\n${code.replace(/\n$/, '')}\n\`\`\``;
}

/** Everything about a rule below its title: category, summary, why, fix, examples, references. */
export function ruleMarkdownBody(rule: Rule): string {
  const out = [
    `*${rule.category}* · default severity **${rule.severity}**${rule.fixable ? ' · quick fix' : ''}`,
    '',
    rule.docs.summary,
    '',
    `**Why.** ${rule.docs.why}`,
    '',
    `**Fix.** ${rule.docs.fix}`,
    '',
    'Flagged:',
    '',
    ...rule.examples.invalid.map((e) => fence(e.path, e.code) + '\n'),
    'Not flagged:',
    '',
    ...rule.examples.valid.map((e) => fence(e.path, e.code) + '\n'),
    'References: ' + rule.docs.references.map((r) => `<${r}>`).join(' · '),
  ];
  return out.join('\n');
}

export function ruleMarkdown(rule: Rule, headingLevel = 1): string {
  return `${'#'.repeat(headingLevel)} ${rule.id}\n\n${ruleMarkdownBody(rule)}`;
}

/** The same as plain text (SARIF `help.text`, for viewers that do not render markdown). */
export function ruleHelpText(rule: Rule): string {
  return [rule.docs.summary, `Why: ${rule.docs.why}`, `Fix: ${rule.docs.fix}`, `References: ${rule.docs.references.join(' ')}`].join('\n\n');
}

export function ruleDocumentation(id: string): string | undefined {
  const r = ruleById(id);
  return r ? ruleMarkdown(r) : undefined;
}
