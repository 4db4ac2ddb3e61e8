// Listing lines written for each way a title/abstract cut went wrong on real listings (issue 12).
// None of these lines is in the splitter's training data.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { core, root } from '../helpers.mjs';

const classes = {
  'abstract opens with an emoji or a label': [
    ['Compact Vision Encoders for Phones', '🚀 We release a 40M-parameter encoder that runs on a phone at 30 frames per second.'],
    ['Open Weights for Speech Recognition', 'TL;DR: an open model that transcribes 90 languages, with training code and data.'],
    ['Cross-Lingual Transfer in Small Models', 'Abstract: Small models transfer poorly across languages. We show why and fix it.'],
    ['Agents That Learn From Their Mistakes', '🔥 Excited to share our new work on agents that keep a memory of failed attempts.'],
  ],
  "abstract's capitalised first words stay out of the title": [
    ['Contrastive Pretraining for Tabular Language Models', 'Existing methods treat tables as flat text and lose their structure.'],
    ['Reliable Evaluation of Code Agents', 'Multimodal benchmarks are saturated, so we build a new one from real repositories.'],
    // Session 4: sentence case inside a hyphenated opener; a Title Case title writes "Open-Source".
    ['Compact Speech Models for Edge Devices', 'Open-source recognisers are too large for phones, so we distil one to 20M parameters.'],
    // A capitalised article inside a Title Case run is a sentence's start, and no title ends on "that".
    ['Readers With Power', 'The Silent Shelf, a novel about a village library, shows that reviewers shape what is read.'],
  ],
  "abstract repeats the title's words": [
    ['Point Cloud Completion with Diffusion', 'Point cloud completion recovers missing geometry from partial scans.'],
    ['Neural Operators for Weather Forecasting', 'Neural operators learn maps between function spaces. We apply them to forecasting.'],
  ],
  'Title Case title with a lowercase content word': [
    ['Efficient Graph Search using Learned Heuristics', 'Graph search is slow when the heuristic is weak. We learn better heuristics.'],
    ['A Benchmark for solving Olympiad Geometry', 'We collect 500 problems from national olympiads with verified solutions.'],
  ],
  'abstract opens with a digit or symbol': [
    ['Scene Reconstruction from Sparse Views', '3D reconstruction from few images is ill-posed. We add a learned prior.'],
    ['Sublinear Algorithms for Clustering', '$k$-median clustering can be approximated in sublinear time, as we show.'],
    ['Learned Indexes for Similarity Search', 'k-NN search in high dimensions is costly; we learn an index that prunes.'],
  ],
  'subtitle after ":" kept': [
    ['Orion: A Fast, Scalable Planner for Warehouse Robots', 'Warehouse robots must plan paths jointly. We present a planner that scales.'],
    ['Open Problem: Regret Bounds for Bandits with Delays', 'Delayed feedback is common in practice, yet the regret is not fully understood.'],
  ],
  'sentence-case title with a name or acronym': [
    ['Bayesian optimisation of MRI sequences', 'We tune the acquisition parameters of scanners with a Gaussian process.'],
    ['Learning to route in the London underground', 'The network carries five million trips a day. We learn routing policies.'],
  ],
  // Session 3: the BibTeX-derived set (journal and humanities papers, HTML exports).
  'abstract opens with a label left in HTML ("Abstract&nbsp;") or in German': [
    ['Thermal stability of thin copper films', 'Abstract&nbsp;&nbsp;Thin copper films were annealed between 200 and 600 °C in argon.'],
    ['Optische Eigenschaften dünner Schichten', 'Zusammenfassung Die Absorption dünner Schichten wird bei tiefen Temperaturen gemessen.'],
    ['Library blogs as review venues', 'Purpose The purpose of this paper is to describe how librarians review books on blogs.'],
  ],
  'a French or German title before an English abstract': [
    ['Étude des propriétés optiques de la cuprite à basse température', 'The optical absorption of cuprite is measured at 4 K and explained.'],
  ],
  "abstract opens with a person's name": [
    ['A Conversation with Toni Morrison', 'Toni Morrison is the author of eleven novels and many essays on American literature.'],
  ],
  // Session 5: the classes left on BibTeX-derived listings.
  'a German title and abstract': [
    ['Über die Absorption des Kupferoxyduls im Bereich kleiner Drucke', 'Es wird gezeigt, daß die Absorption bei kleinen Drucken mit der Temperatur steigt.'],
  ],
  'abstract opens with an adjective or a participle': [
    ['Generation Gaps in Reading Habits', 'Historical surveys of reading show that each generation reads less fiction than the one before.'],
    ['Teaching Novels About Migration', 'Critical readings of migration novels in class can challenge what students assume about borders.'],
    ['Shared Reading Clubs in Rural Libraries', 'Drawing on interviews with forty librarians, we describe how reading clubs keep small libraries open.'],
  ],
  'subtitle after a spaced " : " kept': [
    ['A matter of taste? : reviewers, readers and the canon', 'This book asks who decides which novels are worth reading, and why reviewers matter.'],
  ],
  // A title ending on a place or given name before "We are ...": a family name is never "We"
  // (the bench's made-up titles lost 54 of 100k lines this way).
  'title ends on a word that is also a given name': [
    ['Street Names in Greater Victoria', 'We are collecting the origins of 900 street names from council minutes.'],
    ['Orchid Counts at Mount Grace', 'We are counting orchids on fixed plots every spring since 2015.'],
    ['Folk Songs from Lake Florence', 'We are transcribing 300 songs recorded by a local teacher in the 1950s.'],
    ['Kelp Forest Surveys Around Port Nesta', 'We are mapping kelp along forty kilometres of coast with drones and divers.'],
  ],
};

