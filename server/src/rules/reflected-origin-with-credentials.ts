import type { Rule } from './types.js';
import { allowOnlyTrusted } from './util.js';

const rule: Rule = {
  id: 'reflected-origin-with-credentials',
  severity: 'error',
  category: 'security',
  docs: {
    summary: 'The request Origin is echoed into Access-Control-Allow-Origin without an exact allowlist check, and credentials are allowed.',
    why:
      'Echoing whatever Origin the request carries makes every website a trusted origin. With ' +
      'Access-Control-Allow-Credentials: true, a page on any site can send requests with the visitor\'s cookies ' +
      'and read the answers: account data, CSRF tokens, API keys.',
    fix: 'Compare the Origin against an exact list of trusted origins and echo it only when it is on the list (with `Vary: Origin`).',
    references: ['https://fetch.spec.whatwg.org/#cors-protocol-and-credentials', 'https://portswigger.net/web-security/cors'],
  },
  messages: {
    reflected:
      'Any website can read credentialed responses: the request Origin is echoed ({{via}}) without an allowlist ' +
      'check while credentials are allowed.',
  },
  fixable: true,
  examples: {
    invalid: [
      { path: 'app.py', code: 'from flask import Flask\nfrom flask_cors import CORS\n\napp = Flask(__name__)\nCORS(app, supports_credentials=True)\n' },
      { path: 'server.js', code: "const cors = require('cors');\napp.use(cors({ origin: true, credentials: true }));\n" },
      {
        path: 'nginx.conf',
        code:
          'server {\n  location /api/ {\n    add_header Access-Control-Allow-Origin $http_origin always;\n' +
          "    add_header Access-Control-Allow-Credentials 'true' always;\n    add_header Vary Origin always;\n  }\n}\n",
      },
      {
        path: 'api.php',
        code:
          "<?php\nheader('Access-Control-Allow-Origin: ' . $_SERVER['HTTP_ORIGIN']);\nheader('Access-Control-Allow-Credentials: true');\nheader('Vary: Origin');\n",
      },
    ],
    valid: [
      { path: 'server.js', code: "const cors = require('cors');\napp.use(cors({ origin: ['https://app.example.com'], credentials: true }));\n" },
      { path: 'server.js', code: "const cors = require('cors');\napp.use(cors({ origin: true }));\n" },
    ],
  },
  check(facts, ctx) {
    for (const p of facts.policies) {
      if (p.origin.kind !== 'reflect' || p.credentials !== true) continue;
      ctx.report({
        messageId: 'reflected',
        data: { via: p.origin.via },
        span: p.origin.span ?? p.span,
        related: p.credentialsSpan ? [{ span: p.credentialsSpan, message: 'Credentials are allowed here.' }] : [],
        fixes: [
          allowOnlyTrusted(p, ctx.settings),
        ],
      });
    }
  },
};
export default rule;
