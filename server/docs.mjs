// Regenerates the generated parts of README.md from the rule metadata (`npm run docs`).
// test/unit/readme.test.mjs fails when README.md is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export async function generatedSections() {
  const { rules } = await import(join(root, 'dist/lib/rules/registry.js'));
  const { ruleMarkdown } = await import(join(root, 'dist/lib/service/docs.js'));
  const table = [
    '| Rule | Category | Default | Fix | What it finds |',
    '|---|---|---|---|---|',
    ...rules.map((r) => `| [${r.id}](#${r.id}) | ${r.category} | ${r.severity} | ${r.fixable ? 'yes' : '—'} | ${r.docs.summary.replace(/\|/g, '\\|')} |`),
  ].join('\n');
  const details = rules.map((r) => ruleMarkdown(r, 3)).join('\n\n');
  return { table, details };
}

export function replaceSection(text, name, body) {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const i = text.indexOf(start);
  const j = text.indexOf(end);
  if (i === -1 || j === -1) throw new Error(`README.md lacks the ${name} markers`);
  return text.slice(0, i + start.length) + '\n' + body + '\n' + text.slice(j);
}

export async function renderReadme(text) {
  const { table, details } = await generatedSections();
  return replaceSection(replaceSection(text, 'rules-table', table), 'rules-details', details);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const p = join(root, 'README.md');
  writeFileSync(p, await renderReadme(readFileSync(p, 'utf8')));
  console.log('README.md updated');
}
