/**
 * The language ids editors really send, and the one each extractor reads a file as.
 *
 * An editor names a file's language its own way: Neovim calls `.htaccess` and `httpd.conf` `apache`, VS Code
 * (this extension, mrmlnc.vscode-apache) `apacheconf`; Helix says `jsx`/`tsx` where VS Code says
 * `javascriptreact`/`typescriptreact`; some nginx extensions spell it `NGINX`. Ids are compared in lower case.
 *
 * Some ids are too generic to claim a file (`xml`, `json`, `yaml`, `conf`, `plaintext`): any XML file is not
 * an IIS web.config. For those, the file name decides (the extractors' file patterns), and else a cheap,
 * conservative look at the content: read as a format only what can be nothing else, never guess.
 */

/** Editor language id (lower case) → the id the extractors read (extract/<name>/index.ts `languages`). */
export const LANGUAGE_ALIASES: Readonly<Record<string, string>> = {
  apache: 'apacheconf', // Neovim, Vim
  apacheconf: 'apacheconf', // VS Code: this extension, mrmlnc.vscode-apache
  nginx: 'nginx', // Neovim, Helix, VS Code nginx extensions (also `NGINX`)
  javascript: 'javascript',
  javascriptreact: 'javascriptreact', // Neovim, VS Code, Helix's jsx (its language-id)
  jsx: 'javascriptreact', // Helix's language name, sent when no language-id is set
  typescript: 'typescript',
  typescriptreact: 'typescriptreact',
  tsx: 'typescriptreact',
  python: 'python',
  php: 'php',
};

/** Ids that never claim a file by themselves. */
export const GENERIC_LANGUAGES: ReadonlySet<string> = new Set(['xml', 'json', 'jsonc', 'yaml', 'conf', 'plaintext', 'text']);

/** Generic ids whose content may show Apache or nginx syntax (a `conf` file of Neovim, a plain text file).
 *  Not JSON or YAML: they embed nginx snippets (ingress annotations) whose offsets are not the file's. */
const SERVER_CONFIG_IDS: ReadonlySet<string> = new Set(['conf', 'plaintext', 'text']);

/** Only the start of a file is looked at (the decision must stay cheap on large files). */
const HEAD_CHARS = 64_000;

const XML_PROLOG = /^(?:\s|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>]*>)*/;

/** An IIS configuration: the root element is `<configuration>` and it has a `<system.webServer>` section. */
export function looksLikeIisConfig(text: string): boolean {
  const head = text.slice(0, HEAD_CHARS).replace(/^\uFEFF/, '');
  const rest = head.slice(XML_PROLOG.exec(head)![0].length);
  return /^<configuration[\s>/]/.test(rest) && /<system\.webServer[\s>/]/.test(text);
}

/** Symfony's NelmioCorsBundle configuration: a `nelmio_cors:` key (top level, or under `when@<env>:`). */
export function looksLikeNelmioConfig(text: string): boolean {
  return /^[ \t]*nelmio_cors[ \t]*:/m.test(text.slice(0, HEAD_CHARS));
}

/** An Apache `Header` directive at the start of a line: `Header [always|onsuccess] set|add|append|… Name`. */
const APACHE_HEADER = /^[ \t]*Header[ \t]+(?:(?:always|onsuccess)[ \t]+)?(?:set|add|append|merge|setifempty|unset|edit\*?|echo)[ \t]/im;

/** Apache httpd syntax: a `Header` directive (nginx has none). */
export function looksLikeApache(text: string): boolean {
  return APACHE_HEADER.test(text.slice(0, HEAD_CHARS));
}

const NGINX_DIRECTIVE = /^[ \t]*(?:add_header|more_set_headers)[ \t]/m;
const NGINX_BLOCK = /^[ \t]*(?:server|http|location[ \t][^;{}\n]*)[ \t]*\{/m;

/** nginx syntax: `add_header` / `more_set_headers`, or a `server {`, `http {` or `location … {` block. */
export function looksLikeNginx(text: string): boolean {
  const head = text.slice(0, HEAD_CHARS);
  return NGINX_DIRECTIVE.test(head) || NGINX_BLOCK.test(head);
}

/** The id the extractors read a file as: the editor's id through the alias table; for a generic id, what
 *  the content shows unambiguously (else undefined: then only the file name selects extractors). Ids not in
 *  either table pass through (in lower case). */
export function resolveLanguage(languageId: string | undefined, text?: string): string | undefined {
  if (!languageId) return undefined;
  const id = languageId.toLowerCase();
  const alias = LANGUAGE_ALIASES[id];
  if (alias) return alias;
  if (!GENERIC_LANGUAGES.has(id)) return id;
  if (text === undefined) return undefined;
  if (id === 'xml') return looksLikeIisConfig(text) ? 'xml' : undefined;
  if (id === 'yaml') return looksLikeNelmioConfig(text) ? 'yaml' : undefined;
  if (SERVER_CONFIG_IDS.has(id)) {
    const apache = looksLikeApache(text);
    const nginx = looksLikeNginx(text);
    if (apache !== nginx) return apache ? 'apacheconf' : 'nginx';
  }
  return undefined;
}
