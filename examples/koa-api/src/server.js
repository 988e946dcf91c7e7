const Koa = require('koa');
const Router = require('@koa/router');
const bodyParser = require('koa-bodyparser');
const cors = require('@koa/cors');

const app = new Koa();
const router = new Router({ prefix: '/api' });

router.get('/account', (ctx) => {
  ctx.body = { id: ctx.state.userId, plan: 'pro' };
});
router.patch('/account', (ctx) => {
  ctx.body = { ok: true };
});

// The portal sends the session cookie. With credentials on, @koa/cors 5 replaces the
// default origin '*' by the request's Origin: every site can read /api/account.
app.use(
  cors({
    credentials: true,
    allowMethods: ['GET', 'PATCH'],
    maxAge: 600,
  }),
);
app.use(bodyParser());
app.use(router.routes()).use(router.allowedMethods());

app.listen(process.env.PORT || 4000);
