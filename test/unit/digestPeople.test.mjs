// Digest lines as people write them: titles with "?" or "!" inside, author lines with footnote
// marks, lowercase family names, particles, hyphens and en dashes; every tag on its paper.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { core } from '../helpers.mjs';

const abstract = (topic) =>
  `We study ${topic} in depth. Our method improves on prior work across many benchmarks and settings, and we release code for others to build on.`;

const papers = [
  ['Words or Characters? Fine-grained Gating for Reading Comprehension', 'Yang, Zhilin, Dhingra, Bhuwan, Cohen, William W.'],
  ['Stop! Rethinking Early Exits in Deep Networks', 'Sharma*, Sahil, Lee†, Ann'],
  ['Sparse Gaussian Processes Revisited', 'zhang, Min, van den Oord, Aäron, de la Cruz, Maria'],
  ['Robust Clustering under Noise', 'Yeung, Dit–Yan, Jean-Baptiste, Marie-Claire, O’Neil, J.-P.'],
  ['Is Attention Interpretable? A Study of Heads', undefined],
];

function digestOf(list) {
  const lines = ['machine learning'];
  list.forEach(([title, authors], i) => {
    lines.push(title);
    if (authors) lines.push(authors);
    lines.push(abstract(`topic ${i}`));
    lines.push(`- Subject > Topic ${i} (0.${i + 1})`);
  });
  return lines.join('\n');
}

test('digest: titles with ? and ! inside stay titles; every author line is read as authors', () => {
  const { records, problems } = core.parseDigest(digestOf(papers), 'd.txt');
  assert.deepEqual(problems, []);
  assert.deepEqual(records.map((r) => r.title), papers.map(([t]) => t));
  assert.deepEqual(records[1].authors, [{ family: 'Sharma', given: 'Sahil' }, { family: 'Lee', given: 'Ann' }]);
  assert.deepEqual(records[2].authors.map((a) => a.family), ['zhang', 'van den Oord', 'de la Cruz']);
  assert.deepEqual(records[3].authors, [
    { family: 'Yeung', given: 'Dit–Yan' },
    { family: 'Jean-Baptiste', given: 'Marie-Claire' },
    { family: 'O’Neil', given: 'J.-P.' },
  ]);
  assert.equal(records[4].authors, undefined);
});

test('digest: every tag line lands on the paper it follows', () => {
  const { records } = core.parseDigest(digestOf(papers), 'd.txt');
  records.forEach((r, i) => {
    assert.deepEqual(
      r.topics.filter((t) => t.kind === 'subject').map((t) => t.path.join(' > ')),
      [`Subject > Topic ${i}`],
      `tags of "${r.title}"`,
    );
  });
});

test('digest: an author line whose title is missing is never read as a title', () => {
  const text = ['ml', 'Yeung, Dit–Yan, zhang, Min', abstract('x'), 'A Real Title', abstract('y')].join('\n');
  const { records, problems } = core.parseDigest(text, 'd.txt');
  assert.deepEqual(records.map((r) => r.title), ['A Real Title']);
  assert.equal(problems.length, 2, JSON.stringify(problems)); // the orphan author line and its abstract
  assert.equal(problems[0].line, 2);
});

// A tag line "-" followed by a run of spaces and tabs is read in linear time: measured with the
// other hostile shapes in test/unit/superlinear.test.mjs (test/hostile.mjs), not timed here.
