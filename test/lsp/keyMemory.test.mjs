// Key memory across restarts (issue 11): a note cites a generated key that only this session's
// memory keeps (two papers competed for the base key, and the paper then merged with a .bib
// entry). After a restart the key still resolves: from the warm-start cache, and on a machine
// without that cache from the workspace's .litnotes/keys.json ("Save Citation Key Memory").
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { TestClient, makeWorkspace, uriOf, writeFile } from './lspClient.mjs';

const listing =
  '- Literate Programming Methods We study programs written for people to read. 1 authors · May 1, 1984\n' +
  '- Literate Programming Tools We build tools that weave and tangle programs. 1 authors · May 1, 1984\n';
const bib = '@article{knuth84tools,\n  author = {Knuth, Donald E.},\n  title = {Literate Programming Tools},\n  year = 1984\n}\n';
// "Methods" comes first in content order and takes literate1984programming; "Tools" takes more words.
const CITED = 'literate1984programmingtools';
const BOTH = { corpus: ['refs/list.txt', 'refs/lib.bib'], includeBundledCorpus: false };

const warnings = (diagnostics) => diagnostics.filter((d) => d.severity <= 2).map((d) => d.data?.key ?? d.message);

async function newerFile(file, than, timeoutMs = 30000) {
  for (let waited = 0; waited < timeoutMs; waited += 100) {
    if (fs.existsSync(file) && fs.statSync(file).mtimeMs > than) return;
    await sleep(100);
  }
  throw new Error(`${file} was not written`);
}

test('a cited generated key keeps resolving after a restart, from the cache and from .litnotes/keys.json', async () => {
  const dir = makeWorkspace({ 'refs/list.txt': listing, 'notes/a.md': `# A\n\nTools [@${CITED}] and [@nosuchkey].\n` });
  const storage = fs.mkdtempSync(path.join(os.tmpdir(), 'litnotes-storage-'));
  const cacheFile = path.join(storage, 'corpus.cache');
  const note = uriOf(path.join(dir, 'notes/a.md'));
  const clients = [];
  const start = async (settings, storagePath) => {
    const client = await new TestClient(dir, settings, { initializationOptions: { storagePath } }).start();
    clients.push(client);
    return client;
  };
  const stop = (client) => {
    clients.splice(clients.indexOf(client), 1);
    return client.stop();
  };
  try {
    const first = await start({ corpus: ['refs/list.txt'], includeBundledCorpus: false }, storage);
    assert.deepEqual(warnings(await first.waitForDiagnostics(note)), ['nosuchkey']);
    // The .bib with the same paper joins the corpus during the session: the key stays, as an alias.
    writeFile(dir, 'refs/lib.bib', bib);
    first.settings = BOTH;
    const rebuiltAt = Date.now();
    first.diagnostics.delete(note);
    await first.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await first.waitFor(() => first.statuses.some((s) => s.state === 'ready' && s.papers === 2) && first.diagnostics.has(note), 'rebuild with the .bib');
    assert.deepEqual(warnings(first.diagnostics.get(note)), ['nosuchkey']);
    assert.equal((await first.request('litnotes/paper', { key: CITED })).paper.key, 'knuth84tools');
    const keyFile = await first.request('litnotes/keyMemoryFile');
    await newerFile(cacheFile, rebuiltAt);
    await stop(first);

    // Restart with the cache: the key resolves to the same paper, no diagnostic.
    const warm = await start(BOTH, storage);
    assert.deepEqual(warnings(await warm.waitForDiagnostics(note)), ['nosuchkey']);
    assert.equal((await warm.request('litnotes/paper', { key: CITED })).paper.key, 'knuth84tools');
    await stop(warm);

    // Another machine (no cache) and no key file: the key is lost. This is what the memory is for.
    const bareStorage = fs.mkdtempSync(path.join(os.tmpdir(), 'litnotes-storage-'));
    const bare = await start(BOTH, bareStorage);
    assert.deepEqual(warnings(await bare.waitForDiagnostics(note)).sort(), [CITED, 'nosuchkey'].sort());
    await newerFile(path.join(bareStorage, 'corpus-packed.cache'), 0);
    await stop(bare);

    // The key file "Save Citation Key Memory" writes: readable, the paper's key first.
    assert.equal(keyFile.uri, uriOf(path.join(dir, '.litnotes', 'keys.json')));
    assert.equal(keyFile.keys, 2);
    assert.deepEqual(JSON.parse(keyFile.text).papers, [{ keys: ['knuth84tools', CITED], copies: ['literate programming tools|knuth|1984', 'literate programming tools||1984'] }]);
    writeFile(dir, '.litnotes/keys.json', keyFile.text);
    // Started over that machine's cache, written before the key file came (a pull): the key file counts.
    const withFile = await start(BOTH, bareStorage);
    assert.deepEqual(warnings(await withFile.waitForDiagnostics(note)), ['nosuchkey']);
    const paper = await withFile.request('litnotes/paper', { key: CITED });
    assert.equal(paper.paper.key, 'knuth84tools', 'the same paper as before the restart');
    assert.equal(paper.citedIn.length, 1);
    await stop(withFile);

    // A broken key file is a problem on that file; the rest loads.
    writeFile(dir, '.litnotes/keys.json', '{ "papers": [ { "keys": 3 } ] }');
    const broken = await start(BOTH, fs.mkdtempSync(path.join(os.tmpdir(), 'litnotes-storage-')));
    const problems = await broken.waitForDiagnostics(uriOf(path.join(dir, '.litnotes', 'keys.json')));
    assert.match(problems[0].message, /paper 1 needs "keys" and "copies"/);
    assert.equal(broken.statuses.at(-1).papers, 2);
  } finally {
    for (const client of [...clients]) await stop(client).catch(() => {});
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(storage, { recursive: true, force: true });
  }
});
