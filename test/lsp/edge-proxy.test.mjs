// Edge and proxy configs through the bundled server over stdio: the finding, its quick fix in the file's own
// syntax (applied and re-checked), and the hover on a field naming what it makes the platform send.
import { test } from 'node:test';
import { trackedClients, checkFixAndHover } from './client.mjs';

const client = trackedClients();

const CASES = [
  {
    uri: 'file:///tmp/ws/netlify.toml',
    languageId: 'toml',
    text: '[[headers]]\n  for = "/api/*"\n  [headers.values]\n    Access-Control-Allow-Origin = "*"\n    Access-Control-Allow-Credentials = "true"\n',
    rule: 'wildcard-origin-with-credentials',
    at: { line: 3, character: 35 },
    // the hover on `for` says functions and proxied paths do not get these headers
    hover: { position: { line: 1, character: 3 }, text: /netlify\.toml headers 2026\.12[\s\S]*not on functions/ },
    fixed: /Access-Control-Allow-Origin = "https:\/\/app\.example\.com"\n/,
  },
  {
    uri: 'file:///tmp/ws/public/_headers',
    languageId: 'plaintext',
    text: '# API snapshots\n/api/*\n  Access-Control-Allow-Origin: *\n  Access-Control-Allow-Credentials: true\n',
    rule: 'wildcard-origin-with-credentials',
    at: { line: 2, character: 31 },
    hover: { position: { line: 1, character: 2 }, text: /_headers \(Netlify, Cloudflare Pages\) 2026\.12[\s\S]*joined by `, `/ },
    fixed: /\n  Access-Control-Allow-Origin: https:\/\/app\.example\.com\n/,
  },
  {
    // a Traefik middleware in compose labels: the hover on the field part of the label key
    uri: 'file:///tmp/ws/docker-compose.yml',
    languageId: 'yaml',
    text: 'services:\n  api:\n    image: example/api\n    labels:\n      - "traefik.http.middlewares.cors.headers.accesscontrolalloworiginlist=*"\n      - "traefik.http.middlewares.cors.headers.accesscontrolallowcredentials=true"\n      - "traefik.http.middlewares.cors.headers.addvaryheader=true"\n',
    rule: 'reflected-origin-with-credentials',
    at: { line: 4, character: 76 },
    hover: { position: { line: 4, character: 50 }, text: /Traefik headers middleware 3\.7\.9[\s\S]*byte for byte/ },
    fixed: /headers\.accesscontrolalloworiginlist=https:\/\/app\.example\.com"/,
  },
  {
    // an Istio VirtualService: a matcher accepting every origin with credentials; the fix writes an exact matcher
    uri: 'file:///tmp/ws/k8s/vs.yaml',
    languageId: 'yaml',
    text: 'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: api\nspec:\n  http:\n    - corsPolicy:\n        allowOrigins:\n          - regex: ".*"\n        allowCredentials: true\n',
    rule: 'reflected-origin-with-credentials',
    at: { line: 8, character: 20 },
    hover: { position: { line: 7, character: 10 }, text: /Istio VirtualService corsPolicy 1\.28[\s\S]*echoed/ },
    fixed: /allowOrigins:\n          - exact: "https:\/\/app\.example\.com"\n        allowCredentials: true/,
  },
  {
    // a Caddyfile: the echoed Origin with credentials; the hover on the `+` prefix of a field
    uri: 'file:///tmp/ws/Caddyfile',
    languageId: 'caddyfile',
    text: 'api.example.com {\n\theader {\n\t\tAccess-Control-Allow-Origin {header.Origin}\n\t\t+Access-Control-Allow-Credentials true\n\t\tVary Origin\n\t}\n}\n',
    rule: 'reflected-origin-with-credentials',
    at: { line: 2, character: 30 },
    hover: { position: { line: 3, character: 2 }, text: /Caddyfile header 2\.8[\s\S]*\*\*adds\*\*/ },
    fixed: /\t\tAccess-Control-Allow-Origin https:\/\/app\.example\.com\n/,
  },
];

for (const k of CASES) {
  test(`${k.uri.split('/').pop()}: ${k.rule}, its quick fix, and the field hover`, () => checkFixAndHover(client, k, k.languageId));
}
