// Benchmarks (not tests): `npm run bench`. Prints the budgets of DESIGN.md next to the measurements.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync, readdirSync, statSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const lib = (p) => import(join(root, 'dist/lib', p));
const results = [];
const report = (name, value, budget) => {
  results.push({ name, value, budget });
  console.log(`${name.padEnd(52)} ${String(value).padStart(12)}   budget ${budget}`);
};
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

// A 5,000-line Express file with CORS settings near the top and ordinary code below.
function bigJs(lines = 5000) {
  const out = ["const express = require('express');", "const cors = require('cors');", 'const app = express();',
    "app.use(cors({ origin: ['https://app.example.com'], credentials: true, maxAge: 600 }));"];
  let i = 0;
  while (out.length < lines) {
    out.push(`app.get('/items/${i}', async (req, res) => {`, `  const rows = await db.query('select * from t where id = $1', [${i}]);`,
      `  res.json({ id: ${i}, rows, total: rows.length * ${i} });`, '});');
    i++;
  }
  return out.join('\n') + '\n';
}

async function editLoop() {
  const { setWasmLocator } = await lib('syntax/treeSitter.js');
  setWasmLocator((f) => join(root, 'dist/server/wasm', f));
  const { analyzeDocument, TreeCache } = await lib('service/index.js');
  const { DEFAULT_SETTINGS } = await lib('model/index.js');
  const trees = new TreeCache();
  let text = bigJs();
  const doc = { path: '/bench/server.js', key: 'bench', languageId: 'javascript' };
  await analyzeDocument({ ...doc, text }, DEFAULT_SETTINGS, trees);
  const times = [];
  let pos = 0;
  for (let n = 0; n < 300; n++) {
    // Type a character somewhere in the file, then take it back (typing and backspace), so the file stays
    // the realistic one instead of decaying into random damage.
    if (n % 2 === 0) {
      pos = Math.floor((n * 7919) % (text.length - 10));
      text = text.slice(0, pos) + 'x' + text.slice(pos);
    } else {
      text = text.slice(0, pos) + text.slice(pos + 1);
    }
    const t0 = performance.now();
    await analyzeDocument({ ...doc, text }, DEFAULT_SETTINGS, trees);
    times.push(performance.now() - t0);
  }
  report('diagnostics after an edit, 5,000-line file, p95 (ms)', pct(times, 95).toFixed(2), '≤ 10');
  report('diagnostics after an edit, 5,000-line file, p50 (ms)', pct(times, 50).toFixed(2), '—');
}

function firstOpen() {
  const file = join(tmpdir(), `cors-lint-bench-${process.pid}.js`);
  writeFileSync(file, bigJs(500));
  const code = `
    const t0 = performance.now();
    const { setWasmLocator } = await import(${JSON.stringify(join(root, 'dist/lib/syntax/treeSitter.js'))});
    setWasmLocator((f) => ${JSON.stringify(join(root, 'dist/server/wasm'))} + '/' + f);
    const { analyzeDocument } = await import(${JSON.stringify(join(root, 'dist/lib/service/index.js'))});
    const { DEFAULT_SETTINGS } = await import(${JSON.stringify(join(root, 'dist/lib/model/index.js'))});
    const text = (await import('node:fs')).readFileSync(${JSON.stringify(file)}, 'utf8');
    const t1 = performance.now();
    await analyzeDocument({ path: 'server.js', text, key: 'k' }, DEFAULT_SETTINGS);
    console.log(JSON.stringify({ total: performance.now() - t0, analyze: performance.now() - t1 }));`;
  const runs = [];
  for (let i = 0; i < 5; i++) {
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8' });
    runs.push(JSON.parse(r.stdout.trim().split('\n').pop()));
  }
  rmSync(file, { force: true });
  report('first diagnostics after opening, incl. grammar load (ms)', pct(runs.map((r) => r.analyze), 50).toFixed(1), '≤ 150');
}

function makeTree(dir, files = 4000) {
  const filler = 'export function helper(a, b) {\n  return a + b; // ordinary code\n}\n'.repeat(60);
  for (let i = 0; i < files; i++) {
    const d = join(dir, `pkg${i % 40}`, `mod${i % 7}`);
    mkdirSync(d, { recursive: true });
    const cors = i % 200 === 0;
    writeFileSync(join(d, `f${i}.js`), (cors ? "const cors = require('cors');\napp.use(cors({ origin: true, credentials: true }));\n" : '') + filler);
  }
}

