import { test } from 'node:test';
import assert from 'node:assert/strict';
import { core } from '../helpers.mjs';

const full = 'We study message passing in depth. Our method improves on prior work across many benchmarks, and we release code for others to build on.';
const typo = full.replace('message', 'mesage').replace('--', '---');

const digestA = ['graph learning', 'Message Passing on Sparse Graphs', full.slice(0, 60), '- Energy (0.3)'].join('\n');
const digestB = ['graph learning', 'Message Passing on Sparse Graphs', 'Berg, Anna, Smith, John', full, '- Energy (0.5)', '- Europe > Spain (0.1)'].join('\n');
const digestC = ['other topic', 'Message passing on sparse graphs', typo].join('\n');
const listing = '- Message Passing on Sparse Graphs We study message passing in depth. 2 authors · Mar 4, 2022';

test('merge: copies across files become one paper with the richest data', () => {
  const corpus = core.buildCorpus([
    { path: 'a.txt', text: digestA },
    { path: 'b.txt', text: digestB },
    { path: 'c.txt', text: digestC },
    { path: 'l.txt', text: listing },
  ]);
  assert.equal(corpus.papers.length, 1);
  const [paper] = corpus.papers;
  assert.equal(paper.abstract, full, 'the full abstract from the copy with authors');
  assert.deepEqual(paper.authors.map((a) => a.family), ['Berg', 'Smith']);
  assert.equal(paper.authorCount, 2);
  assert.deepEqual(paper.date, { year: 2022, month: 3, day: 4 }, 'the date from the listing copy');
  assert.equal(paper.sources.length, 4);
  const energy = paper.topics.find((t) => t.path[0] === 'Energy');
  assert.equal(energy.weight, 0.5, 'the highest weight of a repeated tag');
  assert.ok(paper.topics.some((t) => t.kind === 'header' && t.path[0] === 'other topic'));
  assert.equal(paper.key, 'berg2022message');
  assert.equal(corpus.byKey.get('berg2022message'), paper);
});

test('keys: author + year + first significant title word; without authors two title words; ASCII, starting with a letter', () => {
  assert.equal(core.baseKey({ title: 'The Über Model', authors: [{ family: 'Müller-Schön', given: 'A' }], date: { year: 2020 } }), 'mullerschon2020uber');
  assert.equal(core.baseKey({ title: 'On Graphs', date: {} }), 'graphs');
  assert.equal(core.baseKey({ title: 'A Study of Things', date: { year: 1999 } }), 'things1999study', 'common title words come after the distinctive ones');
  assert.equal(core.baseKey({ title: 'Large Language Models for Code Repair', date: { year: 2023 } }), 'code2023repair');
  assert.equal(core.baseKey({ title: "100k Brauer's Bi-dimensional Nets", date: { year: 2025 } }), 'brauer2025bidimensional');
  assert.equal(core.baseKey({ title: '2026', date: { year: 2026 } }), 'paper2026');
});

test('keys: a collision takes more of its own title words, independent of file order; unrelated papers change nothing', () => {
  const make = (title) => `- ${title} We study things in depth. 1 authors · Jan 1, 2020`;
  const x = { path: 'x.txt', text: make('Trees Fun Are Fun') };
  const y = { path: 'y.txt', text: make('Trees Fun Are Hard') };
  const z = { path: 'z.txt', text: make('Forests Are Fun') };
  const keysOf = (files) => Object.fromEntries(core.buildCorpus(files).papers.map((p) => [p.title, p.key]));
  const one = keysOf([x, y]);
  assert.deepEqual(one, { 'Trees Fun Are Fun': 'trees2020fun', 'Trees Fun Are Hard': 'trees2020funhard' });
  assert.deepEqual(keysOf([y, x]), one, 'file order does not matter');
  const more = keysOf([z, y, x]);
  assert.equal(more['Trees Fun Are Fun'], 'trees2020fun');
  assert.equal(more['Trees Fun Are Hard'], 'trees2020funhard');
  assert.equal(more['Forests Are Fun'], 'forests2020fun');
});

test('corpus: a binary file is reported and the rest still loads', () => {
  const corpus = core.buildCorpus([
    { path: 'bin.txt', text: '\u0000\u0001\u0002PNG' },
    { path: 'l.txt', text: listing },
  ]);
  assert.equal(corpus.papers.length, 1);
  assert.deepEqual(corpus.problems.map((p) => [p.file, p.line]), [['bin.txt', 1]]);
  assert.match(corpus.problems[0].message, /binary/);
});
