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
  filePatterns: [
    '**/.htaccess',
    '**/httpd.conf',
    '**/apache2.conf',
    '**/{sites-available,sites-enabled,conf.d,conf-available,conf-enabled}/*.conf',
  ],
  mayContain(text: string): boolean {
    return /access-control-|\bcors\b/i.test(text) && /^[ \t]*(?:Header|SetEnvIf(?:NoCase)?|RequestHeader|RewriteCond|<IfModule|<VirtualHost|<Directory|<Location|<Files|<If)\b/im.test(text);
  },
  extract,
  renderFix,
};

export default apache;
