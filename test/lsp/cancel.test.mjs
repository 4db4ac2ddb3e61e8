// $/cancelRequest: a long request cancelled at once answers RequestCancelled (-32800), and the
// server keeps answering. Request and cancellation go out in one write, so the server has both
// before it starts (the way a busy server sees them): the outcome does not depend on timing.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { serverPath } from '../helpers.mjs';
import { makeWorkspace, uriOf } from './lspClient.mjs';

/** A bare JSON-RPC client over the server's stdio, so that several messages can share one write. */
class RawClient {
  constructor(folder) {
    this.child = spawn(process.execPath, [serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'], env: { ...process.env, XDG_CACHE_HOME: os.tmpdir() + '/litnotes-test-no-cache' } });
    this.buffer = Buffer.alloc(0);
    this.waiters = [];
    this.messages = [];
    this.child.stdout.on('data', (chunk) => this.read(chunk));
    this.folder = folder;
  }
  read(chunk) {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString())[1]);
      if (this.buffer.length < headerEnd + 4 + length) return;
      const message = JSON.parse(this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString());
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      if (message.method && message.id !== undefined) this.send([{ jsonrpc: '2.0', id: message.id, result: null }]);
      this.messages.push(message);
      this.waiters = this.waiters.filter((w) => (w.check(message) ? (w.resolve(message), false) : true));
    }
  }
  send(messages) {
    this.child.stdin.write(Buffer.concat(messages.map((m) => {
      const body = Buffer.from(JSON.stringify(m));
      return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`), body]);
    })));
  }
  next(check) {
    const seen = this.messages.find(check);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('timed out')), 15000);
      this.waiters.push({ check, resolve: (m) => (clearTimeout(timer), resolve(m)) });
    });
  }
  async start() {
    this.send([{ jsonrpc: '2.0', id: 0, method: 'initialize', params: { processId: null, rootUri: uriOf(this.folder), capabilities: {} } }]);
    await this.next((m) => m.id === 0);
    this.send([{ jsonrpc: '2.0', method: 'initialized', params: {} }]);
    await this.next((m) => m.method === 'litnotes/status' && m.params.state === 'ready');
  }
  stop() {
    this.child.kill();
  }
}

let dir;
let client;
let id = 100;
before(async () => {
  dir = makeWorkspace({ 'a.md': 'Cites [@limempirical].\n' });
  client = new RawClient(dir);
  await client.start();
});
after(() => {
  client?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const noteAt = () => ({ textDocument: { uri: uriOf(path.join(dir, 'a.md')) }, position: { line: 0, character: 10 } });
for (const [method, params] of [
  ['litnotes/graph', () => ({})],
  ['litnotes/topicTree', () => ({})],
  ['litnotes/topics', () => ({})],
  ['litnotes/related', () => ({ key: 'limempirical' })],
  ['litnotes/search', () => ({ query: 'symmetry' })],
  ['workspace/symbol', () => ({ query: '' })],
  ['textDocument/references', () => ({ ...noteAt(), context: { includeDeclaration: true } })],
]) {
  test(`cancel: ${method} cancelled at once answers RequestCancelled`, async () => {
    const request = ++id;
    client.send([
      { jsonrpc: '2.0', id: request, method, params: params() },
      { jsonrpc: '2.0', method: '$/cancelRequest', params: { id: request } },
    ]);
    const answer = await client.next((m) => m.id === request);
    assert.equal(answer.error?.code, -32800, JSON.stringify(answer).slice(0, 200));
    // Not cancelled, the same request is answered.
    const again = ++id;
    client.send([{ jsonrpc: '2.0', id: again, method, params: params() }]);
    assert.ok((await client.next((m) => m.id === again)).result !== undefined);
  });
}
