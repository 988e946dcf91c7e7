/**
 * Fiber v2's CORS middleware (github.com/gofiber/fiber/v2/middleware/cors): what each Config field makes the
 * server send. Read from middleware/cors/cors.go and utils.go at tag v2.52.15 (github gofiber/fiber).
 */
import type { LibraryDocs } from './types.js';

const docs: LibraryDocs = {
  id: 'fiber-cors',
  title: 'Fiber CORS middleware',
  version: 'v2.52.15',
  docs: 'https://docs.gofiber.io/api/middleware/cors',
  options: [
    {
      name: 'AllowOrigins',
      sends:
        'One comma-separated string (default `"*"`: ACAO `*`). Each entry is parsed: scheme and host lower-cased, a trailing `/` dropped; ' +
        'an entry with a path, a query or no scheme **panics at start-up**; `https://*.example.com` is a subdomain wildcard. An allowed ' +
        'origin is echoed with `Vary: Origin`. `"*"` with `AllowCredentials: true` panics at start-up.',
    },
    { name: 'AllowOriginsFunc', sends: '`func(origin string) bool`, asked when the list does not match; an accepted origin is echoed.' },
    { name: 'AllowCredentials', sends: '`Access-Control-Allow-Credentials: true` (never beside `*`: that setup panics at start-up).' },
    { name: 'AllowMethods', sends: 'Preflight `Access-Control-Allow-Methods`, spaces removed. Default GET, POST, HEAD, PUT, DELETE, PATCH.' },
    { name: 'AllowHeaders', sends: 'Preflight `Access-Control-Allow-Headers`, spaces removed; empty (default): the requested headers are echoed.' },
    { name: 'ExposeHeaders', sends: '`Access-Control-Expose-Headers`. Default none.' },
    { name: 'MaxAge', sends: '`Access-Control-Max-Age` when > 0; `0` when negative. Default 0: not sent.' },
    { name: 'Next', sends: 'Requests it returns true for get no CORS headers.' },
    { name: 'AllowPrivateNetwork', sends: '`Access-Control-Allow-Private-Network: true` on preflights that ask for it.' },
  ],
};

export default docs;
