// A multi-root workspace: notes in every folder, a corpus file found in whichever folder has it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TestClient, makeWorkspace, uriOf } from './lspClient.mjs';

let first;
let second;
let client;
before(async () => {
  first = makeWorkspace({ 'a.md': 'First folder cites [@limempirical] and [@second2021].\n' });
  second = makeWorkspace({
    'notes/b.md': 'Second folder cites [@limempirical].\n',
    'refs/mine.txt': '- Second Only Paper We study things found in the second folder. 1 authors · Mar 3, 2021\n',
  });
  client = await new TestClient([first, second], { corpus: ['refs/mine.txt'] }).start();
});
after(async () => {
  await client?.stop();
  for (const dir of [first, second]) fs.rmSync(dir, { recursive: true, force: true });
});

test('multi-root: notes of every folder are indexed; references cross folders', async () => {
  const a = uriOf(path.join(first, 'a.md'));
  const b = uriOf(path.join(second, 'notes/b.md'));
  assert.equal(client.statuses.find((s) => s.state === 'ready').notes, 2);
  assert.deepEqual(await client.waitForDiagnostics(a), [], 'a key from a corpus file of the other folder resolves');
  const refs = await client.request('textDocument/references', { ...client.at(a, 0, 22), context: { includeDeclaration: false } });
  assert.deepEqual(refs.map((r) => r.uri).sort(), [a, b].sort());
  const definition = await client.request('textDocument/definition', client.at(a, 0, 43));
  assert.equal(definition.uri, uriOf(path.join(second, 'refs/mine.txt')));
});

test('multi-root: a folder added later is indexed, a folder removed leaves the index', async () => {
  const third = makeWorkspace({ 'c.md': 'Third [@faenet2023].\n' });
  try {
    await client.connection.sendNotification('workspace/didChangeWorkspaceFolders', {
      event: { added: [{ uri: uriOf(third), name: 'third' }], removed: [{ uri: uriOf(first), name: path.basename(first) }] },
    });
    const before = client.statuses.length;
    // The re-index this change starts: "indexing", then "ready" (a status of earlier work may come first).
    const reindexed = () => {
      const after = client.statuses.slice(before);
      const start = after.findIndex((s) => s.state === 'indexing');
      return start >= 0 && after.slice(start).some((s) => s.state === 'ready' && s.notes === 2);
    };
    await client.waitFor(reindexed, 'reindex');
    const symbols = await client.request('workspace/symbol', { query: 'c' });
    assert.ok(symbols.some((s) => s.location.uri === uriOf(path.join(third, 'c.md'))));
    assert.ok(!symbols.some((s) => s.location.uri === uriOf(path.join(first, 'a.md'))));
  } finally {
    fs.rmSync(third, { recursive: true, force: true });
  }
});
