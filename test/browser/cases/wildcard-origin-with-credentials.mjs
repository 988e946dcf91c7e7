// `*` with credentials: the browser rejects every credentialed request (Fetch "CORS check": with credentials
// mode "include", ACAO must be the exact origin).
export default {
  rule: 'wildcard-origin-with-credentials',
  request: { method: 'GET', credentials: 'include' },
  before: { legit: 'blocked', corsError: 'WildcardOriginNotAllowed' },
  after: { legit: 'readable', attacker: 'blocked' },
  examples: {
    // The rule's example of a framework that refuses the combination: ASP.NET Core's Build() throws, so no
    // response is ever sent (claim from dotnet/aspnetcore's CorsPolicyBuilder; .NET is not in Debian).
    'Program.cs': { skip: 'ASP.NET Core cannot run here (.NET is not packaged in Debian)' },
  },
  extraExamples: [
    // Go, gorilla/handlers 1.5.1 (Debian): AllowedOrigins "*" with AllowCredentials() still sends `*`
    {
      path: 'gorilla-cors.go',
      code:
        'package main\n\nimport (\n\t"net/http"\n\n\t"github.com/gorilla/handlers"\n)\n\n' +
        'func handler(next http.Handler) http.Handler {\n\treturn handlers.CORS(\n\t\thandlers.AllowedOrigins([]string{"*"}),\n\t\thandlers.AllowCredentials(),\n\t)(next)\n}\n',
    },
    // Go, rs/cors 1.7.0 (Debian's golang-github-rs-cors-dev): "*" with AllowCredentials still sends `*`
    {
      path: 'go-rscors.go',
      code:
        'package main\n\nimport (\n\t"net/http"\n\n\t"github.com/rs/cors"\n)\n\n' +
        'func handler(next http.Handler) http.Handler {\n\tc := cors.New(cors.Options{\n\t\tAllowedOrigins:   []string{"*"},\n\t\tAllowCredentials: true,\n\t})\n\treturn c.Handler(next)\n}\n',
    },
    // Go, gin-contrib/cors 1.4.0 on gin 1.8.1: AllowAllOrigins sends `*` literally, with credentials too
    {
      path: 'gin-cors.go',
      code:
        'package main\n\nimport (\n\t"github.com/gin-contrib/cors"\n\t"github.com/gin-gonic/gin"\n)\n\n' +
        'func setup(r *gin.Engine) {\n\tr.Use(cors.New(cors.Config{\n\t\tAllowAllOrigins:  true,\n\t\tAllowCredentials: true,\n\t}))\n}\n',
    },
    // Go net/http, hand-written
    {
      path: 'go-handwritten.go',
      code:
        'package main\n\nimport "net/http"\n\n' +
        'func handler(next http.Handler) http.Handler {\n\treturn http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {\n' +
        '\t\tw.Header().Set("Access-Control-Allow-Origin", "*")\n\t\tw.Header().Set("Access-Control-Allow-Credentials", "true")\n\t\tnext.ServeHTTP(w, r)\n\t})\n}\n',
    },
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
