import { test } from 'node:test';
import assert from 'node:assert/strict';
import { core } from '../helpers.mjs';

const abstract = (topic) =>
  `We study ${topic} in depth. Our method improves on prior work across many benchmarks and settings, and we release code for others to build on.`;

const digest = [
  'graph learning',
  '- Europe > France > Paris (0.10)',
  '- Information Technology > Artificial Intelligence > Machine Learning (0.90)',
  'Message Passing on Sparse Graphs',
  'van der Berg, Anna, Smith, John Q., Nguyen, T.',
  abstract('message passing'),
  '- Research Report > New Finding (0.40)',
  'Spectral Methods, Revisited',
  abstract('spectral methods'),
  '- Asia > Japan > Tokyo (0.20)',
  '@@@ %%% garbage ###',
  'Message Passing on Sparse Graphs',
  'We study message passing in depth. Our method improves',
].join('\n');

test('digest: header, titles, authors, abstracts, tags before and after', () => {
  const { records, problems } = core.parseDigest(digest, 'd.txt');
  assert.equal(records.length, 3);
  const [first, second, copy] = records;
  assert.equal(first.title, 'Message Passing on Sparse Graphs');
  assert.deepEqual(first.authors, [
    { family: 'van der Berg', given: 'Anna' },
    { family: 'Smith', given: 'John Q.' },
    { family: 'Nguyen', given: 'T.' },
  ]);
  assert.equal(first.authorCount, 3);
  assert.equal(first.abstract, abstract('message passing'));
  assert.deepEqual(first.source, { file: 'd.txt', line: 4 });
  const paths = (r) => r.topics.map((t) => `${t.kind}:${t.path.join('>')}${t.weight === undefined ? '' : `@${t.weight}`}`);
  assert.deepEqual(paths(first), [
    'header:graph learning',
    'place:Europe>France>Paris@0.1',
    'subject:Information Technology>Artificial Intelligence>Machine Learning@0.9',
    'subject:Research Report>New Finding@0.4',
  ]);

  assert.equal(second.title, 'Spectral Methods, Revisited', 'a title with a comma is not an author line');
  assert.equal(second.authors, undefined);
  assert.deepEqual(paths(second), ['header:graph learning', 'place:Asia>Japan>Tokyo@0.2']);

  assert.equal(copy.abstract, 'We study message passing in depth. Our method improves', 'a truncated copy is read as written');
  assert.equal(problems.length, 1, JSON.stringify(problems));
  assert.equal(problems[0].line, 11);
});

test('digest: author lines', () => {
  assert.deepEqual(core.parseAuthorLine('Cerezo, M., Coles, Patrick J.'), [
    { family: 'Cerezo', given: 'M.' },
    { family: 'Coles', given: 'Patrick J.' },
  ]);
  assert.equal(core.parseAuthorLine('The Empirical Impact of Symmetries, or Lack Thereof'), undefined);
  assert.equal(core.parseAuthorLine('Lim, Derek, Putterman'), undefined, 'an odd number of parts is not Last, First pairs');
  assert.equal(core.parseAuthorLine('Fast, Expressive SE(n) Networks'), undefined);
});

test('digest: tag lines', () => {
  assert.deepEqual(core.parseTagLine('- Asia > Middle East > Israel (0.04)'), { kind: 'place', path: ['Asia', 'Middle East', 'Israel'], weight: 0.04 });
  assert.deepEqual(core.parseTagLine('- Energy (0.46)'), { kind: 'subject', path: ['Energy'], weight: 0.46 });
  assert.equal(core.parseTagLine('- no weight here'), undefined);
});

test('digest: an abstract with no title and a title with no abstract are reported, the rest loads', () => {
  const text = ['topic', abstract('orphans'), 'Lonely Title', '- Energy (0.5)', 'Real Paper Title', abstract('real things')].join('\n');
  const { records, problems } = core.parseDigest(text, 'x.txt');
  assert.deepEqual(records.map((r) => r.title), ['Real Paper Title']);
  assert.deepEqual(problems.map((p) => p.line), [2, 3]);
});
