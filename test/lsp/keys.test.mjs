// The key contract over LSP (issue 11): notes cite a generated key; a .bib holding the same
// paper is added to litnotes.corpus; the cited key keeps resolving (no diagnostic), the hover
// shows the bibliography key, references and "cited in" count every alias.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TestClient, makeWorkspace, uriOf, writeFile } from './lspClient.mjs';

const listing = '- Literate Programming Methods We study programs written for people to read. 1 authors · May 1, 1984\n';
const bib = '@article{knuth84,\n  author = {Knuth, Donald E.},\n  title = {Literate Programming Methods},\n  year = 1984,\n  doi = {10.1093/comjnl/27.2.97}\n}\n';
const GENERATED = 'literate1984programming';

let dir;
let client;
before(async () => {
  dir = makeWorkspace({
    'refs/list.txt': listing,
    'notes/a.md': `# A\n\nPrograms for people [@${GENERATED}, p. 3] and [@nosuchkey].\n`,
    'notes/b.md': `# B\n\nAs @${GENERATED} says.\n`,
  });
  client = await new TestClient(dir, { corpus: ['refs/list.txt'], includeBundledCorpus: false }).start();
});
after(async () => {
  await client?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const unknownKeys = (diagnostics) => diagnostics.map((d) => /"@?([^"]+)"/.exec(d.message)?.[1]).sort();

test('a cited generated key keeps resolving when a .bib with the same paper is added to litnotes.corpus', async () => {
  const a = uriOf(path.join(dir, 'notes/a.md'));
  assert.deepEqual(unknownKeys(await client.waitForDiagnostics(a, (d) => d.length > 0)), ['nosuchkey'], 'only the unknown key is flagged');
  const alone = await client.request('litnotes/paper', { key: GENERATED });
  assert.equal(alone.paper.key, GENERATED);

  writeFile(dir, 'refs/lib.bib', bib);
  client.settings = { ...client.settings, corpus: ['refs/list.txt', 'refs/lib.bib'] };
  client.diagnostics.delete(a);
  await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
  await client.waitFor(() => client.statuses.some((s) => s.state === 'ready' && s.problems === 0 && s.papers === 1) && client.diagnostics.has(a), 'rebuild with the .bib');
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
