import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { core, cliPath, hasTool } from '../helpers.mjs';

const bib = String.raw`% A library as JabRef or Better BibTeX writes it.
@string{ jmlr = "Journal of Machine " # "Learning Research" }
@preamble{ "\newcommand{\noopsort}[1]{}" }
@comment{ jabref-meta: databaseType:biblatex; }

@article{knuth1984,
  author    = {Knuth, Donald E. and {The TeX Users Group} and van der Berg, Jr, Anna and Jos{\'e} M{\"u}ller},
  title     = {Literate {P}rogramming: {\"U}ber \emph{Code} and {\ss}tyle -- a {Study}},
  journal   = jmlr,
  year      = 1984,
  month     = may,
  doi       = {10.1093/comjnl/27.2.97},
  keywords  = {literate programming; documentation, TeX},
  abstract  = "Programs should be {written} for people.~See https://example.org/lp."
}

@InProceedings{child2020,
  author = {Smith, Jane and others},
  title = {A Child Paper},
  crossref = {proc2020},
  date = {2020-07-13},
  eprint = {2007.01234v2}, eprinttype = {arxiv}
}

@proceedings{proc2020,
  title = {Proceedings of the Parent Conference},
  publisher = {ACM},
  year = {2020},
  url = {https://parent.example.org}
}

@xdata{shared, note = {from xdata}, keywords = {shared keyword}}
@misc{usesxdata, title = {Uses Xdata}, xdata = {shared}, year = {2021}, author = {Lovelace, Ada}}
`;

const parsed = core.parseBibtex(bib, 'lib.bib');
const byKey = Object.fromEntries(parsed.records.map((r) => [r.ownKey, r]));

test('bibtex: entries, macros and # concatenation, comments and preamble skipped', () => {
  assert.deepEqual(parsed.problems, []);
  assert.deepEqual(Object.keys(byKey).sort(), ['child2020', 'knuth1984', 'proc2020', 'usesxdata']);
  const entries = core.parseBibEntries(bib, 'lib.bib').entries;
  assert.equal(entries.find((e) => e.key === 'knuth1984').fields.journal, 'Journal of Machine Learning Research');
  assert.equal(byKey.knuth1984.source.line, 6);
});

test('bibtex: LaTeX to Unicode, protective braces dropped, dashes and ties', () => {
  assert.equal(byKey.knuth1984.title, 'Literate Programming: Über Code and ßtyle – a Study');
  assert.equal(byKey.knuth1984.abstract, 'Programs should be written for people. See https://example.org/lp.');
});

test('bibtex: names with corporate authors, von parts, Jr, First Last order, and others', () => {
  assert.deepEqual(byKey.knuth1984.authors, [
    { family: 'Knuth', given: 'Donald E.' },
    { family: 'The TeX Users Group' },
    { family: 'van der Berg', given: 'Anna', suffix: 'Jr' },
    { family: 'Müller', given: 'José' },
  ]);
  assert.equal(byKey.knuth1984.authorCount, 4);
  assert.deepEqual(byKey.child2020.authors, [{ family: 'Smith', given: 'Jane' }]);
  assert.equal(byKey.child2020.authorCount, undefined, '"and others": the count is unknown');
  assert.deepEqual(core.parseNames('Ludwig van Beethoven').authors, [{ family: 'van Beethoven', given: 'Ludwig' }]);
});

test('bibtex: dates, DOI and arXiv links, URLs, keywords as topics', () => {
  assert.deepEqual(byKey.knuth1984.date, { year: 1984, month: 5 });
  assert.deepEqual(byKey.child2020.date, { year: 2020, month: 7, day: 13 });
  assert.deepEqual(byKey.knuth1984.urls, ['https://doi.org/10.1093/comjnl/27.2.97', 'https://example.org/lp']);
  assert.deepEqual(byKey.knuth1984.ids, { doi: '10.1093/comjnl/27.2.97', arxiv: undefined });
  assert.ok(byKey.child2020.urls.includes('https://arxiv.org/abs/2007.01234v2'));
  assert.equal(byKey.child2020.ids.arxiv, '2007.01234');
  assert.deepEqual(byKey.knuth1984.topics.map((t) => `${t.kind}:${t.path[0]}`), ['keyword:literate programming', 'keyword:documentation', 'keyword:TeX']);
});

