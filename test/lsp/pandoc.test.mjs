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

const libraryBib = `% my library
@article{hopfield1982neural,
  author = {Hopfield, John J.},
  title = {Neural Networks and Physical Systems with Emergent Collective Computational Abilities},
  year = {1982}
}
`;

let dir;
let client;
before(async () => {
  dir = makeWorkspace({
    'report.qmd': quartoNote,
    'analysis.Rmd': 'An R Markdown note citing [@nosuchpaper2].\n',
    'refs/library.bib': libraryBib,
    'notes/one.md': 'Memory [@hopfield1982neural, p. 3].\n',
    'notes/two.md': 'As @hopfield1982neural showed, and [-@{hopfield1982neural}].\n',
    'notes/three.md': '# Three\n\nSee [see @hopfield1982neural; @limempirical].\n',
  });
  client = await new TestClient(dir, { corpus: ['refs/library.bib'], inlayHints: { enabled: true } }).start();
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
  assert.match(hover.contents.value, /The Empirical Impact of Neural Parameter Symmetries/);
  assert.equal(await client.request('textDocument/hover', client.at(uri, 0, 10)), null);
  assert.equal(await client.request('textDocument/completion', client.at(uri, 1, 5)), null);
  const papers = await client.request('textDocument/completion', client.at(uri, 0, 28));
  assert.ok(papers.items.length > 0, 'citations still complete in a quarto note');
  await client.close(uri);
});

test('inlay hints: author and year after each known citation (setting on)', async () => {
  const three = uriOf(path.join(dir, 'notes/three.md'));
  await client.waitForDiagnostics(three);
  const hints = await client.request('textDocument/inlayHint', { textDocument: { uri: three }, range: { start: { line: 0, character: 0 }, end: { line: 5, character: 0 } } });
  assert.deepEqual(hints.map((h) => [h.position.line, h.position.character, h.label]), [
    [2, 28, 'Hopfield, 1982'],
    [2, 43, 'Lim et al.'],
  ]);
});

test('rename a key cited in three notes and spelled in a workspace .bib: one edit touching all four files', async () => {
  const one = uriOf(path.join(dir, 'notes/one.md'));
  await client.waitForDiagnostics(one);
  const prepared = await client.request('textDocument/prepareRename', client.at(one, 0, 12));
  assert.deepEqual(prepared, { range: { start: { line: 0, character: 9 }, end: { line: 0, character: 27 } }, placeholder: 'hopfield1982neural' });
  const edit = await client.request('textDocument/rename', { ...client.at(one, 0, 12), newName: 'hopfield1982' });
  const files = Object.keys(edit.changes).map((u) => path.relative(dir, new URL(u).pathname)).sort();
  assert.deepEqual(files, ['notes/one.md', 'notes/three.md', 'notes/two.md', 'refs/library.bib']);
  const apply = (file) => {
    const lines = fs.readFileSync(path.join(dir, file), 'utf8').split('\n');
    const edits = edit.changes[uriOf(path.join(dir, file))].sort((a, b) => b.range.start.line - a.range.start.line || b.range.start.character - a.range.start.character);
    for (const e of edits) {
      const l = lines[e.range.start.line];
      lines[e.range.start.line] = l.slice(0, e.range.start.character) + e.newText + l.slice(e.range.end.character);
    }
    return lines.join('\n');
  };
  assert.equal(apply('notes/two.md'), 'As @hopfield1982 showed, and [-@{hopfield1982}].\n');
  assert.equal(apply('notes/three.md'), '# Three\n\nSee [see @hopfield1982; @limempirical].\n');
  assert.match(apply('refs/library.bib'), /^@article\{hopfield1982,$/m);
});

test('rename refuses bundled-corpus keys, bad names and names of other papers, saying why', async () => {
  const three = uriOf(path.join(dir, 'notes/three.md'));
  await client.waitForDiagnostics(three);
  await assert.rejects(client.request('textDocument/prepareRename', client.at(three, 2, 30)), /bundled corpus/);
  await assert.rejects(client.request('textDocument/rename', { ...client.at(three, 2, 12), newName: 'has space' }), /not a citation key/);
  await assert.rejects(client.request('textDocument/rename', { ...client.at(three, 2, 12), newName: 'limempirical' }), /already the key of/);
  assert.equal(await client.request('textDocument/prepareRename', client.at(three, 0, 3)), null);
});
