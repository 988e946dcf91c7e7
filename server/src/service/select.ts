/**
 * Which extractors read a file: by its name (the extractors' file patterns), by the editor's language id
 * (languages.ts), and for server configs whose name does not say the format, by the content
 * (server-config.ts). Apache and nginx never both read one file.
 */
import { extractors } from '../extract/registry.js';
import type { Extractor } from '../extract/types.js';
import { globToRegExp } from './glob.js';
import { LANGUAGE_ALIASES, resolveLanguage, SERVER_CONFIG_ALIASES } from './languages.js';
import { isServerConfigCandidate, serverConfigLanguage } from './server-config.js';

export interface Selection {
  extractors: Extractor[];
  /** The language the file is read as (the editor's id resolved, or the server config the content shows). */
  languageId?: string;
}

const combined = new Map<Extractor, RegExp>();
/** One compiled expression per extractor for all its patterns (a scan tests every file against all). */
function matchesPatterns(e: Extractor, path: string): boolean {
  let re = combined.get(e);
  if (!re) {
    re = new RegExp(e.filePatterns.map((g) => '(?:' + globToRegExp(g).source + ')').join('|'), 'i');
    combined.set(e, re);
  }
  const p = path.replace(/\\/g, '/');
  return re.test(p) || (!p.startsWith('/') && re.test('/' + p));
}

const isServerConfig = (e: Extractor) => e.languages.some((l) => SERVER_CONFIG_ALIASES.has(l));

/**
 * The extractors for a file. `languageId` is the editor's (absent in the CLI); `text`, when given, lets the
 * content decide a generic id (xml, conf, plaintext) and a server config whose name does not say its format.
 * For Apache and nginx, in this order: an Apache or nginx language id (unless the content shows only the
 * other format), a file name that says the format (`.htaccess`, `nginx.conf`), the content.
 */
export function selectExtractors(path: string, languageId?: string, text?: string): Selection {
  let language = resolveLanguage(languageId, text);
  const id = languageId?.toLowerCase();
  const byName = extractors.filter((e) => matchesPatterns(e, path));
  const namedServer = byName.find(isServerConfig);
  if (namedServer && !(id && SERVER_CONFIG_ALIASES.has(LANGUAGE_ALIASES[id] ?? ''))) {
    // The name says the format (a generic id's content decision does not add the other one).
    if (language === undefined || SERVER_CONFIG_ALIASES.has(language)) language = namedServer.languages[0];
  } else if (!namedServer && language === undefined && text !== undefined && !id && isServerConfigCandidate(path)) {
    language = serverConfigLanguage(text);
  }
  const byLanguage = language === undefined ? [] : extractors.filter((e) => e.languages.includes(language));
  const chosenServer = byLanguage.find(isServerConfig) ?? namedServer;
  const chosen = extractors.filter((e) => (byName.includes(e) || byLanguage.includes(e)) && (!isServerConfig(e) || e === chosenServer));
  return { extractors: chosen, languageId: language };
}

/** Extractors whose file patterns or language cover the file (see selectExtractors). */
export function extractorsFor(path: string, languageId?: string, text?: string): Extractor[] {
  return selectExtractors(path, languageId, text).extractors;
}

/** Whether some extractor reads the file. Without `text`, a server-config candidate (`*.conf`, a file in
 *  `sites-available/` ...) counts: its content decides once read. */
export function isSupported(path: string, languageId?: string, text?: string): boolean {
  if (text === undefined && !languageId && isServerConfigCandidate(path)) return true;
  return extractorsFor(path, languageId, text).length > 0;
}
