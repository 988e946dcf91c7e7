import type { HeaderWrite } from '../model/index.js';
import type { Rule } from './types.js';

const WATCHED = new Set(['access-control-allow-origin', 'access-control-allow-credentials']);

const rule: Rule = {
  id: 'duplicate-allow-origin',
  severity: 'error',
  category: 'correctness',
  docs: {
    summary: 'Access-Control-Allow-Origin (or -Credentials) can be sent twice on one response.',
    why:
      'When a response carries a header twice, the browser reads the values joined by ", " — ' +
      '`https://a.com, https://a.com` or `*, *` — which never equals the request origin, so the CORS check fails ' +
      '("multiple values"). This happens with `Header add` or `add_header` twice, with Apache `Header set` plus ' +
      '`Header always set`, or when two layers each add the header.',
    fix: 'Let exactly one place send the header: remove one of the writes.',
    references: ['https://fetch.spec.whatwg.org/#concept-header-list-get', 'https://fetch.spec.whatwg.org/#concept-cors-check'],
  },
  messages: {
    duplicate: '{{name}} is sent a second time on the same response (first at the related location): browsers then reject it.',
  },
  fixable: true,
  examples: {
    invalid: [
      {
        path: '.htaccess',
        code: 'Header set Access-Control-Allow-Origin "https://app.example.com"\nHeader always set Access-Control-Allow-Origin "https://app.example.com"\n',
      },
      {
        path: 'nginx.conf',
        code: "server {\n  location / {\n    add_header Access-Control-Allow-Origin '*' always;\n    add_header Access-Control-Allow-Origin '*' always;\n  }\n}\n",
      },
      {
        path: 'api.php',
        code: "<?php\nheader('Access-Control-Allow-Origin: https://app.example.com');\nheader('Access-Control-Allow-Origin: https://app.example.com', false);\n",
      },
      {
        path: 'server.js',
        code:
          "app.use((req, res, next) => {\n  res.setHeader('Access-Control-Allow-Origin', ['https://app.example.com', 'https://admin.example.com']);\n  next();\n});\n",
      },
    ],
    valid: [
      {
        path: '.htaccess',
        code: 'Header always set Access-Control-Allow-Origin "https://app.example.com"\nHeader always set Access-Control-Allow-Origin "https://app.example.com"\n',
      },
      {
        path: 'api.php',
        code: "<?php\nheader('Access-Control-Allow-Origin: https://app.example.com');\nheader('Access-Control-Allow-Origin: https://app.example.com');\n",
      },
    ],
  },
  check(facts, ctx) {
    const byId = new Map(facts.headerWrites.map((w) => [w.id, w]));
    const seen = new Set<string>();
    for (const r of facts.responses) {
      const groups = new Map<string, HeaderWrite[]>();
      for (const id of r.writeIds) {
        const w = byId.get(id);
        if (!w || w.op === 'unset' || w.op === 'edit') continue;
        const n = w.name.toLowerCase();
        if (!WATCHED.has(n)) continue;
        if (!groups.has(n)) groups.set(n, []);
        if (!groups.get(n)!.includes(w)) groups.get(n)!.push(w);
      }
      for (const ws of groups.values()) {
        if (ws.length < 2) continue;
        const [first, ...rest] = [...ws].sort((a, b) => a.statementSpan.start - b.statementSpan.start);
        for (const second of rest) {
          const key = `${first.id}|${second.id}`;
          if (seen.has(key)) continue;
          seen.add(key);
          // Both lines from one write (an array value sends one line per element): point at the values.
          const oneWrite =
            first.statementSpan.start === second.statementSpan.start &&
            first.nameSpan.start === second.nameSpan.start &&
            !!first.valueSpan &&
            !!second.valueSpan &&
            first.valueSpan.start !== second.valueSpan.start;
          ctx.report({
            messageId: 'duplicate',
            data: { name: second.name },
            span: oneWrite ? second.valueSpan! : second.nameSpan,
            related: [{ span: oneWrite ? first.valueSpan! : first.nameSpan, message: `${first.name} is also sent here.` }],
            // Offer first the removal that keeps the header on error responses (drop the non-`always` one).
            fixes:
              first.always === false && second.always === true
                ? [
                    { title: 'Remove the other header write (the one not sent on errors)', requests: [{ kind: 'remove-write', writeId: first.id }] },
                    { title: 'Remove this header write', requests: [{ kind: 'remove-write', writeId: second.id }] },
                  ]
                : [
                    { title: 'Remove this header write', requests: [{ kind: 'remove-write', writeId: second.id }] },
                    { title: 'Remove the other header write', requests: [{ kind: 'remove-write', writeId: first.id }] },
                  ],
          });
        }
      }
    }
  },
};
export default rule;
