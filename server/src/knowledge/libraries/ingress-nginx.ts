/** ingress-nginx CORS annotations on a Kubernetes Ingress (`nginx.ingress.kubernetes.io/…`). Semantics read from
 *  kubernetes/ingress-nginx commit dbb11b92ddb77bee9c35e462479129354c84f939 (controller v1.15.1):
 *  internal/ingress/annotations/cors/main.go, internal/ingress/controller/template/template.go and
 *  rootfs/etc/nginx/template/nginx.tmpl. */
import type { LibraryDocs } from './types.js';

const lib: LibraryDocs = {
  id: 'ingress-nginx',
  title: 'ingress-nginx',
  version: 'controller v1.15.1 (commit dbb11b92)',
  docs: 'https://kubernetes.github.io/ingress-nginx/user-guide/nginx-configuration/annotations/#enable-cors',
  options: [
    {
      name: 'enable-cors',
      sends:
        '`"true"` makes nginx add the CORS headers for this Ingress and answer an OPTIONS request from an allowed origin itself with **204**. ' +
        'Pitfall: with nothing else set, the defaults send `Access-Control-Allow-Origin: *` **and** `Access-Control-Allow-Credentials: true` — browsers refuse credentialed requests. ' +
        'No `Vary: Origin` is ever added. A value Go cannot parse as a bool means off.',
    },
    {
      name: 'cors-allow-origin',
      sends:
        'Comma-separated origins (`scheme://host[:port]`, `null`, or `*`). `*` (the default) sends a literal `Access-Control-Allow-Origin: *`. ' +
        'A list is matched case-insensitively (`~*`), an entry like `https://*.example.com` matching one label; the matched Origin is echoed. ' +
        'Pitfall: with annotation validation on (the default), a value holding anything else — a path, a trailing slash, an underscore — is refused whole and the origin falls back to `*`.',
    },
    {
      name: 'cors-allow-credentials',
      sends: '`Access-Control-Allow-Credentials: true` on preflights and actual responses. Default **`"true"`** (also for an unparsable value); `"false"` sends nothing.',
    },
    { name: 'cors-allow-methods', sends: '`Access-Control-Allow-Methods` as written. Default `GET, PUT, POST, DELETE, PATCH, OPTIONS`; a value with anything but letters, commas and spaces falls back to it.' },
    {
      name: 'cors-allow-headers',
      sends:
        '`Access-Control-Allow-Headers` as written (letters, digits, `-`, `_`). Default `DNT,Keep-Alive,User-Agent,X-Requested-With,If-Modified-Since,Cache-Control,Content-Type,Range,Authorization`; `*` is refused and the default applies.',
    },
    { name: 'cors-expose-headers', sends: '`Access-Control-Expose-Headers` as written. Default: not sent.' },
    { name: 'cors-max-age', sends: '`Access-Control-Max-Age` in seconds. Default `1728000` (20 days) — above every browser cap (Chromium 7200 s, Firefox 86400 s).' },
  ],
};

export default lib;
