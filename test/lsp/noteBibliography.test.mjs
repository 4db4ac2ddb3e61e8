// Per-note bibliographies: front matter `bibliography:` (relative to the note) and `references:`
// add sources for that note only; a missing file is a diagnostic on its front matter line.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TestClient, makeWorkspace, uriOf } from './lspClient.mjs';

const refsBib = `@article{smith2020deep,
  author = {Smith, Ada and Jones, Bo},
  title = {Deep Symmetry Learning},
  year = {2020}
}
`;
const withBib = ['---', 'title: With', 'bibliography: refs.bib', '---', 'As [@smith2020deep] shows.', ''].join('\n');
const withoutBib = ['# Without', 'As [@smith2020deep] shows.', ''].join('\n');
const missing = ['---', 'bibliography:', '  - refs.bib', '  - nothere.bib', '---', 'Text [@smith2020deep].', ''].join('\n');
const inline = ['---', 'references:', '- id: doe2019', '  title: Inline Reference Title', '  author:', '  - family: Doe', '    given: Jane', '  issued:', '    date-parts: [[2019]]', '---', 'See @doe2019.', ''].join('\n');

let dir;
let client;
const uri = (name) => uriOf(path.join(dir, name));
before(async () => {
  dir = makeWorkspace({ 'notes/refs.bib': refsBib, 'notes/with.md': withBib, 'notes/without.md': withoutBib, 'notes/missing.md': missing, 'inline.md': inline });
  client = await new TestClient(dir, { includeBundledCorpus: false, bibliography: { includeWorkspaceCorpus: false } }).start();
});
after(async () => {
  await client?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('a note with bibliography: refs.bib resolves, completes and jumps to its keys; a note without it does not', async () => {
  assert.deepEqual(await client.waitForDiagnostics(uri('notes/with.md')), []);
  const without = await client.waitForDiagnostics(uri('notes/without.md'));
  assert.deepEqual(without.map((d) => d.message), ['Unknown citation key "@smith2020deep": no paper in the corpus has it.']);

  const hover = await client.request('textDocument/hover', client.at(uri('notes/with.md'), 4, 8));
  assert.match(hover.contents.value, /Deep Symmetry Learning/);
  const definition = await client.request('textDocument/definition', client.at(uri('notes/with.md'), 4, 8));
  assert.equal(definition.uri, uri('notes/refs.bib'));
  assert.equal(definition.range.start.line, 0);

  const draft = await client.open(path.join(dir, 'notes/draft.md'), '---\nbibliography: refs.bib\n---\n[@symmetry');
  const completion = await client.request('textDocument/completion', client.at(draft, 3, 10));
  assert.deepEqual(completion.items.map((i) => i.label), ['smith2020deep']);
  const resolved = await client.request('completionItem/resolve', completion.items[0]);
  assert.match(resolved.documentation.value, /Deep Symmetry Learning/);
  await client.change(draft, '[@symmetry');
  const none = await client.request('textDocument/completion', client.at(draft, 0, 10));
  assert.deepEqual(none.items, [], 'without the front matter the note has no sources (corpus off)');
  await client.close(draft);
});

test('a missing bibliography file is a diagnostic on its front matter line', async () => {
  const diagnostics = await client.waitForDiagnostics(uri('notes/missing.md'));
  assert.equal(diagnostics.length, 1, JSON.stringify(diagnostics));
  assert.equal(diagnostics[0].range.start.line, 3);
  assert.equal(diagnostics[0].severity, 1);
  assert.match(diagnostics[0].message, /bibliography nothere\.bib: file not found/);
});

test('inline references: items in front matter are cited like any other', async () => {
  assert.deepEqual(await client.waitForDiagnostics(uri('inline.md')), []);
  const hover = await client.request('textDocument/hover', client.at(uri('inline.md'), 10, 6));
  assert.match(hover.contents.value, /Inline Reference Title/);
});

test('a note bibliography rewritten on disk is re-read: new keys resolve, the note is re-checked', async () => {
  const note = await client.open(path.join(dir, 'notes/later.md'), '---\nbibliography: refs.bib\n---\n[@added2024]\n');
  const before = await client.waitForDiagnostics(note);
  assert.equal(before.length, 1);
  const bib = path.join(dir, 'notes/refs.bib');
  fs.writeFileSync(bib, refsBib + '\n@misc{added2024, title = {Added Later}, year = {2024}}\n');
  client.diagnostics.delete(note);
  await client.filesChanged([{ uri: uriOf(bib), type: 2 }]);
  assert.deepEqual(await client.waitForDiagnostics(note, (d) => d.length === 0), []);
  await client.close(note);
});

test('the preview request formats a note\'s citations from its own bibliography; the hover gains a formatted reference', async () => {
  const result = await client.request('litnotes/renderCitations', {
    uri: uri('notes/with.md'),
    clusters: [{ items: [{ key: 'smith2020deep', suffix: ', p. 4' }], inText: false }, { items: [{ key: 'nosuch' }], inText: true }],
    nocite: [],
  });
  assert.deepEqual(result.citations, ['(Smith &#38; Jones, 2020, p. 4)', '<span class="citation-unknown">@nosuch?</span>']);
  assert.deepEqual(result.bibliographyKeys, ['smith2020deep']);
  assert.match(result.bibliography[0], /Smith, A\., &#38; Jones, B\. \(2020\)\. <i>Deep symmetry learning<\/i>\./, 'a BibTeX title in sentence case, as pandoc gives it to citeproc');
  const missingStyle = await client.request('litnotes/renderCitations', { uri: uri('notes/with.md'), clusters: [], nocite: ['smith2020deep'], style: path.join(dir, 'none.csl') });
  assert.match(missingStyle.styleProblem, /none\.csl/);
  assert.equal(missingStyle.bibliography.length, 1, 'nocite alone still lists the entry, in APA');

  // The engine is built by then; the hover shows the reference in APA under the card.
  const hover = await client.request('textDocument/hover', client.at(uri('notes/with.md'), 4, 8));
  assert.match(hover.contents.value, /---\s+Smith, A\., &amp; Jones, B\. \(2020\)\. Deep symmetry learning\./);
});

test('a bibliography outside the workspace is watched: rewriting it (in place or by a rename) updates the note', async () => {
  const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'litnotes-refs-'));
  try {
    const library = path.join(outside, 'library.bib');
    fs.writeFileSync(library, refsBib);
    const text = `---\nbibliography: ${library}\n---\nSee [@outside2024] and [@later2025].\n[@outs`;
    const note = await client.open(path.join(dir, 'notes/outside.md'), text);
    // The note's bibliography is read off the request path: its diagnostics come once it is built.
    assert.deepEqual((await client.waitForDiagnostics(note, (d) => d.length === 3)).map((d) => d.data?.key), ['outside2024', 'later2025', 'outs']);
    const completes = async () => (await client.request('textDocument/completion', client.at(note, 4, 6))).items.map((i) => i.label);
    assert.deepEqual(await completes(), []);

    // Rewritten in place: no file event comes from the client (the file is outside the workspace).
    client.diagnostics.delete(note);
    fs.appendFileSync(library, '\n@article{outside2024, title = {Outside the Workspace}, author = {Roe, Rita}, year = {2024}}\n');
    const after = await client.waitForDiagnostics(note, (d) => d.length === 2);
    assert.deepEqual(after.map((d) => d.data?.key), ['later2025', 'outs']);
    assert.deepEqual(await completes(), ['outside2024']);

    // Replaced by a rename, as Better BibTeX and editors save: still seen.
    client.diagnostics.delete(note);
    const temp = path.join(outside, '.library.bib.tmp');
    fs.writeFileSync(temp, fs.readFileSync(library, 'utf8') + '\n@misc{later2025, title = {Later Still}, year = {2025}}\n');
    fs.renameSync(temp, library);
    const renamed = await client.waitForDiagnostics(note, (d) => d.length === 1);
    assert.deepEqual(renamed.map((d) => d.data?.key), ['outs']);
    await client.close(note);
  } finally {
    fs.rmSync(outside, { recursive: true, force: true });
  }
});
