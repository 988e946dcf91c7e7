/** Rule documentation as markdown (for the "show documentation" command, the README and SARIF). */
import { ruleById } from '../rules/registry.js';
import type { Rule } from '../rules/types.js';

export const DOCS_BASE = 'https://github.com/cors-lint/cors-lint/blob/main/README.md';

/** GitHub's anchor for the rule's heading in README.md. */
export function ruleDocsUrl(id: string): string {
  return `${DOCS_BASE}#${id}`;
}

function fence(path: string, code: string): string {
  const lang = /\.(js|cjs|mjs)$/.test(path) ? 'js' : /\.tsx?$/.test(path) ? 'ts' : /\.php$/.test(path) ? 'php' : /\.py$/.test(path) ? 'python' : /\.config$/.test(path) ? 'xml' : /nginx/.test(path) ? 'nginx' : 'apache';
  return `\`${path}\`\n\n\`\`\`${lang}\n${code.replace(/\n$/, '')}\n\`\`\``;
}

export function ruleMarkdown(rule: Rule, headingLevel = 1): string {
  const h = '#'.repeat(headingLevel);
  const out = [
    `${h} ${rule.id}`,
    '',
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

export function ruleDocumentation(id: string): string | undefined {
  const r = ruleById(id);
  return r ? ruleMarkdown(r) : undefined;
}
