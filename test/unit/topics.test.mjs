// Topic phrases, clusters and related papers on a corpus written for the purpose: two planted
// groups of papers (protein structure, graph message passing) with no topic tags, plus a few
// papers on neither, written as abstracts are, with pronouns, determiners and verbs around the terms.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { core } from '../helpers.mjs';
import { proteins, graphs, others } from './plantedPapers.mjs';

const paper = (key, title, abstract) => ({ key, aliases: [], title, abstract, date: {}, urls: [], topics: [], sources: [] });

const papers = [
  ...proteins.map(([t, a], i) => paper(`prot${i}`, t, a)),
  ...graphs.map(([t, a], i) => paper(`graph${i}`, t, a)),
  ...others.map(([t, a], i) => paper(`other${i}`, t, a)),
];
const group = (index) => (index < proteins.length ? 'protein' : index < proteins.length + graphs.length ? 'graph' : 'other');
const corpusTopics = new core.CorpusTopics(papers);
const mined = corpusTopics.build.mined;

// Determiners, pronouns, prepositions, conjunctions and verbs of the corpus above.
const FUNCTION_WORDS = new Set(
  ('a an the this that these those their its our we they it them which who what some any each all no ' +
    'of in on for with by to from into via over under about as at and or but ' +
    'is are be can cannot show shows propose proposes study studies tackle tackles predict improve build ' +
    'respect respects suffer reveal compare scale simulate generates process relate guide makes reduces improves')
    .split(' '),
);

test('topic phrases never start or end with a determiner, pronoun, verb or preposition', () => {
  assert.ok(mined.length >= 8, mined.map((m) => m.label).join(', '));
  for (const { label } of mined) {
    const words = label.toLowerCase().split(/[\s-]+/);
    assert.ok(!FUNCTION_WORDS.has(words[0]), `"${label}" starts with a function word`);
    assert.ok(!FUNCTION_WORDS.has(words[words.length - 1]), `"${label}" ends with a function word`);
  }
  const labels = mined.map((m) => m.label);
  for (const noise of ['they cannot', 'this paper', 'this approach', 'tackle over-smoothing', 'we show']) assert.ok(!labels.includes(noise), noise);
  assert.ok(labels.includes('protein structure prediction'), labels.join(', '));
  assert.ok(labels.includes('molecular dynamics'), labels.join(', '));
  assert.ok(labels.includes('diffusion models'), 'a generic head after a specific word');
});

test('variants are merged under the form most often written', () => {
  const ids = mined.map((m) => m.id);
  // Case, plural and hyphen: "Message-Passing", "message passing".
  assert.equal(ids.filter((id) => id === 'message passing' || id.startsWith('message passing ')).length <= 2, true);
  const passing = mined.find((m) => m.id === 'message passing' || m.id === 'message passing neural network');
  assert.ok(passing, ids.join(', '));
  // An inserted modifier: "equivariant networks" and "equivariant neural networks" are one topic.
  const equivariant = mined.filter((m) => m.id === 'equivariant network' || m.id === 'equivariant neural network');
  assert.equal(equivariant.length, 1, ids.join(', '));
  assert.equal(equivariant[0].label, 'equivariant neural networks', 'the form written most often');
  assert.deepEqual(equivariant[0].papers.map(group), ['graph', 'graph', 'graph']);
  // "side-chain packing" and "side chain packing" are one; no fragment of it stands alone.
  assert.ok(ids.includes('side chain packing'), ids.join(', '));
  assert.ok(!ids.includes('chain packing'), 'a fragment of a hyphenated compound');
  // Every label is a phrase as written, never a stem ("thi", "bia").
  for (const m of mined) assert.equal(core.labelKey(m.label), m.id);
});

test('generic phrases rank below specific ones or become their parents', () => {
  const gnn = mined.find((m) => m.id === 'graph neural network');
  const nn = mined.find((m) => m.id === 'neural network');
  if (nn) {
    assert.ok(mined.indexOf(nn) > mined.indexOf(gnn), 'the field phrase ranks below a specific one');
    assert.equal(gnn.parent, 'neural network');
  }
});

