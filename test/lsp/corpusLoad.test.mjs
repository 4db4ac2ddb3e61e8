// The corpus loads off the request path: while 20,000 papers are read, parsed and merged (on the
// server's corpus worker), the notes' requests are answered from what is indexed so far instead
// of waiting for the load.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TestClient, makeWorkspace } from './lspClient.mjs';
import { listingLine } from '../bench/generate.mjs';

test('requests are answered while a large corpus loads, and the load then completes', async () => {
  const dir = makeWorkspace({ 'n.md': '# Reading list\n\nSee [@nosuch2020].\n' });
  fs.writeFileSync(path.join(dir, 'corpus.txt'), Array.from({ length: 20000 }, () => listingLine()).join('\n'));
  const client = new TestClient(dir, { corpus: ['corpus.txt'], includeBundledCorpus: false });
  const started = performance.now();
  await client.start({ waitReady: false });
  try {
    const uri = await client.open(path.join(dir, 'n.md'), '# Reading list\n\nSee [@nosuch2020].\n');
    const loaded = () => client.statuses.some((s) => s.state === 'ready' && s.papers > 0);
    const latencies = [];
    while (!loaded()) {
      const sent = performance.now();
      // A hover on the citation: answered (with nothing yet, or the paper once loaded) at once.
      await client.request('textDocument/hover', client.at(uri, 2, 7));
      if (!loaded()) latencies.push(performance.now() - sent);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const loadMs = performance.now() - started;
    const ready = client.statuses.find((s) => s.state === 'ready' && s.papers > 0);
    assert.ok(ready.papers >= 19800, `the corpus loaded (${ready.papers} papers)`);
    assert.ok(latencies.length >= 3, `requests were sent while the corpus loaded (${latencies.length} in ${loadMs.toFixed(0)} ms)`);
    // Before the corpus worker, one request waited for the whole parse: most of the load.
    const slowest = Math.max(...latencies);
    assert.ok(slowest < Math.max(250, loadMs / 4), `no request waited for the load: slowest ${slowest.toFixed(0)} ms of a ${loadMs.toFixed(0)} ms load`);
  } finally {
    await client.stop();
  }
});
