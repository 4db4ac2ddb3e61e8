// The language server over JSON-RPC, as VS Code talks to it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TestClient, makeWorkspace, uriOf, writeFile } from './lspClient.mjs';
import { topicRoots } from './topicRoots.mjs';

const noteA = [
  '---',
  'title: Symmetry reading notes',
  'tags: [equivariance, symmetry]',
  '---',
  '# Symmetry',
  '',
  'Removing symmetries helps [@limempirical, p. 3] and so does @jellyfish2023.',
  'Compare [see @nosuchkey; @faenet2023, ch. 1] and https://example.org/paper.',
  'Code: `@lie2023` is not a citation, nor is me@example.com.',
  '',
  '```',
  '@alsonotacitation',
  '```',
].join('\n');
const noteB = 'Also cited here: [@limempirical].\n';
const evil = [
  '- Evil [Title](command:workbench.action.quit) <img src=x onerror=alert(1)> Paper We study **injection** in [links](javascript:alert(1)). 2 authors · Jan 1, 2020',
  'this line is not a listing line',
].join('\n');

let dir;
let client;
before(async () => {
  dir = makeWorkspace({ 'notes/a.md': noteA, 'notes/b.md': noteB, 'papers/evil.txt': evil, 'node_modules/pkg/readme.md': '[@nosuchkey]' });
  client = await new TestClient(dir, { corpus: ['papers/evil.txt'] }).start();
});
after(async () => {
  await client?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const aUri = () => uriOf(path.join(dir, 'notes/a.md'));
const bUri = () => uriOf(path.join(dir, 'notes/b.md'));

test('indexing: notes are indexed on start with progress, node_modules left out', async () => {
  const ready = client.statuses.find((s) => s.state === 'ready');
  assert.equal(ready.papers, 39);
  assert.equal(ready.notes, 2);
  assert.ok(client.progress.some((p) => p.kind === 'begin'));
  assert.ok(client.progress.some((p) => p.kind === 'end'));
  assert.ok(client.watchers.some((w) => String(w.globPattern).includes('md')));
});

test('diagnostics: unknown key warned on its range; code spans, fences and e-mails ignored', async () => {
  const diagnostics = await client.waitForDiagnostics(aUri());
  assert.equal(diagnostics.length, 1, JSON.stringify(diagnostics));
  const [d] = diagnostics;
  assert.equal(d.severity, 2);
  assert.match(d.message, /Unknown citation key "@nosuchkey"/);
  assert.deepEqual(d.range, { start: { line: 7, character: 14 }, end: { line: 7, character: 23 } });
  assert.equal(client.diagnostics.has(uriOf(path.join(dir, 'node_modules/pkg/readme.md'))), false);
});

test('diagnostics: corpus problems are reported on the corpus file with its line', async () => {
  // Warnings only: a doubtful title split of the evil line is an information hint (issue 12).
  const diagnostics = (await client.waitForDiagnostics(uriOf(path.join(dir, 'papers/evil.txt')))).filter((d) => d.severity <= 2);
  assert.equal(diagnostics.length, 1);
  assert.equal(diagnostics[0].range.start.line, 1);
  assert.match(diagnostics[0].message, /not a listing line/);
});

test('quick fix: replaces an unknown key by the closest keys', async () => {
  const text = 'A typo: [@jellyfsh2023].\n';
  const uri = await client.open(path.join(dir, 'notes/typo.md'), text);
  const [diagnostic] = await client.waitForDiagnostics(uri, (d) => d.length === 1);
  const actions = await client.request('textDocument/codeAction', {
    textDocument: { uri },
    range: diagnostic.range,
    context: { diagnostics: [diagnostic] },
  });
  assert.ok(actions.length >= 1);
  assert.match(actions[0].title, /Replace with @jellyfish2023characterise/);
  assert.equal(actions[0].isPreferred, true);
  const [edit] = actions[0].edit.changes[uri];
  const fixed = text.slice(0, edit.range.start.character) + edit.newText + text.slice(edit.range.end.character);
  assert.equal(fixed, 'A typo: [@jellyfish2023characterise].\n');
  await client.change(uri, fixed);
  assert.deepEqual(await client.waitForDiagnostics(uri), []);
  await client.close(uri);
});

test('completion: after "[@" by typo, title word, author, with the card as documentation', async () => {
  const file = path.join(dir, 'notes/draft.md');
  const uri = await client.open(file, 'x');
  const complete = async (line) => {
    await client.change(uri, line);
    return client.request('textDocument/completion', client.at(uri, 0, line.length));
  };
  const typo = await complete('See [@jelyfish');
  assert.equal(typo.isIncomplete, true);
  assert.equal(typo.items[0].label, 'jellyfish2023characterise');
  assert.deepEqual(typo.items[0].textEdit.range, { start: { line: 0, character: 6 }, end: { line: 0, character: 14 } });
  assert.equal(typo.items[0].textEdit.newText, 'jellyfish2023characterise');
  assert.ok(typo.items[0].filterText.startsWith('jelyfish'), 'VS Code keeps the item for the typed word');

  const title = await complete('See [@canonicalization');
  assert.equal(title.items[0].label, 'equivariance2022learned');
  assert.equal(title.items[0].labelDetails.detail.trim(), 'Equivariance with Learned Canonicalization Functions');

  const author = await complete('As @jegelka');
  assert.equal(author.items[0].label, 'limempirical');

  const bare = await complete('[@');
  assert.ok(bare.items.length > 10);

  const resolved = await client.request('completionItem/resolve', author.items[0]);
  assert.match(resolved.documentation.value, /The Empirical Impact of Neural Parameter Symmetries/);

  const none = await complete('me@exa');
  assert.equal(none, null, 'no completion inside an e-mail address');
  await client.close(uri);
});

test('hover: the paper card, with how many notes cite it', async () => {
  await client.waitForDiagnostics(aUri());
  const hover = await client.request('textDocument/hover', client.at(aUri(), 6, 30));
  assert.equal(hover.contents.kind, 'markdown');
  assert.match(hover.contents.value, /The Empirical Impact of Neural Parameter Symmetries, or Lack Thereof/);
  assert.match(hover.contents.value, /Derek Lim, Moe Putterman/);
  assert.match(hover.contents.value, /Cited in 2 notes/);
  assert.deepEqual(hover.range, { start: { line: 6, character: 27 }, end: { line: 6, character: 40 } });
  assert.equal(await client.request('textDocument/hover', client.at(aUri(), 6, 2)), null);
});

test('hover: corpus text cannot inject links, commands or HTML', async () => {
  const uri = await client.open(path.join(dir, 'notes/evil.md'), '[@evil2020]');
  const hover = await client.request('textDocument/hover', client.at(uri, 0, 3));
  const value = hover.contents.value;
  assert.match(value, /Evil/);
  // A link needs an unescaped "](": escaped brackets are literal text. The card's own links
  // go to this extension's commands only.
  assert.doesNotMatch(value, /(?<!\\)\]\(command:(?!litnotes\.(openNote|showPaper)\?)/);
  assert.doesNotMatch(value, /(?<!\\)\]\(javascript:/);
  assert.match(value, /\\\[Title\\\]\(command:/, 'the title is shown, escaped');
  assert.doesNotMatch(value, /<img/);
  assert.doesNotMatch(value, /\*\*injection\*\*/);
  await client.close(uri);
});

test('definition: the paper entry in its corpus file at its line', async () => {
  const locations = await client.request('textDocument/definition', client.at(aUri(), 6, 30));
  assert.ok(locations.uri.endsWith('/corpus/000_40b54672e9f7f0c1.txt'));
  assert.equal(locations.range.start.line, 5);
});

test('references: every citation of the paper across notes', async () => {
  const refs = await client.request('textDocument/references', { ...client.at(aUri(), 6, 30), context: { includeDeclaration: false } });
  assert.deepEqual(refs.map((r) => r.uri).sort(), [aUri(), bUri()].sort());
  const withDecl = await client.request('textDocument/references', { ...client.at(aUri(), 6, 30), context: { includeDeclaration: true } });
  assert.equal(withDecl.length, 3);
});

test('document links: URLs in notes', async () => {
  const links = await client.request('textDocument/documentLink', { textDocument: { uri: aUri() } });
  assert.deepEqual(links.map((l) => l.target), ['https://example.org/paper']);
  assert.equal(links[0].range.start.line, 7);
});

test('workspace symbols: papers by key or title, and notes', async () => {
  const papers = await client.request('workspace/symbol', { query: 'jellyfish' });
  assert.ok(papers[0].name.startsWith('@jellyfish2023characterise'));
  const notes = await client.request('workspace/symbol', { query: 'Symmetry reading' });
  assert.ok(notes.some((s) => s.name === 'Symmetry reading notes' && s.location.uri === aUri()));
});

test('index follows files created, changed and deleted on disk', async () => {
  const file = writeFile(dir, 'notes/new.md', 'Cites [@unknownpaper].\n');
  const uri = uriOf(file);
  await client.filesChanged([{ uri, type: 1 }]);
  let diagnostics = await client.waitForDiagnostics(uri);
  assert.equal(diagnostics.length, 1);

  fs.writeFileSync(file, 'Cites [@limempirical].\n');
  client.diagnostics.delete(uri);
  await client.filesChanged([{ uri, type: 2 }]);
  diagnostics = await client.waitForDiagnostics(uri);
  assert.equal(diagnostics.length, 0);
  let refs = await client.request('textDocument/references', { ...client.at(aUri(), 6, 30), context: { includeDeclaration: false } });
  assert.equal(refs.length, 3);

  fs.rmSync(file);
  await client.filesChanged([{ uri, type: 3 }]);
  await client.waitFor(() => client.diagnostics.get(uri)?.length === 0, 'cleared diagnostics');
  refs = await client.request('textDocument/references', { ...client.at(aUri(), 6, 30), context: { includeDeclaration: false } });
  assert.equal(refs.length, 2);
});

test('an open document wins over the disk, and closing it returns to the disk', async () => {
  const uri = await client.open(path.join(dir, 'notes/b.md'), 'Now [@wrongkey].\n');
  let diagnostics = await client.waitForDiagnostics(uri);
  assert.equal(diagnostics.length, 1);
  client.diagnostics.delete(uri);
  await client.close(uri);
  diagnostics = await client.waitForDiagnostics(uri);
  assert.equal(diagnostics.length, 0);
});

test('a corpus file changed on disk is reloaded', async () => {
  const file = path.join(dir, 'papers/evil.txt');
  fs.writeFileSync(file, evil + '\n- Brand New Paper We study new things. 1 authors · Feb 2, 2022\n');
  const uri = await client.open(path.join(dir, 'notes/new2.md'), '[@brand2022]');
  await client.filesChanged([{ uri: uriOf(file), type: 2 }]);
  await client.waitFor(() => client.statuses.at(-1).papers === 40, 'corpus reload');
  client.diagnostics.delete(uri);
  await client.change(uri, '[@brand2022] ');
  assert.deepEqual(await client.waitForDiagnostics(uri), []);
  await client.close(uri);
});

test('custom requests: search, paper and status for the commands and status bar', async () => {
  const hits = await client.request('litnotes/search', { query: 'jelyfish', limit: 3 });
  assert.equal(hits[0].key, 'jellyfish2023characterise');
  assert.equal(hits[0].credit, '1 author, 2023');
  const paper = await client.request('litnotes/paper', { key: 'limempirical' });
  assert.equal(paper.summary.title, 'The Empirical Impact of Neural Parameter Symmetries, or Lack Thereof');
  assert.ok(paper.location.uri.endsWith('000_40b54672e9f7f0c1.txt'));
  assert.equal(await client.request('litnotes/paper', { key: 'nope' }), null);
  const status = await client.request('litnotes/status');
  assert.equal(status.state, 'ready');
});

test('topic graph requests: tree, related papers, graph', async () => {
  const roots = await topicRoots(client);
  const order = ['tag', 'keyword', 'header', 'cluster', 'mined', 'subject', 'place'];
  const ranks = roots.map((r) => order.indexOf(r.source));
  assert.deepEqual(ranks, [...ranks].sort((a, b) => a - b), 'note tags and topic headers first, then clusters, phrases, subjects, places');
  assert.equal(roots.find((r) => r.source === 'header').label, 'parameter symmetry');
  const it = roots.find((r) => r.label === 'Information Technology');
  const sub = await client.request('litnotes/topicTree', { id: it.id });
  assert.ok(sub.some((n) => n.kind === 'topic' && n.label === 'Artificial Intelligence'));
  const tag = roots.find((r) => r.label === 'equivariance');
  assert.equal(tag.source, 'tag');
  const underTag = await client.request('litnotes/topicTree', { id: tag.id });
  assert.ok(underTag.some((n) => n.kind === 'note' && n.ref === aUri()));
  assert.deepEqual(underTag.filter((n) => n.kind === 'paper').map((n) => n.ref).sort(), ['faenet2023frame', 'jellyfish2023characterise', 'limempirical']);
  const citing = await client.request('litnotes/topicTree', { id: 'paper:limempirical' });
  assert.deepEqual(citing.map((n) => n.ref).sort(), [aUri(), bUri()].sort());
  assert.ok(roots.some((r) => r.source === 'mined' && r.label === 'neural networks'));

  const related = await client.request('litnotes/related', { key: 'limempirical', limit: 3 });
  assert.deepEqual(related.slice(0, 2).map((r) => r.key).sort(), ['empiricalimpactreducing', 'taletwo'], 'the two papers on the same symmetry questions lead');
  assert.ok(related.find((r) => r.key === 'taletwo').shared.includes('parameter symmetry'));
  assert.ok(related.every((r) => r.shared.length >= 2));
  const hover = await client.request('textDocument/hover', client.at(aUri(), 6, 30));
  assert.match(hover.contents.value, /Related:.*@taletwo/s);

  const graph = await client.request('litnotes/graph', { topic: 'parameter symmetry' });
  assert.ok(graph.nodes.some((n) => n.kind === 'note' && n.ref === aUri()));
  assert.ok(graph.edges.some((e) => e.kind === 'cites' && e.to === 'paper:limempirical'));
  assert.ok(graph.edges.some((e) => e.kind === 'about' && e.from === 'header:parameter symmetry'));
});
