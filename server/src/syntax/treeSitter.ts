/**
 * Lazy tree-sitter loading: one WASM runtime, one grammar per language, loaded the first time a file of
 * that language passes an extractor's keyword precheck. The .wasm files sit next to the bundle
 * (dist/server/wasm/) or, when running from source, in node_modules.
 */
import { Parser, Language, Edit, type Tree, type Node } from 'web-tree-sitter';

export type { Tree, Node };
export { Edit };

export type GrammarName =
  | 'javascript' | 'typescript' | 'tsx' | 'python' | 'php'
  | 'java' | 'csharp' | 'go' | 'ruby' | 'toml' | 'hcl' | 'properties';

const WASM_FILES: Record<GrammarName | 'runtime', string> = {
  runtime: 'web-tree-sitter.wasm',
  javascript: 'tree-sitter-javascript.wasm',
  typescript: 'tree-sitter-typescript.wasm',
  tsx: 'tree-sitter-tsx.wasm',
  python: 'tree-sitter-python.wasm',
  php: 'tree-sitter-php.wasm',
  java: 'tree-sitter-java.wasm',
  csharp: 'tree-sitter-c_sharp.wasm',
  go: 'tree-sitter-go.wasm',
  ruby: 'tree-sitter-ruby.wasm',
  toml: 'tree-sitter-toml.wasm',
  hcl: 'tree-sitter-hcl.wasm',
  properties: 'tree-sitter-properties.wasm',
};

/** Where to find the .wasm files: a function from file name to a path or URL. Set once by the entry point. */
let locate: (file: string) => string = (f) => f;
export function setWasmLocator(fn: (file: string) => string): void {
  locate = fn;
}
export function wasmFileNames(): string[] {
  return Object.values(WASM_FILES);
}

let runtime: Promise<void> | undefined;
const languages = new Map<GrammarName, Promise<Language | undefined>>();
const loaded = new Map<GrammarName, Language>();
const parsers = new Map<GrammarName, Parser>();

function initRuntime(): Promise<void> {
  runtime ??= Parser.init({ locateFile: () => locate(WASM_FILES.runtime) });
  return runtime;
}

/** Load a grammar (once). Resolves to false when it cannot be loaded; never rejects. */
export async function ensureGrammar(name: GrammarName): Promise<boolean> {
  let p = languages.get(name);
  if (!p) {
    p = initRuntime()
      .then(() => Language.load(locate(WASM_FILES[name])))
      .then((lang) => {
        loaded.set(name, lang);
        return lang;
      })
      .catch(() => undefined);
    languages.set(name, p);
  }
  return (await p) !== undefined;
}

export function isGrammarLoaded(name: GrammarName): boolean {
  return loaded.has(name);
}

/** Parse synchronously with an already loaded grammar. `old` must already have been edited with
 *  `tree.edit()` to match `text`. Returns undefined if the grammar is not loaded or parsing fails. */
export function parseWith(name: GrammarName, text: string, old?: Tree): Tree | undefined {
  const lang = loaded.get(name);
  if (!lang) return undefined;
  let parser = parsers.get(name);
  if (!parser) {
    parser = new Parser();
    parser.setLanguage(lang);
    parsers.set(name, parser);
  }
  try {
    return parser.parse(text, old) ?? undefined;
  } catch {
    return undefined;
  }
}

/** Compute the single edit that turns `oldText` into `newText` (common prefix/suffix), in the form
 *  tree.edit() wants. Returns undefined when the texts are equal. */
export function diffEdit(oldText: string, newText: string): Edit | undefined {
  if (oldText === newText) return undefined;
  const min = Math.min(oldText.length, newText.length);
  let start = 0;
  while (start < min && oldText.charCodeAt(start) === newText.charCodeAt(start)) start++;
  let endOld = oldText.length;
  let endNew = newText.length;
  while (endOld > start && endNew > start && oldText.charCodeAt(endOld - 1) === newText.charCodeAt(endNew - 1)) {
    endOld--;
    endNew--;
  }
  // web-tree-sitter indexes JS strings in UTF-16 code units, like our spans.
  return new Edit({
    startIndex: start,
    oldEndIndex: endOld,
    newEndIndex: endNew,
    startPosition: pointAt(oldText, start),
    oldEndPosition: pointAt(oldText, endOld),
    newEndPosition: pointAt(newText, endNew),
  });
}

function pointAt(text: string, offset: number): { row: number; column: number } {
  let row = 0;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    row++;
    lineStart = i + 1;
  }
  return { row, column: offset - lineStart };
}
