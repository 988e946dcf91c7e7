import type { Rule } from './types.js';
import { parseSerializedOrigin } from '../knowledge/fetch.js';
import { originsTitle, trustedOrigins } from './util.js';

const rule: Rule = {
  id: 'invalid-allowlist-entry',
  severity: 'error',
  category: 'correctness',
  docs: {
    summary: 'An entry of an origin allowlist that can never equal a request Origin header.',
    why:
      'CORS libraries compare the request Origin (`scheme://host[:port]`, lowercase, no path, no trailing slash, ' +
      'no default port) with each entry. An entry like `https://a.com/`, `a.com` or `https://*.a.com` never ' +
      'matches in a library that compares strings exactly, so that site gets no CORS headers and its requests fail. ' +
      'Whether an entry matches depends on the library: some tolerate a trailing slash or compare without case.',
    fix: 'Write each entry as the browser serializes the origin: `https://app.example.com`.',
    references: ['https://html.spec.whatwg.org/multipage/browsers.html#ascii-serialisation-of-an-origin'],
  },
  messages: {
    invalid: 'Allowlist entry `{{value}}` never matches a request origin ({{problems}}), so requests from it are blocked.',
    refusedAtStartup:
      'Allowlist entry `{{value}}` {{problems}}: the library would still match it, but {{by}} refuses it when the application starts.',
    literalStar: '`*` inside this allowlist is compared literally and matches no origin; use the library\'s "any origin" setting or list origins.',
  },
  fixable: true,
  examples: {
    invalid: [
      {
        path: 'app.py',
        code: "from flask import Flask\nfrom flask_cors import CORS\n\napp = Flask(__name__)\nCORS(app, origins=['https://app.example.com/'])\n",
      },
      {
        path: 'server.js',
        code: "const cors = require('cors');\napp.use(cors({ origin: ['https://app.example.com/', 'https://admin.example.com'] }));\n",
      },
      { path: 'server.js', code: "const cors = require('cors');\napp.use(cors({ origin: ['*'], credentials: true }));\n" },
      {
        path: 'settings.py',
        code:
          "INSTALLED_APPS = ['corsheaders']\nMIDDLEWARE = ['corsheaders.middleware.CorsMiddleware']\n\n" +
          "CORS_ALLOWED_ORIGINS = ['https://app.example.com/']\n",
      },
    ],
    valid: [
      { path: 'server.js', code: "const cors = require('cors');\napp.use(cors({ origin: ['https://app.example.com', 'http://localhost:3000'] }));\n" },
    ],
  },
  check(facts, ctx) {
    for (const p of facts.policies) {
      if (p.origin.kind !== 'list') continue;
      const tol = p.origin.tolerance;
      p.origin.entries.forEach((e, index) => {
        if (e.match !== 'exact') return;
        const v = e.value;
        if (v.trim().toLowerCase() === 'null') return; // null-origin-allowed judges it
        if (v === '*') {
          if (tol.starMeansAny) return;
          const { origins, configured } = trustedOrigins(ctx.settings);
          ctx.report({
            messageId: 'literalStar',
            span: e.span,
            fixes: [
              {
                title: `Change to ${originsTitle(origins.slice(0, 1), configured)}`,
                requests: [{ kind: 'replace-origin-entry', policyId: p.id, index, value: origins[0] }],
                preferred: configured,
              },
            ],
          });
          return;
        }
        const parsed = parseSerializedOrigin(v);
        if (parsed.ok) return;
        // What this library forgives.
        const forgiven = (code: string) =>
          (tol.trailingSlash && code === 'trailing-slash') ||
          (tol.caseInsensitive && code === 'uppercase') ||
          (tol.wildcardSubdomains && code === 'wildcard') ||
          (tol.ignoresPath && (code === 'path' || code === 'query' || code === 'fragment' || code === 'trailing-slash'));
        const problems = parsed.problems.filter((_pr, i) => !forgiven(parsed.codes[i]));
        // Forgiven by the comparison, but refused when the application starts (a system check).
        const refused = problems.length === 0 ? parsed.problems.filter((_pr, i) => tol.startupCheck?.codes.includes(parsed.codes[i])) : [];
        if (problems.length === 0 && refused.length === 0) return;
        ctx.report({
          messageId: problems.length ? 'invalid' : 'refusedAtStartup',
          data: { value: v, problems: (problems.length ? problems : refused).join('; '), by: tol.startupCheck?.by ?? '' },
          span: e.span,
          fixes:
            parsed.normalized && parsed.normalized !== 'null'
              ? [
                  {
                    title: `Change to ${parsed.normalized}`,
                    requests: [{ kind: 'replace-origin-entry', policyId: p.id, index, value: parsed.normalized }],
                    preferred: true,
                  },
                ]
              : [],
        });
      });
    }
  },
};
export default rule;
