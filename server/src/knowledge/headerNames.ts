/**
 * Which response header names are CORS facts, the same for every source (Apache, nginx, IIS and every code
 * extractor's write table).
 */
import { editDistance } from './fetch.js';
import { CORS_HEADER_NAMES, headerDoc } from './headers.js';

const HEADER_TOKEN = /^[!#$%&'*+.^_`|~0-9a-z-]+$/;

/**
 * The header names a server's writes are recorded under: the CORS family (`Access-Control-*`), Vary, every
 * documented header, and any name within two edits of a documented one, so that misspellings reach the rules
 * (misspelled-cors-header measures with the same distance). Not a header token (spaces, `:`): never.
 */
export function isCorsWriteName(name: string): boolean {
  const n = name.trim().toLowerCase();
  if (!HEADER_TOKEN.test(n)) return false;
  if (n === 'vary' || n.startsWith('access-control-') || headerDoc(n)) return true;
  if (n.length < 8) return false;
  return CORS_HEADER_NAMES.some((h) => Math.abs(h.length - n.length) <= 2 && editDistance(n, h) <= 2);
}