for (const [name, cases] of Object.entries(classes)) {
  test(`listing title: ${name}`, () => {
    for (const [title, abstract] of cases) {
      const split = core.splitTitleAndAbstract(`${title} ${abstract}`);
      assert.equal(split?.title, title);
      assert.equal(split.abstract, abstract);
    }
  });
}

test('listing title: an abstract opening with a capitalised term after a Title Case title', () => {
  const title = 'Debate Helps Scalable Oversight';
  const split = core.splitTitleAndAbstract(`${title} Large Language Models can argue both sides of a question, which we use for supervision.`);
  assert.equal(split?.title, title);
});

test('listing title: an abstract opening with a name and an apposition', () => {
  const title = 'Recent Writing on Picture Books';
  const split = core.splitTitleAndAbstract(`${title} Maria Nikolajeva, a scholar of picture books, has described how words and images interact.`);
  assert.equal(split?.title, title);
});

test('listing title: a line reads the same whether its words are new or already known', () => {
  // Words seen once are read for their line only; from their second sight on they come from the
  // shared lexicon. Made-up words make sure the first reading is of new spellings.
  const line = 'Quorvith Splanes for Drelmic Tessation We are blorking the quorvith of drelmic plinths, as Tessation showed.';
  const first = core.splitTitleAndAbstract(line);
  const second = core.splitTitleAndAbstract(line);
  const third = core.splitTitleAndAbstract(line);
  assert.equal(first.title, 'Quorvith Splanes for Drelmic Tessation');
  assert.deepEqual(second, first);
  assert.deepEqual(third, first);
});

test('listing title: never a one-word title from a title line of several words', () => {
  const lines = [
    'The Geometry of Loss Landscapes We study the loss surface of deep networks.',
    'A Simple Baseline for Tracking We propose a tracker with no bells and whistles.',
    'How Far Can Retrieval Go? We measure retrieval-augmented models on long questions.',
    'Open Problem: Learning Halfspaces with Noise The problem is open since 2006.',
    // A capitalised first word then a lowercase one: the line's title goes on.
    'Notes on reading slowly and why it matters for scholars who review many papers each week.',
    'Winter Harbours: ports and trade in the northern seas We follow the grain trade through six ports.',
    'Bread & salt : food and hospitality in village life The essays describe how guests are fed.',
  ];
  for (const line of lines) {
    const split = core.splitTitleAndAbstract(line);
    assert.ok(split && /\s/.test(split.title), `"${split?.title}" from ${line}`);
  }
});

test('listing title: a one-word title is never a candidate before a ":" in the first words, bare punctuation or a lowercase word', () => {
  // The hard rules under the model: whatever the weights, these lines have no one-word cut.
  const lines = [
    'Winter Harbours: ports and trade in the northern seas We follow the grain trade through six ports.',
    'Bread & salt : food and hospitality in village life The essays describe how guests are fed.',
    'Notes on reading slowly and why it matters for scholars who review many papers each week.',
  ];
  for (const line of lines) assert.equal(core.isCandidate(core.splitContext(line), 1), false, line);
  // A one-word title before a sentence, an emoji or a label stays possible.
  for (const line of ['Hyperagents Agents that write other agents improve themselves.', 'Hyperagents 🚀 Agents that write agents.', 'Hyperagents TL;DR: agents that write agents.']) {
    assert.equal(core.isCandidate(core.splitContext(line), 1), true, line);
  }
});

test('listing: two papers whose one-word titles are read the same are never merged', () => {
  const text = [
    '- Kestrel We study the loss surface of deep networks in detail. 3 authors · Jan 2, 2024',
    '- Kestrel We propose a tracker with no bells and whistles at all. 2 authors · Jan 3, 2024',
    '- Hyperagents Agents that write other agents can improve themselves. 1 authors · Jan 4, 2024',
    '- Hyperagents Agents that write other agents can improve themselves over time, as we show. 1 authors · Jan 4, 2024',
  ].join('\n');
  const { records, problems } = core.parseListing(text, 'l.txt');
  const corpus = core.buildCorpus([{ path: 'l.txt', text }]);
  // The two lines whose titles came out the same but whose abstracts differ stay two papers...
  const titles = corpus.papers.map((p) => p.title);
  assert.equal(corpus.papers.length, records.length - 1, titles.join(' | '));
  // ... and the second is reported with its line number.
  const reported = problems.filter((p) => p.severity === 'warning');
  assert.ok(reported.some((p) => p.line === 2 && /line 1/.test(p.message)), JSON.stringify(problems));
  // A copy with a longer abstract (same opening) is the same paper, as before.
  assert.equal(corpus.papers.filter((p) => p.title === 'Hyperagents').length, 1);
});

test('listing: a doubtful split is an information problem on its line, naming the title read', () => {
  // A sentence-case title run into a sentence-case abstract with nothing between: a reader hesitates too.
  const doubtful = '- Rules of thumb for reviewers and editors and what they owe to authors who submit first papers. 2 authors · Jan 2, 2024';
  const clear = '- Sparse Attention for Long Sequences Transformers struggle with long inputs. We fix it. 3 authors · Jan 3, 2024';
  const split = core.splitTitleAndAbstract(core.listingBody(doubtful));
  assert.ok(split.confidence < core.LOW_CONFIDENCE, `confidence ${split.confidence}`);
  const { problems } = core.parseListing([clear, doubtful].join('\n'), 'l.txt');
  const info = problems.filter((p) => p.severity === 'info');
  assert.equal(info.length, 1, JSON.stringify(problems));
  assert.equal(info[0].line, 2);
  assert.match(info[0].message, new RegExp(`"${split.title}"`));
});
