// The writing flow over LSP: the card (venue and pages through crossref, links that open the
// citing notes, keys escaped), "did you mean" only for close keys, the search fix, the notes
// citing a paper, the bibliography of what the notes cite, completion that keeps its list.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import MarkdownIt from 'markdown-it';
import { TestClient, makeWorkspace, uriOf } from './lspClient.mjs';

const HOSTILE_KEY = 'x](command:workbench.action.quit)![i](https://evil.example/i.png)<img src=x onerror=alert(1)>`code`';
const HOSTILE_NOTE = 'a](command:workbench.action.quit) <b>bold.md';

const bib = [
  '@proceedings{iclr2022,',
  '  title = {Proceedings of the Tenth International Conference on Learning Representations},',
  '  year = {2022},',
  '}',
  '@inproceedings{hu2022lora,',
  '  author = {Hu, Edward J. and Shen, Yelong},',
  '  title = {{LoRA}: Low-Rank Adaptation of Large Language Models},',
  '  pages = {1--12},',
  '  crossref = {iclr2022},',
  '  abstract = {We propose low-rank adaptation with $\\alpha$ scaling and \\emph{frozen} weights.},',
  '}',
].join('\n');
const csl = JSON.stringify([{ id: HOSTILE_KEY, title: 'A hostile key', 'container-title': 'Journal of <script>Attacks</script>', page: '7' }]);

