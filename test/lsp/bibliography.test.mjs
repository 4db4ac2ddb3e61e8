// A user's own bibliography (BibTeX and CSL-JSON) through the language server.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TestClient, makeWorkspace, uriOf } from './lspClient.mjs';
import { topicRoots } from './topicRoots.mjs';

const bib = `% exported by Better BibTeX
@article{hopfield1982neural,
  author = {Hopfield, John J.},
  title = {Neural Networks and Physical Systems with Emergent Collective Computational Abilities},
  journal = {PNAS},
  year = {1982},
  keywords = {associative memory, spin glass},
  abstract = {Computational properties of use to biological organisms arise as collective properties.}
}
`;
const csl = JSON.stringify([{ id: 'turing1950', type: 'article-journal', title: 'Computing Machinery and Intelligence', author: [{ family: 'Turing', given: 'Alan' }], issued: { 'date-parts': [[1950, 10]] }, abstract: 'I propose to consider the question, can machines think?' }], null, 2);

let dir;
let client;
before(async () => {
  dir = makeWorkspace({ 'refs/library.bib': bib, 'refs/library.json': csl, 'notes/n.md': 'Memory [@hopfield1982neural] and [@turing1950].\n' });
  client = await new TestClient(dir, { corpus: ['refs/*.bib', 'refs/library.json'] }).start();
});
after(async () => {
  await client?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('bibliography keys complete, hover, resolve and jump to their entry line', async () => {
  const note = uriOf(path.join(dir, 'notes/n.md'));
  assert.deepEqual(await client.waitForDiagnostics(note), []);
  const uri = await client.open(path.join(dir, 'notes/draft.md'), '[@hopfeld');
  const bibCompletion = await client.request('textDocument/completion', client.at(uri, 0, 9));
  assert.equal(bibCompletion.items[0].label, 'hopfield1982neural');
  await client.change(uri, '[@machinery');
  const cslCompletion = await client.request('textDocument/completion', client.at(uri, 0, 11));
  assert.equal(cslCompletion.items[0].label, 'turing1950');
  await client.close(uri);

  const hover = await client.request('textDocument/hover', client.at(note, 0, 12));
  assert.match(hover.contents.value, /Neural Networks and Physical Systems/);
  assert.match(hover.contents.value, /John J\. Hopfield/);
  const cslHover = await client.request('textDocument/hover', client.at(note, 0, 38));
  assert.match(cslHover.contents.value, /Computing Machinery and Intelligence/);
  assert.match(cslHover.contents.value, /Oct, 1950/);

  const definition = await client.request('textDocument/definition', client.at(note, 0, 12));
  assert.ok(definition.uri.endsWith('/refs/library.bib'));
  assert.equal(definition.range.start.line, 1, 'the @article line');
  const cslDefinition = await client.request('textDocument/definition', client.at(note, 0, 38));
  assert.ok(cslDefinition.uri.endsWith('/refs/library.json'));
  assert.equal(cslDefinition.range.start.line, 1);
});

test('keywords become topics in the graph', async () => {
  const roots = await topicRoots(client);
  const memory = roots.find((r) => r.label === 'associative memory');
  assert.equal(memory.source, 'keyword');
  const papers = await client.request('litnotes/topicTree', { id: memory.id });
  assert.deepEqual(papers.map((p) => p.ref), ['hopfield1982neural']);
});

test('a bibliography rewritten by another program reloads without a restart', async () => {
  const file = path.join(dir, 'refs/library.bib');
  fs.writeFileSync(file, bib + '\n@misc{newentry2024, title = {A Freshly Exported Entry}, year = {2024}}\n');
  const uri = await client.open(path.join(dir, 'notes/fresh.md'), '[@newentry2024]');
  const before = client.statuses.length;
  await client.filesChanged([{ uri: uriOf(file), type: 2 }]);
  await client.waitFor(() => client.statuses.slice(before).some((s) => s.papers === 41), 'reload');
  client.diagnostics.delete(uri);
  await client.change(uri, '[@newentry2024] ');
  assert.deepEqual(await client.waitForDiagnostics(uri), []);
});