function plainReadSearch(dir) {
  let hits = 0;
  const walk = (d) => {
    for (const n of readdirSync(d)) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else if (/access-control-|\bcors\b/i.test(readFileSync(p, 'utf8'))) hits++;
    }
  };
  walk(dir);
  return hits;
}

function scan() {
  const dir = mkdtempSync(join(tmpdir(), 'cors-lint-scan-'));
  makeTree(dir);
  const bytes = Number(spawnSync('du', ['-sb', dir], { encoding: 'utf8' }).stdout.split('\t')[0]);
  plainReadSearch(dir); // warm the page cache
  let t = performance.now();
  plainReadSearch(dir);
  const plain = performance.now() - t;
  t = performance.now();
  const r = spawnSync(process.execPath, [join(root, 'dist/server/cli.js'), '--format', 'json', '--exit-zero', dir], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const cli = performance.now() - t;
  const found = JSON.parse(r.stdout).reduce((n, f) => n + f.messages.length, 0);
  // Start-up alone (an empty folder), to see the per-byte cost of the scan itself.
  const empty = mkdtempSync(join(tmpdir(), 'cors-lint-empty-'));
  t = performance.now();
  spawnSync(process.execPath, [join(root, 'dist/server/cli.js'), '--format', 'json', empty], { encoding: 'utf8' });
  const startup = performance.now() - t;
  rmSync(empty, { recursive: true, force: true });
  rmSync(dir, { recursive: true, force: true });
  report('workspace scan: 4,000 files, MB/s (CLI, incl. start-up)', ((bytes / 1e6) / (cli / 1000)).toFixed(1), '—');
  report('plain read + keyword search, same tree, MB/s', ((bytes / 1e6) / (plain / 1000)).toFixed(1), '—');
  report('CLI start-up alone (ms)', startup.toFixed(0), '—');
  report('scan speed without start-up, fraction of read + search', (plain / Math.max(1, cli - startup)).toFixed(2), 'a large fraction');
  report('findings in the scanned tree', found, '> 0');
}

async function serverMemory() {
  const { LspClient } = await import(join(root, 'test/lsp/client.mjs'));
  const c = new LspClient();
  await c.initialize();
  const docs = [
    ['a.js', 'javascript', "app.use(cors({ origin: true }));\n"],
    ['a.ts', 'typescript', "app.use(cors({ origin: true }));\n"],
    ['a.tsx', 'typescriptreact', "app.use(cors({ origin: true }));\n"],
    ['a.py', 'python', 'from flask_cors import CORS\nCORS(app)\n'],
    ['a.php', 'php', "<?php header('Access-Control-Allow-Origin: *');\n"],
    ['.htaccess', 'apacheconf', 'Header set Access-Control-Allow-Origin "*"\n'],
    ['nginx.conf', 'nginx', "location / { add_header Access-Control-Allow-Origin '*'; }\n"],
    ['web.config', 'xml', '<configuration><system.webServer><httpProtocol><customHeaders><add name="Access-Control-Allow-Origin" value="*"/></customHeaders></httpProtocol></system.webServer></configuration>'],
    ['big.js', 'javascript', bigJs()],
  ];
  for (const [name, lang, text] of docs) {
    const uri = `file:///bench/${name}`;
    c.notify('textDocument/didOpen', { textDocument: { uri, languageId: lang, version: 1, text } });
    await c.diagnosticsFor(uri);
  }
  const status = readFileSync(`/proc/${c.proc.pid}/status`, 'utf8');
  const rss = Number(/VmRSS:\s+(\d+)/.exec(status)[1]) / 1024;
  await c.stop();
  report('server RSS with every grammar loaded (MB)', rss.toFixed(1), '≤ 150');
}

await editLoop();
firstOpen();
scan();
await serverMemory();
writeFileSync(join(root, 'bench/last-results.json'), JSON.stringify({ date: new Date().toISOString(), node: process.version, results }, null, 2) + '\n');
