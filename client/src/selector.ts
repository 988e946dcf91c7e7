/**
 * Which documents the client sends to the server: by language, and by file name whatever language another
 * extension (or none) gave the file. Every file kind an extractor reads must be reachable here and in
 * package.json's activationEvents; test/unit/activation.test.mjs checks both against the extractors.
 * No `vscode` import, so the test can load this module.
 */
import type { DocumentFilter } from 'vscode-languageclient/node';

/** Languages whose documents are sent to the server (any file or unsaved buffer). Language ids of the
 *  common extensions: `csharp` (C# Dev Kit, built-in), `go` (Go), `ruby` (Ruby LSP), `java` (Red Hat),
 *  `terraform` (HashiCorp), `toml` (Even Better TOML), `caddyfile` (Caddyfile Support). */
export const LANGUAGES = [
  'javascript',
  'javascriptreact',
  'typescript',
  'typescriptreact',
  'php',
  'python',
  'apacheconf',
  'nginx',
  'java',
  'csharp',
  'go',
  'ruby',
  'terraform',
  'toml',
  'caddyfile',
];

/** Generic languages sent only for some files: their content decides (the server's prechecks are specific). */
export const GENERIC_LANGUAGES_SENT = [
  // Every YAML document: a Kubernetes Ingress, a Traefik Middleware, a SAM template or a Spring application.yml
  // can have any name (the server reads only those whose content shows one; the others cost a text test).
  'yaml',
];

/** Server-config and platform files, matched by name whatever language another extension gave them. */
export const FILE_PATTERNS = [
  '**/.htaccess',
  '**/httpd.conf',
  '**/apache2.conf',
  '**/nginx.conf',
  '**/*.nginx',
  // envsubst templates of the official nginx Docker image
  '**/*.conf.template',
  // Symfony NelmioCorsBundle config (the server reads any YAML with a top-level `nelmio_cors:` key; these are
  // where Symfony keeps it).
  '**/nelmio_cors.{yaml,yml}',
  '**/app/config/config*.yml',
  // static-hosting configs that send response headers (JSON: read by these exact names only)
  '**/vercel.json',
  '**/firebase.json',
  '**/staticwebapp.config.json',
  // IIS (any XML language id; web.Release.config and the like too)
  '**/web*.config',
  '**/Web*.config',
  // Netlify and Cloudflare Pages
  '**/netlify.toml',
  '**/_headers',
  // Caddy (no language of its own without an extension)
  '**/Caddyfile',
  '**/Caddyfile.*',
  '**/*.caddyfile',
  // TOML (Traefik dynamic configuration) and Terraform, whatever extension is installed
  '**/*.toml',
  '**/*.tf',
  // Spring Boot application properties; ASP.NET settings read by name from code
  '**/application*.properties',
  '**/bootstrap*.properties',
  '**/appsettings*.json',
  // AWS: CloudFormation/SAM templates in JSON, S3 CORS documents (`aws s3api put-bucket-cors` files)
  '**/{template,*.template,*-template,*.cfn,*-cfn,cloudformation,*.cloudformation}.json',
  '**/*cors*.json',
  '**/*cors*.xml',
];

/** Files that may be Apache or nginx config: sent whatever their language; the server reads them as
 *  Apache or nginx only when their content shows it (and then the client gives them that language). */
export const CONFIG_PATTERNS = [
  '**/*.conf',
  '**/*.vhost',
  '**/sites-available/*',
  '**/sites-enabled/*',
  '**/conf/*',
  '**/conf.d/*',
  '**/vhost.d/*',
  '**/vhosts.d/*',
];

/** The languages VS Code gives such files when no extension claims them (`properties` for every `*.conf`). */
export const GENERIC_CONFIG_LANGUAGES = new Set(['plaintext', 'properties']);

export function documentSelector(): DocumentFilter[] {
  const filters: DocumentFilter[] = [];
  for (const language of [...LANGUAGES, ...GENERIC_LANGUAGES_SENT]) {
    filters.push({ scheme: 'file', language }, { scheme: 'untitled', language });
  }
  for (const pattern of [...FILE_PATTERNS, ...CONFIG_PATTERNS]) filters.push({ scheme: 'file', pattern });
  return filters;
}
