// The request Origin echoed with credentials allowed: any site can read responses made with the victim's
// cookies.
export default {
  rule: 'reflected-origin-with-credentials',
  request: { method: 'GET', credentials: 'include' },
  before: { attacker: 'readable' },
  after: { legit: 'readable', attacker: 'blocked' },
  // flask-cors 3.0.10: origins default '*' with supports_credentials=True echoes the request origin.
  // Koa, Hono and hapi, served by the real frameworks (see ../jsServers.mjs).
  extraExamples: [
    // @koa/cors 5.0.0: credentials with the default origin '*' echo the request Origin
    { path: 'koa-server.js', code: "const cors = require('@koa/cors');\napp.use(cors({ credentials: true }));\n" },
    // hono/cors: an origin function returning its argument
    { path: 'hono-app.js', code: "const { cors } = require('hono/cors');\napp.use('/api/*', cors({ origin: (origin) => origin, credentials: true }));\n" },
    // hapi: cors with credentials keeps the default origin ['*'], which echoes every Origin
    // NestJS (Express platform): enableCors options go to the cors package; origin: true echoes
    { path: 'nest-main.js', code: 'const app = await NestFactory.create(AppModule, { logger: false });\napp.enableCors({ origin: true, credentials: true });\n' },
    { path: 'hapi-server.js', code: "const Hapi = require('@hapi/hapi');\nconst server = Hapi.server({ routes: { cors: { credentials: true } } });\n" },
  ],
};
