// Warm start over LSP: the server writes its cache where the client says (the extension's
// storage) and a second start serves the same index from it; a truncated cache is rebuilt.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { TestClient, makeWorkspace, uriOf } from './lspClient.mjs';

const library = '@article{smith2020, title={Graph Networks for Chemistry}, author={Smith, Ann}, year={2020}, abstract={Molecules as graphs.}}\n';

async function waitForFile(file, timeoutMs = 30000) {
  for (let waited = 0; waited < timeoutMs; waited += 100) {
    if (fs.existsSync(file)) return;
    await sleep(100);
  }
  throw new Error(`${file} was not written`);
}

test('warm start: cache in the storage folder the client names; same index on restart; a truncated cache is rebuilt', async () => {
  const dir = makeWorkspace({ 'refs.bib': library, 'n.md': '[@smith2020] [@nosuch]\n' });
  const storage = fs.mkdtempSync(path.join(os.tmpdir(), 'litnotes-storage-'));
  const cacheFile = path.join(storage, 'corpus.cache');
  const start = () => new TestClient(dir, { corpus: ['refs.bib'] }, { initializationOptions: { storagePath: storage } }).start();
  try {
    const cold = await start();
    await waitForFile(cacheFile);
    assert.ok(fs.statSync(path.join(storage, 'corpus-packed.cache')).size > 0, 'the packed corpus the next start reads is written first');
    assert.ok(fs.statSync(path.join(storage, 'corpus-abstract-index.cache')).size > 0, 'and its abstract words, read after "ready"');
    // A warm start may be ready with abstract words already searchable (they come from the cache).
    const readyOf = (client) => {
      const { abstractsIndexed, ...ready } = client.statuses.find((s) => s.state === 'ready');
      return { ...ready, abstractsIndexedLater: abstractsIndexed || client.statuses.some((s) => s.abstractsIndexed) || 'not yet' };
    };
    const coldReady = readyOf(cold);
    await cold.stop();

    const packedFile = path.join(storage, 'corpus-packed.cache');
    fs.writeFileSync(cacheFile, fs.readFileSync(cacheFile).subarray(0, 100)); // cut short
    fs.writeFileSync(packedFile, fs.readFileSync(packedFile).subarray(0, 100));
    const afterTruncation = await start();
    await afterTruncation.waitFor(() => afterTruncation.statuses.some((s) => s.state === 'ready' && s.abstractsIndexed), 'abstracts'); // the first status (0 papers, loading) says abstractsIndexed too
    assert.deepEqual(readyOf(afterTruncation), coldReady);
    const hover = await afterTruncation.request('textDocument/hover', afterTruncation.at(uriOf(path.join(dir, 'n.md')), 0, 4));
    assert.match(hover.contents.value, /Graph Networks for Chemistry/);
    for (let i = 0; i < 300 && fs.statSync(cacheFile).size <= 100; i++) await sleep(100);
    assert.ok(fs.statSync(cacheFile).size > 100, 'a good cache replaces the truncated one');
    assert.ok(fs.statSync(packedFile).size > 100, 'and a good packed corpus');
    await afterTruncation.stop();

    const warm = await start();
    await warm.waitFor(() => warm.statuses.some((s) => s.state === 'ready'), 'ready');
    assert.deepEqual(readyOf(warm), coldReady);
    // Abstract words follow "ready" from their own file.
    await warm.waitFor(() => warm.statuses.some((s) => s.state === 'ready' && s.abstractsIndexed), 'abstract words after ready');
    const found = await warm.request('litnotes/search', { query: 'molecules' });
    assert.ok(found.some((p) => p.key === 'smith2020'), 'an abstract word finds its paper after a warm start');
    const diagnostics = await warm.waitForDiagnostics(uriOf(path.join(dir, 'n.md')));
    assert.deepEqual(diagnostics.map((d) => d.data.key), ['nosuch']);
    // The abstract texts follow "ready" from their own file: a paper's whole card (the card
    // document, a new note) waits for them; a hover shows them a moment later.
    const details = await warm.request('litnotes/paper', { key: 'smith2020' });
    assert.equal(details.paper.abstract, 'Molecules as graphs.');
    let card = '';
    for (let i = 0; i < 50 && !/Molecules as graphs/.test(card); i++, await sleep(100)) {
      card = (await warm.request('textDocument/hover', warm.at(uriOf(path.join(dir, 'n.md')), 0, 4))).contents.value;
    }
    assert.match(card, /Molecules as graphs\./);
    await warm.stop();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(storage, { recursive: true, force: true });
  }
});
