import type { FixOffer, Rule } from './types.js';
import { trustedOrigins, writesOf } from './util.js';

const rule: Rule = {
  id: 'null-origin-allowed',
  severity: 'warning',
  category: 'security',
  docs: {
    summary: 'The origin `null` is allowed, or Access-Control-Allow-Origin: null is sent.',
    why:
      'Browsers send `Origin: null` from sandboxed iframes, `data:` and some `file:` documents and after ' +
      'cross-origin redirects. Any website can create such a document, so allowing `null` allows everyone. ' +
      'Sending `null` does not deny anyone either: to refuse a request, omit the header.',
    fix: 'Remove `null` from the allowed origins; to deny, send no Access-Control-Allow-Origin at all.',
    references: ['https://fetch.spec.whatwg.org/#concept-request-origin', 'https://w3c.github.io/webappsec-cors-for-developers/#avoid-returning-access-control-allow-origin-null'],
  },
  messages: {
    nullAllowed:
      'Allowing the `null` origin allows any website: sandboxed iframes and data: documents send `Origin: null`.{{credentials}}',
    nullSent:
      'Access-Control-Allow-Origin: null does not deny anyone; it grants access to every sandboxed or data: document. Omit the header to deny.{{credentials}}',
  },
  fixable: true,
  examples: {
    invalid: [
      {
        path: 'app.py',
        code: "from flask import Flask\nfrom flask_cors import CORS\n\napp = Flask(__name__)\nCORS(app, origins=['https://app.example.com', 'null'])\n",
      },
      { path: 'server.js', code: "const cors = require('cors');\napp.use(cors({ origin: ['https://app.example.com', 'null'] }));\n" },
      { path: 'api.php', code: "<?php\nheader('Access-Control-Allow-Origin: null');\n" },
    ],
    valid: [{ path: 'server.js', code: "const cors = require('cors');\napp.use(cors({ origin: ['https://app.example.com'] }));\n" }],
  },
  check(facts, ctx) {
    for (const p of facts.policies) {
      const creds = p.credentials === true;
      const credText = creds ? ' With credentials allowed, they can read the user\'s data.' : '';
      if (p.origin.kind === 'null') {
        const writes = writesOf(facts, p, 'access-control-allow-origin');
        const { origins, configured } = trustedOrigins(ctx.settings);
        const fixes: FixOffer[] = [];
        if (configured && writes.length === 1) {
          fixes.push({ title: `Allow only ${origins[0]}`, requests: [{ kind: 'set-header-value', writeId: writes[0].id, value: origins[0] }], preferred: true });
        }
        for (const w of writes) {
          fixes.push({ title: 'Remove the Access-Control-Allow-Origin: null header', requests: [{ kind: 'remove-write', writeId: w.id }] });
        }
        ctx.report({ messageId: 'nullSent', data: { credentials: credText }, span: p.origin.span ?? p.span, fixes, severity: creds ? 'error' : undefined });
      } else if (p.origin.kind === 'list') {
        p.origin.entries.forEach((e, index) => {
          if (e.match !== 'exact' || e.value.trim().toLowerCase() !== 'null') return;
          if (e.value.trim() !== 'null' && !(p.origin.kind === 'list' && p.origin.tolerance.caseInsensitive)) return;
          ctx.report({
            messageId: 'nullAllowed',
            data: { credentials: credText },
            span: e.span,
            severity: creds ? 'error' : undefined,
            fixes: [{ title: 'Remove `null` from the allowed origins', requests: [{ kind: 'remove-origin-entry', policyId: p.id, index }], preferred: true }],
          });
        });
      }
    }
  },
};
export default rule;
