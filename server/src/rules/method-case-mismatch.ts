import type { Valued } from '../model/index.js';
import type { Rule } from './types.js';
import { NORMALIZED_METHODS } from '../knowledge/fetch.js';

const rule: Rule = {
  id: 'method-case-mismatch',
  severity: 'warning',
  category: 'correctness',
  docs: {
    summary: 'Access-Control-Allow-Methods lists a method in a case the browser will not match.',
    why:
      'Browsers upper-case only DELETE, GET, HEAD, OPTIONS, POST and PUT; every other method is compared byte for ' +
      'byte. `fetch(url, { method: "PATCH" })` is not allowed by `Access-Control-Allow-Methods: patch`, and the ' +
      'preflight fails.',
    fix: 'Write methods in uppercase.',
    references: ['https://fetch.spec.whatwg.org/#concept-method-normalize', 'https://fetch.spec.whatwg.org/#cors-preflight-fetch'],
  },
  messages: {
    mismatch: 'Method `{{method}}` only matches requests whose method is exactly `{{method}}`; a `{{upper}}` request fails the preflight.',
  },
  fixable: true,
  examples: {
    invalid: [
      {
        path: 'nginx.conf',
        code: "server {\n  location / {\n    add_header Access-Control-Allow-Origin 'https://app.example.com' always;\n    add_header Access-Control-Allow-Methods 'GET, POST, patch' always;\n  }\n}\n",
      },
      { path: 'server.js', code: "const cors = require('cors');\napp.use(cors({ origin: 'https://app.example.com', methods: ['GET', 'Patch'] }));\n" },
    ],
    valid: [
      {
        path: 'nginx.conf',
        code: "server {\n  location / {\n    add_header Access-Control-Allow-Origin 'https://app.example.com' always;\n    add_header Access-Control-Allow-Methods 'get, post, PATCH' always;\n  }\n}\n",
      },
    ],
  },
  check(facts, ctx) {
    const seen = new Set<number>();
    for (const p of facts.policies) {
      if (p.methods?.kind !== 'list') continue;
      for (const item of p.methods.items as Valued<string>[]) {
        const m = item.value.trim();
        if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(m) || m === '*') continue;
        const upper = m.toUpperCase();
        if (m === upper || NORMALIZED_METHODS.includes(upper)) continue;
        if (seen.has(item.span.start)) continue;
        seen.add(item.span.start);
        ctx.report({
          messageId: 'mismatch',
          data: { method: m, upper },
          span: item.span,
          fixes: [{ title: `Change to ${upper}`, requests: [{ kind: 'replace-text', span: item.span, text: upper }], preferred: true }],
        });
      }
    }
  },
};
export default rule;
