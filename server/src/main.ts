/** Node entry of the language server: `cors-language-server --stdio` (or --node-ipc / --socket=N). */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { setWasmLocator } from './syntax/treeSitter.js';
import { startServer, type WorkspaceFiles } from './lsp/server.js';
import { ruleDocsPath, VERSION } from './service/index.js';

setWasmLocator((f) => join(__dirname, 'wasm', f));

if (process.argv.includes('--version')) {
  process.stdout.write(VERSION + '\n');
  process.exit(0);
}
if (!process.argv.some((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket') || a.startsWith('--pipe'))) {
  process.argv.push('--stdio');
}
const connection = createConnection(ProposedFeatures.all);
process.on('uncaughtException', (e) => connection.console.error(`[cors-lint] uncaught: ${e?.stack ?? e}`));
process.on('unhandledRejection', (e) => connection.console.error(`[cors-lint] unhandled rejection: ${(e as Error)?.stack ?? e}`));
/** Other workspace files for the analysis (nginx `include`): small text files only. */
const MAX_INCLUDE_BYTES = 1_000_000;
const workspace: WorkspaceFiles = {
  read(path) {
    try {
      const st = statSync(path);
      if (!st.isFile() || st.size > MAX_INCLUDE_BYTES) return undefined;
      const buf = readFileSync(path);
      if (buf.subarray(0, 8000).includes(0)) return undefined;
      const text = buf.toString('utf8');
      return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    } catch {
      return undefined;
    }
  },
  list(dir) {
    try {
      return readdirSync(dir).slice(0, 10_000);
    } catch {
      return undefined;
    }
  },
};
/** The rule pages installed with this bundle (dist/server/main.js → ../../docs/rules/<id>.md), as file
 *  URIs; undefined where a page is missing, so that no link points at nothing. */
const packageRoot = join(__dirname, '..', '..');
const docsUris = new Map<string, string | undefined>();
function docsUri(ruleId: string): string | undefined {
  if (!docsUris.has(ruleId)) {
    const page = join(packageRoot, ruleDocsPath(ruleId));
    docsUris.set(ruleId, existsSync(page) ? pathToFileURL(page).href : undefined);
  }
  return docsUris.get(ruleId);
}
startServer(connection, { workspace, docsUri });
