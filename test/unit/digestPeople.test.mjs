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

test('digest: a tag line "-" followed by a run of spaces or tabs is read in linear time', () => {
  // The fastest of several runs, each of `reps` parses, in CPU time: the least disturbed by other
  // work (wall time failed at load average 20 on a 2-core machine).
  const cpuMs = () => {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1000;
  };
  const time = (n, runs, reps) => {
    const text = `title\n-${' \t'.repeat(n / 2)}x\n`;
    let best = Infinity;
    for (let run = 0; run < runs; run++) {
      const started = cpuMs();
      for (let r = 0; r < reps; r++) core.parseDigest(text, 'd.txt');
      best = Math.min(best, (cpuMs() - started) / reps);
    }
    return best;
  };
  time(10_000, 2, 20); // warm up
  const small = time(10_000, 10, 50);
  const large = time(1_000_000, 3, 2);
  assert.ok(large / small <= 150, `10 KB: ${small.toFixed(2)} ms, 1 MB: ${large.toFixed(2)} ms`);
  assert.ok(large < 2000, `1 MB took ${large.toFixed(0)} ms`);
});
