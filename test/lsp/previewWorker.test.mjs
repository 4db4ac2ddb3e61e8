// citeproc-js never holds the server: the preview's render runs in a worker thread, so a
// completion or hover sent while a long render is in flight is answered at once (the hover
// without its reference line until the worker is free), and a render can be cancelled.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { TestClient, makeWorkspace, uriOf } from './lspClient.mjs';

const require = createRequire(import.meta.url);
const rpc = require('vscode-jsonrpc/node');

// Long enough that the render (engine build included) outlasts the ten requests below: since the
// per-citation rendering (issue 16) 400 citations take well under a second.
const COUNT = 3000;
const items = Array.from({ length: COUNT }, (_, i) => ({
  id: `paper${i}`,
  type: 'article-journal',
  title: `Symmetry number ${i} in learned representations`,
  author: [{ family: `Author${i}`, given: 'Ann' }, { family: 'Other', given: 'Bo' }],
  'container-title': 'Journal of Tests',
  volume: String(i),
  page: `${i}-${i + 9}`,
  issued: { 'date-parts': [[1950 + (i % 70)]] },
}));
const note = ['---', 'bibliography: refs.json', '---', 'As @paper1 [p. 3] shows [see @paper2].', ''].join('\n');
const clusters = items.map((item, i) => ({ items: [{ key: item.id, suffix: i % 2 ? 'p. 3' : undefined }], inText: i % 2 === 1 }));

let dir;
let client;
let noteUri;
before(async () => {
  dir = makeWorkspace({ 'notes/refs.json': JSON.stringify(items), 'notes/long.md': note });
  client = await new TestClient(dir, { includeBundledCorpus: false }).start();
  noteUri = await client.open(path.join(dir, 'notes', 'long.md'), note);
  await client.waitForDiagnostics(noteUri);
});
after(async () => {
  await client?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('a completion and a hover sent while a long render is in flight answer at once', { timeout: 180000 }, async () => {
  let rendered;
  const render = client.request('litnotes/renderCitations', { uri: noteUri, clusters, nocite: [] }).then((r) => (rendered = r));
  const times = [];
  let hoverDuringRender;
  for (let i = 0; i < 5; i++) {
    const draft = `---\nbibliography: refs.json\n---\nText [@paper${10 + i}`;
    const draftUri = uriOf(path.join(dir, 'notes', `draft${i}.md`));
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: draftUri, languageId: 'markdown', version: 1, text: draft } });
    let t = performance.now();
    const completion = await client.request('textDocument/completion', client.at(draftUri, 3, draft.split('\n')[3].length));
    times.push(performance.now() - t);
    assert.ok(completion.items.some((item) => item.label === `paper${10 + i}`));
    t = performance.now();
    const hover = await client.request('textDocument/hover', client.at(noteUri, 3, 5));
    times.push(performance.now() - t);
    assert.match(hover.contents.value, /Symmetry number 1 in learned representations/);
    hoverDuringRender ??= hover.contents.value;
  }
  assert.equal(rendered, undefined, 'the requests above were answered while the render was still running');
  console.log(`completion/hover ms while rendering ${COUNT} citations: ${times.map((t) => t.toFixed(0)).join(', ')}`);
  // The render (engine build included) takes seconds and was still running after all of them (the
  // assertion above): none waited for it. The bound only catches a stall on a machine that is
  // shared and loaded (a completion alone has taken 700 ms there).
  assert.ok(Math.max(...times) < 3000, `no request waited for the render (${times.map((t) => t.toFixed(0)).join(', ')} ms)`);
  assert.doesNotMatch(hoverDuringRender, /Author1, A\., & Other/, 'no reference line while the worker is busy');

  await render;
  assert.equal(rendered.citations.length, COUNT);
  assert.equal(rendered.citations[1], 'Author1 and Other (1951, p. 3)'.replace(' and ', ' &#38; '));
  assert.equal(rendered.bibliography.length, COUNT);
  // Once the worker is free the hover gains the reference (asked again, as a user would hover again).
  let value = '';
  for (let i = 0; i < 50 && !/---/.test(value); i++) {
    value = (await client.request('textDocument/hover', client.at(noteUri, 3, 5))).contents.value;
    if (!/---/.test(value)) await new Promise((r) => setTimeout(r, 100));
  }
  assert.match(value, /---\s+Author1, A\., &amp; Other, B\. \(1951\)\. Symmetry number 1 in learned representations\. Journal of Tests, 1, 1–10\./);
});

test('a cancelled render is answered as cancelled at once; the next render still works', { timeout: 180000 }, async () => {
  const source = new rpc.CancellationTokenSource();
  const started = performance.now();
  const cancelled = client.connection.sendRequest('litnotes/renderCitations', { uri: noteUri, clusters, nocite: ['*'] }, source.token);
  setTimeout(() => source.cancel(), 50);
  await assert.rejects(cancelled, (error) => error.code === -32800);
  const ms = performance.now() - started;
  assert.ok(ms < 2000, `cancelled after ${ms.toFixed(0)} ms`);
  const small = await client.request('litnotes/renderCitations', { uri: noteUri, clusters: clusters.slice(0, 2), nocite: [] });
  assert.deepEqual(small.citations, ['(Author0 &#38; Other, 1950)', 'Author1 &#38; Other (1951, p. 3)']);
});