test('bibtex: crossref and xdata inheritance', () => {
  assert.ok(byKey.child2020.urls.includes('https://parent.example.org'), 'url inherited from the crossref parent');
  const entries = core.parseBibEntries(bib, 'lib.bib').entries;
  core.parseBibtex(bib, 'x.bib');
  assert.equal(byKey.child2020.title, 'A Child Paper', 'the child keeps its own title');
  assert.deepEqual(byKey.usesxdata.topics.map((t) => t.path[0]), ['shared keyword']);
  assert.ok(entries.length === 5);
});

test('bibtex: malformed entries are reported with their line and skipped; the rest loads', () => {
  const nasty = String.raw`@article{good1, title = {Good One}, year = 2001}

@article{unterminated, title = {This brace never closes, year = 2002

@article{good2, title = "Good {Two}", year = 2003, journal = unknownmacro}
@article{good1, title = {Duplicate Key}}
@article{badquote, title = "Unbalanced } inside quotes"}
@article{nokey title = {x}}
@article{good3, title = {Good Three},}
`;
  const { records, problems } = core.parseBibtex(nasty, 'nasty.bib');
  assert.deepEqual(records.map((r) => r.ownKey), ['good1', 'good2', 'good3']);
  const where = problems.map((p) => `${p.line}:${p.severity}:${p.message.split(';')[0].split(/:(?! ?\d)/)[0]}`);
  assert.deepEqual(where, [
    '3:error:malformed @article entry',
    '5:warning:unknown macro "unknownmacro"',
    '7:error:malformed @article entry',
    '8:error:malformed @article entry',
    '6:warning:duplicate key "good1" (first at nasty.bib:1)',
  ]);
});

test('csl-json: items, names, dates, DOI, URL, keywords; lines of items; bad JSON reported', () => {
  const json = JSON.stringify([
    { id: 'doe2020', type: 'article-journal', title: 'CSL Paper', author: [{ family: 'Doe', given: 'Jane' }, { literal: 'The Consortium' }, { family: 'Beethoven', given: 'Ludwig', 'non-dropping-particle': 'van' }], issued: { 'date-parts': [[2020, 3]] }, abstract: 'About CSL.', DOI: '10.1000/XYZ', URL: 'https://example.org/csl', keyword: 'a, b' },
    { id: 'notitle' },
    { id: 'raw', title: 'Raw Date', issued: { raw: '2019-11-02' } },
  ], null, 2);
  const { records, problems } = core.parseCslJson(json, 'lib.json');
  assert.deepEqual(records.map((r) => r.ownKey), ['doe2020', 'notitle', 'raw'], 'an item without a title is kept: pandoc cites it');
  const [doe, notitle, raw] = records;
  assert.equal(notitle.title, 'Untitled (notitle)');
  assert.deepEqual(doe.authors, [{ family: 'Doe', given: 'Jane' }, { family: 'The Consortium' }, { family: 'van Beethoven', given: 'Ludwig' }]);
  assert.deepEqual(doe.date, { year: 2020, month: 3 });
  assert.deepEqual(doe.urls, ['https://doi.org/10.1000/XYZ', 'https://example.org/csl']);
  assert.equal(doe.ids.doi, '10.1000/xyz');
  assert.deepEqual(doe.topics.map((t) => t.path[0]), ['a', 'b']);
  assert.equal(doe.source.line, 2);
  assert.deepEqual(raw.date, { year: 2019, month: 11, day: 2 });
  assert.deepEqual(problems, []);
  const bad = core.parseCslJson('[\n  {"id": "a",\n  "title": }\n]', 'bad.json');
  assert.equal(bad.problems[0].line, 3);
  assert.match(bad.problems[0].message, /not valid JSON/);
});

