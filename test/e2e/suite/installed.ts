/**
 * Entry point of the second editor run: cors-lint installed from the packaged .vsix into a fresh
 * extensions dir (no extension development path pointing at the repository). Proves the package is
 * self-contained: the client bundle, the server bundle and the tree-sitter .wasm files are all inside.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { runAll } from './runner';
import { EXTENSION_ID, open, waitForCode, waitUntil } from './util';

export function run(): Promise<void> {
  return runAll('cors-lint installed from the .vsix', [
    {
      name: 'the extension comes from the installed .vsix, not from the repository',
      fn: () => {
        const ext = vscode.extensions.getExtension(EXTENSION_ID);
        assert.ok(ext, `${EXTENSION_ID} is not installed`);
        const repo = process.env.CORS_LINT_E2E_REPO;
        assert.ok(repo, 'CORS_LINT_E2E_REPO is set by run.mjs');
        assert.ok(!ext.extensionUri.fsPath.startsWith(repo), `loaded from ${ext.extensionUri.fsPath}`);
        assert.equal(ext.packageJSON.version, process.env.CORS_LINT_E2E_VERSION);
      },
    },
    {
      name: '.htaccess (own tokenizer): a diagnostic appears',
      fn: async () => {
        const doc = await open('.htaccess');
        await waitUntil(() => !!vscode.extensions.getExtension(EXTENSION_ID)?.isActive, 'the extension to activate');
        const d = await waitForCode(doc.uri, 'wildcard-origin-with-credentials');
        assert.equal(doc.getText(d.range), '*');
      },
    },
    {
      name: 'the package holds the user README and the rule pages the rule links open',
      fn: async () => {
        const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
        const read = async (rel: string) => Buffer.from(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(ext.extensionUri, rel))).toString('utf8');
        assert.match(await read('readme.md'), /## What it finds/);
        assert.match(await read('docs/rules/wildcard-origin-with-credentials.md'), /^# wildcard-origin-with-credentials$/m);
      },
    },
    {
      name: 'api.php (tree-sitter .wasm from the package): a diagnostic appears',
      fn: async () => {
        const doc = await open('api.php');
        const d = await waitForCode(doc.uri, 'wildcard-origin-with-credentials');
        assert.equal(doc.getText(d.range), '*');
      },
    },
    {
      name: 'main.go and deploy/main.tf (the Go and HCL grammars from the package): a diagnostic appears in each',
      fn: async () => {
        for (const file of ['main.go', 'deploy/main.tf']) {
          const doc = await open(file);
          const d = await waitForCode(doc.uri, 'invalid-allowlist-entry');
          assert.equal(doc.getText(d.range), 'https://app.example.com/', file);
        }
      },
    },
  ]);
}
