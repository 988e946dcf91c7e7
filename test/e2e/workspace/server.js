const express = require('express');
const cors = require('cors');

const app = express();

// Let the front end call the API with its session cookie.
app.use(cors({ origin: true, credentials: true }));

app.get('/api/me', (req, res) => {
  res.json({ user: 'ada' });
});

app.listen(3000);
