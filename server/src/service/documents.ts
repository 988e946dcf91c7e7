/**
 * Per-document syntax trees, kept between analyses so that an edit reparses incrementally
 * (tree.edit + parse with the old tree). Pure: no IO; the LSP layer owns the lifetime (close → forget).
 */
import { diffEdit, parseWith, type GrammarName, type Tree } from '../syntax/treeSitter.js';

interface Entry {
  text: string;
  trees: Map<GrammarName, Tree>;
}

export class TreeCache {
  private readonly entries = new Map<string, Entry>();

  /** The tree of `text` in `grammar`, reusing the previous tree of `key` when there is one. */
  tree(key: string | undefined, grammar: GrammarName, text: string): Tree | undefined {
    if (key === undefined) return parseWith(grammar, text);
    let e = this.entries.get(key);
    if (!e) {
      e = { text, trees: new Map() };
      this.entries.set(key, e);
    }
    if (e.text === text && e.trees.has(grammar)) return e.trees.get(grammar);
    if (e.text !== text) {
      const edit = diffEdit(e.text, text);
      for (const [g, t] of e.trees) {
        if (edit) t.edit(edit);
        e.trees.set(g, t);
      }
      e.text = text;
    }
    const old = e.trees.get(grammar);
    const fresh = parseWith(grammar, text, old);
    if (old && old !== fresh) old.delete();
    if (fresh) e.trees.set(grammar, fresh);
    else e.trees.delete(grammar);
    return fresh;
  }

  /** Forget a document (editor closed it). */
  forget(key: string): void {
    const e = this.entries.get(key);
    if (!e) return;
    for (const t of e.trees.values()) t.delete();
    this.entries.delete(key);
  }

  clear(): void {
    for (const k of [...this.entries.keys()]) this.forget(k);
  }
}
