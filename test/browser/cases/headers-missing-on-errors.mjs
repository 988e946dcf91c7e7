// Without `always`, a 404 carries no CORS headers: the script sees a network error instead of the 404.
// After the fix the script can read the 404 (status and body).
export default {
  rule: 'headers-missing-on-errors',
  request: { method: 'GET', credentials: 'omit', path: '/api/missing' },
  before: { legit: 'blocked', corsError: 'MissingAllowOriginHeader' },
  // The examples allow `*`: any origin may read after the fix, by design.
  after: { legit: 'readable', status: 404 },
};
