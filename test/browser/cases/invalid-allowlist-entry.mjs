// An allowlist entry that can never equal an Origin header: the library compares strings exactly, finds no
// match and sends no ACAO at all, so the origin the author meant is blocked.
export default {
  rule: 'invalid-allowlist-entry',
  before: { legit: 'blocked', corsError: 'MissingAllowOriginHeader' },
  after: { legit: 'readable', attacker: 'blocked' },
  examples: {
    // cors({ origin: ['https://app.example.com/', ...] })
    'server.js#0': { request: { method: 'GET', credentials: 'omit' } },
    // cors({ origin: ['*'], credentials: true }): '*' compared literally.
    'server.js#1': {
      request: { method: 'GET', credentials: 'include' },
    },
  },
  request: { method: 'GET', credentials: 'omit' },
  // flask-cors compares entries case-insensitively but literally otherwise: a trailing slash never matches.
};
