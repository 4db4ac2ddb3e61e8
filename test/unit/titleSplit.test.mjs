import { test } from 'node:test';
import assert from 'node:assert/strict';
import { core } from '../helpers.mjs';

const cases = [
  // Title case, abstract opening with a common sentence word.
  ['Deep Sets Meet Kernel Methods We study permutation invariant functions.', 'Deep Sets Meet Kernel Methods'],
  // Title case, abstract opening with a content word.
  ['Sparse Attention for Long Sequences Transformers struggle with long inputs.', 'Sparse Attention for Long Sequences'],
  // Small words inside the title stay in it.
  ['Learning to Rank with Graphs in the Wild Ranking is everywhere in practice.', 'Learning to Rank with Graphs in the Wild'],
  // Abstract that begins by repeating the title's words and defines an acronym.
  ['Neural Radiance Fields for Robots Neural Radiance Fields (NeRF) are a scene representation.', 'Neural Radiance Fields for Robots'],
  // Acronym expansion that is not a repetition of the title.
  ['Fast Inference at Scale Large Language Models (LLMs) are expensive to run.', 'Fast Inference at Scale'],
  // Colon subtitle and hyphenated words.
  ['GraphMix: Semi-Supervised Node Classification Via Mixing Node classification is a core task.', 'GraphMix: Semi-Supervised Node Classification Via Mixing'],
  // Sentence-case title; the abstract starts with "The".
  ['Hidden structure of attention heads The attention mechanism is widely used.', 'Hidden structure of attention heads'],
  // Sentence-case title whose abstract opens with a word from the title.
  ['On the convergence of federated averaging Federated averaging is a popular method.', 'On the convergence of federated averaging'],
  // Sentence-case title with an acronym in it.
  ['Pruning of CNN filters by saliency We propose a pruning rule.', 'Pruning of CNN filters by saliency'],
  // Sentence-case title containing a proper noun the abstract also names mid-sentence.
  ['Learning on Riemannian manifolds with flows We extend flows to Riemannian geometry.', 'Learning on Riemannian manifolds with flows'],
  // Sentence-case title, abstract starting with a word that is not a common opener.
  ['A survey of quantum error correction codes Qubits are fragile.', 'A survey of quantum error correction codes'],
  // Title with digits and a symbol token.
  ['3D Shape Completion with Point Transformers Point clouds from sensors are incomplete.', '3D Shape Completion with Point Transformers'],
];

for (const [text, title] of cases) {
  test(`title split: ${title}`, () => {
    const split = core.splitTitleAndAbstract(text);
    assert.ok(split, 'a split is found');
    assert.equal(split.title, title);
    assert.equal(`${split.title} ${split.abstract}`, text, 'no word is lost or duplicated');
  });
}

test('title split: a single word gives no split', () => {
  assert.equal(core.splitTitleAndAbstract('Untitled'), undefined);
});

test('a line splits the same whatever lines came before it (shared word lexicon)', () => {
  const line = 'Sparse Attention for Long Sequences Transformers struggle with long inputs.';
  const alone = core.splitTitleAndAbstract(line);
  // Thousands of other spellings in between, some of the same words with other punctuation.
  for (let i = 0; i < 5000; i++) core.splitTitleAndAbstract(`Word${i} Sequences, Attention: (long) transformers${i}. We struggle.`);
  assert.deepEqual(core.splitTitleAndAbstract(line), alone);
});

test('words are cut where JavaScript sees white space, including non-breaking and ideographic spaces', () => {
  const text = 'Graph\u00a0Kernels\u3000Revisited\u2009We\tstudy kernels on graphs\u00a0and more.';
  const ctx = core.splitContext(text);
  const expected = [...text.matchAll(/\S+/g)];
  assert.deepEqual(ctx.words.map((w) => w.text), expected.map((m) => m[0]));
  assert.deepEqual(ctx.offsets, expected.map((m) => m.index));
});
