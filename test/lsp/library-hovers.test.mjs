// Option hovers of the Express `cors` package and of @fastify/cors through the bundled server over stdio: the
// text says what the option makes the server send, for the library version it was read from.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { trackedClients } from './client.mjs';

const client = trackedClients();

async function hoverAt(c, uri, text, line, word) {
  const character = text.split('\n')[line].indexOf(word) + 1;
  assert.ok(character > 0, word);
  const h = await c.request('textDocument/hover', { textDocument: { uri }, position: { line, character } });
  return h?.contents.value ?? '';
}

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
