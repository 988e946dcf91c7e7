'use strict';

const { Router } = require('express');

const router = Router();

router.get('/', async (req, res, next) => {
  try {
    res.json(await req.app.locals.db.orders.list({ user: req.cookies.sid }));
  } catch (err) {
    next(err);
  }
});

router.post('/', async (req, res, next) => {
  try {
    const order = await req.app.locals.db.orders.create(req.body);
    res.status(201).json(order);
  } catch (err) {
    next(err);
  }
});

module.exports = router;
