import type { Rule } from './types.js';
import { allowOnlyTrusted } from './util.js';

const rule: Rule = {
  id: 'reflected-origin',
  severity: 'warning',
  category: 'security',
  docs: {
    summary: 'The request Origin is echoed into Access-Control-Allow-Origin without an exact allowlist check.',
    why:
      'Echoing the Origin lets every website read the responses. Without credentials this is as open as `*`, ' +
      'but it hides that fact, and it turns into account takeover the day someone adds credentials. It also ' +
      'needs `Vary: Origin`, or shared caches hand one origin\'s answer to another.',
    fix: 'Use `*` if the data is truly public, or compare the Origin with an exact list of trusted origins.',
    references: ['https://fetch.spec.whatwg.org/#http-access-control-allow-origin'],
  },
  messages: {
    reflected: 'Any website can read these responses: the request Origin is echoed ({{via}}) without an allowlist check.',
  },
  fixable: true,
  examples: {
    invalid: [
      { path: 'server.js', code: "const cors = require('cors');\napp.use(cors({ origin: true }));\n" },
      {
        path: 'nginx.conf',
        code: 'server {\n  location /api/ {\n    add_header Access-Control-Allow-Origin $http_origin always;\n    add_header Vary Origin always;\n  }\n}\n',
      },
    ],
    valid: [
      { path: 'server.js', code: "const cors = require('cors');\napp.use(cors({ origin: 'https://app.example.com' }));\n" },
      { path: 'server.js', code: "const cors = require('cors');\napp.use(cors({ origin: true, credentials: true }));\n" },
    ],
  },
  check(facts, ctx) {
    for (const p of facts.policies) {
      if (p.origin.kind !== 'reflect' || p.credentials === true) continue;
      // A library's "allow all" mode that echoes instead of sending `*` is `*` in effect without credentials.
      if (p.origin.libraryAllowAll) continue;
      ctx.report({
        messageId: 'reflected',
        data: { via: p.origin.via },
        span: p.origin.span ?? p.span,
        fixes: [
          allowOnlyTrusted(p, ctx.settings),
        ],
      });
    }
  },
};
export default rule;
