'use strict';

const Hapi = require('@hapi/hapi');

const init = async () => {
  const server = Hapi.server({
    port: process.env.PORT || 5000,
    host: '0.0.0.0',
    routes: {
      cors: {
        origin: ['https://admin.example.com', 'https://*.admin.example.com'],
        additionalHeaders: ['X-Requested-With'],
      },
    },
  });

  server.route({
    method: 'GET',
    path: '/reports/{month}',
    handler: (request) => ({ month: request.params.month, rows: [] }),
  });

  // Embedded in a partner iframe: cookies included, and the partner page is sandboxed.
  server.route({
    method: 'GET',
    path: '/reports/{month}/summary',
    options: { cors: { origin: ['https://partner.example.net', 'null'], credentials: true } },
    handler: (request) => ({ month: request.params.month, total: 0 }),
  });

  await server.start();
};

init();
