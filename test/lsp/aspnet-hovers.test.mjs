// ASP.NET Core CORS builder-method hovers and a C# diagnostic through the bundled server over stdio.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { trackedClients } from './client.mjs';

const client = trackedClients();

test('ASP.NET Core: builder-method hovers name the source version; AllowAnyOrigin + AllowCredentials is diagnosed', async () => {
  const c = client();
  await c.initialize();
  const text = 'builder.Services.AddCors(o => o.AddPolicy("p", p => p.AllowAnyOrigin().AllowCredentials()));\n';
  const uri = 'file:///tmp/ws/api/Program.cs';
  const diags = await c.openAndDiagnose(uri, 'csharp', text);
  assert.ok(JSON.stringify(diags).includes('wildcard-origin-with-credentials'));
  const at = async (word) => {
    const character = text.indexOf(word) + 1;
    const h = await c.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character } });
    return h?.contents.value ?? '';
  };
  assert.match(await at('AllowAnyOrigin'), /ASP\.NET Core CORS 8\.0[\s\S]*throws InvalidOperationException/);
  assert.match(await at('AllowCredentials'), /Access-Control-Allow-Credentials: true/);
  const webapi = '[EnableCors(origins: "*", headers: "*", methods: "*", SupportsCredentials = true)]\npublic class A : ApiController {}\n';
  const wuri = 'file:///tmp/ws/api/A.cs';
  await c.openAndDiagnose(wuri, 'csharp', webapi);
  const h = await c.request('textDocument/hover', { textDocument: { uri: wuri }, position: { line: 0, character: webapi.indexOf('SupportsCredentials') + 2 } });
  assert.match(h?.contents.value ?? '', /ASP\.NET Web API 2 CORS 5\.2[\s\S]*echoed/);
  await c.stop();
});