let dir;
let client;
before(async () => {
  dir = makeWorkspace({
    'refs/library.bib': bib,
    'refs/hostile.json': csl,
    'notes/lora.md': 'Adapters [@hu2022lora, p. 3] and again @hu2022lora.\nA wrong year: [@hu2021lora]. Nothing like it: [@qqqzzz2021].\n',
    [`notes/${HOSTILE_NOTE}`]: 'Cites [@hu2022lora].\n',
  });
  client = await new TestClient(dir, { corpus: ['refs/library.bib', 'refs/hostile.json'] }).start();
});
after(async () => {
  await client?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const loraUri = () => uriOf(path.join(dir, 'notes/lora.md'));
/** What a Markdown renderer makes of a card, HTML allowed: the worst case for injection. */
const render = (markdown) => new MarkdownIt({ html: true, linkify: true }).render(markdown);
const links = (html) => [...html.matchAll(/<a href="([^"]*)"/g)].map((m) => m[1]);

test('card: venue and pages inherited through crossref, LaTeX as text, the citing notes as links that open them', async () => {
  const hover = await client.request('textDocument/hover', client.at(loraUri(), 0, 12));
  const value = hover.contents.value;
  assert.match(value, /\*\*LoRA: Low-Rank Adaptation of Large Language Models\*\*/);
  assert.match(value, /Edward J\. Hu, Yelong Shen · 2022 · Proceedings of the Tenth International Conference on Learning Representations, pp\. 1–12/);
  assert.match(value, /with α scaling and frozen weights/, 'LaTeX rendered to text');
  assert.match(value, /Cited in 2 notes/);
  const html = render(value);
  const openNote = links(html).filter((href) => href.startsWith('command:litnotes.openNote?'));
  assert.equal(openNote.length, 2, html);
  const args = openNote.map((href) => JSON.parse(decodeURIComponent(href.slice(href.indexOf('?') + 1)))[0]);
  assert.deepEqual(args.find((a) => a.uri === loraUri()), { uri: loraUri(), line: 0 });
  assert.ok(args.some((a) => a.uri.endsWith(encodeURIComponent(HOSTILE_NOTE).replace(/%2F/g, '/')) || decodeURIComponent(a.uri).endsWith(HOSTILE_NOTE)), JSON.stringify(args));
});

test('card: a hostile key and note name give no image, no foreign command link, no raw HTML', async () => {
  const details = await client.request('litnotes/paper', { key: HOSTILE_KEY });
  const lora = await client.request('litnotes/paper', { key: 'hu2022lora' });
  const resolved = await client.request('completionItem/resolve', { label: 'x', data: { key: HOSTILE_KEY } });
  for (const markdown of [details.markdown, lora.markdown, resolved.documentation.value]) {
    const html = render(markdown);
    assert.doesNotMatch(html, /<img|<script|<b>|<[a-z]+ [^>]*onerror=/, html);
    for (const href of links(html)) assert.match(href, /^(command:litnotes\.(openNote|showPaper)\?|https:\/\/)/, html);
    assert.ok(links(html).every((href) => !href.includes('evil.example')), html);
  }
  assert.ok(render(details.markdown).includes('<code>@x](command:workbench.action.quit)![i](https://evil.example/i.png)&lt;img src=x onerror=alert(1)&gt;`code`</code>'), 'the key is shown as text');
  assert.match(render(lora.markdown), /a\]\(command:workbench\.action\.quit\) &lt;b&gt;bold\.md:1/, 'the note name is shown as text');
});

test('did you mean: only keys within a real edit distance; the diagnostic says it once', async () => {
  const diagnostics = await client.waitForDiagnostics(loraUri(), (d) => d.length === 2);
  const [wrongYear, nothing] = diagnostics.sort((a, b) => a.range.start.character - b.range.start.character);
  assert.equal(wrongYear.message, 'Unknown citation key "@hu2021lora": no paper in the corpus has it. Did you mean @hu2022lora?');
  assert.equal(nothing.message, 'Unknown citation key "@qqqzzz2021": no paper in the corpus has it.');
  const hover = await client.request('textDocument/hover', client.at(loraUri(), 1, wrongYear.range.start.character + 2));
  assert.equal(hover, null, 'the hover leaves the message to the diagnostic');

  const actions = await client.request('textDocument/codeAction', { textDocument: { uri: loraUri() }, range: nothing.range, context: { diagnostics: [nothing] } });
  assert.deepEqual(actions.map((a) => a.title), ['Search papers for "qqqzzz 2021"…'], 'no unrelated papers of the same year');
  assert.deepEqual(actions[0].command.arguments, [{ uri: loraUri(), range: nothing.range, query: 'qqqzzz 2021' }]);
  assert.equal(actions[0].command.command, 'litnotes.replaceCitationKey');

  const fixes = await client.request('textDocument/codeAction', { textDocument: { uri: loraUri() }, range: wrongYear.range, context: { diagnostics: [wrongYear] } });
  assert.deepEqual(fixes.map((a) => a.title), ['Replace with @hu2022lora (LoRA: Low-Rank Adaptation of Large Language Models)', 'Search papers for "hu 2021 lora"…']);
});

test('did you mean: a strong author, year and title match', async () => {
  const uri = await client.open(path.join(dir, 'notes/strong.md'), '[@shen2022adaptation]\n');
  const [diagnostic] = await client.waitForDiagnostics(uri, (d) => d.length === 1);
  assert.match(diagnostic.message, /Did you mean @hu2022lora\?$/);
  await client.close(uri);
});

test('cited by: every citation of a paper with its note and line', async () => {
  const sites = await client.request('litnotes/citations', { key: 'hu2022lora' });
  const lora = sites.filter((s) => s.uri === loraUri());
  const line = 'Adapters [@hu2022lora, p. 3] and again @hu2022lora.';
  assert.deepEqual(lora.map((s) => [s.line, s.start]), [[0, line.indexOf('@')], [0, line.lastIndexOf('@')]]);
  assert.equal(sites.length, 3);
  assert.ok(sites.every((s) => typeof s.name === 'string' && s.name.endsWith('.md')));
});

test('export: the cited papers of the workspace or of one note, unknown keys listed', async () => {
  const all = await client.request('litnotes/export', { format: 'bibtex' });
  assert.equal(all.papers, 1);
  assert.match(all.text, /@inproceedings\{hu2022lora,|@\w+\{hu2022lora,/);
  assert.deepEqual(all.unknown.sort(), ['hu2021lora', 'qqqzzz2021']);
  const one = await client.request('litnotes/export', { format: 'csl-json', uri: loraUri() });
  assert.equal(JSON.parse(one.text)[0].id, 'hu2022lora');
});

test('completion: a typo inside the word being typed keeps the list open with what it was heading for', async () => {
  const uri = await client.open(path.join(dir, 'notes/typing.md'), 'x');
  const seen = [];
  for (const typed of ['[@equivari', '[@equivarin', '[@equivarint']) {
    await client.change(uri, typed);
    const list = await client.request('textDocument/completion', client.at(uri, 0, typed.length));
    seen.push(list.items.length);
    assert.ok(list.items.length > 0, `a list for ${typed}`);
    const titles = list.items.slice(0, 5).map((i) => i.labelDetails.detail);
    assert.ok(titles.some((t) => /equivarian/i.test(t)), `${typed}: ${titles.join(' | ')}`);
    assert.ok(list.items.every((i) => i.filterText.startsWith(typed.slice(2))), 'VS Code keeps every item for the typed word');
  }
  await client.close(uri);
});

test('completion: among equals, papers this note cites come first', async () => {
  const uri = await client.open(path.join(dir, 'notes/cited-first.md'), 'Before: [@hu2022lora].\n[@');
  const list = await client.request('textDocument/completion', client.at(uri, 1, 2));
  assert.equal(list.items[0].label, 'hu2022lora');
  await client.close(uri);
});
