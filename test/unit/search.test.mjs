import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { core, bundledCorpus } from '../helpers.mjs';

const corpus = core.buildCorpus(bundledCorpus.map((p) => ({ path: p, text: fs.readFileSync(p, 'utf8') })));
const search = new core.PaperSearch(corpus.papers);
const keys = (query, n = 5) => search.search(query, n).map((h) => h.paper.key);

test('search: key prefix comes first', () => {
  assert.equal(keys('lim')[0], 'limempirical');
  assert.equal(keys('faenet2')[0], 'faenet2023frame');
});

test('search: title words, author names, year', () => {
  assert.equal(keys('wyckoff diffusion')[0], 'wyckoffdiffdiffusion');
  assert.equal(keys('jegelka')[0], 'limempirical');
  assert.ok(keys('cerezo quantum').includes('fontanaoptimizing'));
  assert.ok(search.search('2017', 5).every((h) => h.paper.date.year === 2017));
});

test('search: typos are tolerated', () => {
  assert.equal(keys('jellyfsh')[0], 'jellyfish2023characterise');
  assert.equal(keys('canonicalisation')[0], 'equivariance2022learned');
});

test('search: abstract words find papers, ranked below title matches', () => {
  const hits = search.search('isogenies', 5);
  assert.equal(hits[0].paper.key, 'two2019problems');
  const colloid = search.search('statistical physics colloids', 3);
  assert.equal(colloid[0].paper.key, 'cybloids2024creation');
  const relu = search.search('relu', 5).map((h) => h.paper.key);
  assert.equal(relu[0], 'hidden2023symmetries', 'the paper with ReLU in its title leads');
});

test('search: a query matching nothing returns nothing', () => {
  assert.deepEqual(keys('zzzzqqqq'), []);
});
