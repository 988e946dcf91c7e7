/**
 * The VS Code face of cors-lint: start the language server, forward settings, offer two commands.
 * Everything about CORS lives in the server; this file only knows how to reach it.
 */
import * as vscode from 'vscode';
import {
  LanguageClient,
  RequestType,
  RequestType0,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';

import { CONFIG_PATTERNS, documentSelector, GENERIC_CONFIG_LANGUAGES } from './selector.js';

const CLIENT_ID = 'corsLint'; // also the settings prefix, so `corsLint.trace.server` works out of the box
const CLIENT_NAME = 'cors-lint';
const DOCS_SCHEME = 'cors-lint-docs';
const SHOW_DOCS_COMMAND = 'corsLint.showRuleDocumentation';

/** `corsLint/ruleDocumentation`: the Markdown documentation of one rule and, where it is installed, its
 *  page (a file: URI); null for an unknown id. */
const RuleDocumentationRequest = new RequestType<{ ruleId: string }, { markdown: string; uri?: string } | null, void>(
  'corsLint/ruleDocumentation',
);
/** `corsLint/ruleIds`: every rule id the server knows. */
const RuleIdsRequest = new RequestType0<string[], void>('corsLint/ruleIds');

/** `corsLint/serverConfigLanguage`: `apacheconf` or `nginx` when the server reads the text as that, else null. */
const ServerConfigLanguageRequest = new RequestType<{ uri: string; languageId: string; text: string }, string | null, void>(
  'corsLint/serverConfigLanguage',
);

/** Documents already looked at: a language the user picks afterwards is left alone. */
const languageChecked = new Set<string>();

/**
 * A config file VS Code has no language for (plain text, or `properties` for `*.conf`) gets the Apache or
 * nginx language of this extension when the server reads its content as that: syntax highlighting and the
 * same language id as a file named `nginx.conf`. Asked once per document and session.
 */
async function adoptServerConfigLanguage(doc: vscode.TextDocument): Promise<void> {
  if (!client?.isRunning() || doc.uri.scheme !== 'file' || !GENERIC_CONFIG_LANGUAGES.has(doc.languageId)) return;
  const key = doc.uri.toString();
  if (languageChecked.has(key)) return;
  if (vscode.languages.match(CONFIG_PATTERNS.map((pattern) => ({ scheme: 'file', pattern })), doc) === 0) return;
  languageChecked.add(key);
  const before = doc.languageId;
  let language: string | null;
  try {
    language = await client.sendRequest(ServerConfigLanguageRequest, { uri: key, languageId: before, text: doc.getText().slice(0, 64_000) });
  } catch (err) {
    output?.error(`corsLint/serverConfigLanguage failed for ${key}: ${String(err)}`);
    return;
  }
  if (!language || doc.isClosed || doc.languageId !== before) return;
  if (!(await vscode.languages.getLanguages()).includes(language)) return;
  output?.info(`${vscode.workspace.asRelativePath(doc.uri)}: read as ${language} by its content.`);
  await vscode.languages.setTextDocumentLanguage(doc, language);
}

let client: LanguageClient | undefined;
let output: vscode.LogOutputChannel | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel(CLIENT_NAME, { log: true });
  context.subscriptions.push(output);

  const docs = new RuleDocsProvider();
  context.subscriptions.push(
    docs,
    vscode.workspace.registerTextDocumentContentProvider(DOCS_SCHEME, docs),
    vscode.commands.registerCommand('corsLint.restartServer', restartServer),
    vscode.commands.registerCommand(SHOW_DOCS_COMMAND, (arg?: unknown) => showRuleDocumentation(docs, arg)),
  );

  client = createClient(context);
  await startClient();
  const adopt = (doc: vscode.TextDocument) => void adoptServerConfigLanguage(doc).catch((err) => output?.error(String(err)));
  context.subscriptions.push(vscode.workspace.onDidOpenTextDocument(adopt));
  for (const doc of vscode.workspace.textDocuments) adopt(doc);
}

export async function deactivate(): Promise<void> {
  const c = client;
  client = undefined;
  if (c) await c.dispose();
}

function createClient(context: vscode.ExtensionContext): LanguageClient {
  const module = context.asAbsolutePath('dist/server/main.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6011'] } },
  };
  const configWatcher = vscode.workspace.createFileSystemWatcher('**/.corslintrc.json');
  context.subscriptions.push(configWatcher);
  const clientOptions: LanguageClientOptions = {
    documentSelector: documentSelector(),
    synchronize: { configurationSection: CLIENT_ID, fileEvents: configWatcher },
    outputChannel: output,
    // Tells the server that "Show documentation" code actions can call our command instead of its own.
    initializationOptions: { clientCommands: [SHOW_DOCS_COMMAND] },
    // Hovers and diagnostics may link to the documentation command, nothing else.
    markdown: { isTrusted: { enabledCommands: [SHOW_DOCS_COMMAND] } },
    middleware: {
      handleDiagnostics: (uri, diagnostics, next) => next(uri, linkDocsToPreview(diagnostics)),
      provideDiagnostics: async (document, previousResultId, token, next) => {
        const report = await next(document, previousResultId, token);
        if (report && 'items' in report) linkDocsToPreview(report.items);
        return report;
      },
    },
  };
  return new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
}

