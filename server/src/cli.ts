/**
 * The CLI: `cors-lint [paths…] [--format stylish|json|sarif] [--max-warnings N] [--rule id:level]
 * [--config file] [--exit-zero] [--quiet] [--output-file file]`. The same service as the language server;
 * file walking and output live here. Exit 0: clean; 1: errors (or more warnings than --max-warnings);
 * 2: usage or internal error.
 */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { Finding, RuleLevel, Settings } from './model/index.js';
import { DEFAULT_SETTINGS } from './model/index.js';
import { analyzeDocument, fixAll, preferredFix, VERSION } from './service/index.js';
import { setWasmLocator } from './syntax/treeSitter.js';
import { collectFiles, fsWorkspace, MissingPathError, readSource, writeFixed, type FoundFile } from './cli/files.js';
import { formatJson, formatSarif, formatStylish, type FileResult, type NotRead } from './cli/format.js';
import { Coverage, notReadReason } from './cli/coverage.js';
import { rules } from './rules/registry.js';

setWasmLocator((f) => join(__dirname, 'wasm', f));

const HELP = `Usage: cors-lint [paths...] [options]

Checks the CORS settings in framework code and server configs (Apache, nginx, IIS web.config,
Express, PHP, Flask) and reports what browsers will do with them.

Options:
  -f, --format <name>     stylish (default), json (ESLint's JSON shape) or sarif (SARIF 2.1.0)
  --max-warnings <n>      exit 1 when there are more than n warnings
  --rule <id:level>       set a rule's level (off, info, warning, error); repeatable
  -c, --config <file>     settings file (default: the nearest .corslintrc.json)
  --trusted-origin <o>    origin used by fixes and rules (repeatable)
  -o, --output-file <f>   write the report to a file
  --quiet                 report errors only
  --fix                   apply the fixes that need no choice (see README), then report what is left
  --fix-dry-run           the same, without writing: prints what it would change
  --exit-zero             exit 0 even when there are findings (2 still means a failure)
  --no-progress           no progress line on a terminal
  -h, --help              this text
  -v, --version           the version
`;

class UsageError extends Error {}

interface Options {
  paths: string[];
  format: 'stylish' | 'json' | 'sarif';
  maxWarnings: number;
  rules: Record<string, RuleLevel>;
  config?: string;
  trusted: string[];
  output?: string;
  quiet: boolean;
  exitZero: boolean;
  progress: boolean;
  fix: 'no' | 'write' | 'dry-run';
}

const LEVELS = new Set(['off', 'info', 'warning', 'error']);

function parseArgs(argv: string[]): Options | 'help' | 'version' {
  const o: Options = { paths: [], format: 'stylish', maxWarnings: -1, rules: {}, trusted: [], quiet: false, exitZero: false, progress: true, fix: 'no' };
  for (let i = 0; i < argv.length; i++) {
    let a = argv[i];
    let inline: string | undefined;
    if (a.startsWith('--') && a.includes('=')) {
      inline = a.slice(a.indexOf('=') + 1);
      a = a.slice(0, a.indexOf('='));
    }
    const value = () => {
      if (inline !== undefined) return inline;
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${a} needs a value`);
      return v;
    };
    switch (a) {
      case '-h':
      case '--help':
        return 'help';
      case '-v':
      case '--version':
        return 'version';
      case '-f':
      case '--format': {
        const f = value();
        if (f !== 'stylish' && f !== 'json' && f !== 'sarif') throw new UsageError(`unknown format "${f}" (stylish, json, sarif)`);
        o.format = f;
        break;
      }
      case '--max-warnings': {
        const n = Number(value());
        if (!Number.isInteger(n)) throw new UsageError('--max-warnings needs an integer');
        o.maxWarnings = n;
        break;
      }
      case '--rule': {
        const v = value();
        const m = /^([a-z0-9-]+)\s*[:=]\s*(\w+)$/.exec(v);
        if (!m || !LEVELS.has(m[2])) throw new UsageError(`--rule expects id:level (off|info|warning|error), got "${v}"`);
        if (!rules.some((r) => r.id === m[1])) throw new UsageError(`unknown rule "${m[1]}"`);
        o.rules[m[1]] = m[2] as RuleLevel;
        break;
      }
      case '-c':
      case '--config':
        o.config = value();
        break;
      case '--trusted-origin':
        o.trusted.push(value());
        break;
      case '-o':
      case '--output-file':
        o.output = value();
        break;
      case '--quiet':
        o.quiet = true;
        break;
      case '--exit-zero':
        o.exitZero = true;
        break;
      case '--no-progress':
        o.progress = false;
        break;
      case '--fix':
        if (o.fix === 'dry-run') throw new UsageError('--fix and --fix-dry-run exclude each other');
        o.fix = 'write';
        break;
      case '--fix-dry-run':
        if (o.fix === 'write') throw new UsageError('--fix and --fix-dry-run exclude each other');
        o.fix = 'dry-run';
        break;
      default:
        if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option ${a}`);
        o.paths.push(a);
    }
  }
  if (o.paths.length === 0) o.paths.push('.');
  return o;
}