test('merging: same DOI or arXiv id, else same title, becomes one paper; the bibliography key wins and the old key still resolves', () => {
  const listing = '- Literate Programming We study programs written for people. 1 authors · May 1, 1984';
  const csl = JSON.stringify([{ id: 'Knuth84', title: 'Literate programming (journal version)', DOI: '10.1093/COMJNL/27.2.97' }]);
  const corpus = core.buildCorpus([
    { path: 'seed.txt', text: listing },
    { path: 'lib.bib', text: bib },
    { path: 'lib.json', text: csl },
  ]);
  const paper = corpus.byKey.get('knuth1984');
  assert.ok(paper);
  assert.equal(corpus.byKey.get('Knuth84'), paper, 'same DOI');
  assert.equal(paper.sources.length, 2, 'the listing title differs from the bib title, so it stays its own paper');
  assert.equal(paper.title, 'Literate Programming: Über Code and ßtyle – a Study', 'the bibliography entry wins');
  assert.ok(paper.aliases.includes('knuth1984literate'), 'the generated key still resolves');
  assert.equal(corpus.byKey.get('knuth1984literate'), paper);
});

test('export: BibTeX and CSL-JSON round trips give the same papers', () => {
  const corpus = core.buildCorpus([{ path: 'lib.bib', text: bib }]);
  const seeds = ['000_40b54672e9f7f0c1.txt', '001_982cc8407ff96e51.txt'].map((f) => ({ path: f, text: fs.readFileSync(path.join(import.meta.dirname, '..', '..', 'corpus', f), 'utf8') }));
  const all = core.buildCorpus(seeds).papers.concat(corpus.papers);
  // CSL-JSON has no "and others": after it, the named authors are all the authors.
  const essence = (p, format) => ({
    key: p.key, title: p.title, authors: p.authors, date: p.date.year === undefined ? {} : p.date, abstract: p.abstract, doi: p.ids?.doi,
    authorCount: !p.authors ? undefined : format === 'csl-json' ? p.authors.length : p.authorCount,
  });
  for (const [format, write, read] of [['bibtex', core.toBibtex, core.parseBibtex], ['csl-json', core.toCslJson, core.parseCslJson]]) {
    const text = write(all);
    const again = core.corpusFromRecords(read(text, `out.${format}`).records, []);
    assert.deepEqual(again.problems, [], format);
    const byKey = new Map(again.papers.map((p) => [p.key, p]));
    for (const paper of all) assert.deepEqual(essence(byKey.get(paper.key), format), essence(paper, format), `${format}: ${paper.key}`);
  }
});

test('cli: export --cited writes what the notes cite; pandoc renders it with --citeproc', (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'litnotes-export-'));
  fs.writeFileSync(path.join(dir, 'note.md'), 'Symmetries matter [@limempirical, p. 2]; see also @faenet2023.\n');
  const out = path.join(dir, 'refs.bib');
  const result = spawnSync(process.execPath, [cliPath, 'export', '--cited', dir, '--format', 'bibtex', '--output', out], { encoding: 'utf8', timeout: 20000 });
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stderr, /2 papers exported as bibtex/);
  const exported = core.parseBibtex(fs.readFileSync(out, 'utf8'), out).records.map((r) => r.ownKey).sort();
  assert.deepEqual(exported, ['faenet2023', 'limempirical']);
  if (!hasTool(t, 'pandoc')) return;
  const pandoc = spawnSync('pandoc', [path.join(dir, 'note.md'), '--citeproc', `--bibliography=${out}`, '-t', 'plain'], { encoding: 'utf8', timeout: 60000 });
  assert.equal(pandoc.status, 0, pandoc.stderr);
  assert.match(pandoc.stdout, /Lim et al/);
  assert.match(pandoc.stdout, /The Empirical Impact of Neural Parameter Symmetries/);
  assert.doesNotMatch(pandoc.stderr, /not found/);
});

test('corpus files that are not UTF-8 are read as Latin-1, not dropped', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'litnotes-latin1-'));
  const file = path.join(dir, 'latin1.bib');
  fs.writeFileSync(file, Buffer.from('@article{m1, title = {Caf\xe9 Paper}, year = 2000}\n', 'latin1'));
  const result = spawnSync(process.execPath, [cliPath, 'show', 'm1', '--no-default-corpus', '--corpus', file], { encoding: 'utf8', timeout: 20000 });
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, /Café Paper/);
});
