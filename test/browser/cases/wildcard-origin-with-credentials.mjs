// `*` with credentials: the browser rejects every credentialed request (Fetch "CORS check": with credentials
// mode "include", ACAO must be the exact origin).
export default {
  rule: 'wildcard-origin-with-credentials',
  request: { method: 'GET', credentials: 'include' },
  before: { legit: 'blocked', corsError: 'WildcardOriginNotAllowed' },
  after: { legit: 'readable', attacker: 'blocked' },
  extraExamples: [
    // Caddy 2.6.2: `header` sends `*` as written, next to the credentials header
    { path: 'Caddyfile', code: 'api.example.net {\n\theader Access-Control-Allow-Origin *\n\theader Access-Control-Allow-Credentials true\n}\n' },
    // NestJS (Express platform): cors 2.8.6 sends '*' literally with credentials
    { path: 'nest-main.js', code: "app.enableCors({ origin: '*', credentials: true });\n" },
    // hono/cors sends '*' literally with credentials
    { path: 'hono-app.js', code: "const { cors } = require('hono/cors');\napp.use('/api/*', cors({ origin: '*', credentials: true }));\n" },
    // @fastify/cors 11.4.3: a string origin is sent as it is, '*' too, next to Allow-Credentials: true
    { path: 'fastify-app.js', code: "await fastify.register(require('@fastify/cors'), { origin: '*', credentials: true });\n" },
    // a Fetch-API handler (Supabase style): a corsHeaders record spread into each Response
    {
      path: 'fetch-function.js',
      code:
        "const corsHeaders = {\n  'Access-Control-Allow-Origin': '*',\n  'Access-Control-Allow-Credentials': 'true',\n};\n\n" +
        "async function handler(request) {\n  if (request.method === 'OPTIONS') return new Response('ok', { headers: corsHeaders });\n" +
        "  return new Response(BODY, { headers: { ...corsHeaders, 'Content-Type': 'application/json' } });\n}\n",
    },
  ],
};
