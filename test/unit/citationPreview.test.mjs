// The Markdown preview's citations: markdown-it with the plugin, citeproc with the bundled APA
// style, checked against pandoc --citeproc for the same note and style where pandoc is installed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { core, root, hasTool } from '../helpers.mjs';

const require = createRequire(import.meta.url);
const MarkdownIt = require('markdown-it');

const fixtures = path.join(root, 'test', 'fixtures', 'pandoc');
const styleFiles = { style: fs.readFileSync(path.join(root, 'csl', 'apa.csl'), 'utf8'), locale: fs.readFileSync(path.join(root, 'csl', 'locales-en-US.xml'), 'utf8') };
const items = new Map(JSON.parse(fs.readFileSync(path.join(fixtures, 'refs.json'), 'utf8')).map((item) => [item.id, item]));
const note = '---\nbibliography: refs.json\n---\n\nSymmetry helps [see @lim2024, p. 33]. As @hop1982 showed, machines think [-@tur1950].\n';

function previewer() {
  const md = new MarkdownIt();
  md.use(core.citationPreviewPlugin, { render: (clusters, meta) => core.renderCitations(clusters, items, styleFiles, meta.nocite) });
  return md;
}

/** Text of an HTML fragment as a reader sees it. */
const text = (html) =>
  html.replace(/<[^>]+>/g, '').replace(/&#38;|&amp;/g, '&').replace(/&#60;|&lt;/g, '<').replace(/&#62;|&gt;/g, '>').replace(/\s+/g, ' ').trim();
const citationsOf = (html) => [...html.matchAll(/<span class="citation"[^>]*>([\s\S]*?)<\/span>(?=[^<]*(<|$))/g)].map((m) => text(m[1]));
const entriesOf = (html) => [...html.matchAll(/<div id="ref-[^"]*" class="csl-entry"[^>]*>([\s\S]*?)<\/div>/g)].map((m) => text(m[1]));

test('preview: three citations become APA in-text citations and a reference list under "References"', () => {
  const html = previewer().render(note);
  assert.deepEqual(citationsOf(html), ['(see Lim et al., 2024, p. 33)', 'Hopfield (1982)', '(1950)']);
  assert.match(html, /<h2 class="references-title">References<\/h2>/);
  assert.deepEqual(entriesOf(html), [
    'Hopfield, J. J. (1982). Neural networks and physical systems.',
    'Lim, J., Smith, B., & Doe, A. (2024). Empirical analysis of symmetry.',
    'Turing, A. (1950). Computing machinery and intelligence.',
  ]);
});

test('preview: unknown keys show as @key?, cross-references and e-mails stay text, nocite and #refs honoured', () => {
  const md = previewer();
  const html = md.render('---\nnocite: "@tur1950"\n---\n\n# Notes\n\nSee [@nosuch; @hop1982], @fig-plot, me@example.com and [a link](https://x.org).\n\n::: {#refs}\n:::\n\nAfter the list.\n');
  assert.deepEqual(citationsOf(html), ['(Hopfield, 1982); @nosuch?']);
  assert.match(html, /@fig-plot/);
  assert.match(html, /me@example\.com/);
  assert.match(html, /<a href="https:\/\/x\.org">a link<\/a>/);
  assert.deepEqual(entriesOf(html).map((e) => e.split(',')[0]), ['Hopfield', 'Turing'], 'cited, then nocite');
  assert.ok(html.indexOf('id="refs"') < html.indexOf('After the list.'), 'the list stands where the div is');
  assert.doesNotMatch(html, /references-title/, 'no heading added where the note places the list');
});

test('preview: corpus text cannot inject HTML; a renderer failure leaves citations as written', () => {
  const evil = new Map([['x', { id: 'x', type: 'article', title: '<img src=x onerror=alert(1)>', author: [{ family: '<script>' }], issued: { 'date-parts': [[2020]] } }]]);
  const md = new MarkdownIt();
  md.use(core.citationPreviewPlugin, { render: (clusters) => core.renderCitations(clusters, evil, styleFiles) });
  const html = md.render('Cite [@x].');
  assert.doesNotMatch(html, /<img|<script/);
  const broken = new MarkdownIt();
  broken.use(core.citationPreviewPlugin, { render: () => { throw new Error('boom'); } });
  assert.match(broken.render('Cite [@x, p. 3].'), /<span class="citation" data-cites="x">\[@x, p\. 3\]<\/span>/);
});

/** `pandoc --citeproc` with the bundled APA style on a note beside a copy of a bibliography fixture: its HTML. */
function pandocCiteproc(bibliography, noteText) {
  const dir = fs.mkdtempSync(path.join(root, 'test', 'fixtures', 'pandoc', 'run-'));
  try {
    fs.copyFileSync(path.join(fixtures, bibliography), path.join(dir, bibliography));
    fs.writeFileSync(path.join(dir, 'note.md'), noteText);
    const result = spawnSync('pandoc', ['note.md', '--citeproc', '--csl', path.join(root, 'csl', 'apa.csl'), '-t', 'html', '--wrap=none'], { cwd: dir, encoding: 'utf8', timeout: 60000 });
    assert.equal(result.status, 0, result.stderr);
    return result.stdout;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

test('preview: the same note and style through pandoc --citeproc gives the same citations and entries', (t) => {
  if (!hasTool(t, 'pandoc')) return;
  const pandocHtml = pandocCiteproc('refs.json', note);
  const ours = previewer().render(note);
  assert.deepEqual(citationsOf(ours), citationsOf(pandocHtml));
  assert.deepEqual(entriesOf(ours), entriesOf(pandocHtml));
  assert.equal(entriesOf(pandocHtml).length, 3);
});

test('preview: formatting happens at render time, so tokens parsed once (VS Code caches them) show later answers', () => {
  let answer;
  const md = new MarkdownIt();
  md.use(core.citationPreviewPlugin, { render: (clusters, meta, env) => (env.currentDocument ? answer : undefined) });
  const tokens = md.parse('Cite [@hop1982].', {});
  assert.match(md.renderer.render(tokens, md.options, { currentDocument: 'file:///n.md' }), />\[@hop1982\]<\/span>/, 'as written while waiting');
  answer = { citations: ['(Hopfield, 1982)'], bibliography: ['<div class="csl-entry">Hopfield, J. J. (1982).</div>'], bibliographyKeys: ['hop1982'] };
  const html = md.renderer.render(tokens, md.options, { currentDocument: 'file:///n.md' });
  assert.match(html, />\(Hopfield, 1982\)<\/span>/);
  assert.match(html, /<h2 class="references-title">References<\/h2>\n<div id="refs"[^>]*>\n<div id="ref-hop1982" class="csl-entry"/);
});

test('scanner: an in-text citation keeps its bracketed locator, `@key [p. 3]`; a link after it is not one', () => {
  const found = core.scanCitations('As @a [p. 3] and @b[chap. 2], @c [see](x), @d [x @e] and [@f] [p. 4].');
  assert.deepEqual(found.map((c) => [c.key, c.suffix]), [['a', 'p. 3'], ['b', 'chap. 2'], ['c', undefined], ['d', undefined], ['e', undefined], ['f', undefined]]);
});

test('preview: `@key [p. 3]` renders as pandoc does, "Hopfield (1982, p. 3)", the locator inside the citation', () => {
  const html = previewer().render('As @hop1982 [p. 3] said, and @tur1950[p. 7].');
  assert.deepEqual(citationsOf(html), ['Hopfield (1982, p. 3)', 'Turing (1950, p. 7)']);
  assert.doesNotMatch(html, /\[p\. 3\]/);
});

/** A BibTeX file read by our reader, its papers as CSL items (what the server sends citeproc). */
function bibItems(file) {
  const parsed = core.parseBibtex(fs.readFileSync(file, 'utf8'), file);
  return new Map(parsed.records.map((r) => [r.ownKey, core.paperToCsl({ ...r, key: r.ownKey, aliases: [], sources: [r.source] }, r.ownKey)]));
}

const typesNote = '---\nbibliography: types.bib\n---\n\nA [@hopfield1982neural]. B @vaswani2017attention [p. 3]. C [see @goodfellow2016deep, p. 12].\n';

test('preview: reference entries show venue, volume, issue, pages, DOI, URL and publisher by type', () => {
  const items = bibItems(path.join(fixtures, 'types.bib'));
  const md = new MarkdownIt();
  md.use(core.citationPreviewPlugin, { render: (clusters, meta) => core.renderCitations(clusters, items, styleFiles, meta.nocite) });
  const html = md.render(typesNote);
  assert.deepEqual(citationsOf(html), ['(Hopfield, 1982)', 'Vaswani et al. (2017, p. 3)', '(see Goodfellow et al., 2016, p. 12)']);
  assert.deepEqual(entriesOf(html), [
    'Goodfellow, I., Bengio, Y., & Courville, A. (2016). Deep learning. MIT Press.',
    'Hopfield, J. J. (1982). Neural networks and physical systems with emergent collective computational abilities. Proceedings of the National Academy of Sciences, 79(8), 2554–2558. https://doi.org/10.1073/pnas.79.8.2554',
    'Vaswani, A., Shazeer, N., & Parmar, N. (2017). Attention is all you need. Advances in Neural Information Processing Systems, 30, 5998–6008. https://example.org/attention',
  ]);
  // DOIs and URLs are links, as pandoc writes them.
  assert.match(html, /<a href="https:\/\/doi\.org\/10\.1073\/pnas\.79\.8\.2554">https:\/\/doi\.org\/10\.1073\/pnas\.79\.8\.2554<\/a><\/div>/);
  assert.match(html, /<a href="https:\/\/example\.org\/attention">/);
});

test('preview: a journal article, a conference paper and a book from BibTeX read as pandoc --citeproc writes them', (t) => {
  if (!hasTool(t, 'pandoc')) return;
  const pandocHtml = pandocCiteproc('types.bib', typesNote);
  const items = bibItems(path.join(fixtures, 'types.bib'));
  const md = new MarkdownIt();
  md.use(core.citationPreviewPlugin, { render: (clusters, meta) => core.renderCitations(clusters, items, styleFiles, meta.nocite) });
  const ours = md.render(typesNote);
  assert.deepEqual(citationsOf(ours), citationsOf(pandocHtml));
  assert.deepEqual(entriesOf(ours), entriesOf(pandocHtml));
  assert.equal(entriesOf(pandocHtml).length, 3);
});
