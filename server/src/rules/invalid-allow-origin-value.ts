import type { FixOffer, Rule } from './types.js';
import { parseSerializedOrigin } from '../knowledge/fetch.js';
import { writesOf } from './util.js';

const rule: Rule = {
  id: 'invalid-allow-origin-value',
  severity: 'error',
  category: 'correctness',
  docs: {
    summary: 'An Access-Control-Allow-Origin value that can never equal a request origin.',
    why:
      'The browser compares Access-Control-Allow-Origin byte for byte with the serialized request origin ' +
      '(`scheme://host[:port]`: lowercase, no path, no trailing slash, no default port, exactly one origin), or ' +
      'accepts `*`. Anything else — `https://a.com/`, `a.com`, `https://*.a.com`, a comma-separated list — fails ' +
      'every request with a CORS error.',
    fix: 'Write one origin exactly as the browser serializes it. For several origins, check the request Origin against a list and echo the one that matches (with `Vary: Origin`).',
    references: ['https://fetch.spec.whatwg.org/#http-access-control-allow-origin', 'https://html.spec.whatwg.org/multipage/browsers.html#ascii-serialisation-of-an-origin'],
  },
  messages: {
    invalid: 'Access-Control-Allow-Origin `{{value}}` never matches a request origin ({{problems}}); the browser blocks every response.',
  },
  fixable: true,
  examples: {
    invalid: [
      { path: '.htaccess', code: 'Header always set Access-Control-Allow-Origin "https://app.example.com/"\n' },
      { path: 'server.js', code: "const cors = require('cors');\napp.use(cors({ origin: 'https://App.example.com' }));\n" },
      { path: 'api.php', code: "<?php\nheader('Access-Control-Allow-Origin: https://a.example.com, https://b.example.com');\n" },
    ],
    valid: [
      { path: '.htaccess', code: 'Header always set Access-Control-Allow-Origin "https://app.example.com"\n' },
      { path: 'api.php', code: "<?php\nheader('Access-Control-Allow-Origin: *');\n" },
    ],
  },
  check(facts, ctx) {
    for (const p of facts.policies) {
      if (p.origin.kind !== 'static') continue;
      const value = p.origin.value;
      const parsed = parseSerializedOrigin(value);
      if (parsed.ok) continue;
      const fixes: FixOffer[] = [];
      if (parsed.normalized && parsed.normalized !== 'null') {
        const writes = writesOf(facts, p, 'access-control-allow-origin');
        fixes.push({
          title: `Change to ${parsed.normalized}`,
          requests:
            p.handWritten && writes.length === 1
              ? [{ kind: 'set-header-value', writeId: writes[0].id, value: parsed.normalized }]
              : p.origin.span
                ? [{ kind: 'replace-text', span: p.origin.span, text: parsed.normalized }]
                : [],
          preferred: true,
        });
      }
      if (!parsed.normalized) {
        // Several valid origins in one header: check the request Origin against them and echo the match,
        // where the format can express that (the extractor renders it, or offers nothing).
        const parts = value.split(/[\s,]+/).filter((x) => x !== '');
        if (parts.length > 1 && parts.every((x) => x !== 'null' && parseSerializedOrigin(x).ok)) {
          fixes.push({
            title: `Allow ${parts.join(', ')} (echo the matching origin)`,
            requests: [{ kind: 'set-origins', policyId: p.id, origins: parts }],
            preferred: true,
          });
        }
      }
      ctx.report({
        messageId: 'invalid',
        data: { value, problems: parsed.problems.join('; ') },
        span: p.origin.span ?? p.span,
        fixes: fixes.filter((f) => f.requests.length > 0),
      });
    }
  },
};
export default rule;
