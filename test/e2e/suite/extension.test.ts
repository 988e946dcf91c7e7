/**
 * The extension inside a real VS Code, asserted through the editor API: languages, activation,
 * diagnostics per format, hover, quick fix, disable comment and settings. The fixture workspace is a
 * temporary copy of test/e2e/workspace (edits here never touch the repository).
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TestCase } from './runner';
import {
  EXTENSION_ID,
  codeActions,
  codeOf,
  describe,
  fileUri,
  hoverText,
  open,
  waitForCode,
  waitForDiagnostics,
  waitForNoCode,
  waitUntil,
} from './util';

const S = vscode.DiagnosticSeverity;

/** One known problem per format: the rule, its severity and the exact range (0-based line, character, text). */
const EXPECTED: { file: string; code: string; severity: vscode.DiagnosticSeverity; line: number; character: number; text: string }[] = [
  { file: '.htaccess', code: 'wildcard-origin-with-credentials', severity: S.Error, line: 5, character: 51, text: '*' },
  { file: 'nginx.conf', code: 'headers-missing-on-errors', severity: S.Information, line: 8, character: 23, text: 'Access-Control-Allow-Origin' },
  { file: 'web.config', code: 'invalid-allow-origin-value', severity: S.Error, line: 5, character: 55, text: 'https://app.example.com/' },
  { file: 'server.js', code: 'reflected-origin-with-credentials', severity: S.Error, line: 6, character: 23, text: 'true' },
  { file: 'api.php', code: 'wildcard-origin-with-credentials', severity: S.Error, line: 1, character: 37, text: '*' },
  { file: 'app.py', code: 'max-age-over-browser-cap', severity: S.Information, line: 4, character: 55, text: '86400' },
  { file: 'config/cors.php', code: 'reflected-origin-with-credentials', severity: S.Error, line: 6, character: 27, text: '*' },
  { file: 'config/packages/nelmio_cors.yaml', code: 'invalid-allowlist-entry', severity: S.Error, line: 3, character: 24, text: 'https://app.example.com/' },
  // the sources of Java, C#, Go and Ruby (VS Code's built-in languages) and of configs VS Code has no language
  // for (plain text: the client sends them by file name)
  { file: 'src/main/java/app/WebConfig.java', code: 'reflected-origin-with-credentials', severity: S.Error, line: 11, character: 36, text: '*' },
  { file: 'Program.cs', code: 'invalid-allowlist-entry', severity: S.Error, line: 2, character: 59, text: 'https://app.example.com/' },
  { file: 'main.go', code: 'invalid-allowlist-entry', severity: S.Error, line: 10, character: 30, text: 'https://app.example.com/' },
  { file: 'config.ru', code: 'reflected-origin-with-credentials', severity: S.Error, line: 4, character: 12, text: '{ |source, env| true }' },
  { file: 'Caddyfile', code: 'wildcard-origin-with-credentials', severity: S.Error, line: 1, character: 36, text: '*' },
  { file: 'site/_headers', code: 'invalid-allow-origin-value', severity: S.Error, line: 1, character: 31, text: 'https://app.example.com/' },
  { file: 'netlify.toml', code: 'max-age-over-browser-cap', severity: S.Information, line: 4, character: 30, text: '86400' },
  { file: 'deploy/main.tf', code: 'invalid-allowlist-entry', severity: S.Error, line: 9, character: 24, text: 'https://app.example.com/' },
];

function listActions(actions: vscode.CodeAction[]): string {
  return actions
    .map((a) => `"${a.title}"${a.isPreferred ? ' (preferred)' : ''} kind=${a.kind?.value} edit=${!!a.edit} diagnostics=${(a.diagnostics ?? []).map(codeOf).join(',')}`)
    .join(' | ');
}

async function rulesSetting(uri: vscode.Uri, rules: Record<string, string> | undefined): Promise<void> {
  await vscode.workspace.getConfiguration('corsLint', uri).update('rules', rules, vscode.ConfigurationTarget.Workspace);
}

