// A hand-written preflight answer without Access-Control-Allow-Headers: a POST with
// `Content-Type: application/json` is preflighted and the preflight does not allow the header.
export default {
  rule: 'missing-allow-headers',
  request: { method: 'POST', credentials: 'omit', headers: { 'Content-Type': 'application/json' }, body: '{"a":1}' },
  before: { legit: 'blocked', corsError: 'HeaderDisallowedByPreflightResponse' },
  after: { legit: 'readable', attacker: 'blocked' },
};
