import type { FileFacts, FixRequest, TextEdit } from '../model/index.js';
import type { GrammarName, Tree } from '../syntax/treeSitter.js';

/** Read access to the other files of the workspace, given by the host (CLI: the file system; language
 *  server: open documents first, then the disk). Paths use forward slashes, absolute like SourceFile.path.
 *  Both never throw; undefined = not there (or not readable, too large, outside the workspace). */
export interface Workspace {
  /** The text of a file. */
  read(path: string): string | undefined;
  /** The names of the entries (files and folders) of a folder. */
  list(dir: string): string[] | undefined;
}

/** One file handed to an extractor. */
export interface SourceFile {
  /** Path with forward slashes (absolute or workspace-relative); used for file patterns and messages. */
  path: string;
  text: string;
  /** LSP language id when the editor knows it. */
  languageId?: string;
  /** The syntax tree of this file in `grammar` (already loaded and parsed, incrementally when editing).
   *  Undefined if the grammar could not be loaded. */
  tree(grammar: GrammarName): Tree | undefined;
  /** Other files of the workspace (nginx `include`). Absent: single-file analysis. */
  workspace?: Workspace;
}

export interface Extractor {
  /** Kebab-case id, equal to its folder name under extract/. */
  id: string;
  title: string;
  /** LSP language ids this extractor reads. */
  languages: string[];
  /** Globs matched against the path (forward slashes): `**` any folders, `*` within a name, `{a,b}`. */
  filePatterns: string[];
  /** The tree-sitter grammar the file needs, if any (may depend on the extension). */
  grammarFor?(file: { path: string; languageId?: string }): GrammarName | undefined;
  /** Cheap keyword precheck on the raw text (no parsing). False = the file certainly holds nothing. */
  mayContain(text: string): boolean;
  /** Never throws: tolerate half-typed input and return partial facts. */
  extract(file: SourceFile): Partial<FileFacts>;
  /** Render a rule's semantic fix in this format's syntax. Return undefined to fall back to the
   *  generic renderer (extract/common.ts), or [] when the fix cannot be written safely here. */
  renderFix?(req: FixRequest, facts: FileFacts, file: SourceFile): TextEdit[] | undefined;
}
