'use strict';

const { Router } = require('express');

const router = Router();

// PDFs are embedded by the partner portal, which reads them with fetch().
router.get('/:id.pdf', async (req, res, next) => {
  try {
    const pdf = await req.app.locals.pdf.render(req.params.id);
    res.header('Access-Control-Allow-Origin', req.headers.origin);
    res.header('Access-Control-Allow-Credentials', 'true');
    res.type('application/pdf').send(pdf);
  } catch (err) {
    next(err);
  }
});

module.exports = router;
