// Typo'd prefixes, author names and long queries, on a small corpus written for these tests:
// neighbours that share prefixes and names, so a wrong match would show.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { core } from '../helpers.mjs';

const papers = [
  ['Equivariant Graph Networks for Molecular Dynamics', [['van der Berg', 'Anna'], ['Jegelka', 'Stefanie']], 2021],
  ['Equivalence Classes of Sparse Matrices', [['Berger', 'Tom']], 2019],
  ['Transformers Learn In-Context by Gradient Descent', [['Müller-Schmidt', 'Jonas'], ['Nowak', 'Ewa']], 2023],
  ['Transport Maps for Bayesian Inference', [['Transue', 'Kim']], 2018],
  ['Diffusion Models Beat GANs on Image Synthesis', [["O'Neil", 'Sinéad'], ['García', 'Lucía']], 2021],
  ['Differential Privacy for Federated Learning', [['de la Fuente', 'José']], 2020],
  ['Representation Learning with Contrastive Predictive Coding', [['Ødegaard', 'Mette'], ['Lefèvre', 'Élodie']], 2018],
  ['Reproducibility in Machine Learning Research', [['Mueller', 'Max']], 2022],
  ['Photoconductive Materials for Solar Cells', [['Yılmaz', 'Ayşe']], 2017],
  ['Photographic Style Transfer', [['Bergström', 'Lena']], 2016],
].map(([title, authors, year], i) => ({
  key: `paper${i}`,
  aliases: [],
  title,
  authors: authors.map(([family, given]) => ({ family, given })),
  date: { year },
  abstract: 'We study a problem and propose a method with experiments.',
  topics: [],
  links: [],
  sources: [],
}));
const search = new core.PaperSearch(papers);
const top = (query, n = 3) => search.search(query, n).map((h) => h.paper.title);

test('typo in the word being typed: one edit within 8 letters', () => {
  assert.equal(top('equivarin')[0], papers[0].title); // a letter dropped
  assert.equal(top('transfomr')[0], papers[2].title); // two letters swapped
  assert.equal(top('difusio')[0], papers[4].title); // a letter dropped early
  assert.equal(top('photocpnd')[0], papers[8].title); // a neighbouring key
  assert.equal(top('reprr')[0].startsWith('Repr'), true); // a doubled letter in a short prefix
});

test('typo in the word being typed: two edits in a longer word', () => {
  assert.equal(top('reprsentatoin')[0], papers[6].title);
  assert.equal(top('equivairant grap')[0], papers[0].title);
});

test('a clean prefix ranks above typo matches of it', () => {
  // "equival" is a clean prefix of "equivalence" and one edit from "equivar(iant)".
  assert.deepEqual(top('equival', 2), [papers[1].title, papers[0].title]);
  assert.equal(top('transp')[0], papers[3].title);
});

test('a typo two edits away in a short word does not match', () => {
  assert.deepEqual(top('eqxxvar'), []);
});

test('author names: particles, hyphens, accents and apostrophes, by prefix and with a typo', () => {
  const first = (query) => search.search(query, 1)[0]?.paper.key;
  assert.equal(first('vanderberg'), 'paper0');
  assert.equal(first('vanderb'), 'paper0');
  assert.equal(first('van der berg'), 'paper0');
  assert.equal(first('jegelka'), 'paper0');
  assert.equal(first('jegleka'), 'paper0');
  assert.equal(first('jege'), 'paper0');
  assert.equal(first('müller-schmidt'), 'paper2');
  assert.equal(first('mullerschmidt'), 'paper2');
  assert.equal(first('muellerschmidt'), 'paper2');
  assert.equal(first('schmidt'), 'paper2');
  assert.equal(first('oneil'), 'paper4');
  assert.equal(first('delafuente'), 'paper5');
  assert.equal(first('fuente'), 'paper5');
  assert.equal(first('odegaard'), 'paper6');
  assert.equal(first('ødegård'), 'paper6');
  assert.equal(first('lefevre'), 'paper6');
  assert.equal(first('yilmaz'), 'paper8');
  assert.equal(first('bergstrom'), 'paper9');
  // "mueller" is a name of its own and "Müller" written out: both are found, the exact one first.
  const mueller = search.search('mueller', 3).map((h) => h.paper.key);
  assert.equal(mueller[0], 'paper7');
  assert.ok(mueller.includes('paper2'));
});

test('an author word with a title word or a year narrows to the paper', () => {
  assert.equal(search.search('berg equivariant', 1)[0].paper.key, 'paper0');
  assert.equal(search.search('berger', 1)[0].paper.key, 'paper1');
  assert.equal(search.search('garcia 2021', 1)[0].paper.key, 'paper4');
});

