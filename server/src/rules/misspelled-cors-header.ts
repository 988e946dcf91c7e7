import type { Rule } from './types.js';
import { editDistance } from '../knowledge/fetch.js';
import { CORS_HEADER_NAMES } from '../knowledge/headers.js';

/** Response headers whose misspelling matters (request headers are not written by servers). */
function closest(name: string, candidates: readonly string[], maxDistance: number): string | undefined {
  const lower = name.toLowerCase();
  if (candidates.some((c) => c.toLowerCase() === lower)) return undefined;
  let best: string | undefined;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = editDistance(lower, c.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return bestD <= maxDistance ? best : undefined;
}

function headerCase(lower: string): string {
  return lower.replace(/(^|-)([a-z])/g, (_m, dash: string, c: string) => dash + c.toUpperCase());
}

const rule: Rule = {
  id: 'misspelled-cors-header',
  severity: 'warning',
  category: 'correctness',
  docs: {
    summary: 'A header name or CORS library option that is one typo away from a real one.',
    why:
      'Browsers and libraries ignore names they do not know, silently: `Access-Control-Allow-Credential` or ' +
      'flask-cors `support_credentials` do nothing, and the request fails with a CORS error that points elsewhere.',
    fix: 'Use the exact name.',
    references: ['https://fetch.spec.whatwg.org/#http-responses'],
  },
  messages: {
    header: '`{{name}}` is not a CORS header; did you mean `{{suggestion}}`? Browsers ignore unknown names.',
    option: '`{{name}}` is not an option of {{library}}; did you mean `{{suggestion}}`? It is ignored as written.',
  },
  fixable: true,
  examples: {
    invalid: [
      { path: 'app.py', code: "from flask import Flask\nfrom flask_cors import CORS\n\napp = Flask(__name__)\nCORS(app, origins=['https://app.example.com'], support_credentials=True)\n" },
      { path: 'api.php', code: "<?php\nheader('Access-Control-Allow-Origin: https://app.example.com');\nheader('Access-Control-Allow-Credential: true');\n" },
      { path: 'server.js', code: "const cors = require('cors');\napp.use(cors({ origins: ['https://app.example.com'] }));\n" },
    ],
    valid: [{ path: 'api.php', code: "<?php\nheader('Access-Control-Allow-Origin: https://app.example.com');\nheader('Access-Control-Allow-Credentials: true');\n" }],
  },
  check(facts, ctx) {
    for (const w of facts.headerWrites) {
      const lower = w.name.toLowerCase();
      if (lower.length < 8) continue;
      const s = closest(lower, CORS_HEADER_NAMES, lower.startsWith('access-control-') ? 2 : 1);
      if (!s) continue;
      const suggestion = headerCase(s);
      ctx.report({
        messageId: 'header',
        data: { name: w.name, suggestion },
        span: w.nameSpan,
        fixes: [{ title: `Rename to ${suggestion}`, requests: [{ kind: 'set-header-name', writeId: w.id, name: suggestion }], preferred: true }],
      });
    }
    for (const p of facts.policies) {
      for (const o of p.unknownOptions ?? []) {
        const name = o.name.value;
        const s = closest(name, o.known, name.length <= 6 ? 1 : 2);
        if (!s) continue;
        ctx.report({
          messageId: 'option',
          data: { name, suggestion: s, library: p.library ?? 'the CORS library' },
          span: o.name.span,
          fixes: [{ title: `Rename to ${s}`, requests: [{ kind: 'replace-text', span: o.name.span, text: s }], preferred: true }],
        });
      }
    }
  },
};
export default rule;
