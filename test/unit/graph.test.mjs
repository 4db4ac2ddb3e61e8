import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { core, cliPath, hasTool } from '../helpers.mjs';

const abstract = (body) => `${body} We report results on several benchmarks and release our code for others to use.`;
const digest = [
  'graph learning',
  'Message Passing Graph Neural Networks at Scale',
  'Berg, Anna, Smith, John',
  abstract('Message-passing graph neural networks are the standard tool for learning on graphs.'),
  '- Information Technology > Artificial Intelligence > Machine Learning > Neural Networks (0.90)',
  '- Europe > France > Paris (0.10)',
  'Oversmoothing in Graph Neural Networks',
  abstract('Deep graph neural networks suffer from oversmoothing, and message passing makes it worse.'),
  '- Information Technology > Artificial Intelligence > Machine Learning > Neural Networks (0.70)',
  'Spectral Graph Neural Network Design',
  abstract('Spectral filters give graph neural networks a frequency view of message passing.'),
  '- Information Technology > Artificial Intelligence > Machine Learning (0.50)',
  'Protein Folding with Diffusion Models',
  abstract('Diffusion models generate protein structures; the diffusion model is trained on folds.'),
  '- Life Sciences > Biology (0.80)',
].join('\n');
const corpus = core.buildCorpus([{ path: 'd.txt', text: digest }]);
const topics = new core.CorpusTopics(corpus.papers);
const keyOf = (title) => corpus.papers.find((p) => p.title.startsWith(title)).key;

test('mined topics: recurring phrases, normalised for case, plurals and hyphens, without stop words', () => {
  const mined = core.mineTopics(corpus.papers, { minPapers: 2 });
  const ids = mined.map((t) => t.id);
  assert.ok(ids.includes('graph neural network'), ids.join(', '));
  assert.ok(ids.includes('message passing'), 'hyphenated "Message-passing" counts as "message passing"');
  assert.ok(!ids.includes('diffusion model'), 'a phrase of one paper (however often it says it) is no topic');
  const gnn = mined.find((t) => t.id === 'graph neural network');
  assert.equal(gnn.papers.length, 3);
  assert.equal(gnn.label, 'graph neural networks', 'labelled as most often written');
  for (const t of mined) {
    for (const w of t.id.split(' ')) assert.ok(!core.STOP_WORDS.has(w), `"${t.id}" has a function word`);
  }
  assert.equal(core.normalizeWord('Symmetries'), 'symmetry');
  assert.equal(core.normalizeWord('matrices'), 'matrices');
  assert.equal(core.normalizeWord('analysis'), 'analysis');
});

test('graph: subject paths are hierarchies, places their own kind, headers topics', () => {
  const g = core.buildGraph(topics, []);
  const nn = g.topics.get('subject:Information Technology > Artificial Intelligence > Machine Learning > Neural Networks');
  assert.equal(nn.parent, 'subject:Information Technology > Artificial Intelligence > Machine Learning');
  assert.equal(nn.papers.length, 2);
  assert.equal(nn.papers.weight(0), 0.9);
  const it = g.topics.get('subject:Information Technology');
  assert.equal(core.paperCount(g.topics, it), 3);
  assert.equal(g.topics.get('place:Europe > France > Paris').source, 'place');
  assert.equal(g.topics.get('header:graph learning').papers.length, 4);
  assert.equal(g.roots[0], 'header:graph learning', 'topic headers first');
  assert.ok(!g.roots.some((id) => id.startsWith('place:') && g.roots.indexOf(id) < g.roots.indexOf('subject:Information Technology')));
});

test('graph: notes hang off the papers they cite and the topics they are tagged with, and update', () => {
  const note = core.analyzeNote('file:///n/a.md', `Tags #oversmoothing and #Graph-Learning.\n[@${keyOf('Message')}; @${keyOf('Oversmoothing')}]`);
  const g = core.buildGraph(topics, [note]);
  const tag = g.topics.get('tag:oversmoothing');
  assert.deepEqual(tag.notes, ['file:///n/a.md']);
  assert.equal(tag.papers.length, 2, 'the papers the tagged note cites');
  assert.deepEqual(g.topics.get('header:graph learning').notes, ['file:///n/a.md'], 'a tag naming an existing topic joins it');
  const index = corpus.papers.findIndex((p) => p.key === keyOf('Message'));
  assert.deepEqual(g.citedBy.get(index), ['file:///n/a.md']);
  const updated = core.buildGraph(topics, [core.analyzeNote('file:///n/a.md', 'no more citations')]);
  assert.equal(updated.citedBy.size, 0);
  assert.equal(updated.topics.has('tag:oversmoothing'), false);
});

test('paper counts: counted once per corpus, and the papers tagged notes add are counted where they land', () => {
  // One note files papers under an existing subject (by its name) and under a new tag.
  const notes = [
    core.analyzeNote('file:///n/a.md', `#Machine-Learning #oversmoothing [@${keyOf('Message')}; @${keyOf('Protein')}; @${keyOf('Oversmoothing')}]`),
    core.analyzeNote('file:///n/b.md', `#Graph-Learning [@${keyOf('Protein')}]`),
  ];
  for (const g of [core.buildGraph(topics, []), core.buildGraph(topics, notes)]) {
    for (const t of g.topics.values()) assert.equal(core.topicPaperCount(g, t.id), core.paperCount(g.topics, t), t.id);
  }
  const g = core.buildGraph(topics, notes);
  assert.ok(g.countChanged.has('subject:Information Technology'), 'an ancestor of a topic a note adds to');
  assert.equal(core.topicPaperCount(g, 'tag:oversmoothing'), 3);
});

