/**
 * nginx configuration: `add_header` (ngx_http_headers_module) and `more_set_headers` (headers-more), with
 * nginx's level inheritance, `if ($request_method = OPTIONS)` preflight blocks, and origin checks made with
 * `map $http_origin`, `if ($http_origin ~ ...)` and `set` chains. Single-file analysis: `include` is not
 * followed.
 */
import type { Extractor } from '../types.js';
import { analyze, EXTRACTOR_ID } from './analyze.js';
import { renderNginxFix } from './fix.js';

const DIRECTIVE = /\b(add_header|more_set_headers)\b/;
const CORS = /access-control-|cors/i;

const nginx: Extractor = {
  id: EXTRACTOR_ID,
  title: 'nginx',
  languages: ['nginx'],
  filePatterns: [
    '**/nginx.conf',
    '**/*.nginx',
    '**/*.nginx.conf',
    '**/conf.d/**/*.conf',
    '**/sites-available/*',
    '**/sites-enabled/*',
    '**/nginx/**/*.conf',
    // envsubst templates of the official Docker image (/etc/nginx/templates/*.conf.template)
    '**/nginx/**/*.conf.template',
    '**/templates/*.conf.template',
  ],
  mayContain(text: string): boolean {
    return DIRECTIVE.test(text) && CORS.test(text);
  },
  extract(file) {
    try {
      return analyze(file.text, file.path);
    } catch (e) {
      return { notes: [`nginx: internal error: ${e instanceof Error ? e.message : String(e)}`] };
    }
  },
  renderFix(req, facts, file) {
    try {
      return renderNginxFix(req, facts, file);
    } catch {
      return [];
    }
  },
};

export default nginx;
