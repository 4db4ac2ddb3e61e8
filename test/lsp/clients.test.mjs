// Any LSP client, not only VS Code: the capabilities a client lacks must not cost it the index.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { serverPath } from '../helpers.mjs';
import { TestClient, makeWorkspace, uriOf } from './lspClient.mjs';

const rpc = createRequire(import.meta.url)('vscode-jsonrpc/node');
const BUNDLED = 38;
const UINTEGER_MAX = 2 ** 31 - 1;
const badLine = 'this line is not a listing line';
const files = {
  'notes/über note.md': 'Cites [@limempirical] and [@mine2021] and [@nosuchkey].\n',
  'refs/mine.txt': `- Mine Only Paper We study things in my own corpus file. 1 authors · Mar 3, 2021\n${badLine}\n`,
};

async function withClient(shape, settings, run) {
  const dir = makeWorkspace(files);
  const client = new TestClient(shape === 'minimal' ? undefined : dir, settings, { shape });
  try {
    await client.start();
    await run(client, dir);
  } finally {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const readyWith = (client, papers) => client.waitFor(() => client.statuses.some((s) => s.state === 'ready' && s.papers === papers), `ready with ${papers} papers`);

async function checkNoteAndCorpus(client, dir) {
  const note = client.uriOf(path.join(dir, 'notes/über note.md'));
  // Indexed from disk: diagnostics are there before the editor opens the note.
  const fromDisk = await client.waitForDiagnostics(uriOf(path.join(dir, 'notes/über note.md')));
  assert.deepEqual(fromDisk.map((d) => d.data.key), ['nosuchkey']);
  await client.open(path.join(dir, 'notes/über note.md'), files['notes/über note.md']);
  const hover = await client.request('textDocument/hover', client.at(note, 0, 30));
  assert.match(hover.contents.value, /Mine Only Paper/);
  const corpusDiagnostics = await client.waitForDiagnostics(uriOf(path.join(dir, 'refs/mine.txt')));
  assert.equal(corpusDiagnostics.length, 1);
  assert.deepEqual(corpusDiagnostics[0].range, { start: { line: 1, character: 0 }, end: { line: 1, character: badLine.length } });
}

test('client shape VS Code: workspace folders, pulled settings, progress, file watching', async () => {
  await withClient('vscode', { corpus: ['refs/mine.txt'] }, async (client, dir) => {
    await readyWith(client, BUNDLED + 1);
    assert.ok(client.progress.some((p) => p.kind === 'begin'));
    assert.ok(client.watchers.length > 0);
    await checkNoteAndCorpus(client, dir);
  });
});

test('client shape Neovim: rootUri only, settings pushed by didChangeConfiguration, no progress, lowercase hex', async () => {
  await withClient('neovim', { corpus: ['refs/mine.txt'] }, async (client, dir) => {
    await readyWith(client, BUNDLED + 1);
    assert.equal(client.progress.length, 0, 'no workDoneProgress without the capability');
    assert.equal(client.watchers.length, 0, 'no registration without dynamicRegistration');
    await checkNoteAndCorpus(client, dir);
    for (const diagnostics of client.diagnostics.values()) {
      for (const d of diagnostics) assert.ok(d.range.end.character <= UINTEGER_MAX && d.range.start.character <= UINTEGER_MAX);
    }
  });
});

test('client shape rootPath only: the folder and the bundled corpus are indexed', async () => {
  await withClient('rootPath', {}, async (client) => {
    await readyWith(client, BUNDLED);
    assert.equal(client.statuses.at(-1).notes, 1);
  });
});

test('client shape minimal: no root and no capabilities, the bundled corpus still loads', async () => {
  await withClient('minimal', {}, async (client) => {
    await readyWith(client, BUNDLED);
    const hits = await client.request('litnotes/search', { query: 'jellyfish' });
    assert.match(hits[0].title, /^How Jellyfish Characterise/);
  });
});

test('a request before initialize is answered with ServerNotInitialized (-32002)', async () => {
  const child = spawn(process.execPath, [serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'], env: { ...process.env, XDG_CACHE_HOME: os.tmpdir() + '/litnotes-test-no-cache' } });
  const connection = rpc.createMessageConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
  connection.listen();
  try {
    for (const method of ['textDocument/hover', 'litnotes/status', 'workspace/symbol']) {
      await assert.rejects(connection.sendRequest(method, { textDocument: { uri: 'file:///x.md' }, position: { line: 0, character: 0 }, query: '' }), (e) => e.code === -32002, method);
    }
  } finally {
    connection.dispose();
    child.kill();
  }
});
