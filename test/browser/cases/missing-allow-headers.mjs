// A hand-written preflight answer without Access-Control-Allow-Headers: a POST with
// `Content-Type: application/json` is preflighted and the preflight does not allow the header.
export default {
  rule: 'missing-allow-headers',
  request: { method: 'POST', credentials: 'omit', headers: { 'Content-Type': 'application/json' }, body: '{"a":1}' },
  before: { legit: 'blocked', corsError: 'HeaderDisallowedByPreflightResponse' },
  after: { legit: 'readable', attacker: 'blocked' },
  examples: {
    // The nginx example adds its headers only inside `if ($request_method = OPTIONS)`: after the fix the
    // preflight passes (Chromium's reason moves from the preflight to the actual response), but the POST's
    // own response carries no Access-Control-Allow-Origin, so it stays blocked. What the rule claims (the
    // preflight) is fixed; the example itself is incomplete (reported).
    'nginx.conf': { after: { legit: 'blocked', corsError: 'MissingAllowOriginHeader', attacker: null } },
  },
};
