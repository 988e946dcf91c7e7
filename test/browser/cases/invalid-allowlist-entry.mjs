// An allowlist entry that can never equal an Origin header: the library compares strings exactly, finds no
// match and sends no ACAO at all, so the origin the author meant is blocked.
export default {
  rule: 'invalid-allowlist-entry',
  before: { legit: 'blocked', corsError: 'MissingAllowOriginHeader' },
  after: { legit: 'readable', attacker: 'blocked' },
  examples: {
    // cors({ origin: ['https://app.example.com/', ...] })
    'server.js#0': { request: { method: 'GET', credentials: 'omit' } },
    // cors({ origin: ['*'], credentials: true }): '*' compared literally.
    'server.js#1': {
      request: { method: 'GET', credentials: 'include' },
    },
    // django-cors-headers compares only scheme and host: the trailing-slash entry works at run time (what the
    // finding says); its system check (E014) is what refuses it — test/browser/django-system-check.test.mjs.
    'settings.py': { before: { legit: 'readable' } },
  },
  request: { method: 'GET', credentials: 'omit' },
  // flask-cors compares entries case-insensitively but literally otherwise: a trailing slash never matches.
  extraExamples: [
    // Go, gorilla/handlers 1.5.1: entries compared byte for byte; an uppercase host never matches
    {
      path: 'gorilla-cors.go',
      code:
        'package main\n\nimport (\n\t"net/http"\n\n\t"github.com/gorilla/handlers"\n)\n\n' +
        'func handler(next http.Handler) http.Handler {\n\treturn handlers.CORS(handlers.AllowedOrigins([]string{"https://App.example.com"}))(next)\n}\n',
    },
    // Go, rs/cors 1.7.0: entries are lower-cased and compared exactly; a trailing slash never matches
    {
      path: 'go-rscors.go',
      code:
        'package main\n\nimport (\n\t"net/http"\n\n\t"github.com/rs/cors"\n)\n\n' +
        'func handler(next http.Handler) http.Handler {\n\treturn cors.New(cors.Options{AllowedOrigins: []string{"https://app.example.com/"}}).Handler(next)\n}\n',
    },
    // Go, gin-contrib/cors 1.4.0: the same (the disallowed origin gets 403)
    {
      path: 'gin-cors.go',
      code:
        'package main\n\nimport (\n\t"github.com/gin-contrib/cors"\n\t"github.com/gin-gonic/gin"\n)\n\n' +
        'func setup(r *gin.Engine) {\n\tconfig := cors.DefaultConfig()\n\tconfig.AllowOrigins = []string{"https://app.example.com/"}\n\tr.Use(cors.New(config))\n}\n',
    },
    // rack-cors 1.1.1 in a Rails initializer: an entry with a scheme is compared exactly, the slash never matches
    {
      path: 'config/initializers/cors.rb',
      code:
        "Rails.application.config.middleware.insert_before 0, Rack::Cors do\n  allow do\n" +
        "    origins 'https://app.example.com/'\n    resource '*', headers: :any, methods: [:get, :post]\n  end\nend\n",
    },
    {
      // Starlette: `origin in allow_origins`, exact.
      path: 'main.py',
      code: 'from fastapi.middleware.cors import CORSMiddleware\n\napp.add_middleware(CORSMiddleware, allow_origins=["https://app.example.com/"])\n',
    },
    // hono/cors compares a string origin exactly: the trailing slash never matches
    { path: 'hono-app.js', code: "const { cors } = require('hono/cors');\napp.use('/api/*', cors({ origin: 'https://app.example.com/' }));\n" },
    // hapi route cors: exact comparison too
    {
      path: 'hapi-server.js',
      code: "const Hapi = require('@hapi/hapi');\nconst server = Hapi.server();\nserver.route({ method: 'GET', path: '/api/data', options: { cors: { origin: ['https://app.example.com/'] } }, handler: () => ({ ok: true, secret: 'account 4711' }) });\n",
    },
  ],
};
