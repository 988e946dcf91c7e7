/** The hand-written header writes of a PHP file, found by the engine with the PHP write table, with the ids
 *  and scopes the facts carry (the fix renderer finds a fact's call again through them). */
import { codeOf, collectWrites, PHP_TABLE, type WriteSite } from '../../code/index.js';
import type { SourceFile } from '../types.js';
import { scopeLabeller } from './scopes.js';
import { PHP_WRITES } from './writeTable.js';

/** PHP's header() refuses a line with a line break or NUL in it (it sends nothing). */
const refused = (s: WriteSite): boolean => 'line' in s.form && s.form.line !== undefined && s.write.value.kind === 'literal' && /[\r\n\0]/.test(s.write.value.text);

/** The hand-written writes of a file, with their ids and scopes as the facts carry them. */
export function phpSites(file: SourceFile): WriteSite[] | undefined {
  const tree = file.tree('php');
  if (!tree) return undefined;
  const code = codeOf(tree.rootNode, file.text, PHP_TABLE);
  const label = scopeLabeller(code.program, file.path, file.text);
  const sites = collectWrites(code, PHP_WRITES).filter((s) => !refused(s));
  sites.forEach((s, i) => (s.write = { ...s.write, id: `w${i + 1}`, scope: label(s.fn) }));
  return sites;
}
