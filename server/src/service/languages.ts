/**
 * The language ids editors really send, and the one each extractor reads a file as.
 *
 * An editor names a file's language its own way: Neovim calls `.htaccess` and `httpd.conf` `apache`, VS Code
 * (this extension, mrmlnc.vscode-apache) `apacheconf`; Helix says `jsx`/`tsx` where VS Code says
 * `javascriptreact`/`typescriptreact`; some nginx extensions spell it `NGINX`. Ids are compared in lower case.
 *
 * Some ids are too generic to claim a file (`xml`, `json`, `yaml`, `conf`, `plaintext`): any XML file is not
 * an IIS web.config. For those, the file name decides (the extractors' file patterns), and else a cheap,
 * conservative look at the content: read as a format only what can be nothing else, never guess
 * (server-config.ts decides Apache or nginx).
 */
import { mayHoldAwsCors } from '../extract/aws/index.js';
import { mayHoldIngress } from '../extract/ingress/index.js';
import { serverConfigLanguage } from './server-config.js';

export { looksLikeApache, looksLikeNginx, serverConfigFormat, serverConfigLanguage } from './server-config.js';

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
  csharp: 'csharp', // VS Code (C# extension), Helix's language-id
  cs: 'csharp', // Neovim, Vim
  'c-sharp': 'csharp', // Helix's language name
  caddyfile: 'caddyfile', // VS Code's Caddyfile extensions, Neovim, Helix
  ruby: 'ruby',
  terraform: 'terraform', // VS Code (HashiCorp Terraform), Neovim
  hcl: 'terraform', // Helix names .tf files hcl
  java: 'java', // VS Code, Neovim, Helix
  go: 'go',
};

/** Generic ids whose content may show Apache or nginx syntax: Neovim's `conf`, plain text, and VS Code's
 *  `properties` (its built-in language for `*.conf`) and `ini`. Not JSON or YAML: they embed nginx snippets
 *  (ingress annotations) whose offsets are not the file's. */
export const SERVER_CONFIG_IDS: ReadonlySet<string> = new Set(['conf', 'plaintext', 'text', 'properties', 'ini', 'dosini']);

/** Ids that never claim a file by themselves. */
/** `toml`: netlify.toml and Traefik's dynamic config are read by name and content, never every TOML file. */
export const GENERIC_LANGUAGES: ReadonlySet<string> = new Set(['xml', 'json', 'jsonc', 'yaml', 'toml', ...SERVER_CONFIG_IDS]);

/** Only the start of a file is looked at (the decision must stay cheap on large files). */
const HEAD_CHARS = 64_000;

const XML_PROLOG = /^(?:\s|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>]*>)*/;

/** An IIS configuration: the root element is `<configuration>` and it has a `<system.webServer>` section. */
export function looksLikeIisConfig(text: string): boolean {
  const head = text.slice(0, HEAD_CHARS).replace(/^\uFEFF/, '');
  const rest = head.slice(XML_PROLOG.exec(head)![0].length);
  return /^<configuration[\s>/]/.test(rest) && /<system\.webServer[\s>/]/.test(text);
}

/** The server-config ids: an editor gives them by file name (this extension: `.conf` files in a folder `nginx`;
 *  some nginx extensions: every `.conf` file), so content that is clearly the other format wins over them. */
export const SERVER_CONFIG_ALIASES: ReadonlySet<string> = new Set(['apacheconf', 'nginx']);

/** Symfony's NelmioCorsBundle configuration: a `nelmio_cors:` key (top level, or under `when@<env>:`). */
export function looksLikeNelmioConfig(text: string): boolean {
  return /^[ \t]*nelmio_cors[ \t]*:/m.test(text.slice(0, HEAD_CHARS));
}

/** The id the extractors read a file as: the editor's id through the alias table; for a generic id, what
 *  the content shows unambiguously (else undefined: then only the file name selects extractors). An Apache
 *  or nginx id is honoured unless the content shows only the other format's syntax. Ids not in either
 *  table pass through (in lower case). */
export function resolveLanguage(languageId: string | undefined, text?: string): string | undefined {
  if (!languageId) return undefined;
  const id = languageId.toLowerCase();
  const alias = LANGUAGE_ALIASES[id];
  if (alias) {
    if (text === undefined || !SERVER_CONFIG_ALIASES.has(alias)) return alias;
    return serverConfigLanguage(text) ?? alias;
  }
  if (!GENERIC_LANGUAGES.has(id)) return id;
  if (text === undefined) return undefined;
  if (id === 'xml') return looksLikeIisConfig(text) ? 'xml' : undefined;
  // Symfony's nelmio_cors, or a Kubernetes Ingress with ingress-nginx annotations (extract/ingress).
  if (id === 'yaml') return looksLikeNelmioConfig(text) || mayHoldIngress(text.slice(0, HEAD_CHARS)) ? 'yaml' : undefined;
  // A CloudFormation / SAM template or an S3 CORS document, whatever its name (extract/aws).
  if (id === 'json' || id === 'jsonc') return mayHoldAwsCors(text.slice(0, HEAD_CHARS)) ? 'json' : undefined;
  if (SERVER_CONFIG_IDS.has(id)) return serverConfigLanguage(text);
  return undefined;
}

