import type { Rule } from './types.js';
import { allowOnlyTrusted } from './util.js';

const rule: Rule = {
  id: 'wildcard-origin-with-credentials',
  severity: 'error',
  category: 'correctness',
  docs: {
    summary: 'Access-Control-Allow-Origin `*` together with Access-Control-Allow-Credentials `true`.',
    why:
      'For a request with credentials (cookies, HTTP auth, `credentials: "include"`, `withCredentials`) the browser ' +
      'rejects a response whose Access-Control-Allow-Origin is `*`: the CORS check demands the exact origin. ' +
      'Every credentialed request fails, and requests without credentials did not need the credentials header. ' +
      'Some frameworks refuse the combination outright (ASP.NET Core, Spring 5.3 and later, rack-cors, fiber, AWS ' +
      'SAM): the app does not start, the template does not deploy, or every CORS request ends in an error.',
    fix:
      'Name the origins that may send credentials (an allowlist that echoes the matching origin, with `Vary: Origin`), ' +
      'or stop sending Access-Control-Allow-Credentials if no request needs cookies.',
    references: [
      'https://fetch.spec.whatwg.org/#cors-protocol-and-credentials',
      'https://fetch.spec.whatwg.org/#concept-cors-check',
    ],
  },
  messages: {
    wildcard:
      'Browsers reject `Access-Control-Allow-Origin: *` on credentialed requests; with credentials enabled every ' +
      'request that sends cookies or auth fails. Allow specific origins instead.',
    refused: '{{refusal}}. `*` cannot go with credentials; allow specific origins instead.',
  },
  fixable: true,
  examples: {
    invalid: [
      {
        path: 'web.config',
        code:
          '<configuration>\n  <system.webServer>\n    <httpProtocol>\n      <customHeaders>\n' +
          '        <add name="Access-Control-Allow-Origin" value="*" />\n        <add name="Access-Control-Allow-Credentials" value="true" />\n' +
          '      </customHeaders>\n    </httpProtocol>\n  </system.webServer>\n</configuration>\n',
      },
      { path: 'server.js', code: "const cors = require('cors');\napp.use(cors({ origin: '*', credentials: true }));\n" },
      {
        path: '.htaccess',
        code: 'Header always set Access-Control-Allow-Origin "*"\nHeader always set Access-Control-Allow-Credentials "true"\n',
      },
      {
        path: 'Program.cs',
        code:
          'var builder = WebApplication.CreateBuilder(args);\nbuilder.Services.AddCors(options =>\n' +
          '    options.AddDefaultPolicy(policy => policy.AllowAnyOrigin().AllowCredentials()));\n' +
          'var app = builder.Build();\napp.UseCors();\n',
      },
      {
        path: 'api.php',
        code: "<?php\nheader('Access-Control-Allow-Origin: *');\nheader('Access-Control-Allow-Credentials: true');\n",
      },
    ],
    valid: [
      { path: 'server.js', code: "const cors = require('cors');\napp.use(cors({ origin: '*' }));\n" },
      {
        path: 'server.js',
        code: "const cors = require('cors');\napp.use(cors({ origin: ['https://app.example.com'], credentials: true }));\n",
      },
    ],
  },
  check(facts, ctx) {
    for (const p of facts.policies) {
      if (p.origin.kind !== 'any' || p.credentials !== true) continue;
      ctx.report({
        ...(p.refusal ? { messageId: 'refused', data: { refusal: p.refusal } } : { messageId: 'wildcard' }),
        span: p.origin.span ?? p.span,
        related: p.credentialsSpan ? [{ span: p.credentialsSpan, message: 'Credentials are allowed here.' }] : [],
        fixes: [
          allowOnlyTrusted(p, ctx.settings),
          { title: 'Stop sending Access-Control-Allow-Credentials', requests: [{ kind: 'remove-credentials', policyId: p.id }] },
        ],
      });
    }
  },
};
export default rule;
