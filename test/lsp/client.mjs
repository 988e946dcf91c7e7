// A minimal LSP client over stdio for tests: Content-Length framing, requests with ids, notifications,
// and answers to the server's own requests (workspace/configuration, client/registerCapability ...).
import { spawn } from 'node:child_process';
import { after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { root } from '../helpers.mjs';

/**
 * Options:
 * - settings: what `workspace/configuration` answers for the `corsLint` section;
 * - configuration: how it answers: 'answer' (default), 'null', 'error', 'silent' (never), or a number:
 *   answer after that many milliseconds;
 * - advertiseConfiguration: false = do not advertise `workspace.configuration` (as Neovim 0.7);
 * - capabilities, initializationOptions: merged into / sent with `initialize`;
 * - command, args, env: the server to start (default: the bundled dist/server/main.js --stdio).
 */
export class LspClient {
  constructor({ settings = {}, configuration = 'answer', advertiseConfiguration = true, capabilities = {}, initializationOptions, command, args, env } = {}) {
    this.settings = settings;
    this.configuration = configuration;
    this.advertiseConfiguration = advertiseConfiguration;
    this.capabilities = capabilities;
    this.initializationOptions = initializationOptions;
    /** The `workspace/configuration` requests the server sent. */
    this.configurationRequests = [];
    this.nextId = 1;
    this.pending = new Map();
    this.notifications = [];
    /** Requests the server sent us (window/showDocument ...), in order. */
    this.serverRequests = [];
    this.waiters = [];
    this.stderr = '';
    this.proc = spawn(command ?? process.execPath, args ?? [join(root, 'dist/server/main.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: env ?? process.env });
    this.exited = new Promise((resolve) => this.proc.on('exit', (code, signal) => resolve({ code, signal })));
    this.proc.stderr.on('data', (d) => (this.stderr += d));
    this.proc.stdin.on('error', () => {}); // a late answer to a server that has exited
    let buf = Buffer.alloc(0);
    this.proc.stdout.on('data', (chunk) => {
      buf = Buffer.concat([buf, chunk]);
      for (;;) {
        const headerEnd = buf.indexOf('\r\n\r\n');
        if (headerEnd === -1) return;
        const m = /Content-Length: (\d+)/i.exec(buf.subarray(0, headerEnd).toString());
        const len = Number(m[1]);
        if (buf.length < headerEnd + 4 + len) return;
        const msg = JSON.parse(buf.subarray(headerEnd + 4, headerEnd + 4 + len).toString('utf8'));
        buf = buf.subarray(headerEnd + 4 + len);
        this.onMessage(msg);
      }
    });
  }

  answerConfiguration(msg) {
    const how = this.configuration;
    if (how === 'silent') return;
    if (how === 'error') {
      this.send({ id: msg.id, error: { code: -32601, message: 'workspace/configuration is not supported' } });
      return;
    }
    const answer = () => {
      const result = msg.params.items.map((it) => (how !== 'null' && it.section === 'corsLint' ? this.settings : null));
      this.send({ id: msg.id, result });
    };
    if (typeof how === 'number') setTimeout(answer, how);
    else answer();
  }

  writeRaw(str) {
    if (this.proc.stdin.destroyed) return;
    this.proc.stdin.write(`Content-Length: ${Buffer.byteLength(str)}\r\n\r\n${str}`);
  }

  send(msg) {
    this.writeRaw(JSON.stringify({ jsonrpc: '2.0', ...msg }));
  }

  onMessage(msg) {
    if (msg.id !== undefined && msg.method) {
      // A request from the server.
      if (msg.method === 'workspace/configuration') {
        this.configurationRequests.push(msg.params);
        this.answerConfiguration(msg);
        return;
      }
      this.serverRequests.push(msg);
      this.send({ id: msg.id, result: msg.method === 'window/showDocument' ? { success: true } : null });
      return;
    }
    if (msg.id !== undefined) {
      const p = this.pending.get(msg.id);
      if (p) {
        this.pending.delete(msg.id);
        if (msg.error) p.reject(Object.assign(new Error(msg.error.message), { rpc: msg.error }));
        else p.resolve(msg.result);
      }
      return;
    }
    this.notifications.push(msg);
    for (const w of [...this.waiters]) {
      if (w.pred(msg)) {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.resolve(msg);
      }
    }
  }

  request(method, params, timeoutMs = 30000) {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`timeout: ${method}`)), timeoutMs);
      this.pending.set(id, {
        resolve: (v) => (clearTimeout(t), resolve(v)),
        reject: (e) => (clearTimeout(t), reject(e)),
      });
      this.send({ id, method, params });
    });
  }

  notify(method, params) {
    this.send({ method, params });
  }

  /** Wait for a notification matching pred (also one already received after `since`). */
  waitFor(pred, timeoutMs = 30000, since = 0) {
    const found = this.notifications.slice(since).find(pred);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const w = { pred, resolve: (m) => (clearTimeout(t), resolve(m)) };
      const t = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        reject(new Error('timeout waiting for notification'));
      }, timeoutMs);
      this.waiters.push(w);
    });
  }

  /** didOpen a document (version 1) and wait for its diagnostics. */
  openAndDiagnose(uri, languageId, text) {
    const since = this.notifications.length;
    this.notify('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    return this.diagnosticsFor(uri, since, 1);
  }

  diagnosticsFor(uri, since = 0, version) {
    return this.waitFor(
      (m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri && (version === undefined || m.params.version === version),
      30000,
      since,
    ).then((m) => m.params.diagnostics);
  }

  /** Opens a document (version 1) and waits for its diagnostics. */
  openForDiagnostics(uri, languageId, text) {
    const since = this.notifications.length;
    this.notify('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    return this.diagnosticsFor(uri, since, 1);
  }

  async initialize() {
    const res = await this.request('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities: {
        workspace: this.advertiseConfiguration ? { configuration: true } : {},
        textDocument: { hover: { contentFormat: ['markdown'] } },
        ...this.capabilities,
      },
      initializationOptions: this.initializationOptions,
    });
    this.notify('initialized', {});
    return res;
  }

  async stop() {
    try {
      await this.request('shutdown', null, 3000);
      this.notify('exit');
    } catch {
      /* already gone */
    }
    const t = setTimeout(() => this.proc.kill('SIGKILL'), 3000);
    const r = await this.exited;
    clearTimeout(t);
    return r;
  }
}