interface ConfigFile {
  rules?: Record<string, string>;
  trustedOrigins?: string[];
  ignorePatterns?: string[];
}

function findConfig(start: string): string | undefined {
  let dir = resolve(start);
  for (;;) {
    const p = join(dir, '.corslintrc.json');
    if (existsSync(p)) return p;
    const up = dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

function loadConfig(path: string): ConfigFile {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new UsageError(`cannot read config ${path}: ${(e as Error).message}`);
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new UsageError(`config ${path} must hold a JSON object`);
  const c = raw as ConfigFile;
  for (const [id, level] of Object.entries(c.rules ?? {})) {
    if (!rules.some((r) => r.id === id)) throw new UsageError(`config ${path}: unknown rule "${id}"`);
    if (!LEVELS.has(level)) throw new UsageError(`config ${path}: rule "${id}" has level "${level}" (off|info|warning|error)`);
  }
  return c;
}

async function main(argv: string[]): Promise<number> {
  let opts: Options | 'help' | 'version';
  try {
    opts = parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`cors-lint: ${e.message}\n\n${HELP}`);
      return 2;
    }
    throw e;
  }
  if (opts === 'help') {
    process.stdout.write(HELP);
    return 0;
  }
  if (opts === 'version') {
    process.stdout.write(VERSION + '\n');
    return 0;
  }
  const cwd = process.cwd();
  const configPath = opts.config ? resolve(opts.config) : findConfig(cwd);
  if (opts.config && !existsSync(configPath!)) {
    process.stderr.write(`cors-lint: config file not found: ${opts.config}\n`);
    return 2;
  }
  let config: ConfigFile = {};
  try {
    if (configPath) config = loadConfig(configPath);
  } catch (e) {
    process.stderr.write(`cors-lint: ${(e as Error).message}\n`);
    return 2;
  }
  const root = configPath ? dirname(configPath) : cwd;
  const settings: Settings = {
    ...DEFAULT_SETTINGS,
    rules: { ...(config.rules as Record<string, RuleLevel> | undefined), ...opts.rules },
    trustedOrigins: [...(config.trustedOrigins ?? []), ...opts.trusted],
  };
  let files: FoundFile[];
  try {
    files = collectFiles(opts.paths, config.ignorePatterns ?? [], root);
  } catch (e) {
    if (e instanceof MissingPathError) {
      process.stderr.write(`cors-lint: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  const workspace = fsWorkspace(
    [root, ...opts.paths.map((p) => {
      const abs = resolve(p);
      try {
        return statSync(abs).isDirectory() ? abs : dirname(abs);
      } catch {
        return abs;
      }
    })],
  );
  const tty = opts.progress && process.stderr.isTTY;
  const results: FileResult[] = [];
  const coverage = new Coverage();
  const notRead: NotRead[] = [];
  /** A file named on the command line that is not read: said on stderr, never listed as checked. */
  const sayNotRead = (file: string, reason: string) => {
    notRead.push({ path: file, reason });
    process.stderr.write(`${tty ? '\r\x1b[K' : ''}cors-lint: ${relative(cwd, file) || file}: not read: ${reason}\n`);
  };
  let lastDraw = 0;
  for (let i = 0; i < files.length; i++) {
    const { path: file, named } = files[i];
    if (tty && Date.now() - lastDraw > 80) {
      lastDraw = Date.now();
      const shown = relative(cwd, file);
      process.stderr.write(`\r\x1b[K[${i + 1}/${files.length}] ${shown.length > 60 ? '…' + shown.slice(-59) : shown}`);
    }
    let source: ReturnType<typeof readSource>;
    try {
      source = readSource(file);
    } catch (e) {
      process.stderr.write(`${tty ? '\r\x1b[K' : ''}cors-lint: cannot read ${file}: ${(e as Error).message}\n`);
      continue;
    }
    if ('skipped' in source) {
      if (named) sayNotRead(file, source.skipped);
      continue;
    }
    let { text } = source;
    const { bom } = source;
    const input = { path: file.split(sep).join('/'), text, workspace };
    const a = await analyzeDocument(input, settings);
    if (a.selected.length === 0) {
      const skipped = a.notes.find((n) => n.startsWith('skipped: '));
      if (!skipped) coverage.addNotRead(file, text);
      if (named) sayNotRead(file, skipped ? skipped.slice(9) : `no supported format recognised (${notReadReason(file, text)})`);
      continue;
    }
    // counted in the total, and for each source that found something in it (several may fit one .py / .php
    // file); a file whose name fits a source but holds nothing it reads counts for none (a Kubernetes manifest
    // is not a Symfony file because both are YAML)
    coverage.addRead(a.extractors);
    let findings: Finding[] = a.findings;
    let output: string | undefined;
    if (opts.fix !== 'no' && findings.some(preferredFix)) {
      const r = await fixAll(input, settings, a);
      if (r.applied.length > 0) {
        const shown = relative(cwd, file) || file;
        const verb = opts.fix === 'write' ? 'fixed' : 'would fix';
        const note = r.applied.map((x) => `${shown}:${x.line}:${x.column}: ${verb} ${x.ruleId}: ${x.title}\n`).join('');
        if (opts.fix === 'write' && !writeFixed(file, (bom ? '\ufeff' : '') + r.text)) {
          process.stderr.write(`${tty ? '\r\x1b[K' : ''}cors-lint: cannot write ${file}: left unchanged\n`);
        } else {
          process.stderr.write((tty ? '\r\x1b[K' : '') + note);
          output = r.text;
          findings = r.remaining;
          text = r.text;
        }
      }
    }
    if (opts.quiet) findings = findings.filter((f) => f.severity === 'error');
    results.push({ path: file, text, findings, output });
  }
  if (tty) process.stderr.write('\r\x1b[K');
  const covered = coverage.line();
  const report =
    opts.format === 'json'
      ? formatJson(results)
      : opts.format === 'sarif'
        ? formatSarif(results, cwd, VERSION, { summary: coverage.summary(), line: covered, notRead })
        : formatStylish(results, !!process.stdout.isTTY);
  if (opts.output) writeFileSync(opts.output, report);
  else process.stdout.write(report);
  process.stderr.write(`cors-lint: ${covered}\n`);
  const errors = results.reduce((n, r) => n + r.findings.filter((f) => f.severity === 'error').length, 0);
  const warnings = results.reduce((n, r) => n + r.findings.filter((f) => f.severity === 'warning').length, 0);
  if (opts.exitZero) return 0;
  if (errors > 0) return 1;
  if (opts.maxWarnings >= 0 && warnings > opts.maxWarnings) {
    process.stderr.write(`cors-lint found too many warnings (maximum: ${opts.maxWarnings}).\n`);
    return 1;
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    process.stderr.write(`cors-lint: internal error: ${(e as Error)?.stack ?? e}\n`);
    process.exitCode = 2;
  },
);
