// The topic graph for the client: the tree view's children, related papers, the graph picture.
import { exportGraphSteps, localGraphSteps, relatedPapers, topicPaperCount, type TopicGraph } from '../core/topics/graph';
import { shortCredit } from '../core/output/card';
import { onRequest, type ServerContext } from '../context';
import { runInSlices } from '../service/inSlices';
import { GraphRequest, RelatedRequest, TopicsRequest, TopicTreeRequest, type TreeNode } from '../protocol';

const SOURCE_LABEL: Record<string, string> = { header: 'topic header', subject: 'subject', keyword: 'keyword', cluster: 'cluster of similar papers', mined: 'phrase', tag: 'note tag', place: 'place' };

export function registerTopics(context: ServerContext): void {
  const { service } = context;
  onRequest(context, TopicTreeRequest, async ({ id }, token) => {
    // Never wait for the build: the view shows how far it is and asks again.
    const progress = service.topicsProgress();
    if (progress !== undefined) return [buildingNode(progress)];
    return treeChildren(await service.topicGraph(token), id);
  });
  onRequest(context, RelatedRequest, async ({ key, limit }, token) =>
    relatedPapers(await service.corpusTopics(token), key, limit ?? 10).map((r) => ({ key: r.paper.key, title: r.paper.title, score: r.score, shared: [...new Set(r.shared)] })),
  );
  onRequest(context, TopicsRequest, async (_params, token) => {
    const graph = await service.topicGraph(token);
    return [...graph.topics.values()]
      .filter((t) => t.source !== 'place')
      .map((t) => ({ id: t.id, label: t.label, source: t.source, count: topicPaperCount(graph, t.id) }))
      .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
  });
  onRequest(context, GraphRequest, async ({ topic, related, around, depth }, token) => {
    const graph = await service.topicGraph(token);
    const corpus = await service.corpusTopics(token);
    // Both worked out in slices between other requests: the full graph is cut to what the view
    // draws; a local graph of depth 3 around a large topic walks thousands of links.
    const stale = () => token.isCancellationRequested;
    if (!around) return runInSlices(exportGraphSteps(graph, corpus, { topic, related, maxNodes: FULL_GRAPH_NODES }), stale);
    return runInSlices(localGraphSteps(graph, corpus, around, Math.min(3, Math.max(1, depth ?? 2)), { related: related ?? 2 }), stale);
  });
}

/** Most nodes of the full graph: the view draws 10,000 at a few frames a second without a GPU (see DEVELOPMENT.md). */
export const FULL_GRAPH_NODES = 5000;

/** Papers listed under one topic; a larger topic ends with a node saying how many more it has. */
export const TREE_PAPERS = 1000;

/** The one node the view shows while topics build; the client asks again until it goes. */
export function buildingNode(progress: number): TreeNode {
  return { id: 'building', kind: 'topic', label: `Building topics… ${Math.round(progress * 100)}%`, description: 'phrases, similar papers, clusters', source: 'building', collapsible: false };
}

/** Children in the tree: topics → subtopics, papers (and tagged notes) → notes citing a paper. */
export function treeChildren(graph: TopicGraph, id?: string): TreeNode[] {
  const topicNode = (topicId: string): TreeNode => {
    const t = graph.topics.get(topicId)!;
    const count = topicPaperCount(graph, topicId);
    return {
      id: topicId,
      kind: 'topic',
      label: t.label,
      description: `${count} paper${count === 1 ? '' : 's'}${t.notes.length ? ` · ${t.notes.length} note${t.notes.length === 1 ? '' : 's'}` : ''} · ${SOURCE_LABEL[t.source]}`,
      source: t.source,
      count,
      collapsible: count > 0 || t.children.length > 0 || t.notes.length > 0,
    };
  };
  const noteNode = (uri: string): TreeNode => {
    const note = graph.notes.find((n) => n.uri === uri);
    return { id: `note:${uri}`, kind: 'note', label: note?.title ?? uri, description: 'note', collapsible: false, ref: uri };
  };
  if (!id) return graph.roots.map(topicNode);
  if (id.startsWith('paper:')) {
    const key = id.slice('paper:'.length);
    const index = graph.indexOfKey.get(key);
    return index === undefined ? [] : (graph.citedBy.get(index) ?? []).map(noteNode);
  }
  const topic = graph.topics.get(id);
  if (!topic) return [];
  const byTitle = new Intl.Collator().compare; // a tenth of localeCompare's time per call: a topic can hold 10,000 papers
  const list = topic.papers;
  const weightOf = (k: number) => list.weight(k) ?? 0;
  // Positions in the topic's list, sorted: one small typed array, not an object per paper.
  const sorted = Int32Array.from({ length: list.length }, (_, k) => k).sort(
    (a, b) => weightOf(b) - weightOf(a) || byTitle(graph.papers[list.paper(a)].title, graph.papers[list.paper(b)].title),
  );
  const papers = Array.from(sorted.subarray(0, TREE_PAPERS), (k): TreeNode => {
    const paper = list.paper(k);
    const weight = list.weight(k);
    const p = graph.papers[paper];
    const citing = graph.citedBy.get(paper)?.length ?? 0;
    const details = [shortCredit(p), weight !== undefined ? `weight ${weight}` : '', citing ? `cited in ${citing} note${citing === 1 ? '' : 's'}` : ''];
    return { id: `paper:${p.key}`, kind: 'paper', label: p.title, description: details.filter((d) => d).join(' · '), collapsible: citing > 0, ref: p.key };
  });
  const left = sorted.length - papers.length;
  const more: TreeNode[] = left > 0 ? [{ id: `more:${id}`, kind: 'more', label: `… ${left.toLocaleString('en')} more paper${left === 1 ? '' : 's'}`, description: 'in the topic graph, or Search Papers', collapsible: false, ref: id }] : [];
  return [...topic.children.map(topicNode), ...papers, ...more, ...topic.notes.map(noteNode)];
}
