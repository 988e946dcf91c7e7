/**
 * What a CLI run covered: the files each source (extractor) read, and the files that mention CORS in a
 * language or format no extractor reads yet, counted by kind. Printed as one line on stderr at the end of
 * every run, and carried in SARIF (run.invocations, run.properties).
 */
import { isServerConfigCandidate, serverConfigEvidence } from '../service/server-config.js';

/** A kind of file that can hold CORS settings cors-lint does not read yet, recognised by its name. */
interface Kind {
  /** Singular noun phrase: `Kotlin file`, `XML file`. */
  noun: string;
  name: RegExp;
}

/** Tested against the file's base name, in order. Every other language and config format that holds CORS
 *  settings is read by an extractor (a file one of them selects by name or language is never counted here). */
const KINDS: readonly Kind[] = [
  { noun: 'Kotlin file', name: /\.kts?$/i }, // Java: the spring extractor
  { noun: 'Rust file', name: /\.rs$/i },
  { noun: 'Elixir file', name: /\.exs?$/i }, // Phoenix's cors_plug
  { noun: 'JSON file', name: /cors[^/]*\.json$/i }, // S3 CORS rules under a name the aws extractor does not select
  { noun: 'XML file', name: /\.(?:xml|config)$/i }, // S3 CORS XML, Tomcat's CorsFilter, app.config
];

/** A `.conf`, `.vhost` or config-folder file whose content is not Apache's or nginx's (or is both). */
const OTHER_CONFIG = 'config file in no recognised format';

/** Mentions a CORS header or a CORS library (`rack-cors`, `CorsConfiguration`, `@CrossOrigin`, `AddCors`). */
const MENTIONS_CORS = /access-control-(?:allow|expose|max-age|request)|cors|crossorigin/i;

/** `1 Kotlin file`, `2 XML files`, `3 config files in no recognised format`. */
const plural = (n: number, noun: string) => `${n} ${n === 1 ? noun : noun.replace(/file\b/, 'files')}`;

const baseName = (path: string) => path.slice(path.replace(/\\/g, '/').lastIndexOf('/') + 1);

function kindOf(path: string): string | undefined {
  const name = baseName(path);
  const kind = KINDS.find((k) => k.name.test(name));
  if (kind) return kind.noun;
  return isServerConfigCandidate(path) ? OTHER_CONFIG : undefined;
}

/** Whether a scan should read a file that no extractor reads by name, to count it. */
export function isCountedKind(path: string): boolean {
  return KINDS.some((k) => k.name.test(baseName(path)));
}

/** Why a file no extractor fits was not read (for a file named on the command line). */
export function notReadReason(path: string, text: string): string {
  const kind = kindOf(path);
  if (kind === OTHER_CONFIG) {
    const e = serverConfigEvidence(text);
    return e.apache && e.nginx ? 'it shows both Apache and nginx directives' : 'no Apache or nginx directives found';
  }
  if (kind) return `${plural(2, kind).slice(2)} are not read yet`;
  return 'not a file name or language cors-lint reads';
}

export interface CoverageSummary {
  filesRead: number;
  /** Extractor id → files it read. */
  read: Record<string, number>;
  /** Kind of file → files of that kind that mention CORS and were not read. */
  mentionCors: Record<string, number>;
}

export class Coverage {
  private files = 0;
  private readonly read = new Map<string, number>();
  private readonly mentions = new Map<string, number>();

  /** A file read by these extractors (their file name, language or content fits it). */
  addRead(extractorIds: string[]): void {
    this.files++;
    for (const id of extractorIds) this.read.set(id, (this.read.get(id) ?? 0) + 1);
  }

  /** A file no extractor fits: counted when it is of a known kind and mentions CORS. */
  addNotRead(path: string, text: string): void {
    const kind = kindOf(path);
    if (kind && MENTIONS_CORS.test(text)) this.mentions.set(kind, (this.mentions.get(kind) ?? 0) + 1);
  }

  summary(): CoverageSummary {
    const sorted = (m: Map<string, number>) => Object.fromEntries([...m].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])));
    return { filesRead: this.files, read: sorted(this.read), mentionCors: sorted(this.mentions) };
  }

  /** `5 files read (express 3, nginx 2); 2 Kotlin files and 1 Rust file mention CORS: not supported yet` */
  line(): string {
    const s = this.summary();
    const per = Object.entries(s.read).map(([id, n]) => `${id} ${n}`);
    let out = `${plural(s.filesRead, 'file')} read${per.length ? ` (${per.join(', ')})` : ''}`;
    const kinds = Object.entries(s.mentionCors).map(([kind, n]) => plural(n, kind));
    if (kinds.length) {
      const list = kinds.length === 1 ? kinds[0] : `${kinds.slice(0, -1).join(', ')} and ${kinds[kinds.length - 1]}`;
      const one = kinds.length === 1 && Object.values(s.mentionCors)[0] === 1;
      out += `; ${list} ${one ? 'mentions' : 'mention'} CORS: not supported yet`;
    }
    return out;
  }
}
