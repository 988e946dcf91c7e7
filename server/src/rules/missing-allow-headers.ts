import type { Rule } from './types.js';

const rule: Rule = {
  id: 'missing-allow-headers',
  severity: 'warning',
  category: 'correctness',
  docs: {
    summary: 'A hand-written preflight answer without Access-Control-Allow-Headers.',
    why:
      'A request with any header outside the CORS-safelist — `Content-Type: application/json`, `Authorization`, ' +
      '`X-Requested-With`, custom headers — is preflighted, and the preflight response must list each of those ' +
      'headers in Access-Control-Allow-Headers. Without it, every JSON POST and every authenticated call fails ' +
      'before it is sent.',
    fix: 'Send Access-Control-Allow-Headers with the headers your clients send (e.g. `Content-Type, Authorization`).',
    references: ['https://fetch.spec.whatwg.org/#cors-preflight-fetch', 'https://fetch.spec.whatwg.org/#cors-safelisted-request-header'],
  },
  messages: {
    missing:
      'This preflight answer sends no Access-Control-Allow-Headers: requests with Content-Type: application/json, ' +
      'Authorization or custom headers will fail the preflight.',
  },
  fixable: true,
  examples: {
    invalid: [
      {
        path: 'api.php',
        code:
          "<?php\nheader('Access-Control-Allow-Origin: https://app.example.com');\n" +
          "if ($_SERVER['REQUEST_METHOD'] === 'OPTIONS') {\n    header('Access-Control-Allow-Methods: GET, POST, PUT');\n    http_response_code(204);\n    exit;\n}\n",
      },
      {
        path: 'nginx.conf',
        code:
          "server {\n  location /api/ {\n    add_header Access-Control-Allow-Origin 'https://app.example.com' always;\n" +
          "    if ($request_method = OPTIONS) {\n      add_header Access-Control-Allow-Origin 'https://app.example.com';\n" +
          "      add_header Access-Control-Allow-Methods 'GET, POST';\n      return 204;\n    }\n  }\n}\n",
      },
    ],
    valid: [
      {
        path: 'api.php',
        code:
          "<?php\nheader('Access-Control-Allow-Origin: https://app.example.com');\n" +
          "if ($_SERVER['REQUEST_METHOD'] === 'OPTIONS') {\n    header('Access-Control-Allow-Methods: GET, POST, PUT');\n    header('Access-Control-Allow-Headers: Content-Type');\n    exit;\n}\n",
      },
    ],
  },
  check(facts, ctx) {
    for (const p of facts.policies) {
      if (!p.handWritten || p.answersPreflight !== true || p.allowHeaders) continue;
      if (p.emits === 'success-only' && p.methods === undefined) continue;
      const byId = new Map(facts.headerWrites.map((w) => [w.id, w]));
      const writes = p.writeIds.map((id) => byId.get(id)).filter((w) => w !== undefined);
      const methods = writes.filter((w) => w.name.toLowerCase() === 'access-control-allow-methods').at(-1);
      const anchor = methods ?? writes.filter((w) => w.name.toLowerCase() === 'access-control-allow-origin').at(-1);
      ctx.report({
        messageId: 'missing',
        span: anchor ? anchor.nameSpan : p.span,
        fixes: anchor
          ? [
              {
                title: 'Add Access-Control-Allow-Headers: Content-Type, Authorization',
                requests: [{ kind: 'add-header', afterWriteId: anchor.id, name: 'Access-Control-Allow-Headers', value: 'Content-Type, Authorization' }],
                preferred: true,
              },
            ]
          : [],
      });
    }
  },
};
export default rule;
