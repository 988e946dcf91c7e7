// Two ACAO headers on one response are read as one value joined by ", " and always fail the CORS check.
export default {
  rule: 'duplicate-allow-origin',
  request: { method: 'GET', credentials: 'omit' },
  before: { legit: 'blocked', corsError: 'MultipleAllowOriginValues' },
  // The nginx example allows `*`: after the fix any origin may read (that is its intent), so only the
  // legitimate request is checked there.
  after: { legit: 'readable', attacker: 'blocked' },
  examples: { 'nginx.conf': { after: { attacker: null } } },
  extraExamples: [
    // Caddy 2.6.2: a second `header` directive with `+` adds a second Allow-Origin
    { path: 'Caddyfile', code: 'api.example.net {\n\theader Access-Control-Allow-Origin https://app.example.com\n\theader +Access-Control-Allow-Origin https://app.example.com\n}\n' },
    // a Fetch-API handler: Headers.append adds a second value to the one the Response started with
    {
      path: 'fetch-worker.js',
      code:
        "async function handler(request) {\n  const res = new Response(BODY, { headers: { 'Access-Control-Allow-Origin': 'https://app.example.com' } });\n" +
        "  res.headers.append('Access-Control-Allow-Origin', 'https://app.example.com');\n  return res;\n}\n",
    },
  ],
};
