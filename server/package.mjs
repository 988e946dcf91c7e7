// `npm run package` (after the build): the .vsix, with the README written for the extension's users.
//
//   node server/package.mjs [--out cors-lint.vsix]
//
// vsce packages docs/extension/README.md as the extension's readme.md, at the package root: its relative
// links are rebased from docs/extension/ to the root first (into dist/extension/README.md), so that they
// resolve inside the installed extension. vsce runs without questions (no repository URL: there is none,
// and relative links stay relative). The package is then checked: size, the bundles and .wasm files, the
// rule pages, the readme and every file it links to, and no sources, maps or tests.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, posix, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateRawSync } from 'node:zlib';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const README_SOURCE = 'docs/extension/README.md';
const README_STAGED = 'dist/extension/README.md';
export const VSIX_MAX_BYTES = 5 * 1024 * 1024;

/** Markdown links and images whose target is relative (no scheme, not an anchor, not absolute). */
const RELATIVE_LINK = /(!?\[[^\]]*\]\()(?![a-z][a-z0-9+.-]*:|#|\/)([^)\s]+)\)/gi;

/** The readme as it must read from the package root. */
export function rebaseLinks(markdown, fromDir) {
  return markdown.replace(RELATIVE_LINK, (_m, head, target) => `${head}${posix.normalize(posix.join(fromDir, target))})`);
}

/** The entries of a zip file (the .vsix): name → () => contents. */
export function zipEntries(file) {
  const buf = readFileSync(file);
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65535); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error(`${file} is not a zip file`);
  const entries = new Map();
  let p = buf.readUInt32LE(eocd + 16);
  for (let n = buf.readUInt16LE(eocd + 10); n > 0; n--) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error(`${file}: bad central directory`);
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20); // compressed
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    entries.set(name, () => {
      const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
      const data = buf.subarray(start, start + size);
      return method === 0 ? data : inflateRawSync(data);
    });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** What is wrong with the package in `vsix`, built from the extension in `dir` (empty: nothing). */
export function checkVsix(vsix, dir) {
  const entries = zipEntries(vsix);
  const has = (p) => entries.has(`extension/${p}`);
  const problems = [];
  const size = statSync(vsix).size;
  if (size > VSIX_MAX_BYTES) problems.push(`${size} bytes > 5 MB`);
  const wasm = readdirSync(join(dir, 'dist/server/wasm')).filter((f) => f.endsWith('.wasm')).map((f) => `dist/server/wasm/${f}`);
  const pages = readdirSync(join(dir, 'docs/rules')).map((f) => `docs/rules/${f}`);
  for (const want of ['package.json', 'LICENSE.txt', 'readme.md', 'dist/client/extension.js', 'dist/server/main.js', ...wasm, ...pages]) {
    if (!has(want)) problems.push(`missing ${want}`);
  }
  for (const name of entries.keys()) {
    if (/^extension\/(node_modules|server|client|test|dist\/lib|\.e2e)\//.test(name) || name.endsWith('.map')) problems.push(`should not be packaged: ${name}`);
  }
  if (has('readme.md')) {
    const readme = entries.get('extension/readme.md')().toString('utf8');
    if (readme !== rebaseLinks(readFileSync(join(dir, README_SOURCE), 'utf8'), posix.dirname(README_SOURCE))) problems.push(`readme.md is not ${README_SOURCE}`);
    for (const m of readme.matchAll(RELATIVE_LINK)) {
      if (!has(decodeURIComponent(m[2].split('#')[0]))) problems.push(`readme.md links to ${m[2]}, which is not in the package`);
    }
  }
  return { problems, size, entries: [...entries.keys()] };
}

/** Packages the built extension in `dir` (default: this repository) as `out`, and checks the result. */
export function packageExtension({ dir = ROOT, out = join(ROOT, 'cors-lint.vsix') } = {}) {
  const source = readFileSync(join(dir, README_SOURCE), 'utf8');
  mkdirSync(join(dir, dirname(README_STAGED)), { recursive: true });
  writeFileSync(join(dir, README_STAGED), rebaseLinks(source, posix.dirname(README_SOURCE)));
  mkdirSync(dirname(resolve(out)), { recursive: true });
  const args = ['package', '--no-dependencies', '--readme-path', README_STAGED, '--no-rewrite-relative-links', '--allow-missing-repository', '--out', resolve(out)];
  const r = spawnSync(join(ROOT, 'node_modules/.bin/vsce'), args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new Error(`vsce package failed (${r.status ?? r.signal}):\n${r.stdout}\n${r.stderr}`);
  const result = checkVsix(resolve(out), dir);
  if (result.problems.length) throw new Error(`the .vsix is not right:\n  ${result.problems.join('\n  ')}`);
  return result;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--out');
  const out = resolve(i > 0 ? process.argv[i + 1] : 'cors-lint.vsix');
  const { size, entries } = packageExtension({ out });
  console.log(`${out}: ${entries.length} files, ${(size / 1024 / 1024).toFixed(2)} MB`);
}
