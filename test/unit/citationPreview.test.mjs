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
  return new Map(parsed.records.map((r) => [r.ownKey, core.previewCslItem({ ...r, key: r.ownKey, aliases: [], sources: [r.source] }, r.ownKey)]));
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

const locatorNote = [
  '---', 'bibliography: refs.json', '---', '',
  'L1 [@lim2024, 33]. L2 [@lim2024, pp. 33-35, 38-39 and *passim*]. L3 [@lim2024 p. 7]. L4 [@lim2024, sec. 3.2].',
  'L5 [@lim2024, fig. 2]. L6 [@lim2024, vol. 2, p. 3]. L7 [@lim2024, para. 4]. L8 [@lim2024, p. iv]. L9 [@lim2024, emphasis added].',
  'L10 [@lim2024, §3]. L11 [@lim2024, col. 3]. L12 [@lim2024, pt. 2]. L13 [@lim2024, bk. 1]. L14 [@lim2024, op. 3]. L15 [@lim2024, fol. 4].',
  'L16 [@lim2024, n. 12]. L17 [@lim2024, ch. 2]. L18 [@lim2024, s.v. word]. L19 [@lim2024, p. 3, emphasis added]. L20 [@lim2024, Section 4].', '',
].join('\n');

test('preview: locators are read with the locale\'s labels as pandoc reads them (a bare number is a page, "ch." is no label)', () => {
  const html = previewer().render(locatorNote);
  assert.deepEqual(citationsOf(html), [
    '(Lim et al., 2024, p. 33)', '(Lim et al., 2024, pp. 33–35, 38–39 and passim)', '(Lim et al., 2024, p. 7)', '(Lim et al., 2024, Section 3.2)',
    '(Lim et al., 2024, Figure 2)', '(Lim et al., 2024, Volume 2, p. 3)', '(Lim et al., 2024, para. 4)', '(Lim et al., 2024, p. iv)', '(Lim et al., 2024, emphasis added)',
    '(Lim et al., 2024, Section 3)', '(Lim et al., 2024, Column 3)', '(Lim et al., 2024, Part 2)', '(Lim et al., 2024, Book 1)', '(Lim et al., 2024, Opus 3)', '(Lim et al., 2024, Folio 4)',
    '(Lim et al., 2024, Note 12)', '(Lim et al., 2024, ch. 2)', '(Lim et al., 2024, s.v. word)', '(Lim et al., 2024, p. 3, emphasis added)', '(Lim et al., 2024, Section 4)',
  ]);
  assert.match(html, /and <i>passim<\/i>\)/, 'emphasis in a suffix is emphasis');
});

test('preview: every locator label above reads as pandoc --citeproc reads it', (t) => {
  if (!hasTool(t, 'pandoc')) return;
  assert.deepEqual(citationsOf(previewer().render(locatorNote)), citationsOf(pandocCiteproc('refs.json', locatorNote)));
});

test('preview: "chap." and "chapter" are chapter locators (APA writes "Chapter 3"); braces take a locator as written, `{}` none', () => {
  // APA 7 (section 8.13) writes "(Shimamura, 2017, Chapter 3)"; pandoc 2.17 prints the bare "3"
  // because its citeproc never finds a locator numeric (jgm/citeproc#166). `{}` is pandoc's "no
  // locator here" (pandoc 2.17 prints a stray "p." for it); a hyphen in a locator is a range's en dash, as pandoc writes it.
  const html = previewer().render('A [@lim2024, chap. 3]. B [@lim2024, chapters 3-4]. C [@lim2024{ii, A, D-Z}, with a suffix]. D [@lim2024{}, 99 years later]. E [@lim2024, {chap. 3a}]. F [@lim2024{}]. G [@lim2024{} 99 years later]. H [@lim2024{pp. iv, vi-xi, (xv)-(xvii)} and on].');
  assert.deepEqual(citationsOf(html), [
    '(Lim et al., 2024, Chapter 3)', '(Lim et al., 2024, Chapters 3–4)', '(Lim et al., 2024, pp. ii, A, D–Z, with a suffix)', '(Lim et al., 2024, 99 years later)', '(Lim et al., 2024, Chapter 3a)',
    '(Lim et al., 2024)', '(Lim et al., 2024 99 years later)', '(Lim et al., 2024, pp. iv, vi–xi, (xv)–(xvii) and on)',
  ]);
  const labels = core.locatorLabels(styleFiles.locale);
  assert.deepEqual(['chap.', 'chaps.', 'chapter', 'c.', 'p.', 'pp.', '§', '¶', 's.v.', 'no.'].map((l) => labels.get(l)), ['chapter', 'chapter', 'chapter', 'chapter', 'page', 'page', 'section', 'paragraph', 'sub-verbo', 'issue']);
});

