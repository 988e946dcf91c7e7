// Two ACAO headers on one response are read as one value joined by ", " and always fail the CORS check.
export default {
  rule: 'duplicate-allow-origin',
  request: { method: 'GET', credentials: 'omit' },
  before: { legit: 'blocked', corsError: 'MultipleAllowOriginValues' },
  // The nginx example allows `*`: after the fix any origin may read (that is its intent), so only the
  // legitimate request is checked there.
  after: { legit: 'readable', attacker: 'blocked' },
  examples: { 'nginx.conf': { after: { attacker: null } } },
};