/** A factory of clients for one test file: each one still running when the file's tests end is killed. */
export function trackedClients() {
  const clients = [];
  after(() => {
    for (const c of clients) if (c.proc.exitCode === null) c.proc.kill('SIGKILL');
  });
  return (opts) => {
    const c = new LspClient(opts);
    clients.push(c);
    return c;
  };
}

/** Apply LSP TextEdits to a text. */
export function applyLspEdits(text, edits) {
  const lines = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lines.push(i + 1);
  const off = (p) => Math.min(text.length, (lines[p.line] ?? text.length) + p.character);
  const sorted = [...edits].sort((a, b) => off(b.range.start) - off(a.range.start));
  let out = text;
  for (const e of sorted) out = out.slice(0, off(e.range.start)) + e.newText + out.slice(off(e.range.end));
  return out;
}

/** The hover text at the first `word` of `line` in `text` (one character into the word). */
export async function hoverAt(c, uri, text, line, word) {
  const character = text.split('\n')[line].indexOf(word) + 1;
  assert.ok(character > 0, word);
  const h = await c.request('textDocument/hover', { textDocument: { uri }, position: { line, character } });
  return h?.contents.value ?? '';
}

/**
 * One finding-fix-hover case: open `k.text`, find `k.rule` at `k.at`, hover `k.hover.position` (matching
 * `k.hover.text`), apply the preferred quick fix (or the first `Allow…` one), check the text against `k.fixed`,
 * and that the rule is gone after the change. `client` is a `trackedClients()` factory.
 */
export async function checkFixAndHover(client, k, languageId) {
  const c = client({ settings: { trustedOrigins: ['https://app.example.com'] } });
  await c.initialize();
  const since = c.notifications.length;
  c.notify('textDocument/didOpen', { textDocument: { uri: k.uri, languageId, version: 1, text: k.text } });
  const diags = await c.diagnosticsFor(k.uri, since, 1);
  const d = diags.find((x) => x.code === k.rule);
  assert.ok(d, JSON.stringify(diags));
  assert.deepEqual(d.range.start, k.at);
  const hover = await c.request('textDocument/hover', { textDocument: { uri: k.uri }, position: k.hover.position });
  assert.match(hover?.contents.value ?? '', k.hover.text);
  const actions = await c.request('textDocument/codeAction', { textDocument: { uri: k.uri }, range: d.range, context: { diagnostics: [d], only: ['quickfix'] } });
  const fix = actions.find((a) => a.edit && a.isPreferred) ?? actions.find((a) => a.edit && /Allow/.test(a.title));
  assert.ok(fix, actions.map((a) => a.title).join(' | '));
  const out = applyLspEdits(k.text, fix.edit.changes[k.uri]);
  assert.match(out, k.fixed);
  const since2 = c.notifications.length;
  c.notify('textDocument/didChange', { textDocument: { uri: k.uri, version: 2 }, contentChanges: [{ text: out }] });
  const after = await c.diagnosticsFor(k.uri, since2, 2);
  assert.deepEqual(after.filter((x) => x.code === k.rule), []);
  await c.stop();
}
