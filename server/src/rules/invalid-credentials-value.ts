import type { Rule } from './types.js';

const OFF = new Set(['false', '0', 'no', 'off', '']);

const rule: Rule = {
  id: 'invalid-credentials-value',
  severity: 'warning',
  category: 'correctness',
  docs: {
    summary: 'Access-Control-Allow-Credentials with a value other than the exact string `true`.',
    why:
      'The browser accepts credentials only when the header value is exactly `true` (lowercase). `True`, `1` or ' +
      '`yes` count as absent, so credentialed requests fail. `false` does not disable anything either: ' +
      'the header only ever means "true"; to disallow credentials, omit it.',
    fix: 'Send `true`, or remove the header when credentials are not wanted.',
    references: ['https://fetch.spec.whatwg.org/#http-access-control-allow-credentials'],
  },
  messages: {
    notTrue: 'Access-Control-Allow-Credentials `{{value}}` is ignored: browsers only accept the exact lowercase `true`.',
    off: 'Access-Control-Allow-Credentials `{{value}}` has no meaning: the only valid value is `true`. Omit the header to disallow credentials.',
  },
  fixable: true,
  examples: {
    invalid: [
      {
        path: 'web.config',
        code:
          '<configuration>\n  <system.webServer>\n    <httpProtocol>\n      <customHeaders>\n' +
          '        <add name="Access-Control-Allow-Origin" value="https://app.example.com" />\n        <add name="Access-Control-Allow-Credentials" value="True" />\n' +
          '      </customHeaders>\n    </httpProtocol>\n  </system.webServer>\n</configuration>\n',
      },
      { path: 'api.php', code: "<?php\nheader('Access-Control-Allow-Origin: https://app.example.com');\nheader('Access-Control-Allow-Credentials: True');\n" },
      { path: '.htaccess', code: 'Header always set Access-Control-Allow-Origin "https://app.example.com"\nHeader always set Access-Control-Allow-Credentials "false"\n' },
    ],
    valid: [{ path: 'api.php', code: "<?php\nheader('Access-Control-Allow-Origin: https://app.example.com');\nheader('Access-Control-Allow-Credentials: true');\n" }],
  },
  check(facts, ctx) {
    for (const w of facts.headerWrites) {
      if (w.name.toLowerCase() !== 'access-control-allow-credentials' || w.value.kind !== 'literal') continue;
      if (w.op === 'unset' || w.op === 'edit') continue;
      const value = w.value.text.trim();
      if (value === 'true') continue;
      const off = OFF.has(value.toLowerCase());
      ctx.report({
        messageId: off ? 'off' : 'notTrue',
        data: { value },
        span: w.valueSpan ?? w.statementSpan,
        fixes: off
          ? [{ title: 'Remove the header', requests: [{ kind: 'remove-write', writeId: w.id }], preferred: true }]
          : [{ title: 'Change to `true`', requests: [{ kind: 'set-header-value', writeId: w.id, value: 'true' }], preferred: true }],
      });
    }
  },
};
export default rule;
