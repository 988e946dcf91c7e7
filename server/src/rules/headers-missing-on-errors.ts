import type { Rule } from './types.js';

const rule: Rule = {
  id: 'headers-missing-on-errors',
  severity: 'info',
  category: 'correctness',
  docs: {
    summary: 'Apache `Header set` or nginx `add_header` without `always`: error responses lose the CORS headers.',
    why:
      'nginx adds `add_header` headers only to 200, 201, 204, 206, 301, 302, 303, 304, 307 and 308 responses; Apache ' +
      '`Header set` (the onsuccess table) skips error responses. A 401, 404 or 500 then arrives without ' +
      'Access-Control-Allow-Origin, and the browser reports a CORS error instead of letting the script see the real status.',
    fix: 'Add `always` (nginx: `add_header ... always;`, Apache: `Header always set ...`).',
    references: ['https://nginx.org/en/docs/http/ngx_http_headers_module.html#add_header', 'https://httpd.apache.org/docs/current/mod/mod_headers.html#header'],
  },
  messages: {
    notAlways: '{{name}} is not sent on error responses (no `always`): a 4xx/5xx answer will look like a CORS error to the script.',
  },
  fixable: true,
  examples: {
    invalid: [
      { path: '.htaccess', code: 'Header set Access-Control-Allow-Origin "*"\n' },
      { path: 'nginx.conf', code: "server {\n  location /api/ {\n    add_header Access-Control-Allow-Origin '*';\n  }\n}\n" },
    ],
    valid: [
      { path: '.htaccess', code: 'Header always set Access-Control-Allow-Origin "*"\n' },
      { path: 'nginx.conf', code: "server {\n  location /api/ {\n    add_header Access-Control-Allow-Origin '*' always;\n  }\n}\n" },
    ],
  },
  check(facts, ctx) {
    for (const w of facts.headerWrites) {
      if (w.always !== false || w.condition === 'options-only') continue;
      if (w.name.toLowerCase() !== 'access-control-allow-origin' || w.op === 'unset' || w.op === 'edit') continue;
      ctx.report({
        messageId: 'notAlways',
        data: { name: w.name },
        span: w.nameSpan,
        fixes: [{ title: 'Send it on error responses too (always)', requests: [{ kind: 'set-always', writeId: w.id }], preferred: true }],
      });
    }
  },
};
export default rule;
