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
    // Koa, Hono and hapi, served by the real frameworks (see ../jsServers.mjs).
    // @koa/cors 5.0.0: credentials with the default origin '*' echo the request Origin
    { path: 'koa-server.js', code: "const cors = require('@koa/cors');\napp.use(cors({ credentials: true }));\n" },
    // hono/cors: an origin function returning its argument
    { path: 'hono-app.js', code: "const { cors } = require('hono/cors');\napp.use('/api/*', cors({ origin: (origin) => origin, credentials: true }));\n" },
    // hapi: cors with credentials keeps the default origin ['*'], which echoes every Origin
    // NestJS (Express platform): enableCors options go to the cors package; origin: true echoes
    { path: 'nest-main.js', code: 'const app = await NestFactory.create(AppModule, { logger: false });\napp.enableCors({ origin: true, credentials: true });\n' },
    { path: 'hapi-server.js', code: "const Hapi = require('@hapi/hapi');\nconst server = Hapi.server({ routes: { cors: { credentials: true } } });\n" },
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
