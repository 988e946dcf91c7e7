// An ACAO value that can never equal a serialized origin (trailing slash, uppercase host, a list): the
// legitimate page is blocked although it is the origin the author meant.
export default {
  rule: 'invalid-allow-origin-value',
  request: { method: 'GET', credentials: 'omit' },
  before: { legit: 'blocked' },
  after: { legit: 'readable', attacker: 'blocked' },
  examples: {
    'koa-server.js': { pageHost: 'a.example.com', before: { legit: 'blocked', corsError: 'MultipleAllowOriginValues' } },

    // A list `https://a.example.com, https://b.example.com`: the page is one of the listed origins.
    'api.php': {
      pageHost: 'a.example.com',
      before: { legit: 'blocked', corsError: 'MultipleAllowOriginValues' },
    },
    '.htaccess': { before: { legit: 'blocked', corsError: 'AllowOriginMismatch' } },
    'server.js': { before: { legit: 'blocked', corsError: 'AllowOriginMismatch' } },
  },
  extraExamples: [
    // @koa/cors with an array: Koa sends one ACAO line per element
    { path: 'koa-server.js', code: "const cors = require('@koa/cors');\napp.use(cors({ origin: ['https://a.example.com', 'https://b.example.com'] }));\n" },
  ],
};
