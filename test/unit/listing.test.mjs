import { test } from 'node:test';
import assert from 'node:assert/strict';
import { core } from '../helpers.mjs';

const listing = [
  '- Deep Sets Meet Kernel Methods We study permutation invariant functions. Code: https://github.com/example/deepsets. 3 authors · Mar 4, 2022 17',
  '12 Hidden structure of attention heads The attention mechanism (see https://example.org/a_(b)) is widely used. 1 authors · Nov 30',
  'this line is garbage',
  '',
  '- Fast Inference at Scale Large Language Models (LLMs) are expensive to run. 10 authors · Sep 1, 2019',
].join('\n');

test('listing: title, abstract, author count, dates with and without year, URLs', () => {
  const { records, problems } = core.parseListing(listing, 'mine.txt');
  assert.equal(records.length, 3);
  const [a, b, c] = records;
  assert.equal(a.title, 'Deep Sets Meet Kernel Methods');
  assert.equal(a.abstract, 'We study permutation invariant functions. Code: https://github.com/example/deepsets.');
  assert.equal(a.authorCount, 3);
  assert.equal(a.authors, undefined, 'names are not invented');
  assert.deepEqual(a.date, { year: 2022, month: 3, day: 4 });
  assert.deepEqual(a.urls, ['https://github.com/example/deepsets']);
  assert.deepEqual(a.source, { file: 'mine.txt', line: 1 });

  assert.equal(b.title, 'Hidden structure of attention heads');
  assert.deepEqual(b.date, { month: 11, day: 30 }, 'an unknown year stays unknown');
  assert.equal(b.authorCount, 1);
  assert.deepEqual(b.urls, ['https://example.org/a_(b)']);

  assert.equal(c.title, 'Fast Inference at Scale');
  assert.equal(c.authorCount, 10);
  assert.equal(c.source.line, 5);

  assert.equal(problems.length, 1);
  assert.equal(problems[0].line, 3);
  assert.match(problems[0].message, /not a listing line/);
});

test('listing: format detection tells the two seed formats apart', () => {
  assert.equal(core.detectFormat(listing), 'listing');
  assert.equal(core.detectFormat('a topic\nSome Title\nAn abstract that is long enough to be one. It has sentences.'), 'digest');
});

test('urls: trailing sentence punctuation is not part of a URL', () => {
  assert.deepEqual(core.findUrls('see (https://github.com/divelab/AIRS). and https://x.io/a.'), [
    'https://github.com/divelab/AIRS',
    'https://x.io/a',
  ]);
});
