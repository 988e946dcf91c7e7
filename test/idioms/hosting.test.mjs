// Static-hosting header configs as projects commonly write them (the "enable CORS on Vercel" snippet, fonts
// served to other sites from Firebase Hosting, an Azure Static Web Apps site-wide header), through the real CLI:
// exactly these findings, and none on the correct ones.
import { test } from 'node:test';
import { checkIdioms } from './cli.mjs';

const HOSTING = [
  // the widely copied Vercel snippet: credentials with a wildcard origin on every API path
  {
    path: 'api-site/vercel.json',
    code:
      '{\n  "headers": [\n    {\n      "source": "/api/(.*)",\n      "headers": [\n' +
      '        { "key": "Access-Control-Allow-Credentials", "value": "true" },\n' +
      '        { "key": "Access-Control-Allow-Origin", "value": "*" },\n' +
      '        { "key": "Access-Control-Allow-Methods", "value": "GET,OPTIONS,PATCH,DELETE,POST,PUT" },\n' +
      '        { "key": "Access-Control-Allow-Headers", "value": "X-CSRF-Token, X-Requested-With, Accept, Content-Type, Authorization" }\n' +
      '      ]\n    }\n  ]\n}\n',
    expect: ['7 wildcard-origin-with-credentials'],
  },
  // a fixed origin for one app: fine
  {
    path: 'one-app/vercel.json',
    code: '{ "headers": [{ "source": "/api/:path*", "headers": [{ "key": "Access-Control-Allow-Origin", "value": "https://app.example.com" }, { "key": "Vary", "value": "Origin" }] }] }\n',
    expect: [],
  },
  // web fonts readable from any site, no credentials: fine
  {
    path: 'fonts/firebase.json',
    code:
      '{\n  "hosting": {\n    "public": "public",\n    "headers": [\n      {\n        "source": "**/*.@(eot|otf|ttf|ttc|woff|font.css)",\n' +
      '        "headers": [{ "key": "Access-Control-Allow-Origin", "value": "*" }]\n      }\n    ]\n  }\n}\n',
    expect: [],
  },
  // a site-wide wildcard with credentials in globalHeaders
  {
    path: 'swa/staticwebapp.config.json',
    code:
      '{\n  "navigationFallback": { "rewrite": "/index.html" },\n  "globalHeaders": {\n' +
      '    "Access-Control-Allow-Origin": "*",\n    "Access-Control-Allow-Credentials": "true"\n  }\n}\n',
    expect: ['4 wildcard-origin-with-credentials'],
  },
  // a JSON file of another name with the same rules is not a hosting config
  {
    path: 'api-site/headers.json',
    code: '{ "headers": [{ "source": "/(.*)", "headers": [{ "key": "Access-Control-Allow-Origin", "value": "*" }, { "key": "Access-Control-Allow-Credentials", "value": "true" }] }] }\n',
    expect: [],
  },
];

test('idioms: static-hosting configs (vercel.json, firebase.json, staticwebapp.config.json)', () => checkIdioms(HOSTING));