test('fuzzyPrefixRanges: words starting within k edits, closer prefixes nested, no clean prefix', () => {
  const vocabulary = ['equivalence', 'equivariant', 'equivariance', 'equator', 'graph'].sort();
  const words = (query, k) => core.fuzzyPrefixRanges(vocabulary, query, k).map((r) => [vocabulary.slice(r.lo, r.hi), r.distance]);
  assert.deepEqual(words('equivarin', 2).find(([w, d]) => d === 1)[0], ['equivariance', 'equivariant']);
  assert.ok(words('equivarin', 2).every(([w]) => !w.includes('graph') && !w.includes('equator')));
  assert.deepEqual(words('equvi', 1), [[['equivalence', 'equivariance', 'equivariant'], 1]], 'swapped letters');
  assert.deepEqual(words('xquiv', 1), [], 'the first letter is taken as typed');
  assert.equal(core.editsAllowed(3), 0);
  assert.equal(core.editsAllowed(8), 1);
  assert.equal(core.editsAllowed(9), 2);
});

test('fuzzyPrefixRanges: letters beyond Latin-1, words longer than the byte columns, words ending inside them', () => {
  // The walk reads the first 8 characters from byte columns: a character from 255 up, a typo
  // past the 8th letter and a word that ends within the columns must be found as in the strings.
  const vocabulary = ['αβγδεζηθικ', 'αβγδεζηθκλ', 'αβγ', 'ärger', 'ärgern', 'ärgerlich', 'transformation', 'transformations', 'transform', 'trans', 'ÿÿzz', 'ÿĀzz'].sort();
  const words = (query, k) => [...new Set(core.fuzzyPrefixRanges(vocabulary, query, k).flatMap((r) => vocabulary.slice(r.lo, r.hi)))].sort();
  assert.deepEqual(words('αβδγε', 1), ['αβγδεζηθικ', 'αβγδεζηθκλ'], 'swapped Greek letters');
  assert.deepEqual(words('αβγδεζηθκι', 2), ['αβγδεζηθικ', 'αβγδεζηθκλ'], 'a typo past the 8th letter');
  assert.deepEqual(words('ärgrn', 1), ['ärgern']);
  assert.deepEqual(words('ärgez', 1), ['ärger', 'ärgerlich', 'ärgern'], 'a word ending inside the columns and the longer ones after it');
  assert.deepEqual(words('transfromations', 2), ['transformation', 'transformations'], 'swapped letters in a long word');
  assert.deepEqual(words('ÿĀzy', 1), ['ÿĀzz'], 'a character above 255 after one at 255');
  assert.deepEqual(words('ÿÿzy', 1), ['ÿÿzz']);
});

test('a huge query is capped: 1 MB costs about what 10 KB does', () => {
  // The fastest of five runs, the small case floored: only real super-linear cost fails this.
  const time = (query) => {
    let fastest = Infinity;
    for (let i = 0; i < 5; i++) {
      const start = performance.now();
      search.search(query, 10);
      fastest = Math.min(fastest, performance.now() - start);
    }
    return fastest;
  };
  const phrase = 'equivariant graph netwrks transfomr ';
  const small = phrase.repeat(Math.ceil(10240 / phrase.length));
  const big = phrase.repeat(Math.ceil(1048576 / phrase.length));
  time(small);
  const ratio = time(big) / Math.max(time(small), 0.2);
  assert.ok(ratio <= 150, `1 MB query took ${ratio.toFixed(1)}× the 10 KB one`);
  assert.ok(time('x'.repeat(100000)) < 500, 'a 100,000-character word returns quickly');
  assert.equal(search.search(big, 1)[0].paper.key, 'paper0', 'the start of a long query still finds');
});

test('a word in many keys does not crowd out the paper with both words in its title, one mistyped', () => {
  // Twelve papers keyed "author2020corrupted" (the key repeats their first title word) with
  // "evaluation" only in their abstracts, and one with both words in its title.
  const crowd = Array.from({ length: 12 }, (_, i) => ({
    key: `writer${i}2020corrupted`,
    aliases: [],
    title: `Corrupted Topic Number ${i} for Neural Inference`,
    authors: [{ family: `Writer${i}`, given: 'A' }],
    date: { year: 2020 },
    abstract: 'An evaluation of a method, with experiments.',
    topics: [],
    links: [],
    sources: [],
  }));
  const wanted = { ...crowd[0], key: 'laurent2001learning', title: 'Learning Corrupted Fields from Exact Evaluation', authors: [{ family: 'Laurent', given: 'B' }], abstract: 'We study a problem.' };
  const keyed = new core.PaperSearch([...crowd, wanted]);
  for (const query of ['corrupted evaluaiton', 'corrupted evaluatoin', 'corrupted evalution', 'corrupted evalu']) {
    assert.equal(keyed.search(query, 10)[0]?.paper.key, 'laurent2001learning', query);
  }
  // The key itself, typed, still comes first.
  assert.equal(keyed.search('writer3202', 1)[0].paper.key, 'writer32020corrupted');
});
