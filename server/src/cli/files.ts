/** The CLI's view of the file system: which files a scan reads (.gitignore honoured, VCS folders and the
 *  folders package managers fill with other people's code skipped), and read-only access to other files
 *  for nginx `include`. */
import { existsSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync, type Dirent } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import type { DocumentInput } from '../service/index.js';
import { isSupported, MAX_FILE_CHARS } from '../service/index.js';
import { isCountedKind } from './coverage.js';

/** A path given on the command line that does not exist. */
export class MissingPathError extends Error {}

const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn']);

/** A folder of dependencies, which the project does not write and cannot fix, told by its own entries (read
 *  anyway to walk it): Go's `vendor/` (with the `modules.txt` `go mod vendor` writes), Composer's `vendor/`
 *  (with its `autoload.php`), Bundler's `vendor/bundle`, a Python virtualenv (with its `pyvenv.cfg`). A path
 *  named on the command line is still read. */
function isDependencyDir(dir: string, entries: Dirent[]): boolean {
  const has = (n: string) => entries.some((e) => e.name === n);
  const parts = dir.split(sep);
  const name = parts[parts.length - 1];
  if (name === 'vendor') return has('modules.txt') || has('autoload.php');
  if (name === 'bundle' && parts[parts.length - 2] === 'vendor') return true;
  return has('pyvenv.cfg');
}

export const MAX_BYTES = MAX_FILE_CHARS * 2;

export interface FoundFile {
  path: string;
  /** Named on the command line (then always looked at, and said so when it is not read). */
  named: boolean;
}

/** Files to look at under the given paths, honouring .gitignore files on the way down: those an extractor
 *  may read (by name, or a server config whose content decides), and those counted for the coverage line. */
export function collectFiles(paths: string[], extraIgnores: string[], root: string): FoundFile[] {
  const out: FoundFile[] = [];
  const rootIg = ignore().add(extraIgnores);
  const walk = (dir: string, igs: { base: string; ig: Ignore }[], named = false) => {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    } catch {
      return;
    }
    if (!named && isDependencyDir(dir, entries)) return;
    const local = [...igs];
    if (entries.some((e) => e.name === '.gitignore')) {
      try {
        local.push({ base: dir, ig: ignore().add(readFileSync(join(dir, '.gitignore'), 'utf8')) });
      } catch {
        /* unreadable .gitignore: ignore it */
      }
    }
    for (const ent of entries) {
      const name = ent.name;
      if (SKIP_DIRS.has(name)) continue;
      const p = join(dir, name);
      let isDir = ent.isDirectory();
      let isFile = ent.isFile();
      if (ent.isSymbolicLink()) {
        try {
          const st = statSync(p);
          isDir = st.isDirectory();
          isFile = st.isFile();
        } catch {
          continue;
        }
      }
      if (!isDir && !(isFile && (isSupported(p.split(sep).join('/')) || isCountedKind(name)))) continue;
      const ignored = local.some(({ base, ig }) => {
        const rel = relative(base, p).split(sep).join('/');
        return rel !== '' && !rel.startsWith('..') && ig.ignores(isDir ? rel + '/' : rel);
      });
      if (ignored) continue;
      if (isDir) walk(p, local);
      else out.push({ path: p, named: false });
    }
  };
  for (const p of paths) {
    const abs = resolve(p);
    let st;
    try {
      st = statSync(abs);
    } catch {
      throw new MissingPathError(`no such file or directory: ${p}`);
    }
    if (st.isDirectory()) {
      // .gitignore files of the root and of the folders above the scanned one (inside the root) apply.
      const igs: { base: string; ig: Ignore }[] = [{ base: root, ig: rootIg }];
      let d = dirname(abs);
      const above: string[] = [];
      while (d.startsWith(root) && d !== dirname(d)) {
        above.unshift(d);
        if (d === root) break;
        d = dirname(d);
      }
      for (const a of above) {
        const gi = join(a, '.gitignore');
        if (existsSync(gi)) {
          try {
            igs.push({ base: a, ig: ignore().add(readFileSync(gi, 'utf8')) });
          } catch {
            /* ignore */
          }
        }
      }
      walk(abs, igs, true);
    } else if (st.isFile()) out.push({ path: abs, named: true }); // explicit files are always looked at
  }
  const seen = new Map<string, FoundFile>();
  for (const f of out) {
    const before = seen.get(f.path);
    if (!before) seen.set(f.path, f);
    else before.named ||= f.named;
  }
  return [...seen.values()];
}

/** A file's text (without its byte order mark), or why it is not read: too large (known before reading)
 *  or binary. Throws when the file cannot be read. */
export function readSource(path: string): { text: string; bom: boolean } | { skipped: string } {
  const tooLarge = { skipped: `larger than ${MAX_BYTES / 1_000_000} MB` };
  if (statSync(path).size > MAX_BYTES) return tooLarge;
  const buf = readFileSync(path);
  if (buf.length > MAX_BYTES) return tooLarge;
  if (buf.subarray(0, 8000).includes(0)) return { skipped: 'binary content' };
  const text = buf.toString('utf8');
  const bom = text.charCodeAt(0) === 0xfeff;
  return { text: bom ? text.slice(1) : text, bom };
}

/** Included files larger than this are not read. */
const MAX_INCLUDE_BYTES = 1_000_000;
const MAX_LIST = 10_000;

/** The file system as the analysis sees other files (nginx `include`): only below the given folders,
 *  small text files, cached for the run. */
export function fsWorkspace(roots: string[]): NonNullable<DocumentInput['workspace']> {
  const inside = (p: string) => {
    const abs = resolve(p);
    return roots.some((r) => abs === r || abs.startsWith(r.endsWith(sep) ? r : r + sep));
  };
  const texts = new Map<string, string | undefined>();
  return {
    read(p) {
      if (texts.has(p)) return texts.get(p);
      let text: string | undefined;
      try {
        if (inside(p)) {
          const st = statSync(p);
          if (st.isFile() && st.size <= MAX_INCLUDE_BYTES) {
            const buf = readFileSync(p);
            if (!buf.subarray(0, 8000).includes(0)) {
              text = buf.toString('utf8');
              if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
            }
          }
        }
      } catch {
        text = undefined;
      }
      texts.set(p, text);
      return text;
    },
    list(dir) {
      try {
        return inside(dir) ? readdirSync(dir).slice(0, MAX_LIST) : undefined;
      } catch {
        return undefined;
      }
    },
  };
}

/** Replace a file's text in one step (a temporary file beside it, renamed over it; same mode). False when
 *  it cannot be written; the file is then unchanged. */
export function writeFixed(path: string, text: string): boolean {
  const tmp = `${path}.cors-lint-${process.pid}.tmp`;
  try {
    writeFileSync(tmp, text, { mode: statSync(path).mode });
    renameSync(tmp, path);
    return true;
  } catch {
    try {
      rmSync(tmp, { force: true });
    } catch {
      /* nothing to clean */
    }
    return false;
  }
}
