// The request Origin echoed with credentials allowed: any site can read responses made with the victim's
// cookies.
export default {
  rule: 'reflected-origin-with-credentials',
  request: { method: 'GET', credentials: 'include' },
  before: { attacker: 'readable' },
  after: { legit: 'readable', attacker: 'blocked' },
  // flask-cors 3.0.10: origins default '*' with supports_credentials=True echoes the request origin.
  examples: {
    // Starlette 0.26.1 echoes for allow_origins=['*'] + allow_credentials=True only when the request has a
    // Cookie header (without one it sends `*`, which the browser refuses): the victim holds a cookie.
    'main.py': { request: { method: 'GET', credentials: 'include', cookie: true } },
  },
  extraExamples: [
    // Go, gorilla/handlers 1.5.1: an AllowedOriginValidator accepting every origin, with credentials, echoes it
    {
      path: 'gorilla-cors.go',
      code:
        'package main\n\nimport (\n\t"net/http"\n\n\t"github.com/gorilla/handlers"\n)\n\n' +
        'func handler(next http.Handler) http.Handler {\n\treturn handlers.CORS(\n\t\thandlers.AllowedOriginValidator(func(origin string) bool { return true }),\n\t\thandlers.AllowCredentials(),\n\t)(next)\n}\n',
    },
    // Go net/http, hand-written: the Origin echoed with credentials
    {
      path: 'go-handwritten.go',
      code:
        'package main\n\nimport "net/http"\n\n' +
        'func handler(next http.Handler) http.Handler {\n\treturn http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {\n' +
        '\t\tw.Header().Set("Access-Control-Allow-Origin", r.Header.Get("Origin"))\n\t\tw.Header().Set("Access-Control-Allow-Credentials", "true")\n' +
        '\t\tw.Header().Add("Vary", "Origin")\n\t\tnext.ServeHTTP(w, r)\n\t})\n}\n',
    },
    // Go, rs/cors 1.7.0: an AllowOriginFunc that accepts every origin, with credentials, echoes it
    {
      path: 'go-rscors.go',
      code:
        'package main\n\nimport (\n\t"net/http"\n\n\t"github.com/rs/cors"\n)\n\n' +
        'func handler(next http.Handler) http.Handler {\n\tc := cors.New(cors.Options{\n\t\tAllowOriginFunc:  func(origin string) bool { return true },\n\t\tAllowCredentials: true,\n\t})\n\treturn c.Handler(next)\n}\n',
    },
    // Go, gin-contrib/cors 1.4.0: the same with its AllowOriginFunc
    {
      path: 'gin-cors.go',
      code:
        'package main\n\nimport (\n\t"github.com/gin-contrib/cors"\n\t"github.com/gin-gonic/gin"\n)\n\n' +
        'func setup(r *gin.Engine) {\n\tr.Use(cors.New(cors.Config{\n\t\tAllowOriginFunc:  func(origin string) bool { return true },\n\t\tAllowCredentials: true,\n\t}))\n}\n',
    },
    // rack-cors 1.1.1 (Debian's ruby-rack-cors) in a rackup file: an origins block that returns true echoes
    // every Origin, with credentials; the fix puts the trusted origin in its place
    {
      path: 'config.ru',
      code: "use Rack::Cors do\n  allow do\n    origins { |source, env| true }\n    resource '/api/*', headers: :any, methods: [:get, :post], credentials: true\n  end\nend\n",
    },
    // Sinatra 3.0.5, hand-written in a before filter: the Origin echoed with credentials
    {
      path: 'sinatra-app.rb',
      code:
        "require 'sinatra'\n\nbefore do\n  origin = request.env['HTTP_ORIGIN']\n" +
        "  headers 'Access-Control-Allow-Origin' => origin,\n          'Access-Control-Allow-Credentials' => 'true'\nend\n",
    },
    {
      // Caddy 2.6.2: {header.Origin} copies the request Origin, with credentials and no matcher
      path: 'Caddyfile',
      code: 'api.example.net {\n\theader {\n\t\tAccess-Control-Allow-Origin {header.Origin}\n\t\tAccess-Control-Allow-Credentials true\n\t\tVary Origin\n\t}\n}\n',
    },
    {
      // django-cors-headers 3.14: CORS_ALLOW_ALL_ORIGINS with CORS_ALLOW_CREDENTIALS echoes every origin.
      path: 'settings.py',
      code: 'INSTALLED_APPS = ["corsheaders"]\nMIDDLEWARE = ["corsheaders.middleware.CorsMiddleware"]\n\nCORS_ALLOW_ALL_ORIGINS = True\nCORS_ALLOW_CREDENTIALS = True\n',
    },
    {
      path: 'main.py',
      code:
        'from fastapi.middleware.cors import CORSMiddleware\n\n' +
        'app.add_middleware(\n    CORSMiddleware,\n    allow_origins=["*"],\n    allow_credentials=True,\n    allow_methods=["*"],\n    allow_headers=["*"],\n)\n',
    },
    {
      // A hand-written Django middleware (Django 3.2): the Origin echoed on every response, with credentials.
      path: 'middleware.py',
      code:
        'class CorsMiddleware:\n    def __init__(self, get_response):\n        self.get_response = get_response\n\n' +
        '    def __call__(self, request):\n        response = self.get_response(request)\n' +
        '        response["Access-Control-Allow-Origin"] = request.META.get("HTTP_ORIGIN")\n' +
        '        response["Access-Control-Allow-Credentials"] = "true"\n        return response\n',
    },
    {
      // A hand-written FastAPI http middleware (Starlette 0.26.1 BaseHTTPMiddleware under it).
      path: 'main.py',
      code:
        'from fastapi import Request\n\n\n@app.middleware("http")\nasync def add_cors(request: Request, call_next):\n' +
        '    response = await call_next(request)\n' +
        '    response.headers["Access-Control-Allow-Origin"] = request.headers.get("origin")\n' +
        '    response.headers["Access-Control-Allow-Credentials"] = "true"\n    return response\n',
    },
    // Koa, Hono and hapi, served by the real frameworks (see ../jsServers.mjs).
    // @koa/cors 5.0.0: credentials with the default origin '*' echo the request Origin
    { path: 'koa-server.js', code: "const cors = require('@koa/cors');\napp.use(cors({ credentials: true }));\n" },
    // hono/cors: an origin function returning its argument
    { path: 'hono-app.js', code: "const { cors } = require('hono/cors');\napp.use('/api/*', cors({ origin: (origin) => origin, credentials: true }));\n" },
    // hapi: cors with credentials keeps the default origin ['*'], which echoes every Origin
    // NestJS (Express platform): enableCors options go to the cors package; origin: true echoes
    { path: 'nest-main.js', code: 'const app = await NestFactory.create(AppModule, { logger: false });\napp.enableCors({ origin: true, credentials: true });\n' },
    // @fastify/cors 11.4.3: origin true reflects the request Origin (isRequestOriginAllowed returns !!true)
    { path: 'fastify-app.js', code: "const cors = require('@fastify/cors');\nawait fastify.register(cors, { origin: true, credentials: true });\n" },
    // Fastify, hand-written in an onRequest hook (it runs for every request, preflights included)
    {
      path: 'fastify-hooks.js',
      code:
        "fastify.addHook('onRequest', async (request, reply) => {\n" +
        "  reply.header('Access-Control-Allow-Origin', request.headers.origin);\n" +
        "  reply.header('Access-Control-Allow-Credentials', 'true');\n" +
        '});\n',
    },
    { path: 'hapi-server.js', code: "const Hapi = require('@hapi/hapi');\nconst server = Hapi.server({ routes: { cors: { credentials: true } } });\n" },
    // a Fetch-API handler (Next.js middleware style): the Origin set on the response's headers
    {
      path: 'fetch-middleware.js',
      code:
        "async function handler(request) {\n  const res = new Response(BODY, { headers: { 'Content-Type': 'application/json' } });\n" +
        "  res.headers.set('Access-Control-Allow-Origin', request.headers.get('Origin') ?? '');\n" +
        "  res.headers.set('Access-Control-Allow-Credentials', 'true');\n  return res;\n}\n",
    },
    // Hand-written headers: Koa's ctx.set and Hono's c.header echo the request Origin with credentials
    {
      path: 'koa-headers.js',
      code:
        "const Koa = require('koa');\nconst app = new Koa();\n\napp.use(async (ctx, next) => {\n" +
        "  ctx.set('Access-Control-Allow-Origin', ctx.get('Origin'));\n  ctx.set('Access-Control-Allow-Credentials', 'true');\n  await next();\n});\n",
    },
    {
      path: 'hono-headers.js',
      code:
        "const { Hono } = require('hono');\nconst app = new Hono();\n\napp.use('*', async (c, next) => {\n" +
        "  c.header('Access-Control-Allow-Origin', c.req.header('Origin'));\n  c.header('Access-Control-Allow-Credentials', 'true');\n  await next();\n});\n",
    },
  ],
};
