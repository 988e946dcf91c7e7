// Option hovers of the Express `cors` package, of @fastify/cors and of Go's rs/cors and gin-contrib/cors through the bundled server over stdio: the
// text says what the option makes the server send, for the library version it was read from.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hoverAt, trackedClients } from './client.mjs';

const client = trackedClients();

test('cors (Express) and @fastify/cors: option hovers name the version and what is sent', async () => {
  const c = client();
  await c.initialize();
  const express = "const cors = require('cors');\napp.use(cors({ origin: true, credentials: true, maxAge: 600 }));\n";
  const uri = 'file:///tmp/ws/api/server.js';
  await c.openAndDiagnose(uri, 'javascript', express);
  const origin = await hoverAt(c, uri, express, 1, 'origin');
  assert.match(origin, /cors \(Express middleware\) 2\.8\.5/);
  assert.match(origin, /echoes \*\*the request Origin, whatever it is\*\*/);
  assert.match(await hoverAt(c, uri, express, 1, 'credentials'), /only when exactly `true`/);
  const fastify = "import fastifyCors from '@fastify/cors';\nawait app.register(fastifyCors, { origin: '*', credentials: 'yes', methods: ['GET'] });\n";
  const furi = 'file:///tmp/ws/api/app.ts';
  await c.openAndDiagnose(furi, 'typescript', fastify);
  assert.match(await hoverAt(c, furi, fastify, 1, 'credentials'), /@fastify\/cors 11\.4\.3[\s\S]*any truthy value/);
  assert.match(await hoverAt(c, furi, fastify, 1, 'methods'), /Default `GET,HEAD,POST`/);
  await c.stop();
});

test('go: rs/cors and gin-contrib/cors option hovers', async () => {
  const c = client();
  await c.initialize();
  const rs = 'package main\n\nimport "github.com/rs/cors"\n\nvar c = cors.New(cors.Options{AllowedOrigins: []string{"*"}, AllowCredentials: true})\n';
  const uri = 'file:///tmp/ws/api/main.go';
  await c.openAndDiagnose(uri, 'go', rs);
  const o = await hoverAt(c, uri, rs, 4, 'AllowedOrigins');
  assert.match(o, /rs\/cors 1\.7\.0 and 1\.11\.1/);
  assert.match(o, /still sends `\*`/);
  const gin = 'package main\n\nimport "github.com/gin-contrib/cors"\n\nvar h = cors.New(cors.Config{AllowAllOrigins: true, MaxAge: 12 * time.Hour})\n';
  const guri = 'file:///tmp/ws/api/gin.go';
  await c.openAndDiagnose(guri, 'go', gin);
  assert.match(await hoverAt(c, guri, gin, 4, 'AllowAllOrigins'), /panics at start-up/);
  assert.match(await hoverAt(c, guri, gin, 4, 'MaxAge'), /nanoseconds/);
  await c.stop();
});