export const tests: TestCase[] = [
  {
    name: 'the extension is installed and activates when an .htaccess file opens (language apacheconf)',
    fn: async () => {
      const ext = vscode.extensions.getExtension(EXTENSION_ID);
      assert.ok(ext, `extension ${EXTENSION_ID} is not loaded`);
      const doc = await open('.htaccess');
      assert.equal(doc.languageId, 'apacheconf');
      await waitUntil(() => ext.isActive, 'the extension to activate');
    },
  },
  {
    name: 'nginx.conf gets the nginx language',
    fn: async () => {
      const doc = await open('nginx.conf');
      assert.equal(doc.languageId, 'nginx');
    },
  },
  {
    name: 'web.config opens as XML (the language the client selects IIS configs by)',
    fn: async () => {
      const doc = await open('web.config');
      assert.equal(doc.languageId, 'xml');
    },
  },
  {
    name: 'nelmio_cors.yaml opens as YAML (the client selects it by file name) and gets the option hover',
    fn: async () => {
      const doc = await open('config/packages/nelmio_cors.yaml');
      assert.equal(doc.languageId, 'yaml');
      await waitForCode(doc.uri, 'invalid-allowlist-entry');
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(2, 12));
      const text = hoverText(hovers ?? []);
      assert.match(text, /allow_credentials.*NelmioCorsBundle/s, text);
    },
  },
  ...EXPECTED.map(
    (e): TestCase => ({
      name: `${e.file}: ${e.code} (${S[e.severity]}) on "${e.text}" at ${e.line + 1}:${e.character + 1}`,
      fn: async () => {
        const doc = await open(e.file);
        const d = await waitForCode(doc.uri, e.code);
        assert.equal(d.source, 'cors-lint');
        assert.equal(S[d.severity], S[e.severity], 'severity');
        const r = d.range;
        assert.deepEqual([r.start.line, r.start.character], [e.line, e.character], `start of the range in:\n${describe(doc.uri)}`);
        assert.equal(doc.getText(r), e.text, 'the marked text');
        // The server links the installed page (file:); the client turns that into our command, which the
        // Problems view and the hover run, to open the page in the Markdown preview.
        const target = typeof d.code === 'object' ? d.code.target : undefined;
        assert.ok(target && target.scheme === 'command' && target.path === 'corsLint.showRuleDocumentation', `documentation link: ${target}`);
        assert.deepEqual(JSON.parse(target.query), [e.code], `documentation link: ${target}`);
      },
    }),
  ),
  {
    name: '.htaccess: the wildcard finding points at the credentials line as related information',
    fn: async () => {
      const doc = await open('.htaccess');
      const d = await waitForCode(doc.uri, 'wildcard-origin-with-credentials');
      const related = d.relatedInformation ?? [];
      assert.equal(related.length, 1, 'one related location');
      assert.equal(related[0].location.uri.toString(), doc.uri.toString());
      assert.match(doc.lineAt(related[0].location.range.start.line).text, /Access-Control-Allow-Credentials "true"/);
    },
  },
  {
    name: "a finding's rule link opens the installed rule page in the Markdown preview",
    fn: async () => {
      const doc = await open('.htaccess');
      const d = await waitForCode(doc.uri, 'wildcard-origin-with-credentials');
      const target = typeof d.code === 'object' ? d.code.target : undefined;
      assert.ok(target && target.scheme === 'command', `documentation link: ${target}`);
      // What the Problems view and the hover do on a click: run the link's command with its arguments.
      await vscode.commands.executeCommand(target.path, ...JSON.parse(target.query));
      const isPreview = (t: vscode.Tab) =>
        t.input instanceof vscode.TabInputWebview && t.input.viewType.includes('markdown.preview') && t.label.includes('wildcard-origin-with-credentials');
      await waitUntil(() => vscode.window.tabGroups.all.some((g) => g.tabs.some(isPreview)), 'a Markdown preview of the rule page');
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    },
  },
  {
    name: 'hover on a header name explains it and links the Fetch standard',
    fn: async () => {
      const doc = await open('.htaccess');
      const line = doc.lineAt(5).text;
      const pos = new vscode.Position(5, line.indexOf('Access-Control-Allow-Origin') + 5);
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, pos);
      const text = hoverText(hovers ?? []);
      assert.match(text, /Access-Control-Allow-Origin/, text);
      assert.match(text, /fetch\.spec\.whatwg\.org/, text);
      assert.match(text, /credential/i, text);
    },
  },
  {
    name: 'settings: corsLint.rules turns a rule off and changes its severity (workspace settings, pulled per file)',
    fn: async () => {
      const doc = await open('web.config');
      const code = 'invalid-allow-origin-value';
      await waitForCode(doc.uri, code);
      try {
        await rulesSetting(doc.uri, { [code]: 'off' });
        await waitForNoCode(doc.uri, code);
        await rulesSetting(doc.uri, { [code]: 'warning' });
        await waitForDiagnostics(doc.uri, (ds) => ds.some((d) => codeOf(d) === code && d.severity === S.Warning), `${code} as a warning`);
      } finally {
        await rulesSetting(doc.uri, undefined);
      }
      await waitForDiagnostics(doc.uri, (ds) => ds.some((d) => codeOf(d) === code && d.severity === S.Error), `${code} back as an error`);
    },
  },
  {
    name: '.htaccess: the preferred quick fix puts the trusted origin in place of * and the finding goes away',
    fn: async () => {
      const doc = await open('.htaccess');
      const code = 'wildcard-origin-with-credentials';
      const d = await waitForCode(doc.uri, code);
      const actions = await codeActions(doc.uri, d.range);
      // (vscode.executeCodeActionProvider does not return CodeAction.diagnostics; the range selects the finding.)
      const fix = actions.find((a) => a.isPreferred);
      assert.ok(fix?.edit, `a preferred fix with an edit among: ${listActions(actions)}`);
      // The workspace's .vscode/settings.json trusts https://app.example.com: the fix must say and do that.
      assert.match(fix.title, /https:\/\/app\.example\.com/);
      assert.ok(await vscode.workspace.applyEdit(fix.edit), 'applyEdit');
      assert.equal(doc.lineAt(5).text, '    Header always set Access-Control-Allow-Origin "https://app.example.com"');
      assert.equal(doc.lineAt(6).text, '    Header always set Access-Control-Allow-Credentials "true"');
      await waitForNoCode(doc.uri, code);
    },
  },
  {
    name: 'web.config: the quick fix removes the trailing slash and the finding goes away',
    fn: async () => {
      const doc = await open('web.config');
      const code = 'invalid-allow-origin-value';
      const d = await waitForCode(doc.uri, code);
      const actions = await codeActions(doc.uri, d.range);
      const fix = actions.find((a) => a.isPreferred);
      assert.ok(fix?.edit, `a preferred fix with an edit among: ${listActions(actions)}`);
      assert.equal(fix.title, 'Change to https://app.example.com');
      assert.ok(await vscode.workspace.applyEdit(fix.edit), 'applyEdit');
      assert.equal(doc.lineAt(5).text, '        <add name="Access-Control-Allow-Origin" value="https://app.example.com" />');
      await waitForNoCode(doc.uri, code);
    },
  },
  {
    name: 'app.py: source.fixAll.cors-lint (the save action) applies the safe fixes; the findings go away',
    fn: async () => {
      const doc = await open('app.py');
      const code = 'max-age-over-browser-cap';
      await waitForCode(doc.uri, code);
      const all = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
        'vscode.executeCodeActionProvider',
        doc.uri,
        new vscode.Range(0, 0, 0, 0),
        'source.fixAll.cors-lint',
      );
      const action = (all ?? []).find((a): a is vscode.CodeAction => 'kind' in a && a.kind?.value === 'source.fixAll.cors-lint');
      assert.ok(action?.edit, `a fix-all action among: ${(all ?? []).map((a) => a.title).join(' | ')}`);
      assert.ok(await vscode.workspace.applyEdit(action.edit), 'applyEdit');
      assert.match(doc.getText(), /max_age=7200/);
      await waitForNoCode(doc.uri, code);
    },
  },
  {
    name: 'nginx.conf: "Disable … for this line" inserts a # comment above and silences only that finding',
    fn: async () => {
      const doc = await open('nginx.conf');
      const code = 'headers-missing-on-errors';
      const d = await waitForCode(doc.uri, code);
      const others = (await waitForDiagnostics(doc.uri, () => true, 'any')).filter((x) => codeOf(x) !== code).length;
      const actions = await codeActions(doc.uri, d.range);
      const disable = actions.find((a) => a.title === `Disable ${code} for this line`);
      assert.ok(disable?.edit, `a disable action among: ${listActions(actions)}`);
      assert.ok(await vscode.workspace.applyEdit(disable.edit), 'applyEdit');
      assert.match(doc.lineAt(8).text, new RegExp(`^\\s*# cors-lint-disable-next-line ${code}$`));
      assert.match(doc.lineAt(9).text, /^\s*add_header Access-Control-Allow-Origin 'https:\/\/app\.example\.com';$/);
      const after = await waitForDiagnostics(doc.uri, (ds) => !ds.some((x) => codeOf(x) === code), `the ${code} diagnostic to go away`);
      assert.equal(after.length, others, `the other findings stay: ${describe(doc.uri)}`);
    },
  },
];
