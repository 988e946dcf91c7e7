/**
 * Apache httpd extractor: `Header` directives (httpd.conf, vhost files, .htaccess) with the env variables,
 * `<If>` expressions and mod_rewrite preflight answers they depend on. The semantics are documented in
 * analyze.ts; fixes in fix.ts; the tokenizer is syntax/apache.ts.
 */
import type { Extractor } from '../types.js';
import { extract } from './analyze.js';
import { renderFix } from './fix.js';

const apache: Extractor = {
  id: 'apache',
  title: 'Apache httpd (httpd.conf, .htaccess)',
  languages: ['apacheconf'],
  // Names that say the format. Other `*.conf` files and those in `sites-available/`, `conf.d/` ... are read
  // when their content is Apache's (service/server-config.ts).
  filePatterns: ['**/.htaccess', '**/httpd.conf', '**/apache2.conf'],
  mayContain(text: string): boolean {
    return /access-control-|\bcors\b/i.test(text) && /^[ \t]*(?:Header|SetEnvIf(?:NoCase)?|RequestHeader|RewriteCond|<IfModule|<VirtualHost|<Directory|<Location|<Files|<If)\b/im.test(text);
  },
  extract,
  renderFix,
};

export default apache;
