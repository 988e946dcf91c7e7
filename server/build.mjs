// Build: bundle the server, the CLI and the client with esbuild; copy the .wasm files beside the server
// bundle; transpile server/src file by file to dist/lib for the unit tests.
import { build } from 'esbuild';
import { cpSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const dist = join(root, 'dist');
rmSync(dist, { recursive: true, force: true });

// web-tree-sitter's CommonJS build still calls createRequire(import.meta.url), which is undefined in a CJS
// bundle: give it the bundle's own file URL.
const common = {
  banner: { js: '#!/usr/bin/env node\nvar __import_meta_url = require("url").pathToFileURL(__filename).href;' },
  define: { 'import.meta.url': '__import_meta_url' },
  bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: true, logLevel: 'warning', legalComments: 'none',
  // jsonc-parser's `main` is a UMD file whose require() calls a bundler cannot follow: bundle its ES modules
  alias: { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' } };
await Promise.all([
  build({ ...common, entryPoints: [join(root, 'server/src/main.ts')], outfile: join(dist, 'server/main.js') }),
  build({ ...common, entryPoints: [join(root, 'server/src/cli.ts')], outfile: join(dist, 'server/cli.js') }),
  build({ ...common, entryPoints: [join(root, 'client/src/extension.ts')], outfile: join(dist, 'client/extension.js'), external: ['vscode'] }),
]);

const wasmDir = join(dist, 'server/wasm');
mkdirSync(wasmDir, { recursive: true });
for (const f of [
  'web-tree-sitter/web-tree-sitter.wasm',
  'tree-sitter-javascript/tree-sitter-javascript.wasm',
  'tree-sitter-typescript/tree-sitter-typescript.wasm',
  'tree-sitter-typescript/tree-sitter-tsx.wasm',
  'tree-sitter-python/tree-sitter-python.wasm',
  'tree-sitter-php/tree-sitter-php.wasm',
  'tree-sitter-java/tree-sitter-java.wasm',
  'tree-sitter-c-sharp/tree-sitter-c_sharp.wasm',
  'tree-sitter-go/tree-sitter-go.wasm',
  'tree-sitter-ruby/tree-sitter-ruby.wasm',
  '@tree-sitter-grammars/tree-sitter-toml/tree-sitter-toml.wasm',
  '@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-hcl.wasm',
  'tree-sitter-properties/tree-sitter-properties.wasm',
]) {
  cpSync(require.resolve(f), join(wasmDir, f.split('/').pop()));
}

// Unbundled ESM copy of server/src for unit tests.
const files = [];
(function walk(d) {
  for (const n of readdirSync(d)) {
    const p = join(d, n);
    if (statSync(p).isDirectory()) walk(p);
    else if (n.endsWith('.ts') && !n.endsWith('.d.ts')) files.push(p);
  }
})(join(root, 'server/src'));
await build({ entryPoints: files, outdir: join(dist, 'lib'), outbase: join(root, 'server/src'), format: 'esm', platform: 'node', target: 'node20', logLevel: 'warning', sourcemap: 'inline' });
writeFileSync(join(dist, 'lib/package.json'), '{"type":"module"}\n');
console.log('built dist/');
