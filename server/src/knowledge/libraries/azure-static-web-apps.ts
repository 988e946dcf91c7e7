/**
 * Azure Static Web Apps staticwebapp.config.json: `globalHeaders` and `routes[].headers`. Read from Microsoft's
 * "Configure Azure Static Web Apps" page (learn.microsoft.com/azure/static-web-apps/configuration, as of 2026-12):
 * global headers go on every response unless a matching route's header of the same name overrides them, else
 * both sets are sent; routes are evaluated in order and the first match applies; an empty value removes a
 * header. The SWA CLI 2.0.6 emulator (dist/msha/routes-engine/rules/headers.js) merges the same way. The
 * platform does not copy the request Origin and does not answer a preflight from these headers.
 */
import type { LibraryDocs } from './types.js';

const docs: LibraryDocs = {
  id: 'azure-static-web-apps',
  title: 'Azure Static Web Apps config',
  version: '2026.12',
  docs: 'https://learn.microsoft.com/azure/static-web-apps/configuration',
  options: [
    {
      name: 'globalHeaders',
      sends:
        'Headers (`"name": "value"`) sent on every response of the site. A route\'s `headers` entry of the same name replaces one; ' +
        'otherwise a response gets both. `Access-Control-Allow-Origin` here is one fixed origin or `*` for the whole site.',
    },
    {
      name: 'route',
      sends: 'The path pattern of the route (`/api/*`, `/fonts/*.woff2`). Routes are tried in order; the first that matches applies.',
    },
    {
      name: 'headers',
      sends:
        'Headers (`"name": "value"`) this route adds to its responses, over `globalHeaders` of the same name. An empty value ' +
        'removes the header. A value is sent as written: a list of origins never matches, and `*` with ' +
        '`Access-Control-Allow-Credentials: true` is refused by browsers.',
    },
    { name: 'methods', sends: 'The request methods the route matches; other methods fall through to later routes.' },
  ],
};

export default docs;
