// Allowing `null`: any page can produce `Origin: null` (here a sandboxed iframe on the attacker's page) and
// read the response.
export default {
  rule: 'null-origin-allowed',
  request: { method: 'GET', credentials: 'omit' },
  attackerFrom: 'sandboxed-iframe',
  before: { attacker: 'readable' },
  after: { legit: 'readable', attacker: 'blocked' },
  // `header('Access-Control-Allow-Origin: null')`: with a trusted origin configured, the fix sends that origin.
  extraExamples: [
    // hapi echoes 'null' when it is in the origin list
    { path: 'hapi-server.js', code: "const Hapi = require('@hapi/hapi');\nconst server = Hapi.server({ routes: { cors: { origin: ['https://app.example.com', 'null'] } } });\n" },
  ],
};
