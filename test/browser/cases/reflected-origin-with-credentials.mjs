// The request Origin echoed with credentials allowed: any site can read responses made with the victim's
// cookies.
export default {
  rule: 'reflected-origin-with-credentials',
  request: { method: 'GET', credentials: 'include' },
  before: { attacker: 'readable' },
  after: { legit: 'readable', attacker: 'blocked' },
  // flask-cors 3.0.10: origins default '*' with supports_credentials=True echoes the request origin.
};
