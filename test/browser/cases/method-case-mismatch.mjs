// `patch` in Allow-Methods does not allow PATCH: only DELETE/GET/HEAD/OPTIONS/POST/PUT are normalised.
export default {
  rule: 'method-case-mismatch',
  request: { method: 'PATCH', credentials: 'omit', headers: {}, body: '{"a":1}' },
  before: { legit: 'blocked', corsError: 'MethodDisallowedByPreflightResponse' },
  after: { legit: 'readable', attacker: 'blocked' },
};
