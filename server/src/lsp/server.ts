/**
 * The language server: the only code that speaks LSP. Each handler is "get document → cached analysis →
 * call the service", wrapped so that an exception yields an empty result and a log line, never a crash.
 */
import {
  CodeActionKind,
  DocumentDiagnosticReportKind,
  TextDocumentSyncKind,
  TextDocuments,
  type CodeAction,
  type Connection,
  type Diagnostic,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  analyzeDocument,
  hoverFromFacts,
  ruleDocumentation,
  rules,
  selectExtractors,
  TreeCache,
  VERSION,
  type Analysis,
  type DocumentInput,
} from '../service/index.js';
import { codeActions, FIX_ALL_KIND } from './actions.js';
import { toDiagnostic, toRange, type DocsUri } from './convert.js';
import { SettingsStore } from './configuration.js';

export const SHOW_DOCS_SERVER_COMMAND = 'corsLint.server.openRuleDocumentation';

interface Cached {
  version: number;
  settingsKey: string;
  text: string;
  result: Promise<Analysis>;
}

export function uriToPath(uri: string): string {
  try {
    const u = new URL(uri);
    return decodeURIComponent(u.pathname);
  } catch {
    return uri;
  }
}

/** Read access to the workspace files on disk (given by main.ts; this module does no IO). */
export type WorkspaceFiles = NonNullable<DocumentInput['workspace']>;

export interface ServerHost {
  /** The file system, for nginx `include`; absent = single-file analysis. */
  workspace?: WorkspaceFiles;
  /** The installed documentation page of a rule (a file: URI), for diagnostics' links and "Show
   *  documentation"; absent or undefined = no page, and no link. */
  docsUri?: DocsUri;
}

