// One topic build in this process, timed step by step in CPU time (the machine is shared, so
// waiting for a core is not counted): phrases (wink-nlp tagging and matching), the nearest-paper
// similarity, Louvain clusters. Prints one JSON line. Run by scenarios/topics.mjs in a child
// process per size, so each size has the heap to itself:
//   node --expose-gc test/bench/topicPieces.mjs 100000 [--keywords]
// --keywords: each paper has 3 keywords and a 3-level subject (a tagged library: many curated
// topics, so a bigger tree and graph, and no clusters).
import { core } from '../helpers.mjs';
import { paper, random } from './generate.mjs';

const size = Number(process.argv[2] ?? 10000);
const keywords = process.argv.includes('--keywords');
const KEYWORD_POOL = Array.from({ length: 2000 }, (_, i) => `keyword ${i.toString(36)}`);
const topicsOf = (i) => [
  ...Array.from({ length: 3 }, () => ({ kind: 'keyword', path: [KEYWORD_POOL[Math.floor(KEYWORD_POOL.length * random() ** 2)]] })),
  { kind: 'subject', path: ['Science', `Field ${i % 7}`, `Area ${i % 31}`], weight: 0.5 },
];
const papers = Array.from({ length: size }, (_, i) => {
  const p = paper(i);
  return { key: p.id, aliases: [], title: p.title, abstract: p.abstract, topics: keywords ? topicsOf(i) : [], authors: [] };
});
const inputs = papers.map((p, i) => core.topicInput(p, i, size));
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
global.gc?.();
const heapBefore = process.memoryUsage().heapUsed;
let peakHeap = heapBefore;
const sample = () => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed));
const ms = {};
let step = 'phrases';
let since = cpu();
const started = since;
const build = core.buildTopicData(inputs, (s) => {
  sample();
  if (s.step === step) return;
  ms[step] = cpu() - since;
  step = s.step;
  since = cpu();
});
ms[step] = cpu() - since;
sample();
const total = cpu() - started;
// What the server then does on its own thread with the worker's result, once per corpus: the
// topic tree, a step at a time between requests (the total and the longest step).
const stepped = (steps) => {
  let longest = 0;
  let all = 0;
  for (;;) {
    const t = cpu();
    const next = steps.next();
    const took = cpu() - t;
    longest = Math.max(longest, took);
    all += took;
    if (next.done) return { value: next.value, total: all, longest };
  }
};
const tree = stepped(core.CorpusTopics.inSteps(papers, build));
const corpusTopics = tree.value;
// ...and after every note edit, when a topic request comes: the notes laid over the corpus topics.
const graphStart = cpu();
const graph = core.buildGraph(corpusTopics, []);
const notesOverTopics = cpu() - graphStart;
// The full graph as the view asks for it (cut to 5,000 nodes), in steps, then its JSON.
const full = stepped(core.exportGraphSteps(graph, corpusTopics, { related: 2, maxNodes: 5000 }));
// A local graph (depth 3) around the largest topic and around a paper, as the view asks after an editor change.
const largest = [...graph.topics.values()].reduce((a, b) => (b.papers.length > a.papers.length ? b : a));
// In steps as the server runs it between requests: the total and the longest step.
const localAroundTopic = stepped(core.localGraphSteps(graph, corpusTopics, largest.id, 3, { related: 2 }));
const localAroundPaper = stepped(core.localGraphSteps(graph, corpusTopics, `paper:${papers[size >> 1].key}`, 3, { related: 2 }));
const jsonStart = cpu();
const json = JSON.stringify(full.value);
const fullJson = cpu() - jsonStart;
console.log(
  JSON.stringify({
    size,
    phrases: ms.phrases,
    similarity: ms.similarity,
    clusters: ms.clusters,
    total,
    keywords,
    topicTree: tree.total,
    topicTreeLongestStep: tree.longest,
    notesOverTopics,
    fullGraph: full.total,
    fullGraphLongestStep: full.longest,
    fullGraphJson: fullJson,
    fullGraphNodes: full.value.nodes.length,
    fullGraphEdges: full.value.edges.length,
    fullGraphTotal: full.value.total ?? full.value.nodes.length,
    fullGraphMB: Math.round(json.length / 1e5) / 10,
    localTopic: localAroundTopic.total,
    localTopicLongestStep: localAroundTopic.longest,
    localTopicPapers: largest.papers.length,
    localPaper: localAroundPaper.total,
    localPaperLongestStep: localAroundPaper.longest,
    phraseCount: build.mined.length,
    clusterCount: build.clusters.length,
    peakHeapMB: Math.round((peakHeap - heapBefore) / 1e6),
    maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
  }),
);
