// Clusters: communities (Louvain, graphology-communities-louvain) of the graph that links each
// paper to its most similar papers, named by the phrases that set them apart.
import Graph from 'graphology';
import louvain from 'graphology-communities-louvain';
import type { MinedTopic } from './topics';
import { neighboursOf, type Neighbours } from './similarity';

export interface Cluster {
  /** "cluster:1", "cluster:2", ... by size. */
  id: string;
  /** Its top phrases: "partition algebra · equivariant layers". */
  label: string;
  /** Ids of the phrases that name it, best first. */
  phrases: string[];
  papers: number[];
}

export interface ClusterOptions {
  /** Neighbours per paper used as links (fewer than the table holds is fine). */
  links?: number;
  /** Links weaker than this are left out. */
  minScore?: number;
  /** Most clusters kept, the largest first. */
  maxClusters?: number;
}

/**
 * Links per paper. Ten read the communities best; beyond 20,000 papers five: the graph (held
 * by graphology as objects) then takes about half the memory and Louvain half the time (100k
 * papers: some 240 MB instead of 400 MB, 5 s of CPU instead of 10 s), and the communities of
 * a large corpus are still held together by the many papers in each.
 */
const defaultLinks = (size: number) => (size > 20000 ? 5 : 10);

/** A fixed-seed generator: the same corpus gives the same clusters every time. */
function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

export function clusterPapers(neighbours: Neighbours, size: number, phrases: MinedTopic[], options: ClusterOptions = {}): Cluster[] {
  const links = Math.min(options.links ?? defaultLinks(size), neighbours.k);
  const minScore = options.minScore ?? 0.05;
  const graph = new Graph({ type: 'undirected', multi: false });
  for (let i = 0; i < size; i++) graph.addNode(i);
  for (let i = 0; i < size; i++) {
    for (const { paper, score } of neighboursOf(neighbours, i).slice(0, links)) {
      if (score < minScore) continue;
      // Mutual neighbours link more strongly.
      if (graph.hasEdge(i, paper)) graph.updateEdgeAttribute(i, paper, 'weight', (w: number | undefined) => (w ?? 0) + score);
      else graph.addEdge(i, paper, { weight: score });
    }
  }
  if (graph.size === 0) return [];
  const community = louvain(graph, { getEdgeWeight: 'weight', rng: seeded(7) });
  const members = new Map<number, number[]>();
  for (let i = 0; i < size; i++) {
    if (graph.degree(i) === 0) continue; // a paper like no other belongs to no cluster
    const c = community[i];
    const list = members.get(c) ?? [];
    list.push(i);
    members.set(c, list);
  }
  const minSize = Math.max(3, Math.ceil(size * 0.005));
  const groups = [...members.values()].filter((m) => m.length >= minSize && m.length < size).sort((a, b) => b.length - a.length || a[0] - b[0]);
  return groups.slice(0, options.maxClusters ?? 30).map((papers, k) => {
    const cluster: Cluster = { id: `cluster:${k + 1}`, label: '', phrases: [], papers };
    nameCluster(cluster, phrases, size);
    return cluster;
  });
}

/**
 * Phrases of the field, told by two measures together (neither alone is enough on a small
 * corpus): the phrase mostly qualifies other nouns where it is written ("machine learning
 * tasks", "machine learning community": context, not what a paper is about), and its papers
 * spread over the clusters rather than gathering in one (no cluster holds more than half of
 * them, and at least two hold some). Such phrases become generic: they rank below the specific
 * ones and name no cluster. Returns the phrases marked; mined stays ordered, generic last.
 */
export function markFieldPhrases(mined: MinedTopic[], clusters: Cluster[], size: number): MinedTopic[] {
  if (clusters.length < 2) return [];
  const clusterOf = new Int32Array(size).fill(-1);
  clusters.forEach((c, k) => {
    for (const p of c.papers) clusterOf[p] = k;
  });
  const marked = mined.filter((phrase) => {
    if (phrase.generic || phrase.qualifying < FIELD_QUALIFYING_SHARE) return false;
    const counts = new Map<number, number>();
    let clustered = 0;
    for (const p of phrase.papers) {
      const k = clusterOf[p];
      if (k < 0) continue;
      counts.set(k, (counts.get(k) ?? 0) + 1);
      clustered++;
    }
    return counts.size >= 2 && Math.max(...counts.values()) <= clustered / 2;
  });
  if (marked.length === 0) return [];
  for (const phrase of marked) phrase.generic = true;
  // Stable: the specific phrases keep their order, the field phrases follow in theirs.
  mined.sort((a, b) => Number(a.generic) - Number(b.generic));
  for (const cluster of clusters) nameCluster(cluster, mined, size);
  return marked;
}

/** Share of the times written a phrase qualifies another noun, from which it may name the field. */
const FIELD_QUALIFYING_SHARE = 0.6;

function nameCluster(cluster: Cluster, phrases: MinedTopic[], size: number): void {
  const k = Number(cluster.id.slice('cluster:'.length));
  const names = namingPhrases(cluster.papers, phrases, size);
  cluster.label = names.map((p) => p.label).join(' · ') || `cluster ${k}`;
  cluster.phrases = names.map((p) => p.id);
}

/** Phrases frequent inside the cluster and rare outside it (a lift score), at most two. */
function namingPhrases(papers: number[], phrases: MinedTopic[], size: number): MinedTopic[] {
  const inside = new Set(papers);
  return phrases
    .map((phrase) => {
      let hits = 0;
      for (const p of phrase.papers) if (inside.has(p)) hits++;
      const share = hits / papers.length;
      const lift = share / (phrase.papers.length / size);
      // A phrase naming the whole field names no cluster.
      return { phrase, hits, value: hits >= 2 ? share * Math.log(1 + lift) * (phrase.generic ? 0.2 : 1) : 0 };
    })
    .filter((s) => s.value > 0)
    .sort((a, b) => b.value - a.value || (a.phrase.id < b.phrase.id ? -1 : 1))
    .map((s) => s.phrase)
    .reduce<MinedTopic[]>((names, phrase) => {
      // "protein structure" adds nothing next to "protein structure prediction".
      const overlaps = names.some((n) => ` ${n.id} `.includes(` ${phrase.id} `) || ` ${phrase.id} `.includes(` ${n.id} `));
      return names.length < 2 && !overlaps ? [...names, phrase] : names;
    }, []);
}