test('local graph of a note: its cited papers and their topics, walked from the note, places left out', () => {
  const note = core.analyzeNote('file:///n/a.md', `Tags #oversmoothing.\n[@${keyOf('Message')}; @${keyOf('Protein')}]`);
  const g = core.buildGraph(topics, [note]);
  const local = core.localGraph(g, topics, 'note:file:///n/a.md', 2);
  const ids = local.nodes.map((n) => n.id);
  assert.ok(ids.includes(`paper:${keyOf('Message')}`) && ids.includes(`paper:${keyOf('Protein')}`), ids.join(', '));
  assert.ok(ids.includes('header:graph learning'), 'the topic of a cited paper');
  assert.ok(ids.includes('tag:oversmoothing'), 'the note\'s tag');
  assert.ok(!ids.some((id) => id.startsWith('place:')), 'places are left out');
  const edge = (from, to, kind) => local.edges.some((e) => e.from === from && e.to === to && e.kind === kind);
  assert.ok(edge('note:file:///n/a.md', `paper:${keyOf('Message')}`, 'cites'));
  assert.ok(edge('header:graph learning', `paper:${keyOf('Message')}`, 'about'));
  assert.ok(edge('note:file:///n/a.md', 'tag:oversmoothing', 'tagged'));
  const nn = 'subject:Information Technology > Artificial Intelligence > Machine Learning > Neural Networks';
  assert.equal(local.edges.find((e) => e.from === nn && e.to === `paper:${keyOf('Message')}`)?.weight, 0.9, 'the corpus\'s weight on the edge');
  for (const e of local.edges) assert.ok(ids.includes(e.from) && ids.includes(e.to), `${e.from} -> ${e.to} joins two drawn nodes`);
  assert.equal(local.total, local.nodes.length, 'everything within depth 2 is drawn');
  assert.equal(core.localGraph(g, topics, 'note:file:///n/other.md', 2).nodes.length, 0, 'a note not in the graph');
});

test('local graph: depth widens it, the node bound cuts it and says how many there are', () => {
  const g = core.buildGraph(topics, []);
  const center = `paper:${keyOf('Protein')}`;
  const one = core.localGraph(g, topics, center, 1);
  const three = core.localGraph(g, topics, center, 3);
  assert.ok(one.nodes.length < three.nodes.length, `${one.nodes.length} < ${three.nodes.length}`);
  assert.ok(one.nodes.every((n) => n.id === center || one.edges.some((e) => e.from === n.id || e.to === n.id)), 'depth 1: only direct neighbours');
  const cut = core.localGraph(g, topics, center, 3, { maxNodes: 4 });
  assert.equal(cut.nodes.length, 4);
  assert.equal(cut.nodes[0].id, center, 'the centre first');
  assert.equal(cut.total, three.total, 'the count covers what was left out');
  assert.ok(cut.total > 4);
});

test('related papers: led by papers sharing the most specific topics', () => {
  const related = core.relatedPapers(topics, keyOf('Message'), 3);
  assert.deepEqual(related.map((r) => r.paper.key), [keyOf('Oversmoothing'), keyOf('Spectral'), keyOf('Protein')], 'the paper sharing only the header comes last');
  assert.ok(related[2].score < related[1].score);
  assert.ok(related[0].shared.includes('Neural Networks'));
});

test('cli: graph as DOT renders with Graphviz; mermaid and json; related', (t) => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'litnotes-graph-')), 'd.txt');
  fs.writeFileSync(file, digest);
  const run = (...args) => spawnSync(process.execPath, [cliPath, '--no-default-corpus', '--corpus', file, ...args], { encoding: 'utf8', timeout: 20000 });
  const dot = run('graph', '--format', 'dot');
  assert.equal(dot.status, 0, dot.stderr);
  assert.match(dot.stdout, /^digraph litnotes \{/);
  if (hasTool(t, 'dot')) {
    const rendered = spawnSync('dot', ['-Tsvg'], { input: dot.stdout, encoding: 'utf8' });
    assert.equal(rendered.status, 0, rendered.stderr);
    assert.match(rendered.stdout, /<svg/);
    assert.match(rendered.stdout, /Oversmoothing in Graph Neural Networks/);
  }
  const mermaid = run('graph', '--format', 'mermaid', '--topic', 'graph learning');
  assert.match(mermaid.stdout, /^graph LR/);
  const json = JSON.parse(run('graph', '--topic', 'Neural Networks').stdout);
  assert.deepEqual(json.nodes.filter((n) => n.kind === 'paper').length, 2);
  assert.equal(run('graph', '--topic', 'no such topic').status, 1);
  const related = run('related', keyOf('Message'));
  assert.match(related.stdout.split('\n')[0], new RegExp(`^${keyOf('Oversmoothing')}\\t`));
});
