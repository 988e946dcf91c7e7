// The request Origin echoed without an allowlist: any site can read the (non-credentialed) response.
export default {
  rule: 'reflected-origin',
  request: { method: 'GET', credentials: 'omit' },
  before: { attacker: 'readable' },
  after: { legit: 'readable', attacker: 'blocked' },
  // Not a case: flask-cors `CORS(app)` with its defaults echoes any Origin, but without credentials that is
  // `*` in effect (a library "allow all" mode); RULES.md counts such modes only with credentials
  // (reflected-origin-with-credentials).
};
