// A language client for tests: starts `node dist/server.js --stdio` and talks JSON-RPC to it
// the way VS Code does, including answering the server's own requests.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { serverPath } from '../helpers.mjs';

const require = createRequire(import.meta.url);
const rpc = require('vscode-jsonrpc/node');

export const uriOf = (file) => pathToFileURL(file).toString();

/** A temporary workspace folder with the given files ({ 'notes/a.md': '...' }). */
export function makeWorkspace(files) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'litnotes-ws-'));
  for (const [name, text] of Object.entries(files)) writeFile(dir, name, text);
  return dir;
}

export function writeFile(dir, name, text) {
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

export class TestClient {
  /**
   * folder: one path, several for a multi-root workspace, or none.
   * shape: which client to imitate: 'vscode' (every capability, workspace folders, pulled
   * settings), 'neovim' (rootUri only, no workspace/configuration: settings pushed with
   * didChangeConfiguration, no file watching, lowercase hex in URIs), 'rootPath' (only the
   * deprecated rootPath) or 'minimal' (no root, no capabilities at all).
   * itemDefaults: the VS Code shape also takes a completion list's edit range and data once for
   * the whole list (LSP 3.17 `completionList.itemDefaults`, as VS Code's own client does).
   */
  constructor(folder, settings = {}, { shape = 'vscode', cacheHome, initializationOptions, itemDefaults = false } = {}) {
    this.shape = shape;
    this.itemDefaults = itemDefaults;
    this.initializationOptions = initializationOptions;
    // The warm-start cache goes to $XDG_CACHE_HOME/litnotes: a fresh folder unless a test shares one.
    this.ownCacheHome = !cacheHome;
    this.cacheHome = cacheHome ?? fs.mkdtempSync(path.join(os.tmpdir(), 'litnotes-cache-'));
    this.folders = folder === undefined ? [] : Array.isArray(folder) ? folder : [folder];
    this.folder = this.folders[0];
    this.settings = settings;
    this.diagnostics = new Map();
    this.statuses = [];
    this.progress = [];
    /** Every work-done progress token the server created, with the kinds it reported, in order. */
    this.progressByToken = new Map();
    this.watchers = [];
    this.versions = new Map();
    this.waiters = [];
  }

  /** Starts the server; resolves once the index is ready, or once initialized with { waitReady: false }. */
  async start({ waitReady = true } = {}) {
    // LITNOTES_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the server (Node refuses these in NODE_OPTIONS).
    const nodeArgs = (process.env.LITNOTES_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
    this.child = spawn(process.execPath, [...nodeArgs, serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, XDG_CACHE_HOME: this.cacheHome } });
    this.stderr = '';
    this.child.stderr.on('data', (d) => (this.stderr += d));
    this.connection = rpc.createMessageConnection(new rpc.StreamMessageReader(this.child.stdout), new rpc.StreamMessageWriter(this.child.stdin));
    this.connection.onNotification('textDocument/publishDiagnostics', (p) => {
      this.diagnostics.set(p.uri, p.diagnostics);
      this.notify();
    });
    this.connection.onNotification('litnotes/status', (s) => {
      this.statuses.push(s);
      this.notify();
    });
    this.connection.onNotification('$/progress', (p) => {
      this.progress.push(p.value);
      this.progressByToken.get(p.token)?.push(p.value.kind);
      this.notify();
    });
    this.connection.onRequest('window/workDoneProgress/create', (p) => {
      this.progressByToken.set(p.token, []);
      return null;
    });
    this.connection.onRequest('workspace/configuration', (p) => p.items.map(() => this.settings));
    this.connection.onRequest('client/registerCapability', (p) => {
      for (const r of p.registrations) if (r.method === 'workspace/didChangeWatchedFiles') this.watchers.push(...r.registerOptions.watchers);
      return null;
    });
    this.connection.onNotification('window/logMessage', () => {});
    this.connection.listen();
    this.initializeResult = await this.connection.sendRequest('initialize', this.initializeParams());
    await this.connection.sendNotification('initialized', {});
    if (this.shape === 'neovim') {
      await this.connection.sendNotification('workspace/didChangeConfiguration', { settings: { litnotes: this.settings } });
    }
    if (waitReady) await this.waitFor(() => this.statuses.some((s) => s.state === 'ready'), 'index ready');
    return this;
  }

  initializeParams() {
    const base = { processId: process.pid, clientInfo: { name: this.shape } };
    if (this.shape === 'minimal') return { ...base, rootUri: null, capabilities: {} };
    if (this.shape === 'rootPath') return { ...base, rootPath: this.folder, capabilities: { textDocument: { hover: { contentFormat: ['markdown'] } } } };
    if (this.shape === 'neovim') {
      return {
        ...base,
        rootUri: uriOf(this.folder),
        rootPath: this.folder,
        workspaceFolders: null,
        capabilities: {
          workspace: { applyEdit: true, symbol: { dynamicRegistration: false } },
          window: { workDoneProgress: false },
          textDocument: { hover: { contentFormat: ['markdown', 'plaintext'] }, publishDiagnostics: { relatedInformation: true } },
        },
      };
    }
    return {
      ...base,
      initializationOptions: this.initializationOptions,
      rootUri: uriOf(this.folder),
      workspaceFolders: this.folders.map((f) => ({ uri: uriOf(f), name: path.basename(f) })),
      capabilities: {
        workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true }, workspaceFolders: true },
        window: { workDoneProgress: true },
        textDocument: {
          completion: {
            completionItem: { snippetSupport: true, labelDetailsSupport: true },
            ...(this.itemDefaults ? { completionList: { itemDefaults: ['commitCharacters', 'editRange', 'insertTextFormat', 'insertTextMode', 'data'] } } : {}),
          },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          publishDiagnostics: { relatedInformation: true },
        },
      },
    };
  }

  /** Resolves when check() holds, re-checked at every message from the server; fails after a time. */
  waitFor(check, what, timeoutMs = Number(process.env.LITNOTES_TEST_TIMEOUT_MS ?? 15000)) {
    if (check()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}\n${this.stderr}`)), timeoutMs);
      this.waiters.push({ check, resolve: () => (clearTimeout(timer), resolve()) });
    });
  }

  notify() {
    this.waiters = this.waiters.filter((w) => (w.check() ? (w.resolve(), false) : true));
  }

  /** Waits for the next diagnostics of a URI that satisfy a check. */
  waitForDiagnostics(uri, check = () => true) {
    return this.waitFor(() => this.diagnostics.has(uri) && check(this.diagnostics.get(uri)), `diagnostics of ${uri}`).then(() => this.diagnostics.get(uri));
  }

  /** A file's URI as this client spells it (Neovim writes percent-encoding in lowercase). */
  uriOf(file) {
    return this.shape === 'neovim' ? uriOf(file).replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase()) : uriOf(file);
  }

  open(file, text) {
    const uri = this.uriOf(file);
    this.versions.set(uri, 1);
    this.diagnostics.delete(uri);
    return this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version: 1, text } }).then(() => uri);
  }

  change(uri, text) {
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    this.diagnostics.delete(uri);
    return this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  close(uri) {
    return this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  filesChanged(changes) {
    return this.connection.sendNotification('workspace/didChangeWatchedFiles', { changes });
  }

  request(method, params) {
    return this.connection.sendRequest(method, params);
  }

  at(uri, line, character) {
    return { textDocument: { uri }, position: { line, character } };
  }

  async stop() {
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((r) => setTimeout(r, 2000))]);
      this.connection.sendNotification('exit');
    } catch {
      // The server may already be gone.
    }
    this.connection.dispose();
    const exited = new Promise((r) => this.child.once('exit', r));
    setTimeout(() => this.child.kill('SIGKILL'), 2000).unref();
    await exited;
    if (this.ownCacheHome) fs.rmSync(this.cacheHome, { recursive: true, force: true });
  }
}
