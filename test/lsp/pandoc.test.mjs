// Pandoc and Quarto over LSP: .qmd/.Rmd notes, cross-references, per-note bibliographies, rename.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TestClient, makeWorkspace, uriOf } from './lspClient.mjs';

const quartoNote = [
  '---',
  'title: A Quarto report',
  '---',
  'See @fig-plot and @tbl-results, [@sec-intro; @eq-energy], @thm-main and @fig:old-style.',
  'Removing symmetries helps [@limempirical] but [@nosuchpaper] is unknown.',
].join('\n');

let dir;
let client;
before(async () => {
  dir = makeWorkspace({ 'report.qmd': quartoNote, 'analysis.Rmd': 'An R Markdown note citing [@nosuchpaper2].\n' });
  client = await new TestClient(dir, {}).start();
});
after(async () => {
  await client?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('.qmd and .Rmd files on disk are notes with diagnostics; cross-references are not citations', async () => {
  const diagnostics = await client.waitForDiagnostics(uriOf(path.join(dir, 'report.qmd')));
  assert.deepEqual(
    diagnostics.map((d) => d.message),
    ['Unknown citation key "@nosuchpaper": no paper in the corpus has it.'],
  );
  const rmd = await client.waitForDiagnostics(uriOf(path.join(dir, 'analysis.Rmd')));
  assert.equal(rmd.length, 1);
  assert.match(rmd[0].message, /@nosuchpaper2/);
});

test('an open quarto document gets diagnostics, hover and no citation completion after @fig-', async () => {
  const uri = uriOf(path.join(dir, 'draft.qmd'));
  await client.connection.sendNotification('textDocument/didOpen', {
    textDocument: { uri, languageId: 'quarto', version: 1, text: 'Plot in @fig-x; cite [@limempirical] and [@unknownkey1].\n@fig-' },
  });
  const diagnostics = await client.waitForDiagnostics(uri);
  assert.deepEqual(diagnostics.map((d) => d.message), ['Unknown citation key "@unknownkey1": no paper in the corpus has it.']);
  const hover = await client.request('textDocument/hover', client.at(uri, 0, 25));
  assert.match(hover.contents.value, /Removing/i);
  assert.equal(await client.request('textDocument/hover', client.at(uri, 0, 10)), null);
  assert.equal(await client.request('textDocument/completion', client.at(uri, 1, 5)), null);
  const papers = await client.request('textDocument/completion', client.at(uri, 0, 28));
  assert.ok(papers.items.length > 0, 'citations still complete in a quarto note');
  await client.close(uri);
});
