// The status bar's "Literature Notes: indexing" must end: every progress the server begins, it ends,
// also when rebuilds overlap (settings changed twice while the corpus still loads).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { TestClient, makeWorkspace } from './lspClient.mjs';

test('overlapping rebuilds: every indexing progress that begins also ends, before "ready"', async () => {
  const dir = makeWorkspace({ 'notes/a.md': 'See [@limempirical].\n' });
  const client = new TestClient(dir, {});
  try {
    await client.start();
    const before = client.statuses.length;
    for (let i = 0; i < 4; i++) client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    const unended = () => [...client.progressByToken].filter(([, kinds]) => kinds.includes('begin') && !kinds.includes('end'));
    // "ready" again after the later rebuilds began: the first one's own late status (abstracts
    // indexed, also "ready") comes after start() and must not end the wait.
    const readyAgain = () => {
      const later = client.statuses.slice(before);
      const began = later.findIndex((s) => s.state === 'indexing');
      return began >= 0 && later.slice(began).some((s) => s.state === 'ready');
    };
    await client.waitFor(() => readyAgain() && unended().length === 0, 'every begun progress to end', 10000).catch((error) => {
      throw new Error(`${error.message.split('\n')[0]}: ${JSON.stringify(unended())}`);
    });
    assert.ok(client.progressByToken.size >= 2, 'the start and the later rebuilds showed progress');
    // Nothing begins again after the last "ready": the status bar is quiet.
    const last = client.statuses.at(-1);
    assert.equal(last.state, 'ready');
    assert.deepEqual(unended(), []);
  } finally {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
