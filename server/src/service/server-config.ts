/**
 * Apache or nginx? Decided from a file's content, for files whose name does not say it (`site.conf`,
 * `sites-available/default`, nginx-proxy's `vhost.d/example.com`) or whose editor language is generic.
 *
 * Cheap (a few line-anchored expressions over the head of the file) and conservative: each side needs
 * evidence only it writes, and a file that shows both, or neither, is neither. Comment lines never count
 * (every expression starts at a line's first word). Other `.conf` formats stay out: supervisord and PHP-FPM
 * (`key = value`), systemd (`Key=value`), HOCON (`http { port = 80 }`: braces, but no `;` ever ends a
 * line), BIND (`include "file";`: quoted), tmux and vim (`set x`).
 */

/** Only the start of a file is looked at. */
const HEAD_CHARS = 64_000;

/** An Apache section tag, opening or closing: `<VirtualHost *:80>`, `<IfModule mod_headers.c>`, `</Location>`. */
const APACHE_SECTION =
  /^[ \t]*<\/?(?:VirtualHost|Directory|DirectoryMatch|IfModule|IfDefine|IfVersion|Location|LocationMatch|Files|FilesMatch|If|ElseIf|Else|Proxy|ProxyMatch|Limit|LimitExcept|Macro)\b[^>\n]*>/im;

/** Apache directives nginx does not have: `Header [always|onsuccess] set|add|…`, `RequestHeader`,
 *  mod_rewrite, `SetEnvIf`. (Apache directive names are case-insensitive.) */
const APACHE_DIRECTIVE =
  /^[ \t]*(?:(?:Request)?Header[ \t]+(?:(?:always|onsuccess)[ \t]+)?(?:set|add|append|merge|setifempty|unset|edit\*?|echo)|Rewrite(?:Rule|Cond|Engine|Base)|SetEnvIf(?:NoCase|Expr)?)[ \t]/im;

/** nginx's header directives (ngx_http_headers_module, headers-more): at a line's start or after `{` / `;`. */
const NGINX_HEADER = /(?:^|[{;])[ \t]*(?:add_header|more_set_headers)[ \t]/m;

/** Directives only nginx writes, ended by `;` (Apache's `Listen 80` has none): proxying, server names,
 *  `listen`, `try_files`, and an `include` of an unquoted path. */
const NGINX_DIRECTIVE =
  /^[ \t]*(?:(?:proxy_pass|proxy_set_header|proxy_hide_header|proxy_redirect|fastcgi_pass|uwsgi_pass|grpc_pass|server_name|listen|try_files)[ \t][^;{}\n]*|include[ \t]+[^\s"';{}]+[ \t]*);[ \t]*(?:#.*)?$/m;

/** An nginx block: `server {`, `http {`, `events {`, `location … {`, `upstream name {`, `map $a $b {`. */
const NGINX_BLOCK = /^[ \t]*(?:(?:server|http|events|stream)|(?:location|upstream|map|geo|limit_except)[ \t][^;{}\n]*)[ \t]*\{/m;

/** A simple directive ended by `;` (what makes a block nginx's and not HOCON's). */
const SEMICOLON_LINE = /^[ \t]*[a-z_][a-z0-9_]*(?:[ \t][^\n{}#]*)?;[ \t]*(?:#.*)?$/m;

export interface ServerConfigEvidence {
  apache: boolean;
  nginx: boolean;
}

/** What the head of a file shows of each syntax. */
export function serverConfigEvidence(text: string): ServerConfigEvidence {
  const head = text.length > HEAD_CHARS ? text.slice(0, HEAD_CHARS) : text;
  return {
    apache: APACHE_SECTION.test(head) || APACHE_DIRECTIVE.test(head),
    nginx: NGINX_HEADER.test(head) || NGINX_DIRECTIVE.test(head) || (NGINX_BLOCK.test(head) && SEMICOLON_LINE.test(head)),
  };
}

/** Apache httpd syntax: a section tag or a directive only Apache has. */
export function looksLikeApache(text: string): boolean {
  return serverConfigEvidence(text).apache;
}

/** nginx syntax: `add_header`/`more_set_headers`, a directive only nginx has, or a block with directives. */
export function looksLikeNginx(text: string): boolean {
  return serverConfigEvidence(text).nginx;
}

/** The one server-config format the content shows; undefined when it shows neither or both. */
export function serverConfigFormat(text: string): 'apache' | 'nginx' | undefined {
  const e = serverConfigEvidence(text);
  if (e.apache === e.nginx) return undefined;
  return e.apache ? 'apache' : 'nginx';
}

/** The same as the language id the extractors read (`apacheconf` | `nginx`). */
export function serverConfigLanguage(text: string): 'apacheconf' | 'nginx' | undefined {
  const f = serverConfigFormat(text);
  return f === 'apache' ? 'apacheconf' : f;
}

/** The last part of a name that says it is some other kind of file (documents, code, data, backups,
 *  keys), so that a file beside the configs in `sites-available/` or `conf/` is not looked at. */
const OTHER_EXTENSION =
  /\.(?:md|markdown|txt|rst|adoc|html?|xml|json|ya?ml|toml|ini|cfg|properties|env|[cm]?js|ts|py|php|rb|go|java|kt|cs|rs|sh|bash|zsh|ps1|bat|cmd|lua|pl|c|h|cpp|sql|csv|log|pem|crt|cer|key|csr|der|p12|pfx|gz|tgz|zip|tar|bz2|xz|png|jpe?g|gif|svg|ico|pdf|bak|orig|old|save|swp|tmp|dist|sample|example|template|tmpl|j2|jinja2?|erb|epp|lock|pid|sock|dpkg-[a-z]+|rpm(?:new|save))$/i;

/** Folders whose files are server configs of either kind (Debian's Apache and nginx, nginx-proxy). */
const CONFIG_FOLDER = /(?:^|\/)(?:sites-available|sites-enabled|conf|conf\.d|conf-available|conf-enabled|vhost\.d|vhosts\.d)\/([^/]+)$/i;

/**
 * Paths whose content decides Apache or nginx: any `*.conf` or `*.vhost`, and a file directly in one of the
 * config folders whose name has no extension of another kind of file (`default`, `example.com`,
 * `example.com_location`). Files whose name says the format (`.htaccess`, `nginx.conf`) are the
 * extractors' file patterns, and those win.
 */
export function isServerConfigCandidate(path: string): boolean {
  const p = path.replace(/\\/g, '/');
  if (/\.(?:conf|vhost)$/i.test(p)) return true;
  const m = CONFIG_FOLDER.exec(p);
  return !!m && !m[1].startsWith('.') && !OTHER_EXTENSION.test(m[1]);
}