test('preview: pandoc\'s other citation forms: `@a [p. 3; @b]` is one in-text citation, `[see @a; also @b]` keeps its order, `-@a` and `*@a*` in a sentence', () => {
  const html = previewer().render('S1 @lim2024 [p. 3; @hop1982]. S2 [see @lim2024, p. 3; also @hop1982, p. 1]. S3 -@lim2024 says. S4 *@tur1950* and **@hop1982**. S5 [@lim2024; see p. 3]. S6 @lim2024 [see @hop1982]. S7 [@lim2024;@hop1982]. S8 [see\n@tur1950, p. 3].');
  assert.deepEqual(citationsOf(html), [
    'Lim et al. (2024, p. 3; Hopfield, 1982)', '(see Lim et al., 2024, p. 3; also Hopfield, 1982, p. 1)', 'Lim et al. (2024)', 'Turing (1950)', 'Hopfield (1982)',
    'Lim et al. (2024)', 'Lim et al. (2024)', '(see Hopfield, 1982)', '(Hopfield, 1982; Lim et al., 2024)', '(see Turing, 1950, p. 3)',
  ]);
  assert.match(text(html), /S3 -Lim et al\. \(2024\) says/);
  assert.match(text(html), /S5 \[Lim et al\. \(2024\); see p\. 3\]/, 'a bracket with an item that has no key is no citation (pandoc)');
});

test('preview: the forms above read as pandoc --citeproc reads them where pandoc 2.17 gives one answer', (t) => {
  if (!hasTool(t, 'pandoc')) return;
  const same = '---\nbibliography: refs.json\n---\n\nS2 [see @lim2024, p. 3; also @hop1982, p. 1]. S3 -@lim2024 says. S4 *@tur1950* and **@hop1982**. S5 [@lim2024; see p. 3]. S7 [@lim2024;@hop1982]. S8 [see\n@tur1950, p. 3]. S9 [@lim2024{ii, A, D-Z}, with a suffix]. S10 [@tur1950{pp. iv, vi-xi, (xv)-(xvii)} and on]. S11 [@lim2024 and passim].\n';
  assert.deepEqual(citationsOf(previewer().render(same)), citationsOf(pandocCiteproc('refs.json', same)));
});

test('scanner: an emphasised citation is a citation, as pandoc reads it (`**@a**`, `*@b*`, `_@c_` is the key "c_")', () => {
  assert.deepEqual(core.scanCitations('**@a** and *@b* and _@c_ but not me@d.org or x_@e').map((c) => c.key), ['a', 'b', 'c_']);
});

const titlesNote = '---\nbibliography: titles.bib\nnocite: "@*"\n---\n\nSee [@t1].\n';
const titleEntries = () => {
  const items = bibItems(path.join(fixtures, 'titles.bib'));
  const md = new MarkdownIt();
  md.use(core.citationPreviewPlugin, { render: (clusters, meta) => core.renderCitations(clusters, items, styleFiles, meta.nocite.includes('*') ? [...items.keys()] : meta.nocite) });
  return entriesOf(md.render(titlesNote));
};

test('preview: BibTeX titles in sentence case as pandoc makes them, braced words and other languages kept, subtitles joined', () => {
  assert.deepEqual(titleEntries(), [
    'Adams, A. (2001). Deep learning: The art of GPU design. Journal of Tests.',
    'Baker, B. (2002). Word-level embeddings and x-ray images in 3D worlds. Journal of Tests.',
    'Clark, C. (2003). iPhone apps and BERT rocks for McDonald farms. Journal of Tests.',
    'Davis, D. (2004). Über alles: O’brien’s law and “quoted words.” Journal of Tests.',
    'Evans, E. (2005). An Étude in États-unis. Journal of Tests.',
    'Fox, F. (2006). Ein Titel Über Alles. Journal of Tests.',
    'Gray, G. (2007). A lowercase start, and a title. Journal of Tests.',
    'Hill, H. (2008). Models of things; other things (revisited) / more things. Journal of Tests.',
    'Irwin, I. (2009). Chapter title here. In The handbook of brain theory and neural networks. MIT Press.',
    'Jones, J. (2010). Conference paper title. Proceedings of the IEEE Conference on Computer Vision.',
    'King, K. (2011). eBay rules the World Wide web. Journal of Tests.',
    'Lee, L. (2012). What is it? This one! And also. then. Journal of Tests.',
    'Moore, M. (2013). Tom’s walk through NASA’s labs. Journal of Tests.',
    // biblatex subtitles and title additions, joined as pandoc joins them.
    'Nolan, N. (2014). Deep learning: A practical introduction to Neural networks. MIT Press.',
    'Owens, O. (2015). Symmetry in nets: What we know. Journal of Tests.',
    'Park, P. (2016). Plain title? And more. Extra words. Journal of Tests.',
    'Quinn, Q. (2017). A chapter: Its subtitle. In The book: Book subtitle. MIT Press.',
  ]);
});

