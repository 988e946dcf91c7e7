'use strict';

const express = require('express');
const cors = require('cors');
const helmet = require('helmet');
const morgan = require('morgan');
const cookieParser = require('cookie-parser');

const orders = require('./routes/orders');
const invoices = require('./routes/invoices');

const app = express();

// The dashboard (and its staging copy) call this API with the session cookie.
const corsOptions = {
  origin: ['https://dashboard.example.com/', 'https://staging-dashboard.example.com'],
  credentials: true,
  methods: ['GET', 'POST', 'PUT', 'DELETE'],
  allowedHeaders: ['Content-Type', 'Authorization'],
  maxAge: 86400,
};

app.use(helmet());
app.use(morgan('tiny'));
app.use(cors(corsOptions));
app.use(cookieParser());
app.use(express.json());

app.use('/api/orders', orders);
app.use('/api/invoices', invoices);

app.get('/healthz', (req, res) => res.json({ ok: true }));

const port = Number(process.env.PORT) || 8080;
app.listen(port, () => console.log(`orders-api listening on :${port}`));
