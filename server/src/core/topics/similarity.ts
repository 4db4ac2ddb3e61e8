// How alike two papers are: the cosine of their feature vectors (topic phrases, curated topics,
// title words and, in corpora small enough, abstract words), each feature weighted by its
// rarity (IDF). Related papers and clusters use this one measure.
import { STOP_WORDS, tokenize } from '../text';
import { normalizeWord } from './topics';

/** Each paper's nearest papers, k per paper, best first (-1 where fewer were found). */
export interface Neighbours {
  k: number;
  paper: Int32Array;
  score: Float32Array;
}

export interface FeatureOptions {
  /** Abstract words count too (a small corpus: more signal, affordable). */
  withAbstracts: boolean;
}

/** A paper's features as strings: "p:" phrases, "t:" curated topics, "w:" words. */
export function paperFeatures(
  paper: { title: string; abstract?: string },
  phrases: string[],
  curated: string[],
  options: FeatureOptions,
): string[] {
  const features = new Set<string>();
  for (const p of phrases) features.add(`p:${p}`);
  for (const t of curated) features.add(`t:${t}`);
  const text = options.withAbstracts ? `${paper.title} ${paper.abstract ?? ''}` : paper.title;
  for (const w of tokenize(text)) if (w.length > 3 && !STOP_WORDS.has(w)) features.add(`w:${normalizeWord(w)}`);
  return [...features];
}

/** Features shared by more papers than this say little and cost the most: they are left out. */
const maxDocFrequency = (n: number) => Math.max(30, Math.ceil(n * 0.05));
/** Phrases and curated topics say more than a single word. */
const KIND_WEIGHT: Record<string, number> = { p: 2, t: 2, w: 1 };

export class PaperSimilarity {
  private readonly featureIds: Int32Array[];
  private readonly weights: Float64Array;
  private readonly postings: Int32Array[];
  private readonly norms: Float64Array;
  readonly size: number;

  constructor(features: string[][]) {
    this.size = features.length;
    const idOf = new Map<string, number>();
    const names: string[] = [];
    const counts: number[] = [];
    this.featureIds = features.map((list) => {
      const ids = new Int32Array(list.length);
      list.forEach((f, k) => {
        let id = idOf.get(f);
        if (id === undefined) {
          id = names.length;
          idOf.set(f, id);
          names.push(f);
          counts.push(0);
        }
        counts[id]++;
        ids[k] = id;
      });
      return ids;
    });
    const n = Math.max(1, this.size);
    this.weights = new Float64Array(names.length);
    names.forEach((name, id) => (this.weights[id] = KIND_WEIGHT[name[0]] * Math.log(1 + n / counts[id])));
    // Postings only for features rare enough to be worth following.
    const limit = maxDocFrequency(n);
    const lists: number[][] = names.map((_, id) => (counts[id] > 1 && counts[id] <= limit ? [] : []));
    this.featureIds.forEach((ids, paper) => {
      for (const id of ids) if (counts[id] > 1 && counts[id] <= limit) lists[id].push(paper);
    });
    this.postings = lists.map((l) => Int32Array.from(l));
    this.norms = new Float64Array(this.size);
    this.featureIds.forEach((ids, paper) => {
      let sum = 0;
      for (const id of ids) sum += this.weights[id] ** 2;
      this.norms[paper] = Math.sqrt(sum) || 1;
    });
  }

  /** The k papers most like one paper, best first. */
  nearest(paper: number, k: number): { paper: number; score: number }[] {
    const papers = new Int32Array(k).fill(-1);
    const scores = new Float32Array(k);
    this.nearestInto(paper, k, papers, scores, 0, new Scratch(this.size, k));
    const found: { paper: number; score: number }[] = [];
    for (let j = 0; j < k && papers[j] >= 0; j++) found.push({ paper: papers[j], score: scores[j] });
    return found;
  }

  /**
   * Writes the k nearest papers of one paper into `papers`/`scores` at `at`, best first.
   * Allocates nothing: sorting every candidate (thousands per paper at 100k papers, where a
   * common title word is in 5,000 papers) took 100 s of CPU for the corpus; keeping the best k
   * as candidates are scored is linear in the postings read.
   */
  private nearestInto(paper: number, k: number, papers: Int32Array, scores: Float32Array, at: number, scratch: Scratch): void {
    const { sums, touched } = scratch;
    let count = 0;
    for (const id of this.featureIds[paper]) {
      const w2 = this.weights[id] ** 2;
      for (const other of this.postings[id]) {
        if (other === paper) continue;
        if (sums[other] === 0) touched[count++] = other;
        sums[other] += w2;
      }
    }
    const best = scratch.best;
    const bestScore = scratch.bestScore;
    let kept = 0;
    const norm = this.norms[paper];
    for (let t = 0; t < count; t++) {
      const other = touched[t];
      const score = sums[other] / (norm * this.norms[other]);
      sums[other] = 0;
      // Best first; among equal scores the lower paper index first (the same order every run).
      if (kept === k && !(score > bestScore[k - 1] || (score === bestScore[k - 1] && other < best[k - 1]))) continue;
      let j = kept < k ? kept++ : k - 1;
      while (j > 0 && (bestScore[j - 1] < score || (bestScore[j - 1] === score && best[j - 1] > other))) {
        best[j] = best[j - 1];
        bestScore[j] = bestScore[j - 1];
        j--;
      }
      best[j] = other;
      bestScore[j] = score;
    }
    for (let j = 0; j < kept; j++) {
      papers[at + j] = best[j];
      scores[at + j] = bestScore[j];
    }
  }

  /** Every paper's k nearest papers, as typed arrays (cheap to hand from a worker). */
  allNearest(k: number, progress?: (done: number) => void, shouldStop?: () => boolean): Neighbours {
    const paper = new Int32Array(this.size * k).fill(-1);
    const score = new Float32Array(this.size * k);
    const scratch = new Scratch(this.size, k);
    for (let i = 0; i < this.size; i++) {
      this.nearestInto(i, k, paper, score, i * k, scratch);
      if (i % 2000 === 1999) {
        progress?.(i / this.size);
        if (shouldStop?.()) throw new Error('cancelled');
      }
    }
    return { k, paper, score };
  }
}

/** Per-build working memory of the nearest-paper search (one allocation, reused per paper). */
class Scratch {
  readonly sums: Float64Array;
  readonly touched: Int32Array;
  readonly best: Int32Array;
  readonly bestScore: Float64Array;
  constructor(size: number, k = 64) {
    this.sums = new Float64Array(size);
    this.touched = new Int32Array(size);
    this.best = new Int32Array(k);
    this.bestScore = new Float64Array(k);
  }
}

/** The neighbours of one paper from the table, best first. */
export function neighboursOf(table: Neighbours, paper: number): { paper: number; score: number }[] {
  const found: { paper: number; score: number }[] = [];
  for (let j = 0; j < table.k; j++) {
    const other = table.paper[paper * table.k + j];
    if (other >= 0) found.push({ paper: other, score: table.score[paper * table.k + j] });
  }
  return found;
}
