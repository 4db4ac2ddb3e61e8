// `litnotes topics --report`: the top topics of a corpus as a reader checks them, with their
// kind, paper count and score; clusters with the phrases that name them.
import type { Paper } from './core/corpus/model';
import { buildGraph, CorpusTopics, topicPaperCount } from './core/topics/graph';

export function topicsReport(papers: Paper[], limit = 30): string {
  const corpusTopics = new CorpusTopics(papers);
  const graph = buildGraph(corpusTopics, []);
  const lines = [`Top ${limit} topic phrases of ${papers.length} papers (C-value with title weight; field phrases last):`, ''];
  corpusTopics.build.mined.slice(0, limit).forEach((m, k) => {
    const parent = m.parent ? `  (under "${corpusTopics.build.mined.find((p) => p.id === m.parent)?.label}")` : '';
    lines.push(`${String(k + 1).padStart(3)}. ${m.label.padEnd(42)} ${String(m.papers.length).padStart(5)} papers  score ${m.score.toFixed(2)}${m.generic ? '  [field]' : ''}${parent}`);
  });
  const clusters = corpusTopics.build.clusters;
  lines.push('', clusters.length ? `Clusters (${clusters.length}):` : 'Clusters: none (the corpus files most papers under its own topics)');
  for (const c of clusters.slice(0, limit)) lines.push(`  ${c.label.padEnd(60)} ${String(c.papers.length).padStart(5)} papers`);
  lines.push('', 'Topics view roots, in order:');
  for (const id of graph.roots.slice(0, limit)) {
    const t = graph.topics.get(id)!;
    lines.push(`  ${t.source.padEnd(8)} ${t.label} (${topicPaperCount(graph, t.id)})`);
  }
  return lines.join('\n');
}