test('a phrase of the field (qualifying other nouns, spread over the clusters) ranks below the specific ones, though fewer than a quarter of the papers use it', () => {
  // The planted corpus again, with "machine learning" written as the field is written about:
  // before other nouns ("machine learning methods"), in two papers of each planted group.
  const field = { prot1: 'Machine learning methods are common here.', prot4: 'We compare machine learning models.', graph0: 'This needs no machine learning pipelines.', graph5: 'Machine learning practitioners use them.' };
  const withField = papers.map((p) => (field[p.key] ? { ...p, abstract: `${p.abstract} ${field[p.key]}` } : p));
  const build = new core.CorpusTopics(withField).build;
  const ml = build.mined.find((m) => m.id === 'machine learning');
  assert.ok(ml, build.mined.map((m) => m.id).join(', '));
  assert.equal(ml.papers.length, 4);
  assert.ok(ml.papers.length < withField.length / 4, 'too few papers for the frequency rule alone');
  assert.equal(ml.generic, true);
  const specific = build.mined.filter((m) => !m.generic);
  assert.ok(specific.length >= 8);
  assert.ok(build.mined.indexOf(ml) > build.mined.indexOf(specific.at(-1)), build.mined.map((m) => m.label).join(', '));
  for (const cluster of build.clusters) assert.ok(!cluster.phrases.includes('machine learning'), `cluster "${cluster.label}" named by the field`);
  // A specific phrase as often written before another noun, but inside one group, stays specific.
  const structure = build.mined.find((m) => m.id === 'protein structure prediction');
  assert.equal(structure.generic, false);
});

test('clusters: the two planted groups are found and named by their phrases', () => {
  const clusters = corpusTopics.build.clusters;
  assert.ok(clusters.length >= 2, JSON.stringify(clusters));
  const [first, second] = clusters;
  for (const cluster of [first, second]) {
    const groups = cluster.papers.map(group);
    const main = groups.filter((g) => g === groups[0]).length;
    assert.ok(main / groups.length >= 0.85, `cluster "${cluster.label}" mixes groups: ${groups.join(', ')}`);
    assert.ok(cluster.papers.length >= 6, `cluster "${cluster.label}" has ${cluster.papers.length} papers`);
  }
  assert.notEqual(group(first.papers[0]), group(second.papers[0]));
  const proteinCluster = [first, second].find((c) => group(c.papers[0]) === 'protein');
  assert.match(proteinCluster.label, /protein|molecular|diffusion|contact|folding/);
  // In the topic graph clusters are topics, a level above the phrases most of whose papers they hold.
  const graph = core.buildGraph(corpusTopics, []);
  const clusterTopic = graph.topics.get(proteinCluster.id);
  assert.equal(clusterTopic.source, 'cluster');
  assert.ok(clusterTopic.children.some((id) => graph.topics.get(id).source === 'mined'));
  const rootSources = graph.roots.map((id) => graph.topics.get(id).source);
  assert.equal(rootSources[0], 'cluster');
  assert.ok(!rootSources.includes('mined') || rootSources.indexOf('cluster') < rootSources.indexOf('mined'), 'clusters before phrases');
});

test('related papers come from the same planted group, by the same similarity', () => {
  for (const key of ['prot0', 'prot5', 'graph1', 'graph6']) {
    const related = core.relatedPapers(corpusTopics, key, 3);
    assert.equal(related.length, 3);
    const own = group(papers.findIndex((p) => p.key === key));
    for (const r of related) assert.equal(group(papers.indexOf(r.paper)), own, `${key} -> ${r.paper.key}`);
    assert.ok(related[0].score >= related[2].score);
  }
});

