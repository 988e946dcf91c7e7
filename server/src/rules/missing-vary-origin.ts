import type { Rule } from './types.js';
import { writesOf } from './util.js';

const PER_REQUEST = new Set(['reflect', 'list', 'pattern', 'predicate']);

const rule: Rule = {
  id: 'missing-vary-origin',
  severity: 'warning',
  category: 'correctness',
  docs: {
    summary: 'Access-Control-Allow-Origin is chosen per request, but `Vary: Origin` is not sent.',
    why:
      'When the value depends on the request Origin, a browser cache, CDN or proxy that stores the response must ' +
      'know it differs per origin. Without `Vary: Origin` a cached answer for one site is replayed to another, ' +
      'whose requests then fail intermittently with a wrong Access-Control-Allow-Origin.',
    fix: 'Add `Vary: Origin` wherever the origin-dependent header is sent.',
    references: ['https://fetch.spec.whatwg.org/#cors-protocol-and-http-caches'],
  },
  messages: {
    missing: 'The allowed origin is chosen per request but `Vary: Origin` is not sent; caches may serve one origin\'s answer to another.',
  },
  fixable: true,
  examples: {
    invalid: [
      {
        path: 'nginx.conf',
        code:
          'map $http_origin $cors_origin {\n  default "";\n  "https://app.example.com" $http_origin;\n  "https://admin.example.com" $http_origin;\n}\n' +
          'server {\n  location /api/ {\n    add_header Access-Control-Allow-Origin $cors_origin always;\n  }\n}\n',
      },
      {
        path: 'server.js',
        code:
          "const allowed = ['https://app.example.com', 'https://admin.example.com'];\napp.use((req, res, next) => {\n" +
          "  const origin = req.headers.origin;\n  if (allowed.includes(origin)) {\n    res.setHeader('Access-Control-Allow-Origin', origin);\n  }\n  next();\n});\n",
      },
      {
        path: '.htaccess',
        code:
          'SetEnvIf Origin "^https://(app|admin)\\.example\\.com$" CORS_ORIGIN=$0\n' +
          'Header always set Access-Control-Allow-Origin "%{CORS_ORIGIN}e" env=CORS_ORIGIN\n',
      },
      {
        path: 'api.php',
        code:
          "<?php\n$origin = $_SERVER['HTTP_ORIGIN'] ?? '';\n$allowed = ['https://app.example.com', 'https://admin.example.com'];\n" +
          "if (in_array($origin, $allowed, true)) {\n    header('Access-Control-Allow-Origin: ' . $origin);\n}\n",
      },
    ],
    valid: [
      {
        path: 'api.php',
        code:
          "<?php\n$origin = $_SERVER['HTTP_ORIGIN'] ?? '';\n$allowed = ['https://app.example.com', 'https://admin.example.com'];\n" +
          "if (in_array($origin, $allowed, true)) {\n    header('Access-Control-Allow-Origin: ' . $origin);\n    header('Vary: Origin');\n}\n",
      },
      { path: 'server.js', code: "const cors = require('cors');\napp.use(cors({ origin: ['https://app.example.com', 'https://admin.example.com'] }));\n" },
    ],
  },
  check(facts, ctx) {
    for (const p of facts.policies) {
      if (!PER_REQUEST.has(p.origin.kind) || p.vary !== 'absent' || p.emits === 'options-only') continue;
      // One exact origin: the answer only varies between "that origin" and "no header", which matters only
      // for responses cached and shared between that origin and requests without it. Not worth the noise.
      if (p.origin.kind === 'list' && p.origin.entries.length === 1 && p.origin.entries[0].match === 'exact') continue;
      const acao = p.handWritten ? writesOf(facts, p, 'access-control-allow-origin') : [];
      ctx.report({
        messageId: 'missing',
        span: p.origin.span ?? p.span,
        fixes:
          acao.length === 1
            ? [
                {
                  title: 'Add Vary: Origin',
                  requests: [{ kind: 'add-header', afterWriteId: acao[0].id, name: 'Vary', value: 'Origin' }],
                  preferred: true,
                },
              ]
            : [],
      });
    }
  },
};
export default rule;
