import { Hono } from 'hono';
import { cors } from 'hono/cors';

type Bindings = { CATALOG: KVNamespace };

const app = new Hono<{ Bindings: Bindings }>();

// Public, read-only catalog: any site may read it.
app.use('/catalog/*', cors({ allowMethods: ['GET'] }));

// The shop front-end calls the cart with its cookie.
app.use(
  '/cart/*',
  cors({
    origin: ['https://shop.example.com/', 'https://www.shop.example.com'],
    allowHeaders: ['Content-Type'],
    credentials: true,
  }),
);

app.get('/catalog/:sku', async (c) => c.json(await c.env.CATALOG.get(c.req.param('sku'), 'json')));
app.post('/cart/items', async (c) => c.json({ added: true }));

export default app;
