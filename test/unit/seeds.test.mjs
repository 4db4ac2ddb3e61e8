// The bundled corpus, read as a user would see it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { core, bundledCorpus } from '../helpers.mjs';

const corpus = core.buildCorpus(bundledCorpus.map((p) => ({ path: p, text: fs.readFileSync(p, 'utf8') })));
const byTitle = new Map(corpus.papers.map((p) => [p.title, p]));

const listingTitles = [
  'BoRA: Bi-dimensional Weight-Decomposed Low-Rank Adaptation',
  'Symmetry-Aware Robot Design with Structured Subgroups',
  'WyckoffDiff -- A Generative Diffusion Model for Crystal Symmetry',
  'On the Expressive Power of Geometric Graph Neural Networks',
  'FAENet: Frame Averaging Equivariant GNN for Materials Modeling',
  'Equivariant Contrastive Learning',
  'Evaluating the Robustness of Interpretability Methods through Explanation Invariance and Equivariance',
  'Group Equivariant Fourier Neural Operators for Partial Differential Equations',
  'A Multimessenger Strategy for Downselecting the Orientations of Galactic Close White Dwarf Binaries',
  'On the generation of periodic discrete structures with identical two-point correlation',
  'Frame Averaging for Invariant and Equivariant Network Design',
  'Regularizing Towards Soft Equivariance Under Mixed Symmetries',
  'Strategy Proof Mechanisms for Facility Location in Euclidean and Manhattan Space',
  'A Characterization Theorem for Equivariant Networks with Point-wise Activations',
  'Crystal Structure Prediction by Joint Equivariant Diffusion',
  'Geometric Algebra Attention Networks for Small Point Clouds',
  'Physically Compatible 3D Object Modeling from a Single Image',
  'Fast, Expressive SE(n) Equivariant Networks through Weight-Sharing in Position-Orientation Space',
  'Cybloids - Creation and Control of Cybernetic Colloids',
  'Universal Neural Functionals',
  'Generative Adversarial Symmetry Discovery',
  'On the hardness of learning under symmetries',
  'Lie Group Decompositions for Equivariant Neural Networks',
  'Linking Past and Future Null Infinity in Three Dimensions',
  'Connecting Permutation Equivariant Neural Networks and Partition Diagrams',
  'On two problems about isogenies of elliptic curves over finite fields',
  'Equivariance with Learned Canonicalization Functions',
  'Hidden symmetries of ReLU networks',
  'Learning Symmetrization for Equivariance with Orbit Distance Minimization',
  'How Jellyfish Characterise Alternating Group Equivariant Neural Networks',
  'The Empirical Impact of Reducing Symmetries on the Performance of Deep Ensembles and MoE',
  'Two Algorithms for Additive and Fair Division of Mixed Manna',
  "Brauer's Group Equivariant Neural Networks",
  'Neural Fourier Transform: A General Approach to Equivariant Representation Learning',
];
const digestTitles = [
  'The Empirical Impact of Neural Parameter Symmetries, or Lack Thereof',
  'A Tale of Two Symmetries: Exploring the Loss Landscape of Equivariant Models',
  'Parameter Symmetry Breaking and Restoration Determines the Hierarchical Learning in AI Systems',
  'Optimizing parametrized quantum circuits via noise-induced breaking of symmetries',
];

test('seeds: every paper exactly once, titles exactly as written', () => {
  assert.deepEqual(corpus.problems, []);
  assert.deepEqual([...byTitle.keys()].sort(), [...listingTitles, ...digestTitles].sort());
  assert.equal(new Set(corpus.papers.map((p) => p.key)).size, corpus.papers.length, 'keys are unique');
});

test('seeds: the listing line is title + abstract exactly, nothing glued on or cut off', () => {
  const lines = fs.readFileSync(bundledCorpus[1], 'utf8').split('\n').filter((l) => l.trim());
  lines.forEach((line, i) => {
    const paper = corpus.papers.find((p) => p.sources.some((s) => s.file === bundledCorpus[1] && s.line === i + 1));
    assert.ok(paper, `line ${i + 1} read`);
    const body = line.replace(/^(-|\d+)\s+/, '').replace(/\s+\d+ authors? · .*$/, '');
    assert.equal(`${paper.title} ${paper.abstract}`, body);
    assert.match(paper.abstract, /^[A-Z]/, `abstract of line ${i + 1} starts a sentence`);
  });
});

test('seeds: dates as far as the file gives them, author counts, URLs', () => {
  const bora = byTitle.get('BoRA: Bi-dimensional Weight-Decomposed Low-Rank Adaptation');
  assert.deepEqual(bora.date, { year: 2024, month: 12, day: 9 });
  assert.equal(bora.authorCount, 5);
  const wyckoff = byTitle.get('WyckoffDiff -- A Generative Diffusion Model for Crystal Symmetry');
  assert.deepEqual(wyckoff.date, { month: 2, day: 10 });
  assert.deepEqual(wyckoff.urls, ['https://github.com/httk/wyckoffdiff']);
  assert.deepEqual(byTitle.get('FAENet: Frame Averaging Equivariant GNN for Materials Modeling').urls, ['https://faenet.readthedocs.io']);
  assert.deepEqual(byTitle.get('Group Equivariant Fourier Neural Operators for Partial Differential Equations').urls, ['https://github.com/divelab/AIRS']);
});

test('seeds: the digest paper seen three times is one paper with the richest copy', () => {
  const paper = byTitle.get('The Empirical Impact of Neural Parameter Symmetries, or Lack Thereof');
  assert.equal(paper.sources.length, 3);
  assert.deepEqual(paper.authors, [
    { family: 'Lim', given: 'Derek' },
    { family: 'Putterman', given: 'Moe' },
    { family: 'Walters', given: 'Robin' },
    { family: 'Maron', given: 'Haggai' },
    { family: 'Jegelka', given: 'Stefanie' },
  ]);
  assert.ok(paper.abstract.endsWith('more effective Bayesian neural network training.'), 'the full abstract, not the truncated copy');
  assert.ok(paper.abstract.includes('phenomena is difficult'), 'the copy without the typo');
  assert.deepEqual(paper.date, {});
  assert.ok(paper.topics.some((t) => t.kind === 'subject' && t.path.join('>') === 'Research Report>New Finding'));
  assert.ok(paper.topics.some((t) => t.kind === 'place' && t.path.at(-1) === 'Munich'));
  assert.ok(paper.topics.some((t) => t.kind === 'header' && t.path[0] === 'parameter symmetry'));
});

test('seeds: authors with initials and middle initials', () => {
  const paper = byTitle.get('Optimizing parametrized quantum circuits via noise-induced breaking of symmetries');
  assert.deepEqual(paper.authors.map((a) => `${a.given}|${a.family}`), [
    'Enrico|Fontana', 'M.|Cerezo', 'Andrew|Arrasmith', 'Ivan|Rungger', 'Patrick J.|Coles',
  ]);
  const subjects = paper.topics.filter((t) => t.kind === 'subject').map((t) => t.path.join(' > '));
  assert.ok(subjects.includes('Information Technology > Artificial Intelligence > Machine Learning > Neural Networks'));
  assert.ok(!paper.topics.some((t) => t.kind === 'subject' && t.path[0] === 'Europe'), 'places are not subjects');
  assert.equal(byTitle.get('A Tale of Two Symmetries: Exploring the Loss Landscape of Equivariant Models').authors, undefined);
});