test('preview: the same BibTeX titles read as pandoc --citeproc writes them', (t) => {
  if (!hasTool(t, 'pandoc')) return;
  assert.deepEqual(titleEntries(), entriesOf(pandocCiteproc('titles.bib', titlesNote)));
});

test('renderer: notes rendered one after another (and a hover\'s reference between) each get their own citations and reference list', () => {
  const paper = (i, family, year) => ({ id: `s${i}`, type: 'article-journal', title: `Study ${i}`, author: [{ family, given: 'Ann' }], issued: { 'date-parts': [[year]] } });
  // Two by one author in one year: "2020a" and "2020b" only where both are in the note.
  const all = [paper(0, 'Lim', 2020), paper(1, 'Lim', 2020), paper(2, 'Ng', 2019), paper(3, 'Ng', 2021), paper(4, 'Doe', 2018)];
  const render = (ids, nocite = []) => {
    const some = new Map(all.filter((p) => ids.includes(p.id) || nocite.includes(p.id) || nocite.includes('*')).map((p) => [p.id, p]));
    return core.renderCitations(ids.map((key) => ({ items: [{ key }], inText: false })), some, styleFiles, nocite);
  };
  const fresh = render(['s0', 's1', 's2']);
  assert.deepEqual(fresh.citations, ['(Lim, 2020a)', '(Lim, 2020b)', '(Ng, 2019)']);
  assert.deepEqual(fresh.bibliographyKeys, ['s0', 's1', 's2']);
  const fewer = render(['s0', 's2']);
  assert.deepEqual(fewer.citations, ['(Lim, 2020)', '(Ng, 2019)'], 'no year suffix once the other 2020 paper is gone');
  assert.deepEqual(fewer.bibliographyKeys, ['s0', 's2']);
  assert.deepEqual(render(['s3'], ['*']).bibliographyKeys, ['s4', 's0', 's1', 's2', 's3']);
  assert.match(core.formatReference(all[4], styleFiles), /^Doe, A\. \(2018\)\. Study 4\./);
  const after = render(['s1', 's3'], ['s2']);
  assert.deepEqual(after.citations, ['(Lim, 2020)', '(Ng, 2021)']);
  assert.deepEqual(after.bibliographyKeys, ['s1', 's2', 's3']);
  assert.deepEqual(render(['s0', 's1', 's2']), fresh, 'the first note again renders as the first time');
});

test('renderer: a style that tests a cite\'s position renders first and subsequent citations in document order', () => {
  const style = `<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">
  <info><title>Position test</title><id>position-test</id><updated>2026-01-01T00:00:00+00:00</updated></info>
  <citation><layout prefix="(" suffix=")" delimiter="; "><choose><if position="subsequent"><text value="again "/><text variable="title"/></if><else><text variable="title"/></else></choose></layout></citation>
  <bibliography><layout><text variable="title"/></layout></bibliography>
</style>`;
  const files = { style, locale: styleFiles.locale };
  const items = new Map([['a', { id: 'a', type: 'book', title: 'Alpha' }], ['b', { id: 'b', type: 'book', title: 'Beta' }]]);
  const cite = (key) => ({ items: [{ key }], inText: false });
  const first = core.renderCitations([cite('a'), cite('b'), cite('a')], items, files, []);
  assert.deepEqual(first.citations, ['(Alpha)', '(Beta)', '(again Alpha)']);
  assert.deepEqual(first.bibliography.map(text), ['Alpha', 'Beta']);
  const other = core.renderCitations([cite('b'), cite('b')], items, files, ['a']);
  assert.deepEqual(other.citations, ['(Beta)', '(again Beta)']);
  assert.deepEqual(other.bibliography.map(text), ['Beta', 'Alpha'], 'the cited item, then the nocite one (the style does not sort)');
});
