// The key contract over LSP (issue 11): notes cite a generated key; a .bib holding the same
// paper is added to litnotes.corpus; the cited key keeps resolving (no diagnostic), the hover
// shows the bibliography key, references and "cited in" count every alias.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TestClient, makeWorkspace, uriOf, writeFile } from './lspClient.mjs';

const listing = '- Literate Programming Methods We study programs written for people to read. 1 authors · May 1, 1984\n';
const bib =
  '@article{knuth84,\n  author = {Knuth, Donald E.},\n  title = {Literate Programming Methods},\n  year = 1984,\n  doi = {10.1093/comjnl/27.2.97}\n}\n' +
  // biblatex `ids`: the entry's old key, still cited by note c.
  '@book{lovelace2020,\n  ids = {ada1843},\n  author = {Lovelace, Ada},\n  title = {Notes on the Analytical Engine},\n  year = 2020\n}\n';
const GENERATED = 'literate1984programming';

let dir;
let client;
before(async () => {
  dir = makeWorkspace({
    'refs/list.txt': listing,
    'notes/a.md': `# A\n\nPrograms for people [@${GENERATED}, p. 3] and [@nosuchkey].\n`,
    'notes/b.md': `# B\n\nAs @${GENERATED} says.\n`,
    'notes/c.md': '# C\n\nSee @{ada1843} and [@ada1843, ch. 2].\n',
  });
  client = await new TestClient(dir, { corpus: ['refs/list.txt'], includeBundledCorpus: false }).start();
});
after(async () => {
  await client?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

// Warnings and errors only: a citation under another key of its paper gets a hint (severity 4).
const unknownKeys = (diagnostics) => diagnostics.filter((d) => d.severity <= 2).map((d) => /"@?([^"]+)"/.exec(d.message)?.[1]).sort();

test('a cited generated key keeps resolving when a .bib with the same paper is added to litnotes.corpus', async () => {
  const a = uriOf(path.join(dir, 'notes/a.md'));
  assert.deepEqual(unknownKeys(await client.waitForDiagnostics(a, (d) => d.length > 0)), ['nosuchkey'], 'only the unknown key is flagged');
  const alone = await client.request('litnotes/paper', { key: GENERATED });
  assert.equal(alone.paper.key, GENERATED);

  writeFile(dir, 'refs/lib.bib', bib);
  client.settings = { ...client.settings, corpus: ['refs/list.txt', 'refs/lib.bib'] };
  client.diagnostics.delete(a);
  await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
  await client.waitFor(() => client.statuses.some((s) => s.state === 'ready' && s.problems === 0 && s.papers === 2) && client.diagnostics.has(a), 'rebuild with the .bib');
  const paper = await client.request('litnotes/paper', { key: 'knuth84' });
  assert.ok(paper, 'the .bib entry is in the corpus');

  assert.deepEqual(unknownKeys(client.diagnostics.get(a)), ['nosuchkey'], 'the generated key is not flagged');
  const merged = await client.request('litnotes/paper', { key: GENERATED });
  assert.equal(merged.paper.key, 'knuth84', 'the old key resolves to the merged paper, whose key is the bibliography key');
  assert.ok(merged.paper.aliases.includes(GENERATED), 'the old key is an alias');
  assert.equal(merged.citedIn.length, 2, 'cited in counts citations under every alias');

  const hover = await client.request('textDocument/hover', client.at(a, 2, 25));
  assert.match(hover.contents.value, /Literate Programming Methods/);
  assert.match(hover.contents.value, /@knuth84/, 'the hover shows the canonical key');
  const refs = await client.request('textDocument/references', { ...client.at(a, 2, 25), context: { includeDeclaration: false } });
  assert.equal(refs.length, 2, 'both notes');
  const definition = await client.request('textDocument/definition', client.at(a, 2, 25));
  assert.ok(definition, 'go to definition still works');
});

test('a citation under another key of its paper gets a hint and a quick fix that switches to the paper key', async () => {
  const a = uriOf(path.join(dir, 'notes/a.md'));
  const hints = client.diagnostics.get(a).filter((d) => d.code === 'alias-key');
  assert.equal(hints.length, 1, 'one hint, on the generated key');
  const [hint] = hints;
  assert.equal(hint.severity, 4, 'a hint, not a problem');
  assert.match(hint.message, /@knuth84/, 'the hint names the paper key');
  assert.deepEqual(hint.range, { start: { line: 2, character: 22 }, end: { line: 2, character: 22 + GENERATED.length } });

  const actions = await client.request('textDocument/codeAction', { textDocument: { uri: a }, range: hint.range, context: { diagnostics: [hint] } });
  const fix = actions.find((x) => /knuth84/.test(x.title));
  assert.ok(fix, `a quick fix among ${actions.map((x) => x.title).join(', ')}`);
  assert.equal(fix.kind, 'quickfix');
  assert.deepEqual(fix.edit, { changes: { [a]: [{ range: hint.range, newText: 'knuth84' }] } }, 'one edit: the key alone is replaced');

  // biblatex ids, "@{...}" keeps its braces, and a client that sends no diagnostics with the request.
  const c = uriOf(path.join(dir, 'notes/c.md'));
  await client.waitFor(() => client.diagnostics.get(c)?.length === 2, 'hints on note c');
  assert.deepEqual(unknownKeys(client.diagnostics.get(c)), [], 'the ids key resolves');
  const atCursor = await client.request('textDocument/codeAction', { textDocument: { uri: c }, range: { start: { line: 2, character: 8 }, end: { line: 2, character: 8 } }, context: { diagnostics: [] } });
  const one = atCursor.find((x) => x.title.startsWith('Switch @ada1843'));
  assert.deepEqual(one.edit.changes[c], [{ range: { start: { line: 2, character: 6 }, end: { line: 2, character: 13 } }, newText: 'lovelace2020' }]);
  const all = atCursor.find((x) => /all 2 citations/.test(x.title));
  assert.equal(all.edit.changes[c].length, 2, 'both citations of the note in one edit');
  const line = 'See @{ada1843} and [@ada1843, ch. 2].';
  const edited = [...all.edit.changes[c]].sort((x, y) => y.range.start.character - x.range.start.character).reduce((text, e) => text.slice(0, e.range.start.character) + e.newText + text.slice(e.range.end.character), line);
  assert.equal(edited, 'See @{lovelace2020} and [@lovelace2020, ch. 2].');
});