async function startClient(): Promise<void> {
  if (!client) return;
  try {
    await client.start();
  } catch (err) {
    output?.error(`The cors-lint server failed to start: ${String(err)}`);
    void vscode.window
      .showErrorMessage('cors-lint: the language server failed to start.', 'Show Output')
      .then((choice) => (choice ? output?.show() : undefined));
  }
}

async function restartServer(): Promise<void> {
  if (!client) return;
  output?.info('Restarting the server.');
  try {
    if (client.needsStart()) await client.start();
    else await client.restart();
  } catch (err) {
    output?.error(`Restart failed: ${String(err)}`);
    void vscode.window.showErrorMessage(`cors-lint: restart failed (${String(err)}).`);
  }
}

/**
 * The server links each diagnostic's rule id to the installed page (a file: URI), which VS Code would open
 * as plain text. The Problems view, the error hover and the peek view open a diagnostic's link with
 * command links allowed, so the link becomes our command, which shows the page in the Markdown preview.
 */
function linkDocsToPreview(diagnostics: vscode.Diagnostic[]): vscode.Diagnostic[] {
  for (const d of diagnostics) {
    if (d.source !== CLIENT_NAME || typeof d.code !== 'object' || d.code.target.scheme !== 'file') continue;
    const query = JSON.stringify([String(d.code.value)]);
    d.code = { value: d.code.value, target: vscode.Uri.from({ scheme: 'command', path: SHOW_DOCS_COMMAND, query }) };
  }
  return diagnostics;
}

/** Accepts a rule id, `{ ruleId }`, or a diagnostic-like `{ code }` (as code actions may pass). */
function ruleIdOf(arg: unknown): string | undefined {
  if (typeof arg === 'string' && arg.trim() !== '') return arg.trim();
  if (arg && typeof arg === 'object') {
    const o = arg as { ruleId?: unknown; code?: unknown };
    if (typeof o.ruleId === 'string') return o.ruleId;
    if (typeof o.code === 'string') return o.code;
    if (o.code && typeof o.code === 'object' && typeof (o.code as { value?: unknown }).value === 'string') {
      return (o.code as { value: string }).value;
    }
  }
  return undefined;
}

async function showRuleDocumentation(docs: RuleDocsProvider, arg?: unknown): Promise<void> {
  if (!client || !client.isRunning()) {
    void vscode.window.showWarningMessage('cors-lint: the language server is not running.');
    return;
  }
  let ruleId = ruleIdOf(arg);
  if (!ruleId) {
    let ids: string[];
    try {
      ids = await client.sendRequest(RuleIdsRequest);
    } catch (err) {
      output?.error(`corsLint/ruleIds failed: ${String(err)}`);
      return;
    }
    ruleId = await vscode.window.showQuickPick([...ids].sort(), { placeHolder: 'Show the documentation of a cors-lint rule' });
    if (!ruleId) return;
  }

  let result: { markdown: string; uri?: string } | null;
  try {
    result = await client.sendRequest(RuleDocumentationRequest, { ruleId });
  } catch (err) {
    output?.error(`corsLint/ruleDocumentation failed for ${ruleId}: ${String(err)}`);
    void vscode.window.showErrorMessage(`cors-lint: could not load the documentation of ${ruleId}.`);
    return;
  }
  if (!result) {
    void vscode.window.showWarningMessage(`cors-lint: no rule named "${ruleId}".`);
    return;
  }

  // The installed page when there is one (its links to other pages work there), else the text the server sent.
  const uri = result.uri ? vscode.Uri.parse(result.uri) : docs.set(ruleId, result.markdown);
  try {
    await vscode.commands.executeCommand('markdown.showPreview', uri);
  } catch {
    // The built-in Markdown extension is disabled: show the source instead.
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc, { preview: true });
  }
}

/** Read-only virtual documents `cors-lint-docs:/<rule-id>.md` holding the server's rule documentation
 *  (used when the pages are not installed beside the server). */
class RuleDocsProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly pages = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  set(ruleId: string, markdown: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: DOCS_SCHEME, path: `/${encodeURIComponent(ruleId)}.md` });
    const key = uri.toString();
    const before = this.pages.get(key);
    this.pages.set(key, markdown);
    if (before !== undefined && before !== markdown) this.changed.fire(uri);
    return uri;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.pages.get(uri.toString()) ?? '';
  }

  dispose(): void {
    this.changed.dispose();
  }
}
