// A minimal LSP client over stdio for tests: Content-Length framing, requests with ids, notifications,
// and answers to the server's own requests (workspace/configuration, client/registerCapability ...).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { root } from '../helpers.mjs';

export class LspClient {
  constructor({ settings = {}, capabilities = {}, initializationOptions } = {}) {
    this.settings = settings;
    this.capabilities = capabilities;
    this.initializationOptions = initializationOptions;
    this.nextId = 1;
    this.pending = new Map();
    this.notifications = [];
    /** Requests the server sent us (window/showDocument ...), in order. */
    this.serverRequests = [];
    this.waiters = [];
    this.stderr = '';
    this.proc = spawn(process.execPath, [join(root, 'dist/server/main.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.exited = new Promise((resolve) => this.proc.on('exit', (code, signal) => resolve({ code, signal })));
    this.proc.stderr.on('data', (d) => (this.stderr += d));
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

  writeRaw(str) {
    this.proc.stdin.write(`Content-Length: ${Buffer.byteLength(str)}\r\n\r\n${str}`);
  }

  send(msg) {
    this.writeRaw(JSON.stringify({ jsonrpc: '2.0', ...msg }));
  }

  onMessage(msg) {
    if (msg.id !== undefined && msg.method) {
      // A request from the server.
      let result = null;
      if (msg.method === 'workspace/configuration') {
        result = msg.params.items.map((it) => (it.section === 'corsLint' ? this.settings : null));
      } else if (msg.method === 'window/showDocument') {
        result = { success: true };
      }
      this.serverRequests.push(msg);
      this.send({ id: msg.id, result });
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

  diagnosticsFor(uri, since = 0, version) {
    return this.waitFor(
      (m) => m.method === 'textDocument/publishDiagnostics' && m.params.uri === uri && (version === undefined || m.params.version === version),
      30000,
      since,
    ).then((m) => m.params.diagnostics);
  }

  async initialize() {
    const res = await this.request('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities: { workspace: { configuration: true }, textDocument: { hover: { contentFormat: ['markdown'] } }, ...this.capabilities },
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
