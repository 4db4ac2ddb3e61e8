// The citeproc worker's lifecycle as the Output channel tells it: nothing is started because the
// index is ready (the engine costs about a second of CPU and 140 MB), the first hover on a
// citation starts it; a cancelled render still running after a moment stops its worker, and the
// next render is answered by a new one.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { TestClient, makeWorkspace } from './lspClient.mjs';
import { rssMb } from '../bench/measure.mjs';

const require = createRequire(import.meta.url);
const rpc = require('vscode-jsonrpc/node');

const COUNT = 3000;
const items = Array.from({ length: COUNT }, (_, i) => ({
  id: `paper${i}`,
  type: 'article-journal',
  title: `Symmetry number ${i} in learned representations`,
  author: [{ family: `Author${i}`, given: 'Ann' }],
  'container-title': 'Journal of Tests',
  issued: { 'date-parts': [[1950 + (i % 70)]] },
}));
const note = ['---', 'bibliography: refs.json', '---', 'As @paper1 shows [see @paper2].', ''].join('\n');

let dir;
let client;
let noteUri;
const logs = [];
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

before(async () => {
  dir = makeWorkspace({ 'notes/refs.json': JSON.stringify(items), 'notes/a.md': note });
  client = new TestClient(dir, { includeBundledCorpus: false });
  await client.start({ waitReady: false });
  client.connection.onNotification('window/logMessage', (message) => {
    logs.push(message.message);
    client.notify();
  });
  await client.waitFor(() => client.statuses.some((s) => s.state === 'ready' && s.abstractsIndexed), 'index ready', 60000);
  noteUri = await client.open(path.join(dir, 'notes', 'a.md'), note);
  await client.waitForDiagnostics(noteUri);
});
after(async () => {
  await client?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('no citeproc worker is started because the index is ready; the first hover on a citation starts it', { timeout: 120000 }, async () => {
  const readyRss = rssMb(client.child.pid);
  await sleep(3000); // the engine used to be built 1 s after indexing
  assert.deepEqual(logs.filter((m) => /citeproc/.test(m)), [], 'no citeproc work without a preview or a hover');
  const idleRss = rssMb(client.child.pid);
  const hover = await client.request('textDocument/hover', client.at(noteUri, 3, 5));
  assert.match(hover.contents.value, /Symmetry number 1 in learned representations/);
  await client.waitFor(() => logs.some((m) => /citeproc: starting its worker thread/.test(m)), 'the worker started by the hover', 30000);
  // The hover gains its reference line once the engine is built (a user hovers again).
  let value = '';
  for (let i = 0; i < 100 && !/---/.test(value); i++) {
    value = (await client.request('textDocument/hover', client.at(noteUri, 3, 5))).contents.value;
    if (!/---/.test(value)) await sleep(200);
  }
  assert.match(value, /Author1, A\. \(1951\)\. Symmetry number 1 in learned representations\./);
  if (process.platform === 'linux') console.log(`server RSS: ready ${readyRss.toFixed(0)} MB, 3 s later ${idleRss.toFixed(0)} MB, with the engine built ${rssMb(client.child.pid).toFixed(0)} MB`);
});

test('a cancelled render still running after a moment stops its worker; the next render is answered by a new one', { timeout: 180000 }, async () => {
  const clusters = items.map((item, i) => ({ items: [{ key: item.id, suffix: i % 2 ? 'p. 3' : undefined }], inText: i % 2 === 1 }));
  const source = new rpc.CancellationTokenSource();
  const cancelled = client.connection.sendRequest('litnotes/renderCitations', { uri: noteUri, clusters, nocite: ['*'] }, source.token);
  setTimeout(() => source.cancel(), 1500); // once the server has the request and the worker runs it
  await assert.rejects(cancelled, (error) => error.code === -32800);
  await client.waitFor(() => logs.some((m) => /citeproc: stopped a cancelled render job/.test(m)), 'the busy worker stopped', 10000);
  const small = await client.request('litnotes/renderCitations', { uri: noteUri, clusters: clusters.slice(0, 2), nocite: [] });
  assert.deepEqual(small.citations, ['(Author0, 1950)', 'Author1 (1951, p. 3)']);
  assert.equal(logs.filter((m) => /starting its worker thread/.test(m)).length, 2, 'one new worker');
});
