/**
 * nginx configuration: `add_header` (ngx_http_headers_module) and `more_set_headers` (headers-more), with
 * nginx's level inheritance, `if ($request_method = OPTIONS)` preflight blocks, and origin checks made with
 * `map $http_origin`, `if ($http_origin ~ ...)` and `set` chains. `include` of workspace files is followed
 * when the host gives a workspace (include.ts); findings about included settings point at the include line.
 */
import type { Extractor } from '../types.js';
import { analyze, EXTRACTOR_ID } from './analyze.js';
import { renderNginxFix } from './fix.js';
import { HARMLESS_INCLUDE } from './levels.js';

const DIRECTIVE = /\b(add_header|more_set_headers)\b/;
const CORS = /access-control-|cors/i;
const INCLUDE = /(?:^|[\s;{}])include\s+([^\s;]+)/g;

/** An `include` of a file that may add headers (not mime.types, *_params ...). */
function hasInclude(text: string): boolean {
  INCLUDE.lastIndex = 0;
  for (let m = INCLUDE.exec(text); m; m = INCLUDE.exec(text)) if (!HARMLESS_INCLUDE.test(m[1])) return true;
  return false;
}

const nginx: Extractor = {
  id: EXTRACTOR_ID,
  title: 'nginx',
  languages: ['nginx'],
  // Names that say the format. Other `*.conf` files and those in `sites-available/`, `conf.d/`, `vhost.d/`
  // ... are read when their content is nginx's (service/server-config.ts).
  filePatterns: [
    '**/nginx.conf',
    '**/*.nginx',
    '**/*.nginx.conf',
    '**/nginx/**/*.conf',
    // envsubst templates of the official Docker image (/etc/nginx/templates/*.conf.template)
    '**/nginx/**/*.conf.template',
    '**/templates/*.conf.template',
  ],
  mayContain(text: string): boolean {
    // A CORS keyword and a header directive, or an include that may bring them (`include snippets/cors.conf`).
    return CORS.test(text) && (DIRECTIVE.test(text) || hasInclude(text));
  },
  extract(file) {
    try {
      return analyze(file.text, file.path, file.workspace);
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
