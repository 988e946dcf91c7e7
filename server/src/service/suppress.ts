/**
 * Suppression comments, in any comment syntax of the file's language:
 *   cors-lint-disable-next-line [rule-id, ...]   the next line
 *   cors-lint-disable-line [rule-id, ...]        this line
 *   cors-lint-disable [rule-id, ...]             the whole file (a comment of its own)
 * Without ids, every rule is suppressed.
 */
import { resolveLanguage } from './languages.js';
import { lineIndex } from './lines.js';

const MARKER = /cors-lint-disable(-next-line|-line)?(?![\w-])((?:[ \t]+[a-z][a-z0-9-]*(?:[ \t]*,[ \t]*[a-z][a-z0-9-]*)*)?)/g;

export interface Suppressions {
  /** 0-based line → rule ids ('*' = all). */
  lines: Map<number, Set<string>>;
  file: Set<string>;
}

export function findSuppressions(text: string): Suppressions {
  const res: Suppressions = { lines: new Map(), file: new Set() };
  if (!text.includes('cors-lint-disable')) return res;
  const lineOf = lineIndex(text);
  for (const m of text.matchAll(MARKER)) {
    const ids = m[2].split(/[\s,]+/).filter(Boolean);
    const set = ids.length ? ids : ['*'];
    const line = lineOf(m.index!);
    const add = (l: number) => {
      if (!res.lines.has(l)) res.lines.set(l, new Set());
      for (const id of set) res.lines.get(l)!.add(id);
    };
    if (m[1] === '-next-line') add(line + 1);
    else if (m[1] === '-line') add(line);
    else for (const id of set) res.file.add(id);
  }
  return res;
}

export function isSuppressed(s: Suppressions, ruleId: string, line: number): boolean {
  if (s.file.has('*') || s.file.has(ruleId)) return true;
  const l = s.lines.get(line);
  return !!l && (l.has('*') || l.has(ruleId));
}

/** The comment that disables a rule on the next line, in the syntax of the file (`languageId`: the editor's
 *  or an already resolved one). */
export function disableComment(path: string, languageId: string | undefined, ruleId: string): { prefix: string; suffix: string } {
  const p = path.toLowerCase();
  const lang = resolveLanguage(languageId) ?? languageId?.toLowerCase() ?? '';
  const body = `cors-lint-disable-next-line ${ruleId}`;
  if (lang === 'xml' || /\.(config|xml)$/.test(p)) return { prefix: `<!-- ${body}`, suffix: ' -->' };
  if (lang === 'python' || lang === 'apacheconf' || lang === 'nginx' || lang === 'conf' || /\.(py|conf|nginx)$|htaccess$/.test(p)) return { prefix: `# ${body}`, suffix: '' };
  if (lang === 'ruby' || /\.(rb|ru)$/.test(p)) return { prefix: `# ${body}`, suffix: '' };
  return { prefix: `// ${body}`, suffix: '' };
}
