import type { Rule } from './types.js';
import { MAX_AGE_CAP } from '../knowledge/fetch.js';

const rule: Rule = {
  id: 'max-age-over-browser-cap',
  severity: 'info',
  category: 'compat',
  docs: {
    summary: 'Access-Control-Max-Age above what browsers honour, negative, or not a whole number.',
    why:
      'Browsers cache a preflight for at most their own cap: Chromium 7200 seconds (2 hours), Firefox 86400 ' +
      '(24 hours). A larger value is silently reduced, so preflights come back sooner than the config suggests. ' +
      'A negative or non-integer value is invalid and the default of 5 seconds applies.',
    fix: `Use ${MAX_AGE_CAP.chromium} (what Chromium honours) or less.`,
    references: ['https://fetch.spec.whatwg.org/#http-access-control-max-age'],
  },
  messages: {
    overCap: 'Max-Age {{value}} exceeds what browsers honour: Chromium caps preflight caching at 7200 s, Firefox at 86400 s.',
    invalid: 'Max-Age `{{value}}` is not a non-negative whole number of seconds; browsers ignore it and cache the preflight for 5 s.',
  },
  fixable: true,
  examples: {
    invalid: [
      { path: 'app.py', code: "from flask import Flask\nfrom flask_cors import CORS\n\napp = Flask(__name__)\nCORS(app, origins=['https://app.example.com'], max_age=86400)\n" },
      { path: 'server.js', code: "const cors = require('cors');\napp.use(cors({ origin: 'https://app.example.com', maxAge: 86400 }));\n" },
      {
        path: 'nginx.conf',
        code: "server {\n  location / {\n    add_header Access-Control-Allow-Origin 'https://app.example.com' always;\n    add_header Access-Control-Max-Age 1728000 always;\n  }\n}\n",
      },
      { path: 'api.php', code: "<?php\nheader('Access-Control-Allow-Origin: https://app.example.com');\nheader('Access-Control-Max-Age: 600.5');\n" },
    ],
    valid: [{ path: 'server.js', code: "const cors = require('cors');\napp.use(cors({ origin: 'https://app.example.com', maxAge: 600 }));\n" }],
  },
  check(facts, ctx) {
    for (const p of facts.policies) {
      if (!p.maxAge) continue;
      const raw = p.maxAge.value.trim();
      if (/^\d+$/.test(raw)) {
        if (Number(raw) > MAX_AGE_CAP.chromium) {
          ctx.report({
            messageId: 'overCap',
            data: { value: raw },
            span: p.maxAge.span,
            fixes: [{ title: `Change to ${MAX_AGE_CAP.chromium}`, requests: [{ kind: 'set-max-age', policyId: p.id, value: MAX_AGE_CAP.chromium }], preferred: true }],
          });
        }
      } else if (/^[-+]?\d*\.?\d+(e[-+]?\d+)?$/i.test(raw)) {
        ctx.report({ messageId: 'invalid', data: { value: raw }, span: p.maxAge.span });
      }
    }
  },
};
export default rule;
