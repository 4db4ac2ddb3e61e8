// One topic build in this process, timed step by step in CPU time (the machine is shared, so
// waiting for a core is not counted): phrases (wink-nlp tagging and matching), the nearest-paper
// similarity, Louvain clusters. Prints one JSON line. Run by scenarios/topics.mjs in a child
// process per size, so each size has the heap to itself:
//   node --expose-gc test/bench/topicPieces.mjs 100000
import { core } from '../helpers.mjs';
import { paper } from './generate.mjs';

const size = Number(process.argv[2] ?? 10000);
const papers = Array.from({ length: size }, (_, i) => {
  const p = paper(i);
  return { key: p.id, aliases: [], title: p.title, abstract: p.abstract, topics: [], authors: [] };
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
// What the server then does on its own thread with the worker's result, once per corpus.
const mainStart = cpu();
const corpusTopics = new core.CorpusTopics(papers, build);
const topicTree = cpu() - mainStart;
// ...and after every note edit, when a topic request comes: the notes laid over the corpus topics.
const graphStart = cpu();
core.buildGraph(corpusTopics, []);
const notesOverTopics = cpu() - graphStart;
const mainThread = cpu() - mainStart;
console.log(
  JSON.stringify({
    size,
    phrases: ms.phrases,
    similarity: ms.similarity,
    clusters: ms.clusters,
    total,
    mainThread,
    topicTree,
    notesOverTopics,
    phraseCount: build.mined.length,
    clusterCount: build.clusters.length,
    peakHeapMB: Math.round((peakHeap - heapBefore) / 1e6),
    maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
  }),
);
