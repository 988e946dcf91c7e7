/** Node entry of the language server: `cors-language-server --stdio` (or --node-ipc / --socket=N). */
import { join } from 'node:path';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { setWasmLocator } from './syntax/treeSitter.js';
import { startServer } from './lsp/server.js';

setWasmLocator((f) => join(__dirname, 'wasm', f));

if (process.argv.includes('--version')) {
  process.stdout.write('0.1.0\n');
  process.exit(0);
}
if (!process.argv.some((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket') || a.startsWith('--pipe'))) {
  process.argv.push('--stdio');
}
const connection = createConnection(ProposedFeatures.all);
process.on('uncaughtException', (e) => connection.console.error(`[cors-lint] uncaught: ${e?.stack ?? e}`));
process.on('unhandledRejection', (e) => connection.console.error(`[cors-lint] unhandled rejection: ${(e as Error)?.stack ?? e}`));
startServer(connection);