export function startServer(connection: Connection, host: ServerHost = {}): void {
  const documents = new TextDocuments(TextDocument);
  const trees = new TreeCache();
  const analyses = new Map<string, Cached>();
  const savedText = new Map<string, string>();
  let pullDiagnostics = false;
  let showDocument = false;
  let clientDocsCommand: string | undefined;
  const settings = new SettingsStore({
    ask: (uri) => connection.workspace.getConfiguration({ scopeUri: uri, section: 'corsLint' }),
    onLateAnswer(uri) {
      const doc = documents.get(uri);
      if (!doc) return;
      if (pullDiagnostics) void connection.languages.diagnostics.refresh();
      else void validateSafe(doc);
    },
  });
  /** Folders of the workspace (paths, trailing '/'); other files are never read. Empty: no restriction. */
  let folders: string[] = [];

  /** The other files as the analysis sees them: an open document's text first (what the user sees), then
   *  the disk, within the workspace folders. */
  const disk = host.workspace;
  const workspace: WorkspaceFiles | undefined = disk && {
    read(path) {
      for (const d of documents.all()) if (uriToPath(d.uri) === path) return d.getText();
      if (folders.length > 0 && !folders.some((f) => path.startsWith(f))) return undefined;
      return disk.read(path);
    },
    list(dir) {
      if (folders.length > 0 && !folders.some((f) => (dir + '/').startsWith(f))) return undefined;
      return disk.list(dir);
    },
  };

  const log = (msg: string) => connection.console.log(`[cors-lint] ${msg}`);
  function guard<P, R>(name: string, fallback: R, fn: (p: P) => Promise<R> | R): (p: P) => Promise<R> {
    return async (p: P) => {
      try {
        return await fn(p);
      } catch (e) {
        log(`${name} failed: ${(e as Error)?.stack ?? e}`);
        return fallback;
      }
    };
  }

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const caps = params.capabilities;
    pullDiagnostics = !!caps.textDocument?.diagnostic;
    showDocument = !!caps.window?.showDocument?.support;
    settings.initialize(!!caps.workspace?.configuration, params.initializationOptions);
    const opts = (params.initializationOptions ?? {}) as { clientCommands?: unknown };
    if (Array.isArray(opts.clientCommands) && opts.clientCommands.includes('corsLint.showRuleDocumentation')) {
      clientDocsCommand = 'corsLint.showRuleDocumentation';
    }
    const roots = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    folders = roots.map((u) => uriToPath(u).replace(/\/*$/, '/'));
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        hoverProvider: true,
        executeCommandProvider: { commands: [SHOW_DOCS_SERVER_COMMAND] },
        diagnosticProvider: pullDiagnostics ? { interFileDependencies: false, workspaceDiagnostics: false } : undefined,
      },
      serverInfo: { name: 'cors-lint', version: VERSION },
    };
  });

  /** The analysis of a document at its current version (cached per version and settings). */
  async function analysisOf(doc: TextDocument): Promise<Analysis> {
    const s = await settings.forUri(doc.uri);
    const text = s.run === 'onSave' ? (savedText.get(doc.uri) ?? doc.getText()) : doc.getText();
    const key = JSON.stringify(s);
    const c = analyses.get(doc.uri);
    if (c && c.settingsKey === key && c.text === text) return c.result;
    const result = analyzeDocument({ path: uriToPath(doc.uri), text, languageId: doc.languageId, key: doc.uri, workspace }, s, trees);
    analyses.set(doc.uri, { version: doc.version, settingsKey: key, text, result });
    return result;
  }

  async function diagnosticsOf(doc: TextDocument): Promise<Diagnostic[]> {
    // A file no extractor reads analyses to nothing (cached per text like any other): the language id is
    // resolved once, in the analysis, not again here.
    const a = await analysisOf(doc);
    return a.findings.map((f) => toDiagnostic(doc, f, host.docsUri));
  }

  /** Push mode: analyse now; publish only if the document did not change meanwhile. */
  async function validate(doc: TextDocument): Promise<void> {
    if (pullDiagnostics) return;
    const version = doc.version;
    const diagnostics = await diagnosticsOf(doc);
    const current = documents.get(doc.uri);
    if (!current || current.version !== version) return; // superseded: a newer run will publish
    await connection.sendDiagnostics({ uri: doc.uri, version, diagnostics });
  }
  const validateSafe = guard('validate', undefined, validate);

  // TextDocuments fires onDidChangeContent for the opening too: that one event validates on open and on
  // every change (in onSave mode the opened text counts as saved, so the first run shows it).
  const opened = new Map<string, number>();
  documents.onDidOpen((e) => {
    savedText.set(e.document.uri, e.document.getText());
    opened.set(e.document.uri, e.document.version);
  });
  documents.onDidChangeContent((e) => {
    void settings.forUri(e.document.uri).then((s) => {
      if (s.run === 'onType' || e.document.version === opened.get(e.document.uri)) void validateSafe(e.document);
    });
  });
  documents.onDidSave((e) => {
    savedText.set(e.document.uri, e.document.getText());
    void validateSafe(e.document);
    // Another file may include this one (nginx `include`): analyse the open documents with includes again.
    for (const d of documents.all()) {
      if (d.uri === e.document.uri || !/\binclude\b/.test(d.getText())) continue;
      analyses.delete(d.uri);
      void validateSafe(d);
    }
    if (pullDiagnostics) void connection.languages.diagnostics.refresh();
  });
  documents.onDidClose((e) => {
    analyses.delete(e.document.uri);
    savedText.delete(e.document.uri);
    opened.delete(e.document.uri);
    settings.forget(e.document.uri);
    trees.forget(e.document.uri);
    if (!pullDiagnostics) void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  connection.languages.diagnostics.on(
    guard('diagnostics', { kind: DocumentDiagnosticReportKind.Full, items: [] as Diagnostic[] }, async (params) => {
      const doc = documents.get(params.textDocument.uri);
      if (!doc) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
      return { kind: DocumentDiagnosticReportKind.Full, items: await diagnosticsOf(doc) };
    }),
  );

  connection.onDidChangeConfiguration(
    guard('configuration', undefined, (params) => {
      settings.didChangeConfiguration(params);
      analyses.clear();
      if (pullDiagnostics) void connection.languages.diagnostics.refresh();
      else for (const d of documents.all()) void validateSafe(d);
    }),
  );

  connection.onCodeAction(
    guard('codeAction', [] as CodeAction[], async (params) => {
      const doc = params && documents.get(params.textDocument.uri);
      if (!doc) return [];
      const analysis = await analysisOf(doc);
      const path = uriToPath(doc.uri);
      return codeActions(
        {
          doc,
          path,
          analysis,
          settings: await settings.forUri(doc.uri),
          input: { path, text: doc.getText(), languageId: doc.languageId, workspace },
          analysedText: analyses.get(doc.uri)?.text ?? '',
          docsCommand: clientDocsCommand ?? SHOW_DOCS_SERVER_COMMAND,
        },
        params,
      );
    }),
  );

  connection.onExecuteCommand(
    guard('executeCommand', null, async (params) => {
      if (params.command !== SHOW_DOCS_SERVER_COMMAND) return null;
      const id = String(params.arguments?.[0] ?? '');
      if (!rules.some((r) => r.id === id)) return null;
      const uri = host.docsUri?.(id);
      if (!uri) void connection.window.showWarningMessage(`cors-lint: the documentation page of ${id} is not installed.`);
      else if (showDocument) await connection.window.showDocument({ uri, takeFocus: true });
      else void connection.window.showInformationMessage(`cors-lint: the documentation of ${id} is ${uriToPath(uri)}`);
      return null;
    }),
  );

  connection.onHover(
    guard('hover', null, async (params) => {
      const doc = documents.get(params.textDocument.uri);
      if (!doc) return null;
      const analysis = await analysisOf(doc);
      const offset = doc.offsetAt(params.position);
      const h = hoverFromFacts(analysis.facts, doc.getText(), offset);
      if (!h) return null;
      return { contents: { kind: 'markdown', value: h.markdown }, range: toRange(doc, h.span) };
    }),
  );

  connection.onRequest(
    'corsLint/ruleDocumentation',
    guard('ruleDocumentation', null, (p: { ruleId?: string }) => {
      const md = p && typeof p.ruleId === 'string' ? ruleDocumentation(p.ruleId) : undefined;
      return md ? { markdown: md, uri: host.docsUri?.(p.ruleId!) } : null;
    }),
  );
  // `corsLint/serverConfigLanguage`: the Apache or nginx language a document is read as, given its editor
  // language and (the head of) its text; null when it is read as neither. The VS Code client uses it to give
  // a plain-text `sites-available/default` the nginx language.
  connection.onRequest(
    'corsLint/serverConfigLanguage',
    guard('serverConfigLanguage', null, (p: { uri?: unknown; languageId?: unknown; text?: unknown }) => {
      if (!p || typeof p.uri !== 'string' || typeof p.text !== 'string') return null;
      const languageId = typeof p.languageId === 'string' ? p.languageId : undefined;
      const language = selectExtractors(uriToPath(p.uri), languageId, p.text).languageId;
      return language === 'apacheconf' || language === 'nginx' ? language : null;
    }),
  );
  connection.onRequest('corsLint/ruleIds', guard('ruleIds', [] as string[], () => rules.map((r) => r.id)));

  documents.listen(connection);
  connection.listen();
}
