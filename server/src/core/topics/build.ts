// Everything about topics that costs time, as one function of plain data: phrases, the paper
// similarity, clusters. A worker thread runs it (server) or the caller directly (CLI, tests).
import { mineTopics, taggingPlan, type MinedTopic } from './topics';
import { PaperSimilarity, paperFeatures, type Neighbours } from './similarity';
import { clusterPapers, markFieldPhrases, type Cluster } from './clusters';

export interface TopicInputPaper {
  title: string;
  abstract?: string;
  /** Ids of the topics the corpus files it under (headers, subjects, keywords; not places). */
  curated: string[];
}

export interface TopicBuild {
  mined: MinedTopic[];
  clusters: Cluster[];
  neighbours: Neighbours;
}

/** Corpora larger than this are mined from titles only: tagging abstracts would cost minutes. */
export const MINE_ABSTRACTS_UP_TO = 20000;
/** Abstract words join the similarity up to this many papers. */
const ABSTRACT_WORDS_UP_TO = 5000;
/** Nearest papers kept per paper: related papers (up to this many) and cluster links. */
export const NEIGHBOURS = 15;

export interface BuildStep {
  step: 'phrases' | 'similarity' | 'clusters';
  /** 0 to 1 within the whole build. */
  done: number;
}

/** Whether the build reads a paper's abstract (else it can be left out of the input). */
export function abstractNeeded(index: number, count: number): boolean {
  return count <= ABSTRACT_WORDS_UP_TO || (count <= MINE_ABSTRACTS_UP_TO && taggingPlan(count).readsAbstract(index));
}

export function buildTopicData(papers: TopicInputPaper[], progress: (step: BuildStep) => void = () => {}): TopicBuild {
  const n = papers.length;
  const mined = mineTopics(papers, { titlesOnly: n > MINE_ABSTRACTS_UP_TO, progress: (done) => progress({ step: 'phrases', done: 0.6 * done }) });
  progress({ step: 'similarity', done: 0.6 });
  const phrasesOf: string[][] = papers.map(() => []);
  for (const phrase of mined) for (const p of phrase.papers) phrasesOf[p].push(phrase.id);
  const withAbstracts = n <= ABSTRACT_WORDS_UP_TO;
  const similarity = new PaperSimilarity(papers.map((p, i) => paperFeatures(p, phrasesOf[i], p.curated, { withAbstracts })));
  const neighbours = similarity.allNearest(NEIGHBOURS, (done) => progress({ step: 'similarity', done: 0.6 + 0.3 * done }));
  progress({ step: 'clusters', done: 0.9 });
  // Clusters are for corpora that do not file their papers under topics themselves.
  const tagged = papers.filter((p) => p.curated.length > 0).length;
  const clusters = tagged < n / 2 ? clusterPapers(neighbours, n, mined) : [];
  markFieldPhrases(mined, clusters, n);
  progress({ step: 'clusters', done: 1 });
  return { mined, clusters, neighbours };
}