test('top three topics of a paper: labels without weights', () => {
  const top = core.topTopicsOfPaper(corpusTopics, 'prot0');
  assert.ok(top.length > 0 && top.length <= 3, JSON.stringify(top));
  for (const label of top) assert.doesNotMatch(label, /\d|\(/);
  assert.ok(top.some((l) => /protein|diffusion/.test(l)), JSON.stringify(top));
  assert.deepEqual(core.topTopicsOfPaper(corpusTopics, 'nope'), []);
});

test('the topic tree built a step at a time (as the server does, between requests) is the one built at once', () => {
  // 8,000 papers under headers, subjects and keywords, two clusters and nested phrases.
  const n = 8000;
  const many = Array.from({ length: n }, (_, i) => ({
    ...paper(`p${i}`, `Paper ${i}`),
    aliases: i % 7 === 0 ? [`old${i}`] : [],
    topics: [
      { kind: 'header', path: [`Header ${i % 13}`] },
      { kind: 'subject', path: ['Science', `Field ${i % 5}`], weight: (i % 10) / 10 },
      { kind: 'keyword', path: [`keyword ${i % 101}`] },
    ],
  }));
  const evens = many.map((_, i) => i).filter((i) => i % 2 === 0);
  const odds = many.map((_, i) => i).filter((i) => i % 2 === 1);
  const build = {
    mined: [
      { id: 'network', label: 'networks', papers: evens, score: 3, generic: true },
      { id: 'graph network', label: 'graph networks', papers: evens.filter((i) => i % 4 === 0), score: 2, parent: 'network', generic: false },
      { id: 'header 3', label: 'Header 3', papers: odds.slice(0, 50), score: 1, generic: false },
    ],
    clusters: [
      { id: 'cluster:1', label: 'networks', phrases: ['network'], papers: evens },
      { id: 'cluster:2', label: 'other', phrases: [], papers: odds },
    ],
    neighbours: { k: 1, paper: new Int32Array(n).fill(-1), score: new Float32Array(n) },
  };
  const atOnce = new core.CorpusTopics(many, build);
  const steps = core.CorpusTopics.inSteps(many, build);
  let count = 0;
  let next;
  while (!(next = steps.next()).done) count++;
  const stepwise = next.value;
  // 8,000 papers with 3 topics each, 8,000 in clusters, 6,050 phrase papers: many small steps.
  assert.ok(count >= 30, `${count} steps`);
  assert.deepEqual([...stepwise.topics.entries()], [...atOnce.topics.entries()]);
  const filed = (topics) => many.map((_, i) => topics.topicsOfPaper.of(i).map((id, k) => [id, topics.topicsOfPaper.weight(i, k)]));
  assert.deepEqual(filed(stepwise), filed(atOnce));
  assert.equal(filed(stepwise)[0].length, 6, "a paper's 3 topics, its cluster and its 2 phrases");
  const header3 = stepwise.topics.get('header:Header 3').papers.papers();
  assert.equal(new Set(header3).size, header3.length, 'a phrase joining a header files its papers there once');
  assert.deepEqual([...stepwise.indexOfKey.entries()], [...atOnce.indexOfKey.entries()]);
  assert.equal(stepwise.topicForTag('header 3'), 'header:Header 3');
  assert.deepEqual(stepwise.topics.get('mined:graph network').parent, 'mined:network');
  assert.deepEqual(stepwise.topics.get('mined:network').parent, 'cluster:1');
});

test('a depth-3 local graph around a topic of thousands of papers comes a step at a time, the same as at once', () => {
  // 6,000 papers under 3 headers and 60 keywords: depth 3 from a header reaches most of them.
  const n = 6000;
  const many = Array.from({ length: n }, (_, i) => ({
    ...paper(`q${i}`, `Paper ${i}`),
    topics: [
      { kind: 'header', path: [`Header ${i % 3}`] },
      { kind: 'keyword', path: [`keyword ${i % 60}`] },
    ],
  }));
  const build = { mined: [], clusters: [], neighbours: { k: 1, paper: Int32Array.from({ length: n }, (_, i) => (i + 1) % n), score: new Float32Array(n).fill(0.5) } };
  const corpusTopics = new core.CorpusTopics(many, build);
  const graph = core.buildGraph(corpusTopics, []);
  const atOnce = core.localGraph(graph, corpusTopics, 'header:Header 0', 3, { related: 2 });
  const steps = core.localGraphSteps(graph, corpusTopics, 'header:Header 0', 3, { related: 2 });
  let count = 0;
  let next;
  while (!(next = steps.next()).done) count++;
  assert.ok(count >= 5, `${count} steps`);
  assert.deepEqual(next.value, atOnce);
  assert.ok(atOnce.nodes.length > 100 && atOnce.edges.length > 100, `${atOnce.nodes.length} nodes, ${atOnce.edges.length} edges`);
  assert.ok(atOnce.nodes.some((node) => node.id === 'header:Header 1'), 'a header reached through a paper and its keyword');
});
